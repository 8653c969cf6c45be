"""The agreement timeline's charts: the events lane by lane, and the events per year by kind (drawn under the lanes
on the page, on a slide of their own in the deck)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import claims, filters, schema, timeline
from turan.charts import ChartSpec
from turan.describe import timeline as words
from turan.filters import Filters
from turan.load import Bundle
from turan.sources import cite_short

TITLES = {"events": "Turkey's defence ties with the Turkic states, event by event",
          "per_year": "Events with Turkey per year, by kind"}
EMPTY = "No recorded events for this selection."


@dataclass(frozen=True)
class Options:
    """The timeline's options beyond the global filters: the events to show alone (none: all of the selection),
    as another page's button sets them (the paper checked: the events a verdict rests on), and what they are."""

    focus: tuple[str, ...] = ()
    focus_label: str = ""


@dataclass(frozen=True)
class Prepared:
    """The events of the selection and their timeline (lanes, placed events, counts per year)."""

    f: Filters
    events: pd.DataFrame
    tl: timeline.Timeline
    selection: str
    source: str
    source_ids: tuple[str, ...]


def prepare(data: Bundle, f: Filters, options: Options | None, today: date) -> Prepared:
    """The selection's events (only the focused ones, when the options name some), laid out once for both charts;
    the paper's events carry the marks of the checks that found a problem with them."""
    options = options or Options()
    events = filters.events(focused(data.events, options), f)
    tl = timeline.build(events, data.countries, data.sources, f, schema.EVENT_KINDS,
                        claims.marks(data.claims, "paper_events"), every=data.events)
    ids = tuple(sorted(events["source_id"].unique()))
    selection = filters.in_words(f, data.country_names())
    if options.focus:
        selection = f"{len(events)} events {options.focus_label}; {selection}"
    return Prepared(f, events, tl, selection, cite_short(data.sources, ids), ids)


def focused(events: pd.DataFrame, options: Options) -> pd.DataFrame:
    """The events the options focus on, or all of them."""
    return events[events["event_id"].isin(options.focus)] if options.focus else events


def events(p: Prepared) -> ChartSpec:
    """One lane per partner, one marker per event at the precision its date is known. The subtitle leaves the
    undated events to the renderer, which says where it lists them (frames['undated'])."""
    undated = p.events[p.events["date_first"].isna()]
    note = ("Undated events: " + "; ".join(undated["title"]) + ".") if len(undated) else ""
    return ChartSpec("events", TITLES["events"], p.selection, p.source, p.source_ids,
                     words.events(p.tl.placed, p.tl.lanes, p.tl.undated, p.selection, len(p.tl.groups)),
                     {"timeline": p.tl, "kinds": schema.EVENT_KINDS, "undated": p.tl.undated},
                     empty=EMPTY if p.events.empty else
                     "No dated events for this selection." if p.tl.placed.empty else "",
                     export_name="agreement-timeline", words=p.selection, note=note)


def per_year(p: Prepared) -> ChartSpec:
    """The events with Turkey per year, stacked by kind; each event counted once, undated ones left out."""
    counts = p.tl.counts
    empty = "No dated event with Turkey in this selection." if counts.empty else ""
    subtitle = p.selection if empty else p.selection + " · each event counted once, undated ones left out"
    return ChartSpec("per_year", TITLES["per_year"], subtitle, p.source, p.source_ids,
                     words.per_year(counts, p.f.years, p.selection), {"counts": counts, "years": p.f.years},
                     empty=empty, export_name="events-per-year", words=p.selection)


CHARTS = {"events": events, "per_year": per_year}
