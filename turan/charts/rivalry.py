"""The power-rivalry page's charts: what the paper says (one grid per dimension), institutional reach, foreign bases
and a hard indicator (military spending)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import arms, filters, memo, rivalry, schema
from turan.charts import ChartSpec
from turan.describe import rivalry as words
from turan.describe.words import count
from turan.export import LazyCsv
from turan.filters import Filters
from turan.load import Bundle
from turan.sources import cite_short

TITLES = {
    **{f"grid_{d}": f"What the paper says: {t}" for d, t in rivalry.DIMENSION_TITLES.items()},
    "reach": "Institutional reach: selected states in organisations each power leads",
    "bases": "Foreign military bases and facilities in the selected states",
    "indicator": "Military spending",  # the chart's own title is its indicator's (schema.INDICATORS)
    "suppliers": "Who supplied their arms, 2021-2025",
}
GRID_SUBTITLE = ("The paper's \u201ccrowded market\u201d section and conclusion, in our words, each claim with its "
                 "footnote \u00b7 the same for every selection")


@dataclass(frozen=True)
class Options:
    """The rivalry page's widgets beyond the global filters."""

    loose: bool = False  # "Also count observers, associates and dialogue partners"
    indicator_id: str = schema.INDICATORS[0].indicator_id
    as_index: bool = False
    base_year: int | None = None  # None, or a year outside the selection: the indicator's default base year
    with_powers: bool = False


@dataclass(frozen=True)
class Prepared:
    data: Bundle
    f: Filters
    options: Options
    today: pd.Timestamp
    names: dict
    selection: str

    @functools.cached_property
    def grid(self) -> pd.DataFrame:
        """The evidence grid (the same for every selection), computed when a grid chart asks for it."""
        return rivalry.grid_table(self.data.rivalry, self.data.sources, self.names)


def prepare(data: Bundle, f: Filters, options: Options, today: date) -> Prepared:
    """What every rivalry chart needs: the names and the selection in words."""
    names = data.country_names()
    # memberships, bases and spending: the paper-only filter does not apply (filters.PAPER_RECORD_NOTE)
    return Prepared(data, f, options, pd.Timestamp(today).normalize(), names, filters.in_words(f, names, record=False))


def grid_spec(data: Bundle, table: pd.DataFrame, names: dict, dimension: str) -> ChartSpec:
    """One dimension of the evidence grid (interests, instruments, stance): it depends on the data alone."""
    rows = table[table["dimension"] == dimension]
    ids = tuple(sorted(rows["source_id"].unique()))
    return ChartSpec(f"grid_{dimension}", TITLES[f"grid_{dimension}"], GRID_SUBTITLE, cite_short(data.sources, ids),
                     ids, words.grid(table, dimension, [names[power] for power in schema.POWERS]),
                     {"table": table, "dimension": dimension, "names": names},
                     export_name=f"evidence-grid-{dimension}", words="every selection")


def grid(dimension: str):
    """The spec function of one dimension of the evidence grid."""
    return lambda p: grid_spec(p.data, p.grid, p.names, dimension)


REACHES_KEPT = 64  # whole-period reach series (a country selection, looser ties or not) kept per data version


def reach(p: Prepared) -> ChartSpec:
    """How many selected states belong, each year, to organisations each power leads."""
    loose = p.options.loose
    # Computed over the whole period once per country selection, then cut to the years: a year's count does not
    # depend on the other years chosen.
    whole = memo.derived(p.data, "charts.rivalry.reach", (p.f.countries, p.f.bounds, loose, p.today), lambda: (
        rivalry.reach(p.data.memberships, p.data.organisations, Filters(p.f.countries, p.f.bounds, p.f.bounds),
                      loose=loose, as_of=p.today)), keep=REACHES_KEPT)
    frame = whole[whole["year"].between(*p.f.years)].reset_index(drop=True)
    ids = tuple(rivalry.reach_source_ids(p.data.memberships, p.data.organisations, p.f))
    subtitle = f"{p.selection} · unit: number of states" + (" · looser ties included" if loose else "")
    return ChartSpec(
        "reach", TITLES["reach"], subtitle,
        f"memberships.csv, dated from {count(len(ids), 'official page')}, treaties and references (listed on the "
        "Sources page)", ids, words.reach(frame, p.names, len(p.f.countries), p.selection),
        {"reach": frame, "orgs": rivalry.orgs_by_power(p.data.organisations), "names": p.names,
         "n_states": len(p.f.countries)},
        empty="No state selected: choose countries in the sidebar." if not p.f.countries or frame.empty else "",
        export_name="institutional-reach" + ("-looser-ties" if loose else ""), words=p.selection,
        csv=LazyCsv(lambda: rivalry.reach_table(frame, p.names, p.data.organisations)))


def bases(p: Prepared) -> ChartSpec:
    """Foreign bases in the selected states, in use at some time in the selected years."""
    rows = rivalry.bases_in_view(p.data.bases, p.f)
    ids = tuple(sorted(rows["source_id"].unique()))
    spans = rivalry.bases_timeline(rows, p.names, p.today)
    # Each base's row of the table reads that base alone: the whole table is made once, the selection picked from it.
    whole = memo.derived(p.data, "charts.rivalry.bases_table", (),
                         lambda: rivalry.bases_table(p.data.bases, p.names, p.data.sources))
    table = None if rows.empty else whole.iloc[p.data.bases.index.get_indexer(rows.index)].reset_index(drop=True)
    return ChartSpec(
        "bases", TITLES["bases"], f"{p.selection} · unit: years of use",
        f"bases.csv, from {cite_short(p.data.sources, ids)}" if ids else "bases.csv", ids,
        words.bases(spans, p.f.countries, p.names, p.selection),
        {"spans": spans, "years": p.f.years, "today": p.today, "names": p.names, "table": table},
        empty="No recorded foreign base in the selected states for these years." if spans.empty else "",
        export_name="foreign-bases", words=p.selection, csv=None if table is None else LazyCsv(table))


def base_year(s: rivalry.Series, f: Filters, options: Options) -> int | None:
    """The index's base year for the indicator's series `s`: the chosen one if it lies in the selected years, else
    the series' default; None when the values are shown as reported."""
    if not options.as_index:
        return None
    if options.base_year in range(f.years[0], f.years[1] + 1):
        return options.base_year
    return rivalry.default_base_year(s)


def _series(data: Bundle, indicator_id: str, countries: tuple[str, ...], f: Filters) -> rivalry.Series:
    """rivalry.series over the selected years, cut from the whole period's series (made once per indicator and
    countries): a year's value does not depend on the other years chosen."""
    whole = memo.derived(data, "charts.rivalry.series", (indicator_id, countries, f.bounds),
                         lambda: rivalry.series(data.indicators, indicator_id, countries, f.bounds), keep=REACHES_KEPT)
    frame = whole.frame[whole.frame["year"].between(*f.years)].reset_index(drop=True)
    return rivalry.Series(whole.indicator, frame, whole.countries, f.years)


def indicator(p: Prepared) -> ChartSpec:
    """Military spending of the selected states (and, optionally, the four powers), as reported or as an index."""
    o = p.options
    countries = rivalry.indicator_countries(p.f, o.with_powers)
    s = _series(p.data, o.indicator_id, countries, p.f)
    year = base_year(s, p.f, o)
    frame = s.frame if year is None else rivalry.to_index(s.frame, year)
    ind = s.indicator
    unit = ind.unit if year is None else f"index, {year} = 100"
    who = filters.in_words(Filters.make(countries, p.f.years, p.f.bounds), p.names)
    # Turkey is always on the chart, so there is always a country; there may be no value.
    empty = "No data for these countries in these years." if frame["value" if year is None else "index"].isna().all() \
        else ""
    return ChartSpec(
        "indicator", ind.title if year is None else f"{ind.title}, index ({year} = 100)", f"{who} · unit: {unit}",
        f"{ind.edition}, via Our World in Data", (ind.source_id,),
        words.indicator(frame, ind, countries, p.names, who, year),
        {"frame": frame, "indicator": ind, "countries": countries, "names": p.names, "base_year": year,
         "unit": unit},
        empty=empty, export_name=ind.indicator_id + ("" if year is None else f"-index-{year}"), words=who,
        csv=LazyCsv(lambda: rivalry.indicator_table(s.frame, ind, p.names, year)),
        note=f"Price basis: {ind.price_basis}. Years the dataset does not cover are gaps, never filled in.")


SUPPLIER_WINDOW = (2021, 2025)  # the register's last complete five years


def suppliers(p: Prepared) -> ChartSpec:
    """The selected states' arms suppliers in the last five complete years of SIPRI's register, one 100% bar per
    state: the compact view of the arms-transfers page. The sidebar's years do not apply (the window is fixed)."""
    table = p.data.arms_transfers
    names = {**dict(zip(table["supplier_iso3"], table["supplier"])), **p.names}
    frame = arms.state_shares(table, p.f.countries, SUPPLIER_WINDOW, names)
    ids = tuple(sorted(set(table["source_id"])))
    lo, hi = SUPPLIER_WINDOW
    return ChartSpec(
        "suppliers", TITLES["suppliers"],
        f"{p.selection.split('; ')[0]}; deliveries {lo}-{hi} · share of {arms.UNIT}, not US dollars",
        cite_short(p.data.sources, ids), ids, words.suppliers(frame, names, p.selection, SUPPLIER_WINDOW),
        {"shares": frame, "names": names, "labels": list(dict.fromkeys(frame["label"]))},
        empty="No SIPRI-recorded delivery to the selected states in these five years." if frame.empty else "",
        export_name="arms-suppliers", words=f"{p.selection.split('; ')[0]}; {lo}-{hi}", note=arms.SPREAD_NOTE)


CHARTS = {**{f"grid_{d}": grid(d) for d in rivalry.DIMENSION_TITLES}, "reach": reach, "bases": bases,
          "indicator": indicator, "suppliers": suppliers}
