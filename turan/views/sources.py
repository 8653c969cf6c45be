"""The sources page's view: the bibliography, whole or only what the selection shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import charts, pages, sources
from turan.filters import Filters
from turan.load import Bundle


@dataclass(frozen=True)
class SourcesView:
    count: int
    bibliography: dict[str, list[str]]
    table: pd.DataFrame


def page(data: Bundle, f: Filters, only_view: bool, today: date) -> SourcesView:
    """The bibliography: every source, or only those behind the selection."""
    rows = in_view(data, f, today) if only_view else data.sources
    return SourcesView(len(rows), sources.bibliography(rows) if len(rows) else {}, sources.sources_table(rows))


def in_view(data: Bundle, f: Filters, today: date) -> pd.DataFrame:
    """The sources behind the selection: those of the fact rows the filters select and of the tables shown whatever
    the selection (turan.sources.sources_in_view), and those of every chart of every page in the registry with the
    pages' default options, so a new page's sources are in view without a line here."""
    ids = set(sources.sources_in_view(data, f)["source_id"])
    for page in pages.with_charts():
        for spec in charts.specs(page.id, data, f, None, today).values():
            ids |= set(spec.source_ids)
    return data.sources[data.sources["source_id"].isin(ids)]
