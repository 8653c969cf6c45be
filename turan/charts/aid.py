"""The aid page's charts: Turkish military aid by recipient (totals) and over time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import aid, claims, filters, memo
from turan.charts import ChartSpec
from turan.describe import aid as words
from turan.filters import Filters
from turan.load import Bundle

TITLES = {"aid_totals": "Turkish military aid by recipient", "aid_time": "Turkish military aid over time"}
EMPTY = "No recorded aid for this selection."


@dataclass(frozen=True)
class Options:
    """The aid page's widgets beyond the global filters."""

    include_pledged: bool = True  # "Include pledged (planned) figures"


@dataclass(frozen=True)
class Prepared:
    """The frames both aid charts share."""

    f: Filters
    names: dict
    rows: pd.DataFrame  # the figures shown, annotated with what contains them
    totals: pd.DataFrame
    items: pd.DataFrame
    selection: str
    subtitle: str
    source: str
    source_ids: tuple[str, ...]
    words: str  # the filters in words, for image names


def prepare(data: Bundle, f: Filters, options: Options, today: date) -> Prepared:
    """The aid rows of the selection and what both charts draw from them."""
    names = data.country_names()
    chosen = aid.select(data.aid, f, options.include_pledged)
    # What the figures add up to depends on which figures are chosen, not on the years that chose them: worked out
    # once per set of figures (and recipients), shared by every year range that selects the same ones.
    rows, totals, items = memo.derived(data, "charts.aid.rows", (tuple(chosen["aid_id"]), f.countries),
                                       lambda: _rows(data, chosen, names, f.countries), keep=ROW_SETS_KEPT)
    selection = filters.in_words(f, names)
    return Prepared(
        f, names, rows, totals, items, selection,
        aid.subtitle(f, names, options.include_pledged), aid.source_line(data.sources, rows),
        tuple(sorted(rows["source_id"].unique())), selection + ("" if options.include_pledged else " without pledges"))


ROW_SETS_KEPT = 256  # sets of aid figures (with their recipients) kept per data version


def _rows(data: Bundle, chosen: pd.DataFrame, names: dict, recipients) -> tuple:
    """The chosen figures annotated (what contains them, the check's marks), the totals and the time chart's items."""
    rows = aid.with_checks(aid.annotate(chosen, data.aid), claims.marks(data.claims, "paper_aid"))
    return (rows, aid.totals(rows, recipients, data.sources),
            aid.timeline_items(rows, data.sources, names, recipients, data.aid))


def totals(p: Prepared) -> ChartSpec:
    """Stacked bars per recipient by commitment, nothing counted twice."""
    empty = EMPTY if p.rows.empty or p.totals["figures"].sum() == 0 else ""
    return ChartSpec("aid_totals", TITLES["aid_totals"], p.subtitle, p.source, p.source_ids,
                     words.totals(p.totals, p.names, p.selection), {"totals": p.totals, "names": p.names},
                     empty=empty, export_name="aid-totals", words=p.words,
                     note="" if empty else aid.COUNTING_RULE)


def over_time(p: Prepared) -> ChartSpec:
    """Every figure at its date or over its period, one lane per recipient."""
    if p.items.empty:
        empty = EMPTY
    elif (p.items["kind"] == "undated").all():
        empty = "No aid figure in this selection has a date. " + aid.undated_words(p.items)
    else:
        empty = ""
    return ChartSpec("aid_time", TITLES["aid_time"], p.subtitle, p.source, p.source_ids,
                     words.over_time(p.items, p.names, p.selection, p.f.countries),
                     {"items": p.items, "names": p.names, "years": None if p.f.full_period else p.f.years},
                     empty=empty, export_name="aid-over-time", words=p.words)


CHARTS = {"aid_totals": totals, "aid_time": over_time}
