"""The agreement timeline: events placed in partner lanes, per-year counts and the searchable event list.

Pure pandas, no Streamlit. Every function takes events as filters.events() returns them, so the chart
and the list show the same rows as every other page.

Lanes: an event appears once in the lane of each selected partner among its parties (Turkey, Kazakhstan
and Uzbekistan -> the Kazakhstan and the Uzbekistan lanes); an event of Turkey alone gets a Turkey lane;
an event without Turkey is context: one lane for the rival powers' moves (Russia, China, the US or Iran among
its parties), one for the region's own (the Turkic states among themselves, the 2020 Karabakh war). A conflict
is also shaded as a band over its span.

Crowding: markers closer than NEAR (a share of the time axis) in one lane take different vertical slots; where a
lane has more events in one calendar period (a month, a quarter, a year... whichever is about NEAR wide) than
slots can keep apart, they are drawn as one numbered marker for that period, which comes apart when the years
narrow. No marker lies on another.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from turan import dates, memo, schema
from turan.filters import REFERENCE, Filters
from turan.sources import source_kind, source_label

CONTEXT = "context"  # lane key of events without Turkey or a rival power: the region's own
POWERS_LANE = "powers"  # lane key of events without Turkey with a rival power among their parties
CONTEXT_LANES = (POWERS_LANE, CONTEXT)
RIVALS = tuple(p for p in schema.POWERS if p != REFERENCE)
LANE_LABELS = {POWERS_LANE: "Rival powers, without Turkey", CONTEXT: "The region, without Turkey",
               REFERENCE: "Turkey alone"}
SLOTS = (0.0, 0.32, -0.32)  # vertical offsets (share of a lane) that keep close markers apart
NEAR = 0.06  # markers closer than this share of the time axis are offset within their lane (about 24 px on the
# narrowest chart the layout check measures: enough for a numbered marker or a flag)
GROUP_FROM = len(SLOTS) + 1  # a lane's events in one calendar period are drawn as one numbered marker from this many on
PERIOD_MONTHS = (1, 3, 6, 12, 24, 60, 120)  # the calendar periods of grouping, shortest first
SHADED_KINDS = ("conflict",)  # kinds whose span is shaded behind the charts
PAPER_YEAR = 2021  # Biró, "The Turan Army", Storia Militare Contemporanea 8 (2021): its record stops there
PRECISION_WORDS = {"day": "the day", "month": "the month only", "year": "the year only"}


@dataclass(frozen=True)
class Lane:
    """One row of the chart: a partner country (ISO3), Turkey alone or the context lane."""

    key: str
    label: str


@dataclass(frozen=True)
class Timeline:
    """Everything the timeline figure draws, already computed."""

    placed: pd.DataFrame  # one row per event and lane, dated events only (grouped: drawn in a group)
    lanes: tuple[Lane, ...]  # top to bottom
    counts: pd.DataFrame  # year, kind, count
    undated: int  # events that cannot be placed on the time axis (they are in the list)
    start: pd.Timestamp
    end: pd.Timestamp
    groups: pd.DataFrame  # one numbered marker per lane and crowded period (GROUP_COLUMNS)


GROUP_COLUMNS = ("lane", "period", "x", "x0", "x1", "offset", "n", "event_ids", "period_text")


def _parse(text: object) -> dates.PartialDate | None:
    """A partial date from a cell that may be missing (None or NaN)."""
    return dates.parse_or_none(text) if isinstance(text, str) else None


def precision(text: object) -> str | None:
    """'day', 'month' or 'year' for a partial ISO date; None when there is no date."""
    parsed = _parse(text)
    return parsed.precision if parsed else None


def date_words(text: object) -> str:
    """The date as the source knows it: '1996 (month unknown)', 'March 1993', '23 February 1993'."""
    parsed = _parse(text)
    return parsed.label() if parsed else "date unknown"


def is_context(parties: tuple[str, ...]) -> bool:
    """An event without Turkey is context for Turkey's ties, not one of them."""
    return REFERENCE not in parties


def lane_keys(parties: tuple[str, ...], selected: tuple[str, ...]) -> list[str]:
    """The lanes an event is drawn in: each selected partner among its parties, else every partner; an event
    without Turkey in the rival powers' lane when one of them is a party, else in the region's."""
    if is_context(parties):
        return [POWERS_LANE] if any(p in RIVALS for p in parties) else [CONTEXT]
    partners = [p for p in parties if p != REFERENCE]
    if not partners:
        return [REFERENCE]
    return [p for p in partners if p in selected] or partners


def explode(events: pd.DataFrame, selected: tuple[str, ...]) -> pd.DataFrame:
    """One row per event and lane (column 'lane'); an event is never lost, whatever its parties."""
    lanes = [lane_keys(parties, selected) for parties in events["parties"]]
    positions = [i for i, keys in enumerate(lanes) for _ in keys]  # one row per lane: a take, not DataFrame.explode
    flat = np.array([k for keys in lanes for k in keys], dtype=object)
    return events.iloc[positions].assign(lane=flat).reset_index(drop=True)


def lanes(countries: pd.DataFrame, selected: tuple[str, ...], used: set[str]) -> tuple[Lane, ...]:
    """Lanes top to bottom: the two context lanes, the Turkic states, other partners (data order), Turkey alone
    last."""
    names = dict(zip(countries["iso3"], countries["name"]))
    ordered = countries.sort_values("group", key=lambda g: g != "turkic_state", kind="stable")["iso3"]
    partners = [c for c in ordered if c != REFERENCE and (c in selected or c in used)]
    keys = [k for k in CONTEXT_LANES if k in used] + partners + ([REFERENCE] if REFERENCE in used else [])
    return tuple(Lane(k, LANE_LABELS.get(k) or names.get(k, k)) for k in keys)


def dodge(x: pd.Series, lane: pd.Series, near: pd.Timedelta) -> pd.Series:
    """A vertical offset per marker so that markers closer than `near` in one lane take different slots (when
    more than len(SLOTS) crowd together, the least recently used slot is shared: arrange() avoids that)."""
    offsets = pd.Series(0.0, index=x.index)
    for _, group in x.groupby(lane, sort=False):
        slots, _ = _slots(list(group.sort_values(kind="stable").items()), near)
        offsets[list(slots)] = [SLOTS[i] for i in slots.values()]
    return offsets


def _slots(marks: list[tuple[object, pd.Timestamp]], near: pd.Timedelta) -> tuple[dict, list]:
    """Slot numbers for (key, x) marks in x order, and the keys that found no free slot, each with the keys of
    the marks that held the slots."""
    last: list[tuple[object, pd.Timestamp] | None] = [None] * len(SLOTS)
    out, clashes = {}, []
    for key, when in marks:
        free = [i for i, seen in enumerate(last) if seen is None or when - seen[1] >= near]
        if free:
            slot = free[0]
        else:
            slot = min(range(len(SLOTS)), key=lambda i: last[i][1])
            clashes.append((key, [seen[0] for seen in last]))
        last[slot] = (key, when)
        out[key] = slot
    return out, clashes


def period_months(near: pd.Timedelta) -> int:
    """The calendar period of grouping: the shortest of PERIOD_MONTHS at least 1.2 `near` long, so that the
    markers of neighbouring periods keep apart."""
    return next((m for m in PERIOD_MONTHS if pd.Timedelta(days=30.44 * m) >= near * 1.2), PERIOD_MONTHS[-1])


def period_of(x: pd.Series, months: int) -> pd.Series:
    """The number of the calendar period (of `months` months, counted from year 0) each date falls in."""
    return (x.dt.year * 12 + x.dt.month - 1) // months


def period_span(period: int, months: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first day of a period and the first day after it."""
    first = period * months
    last = first + months
    return (pd.Timestamp(first // 12, first % 12 + 1, 1), pd.Timestamp(last // 12, last % 12 + 1, 1))


def period_words(period: int, months: int) -> str:
    """'March 2023', 'April to June 2023', '2023', '2022 to 2023', '2020 to 2024'."""
    start, after = period_span(period, months)
    end = after - pd.Timedelta(days=1)
    if months == 1:
        return start.strftime("%B %Y")
    if months < 12:
        return f"{start.strftime('%B')} to {end.strftime('%B %Y')}"
    if months == 12:
        return str(start.year)
    return f"{start.year} to {end.year}"


def arrange(x: pd.Series, lane: pd.Series, near: pd.Timedelta,
            axis: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Where each marker goes: (per row: offset, period, grouped) and the groups (GROUP_COLUMNS). A group is
    drawn in the middle of its period, or of the part of it on the `axis` (first day, day after the last).

    A lane's events in one period are grouped from GROUP_FROM on; then, while a marker finds no free slot
    among the markers closer than `near`, the periods of the marker and of those holding the slots are grouped
    too. Groups are at least 1.2 `near` apart, so this ends, and then no two markers in a lane overlap."""
    months = period_months(near)
    period = period_of(x, months)
    # Plain Python from here: one lane's markers at a time, a few dozen, read and written one by one.
    xs, ps = dict(zip(x.index, x)), dict(zip(x.index, period.tolist()))
    offset = dict.fromkeys(x.index, 0.0)
    grouped = dict.fromkeys(x.index, False)
    by_lane: dict[object, list] = {}
    for i, key in zip(x.index, lane):
        by_lane.setdefault(key, []).append(i)
    groups = []
    for key, rows in by_lane.items():
        sizes: dict[int, int] = {}
        for i in rows:
            sizes[ps[i]] = sizes.get(ps[i], 0) + 1
        crowded = {p for p, n in sizes.items() if n >= GROUP_FROM}
        while True:
            centres = {p: _centre(p, months, axis) for p in crowded}
            marks = sorted([(i, xs[i]) for i in rows if ps[i] not in crowded]
                           + [(("group", p), c) for p, c in centres.items()], key=lambda m: m[1])
            slots, clashes = _slots(marks, near)
            more = {ps[k] for key_, holders in clashes for k in [key_, *holders] if not isinstance(k, tuple)}
            if not more - crowded:
                break
            crowded |= more
        for i in rows:
            if ps[i] in crowded:
                grouped[i] = True
            else:
                offset[i] = SLOTS[slots[i]]
        for p in sorted(crowded):
            members = tuple(sorted((i for i in rows if ps[i] == p), key=lambda i: xs[i]))  # stable: row order in ties
            x0, x1 = period_span(p, months)
            groups.append({"lane": key, "period": int(p), "x": centres[p], "x0": x0, "x1": x1,
                           "offset": SLOTS[slots[("group", p)]], "n": len(members), "event_ids": members,
                           "period_text": period_words(p, months)})
    out = pd.DataFrame({"offset": pd.Series(offset, dtype="float64"), "period": period,
                        "grouped": pd.Series(grouped, dtype=bool)}, index=x.index)
    return out, pd.DataFrame(groups, columns=list(GROUP_COLUMNS))


def _centre(period: int, months: int, axis: tuple[pd.Timestamp, pd.Timestamp] | None) -> pd.Timestamp:
    start, after = period_span(period, months)
    if axis is not None:
        start, after = max(start, axis[0]), min(after, axis[1])
    return start + (after - start) / 2


def party_words(parties: tuple[str, ...], names: dict[str, str]) -> str:
    """Parties by name, Turkey first, the others in the source's order."""
    ordered = sorted(parties, key=lambda p: p != REFERENCE)
    return ", ".join(names.get(p, p) for p in ordered)


def source_words(sources: pd.DataFrame, source_id: str) -> str:
    """The source with the paper's footnote number, or says that the paper's main text is the source."""
    if source_kind(sources, source_id) == "paper":
        return "Biró 2021, main text (no footnote)"
    return source_label(sources, source_id)


def describe_rows(events: pd.DataFrame, names: dict[str, str], sources: pd.DataFrame) -> pd.DataFrame:
    """Add the words shown for each event (date as known, its precision, parties by name, source) and its span
    on the time axis: x0 to x1 (the day after the last day the date can mean), x in the middle."""
    return events.assign(
        date_text=events["date"].map(date_words),
        precision=events["date"].map(precision),
        parties_text=events["parties"].map(lambda ps: party_words(ps, names)),
        source_text=events["source_id"].map(lambda s: source_words(sources, s)),
        x0=events["date_first"], x1=events["date_last"] + pd.Timedelta(days=1),
    ).pipe(lambda rows: rows.assign(x=rows["x0"] + (rows["x1"] - rows["x0"]) / 2))


def place(events: pd.DataFrame, countries: pd.DataFrame, sources: pd.DataFrame, f: Filters,
          start: pd.Timestamp, end: pd.Timestamp,
          every: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Dated events, one row per lane, with x (middle of the date's span), x0/x1 (its span), y offset and whether
    it is drawn in a group; and the groups, whose event_ids are the rows' indexes (made event ids here). `every`:
    the whole events table the events were chosen from (same index), whose rows' words are then made once."""
    names = dict(zip(countries["iso3"], countries["name"]))
    dated = events[events["date_first"].notna()]
    if every is None or dated.empty:
        described = describe_rows(dated, names, sources)
    else:  # each row's words read that row alone: made once for the whole table, the chosen rows picked
        whole = memo.derived(every, "timeline.described", (id(countries), id(sources)),
                             lambda: describe_rows(every, names, sources), keep=4)
        described = whole.loc[dated.index]
    rows = explode(described, f.countries)
    where, groups = arrange(rows["x"], rows["lane"], (end - start) * NEAR, (start, end))
    ids = rows["event_id"]
    groups["event_ids"] = [tuple(ids[i] for i in members) for members in groups["event_ids"]]
    return rows.assign(**where), groups


def year_counts(events: pd.DataFrame, kinds: tuple[str, ...]) -> pd.DataFrame:
    """Events with Turkey per year and kind, each event once (not once per lane); undated ones left out."""
    counts: dict[tuple[int, str], int] = {}
    for first, parties, kind in zip(events["date_first"], events["parties"], events["kind"]):
        if not pd.isna(first) and not is_context(parties):
            counts[first.year, kind] = counts.get((first.year, kind), 0) + 1
    order = {k: i for i, k in enumerate(kinds)}
    ranked = sorted(counts.items(), key=lambda item: (item[0][0], order.get(item[0][1], len(order)), item[0][1]))
    return pd.DataFrame({"year": [y for (y, _), _ in ranked], "kind": [k for (_, k), _ in ranked],
                         "count": [n for _, n in ranked]}).astype({"year": "int32", "count": "int64"})


def build(events: pd.DataFrame, countries: pd.DataFrame, sources: pd.DataFrame, f: Filters,
          kinds: tuple[str, ...], marks: dict | None = None, every: pd.DataFrame | None = None) -> Timeline:
    """The timeline for filtered events: lanes, placed markers, per-year counts, the undated count. `marks`
    (turan.claims.marks: event id -> Mark) gives each placed event what the paper's check found ('check', empty for
    none)."""
    start, end = pd.Timestamp(f.years[0], 1, 1), pd.Timestamp(f.years[1] + 1, 1, 1)
    placed, groups = place(events, countries, sources, f, start, end, every)
    placed = with_checks(placed, marks or {})
    return Timeline(placed, lanes(countries, f.countries, set(placed["lane"])), year_counts(events, kinds),
                    int(events["date_first"].isna().sum()), start, end, groups)


def with_checks(events: pd.DataFrame, marks: dict) -> pd.DataFrame:
    """The events with a column 'check': what the check of the paper found wrong with the event (None if nothing)."""
    return events.assign(check=events["event_id"].map(lambda i: marks[i].text if i in marks else None))


def _fold(text: str) -> str:
    """Lower case without accents, for forgiving search ('biro' finds 'Biró')."""
    plain = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def search(events: pd.DataFrame, kinds: list[str] | tuple[str, ...], text: str) -> pd.DataFrame:
    """Events of the chosen kinds (all when none chosen) whose title or description holds every word."""
    keep = events["kind"].isin(kinds) if kinds else pd.Series(True, index=events.index)
    haystack = (events["title"].fillna("") + " " + events["description"].fillna("")).map(_fold)
    for word in _fold(text or "").split():
        keep &= haystack.str.contains(word, regex=False)
    return events[keep]


TABLE_COLUMNS = ("date", "about_date", "parties", "kind", "title", "description", "source", "check")


def table(events: pd.DataFrame, names: dict[str, str], sources: pd.DataFrame, marks: dict | None = None
          ) -> pd.DataFrame:
    """The event list as shown and downloaded: in the chart's order (a year-precise event in the middle of its
    year), undated last, words instead of codes, and what the check of the paper found wrong with an event."""
    ordered = with_checks(describe_rows(events, names, sources), marks or {}).sort_values(["x", "event_id"],
                                                                                         na_position="last")
    shown = pd.DataFrame({
        "date": ordered["date_text"], "about_date": ordered["date_note"], "parties": ordered["parties_text"],
        "kind": ordered["kind"].str.capitalize(), "title": ordered["title"],
        "description": ordered["description"], "source": ordered["source_text"], "check": ordered["check"],
    })
    return shown.reset_index(drop=True)
