"""Agreement timeline: thirty years of Turkey's defence diplomacy with each partner, and the event list."""

import streamlit as st

from turan import deck, describe, filters, query, schema, timeline, ui
from turan.export import csv_bytes
from turan.figures import timeline as timeline_figure

KEY_KINDS, KEY_SEARCH = "timeline_kinds", "timeline_search"

data, f = ui.current()
names = data.country_names()
events = filters.events(data.events, f)

st.title("Agreement timeline")
st.markdown(
    "Agreements, protocols, visits, exercises, organisations and defence-industry deals between Turkey "
    "and each partner, as the paper records them. An event with several partners appears in each "
    "partner's lane. A filled marker is an event known to the day; a hollow marker on a thin bar is "
    "known only to the month or the year, and the bar spans that month or year. Hover a marker for "
    "its details and source; the bars underneath count the events per year."
)
st.caption(f"Selection: {filters.describe(f, names)} · {len(events)} events")

if events.empty:
    st.info("No recorded events for this selection.")
else:
    tl = timeline.build(events, data.countries, data.sources, f, schema.EVENT_KINDS)
    fig = timeline_figure.figure(tl, schema.EVENT_KINDS, filters.describe(f, names),
                                 query.cite_short(data.sources, events["source_id"]))
    selection = filters.describe(f, names)
    ui.chart(fig, "agreement-timeline", selection, description=" ".join((
        describe.timeline_events(tl.placed, tl.lanes, tl.undated, selection),
        describe.events_per_year(tl.counts, f.years, selection))))
    ui.deck_button(["timeline"], deck.Options())

    st.subheader("The events")
    left, right = st.columns([1, 2])
    kinds = left.multiselect("Kind", schema.EVENT_KINDS, format_func=str.capitalize, key=KEY_KINDS,
                             placeholder="All kinds")
    words = right.text_input("Search titles and descriptions", key=KEY_SEARCH,
                             placeholder="e.g. protocol, TAKM, Almaty")
    table = timeline.table(timeline.search(events, kinds, words), names, data.sources)
    st.caption(f"{len(table)} of {len(events)} events, oldest first; undated events last"
               + ("" if f.full_period else " (only when the whole period is selected)"))
    if table.empty:
        st.info("No events match this kind and search.")
    else:
        st.dataframe(
            table, hide_index=True, width="stretch", placeholder="",
            column_config={
                "date": st.column_config.TextColumn("Date (as known)"),
                "about_date": st.column_config.TextColumn("About the date", width="medium"),
                "parties": st.column_config.TextColumn("Parties", width="medium"),
                "kind": st.column_config.TextColumn("Kind", width="small"),
                "title": st.column_config.TextColumn("Title", width="medium"),
                "description": st.column_config.TextColumn("Description", width="large"),
                "source": st.column_config.TextColumn("Source", width="medium"),
            },
        )
        st.download_button("Download these events (CSV)", data=csv_bytes(table), file_name="turan-events.csv",
                           mime="text/csv", on_click="ignore")
