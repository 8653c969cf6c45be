"""The timeline page's view: the lanes with the events per year below, and the event list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import claims, memo, timeline
from turan.charts import timeline as charts
from turan.export import LazyCsv
from turan.figures import timeline as figures
from turan.filters import Filters, events
from turan.load import Bundle
from turan.views import Drawn

ALL = charts.Options()  # every event of the selection


@dataclass(frozen=True)
class TimelineView:
    selection: str
    count: int
    chart: Drawn | None
    empty: str  # said instead of the chart when the selection has no events


def page(data: Bundle, f: Filters, today: date, options: charts.Options = ALL) -> TimelineView:
    """The agreement timeline: lanes per partner and the events per year below, described as both slides are
    (only the focused events, when the options name some)."""
    p = charts.prepare(data, f, options, today)
    if p.events.empty:
        return TimelineView(p.selection, 0, None, charts.EMPTY)
    lanes, per_year = charts.events(p), charts.per_year(p)
    return TimelineView(p.selection, len(p.events), Drawn(lanes, figures.figure(lanes),
                                                          f"{lanes.description} {per_year.description}"), "")


@dataclass(frozen=True)
class EventTable:
    table: pd.DataFrame
    csv: LazyCsv | None  # the download, made on click


def table(data: Bundle, f: Filters, kinds: tuple[str, ...], words: str,
          options: charts.Options = ALL) -> EventTable:
    """The event list under the timeline (only the focused events, when the options name some), narrowed by kind
    and a search, with what the check of the paper found wrong with an event."""
    chosen = timeline.search(events(charts.focused(data.events, options), f), list(kinds), words)
    # Each event's row reads that event alone, and the list's order is one total order (date, then id): the whole
    # list is made once per data version and the chosen events are cut from it.
    whole, ids = memo.derived(data.events, "views.timeline.table", (), lambda: _whole_table(data))
    rows = whole[ids.isin(set(chosen["event_id"]))].reset_index(drop=True)
    return EventTable(rows, LazyCsv(rows))


def _whole_table(data: Bundle) -> tuple[pd.DataFrame, pd.Series]:
    """timeline.table of every event, and the event id of each of its rows."""
    marks = claims.marks(data.claims, "paper_events")
    ordered = timeline.table(data.events, data.country_names(), data.sources, marks)
    ids = timeline.describe_rows(data.events, data.country_names(), data.sources).sort_values(
        ["x", "event_id"], na_position="last")["event_id"].reset_index(drop=True)
    return ordered, ids
