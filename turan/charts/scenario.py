"""The scenario page's chart: each candidate's obstacles and enablers of a Turkey-led alliance in a year, with any
"what if" departures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import filters, scenario
from turan.charts import ChartSpec
from turan.describe import scenario as words
from turan.export import LazyCsv
from turan.filters import Filters
from turan.load import Bundle

TITLES = {"scenario": "Obstacles and enablers of a Turkey-led alliance"}
SOURCE = ("obligations.csv, memberships.csv, bases.csv, events.csv, aid.csv (each factor's source: Turan Dashboard, "
          "Sources page)")


@dataclass(frozen=True)
class Options:
    """The scenario page's widgets beyond the global filters."""

    candidates: tuple[str, ...] | None = None  # None: the paper's core among the selected states
    year: int | None = None  # None, or a year outside the selection: the last year selected
    leave: tuple[str, ...] = ()  # "what if" departures, as the page's keys ('KAZ:CSTO')


@dataclass(frozen=True)
class Prepared:
    names: dict
    candidates: tuple[str, ...]  # among the selected states
    year: int
    departures: tuple
    view: str  # the view in words (the subtitle)
    table: pd.DataFrame | None  # the factor table (None without candidates)
    summary: scenario.Summary | None
    grid: pd.DataFrame | None


def prepare(data: Bundle, f: Filters, options: Options, today: date, table: pd.DataFrame | None = None) -> Prepared:
    """The coalition's factor table, summary and matrix (`table`: the factor table, when already computed), from the
    chosen record's events and aid."""
    data = filters.recorded(data, f)
    names = data.country_names()
    chosen = list(f.countries)
    candidates = tuple(c for c in options.candidates if c in chosen) if options.candidates is not None \
        else tuple(scenario.default_candidates(data.assessment, chosen))
    year = options.year if options.year in range(f.years[0], f.years[1] + 1) else f.years[1]
    departures = tuple(scenario.Departure.parse(k) for k in options.leave)
    view = scenario.view_words(list(candidates), year, departures, names, today)
    if not candidates:
        return Prepared(names, candidates, year, departures, view, None, None, None)
    if table is None:
        table = scenario.factors(data, list(candidates), year, departures, today)
    summary = scenario.summarise(data, list(candidates), year, departures, today, table=table)
    return Prepared(names, candidates, year, departures, view, table, summary,
                    scenario.matrix(table, list(candidates), names))


def matrix(p: Prepared) -> ChartSpec:
    """Candidates (and Turkey) by factors: obstacles and enablers, each with its source."""
    if p.table is None:
        return ChartSpec("scenario", TITLES["scenario"], p.view, SOURCE, (),
                         words.matrix(pd.DataFrame(), pd.DataFrame(), None, p.view),
                         empty="No candidate chosen among the selected states.", export_name="scenario-matrix",
                         words=p.view)
    ids = tuple(sorted({s for group in p.table["source_ids"] for s in group}))
    note = "; ".join(f"{s.country}: {scenario.STATUS_WORDS[s.status]}" for s in p.summary.standings[1:])
    return ChartSpec("scenario", TITLES["scenario"], p.view, SOURCE, ids,
                     words.matrix(p.table, p.grid, p.summary, p.view), {"table": p.table, "grid": p.grid},
                     export_name="scenario-matrix", words=p.view,
                     csv=LazyCsv(lambda: scenario.download_table(p.table, p.year, p.departures)),
                     note=note + "." if note else "")


CHARTS = {"scenario": matrix}
