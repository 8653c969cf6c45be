"""Power rivalry: what the paper says about Russia, China, the USA and Iran, and what the data shows."""

from datetime import date

import streamlit as st

from turan import filters, pages, rivalry, schema, ui
from turan.charts.rivalry import TITLES, Options
from turan.export import LazyCsv
from turan.text import md_escape
from turan.views import rivalry as views

KEY_LOOSE, KEY_INDICATOR, KEY_INDEX = "rivalry_loose", "rivalry_indicator", "rivalry_index"
KEY_BASE_YEAR, KEY_POWERS = "rivalry_base_year", "rivalry_with_powers"

PAGE = pages.for_script(__file__)
data, f = ui.current()
names = data.country_names()
today = date.today()
selection = filters.in_words(f, names, record=False)


def download(label: str, csv: LazyCsv, name: str) -> None:
    st.download_button(label, data=csv, file_name=f"turan-{name}.csv", mime="text/csv", on_click="ignore")


stage = ui.heading(PAGE.id)
st.markdown(
    "The paper argues that Turkey's ambitions meet four powers already present in the Turkic states: Russia, "
    "China, the United States and Iran. Below: what the paper says about each of them (with its footnotes), "
    "how many of the selected states belong to organisations each power leads, the foreign bases in them, "
    "and military spending. Nothing here is combined into a score."
)
st.caption(f"Selection: {md_escape(selection)}" + (" · the paper-only filter does not apply to this page: its "
                                                   "memberships, bases and spending come from public records"
                                                   if f.paper_only else ""))

st.header("What the paper says")
grid = ui.view(views.grid)
st.caption("From the paper's section “Power rivalry in Central Asia: the crowded market” and its conclusion, "
           "in our own words; the footnote each claim rests on is in brackets (“main text” where no footnote "
           "follows). This grid is the same for every country and year selection.")
# One tab per power, its interests, instruments and stance side by side: the grid stays one screen tall.
tabs = st.tabs([md_escape(names[p]) + (" (reference)" if p == filters.REFERENCE else "") for p in schema.POWERS])
for tab, power in zip(tabs, schema.POWERS):
    for column, (dimension, title) in zip(tab.columns(len(rivalry.DIMENSION_TITLES)),
                                          rivalry.DIMENSION_TITLES.items()):
        column.markdown(f"**{md_escape(title)}**")
        column.markdown(grid.cells[dimension][power])
if grid.missing:
    st.info(f"The section names no {' or '.join(grid.missing)} instrument for any power; the bases below fill in "
            "some of the military presence from other sources.")
download("Download the evidence grid (CSV)", grid.csv, "rivalry-evidence")

st.header("Institutional reach")
loose = st.toggle("Also count observers, associates and dialogue partners", key=KEY_LOOSE)
reach = ui.view(views.reach, f, loose, today)
st.caption("Each panel counts the selected states that, on 31 December of each year, belong to at least one "
           "organisation the power leads (organisations.csv, column led_by): members, and partners of NATO's "
           "Partnership for Peace" + ("; with observers, associates and dialogue partners" if loose else "")
           + f". Unit: number of states. Source: memberships.csv, dated from {reach.source_count} official pages, "
           "treaties and references listed on the Sources page.")
ui.chart(reach.chart, stage=stage)
download("Download the reach data (CSV)", reach.csv, "rivalry-reach")

st.header("Foreign military bases")
bases = ui.view(views.bases, f, today)
st.caption(f"Bases and facilities run by another state in the selected countries, in use at some time in the "
           f"selected years. Unit: years of use. Source: {md_escape(bases.source)}.")
ui.chart(bases.chart)
if bases.table is not None:
    st.dataframe(bases.table, hide_index=True, width="stretch", placeholder="")
    download("Download these bases (CSV)", bases.csv, "rivalry-bases")

st.header(TITLES["indicator"])  # the section of the spending chart
left, middle, right = st.columns([2, 1, 1])
indicator_id = left.selectbox(
    "Indicator", [i.indicator_id for i in schema.INDICATORS], key=KEY_INDICATOR,
    format_func=lambda i: f"{schema.INDICATOR_BY_ID[i].title} ({schema.INDICATOR_BY_ID[i].unit})")
as_index = middle.toggle("Show as an index", key=KEY_INDEX)
with_powers = right.toggle("Add the four powers", key=KEY_POWERS)
base_year = None
if as_index:
    choice = ui.view(views.indicator_choice, f, indicator_id, with_powers)
    base_year = st.selectbox("Base year (= 100)", choice.years, index=choice.years.index(choice.default_base_year),
                             key=KEY_BASE_YEAR)
spending = ui.view(views.indicator, f, indicator_id, with_powers, base_year, today)
st.caption(f"Source: {md_escape(spending.source)}. Unit: {md_escape(spending.unit)}; price basis: "
           f"{md_escape(spending.price_basis)}. Years the "
           "dataset does not cover are gaps, never filled in.")
ui.chart(spending.chart)
download("Download the chart data (CSV)", spending.csv, f"rivalry-{indicator_id}")

st.header("Arms suppliers")
ui.chart(ui.view(views.suppliers, f.countries_only(), today))  # a fixed window: the sidebar's years do not apply
st.page_link(pages.BY_ID["arms"].script, label="Who arms the Turkic states: every supplier, year and deal",
             icon=":material/rocket_launch:")
ui.deck_button(PAGE.id, Options(loose=loose, indicator_id=indicator_id, as_index=as_index, base_year=base_year,
                                   with_powers=with_powers))
