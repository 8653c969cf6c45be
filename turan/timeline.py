"""The agreement timeline: events placed in partner lanes, per-year counts and the searchable event list.

Pure pandas, no Streamlit. Every function takes events as filters.events() returns them, so the chart
and the list show the same rows as every other page.

Lanes: an event appears once in the lane of each selected partner among its parties (Turkey, Kazakhstan
and Uzbekistan -> the Kazakhstan and the Uzbekistan lanes); an event of Turkey alone gets a Turkey lane;
an event without Turkey (the 2020 Karabakh war) is context, drawn in a context lane and as a shaded band.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pandas as pd

from turan import dates
from turan.filters import REFERENCE, Filters
from turan.sources import source_kind, source_label

CONTEXT = "context"  # lane key of events without Turkey
LANE_LABELS = {CONTEXT: "Context (without Turkey)", REFERENCE: "Turkey alone"}
SLOTS = (0.0, 0.3, -0.3, 0.15, -0.15)  # vertical offsets that keep close markers apart
NEAR = 0.022  # markers closer than this share of the time axis are offset within their lane
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

    placed: pd.DataFrame  # one row per event and lane, dated events only
    lanes: tuple[Lane, ...]  # top to bottom
    counts: pd.DataFrame  # year, kind, count
    undated: int  # events that cannot be placed on the time axis (they are in the list)
    start: pd.Timestamp
    end: pd.Timestamp


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
    """The lanes an event is drawn in: each selected partner among its parties, else every partner."""
    if is_context(parties):
        return [CONTEXT]
    partners = [p for p in parties if p != REFERENCE]
    if not partners:
        return [REFERENCE]
    return [p for p in partners if p in selected] or partners


def explode(events: pd.DataFrame, selected: tuple[str, ...]) -> pd.DataFrame:
    """One row per event and lane (column 'lane'); an event is never lost, whatever its parties."""
    lanes = events["parties"].map(lambda parties: lane_keys(parties, selected))
    return events.assign(lane=lanes).explode("lane").reset_index(drop=True)


def lanes(countries: pd.DataFrame, selected: tuple[str, ...], used: set[str]) -> tuple[Lane, ...]:
    """Lanes top to bottom: context, the Turkic states, other partners (data order), Turkey alone last."""
    names = dict(zip(countries["iso3"], countries["name"]))
    ordered = countries.sort_values("group", key=lambda g: g != "turkic_state", kind="stable")["iso3"]
    partners = [c for c in ordered if c != REFERENCE and (c in selected or c in used)]
    keys = ([CONTEXT] if CONTEXT in used else []) + partners + ([REFERENCE] if REFERENCE in used else [])
    return tuple(Lane(k, LANE_LABELS.get(k) or names.get(k, k)) for k in keys)


def dodge(x: pd.Series, lane: pd.Series, near: pd.Timedelta) -> pd.Series:
    """A vertical offset per marker so that markers closer than `near` in one lane do not cover each other."""
    offsets = pd.Series(0.0, index=x.index)
    for _, group in x.groupby(lane, sort=False):
        last: list[pd.Timestamp | None] = [None] * len(SLOTS)
        for index, when in group.sort_values(kind="stable").items():
            free = [i for i, seen in enumerate(last) if seen is None or when - seen >= near]
            slot = free[0] if free else min(range(len(SLOTS)), key=lambda i: last[i])
            last[slot] = when
            offsets[index] = SLOTS[slot]
    return offsets


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
          start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Dated events, one row per lane, with x (middle of the date's span), x0/x1 (its span) and y offset."""
    names = dict(zip(countries["iso3"], countries["name"]))
    dated = events[events["date_first"].notna()]
    rows = explode(describe_rows(dated, names, sources), f.countries)
    return rows.assign(offset=dodge(rows["x"], rows["lane"], (end - start) * NEAR))


def year_counts(events: pd.DataFrame, kinds: tuple[str, ...]) -> pd.DataFrame:
    """Events with Turkey per year and kind, each event once (not once per lane); undated ones left out."""
    dated = events[events["date_first"].notna() & ~events["parties"].map(is_context)]
    years = dated["date_first"].dt.year.rename("year")
    counts = dated.groupby([years, dated["kind"]]).size().rename("count").reset_index()
    order = {k: i for i, k in enumerate(kinds)}
    return counts.sort_values(["year", "kind"], key=lambda c: c.map(order) if c.name == "kind" else c,
                              ignore_index=True)


def build(events: pd.DataFrame, countries: pd.DataFrame, sources: pd.DataFrame, f: Filters,
          kinds: tuple[str, ...]) -> Timeline:
    """The timeline for filtered events: lanes, placed markers, per-year counts, the undated count."""
    start, end = pd.Timestamp(f.years[0], 1, 1), pd.Timestamp(f.years[1] + 1, 1, 1)
    placed = place(events, countries, sources, f, start, end)
    return Timeline(placed, lanes(countries, f.countries, set(placed["lane"])), year_counts(events, kinds),
                    int(events["date_first"].isna().sum()), start, end)


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


TABLE_COLUMNS = ("date", "about_date", "parties", "kind", "title", "description", "source")


def table(events: pd.DataFrame, names: dict[str, str], sources: pd.DataFrame) -> pd.DataFrame:
    """The event list as shown and downloaded: in the chart's order (a year-precise event in the middle of its
    year), undated last, words instead of codes."""
    ordered = describe_rows(events, names, sources).sort_values(["x", "event_id"], na_position="last")
    shown = pd.DataFrame({
        "date": ordered["date_text"], "about_date": ordered["date_note"], "parties": ordered["parties_text"],
        "kind": ordered["kind"].str.capitalize(), "title": ordered["title"],
        "description": ordered["description"], "source": ordered["source_text"],
    })
    return shown.reset_index(drop=True)
