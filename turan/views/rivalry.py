"""The rivalry page's views, one per section (each with its own widgets): the evidence grid, institutional reach,
foreign bases and the spending indicator. Each section's chart comes from its spec in turan.charts.rivalry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import rivalry, schema
from turan.charts import rivalry as charts
from turan.export import LazyCsv
from turan.figures import arms as arms_figures
from turan.figures import rivalry as figures
from turan.filters import Filters
from turan.load import Bundle
from turan.sources import cite_short, source_label
from turan.views import Drawn


def _spec(data: Bundle, f: Filters, options: charts.Options, today: date, key: str):
    return charts.CHARTS[key](charts.prepare(data, f, options, today))


@dataclass(frozen=True)
class GridView:
    cells: dict[str, dict[str, str]]  # dimension -> power ISO3 -> markdown
    missing: tuple[str, ...]
    csv: LazyCsv | None  # the download, made on click


def grid(data: Bundle) -> GridView:
    """What the paper says about each power, as markdown per dimension and power (the same for every selection, so
    computed once per data version)."""
    names = data.country_names()
    table = rivalry.grid_table(data.rivalry, data.sources, names)
    cells = {}
    for dimension in rivalry.DIMENSION_TITLES:
        spec = charts.grid_spec(data, table, names, dimension)
        cells[dimension] = {power: rivalry.cell_markdown(rivalry.grid_cells(spec.frames["table"], dimension,
                                                                            names[power]))
                            for power in schema.POWERS}
    return GridView(cells, tuple(rivalry.types_not_named(table)), LazyCsv(table))


@dataclass(frozen=True)
class ReachView:
    source_count: int
    chart: Drawn
    csv: LazyCsv | None  # the download, made on click


def reach(data: Bundle, f: Filters, loose: bool, today: date) -> ReachView:
    """How many selected states belong to organisations each power leads, year by year."""
    spec = _spec(data, f, charts.Options(loose=loose), today, "reach")
    return ReachView(len(spec.source_ids), Drawn.of(spec, figures.reach_figure), spec.csv)


@dataclass(frozen=True)
class BasesView:
    source: str
    chart: Drawn
    table: pd.DataFrame | None
    csv: LazyCsv | None  # the download, made on click


def bases(data: Bundle, f: Filters, today: date) -> BasesView:
    """Foreign bases in the selected states during the selected years."""
    spec = _spec(data, f, charts.Options(), today, "bases")
    source = cite_short(data.sources, spec.source_ids) if spec.source_ids else "bases.csv"
    return BasesView(source, Drawn.of(spec, figures.bases_figure), spec.frames["table"], spec.csv)


@dataclass(frozen=True)
class IndicatorChoice:
    countries: tuple[str, ...]
    years: tuple[int, ...]
    default_base_year: int


def indicator_choice(data: Bundle, f: Filters, indicator_id: str, with_powers: bool) -> IndicatorChoice:
    """What the base-year choice needs before the indicator chart can be drawn."""
    countries = rivalry.indicator_countries(f, with_powers)
    s = rivalry.series(data.indicators, indicator_id, countries, f.years)
    return IndicatorChoice(countries, tuple(range(f.years[0], f.years[1] + 1)), rivalry.default_base_year(s))


@dataclass(frozen=True)
class IndicatorView:
    source: str
    unit: str
    price_basis: str
    chart: Drawn
    csv: LazyCsv | None  # the download, made on click


def indicator(data: Bundle, f: Filters, indicator_id: str, with_powers: bool, base_year: int | None,
              today: date) -> IndicatorView:
    """Military spending of the selected states (and the powers), as reported or as an index of the base year."""
    options = charts.Options(indicator_id=indicator_id, as_index=base_year is not None, base_year=base_year,
                             with_powers=with_powers)
    spec = _spec(data, f, options, today, "indicator")
    ind = spec.frames["indicator"]
    return IndicatorView(source_label(data.sources, ind.source_id), spec.frames["unit"], ind.price_basis,
                         Drawn.of(spec, figures.indicator_figure), spec.csv)


def suppliers(data: Bundle, f: Filters, today: date) -> Drawn:
    """The compact arms-supplier panel (the arms-transfers page has the detail)."""
    return Drawn.of(_spec(data, f, charts.Options(), today, "suppliers"), arms_figures.state_shares_chart)
