"""The aid charts in words."""

from __future__ import annotations

import pandas as pd

from turan import aid, memo
from turan.describe.words import count, extremes, most_least, sentences, words
from turan.formatting import format_usd


def totals(totals: pd.DataFrame, names: dict[str, str], selection: str) -> str:
    """The totals chart (aid.totals): the sum, the largest and smallest recipient, who has none, what is unknown.
    Only the opening words name the selection: the rest depends on the totals alone, worked out once per totals
    frame (shared by every year range that selects the same figures)."""
    tail, second, gaps = memo.derived(totals, "describe.aid.totals", (), lambda: _totals_words(totals, names))
    return sentences(f"Turkish military aid by recipient, {selection}{tail}", second, gaps)


def _totals_words(totals: pd.DataFrame, names: dict[str, str]) -> tuple[str, str | None, str | None]:
    """totals()'s words after the selection: the rest of the first sentence, the second, the gaps."""
    rows = memo.records(totals)  # a recipient and commitment per row: plain Python from here
    recipients = list(dict.fromkeys(r["recipient_iso3"] for r in rows))
    if not recipients or sum(r["figures"] for r in rows) == 0:
        return ": no recorded aid for this selection", None, None
    per = {c: {"amount": 0.0, "figures": 0, "open": 0.0} for c in recipients}
    for r in rows:
        mine = per[r["recipient_iso3"]]
        mine["amount"] += r["amount_usd"]
        mine["figures"] += r["figures"]
        mine["open"] += r["open_usd"]
    known = [c for c in recipients if per[c]["amount"] > 0]
    counted = sum(p["figures"] for p in per.values())
    low, high = aid.bounds(totals)
    first = (f": {aid.range_words(low, high)} in all, from {count(counted, 'figure')} summed as "
             "reported without counting any twice" + (
                 ", the range because the paper leaves open whether some figures sit inside a total also shown"
                 if round(high - low) else "") if known else
             f": {count(counted, 'figure')}, none with a known amount")
    label = {iso3: names.get(iso3, iso3) for iso3 in recipients}

    def in_words(iso3: str) -> str:  # a recipient's total: '$9.8M', or '$7.3M–$9.8M' where some may sit inside
        return aid.range_words(per[iso3]["amount"] - per[iso3]["open"], per[iso3]["amount"])

    def split(iso3: str) -> str:  # '$2M delivered, $3.3M agreed', or 'all delivered'
        parts = [r for r in rows if r["recipient_iso3"] == iso3 and r["amount_usd"] > 0]
        if len(parts) == 1:
            return f"all {parts[0]['commitment']}"
        return ", ".join(f"{format_usd(r['amount_usd'])} {r['commitment']}" for r in parts)

    second = None
    if len(known) == 1:
        iso3 = known[0]
        second = f"only {label[iso3]} has a recorded amount: {in_words(iso3)} ({split(iso3)})"
    elif len(known) > 1:
        amounts = {c: per[c]["amount"] for c in known}
        high, top, low, bottom = extremes(amounts)
        if len(high) == 1 and len(low) == 1 and top != bottom:  # one of each: say what they are made of
            story = lambda c: f"{label[c]}, {in_words(c)} ({split(c)})"  # noqa: E731
            second = f"largest: {story(high[0])}; smallest: {story(low[0])}"
        else:
            second = most_least({label[c]: v for c, v in amounts.items()}, format_usd, "largest", "smallest")
    missing = [label[c] for c in recipients if per[c]["figures"] == 0]
    gaps = []
    if missing:
        gaps.append(f"no recorded aid for {words(missing)} in this period")
    unknown = [r for r in rows if r["unknown"] > 0]
    if unknown:
        parts = [f"{count(int(r['unknown']), r['commitment'] + ' figure')} for {label[r['recipient_iso3']]}"
                 for r in unknown]
        verb = "has" if sum(int(r["unknown"]) for r in unknown) == 1 else "have"
        gaps.append(f"{words(parts)} {verb} no known amount and {'is' if verb == 'has' else 'are'} listed, not summed")
    return first, second, "; ".join(gaps) if gaps else None


def over_time(items: pd.DataFrame, names: dict[str, str], selection: str, recipients) -> str:
    """The time chart (aid.timeline_items): how many figures, their span, the largest and smallest, gaps. Only the
    opening words name the selection: the rest is worked out once per items frame and recipients."""
    tail, second, gaps = memo.derived(items, "describe.aid.over_time", (tuple(recipients),),
                                      lambda: _over_time_words(items, names, recipients))
    return sentences(f"Turkish military aid over time, {selection}{tail}", second, gaps)


def _over_time_words(items: pd.DataFrame, names: dict[str, str], recipients) -> tuple[str, str | None, str | None]:
    """over_time()'s words after the selection: the rest of the first sentence, the second, the gaps."""
    what = ""
    if items.empty:
        return f"{what}: no recorded aid for this selection", None, None
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
    return first, second or None, "; ".join(gaps) if gaps else None
