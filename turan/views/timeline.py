"""The timeline page's view: the lanes with the events per year below, and the event list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import timeline
from turan.charts import timeline as charts
from turan.export import csv_bytes
from turan.figures import timeline as figures
from turan.filters import Filters, events
from turan.load import Bundle
from turan.views import Drawn


@dataclass(frozen=True)
class TimelineView:
    selection: str
    count: int
    chart: Drawn | None
    empty: str  # said instead of the chart when the selection has no events


def page(data: Bundle, f: Filters, today: date) -> TimelineView:
    """The agreement timeline: lanes per partner and the events per year below, described as both slides are."""
    p = charts.prepare(data, f, None, today)
    if p.events.empty:
        return TimelineView(p.selection, 0, None, charts.EMPTY)
    lanes, per_year = charts.events(p), charts.per_year(p)
    return TimelineView(p.selection, len(p.events), Drawn(lanes, figures.figure(lanes),
                                                          f"{lanes.description} {per_year.description}"), "")


@dataclass(frozen=True)
class EventTable:
    table: pd.DataFrame
    csv: bytes


def table(data: Bundle, f: Filters, kinds: tuple[str, ...], words: str) -> EventTable:
    """The event list under the timeline, narrowed by kind and a search."""
    rows = timeline.table(timeline.search(events(data.events, f), list(kinds), words), data.country_names(),
                          data.sources)
    return EventTable(rows, csv_bytes(rows))
