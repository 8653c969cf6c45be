"""Agreement timeline: thirty years of Turkey's defence diplomacy with each partner, and the event list."""

from datetime import date

import streamlit as st

from turan import claims, pages, schema, ui
from turan.charts import timeline as charts
from turan.text import md_escape
from turan.views import timeline as views

KEY_KINDS, KEY_SEARCH = "timeline_kinds", "timeline_search"

PAGE = pages.for_script(__file__)
data, f = ui.current()
focus, focus_label = ui.focus()
options = charts.Options(focus, focus_label)
v = ui.view(views.page, f, date.today(), options)

stage = ui.heading(PAGE.id)
st.markdown(
    "Turkey's agreements, visits, exercises, arms deals and summits with each partner, from the paper and from "
    "public records, in one lane per partner; above them, what the rival powers and the region did without "
    "Turkey. A filled marker is known to the day, a hollow one on a thin bar only to the month or year. A dot "
    "inside a marker: from public records, not the paper (2021, when the paper was published, is shaded; the "
    "sidebar's \u201cWhat the paper records\u201d shows its record alone). A numbered circle stands for that many "
    f"events in a crowded period: narrow the years to see each. A {claims.MARK} beside a marker: the check of the "
    "paper against public evidence found a problem with it. Hover a marker for details and source; the bars underneath "
    "count the events with Turkey per year."
)
if focus:
    with st.container(border=True):
        st.markdown(f"Showing only the {len(focus)} events {md_escape(focus_label)} (those in the sidebar's "
                    "selection: the countries and years it names).")
        st.button("Show all events", key="timeline_unfocus", on_click=ui.clear_focus, icon=":material/close:")
st.caption(f"Selection: {md_escape(v.selection)} · {v.count} events")

if v.chart is None:
    st.info(v.empty)
else:
    ui.chart(v.chart, stage=stage)
    ui.deck_button(PAGE.id, options)

    st.subheader("The events")
    left, right = st.columns([1, 2])
    kinds = left.multiselect("Kind", schema.EVENT_KINDS, format_func=str.capitalize, key=KEY_KINDS,
                             placeholder="All kinds")
    words = right.text_input("Search titles and descriptions", key=KEY_SEARCH,
                             placeholder="e.g. protocol, TAKM, Almaty")
    found = ui.view(views.table, f, tuple(kinds), words, options)
    table = found.table
    st.caption(f"{len(table)} of {v.count} events, oldest first; undated events last"
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
                "check": st.column_config.TextColumn(f"{claims.MARK} Check", width="medium",
                                                     help="What the check of the paper found wrong with this event "
                                                          "(see the page \u201cThe paper checked\u201d)."),
            },
        )
        st.download_button("Download these events (CSV)", data=found.csv, file_name="turan-events.csv",
                           mime="text/csv", on_click="ignore")
