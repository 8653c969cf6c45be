"""Every chart in words: two or three plain sentences from the same frame the chart draws.

Shown under each chart ("Describe this chart"), used as the chart's text alternative for screen readers,
and reused in the briefing deck's speaker notes. Pure functions: frames in, text out. Each says what is
shown (in the filters' words), the largest and smallest values or the trend, and what is missing;
numbers are formatted as on the chart ($1.2M). Ties, a single row, an empty frame and missing values
are said as such, never as 'nan' or '$0'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from turan import alliances, schema
from turan.query import format_usd

KIND_WORDS = {  # event kind -> (one, several), as read in a sentence
    "agreement": ("agreement", "agreements"), "protocol": ("protocol", "protocols"), "visit": ("visit", "visits"),
    "exercise": ("exercise", "exercises"), "organisation": ("organisation event", "organisation events"),
    "industry": ("defence-industry deal", "defence-industry deals"), "other": ("other event", "other events"),
}


# ---- words -------------------------------------------------------------------------------------------

def words(items: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C' ('' for none)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def count(n: int, one: str, several: str | None = None) -> str:
    """'1 figure', '3 figures'."""
    return f"{n} {one if n == 1 else (several or one + 's')}"


def kind_count(n: int, kind: str) -> str:
    """'1 agreement', '2 organisation events'."""
    one, several = KIND_WORDS.get(kind, (kind, kind + "s"))
    return count(n, one, several)


def _sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _text(*sentences: str | None) -> str:
    return " ".join(_sentence(s) for s in sentences if s)


def extremes(values: dict[str, float]) -> tuple[list[str], float, list[str], float]:
    """(names with the highest value, highest, names with the lowest, lowest); missing values ignored."""
    known = {k: float(v) for k, v in values.items() if v is not None and not pd.isna(v)}
    if not known:
        return [], float("nan"), [], float("nan")
    top, bottom = max(known.values()), min(known.values())
    return ([k for k, v in known.items() if v == top], top, [k for k, v in known.items() if v == bottom], bottom)


def most_least(values: dict[str, float], fmt: Callable[[float], str], most: str, least: str) -> str:
    """'largest: A, $2M; smallest: B and C, $1M each', or 'A and B both have $1M' on a full tie.
    Callers handle a single entry themselves."""
    high, top, low, bottom = extremes(values)
    if not high:
        return ""
    each = lambda names: " each" if len(names) > 1 else ""  # noqa: E731
    if top == bottom:
        return f"{words(high)} {'both have' if len(high) == 2 else 'all have'} {fmt(top)}"
    return f"{most}: {words(high)}, {fmt(top)}{each(high)}; {least}: {words(low)}, {fmt(bottom)}{each(low)}"


# ---- aid ---------------------------------------------------------------------------------------------

def aid_totals(totals: pd.DataFrame, names: dict[str, str], selection: str) -> str:
    """The totals chart (aid.totals): the sum, the largest and smallest recipient, who has none, what is unknown."""
    what = f"Turkish military aid by recipient, {selection}"
    recipients = list(dict.fromkeys(totals["recipient_iso3"])) if len(totals) else []
    if not recipients or totals["figures"].sum() == 0:
        return _text(f"{what}: no recorded aid for this selection")
    per = totals.groupby("recipient_iso3", sort=False).agg(amount=("amount_usd", "sum"), figures=("figures", "sum"),
                                                           unknown=("unknown", "sum")).reindex(recipients)
    known = per[per["amount"] > 0]
    counted = int(per["figures"].sum())
    first = (f"{what}: {format_usd(known['amount'].sum())} in all, from {count(counted, 'figure')} summed as "
             "reported without counting any twice" if len(known) else
             f"{what}: {count(counted, 'figure')}, none with a known amount")
    label = {iso3: names.get(iso3, iso3) for iso3 in recipients}
    second = None
    if len(known) == 1:
        iso3 = known.index[0]
        second = (f"only {label[iso3]} has a recorded amount: {format_usd(known.loc[iso3, 'amount'])} "
                  f"({_commitment_split(totals, iso3)})")
    elif len(known) > 1:
        amounts = {c: known.loc[c, "amount"] for c in known.index}
        high, top, low, bottom = extremes(amounts)
        if len(high) == 1 and len(low) == 1 and top != bottom:  # one of each: say what they are made of
            story = lambda c: f"{label[c]}, {format_usd(amounts[c])} ({_commitment_split(totals, c)})"  # noqa: E731
            second = f"largest: {story(high[0])}; smallest: {story(low[0])}"
        else:
            second = most_least({label[c]: v for c, v in amounts.items()}, format_usd, "largest", "smallest")
    missing = [label[c] for c in recipients if per.loc[c, "figures"] == 0]
    gaps = []
    if missing:
        gaps.append(f"no recorded aid for {words(missing)} in this period")
    unknown = totals[totals["unknown"] > 0]
    if len(unknown):
        parts = [f"{count(int(r.unknown), r.commitment + ' figure')} for {label[r.recipient_iso3]}"
                 for r in unknown.itertuples(index=False)]
        verb = "has" if int(unknown["unknown"].sum()) == 1 else "have"
        gaps.append(f"{words(parts)} {verb} no known amount and {'is' if verb == 'has' else 'are'} listed, not summed")
    return _text(first, second, "; ".join(gaps) if gaps else None)


def _commitment_split(totals: pd.DataFrame, iso3: str) -> str:
    """'$2M delivered, $3.3M agreed', or 'all delivered'."""
    rows = totals[(totals["recipient_iso3"] == iso3) & (totals["amount_usd"] > 0)]
    if len(rows) == 1:
        return f"all {rows.iloc[0]['commitment']}"
    return ", ".join(f"{format_usd(r.amount_usd)} {r.commitment}" for r in rows.itertuples(index=False))


def aid_over_time(items: pd.DataFrame, names: dict[str, str], selection: str, recipients) -> str:
    """The time chart (aid.timeline_items): how many figures, their span, the largest and smallest, gaps."""
    what = f"Turkish military aid over time, {selection}"
    if items.empty:
        return _text(f"{what}: no recorded aid for this selection")
    kinds = items["kind"].value_counts()
    shape = [f"{int(kinds[k])} {words_}" for k, words_ in (("point", "at a date"), ("span", "over a period"),
             ("undated", "without a date, listed under the chart")) if kinds.get(k, 0)]
    first = f"{what}: {count(len(items), 'figure')}" + (f": {words(shape)}" if len(shape) > 1 else "")
    if len(shape) == 1:
        first += f", all {shape[0].split(' ', 1)[1]}"
    known = pd.concat([items["at"], items["start"], items["end"]]).dropna()
    amounts = items.dropna(subset=["amount_usd"])
    tag = lambda r: f"{r['recipient']}, {r['when']}"  # noqa: E731
    if len(items) == 1:
        row = items.iloc[0]
        amount = row["amount"] if pd.notna(row["amount_usd"]) else "a figure of unknown amount"
        second = f"the only figure is {amount} to {row['recipient']}, {row['when']} ({row['basis']})"
    else:
        span = ""
        if len(known) and known.min().year != known.max().year:
            span = f"the dated ones fall between {known.min().year} and {known.max().year}"
        elif len(known):
            span = f"the dated ones all fall in {known.min().year}"
        size = ""
        if len(amounts) == 1:
            size = f"the only known amount is {amounts.iloc[0]['amount']} ({tag(amounts.iloc[0])})"
        elif len(amounts) > 1:
            top, bottom = amounts["amount_usd"].max(), amounts["amount_usd"].min()
            high, low = amounts[amounts["amount_usd"] == top], amounts[amounts["amount_usd"] == bottom]
            if top == bottom:
                size = f"every known amount is {format_usd(top)}"
            else:
                size = (f"the largest {'is' if len(high) == 1 else 'are'} {format_usd(top)}"
                        f"{' each' if len(high) > 1 else ''} ({'; '.join(tag(r) for _, r in high.iterrows())}), "
                        f"the smallest {format_usd(bottom)}{' each' if len(low) > 1 else ''} "
                        f"({'; '.join(tag(r) for _, r in low.iterrows())})")
        second = "; ".join(p for p in (span, size) if p)
    gaps = []
    shown = set(items["recipient_iso3"])
    missing = [names.get(c, c) for c in recipients if c not in shown]
    if missing:
        gaps.append(f"no recorded aid for {words(missing)} in this period")
    unknown = int(items["amount_usd"].isna().sum())
    if unknown:
        gaps.append(f"{count(unknown, 'figure')} {'has' if unknown == 1 else 'have'} no known amount")
    inside = int((items["inside"] != "").sum())
    if inside:
        gaps.append(f"{count(inside, 'figure')} {'sits' if inside == 1 else 'sit'} inside a total shown and "
                    f"{'is' if inside == 1 else 'are'} not added (amount in brackets)")
    return _text(first, second, "; ".join(gaps) if gaps else None)


# ---- timeline ----------------------------------------------------------------------------------------

def _kind_split(counts: dict[str, int]) -> str:
    """'3 agreements, 1 visit': counts per kind in the legend's order, then any other kind."""
    order = [k for k in schema.EVENT_KINDS if k in counts] + [k for k in counts if k not in schema.EVENT_KINDS]
    return ", ".join(kind_count(int(counts[k]), k) for k in order if counts[k])


def timeline_events(placed: pd.DataFrame, lanes, undated: int, selection: str) -> str:
    """The event chart (timeline.build: placed rows, lanes, undated count): events, busiest lanes, gaps."""
    what = f"Turkey's defence ties event by event, {selection}"
    if placed.empty:
        if undated:
            return _text(f"{what}: no dated events; {count(undated, 'undated event')} "
                         f"{'is' if undated == 1 else 'are'} listed below the chart")
        return _text(f"{what}: no recorded events for this selection")
    events = placed.drop_duplicates("event_id").sort_values(["x", "event_id"])
    first = f"{what}: {count(len(events), 'dated event')} ({_kind_split(events['kind'].value_counts().to_dict())})"
    if len(events) == 1:
        first += f", dated {events.iloc[0]['date_text']}"
    else:
        first += f", from {events.iloc[0]['date_text']} to {events.iloc[-1]['date_text']}"
    labels = {lane.key: lane.label for lane in lanes}
    per_lane = placed[placed["lane"] != "context"].groupby("lane")["event_id"].nunique()
    partner_lanes = [lane for lane in lanes if lane.key != "context"]
    with_events = {labels[k]: int(per_lane[k]) for k in [lane.key for lane in partner_lanes] if k in per_lane.index}
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
    context = placed[placed["lane"] == "context"]["event_id"].nunique()
    if context:
        gaps.append(f"{count(context, 'context event')} without Turkey {'is' if context == 1 else 'are'} "
                    "drawn in its own lane")
    empty = [lane.label for lane in partner_lanes if lane.key not in per_lane.index]
    if empty:
        gaps.append(f"no recorded events with {words(empty)} in this period")
    if undated:
        gaps.append(f"{count(undated, 'undated event')} {'is' if undated == 1 else 'are'} listed below the chart")
    return _text(first, second, "; ".join(gaps) if gaps else None)


def events_per_year(counts: pd.DataFrame, years: tuple[int, int], selection: str) -> str:
    """The per-year bars (timeline.year_counts): total, busiest years, empty years and the trend by halves."""
    what = f"Events with Turkey per year, {selection}"
    if counts.empty or counts["count"].sum() == 0:
        return _text(f"{what}: no dated event with Turkey in this selection")
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
    return _text(first, second, "; ".join(third) if third else None)


def _kinds_in(counts: pd.DataFrame, year: int) -> dict[str, int]:
    """kind -> events in one year."""
    rows = counts[counts["year"] == year]
    return rows.groupby("kind", sort=False)["count"].sum().to_dict()


# ---- rivalry -----------------------------------------------------------------------------------------

def reach(frame: pd.DataFrame, names: dict[str, str], n_states: int, selection: str) -> str:
    """The institutional reach panels (rivalry.reach): the latest year's ranking and each power's change."""
    what = f"Institutional reach, {selection}"
    if n_states == 0 or frame.empty:
        return _text(f"{what}: no state selected, so nothing to count")
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
        return _text(first, second)
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
    return _text(first, second, "; ".join(third))


def bases(timeline: pd.DataFrame, hosts: Iterable[str], names: dict[str, str], selection: str) -> str:
    """The bases chart (rivalry.bases_timeline): how many, by whom, the longest and shortest in use, gaps."""
    what = f"Foreign military bases and facilities, {selection}"
    hosts = [names.get(h, h) for h in hosts]
    if timeline.empty:
        return _text(f"{what}: no recorded foreign base in the selected states in these years")
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
    return _text(first, second, "; ".join(gaps) if gaps else None)


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
        return _text(f"{what}: no country selected")
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
        return _text(what, "; ".join(gaps))
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
    return _text(what, second, "; ".join(third) if third else None)


def _has_gap(rows: pd.DataFrame, column: str) -> bool:
    """A missing year between a country's first and last value (`rows`: that country's rows)."""
    values = rows.sort_values("year")[column]
    present = values.notna().to_numpy().nonzero()[0]
    return len(present) > 0 and bool(values.iloc[present[0]:present[-1] + 1].isna().any())


def evidence_grid(table: pd.DataFrame, dimension: str, powers: Iterable[str]) -> str:
    """One section of the evidence grid (rivalry.grid_table): claims per power, the most and fewest."""
    title = {"interest": "interests", "instrument": "instruments", "stance": "stance towards Turkey's role"}
    what = f"What the paper says about each power's {title.get(dimension, dimension)}"
    rows = table[table["dimension"] == dimension]
    if rows.empty:
        return _text(f"{what}: no claim in this section")
    per = {p: int((rows["power"] == p).sum()) for p in powers}
    first = f"{what}: {count(len(rows), 'claim')}, each with the footnote it rests on"
    second = "per power, " + most_least(per, lambda n: count(int(n), "claim"), "most", "fewest")
    none = [p for p, n in per.items() if n == 0]
    third = f"the section names none for {words(none)}" if none else None
    return _text(first, second, third, "the grid is the same for every country and year selection")


def headlines(cards, selection: str) -> str:
    """The landing page's headline figures (query.headlines) as one sentence each."""
    if not cards:
        return _text(f"Headline figures, {selection}: none")
    parts = [f"{card.label}: {card.value}, {card.detail}" for card in cards]
    return _text(f"Headline figures, {selection}", *parts)


# ---- alliances ---------------------------------------------------------------------------------------

def _out_of_view(table: pd.DataFrame) -> str | None:
    """'Shown in grey, not in the country selection: ...; rival powers hidden: ...'."""
    hidden = table[~table["in_view"]]
    if hidden.empty:
        return None
    rivals = hidden["tooltip"].str.contains(alliances.RIVAL_HIDDEN_TEXT, regex=False)
    parts = []
    if (~rivals).any():
        parts.append(f"not in the country selection: {words(hidden.loc[~rivals, 'name'])}")
    if rivals.any():
        parts.append(f"rival powers hidden: {words(hidden.loc[rivals, 'name'])}")
    return "shown in grey, " + "; ".join(parts)


def alliance_map(table: pd.DataFrame, mode: str, org: str, orgs, subtitle: str) -> str:
    """The map (alliances.map_table): roles in one organisation, or how many of the chosen ones each holds."""
    shown = table[table["in_view"]]
    orgs = list(orgs)
    if mode == alliances.ONE:
        first = f"Map of {org} roles, {subtitle}"
        groups = []
        for role in (*alliances.ROLE_ORDER, alliances.NO_ROLE):
            who = shown.loc[shown["role"] == role, "name"].tolist()
            if who:
                groups.append(f"{alliances.ROLE_WORDS.get(role, 'no role')}: {words(who)}")
        second = "; ".join(groups) if groups else "no country in view"
    else:
        if not orgs:
            first = f"Map of memberships, {subtitle}: no organisation chosen, so every country shows 0"
            second = None
        else:
            first = (f"Map of how many of the {count(len(orgs), 'chosen organisation')} ({words(orgs)}) each country "
                     f"belongs to as member, associate or partner, {subtitle}")
            values = dict(zip(shown["name"], shown["count"]))
            share = lambda n: f"{int(n)} of {len(orgs)}"  # noqa: E731
            if len(values) == 1:
                name, n = next(iter(values.items()))
                second = f"{name} belongs to {share(n)}"
            else:
                second = most_least(values, share, "most", "fewest") or "no country in view"
    return _text(first, second, _out_of_view(table))


def roles_matrix(matrix: pd.DataFrame, names: dict[str, str], subtitle: str) -> str:
    """The roles matrix (alliances.matrix of Snapshot.roles): who holds most full roles, the largest
    organisation, and the empty cells."""
    orgs = list(matrix.columns)
    what = f"Roles of {count(len(matrix), 'country', 'countries')} in {words(orgs) or 'no organisation'}, {subtitle}"
    if matrix.empty or not orgs:
        return _text(what)
    full = matrix.isin(alliances.BELONGING)
    per_country = {names.get(c, c): int(full.loc[c].sum()) for c in matrix.index}
    per_org = {o: int(full[o].sum()) for o in orgs}
    share = lambda n: f"{int(n)} of {len(orgs)}"  # noqa: E731
    second = []
    if len(per_country) > 1:
        second.append("full roles (member, associate or partner) per country, " +
                      most_least(per_country, share, "most", "fewest"))
    if len(per_org) > 1:
        second.append("per organisation, " + most_least(per_org, lambda n: count(int(n), "country", "countries"),
                                                        "most", "fewest"))
    if len(per_country) == 1 and len(per_org) == 1:
        (name, n), = per_country.items()
        role = matrix.iloc[0, 0]
        second.append(f"{name} is {alliances.ROLE_WORDS.get(role, 'without a role') if role else 'without a role'}")
    empty_cells = int(matrix.isna().sum().sum())
    nobody = [o for o in orgs if matrix[o].isna().all()]
    third = [f"{empty_cells} of the {matrix.size} cells are empty (no role)"] if empty_cells else \
        ["every cell holds a role"]
    if nobody:
        third.append(f"no country in view holds any role in {words(nobody)}")
    return _text(what, "; ".join(second) if second else None, "; ".join(third))


def set_overlap(combos: pd.DataFrame, orgs, subtitle: str) -> str:
    """The UpSet-style chart (alliances.combinations): the most common combinations and who belongs to none."""
    orgs = list(orgs)
    if not orgs:
        return _text(f"Combinations of organisations, {subtitle}: no organisation chosen")
    total = int(combos["count"].sum()) if len(combos) else 0
    what = (f"Which combinations of {words(orgs)} occur, {subtitle}: "
            f"{count(len(combos), 'combination')} among {count(total, 'country', 'countries')}")
    if combos.empty:
        return _text(what)
    who = lambda r: f"{r['label']} ({words(r['countries'])})"  # noqa: E731
    real = combos[combos["label"] != alliances.NONE_OF_THESE]
    if len(combos) == 1:
        row = combos.iloc[0]
        second = (f"all {count(total, 'country', 'countries')} share one: {row['label']}" if total > 1 else
                  f"the only country, {row['countries'][0]}, holds {row['label']}")
    elif not real.empty:
        top = real["count"].max()
        high = real[real["count"] == top]
        if len(high) == 1:
            second = f"the most common is {who(high.iloc[0])}, with {count(int(top), 'country', 'countries')}"
        else:
            second = (f"the most common, with {count(int(top), 'country', 'countries')} each, are "
                      f"{words(who(r) for _, r in high.iterrows())}")
        singles = int((real["count"] == 1).sum())
        if singles and top > 1:
            second += f"; {count(singles, 'combination')} {'holds' if singles == 1 else 'hold'} a single country"
    else:
        second = None
    none = combos[combos["label"] == alliances.NONE_OF_THESE]
    if none.empty:
        third = "every country in view belongs to at least one of them"
    else:
        names = list(none.iloc[0]["countries"])
        third = f"{words(names)} {'belongs' if len(names) == 1 else 'belong'} to none of these"
    return _text(what, second, third)



# ---- scenario ----------------------------------------------------------------------------------------

def scenario_matrix(table: pd.DataFrame, grid: pd.DataFrame, summary, view: str) -> str:
    """The scenario page's matrix (scenario.matrix of scenario.factors, with scenario.summarise): how many
    obstacles and enablers, what each candidate would have to do to join, who has most factors, empty rows."""
    from turan import scenario  # scenario imports query and alliances, not this module: no cycle

    what = f"Obstacles and enablers of a Turan Army, {view}"
    if grid.empty or summary is None:
        return _text(f"{what}: no candidate chosen")
    effects = table["effect"].value_counts() if len(table) else pd.Series(dtype=int)
    first = (f"{what}: {count(len(grid), 'state')} by {count(grid.shape[1], 'factor')}, with "
             f"{count(int(effects.get(scenario.OBSTACLE, 0)), 'obstacle')} and "
             f"{count(int(effects.get(scenario.ENABLER, 0)), 'enabler')} in the data")
    groups = []
    for status, status_words in scenario.STATUS_WORDS.items():
        who = [s.country for s in summary.group(status)]
        if who:
            groups.append(f"{words(who)}: {status_words}")
    per = {name: int((grid.loc[name] != "").sum()) for name in grid.index}
    third = []
    if len(per) > 1:
        third.append("factors present per state, " + most_least(per, lambda n: count(int(n), "factor"),
                                                                 "most", "fewest"))
    empty = [name for name, n in per.items() if n == 0]
    if empty:
        third.append(f"no factor in the data for {words(empty)}")
    return _text(first, "; ".join(groups) if groups else None, "; ".join(third) if third else None)
