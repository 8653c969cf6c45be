"""The power-rivalry charts in words: the evidence grid, reach, bases and the indicator."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from turan import schema
from turan.describe.words import count, most_least, sentences, words
from turan.formatting import format_usd


def reach(frame: pd.DataFrame, names: dict[str, str], n_states: int, selection: str) -> str:
    """The institutional reach panels (rivalry.reach): the latest year's ranking and each power's change."""
    what = f"Institutional reach, {selection}"
    if n_states == 0 or frame.empty:
        return sentences(f"{what}: no state selected, so nothing to count")
    first = (f"{what}: how many of the {n_states} selected states belong, on 31 December of each year, to an "
             "organisation each power leads" if n_states > 1 else
             f"{what}: whether the selected state belongs, on 31 December of each year, to an organisation each "
             "power leads")
    powers = list(dict.fromkeys(frame["power"]))
    label = {p: names.get(p, p) for p in powers}
    last_year, first_year = int(frame["year"].max()), int(frame["year"].min())
    latest = frame[frame["year"] == last_year].set_index("power")["count"]
    share = lambda n: f"{int(n)} of {n_states}"  # noqa: E731
    second = f"in {last_year}, " + most_least({label[p]: latest[p] for p in powers}, share, "most", "fewest")
    if first_year == last_year:
        return sentences(first, second)
    changes, steady, never = [], [], []
    for power in powers:
        series = frame[frame["power"] == power].sort_values("year")["count"]
        start, end = int(series.iloc[0]), int(series.iloc[-1])
        if series.max() == 0:
            never.append(label[power])
        elif start == end:
            steady.append(f"{label[power]} ({start})")
        else:
            changes.append(f"{label[power]} {'rose' if end > start else 'fell'} from {start} to {end}")
    third = [f"from {first_year} to {last_year}, {words(changes)}"] if changes else []
    if steady:
        third.append(f"{words(steady)} {'ended where it began' if len(steady) == 1 else 'ended where they began'}")
    if never:
        third.append(f"{words(never)} {'reaches' if len(never) == 1 else 'reach'} none of them in any year")
    return sentences(first, second, "; ".join(third))


def bases(timeline: pd.DataFrame, hosts: Iterable[str], names: dict[str, str], selection: str) -> str:
    """The bases chart (rivalry.bases_timeline): how many, by whom, the longest and shortest in use, gaps."""
    what = f"Foreign military bases and facilities, {selection}"
    hosts = [names.get(h, h) for h in hosts]
    if timeline.empty:
        return sentences(f"{what}: no recorded foreign base in the selected states in these years")
    operators = timeline["operator_name"].value_counts()
    by = [f"{n} by {name}" for name, n in sorted(operators.items(), key=lambda item: (-item[1], item[0]))]
    first = f"{what}: {count(len(timeline), 'base')} in use at some time in these years, {words(by)}"
    if len(operators) == 1:
        first = (f"{what}: {count(len(timeline), 'base')} in use at some time in these years, "
                 f"{'run' if len(timeline) == 1 else 'all run'} by {operators.index[0]}")
    years = ((timeline["end"] - timeline["start"]).dt.days / 365.25).round().astype(int)
    story = lambda i: (f"{timeline.loc[i, 'name']} in {timeline.loc[i, 'host']} "  # noqa: E731
                       f"({_base_dates(timeline.loc[i])}, {_years(years[i])})")
    if len(timeline) == 1:
        second = f"it is {story(timeline.index[0])}"
    else:
        longest, shortest = years[years == years.max()].index, years[years == years.min()].index
        if years.max() == years.min():
            second = f"each was in use for {_years(years.max())}"
        else:
            second = (f"the longest in use: {'; '.join(story(i) for i in longest)}; the shortest: "
                      f"{'; '.join(story(i) for i in shortest)}")
    gaps = []
    ongoing = int(timeline["ongoing"].sum())
    if ongoing:
        gaps.append(f"{count(ongoing, 'base')} {'is' if ongoing == 1 else 'are'} still in use (drawn to today)")
    without = [h for h in hosts if h not in set(timeline["host"])]
    if without:
        gaps.append(f"no recorded foreign base in {words(without)}")
    return sentences(first, second, "; ".join(gaps) if gaps else None)


def _base_dates(row: pd.Series) -> str:
    return f"from {row['opened']}, still in use" if row["ongoing"] else f"{row['opened']} to {row['closed']}"


def _years(n: int) -> str:
    return "under a year" if n < 1 else count(int(n), "year")


def value_words(value: float, indicator: schema.Indicator, base_year: int | None = None) -> str:
    """An indicator value as the chart labels it: '$1.15bn', '0.43% of GDP', 'index 87.0'."""
    if value is None or pd.isna(value):
        return "no data"
    if base_year is not None:
        return f"index {value:.1f}"
    if "US$" in indicator.unit:
        return format_usd(value)
    if indicator.unit.startswith("%"):
        return f"{value:.2f}{indicator.unit}"
    return f"{value:.2f} {indicator.unit}"


def indicator(frame: pd.DataFrame, ind: schema.Indicator, countries, names: dict[str, str], selection: str,
              base_year: int | None = None) -> str:
    """The indicator chart (rivalry.series, optionally to_index): the latest values' range, the trend, gaps."""
    column = "value" if base_year is None else "index"
    unit = ind.unit if base_year is None else f"index, {base_year} = 100"
    what = f"{ind.title} ({unit}), {selection}"
    countries = list(countries)
    if not countries:
        return sentences(f"{what}: no country selected")
    known = frame.dropna(subset=[column]) if column in frame else frame.iloc[0:0]
    fmt = lambda v: value_words(v, ind, base_year)  # noqa: E731
    label = {c: names.get(c, c) for c in countries}
    valued = set(frame.loc[frame["value"].notna(), "iso3"])  # as the chart: 'no data' means no value at all
    missing = [c for c in countries if c not in valued]
    no_base = [c for c in countries if c in valued and base_year is not None and
               frame[(frame["iso3"] == c) & (frame["year"] == base_year)]["value"].isna().all()]
    gaps = [f"no data for {words(label[c] for c in missing)} in these years"] if missing else []
    if no_base:
        gaps.append(f"no value in {base_year}, so no index, for {words(label[c] for c in no_base)}")
    if known.empty:
        return sentences(what, "; ".join(gaps))
    year = int(known["year"].max())
    latest = known[known["year"] == year].set_index("iso3")[column]
    if len(latest) == 1:
        who = label[latest.index[0]]
        second = f"in {year}, the latest year with data, only {who} has a value: {fmt(latest.iloc[0])}"
    else:
        second = f"in {year}, the latest year with data, " + most_least(
            {label[c]: latest[c] for c in latest.index}, fmt, "highest", "lowest")
    rising, falling = [], []
    known_by = {c: rows.sort_values("year")[column] for c, rows in known.groupby("iso3", sort=False)}  # split once
    for iso3 in countries:
        series = known_by.get(iso3)
        if series is not None and len(series) >= 2 and series.iloc[-1] != series.iloc[0]:
            (rising if series.iloc[-1] > series.iloc[0] else falling).append(label[iso3])
    third = []
    if rising or falling:
        parts = ([f"{words(rising)} rose"] if rising else []) + ([f"{words(falling)} fell"] if falling else [])
        third.append("from the first to the last year with data, " + " and ".join(parts))
    third += gaps[:1] if missing else []
    rows_by = dict(tuple(frame.groupby("iso3", sort=False)))
    holes = [label[c] for c in countries if c in known_by and _has_gap(rows_by[c], column)]
    if holes:
        third.append(f"gaps (years without a value) for {words(holes)}")
    third += gaps[-1:] if no_base else []
    return sentences(what, second, "; ".join(third) if third else None)


def _has_gap(rows: pd.DataFrame, column: str) -> bool:
    """A missing year between a country's first and last value (`rows`: that country's rows)."""
    values = rows.sort_values("year")[column]
    present = values.notna().to_numpy().nonzero()[0]
    return len(present) > 0 and bool(values.iloc[present[0]:present[-1] + 1].isna().any())


def grid(table: pd.DataFrame, dimension: str, powers: Iterable[str]) -> str:
    """One section of the evidence grid (rivalry.grid_table): claims per power, the most and fewest."""
    title = {"interest": "interests", "instrument": "instruments", "stance": "stance towards Turkey's role"}
    what = f"What the paper says about each power's {title.get(dimension, dimension)}"
    rows = table[table["dimension"] == dimension]
    if rows.empty:
        return sentences(f"{what}: no claim in this section")
    per = {p: int((rows["power"] == p).sum()) for p in powers}
    first = f"{what}: {count(len(rows), 'claim')}, each with the footnote it rests on"
    second = "per power, " + most_least(per, lambda n: count(int(n), "claim"), "most", "fewest")
    none = [p for p, n in per.items() if n == 0]
    third = f"the section names none for {words(none)}" if none else None
    return sentences(first, second, third, "the grid is the same for every country and year selection")


def suppliers(frame, names: dict[str, str], selection: str, window: tuple[int, int]) -> str:
    """Per state, its largest supplier group's share of the arms delivered in the window, and Turkey's."""
    what = f"Who supplied the arms of {selection.split('; ')[0]} in {window[0]}-{window[1]} (SIPRI TIV, not dollars)"
    if frame.empty:
        return sentences(f"{what}: no delivery recorded")
    parts = []
    for label, rows in frame.groupby("label", sort=False):
        top = rows.sort_values("share", ascending=False, kind="stable").iloc[0]
        name = "other suppliers" if top["group"] == "other" else names.get(top["group"], top["group"])
        turkey = rows.loc[rows["group"] == "TUR", "share"]
        parts.append(f"{label}: {name} {top['share']:.0%}"
                     + (f", Turkey {float(turkey.iloc[0]):.0%}" if len(turkey) and top["group"] != "TUR" else ""))
    return sentences(what, *parts)
