"""Power rivalry: what the paper says about Russia, China, the USA and Iran, and what the data shows."""

from datetime import date

import pandas as pd
import streamlit as st

from turan import deck, describe, filters, query, rivalry, schema, ui
from turan.export import csv_bytes
from turan.figures import rivalry as figures

KEY_LOOSE, KEY_INDICATOR, KEY_INDEX = "rivalry_loose", "rivalry_indicator", "rivalry_index"
KEY_BASE_YEAR, KEY_POWERS = "rivalry_base_year", "rivalry_with_powers"

data, f = ui.current()
names = data.country_names()
today = pd.Timestamp(date.today())
selection = filters.describe(f, names)


def download(label: str, frame: pd.DataFrame, name: str) -> None:
    st.download_button(label, data=csv_bytes(frame), file_name=f"turan-{name}.csv", mime="text/csv",
                       on_click="ignore")


st.title("Power rivalry")
st.markdown(
    "The paper argues that Turkey's ambitions meet four powers already present in the Turkic states: Russia, "
    "China, the United States and Iran. Below: what the paper says about each of them (with its footnotes), "
    "how many of the selected states belong to organisations each power leads, the foreign bases in them, "
    "and military spending. Nothing here is combined into a score."
)
st.caption(f"Selection: {selection}")

st.header("What the paper says")
table = rivalry.grid_table(data.rivalry, data.sources, names)
st.caption("From the paper's section “Power rivalry in Central Asia: the crowded market” and its conclusion, "
           "in our own words; the footnote each claim rests on is in brackets (“main text” where no footnote "
           "follows). This grid is the same for every country and year selection.")
for dimension, title in rivalry.DIMENSION_TITLES.items():
    st.subheader(title)
    for column, power in zip(st.columns(len(schema.POWERS)), schema.POWERS):
        with column:
            st.markdown(f"**{names[power]}**" + (" (reference)" if power == filters.REFERENCE else ""))
            st.markdown(rivalry.cell_markdown(rivalry.grid_cells(table, dimension, names[power])))
if missing := rivalry.types_not_named(table):
    st.info(f"The section names no {' or '.join(missing)} instrument for any power; the bases below fill in "
            "some of the military presence from other sources.")
download("Download the evidence grid (CSV)", table, "rivalry-evidence")

st.header("Institutional reach")
loose = st.toggle("Also count observers, associates and dialogue partners", key=KEY_LOOSE)
reach = rivalry.reach(data.memberships, data.organisations, f, loose=loose, as_of=today)
reach_sources = rivalry.reach_source_ids(data.memberships, data.organisations, f)
st.caption("Each panel counts the selected states that, on 31 December of each year, belong to at least one "
           "organisation the power leads (organisations.csv, column led_by): members, and partners of NATO's "
           "Partnership for Peace" + ("; with observers, associates and dialogue partners" if loose else "")
           + f". Unit: number of states. Source: memberships.csv, dated from {len(reach_sources)} official pages, "
           "treaties and references listed on the Sources page.")
fig = figures.reach_figure(reach, rivalry.orgs_by_power(data.organisations), names, len(f.countries),
                           f"{selection} · unit: number of states" + (" · looser ties included" if loose else ""),
                           f"memberships.csv, dated from {len(reach_sources)} official pages, treaties and references "
                           "(listed on the Sources page)")
ui.chart(fig, "institutional-reach" + ("-looser-ties" if loose else ""), selection,
         description=describe.reach(reach, names, len(f.countries), selection))
download("Download the reach data (CSV)", rivalry.reach_table(reach, names, data.organisations), "rivalry-reach")

st.header("Foreign military bases")
bases = rivalry.bases_in_view(data.bases, f)
bases_source = query.cite_short(data.sources, bases["source_id"])
st.caption(f"Bases and facilities run by another state in the selected countries, in use at some time in the "
           f"selected years. Unit: years of use. Source: {bases_source if not bases.empty else 'bases.csv'}.")
spans = rivalry.bases_timeline(bases, names, today)
fig = figures.bases_figure(spans, f.years, today, names,
                           f"{selection} · unit: years of use", f"bases.csv, from {bases_source}" if not bases.empty
                           else "bases.csv")
ui.chart(fig, "foreign-bases", selection, description=describe.bases(spans, f.countries, names, selection))
if not bases.empty:
    bases_table = rivalry.bases_table(bases, names, data.sources)
    st.dataframe(bases_table, hide_index=True, width="stretch", placeholder="")
    download("Download these bases (CSV)", bases_table, "rivalry-bases")

st.header("Military spending")
left, middle, right = st.columns([2, 1, 1])
indicator_id = left.selectbox("Indicator", [i.indicator_id for i in schema.INDICATORS], key=KEY_INDICATOR,
                              format_func=lambda i: f"{schema.INDICATOR_BY_ID[i].title} ({schema.INDICATOR_BY_ID[i].unit})")
as_index = middle.toggle("Show as an index", key=KEY_INDEX)
with_powers = right.toggle("Add the four powers", key=KEY_POWERS)
countries = rivalry.indicator_countries(f, with_powers)
s = rivalry.series(data.indicators, indicator_id, countries, f.years)
base_year = None
if as_index:
    years = list(range(f.years[0], f.years[1] + 1))
    base_year = st.selectbox("Base year (= 100)", years, index=years.index(rivalry.default_base_year(s)),
                             key=KEY_BASE_YEAR)
    chart = rivalry.to_index(s.frame, base_year)
else:
    chart = s.frame
ind = s.indicator
unit = ind.unit if base_year is None else f"index, {base_year} = 100"
st.caption(f"Source: {query.source_label(data.sources, ind.source_id)}. Unit: {unit}; price basis: "
           f"{ind.price_basis}. Years the dataset does not cover are gaps, never filled in.")
who = filters.describe(filters.Filters.make(countries, f.years, f.bounds), names)
fig = figures.indicator_figure(chart, ind, countries, names, base_year, f"{who} · unit: {unit}",
                               f"{ind.edition}, via Our World in Data")
ui.chart(fig, ind.indicator_id + ("" if base_year is None else f"-index-{base_year}"), who,
         description=describe.indicator(chart, ind, countries, names, who, base_year))
download("Download the chart data (CSV)", rivalry.indicator_table(s.frame, ind, names, base_year),
         f"rivalry-{ind.indicator_id}")
ui.deck_button(["rivalry"], deck.Options(loose=loose, indicator_id=indicator_id, as_index=as_index,
                                         base_year=base_year, with_powers=with_powers))
