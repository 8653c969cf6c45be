"""The agreement timeline in words."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from turan import memo, schema
from turan.describe.words import count, kind_count, most_least, sentences, words
from turan.timeline import CONTEXT_LANES


def _kind_split(counts: dict[str, int]) -> str:
    """'3 agreements, 1 visit': counts per kind in the legend's order, then any other kind."""
    order = [k for k in schema.EVENT_KINDS if k in counts] + [k for k in counts if k not in schema.EVENT_KINDS]
    return ", ".join(kind_count(int(counts[k]), k) for k in order if counts[k])


def events(placed: pd.DataFrame, lanes, undated: int, selection: str, groups: int = 0) -> str:
    """The event chart (timeline.build: placed rows, lanes, undated count, numbered markers): events, busiest
    lanes, gaps."""
    what = f"Turkey's defence ties event by event, {selection}"
    if placed.empty:
        if undated:
            return sentences(f"{what}: no dated events; {count(undated, 'undated event')} "
                         f"{'is' if undated == 1 else 'are'} listed below the chart")
        return sentences(f"{what}: no recorded events for this selection")
    rows = memo.records(placed)  # plain records (shared with the figure): a few hundred, read in one pass each
    first_rows = {r["event_id"]: r for r in reversed(rows)}  # each event's first row
    events = sorted(first_rows.values(), key=lambda r: (r["x"], r["event_id"]))
    kinds = Counter(r["kind"] for r in events)
    first = f"{what}: {count(len(events), 'dated event')} ({_kind_split(dict(kinds.most_common()))})"
    if len(events) == 1:
        first += f", dated {events[0]['date_text']}"
    else:
        first += f", from {events[0]['date_text']} to {events[-1]['date_text']}"
    labels = {lane.key: lane.label for lane in lanes}
    per_lane: dict[str, set] = {}
    context_ids, context_lanes = set(), set()
    for r in rows:
        if r["lane"] in CONTEXT_LANES:
            context_ids.add(r["event_id"])
            context_lanes.add(r["lane"])
        else:
            per_lane.setdefault(r["lane"], set()).add(r["event_id"])
    partner_lanes = [lane for lane in lanes if lane.key not in CONTEXT_LANES]
    with_events = {labels[k]: len(per_lane[k]) for k in [lane.key for lane in partner_lanes] if k in per_lane}
    if len(with_events) == 1:
        name, n = next(iter(with_events.items()))
        second = (f"the one event with Turkey is in the {name} lane" if n == 1 else
                  f"all {n} events with Turkey are in one lane, {name}")
    elif with_events:
        second = "per lane (an event with several partners counts in each), " + most_least(
            with_events, lambda n: count(int(n), "event"), "most", "fewest")
    else:
        second = None
    gaps = []
    context = len(context_ids)
    if context:
        where = (("its own lane" if context == 1 else "a lane of their own")
                 if len(context_lanes) == 1 else
                 "two lanes of their own, the rival powers' and the region's")
        gaps.append(f"{count(context, 'context event')} without Turkey {'is' if context == 1 else 'are'} "
                    f"drawn in {where}")
    if groups:
        gaps.append(f"where a lane crowds, {count(groups, 'numbered marker')} stand{'s' if groups == 1 else ''} "
                    "for the events of one period")
    empty = [lane.label for lane in partner_lanes if lane.key not in per_lane]
    if empty:
        gaps.append(f"no recorded events with {words(empty)} in this period")
    if undated:
        gaps.append(f"{count(undated, 'undated event')} {'is' if undated == 1 else 'are'} listed below the chart")
    return sentences(first, second, "; ".join(gaps) if gaps else None)


def per_year(counts: pd.DataFrame, years: tuple[int, int], selection: str) -> str:
    """The per-year bars (timeline.year_counts): total, busiest years, empty years and the trend by halves."""
    what = f"Events with Turkey per year, {selection}"
    if counts.empty or counts["count"].sum() == 0:
        return sentences(f"{what}: no dated event with Turkey in this selection")
    span = list(range(years[0], years[1] + 1))
    per_year = counts.groupby("year")["count"].sum()
    total = int(per_year.sum())
    first = f"{what}: {count(total, 'dated event')} in {len(per_year)} of the {count(len(span), 'year')}"
    top = int(per_year.max())
    busiest = [int(y) for y in per_year[per_year == top].index]
    if len(per_year) == 1:
        year = busiest[0]
        split = _kind_split(_kinds_in(counts, year))
        second = f"{'it falls' if total == 1 else 'all fall'} in {year} ({split})"
    elif len(busiest) == 1:
        split = _kind_split(_kinds_in(counts, busiest[0]))
        second = f"the busiest year is {busiest[0]}, with {count(top, 'event')} ({split})"
    else:
        second = f"the busiest years are {words(map(str, busiest))}, with {count(top, 'event')} each"
    quiet = len(span) - len(per_year)
    third = [f"no event is recorded in {quiet} of the {len(span)} years"] if quiet else []
    if len(span) >= 2:
        half = span[(len(span) + 1) // 2 - 1]
        early = int(per_year[per_year.index <= half].sum())
        late = total - early
        third.append(f"the first half of the period ({years[0]} to {half}) has {count(early, 'event')}, "
                     f"the second ({half + 1} to {years[1]}) {late}")
    return sentences(first, second, "; ".join(third) if third else None)


def _kinds_in(counts: pd.DataFrame, year: int) -> dict[str, int]:
    """kind -> events in one year."""
    rows = counts[counts["year"] == year]
    return rows.groupby("kind", sort=False)["count"].sum().to_dict()
