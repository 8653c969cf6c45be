"""The paper-checked page's charts: the verdicts section by section, and the paper's forecasts and judgements set
against what happened since 2021."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import claims, filters
from turan.charts import ChartSpec
from turan.describe import claims as words
from turan.filters import Filters
from turan.load import Bundle
from turan.sources import cite_short

TITLES = {"verdicts": "What the check found, section by section of the paper",
          "outlook": "The paper's forecasts and judgements, five years on"}
EMPTY = "No claim of the paper matches this selection."
Options = claims.Choice  # the page's widgets beyond the global filters: verdicts, kinds, sections, search


@dataclass(frozen=True)
class Prepared:
    f: Filters
    options: claims.Choice
    chosen: pd.DataFrame  # the claims of the selection
    outlook: pd.DataFrame  # its forecasts and judgements, with the events they rest on in words
    selection: str
    source: str
    source_ids: tuple[str, ...]


def selection_words(f: Filters, names: dict[str, str], options: claims.Choice) -> str:
    """The selection in words: the countries (the years and record filter do not apply), then the page's filters."""
    who = ", ".join(names.get(c, c) for c in f.countries) or "no partner selected"
    parts = [f"claims about {who}" + (" or no partner state" if options.general else "")]
    for label, values, names_of in (("verdict", options.verdicts, claims.VERDICT_LABELS),
                                    ("kind", options.kinds, claims.KIND_LABELS),
                                    ("section", options.sections, claims.SECTION_LABELS)):
        if values:
            parts.append(f"{label}: " + ", ".join(names_of[v] for v in values))
    if options.search.strip():
        parts.append(f"matching \u201c{options.search.strip()}\u201d")
    return "; ".join(parts)


def _events_in_words(events: pd.DataFrame, ids: tuple[str, ...]) -> str:
    rows = claims.later_events(events, ids)
    return "; ".join(f"{label or 'undated'}: {title}" for label, title in zip(rows["date_label"], rows["title"]))


def prepare(data: Bundle, f: Filters, options: claims.Choice, today: date) -> Prepared:
    """The selection's claims, counted once for both charts."""
    partners = tuple(filters.partners(data.countries)[0])
    chosen = claims.select(data.claims, f, partners, options)
    outlook = claims.outlook(chosen)
    outlook = outlook.assign(events_words=outlook["later_events"].map(lambda ids: _events_in_words(data.events, ids)))
    ids = claims.source_ids(chosen)
    return Prepared(f, options, chosen, outlook, selection_words(f, data.country_names(), options),
                    cite_short(data.sources, ids), ids)


def verdicts(p: Prepared) -> ChartSpec:
    """Stacked horizontal bars: claims per section of the paper, split by verdict."""
    counts = claims.counts(p.chosen)
    return ChartSpec("verdicts", TITLES["verdicts"], f"{p.selection} · {len(p.chosen)} claims, each counted once",
                     p.source, p.source_ids, words.verdicts(counts, p.chosen, p.selection),
                     {"counts": counts, "total": len(p.chosen)}, empty=EMPTY if p.chosen.empty else "",
                     export_name="paper-checked-verdicts", words=p.selection,
                     note="Checked against public evidence read in stored copies; every claim, its evidence and its "
                          "sources are listed on the page and in its CSV.")


def outlook(p: Prepared) -> ChartSpec:
    """The paper's forecasts and judgements with their verdicts and the events since 2021 they rest on."""
    rows = p.outlook
    return ChartSpec("outlook", TITLES["outlook"], f"{p.selection} · {len(rows)} forecasts and judgements",
                     p.source, p.source_ids, words.outlook(rows, p.selection), {"rows": rows},
                     empty="No forecast or judgement of the paper matches this selection." if rows.empty else "",
                     export_name="paper-checked-outlook", words=p.selection)


CHARTS = {"verdicts": verdicts, "outlook": outlook}
