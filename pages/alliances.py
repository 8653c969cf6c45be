"""Alliance map: who belongs to which organisation as of a year, and how the memberships overlap."""

from datetime import date

import streamlit as st

from turan import alliances, pages, ui
from turan.charts.alliances import Options
from turan.text import md_escape
from turan.views import alliances as views

KEY_YEAR, KEY_MODE, KEY_ORG, KEY_ORGS, KEY_RIVALS = "map_year", "map_mode", "map_org", "map_orgs", "map_rivals"
KEY_FOLLOWS = "map_year_follows"  # the sidebar's last year when the map's year last followed it

PAGE = pages.for_script(__file__)
data, f = ui.current()
first, latest = ui.year_bounds()
orgs_all = alliances.org_order(data.organisations, data.organisations["org_id"])
org_labels = alliances.org_labels(data.organisations)
defence = alliances.defence_orgs(data.organisations)


if st.session_state.get(KEY_FOLLOWS) != f.years[1]:  # the map's year starts at, and follows, the sidebar's last year
    st.session_state[KEY_YEAR] = st.session_state[KEY_FOLLOWS] = f.years[1]


def step(delta: int) -> None:
    """Move the year slider by one year, within its range."""
    st.session_state[KEY_YEAR] = min(max(st.session_state[KEY_YEAR] + delta, first), latest)


stage = ui.heading(PAGE.id)
st.markdown(
    "Who belongs to what, and how the memberships overlap: Turkey in NATO, Kazakhstan and Kyrgyzstan in "
    "the Russian-led CSTO, nearly everyone in the SCO or the CIS, the Turkic Council growing, Uzbekistan "
    "leaving and rejoining the CSTO, neutral Turkmenistan. Move the year to watch it change. A year means "
    "its last day, 31 December (today for the current year); hover a country for all its memberships.")

st.session_state.setdefault(KEY_YEAR, latest)
slider, back, forward = st.columns([8, 1, 1], vertical_alignment="bottom")
year = slider.slider("Memberships as of the end of", min_value=first, max_value=latest, step=1, key=KEY_YEAR,
                     help="The sidebar's year range does not apply here: this page shows one year.")
back.button("◀ Year", on_click=step, args=(-1,), disabled=year <= first, width="stretch", key="map_year_back")
forward.button("Year ▶", on_click=step, args=(1,), disabled=year >= latest, width="stretch", key="map_year_next")

left, middle, right = st.columns([2, 3, 5])
mode = left.radio("Map shows", list(alliances.MODES), format_func=alliances.MODES.get, key=KEY_MODE)
org = middle.selectbox("Organisation (one-organisation map)", orgs_all, key=KEY_ORG,
                       index=orgs_all.index(alliances.DEFAULT_ORG), disabled=mode != alliances.ONE,
                       format_func=org_labels.get)
orgs = alliances.org_order(data.organisations, right.multiselect(
    "Organisations compared (overlap map, matrix and set chart)", orgs_all, default=list(alliances.DEFAULT_ORGS),
    key=KEY_ORGS, placeholder="Choose organisations"))
rivals = st.toggle("Show the rival powers (Russia, China, the United States, Iran)", value=True, key=KEY_RIVALS)

options = Options(year=year, mode=mode, org=org, orgs=tuple(orgs), rivals=rivals)
key = (f.countries_only(), options, date.today())  # the map reads its own year, not the sidebar's range
v = ui.view(views.page, *key)
st.caption(f"{md_escape(v.subtitle)}. Turkey is always shown as the reference; choose partners in the sidebar.")
if ui.presenting():  # the first screen shows the map whole, with its title and source: the exportable twin
    ui.chart(ui.view(views.exportable, *key), key="map_stage", stage=stage)

# The map drawn by plotly opens first: plotly is on every page already, so the page is whole at once; the interactive
# deck.gl map (its own 3 MB of code on a first visit) is drawn when its tab is opened.
exportable, interactive = st.tabs(list(views.TABS), key="map_tab", on_change="rerun")
if exportable.open and ui.presenting():  # drawn whole on the first screen already
    exportable.caption("The map is drawn above, whole, as on a slide. The interactive map is in the next tab.")
elif exportable.open:
    with exportable:
        ui.chart(ui.view(views.exportable, *key), key="map_twin")
        st.caption("Hover a country for its memberships; save the map with the camera button above it. The "
                   "interactive map (next tab) draws the same map with deck.gl: drag to pan, scroll to zoom.")
if interactive.open:
    interactive.pydeck_chart(ui.view(views.interactive, *key), width="stretch", height=views.MAP_HEIGHT,
                             alt=v.words)
    ui.describe_chart(v.words)
    interactive.markdown(v.legend_markdown)
    interactive.caption("Drag to pan, scroll to zoom.")
st.caption("Borders are Natural Earth's de facto lines, not a judgement on disputed areas (Crimea, for instance, "
           "is drawn inside Russia). Grey countries are outside the country selection or the study.")

st.caption(f"{alliances.DEFENCE_MARK} Mutual-defence clause: {md_escape(alliances.defence_words(defence))}. "
           "Holding two such memberships at once would be an exclusive obligation in conflict.")
for sentence in v.clashes:
    st.warning(md_escape(sentence), icon=":material/gpp_maybe:")
if not v.clashes:
    st.caption(f"No country in view holds two mutual-defence memberships as of {md_escape(v.day_words)}.")

if not v.shown:
    st.info("Choose at least one organisation to compare.")
else:
    ui.chart(v.matrix, key="map_matrix")
    if v.sets is None:
        st.info("Choose organisations to compare to see which combinations occur.")
    else:
        ui.chart(v.sets, key="map_sets")
    st.download_button("Download the membership rows behind this view (CSV)", data=v.csv, file_name=v.download_name,
                       mime="text/csv", on_click="ignore")
ui.deck_button(PAGE.id, options)
