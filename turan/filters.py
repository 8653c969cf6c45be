"""The global filters (countries, a year range, and which record: everything or only what the paper records): one
value, one set of apply functions, one description.

Every page filters through these functions, so a row means the same thing on every page.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from turan import memo

REFERENCE = "TUR"  # Turkey is the reference country: always shown beside the selected partners
FIRST_YEAR = 1991  # the Soviet Union's collapse: the start of the period the dashboard covers
RECORDS = {  # the record filter's values (also the URL's ?record=) -> words
    "all": "Everything, to today",
    "paper": "What the paper records",
}
PAPER_RECORD_NOTE = ("What the paper records: the events and aid figures whose evidence is the paper (Biró 2021 and "
                     "its footnotes). Memberships, bases and treaty rules come from public records in both views.")


@dataclass(frozen=True)
class Filters:
    """Selected partner countries (ISO3) and an inclusive year range, with the range's full extent."""

    countries: tuple[str, ...]
    years: tuple[int, int]
    bounds: tuple[int, int]
    record: str = "all"  # RECORDS: everything, or only the rows whose evidence is the paper

    @classmethod
    def make(cls, countries, years, bounds, record: str = "all") -> "Filters":
        """Normalise raw widget values: keep order, drop duplicates, sort and clamp the year range; an unknown
        record value means everything."""
        lo, hi = sorted(int(y) for y in bounds)
        a, b = sorted(int(y) for y in years)
        a, b = min(max(a, lo), hi), min(max(b, lo), hi)
        return cls(tuple(dict.fromkeys(countries)), (a, b), (lo, hi), record if record in RECORDS else "all")

    def countries_only(self) -> "Filters":
        """The same countries over the whole period and record: what a view that reads only the countries (the
        paper-checked page) is keyed on, so that a change of years finds it already computed."""
        return dataclasses.replace(self, years=self.bounds, record="all")

    @property
    def paper_only(self) -> bool:
        """True when only what the paper records is shown (events and aid whose evidence is the paper)."""
        return self.record == "paper"

    @property
    def full_period(self) -> bool:
        """True when the whole period is selected (only then are undated rows shown)."""
        return self.years == self.bounds


def _overlaps(first: pd.Series, last: pd.Series, f: Filters) -> pd.Series:
    """Rows whose span [first, last] meets the year range; an open end counts as open, no date at all
    counts only when the whole period is selected."""
    start, end = pd.Timestamp(f.years[0], 1, 1), pd.Timestamp(f.years[1], 12, 31)
    undated = first.isna() & last.isna()
    meets = (first.isna() | (first <= end)) & (last.isna() | (last >= start))
    return (meets & ~undated) | (undated & f.full_period)


def meets(first, last, f: Filters) -> bool:
    """_overlaps' rule for one row: its span [first, last] (Timestamps, NaT for unknown) meets the year range."""
    start, end = pd.Timestamp(f.years[0], 1, 1), pd.Timestamp(f.years[1], 12, 31)
    if pd.isna(first) and pd.isna(last):
        return f.full_period
    return (pd.isna(first) or first <= end) and (pd.isna(last) or last >= start)


def _aid_span(first_day, first_start, first_end, last_day, last_end, last_start) -> tuple:
    """An aid figure's span as the aid filter reads it: its date, else its period (known at one end only: that end)."""
    first = next((d for d in (first_day, first_start, first_end) if not pd.isna(d)), pd.NaT)
    last = next((d for d in (last_day, last_end, last_start) if not pd.isna(d)), pd.NaT)
    return first, last


def aid_meets(row, f: Filters) -> bool:
    """aid()'s rule for one figure (a named tuple of the aid table), the recipient and record aside."""
    return meets(*_aid_span(row.date_first, row.period_start_first, row.period_end_first, row.date_last,
                            row.period_end_last, row.period_start_last), f)


def _recorded(frame: pd.DataFrame, f: Filters) -> pd.Series | bool:
    """Rows in the chosen record: all, or only those whose evidence is the paper."""
    return frame["evidence"] == "paper" if f.paper_only else True


def aid(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Aid figures to the selected recipients whose date or period meets the year range.

    A period known at one end only ("from 1999", "before 2010") is placed at that known year: the
    source reports it as of then, and stretching it to every later or earlier year would show a 1999
    figure in a 2015-2020 view.
    """
    first, last = memo.derived(frame, "filters.aid_span", (), lambda: (  # once per aid table
        frame["date_first"].fillna(frame["period_start_first"]).fillna(frame["period_end_first"]),
        frame["date_last"].fillna(frame["period_end_last"]).fillna(frame["period_start_last"])))
    mask = frame["recipient_iso3"].isin(f.countries) & _overlaps(first, last, f) & _recorded(frame, f)
    return frame[mask]


def events(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Events with a selected country among their parties (or Turkey alone), in the year range."""
    chosen = set(f.countries)
    involved = frame["parties"].map(lambda parties: bool(chosen & set(parties)) or set(parties) == {REFERENCE})
    return frame[involved & _overlaps(frame["date_first"], frame["date_last"], f) & _recorded(frame, f)]


def memberships(frame: pd.DataFrame, f: Filters, extra: tuple[str, ...] = (REFERENCE,)) -> pd.DataFrame:
    """Membership spells of the selected countries (plus `extra`, Turkey by default) that meet the range."""
    mask = frame["iso3"].isin(f.countries + extra) & _overlaps(frame["start_first"], frame["end_last"], f)
    return frame[mask]


def bases(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Foreign bases hosted by a selected country whose years of use meet the range (open while in use)."""
    mask = frame["host_iso3"].isin(f.countries) & _overlaps(frame["opened_first"], frame["closed_last"], f)
    return frame[mask]


def in_words(f: Filters, names: dict[str, str], record: bool = True) -> str:
    """The filters in words, for subtitles and captions: 'Kazakhstan, Kyrgyzstan; 1992 to 2010', and '; as the paper
    records it' when only the paper's record is shown (record=False for what the record filter does not touch:
    memberships, bases, spending)."""
    if not f.countries:
        who = "no country selected"
    else:
        who = ", ".join(names.get(c, c) for c in f.countries)
    when = f"{f.years[0]}" if f.years[0] == f.years[1] else f"{f.years[0]} to {f.years[1]}"
    return f"{who}; {when}" + ("; as the paper records it" if f.paper_only and record else "")


def recorded(data, f: Filters):
    """The data bundle with only the chosen record's events and aid (the bundle itself for everything): for the
    computations that read whole tables rather than the filtered rows (the scenario's factors)."""
    if not f.paper_only:
        return data
    return memo.derived(data, "filters.recorded", ("paper",), lambda: dataclasses.replace(
        data, events=data.events[data.events["evidence"] == "paper"], aid=data.aid[data.aid["evidence"] == "paper"]))


@memo.per_object  # once per countries table (every rerun's sidebar asks): callers only read the lists
def partners(countries: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The partner countries the filter offers (all but Turkey and the rival powers, in countries.csv's order) and
    its default (the Turkic states among them): the sidebar and the deck's command line offer the same."""
    offered = countries[(countries["iso3"] != REFERENCE) & (countries["group"] != "rival_power")]
    return offered["iso3"].tolist(), offered.loc[offered["group"] == "turkic_state", "iso3"].tolist()
