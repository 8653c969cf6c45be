"""Military aid figures: which ones add up, per recipient and commitment, without counting any twice.

Counting rule (shown to readers as COUNTING_RULE): figures are summed as reported. A figure whose
`part_of` chain reaches a period or running total that is in the same selection and has an amount
is listed but never added: the total already contains it. A tranche whose total is not in the
selection (filtered out by the years, say, or a pledged total switched off) is counted on its own,
because nothing shown contains it, and the ledger says so. A total whose amount was lost does not
absorb its tranches. A period total that meets the selected years is counted whole: the paper gives
no yearly split (and, by the shared filter, a period known at one end only sits at that year). A figure with
no amount is listed and counted as "amount unknown", never as zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from turan import dates, filters, memo, schema
from turan.filters import Filters
from turan.formatting import format_usd
from turan.sources import cite_short, source_label

COMMITMENTS = schema.COMMITMENTS  # delivered, agreed, pledged: the stack order of the totals
BASIS_WORDS = {
    "delivered": "single delivery", "agreed": "single agreement", "pledged": "single pledge",
    "period_total": "total over a period", "cumulative": "running total",
}
SUMMED = "figures as reported; period totals shown once, their tranches not added"
COUNTING_RULE = (
    "Figures are summed as reported. A figure that the paper places inside a period or running total "
    "is listed but not added when that total is shown too; if the total is outside the selection (by "
    "year, or because pledges are switched off), the figure is counted on its own. A period total that "
    "meets the selected years is counted whole, as the paper gives no yearly split; a period known at "
    "one end only ('from 1999', 'before 2010') is placed at that year. Figures whose amount is "
    "lost are listed, never counted as zero. Where the paper leaves open whether a figure sits inside a total "
    "that is shown too, the total is a range: the lower bound counts the figure as inside that total (not added), "
    "the upper bound adds it; the cross-hatched end of a bar is the difference."
)
LEDGER_COLUMNS = ("Date", "Recipient", "Amount", "USD", "Basis", "Commitment", "Part of", "In the totals",
                  "Description", "Source", "Notes", "Check")


@dataclass(frozen=True)
class Context:
    """A figure shown beside the aid as context, never summed with it."""

    title: str
    text: str
    source_id: str


DEVELOPMENT_AID = Context(
    "Context, not military aid: Turkey's development aid",
    "The paper notes that Turkey's aid to 121 countries grew from $85 million to $3.4 billion over "
    "\"the past decade\" (the article it cites is headlined $3.5 billion in 2012). That is development "
    "aid to all recipients, a different quantity: it is never added to the military aid figures here.",
    "biro2021_fn69",
)


def select(aid: pd.DataFrame, f: Filters, include_pledged: bool = True) -> pd.DataFrame:
    """The figures shown: the shared aid filter, then pledged (planned) figures dropped unless included."""
    rows = filters.aid(aid, f)
    return rows if include_pledged else rows[rows["commitment"] != "pledged"]


def containers(rows: pd.DataFrame, every: pd.DataFrame | None = None) -> pd.Series:
    """For each row, the nearest total up its part_of chain (read in `every`) that is in `rows` with an
    amount; None when nothing shown contains it."""
    every = rows if every is None else every
    parents = {a: p for a, p in zip(every["aid_id"], every["part_of"]) if isinstance(p, str)}
    present = set(rows.loc[rows["amount_usd"].notna(), "aid_id"])

    def find(aid_id: str) -> str | None:
        seen, parent = {aid_id}, parents.get(aid_id)
        while parent is not None and parent not in seen:
            if parent in present:
                return parent
            seen.add(parent)
            parent = parents.get(parent)
        return None

    return pd.Series([find(a) for a in rows["aid_id"]], index=rows.index, dtype=object)


def annotate(rows: pd.DataFrame, every: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows plus `inside` (containing total's aid_id or None), `counted` (stands alone in the totals)
    and `status` (the same in words, for the ledger)."""
    out = rows.copy()
    out["inside"] = containers(rows, every)
    out["counted"] = out["inside"].isna()
    # A counted figure that may sit inside a total also shown (with an amount): in the upper bound only.
    present = set(rows.loc[rows["amount_usd"].notna(), "aid_id"])
    maybe = rows["maybe_part_of"] if "maybe_part_of" in rows else pd.Series(None, index=rows.index, dtype=object)
    out["maybe_inside"] = pd.Series([m if out.at[i, "counted"] and isinstance(m, str) and m in present else None
                                     for i, m in maybe.items()], index=out.index, dtype=object)
    pool = rows if every is None else every
    # Only the containing totals are looked up: turning all of `every` into records per call grew with the data.
    wanted = set(out["inside"].dropna()) | {m for m in out["maybe_inside"] if isinstance(m, str)}
    lookup = {row["aid_id"]: row for row in pool[pool["aid_id"].isin(wanted)].to_dict("records")}
    out["status"] = [_status(row, lookup) for row in out.to_dict("records")]
    return out


def _status(row: dict, lookup: dict[str, dict]) -> str:
    if row["inside"] is not None:
        return f"not added: inside {total_words(lookup[row['inside']])}"
    if isinstance(row.get("maybe_inside"), str):
        return (f"in the upper bound only: the paper leaves open whether it sits inside "
                f"{total_words(lookup[row['maybe_inside']])}")
    alone = "; its total is not in this selection" if isinstance(row["part_of"], str) else ""
    if pd.isna(row["amount_usd"]):
        return f"listed, not summed: amount unknown{alone}"
    return f"summed on its own{alone}" if alone else "summed"


def bound_label(text: str) -> str:
    """A period bound in words: '2002' for a year, 'March 2002' for a month."""
    parsed = dates.parse(text)
    return str(parsed.year) if parsed.precision == "year" else parsed.label()


def when(row) -> str:
    """The date as precisely as known: 'October 2003', '2007', '2002 to 2004', 'from 1999', 'before 2010'."""
    if isinstance(row["date"], str):
        return str(row["date_label"])
    start, end = row["period_start"], row["period_end"]
    if isinstance(start, str) and isinstance(end, str):
        first, last = bound_label(start), bound_label(end)
        return first if first == last else f"{first} to {last}"
    if isinstance(start, str):
        return f"from {bound_label(start)}"
    if isinstance(end, str):
        parsed = dates.parse(end)
        return f"before {parsed.year + 1}" if parsed.precision == "year" else f"up to {parsed.label()}"
    return "date unknown"


def amount_words(row) -> str:
    """The amount with the source's own hedge: '$1.5M', 'about $650k', 'no data' when lost."""
    text = format_usd(row["amount_usd"])
    qualifier = row["amount_qualifier"]
    if pd.isna(row["amount_usd"]) or not isinstance(qualifier, str) or qualifier == "exact":
        return text
    return f"{qualifier} {text}"


def total_words(row) -> str:
    """A total named for readers: 'the 2007 total of $2M', 'the running total of $3.5M'."""
    kind = "running total" if row["basis"] == "cumulative" else "total"
    period = when(row)
    period = "" if period == "date unknown" else f"{period} "
    return f"the {period}{kind} of {amount_words(row)}"


def totals(rows: pd.DataFrame, recipients, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per recipient and commitment: sum of the counted figures, how many were counted, how many
    of those have no amount, what they are (for hovers) and their sources. `rows` come from annotate()."""
    counted = rows[rows["counted"]].to_dict("records")  # plain records: a pandas filter per cell cost more
    records = []
    for iso3 in recipients:
        for commitment in COMMITMENTS:
            part = [r for r in counted if r["recipient_iso3"] == iso3 and r["commitment"] == commitment]
            known = [r["amount_usd"] for r in part if not pd.isna(r["amount_usd"])]
            records.append({
                "recipient_iso3": iso3, "commitment": commitment,
                "amount_usd": float(sum(known)), "figures": len(part), "unknown": len(part) - len(known),
                "items": [("\u2691 " if _check(r) else "") + f"{amount_words(r)} ({when(r)}, {BASIS_WORDS[r['basis']]})"
                          for r in part],
                "sources": cite_short(sources, [r["source_id"] for r in part])
                if sources is not None and part else "",
                "checks": [f"{amount_words(r)}: {_check(r)}" for r in part if _check(r)],
                "open_usd": float(sum(r["amount_usd"] for r in part
                                      if isinstance(r.get("maybe_inside"), str) and not pd.isna(r["amount_usd"]))),
                "open_items": [f"{amount_words(r)} ({when(r)})" for r in part
                               if isinstance(r.get("maybe_inside"), str)],
            })
    return pd.DataFrame(records, columns=["recipient_iso3", "commitment", "amount_usd", "figures", "unknown",
                                          "items", "sources", "checks", "open_usd", "open_items"])


def order(rows: pd.DataFrame, recipients) -> pd.DataFrame:
    """Rows by recipient (in the given order), then by first known day; undated rows last (computed once per rows
    table and recipients: the ledger, the time chart and the caveats of one view share it)."""
    return memo.derived(rows, "aid.order", tuple(recipients), lambda: _order(rows, recipients))


def _order(rows: pd.DataFrame, recipients) -> pd.DataFrame:
    rank = {iso3: i for i, iso3 in enumerate(recipients)}
    start = rows["date_first"].fillna(rows["period_start_first"]).fillna(rows["period_end_last"])
    keys = pd.DataFrame({"r": rows["recipient_iso3"].map(rank), "s": start, "id": rows["aid_id"]}, index=rows.index)
    return rows.loc[keys.sort_values(["r", "s", "id"], na_position="last").index]


def notes(row) -> str:
    """The row's date note and reading note as one text ('' when it has neither)."""
    parts = []
    if isinstance(row["date_note"], str):
        parts.append(f"Date: {row['date_note']}")
    if isinstance(row["note"], str):
        parts.append(row["note"])
    return " ".join(parts)


def ledger(rows: pd.DataFrame, sources: pd.DataFrame, names: dict[str, str], recipients,
           every: pd.DataFrame | None = None) -> pd.DataFrame:
    """The table readers see and download: one row per figure, in words; USD stays a number (NaN if lost)."""
    lookup = (rows if every is None else every).set_index("aid_id")
    records = [{
        "Date": when(r), "Recipient": names.get(r["recipient_iso3"], r["recipient_iso3"]),
        "Amount": amount_words(r), "USD": r["amount_usd"], "Basis": BASIS_WORDS[r["basis"]],
        "Commitment": r["commitment"],
        "Part of": total_words(lookup.loc[r["part_of"]]) if isinstance(r["part_of"], str) else "",
        "In the totals": r["status"], "Description": r["description"],
        "Source": source_label(sources, r["source_id"]), "Notes": notes(r), "Check": _check(r),
    } for r in order(rows, recipients).to_dict("records")]
    table = pd.DataFrame(records, columns=list(LEDGER_COLUMNS))
    table["USD"] = table["USD"].astype("float64")
    return table


def _check(row) -> str | None:
    """What the check of the paper found wrong with a figure (rows marked by with_checks), None if nothing."""
    check = row.get("check")
    return check if isinstance(check, str) else None


def with_checks(rows: pd.DataFrame, marks: dict) -> pd.DataFrame:
    """The figures with a column 'check': what the check of the paper found wrong with each (turan.claims.marks:
    aid id -> Mark), None where it found nothing."""
    return rows.assign(check=rows["aid_id"].map(lambda i: marks[i].text if i in marks else None))


def timeline_items(rows: pd.DataFrame, sources: pd.DataFrame, names: dict[str, str], recipients,
                   every: pd.DataFrame | None = None) -> pd.DataFrame:
    """What the time chart draws: a point at a dated figure's (mid) date, a span over a period (an open
    end marked), or nothing for an undated figure (`kind` 'undated', listed under the chart)."""
    lookup = (rows if every is None else every).set_index("aid_id")
    records = []
    for r in order(rows, recipients).to_dict("records"):
        dated = pd.notna(r["date_first"])
        start, end = r["period_start_first"], r["period_end_last"]
        kind = "point" if dated else "span" if pd.notna(start) or pd.notna(end) else "undated"
        records.append({
            "aid_id": r["aid_id"], "recipient_iso3": r["recipient_iso3"],
            "recipient": names.get(r["recipient_iso3"], r["recipient_iso3"]), "kind": kind,
            "at": r["date_first"] + (r["date_last"] - r["date_first"]) / 2 if dated else pd.NaT,
            "start": start, "end": end, "amount_usd": r["amount_usd"], "amount": amount_words(r),
            "when": when(r), "basis": BASIS_WORDS[r["basis"]], "commitment": r["commitment"],
            "description": r["description"], "source": source_label(sources, r["source_id"]),
            "inside": total_words(lookup.loc[r["inside"]]) if r["inside"] is not None else "", "check": _check(r),
        })
    return pd.DataFrame(records, columns=["aid_id", "recipient_iso3", "recipient", "kind", "at", "start", "end",
                                          "amount_usd", "amount", "when", "basis", "commitment", "description",
                                          "source", "inside", "check"])


def caveats(rows: pd.DataFrame, names: dict[str, str], recipients) -> list[tuple[str, str]]:
    """(figure in words, note) for every shown figure with a date or reading note: garbled text, uncertain links."""
    out = []
    for r in order(rows, recipients).to_dict("records"):
        text = notes(r)
        if text:
            who = names.get(r["recipient_iso3"], r["recipient_iso3"])
            amount = amount_words(r) if pd.notna(r["amount_usd"]) else "amount unknown"
            out.append((f"{who}, {when(r)}, {amount} ({BASIS_WORDS[r['basis']]})", text))
    return out


def subtitle(f: Filters, names: dict[str, str], include_pledged: bool) -> str:
    """Chart subtitle: the selection, what is summed, and whether pledges are left out."""
    text = f"{filters.in_words(f, names)} · {SUMMED}"
    return text if include_pledged else f"{text} · pledged figures excluded"


def source_line(sources: pd.DataFrame, rows: pd.DataFrame) -> str:
    """The sources behind the shown figures, for chart footers."""
    return cite_short(sources, rows["source_id"].unique())


def bar_end_words(totals: pd.DataFrame, iso3: str, emphasise=str) -> str:
    """The words at the end of a recipient's bar: '$9.8M', '$1M + 1 figure of unknown amount', 'no recorded aid'
    (`emphasise` wraps the amount, e.g. in bold on screen)."""
    rows = totals[totals["recipient_iso3"] == iso3]
    if rows["figures"].sum() == 0:
        return "no recorded aid"
    amount, unknown = rows["amount_usd"].sum(), int(rows["unknown"].sum())
    parts = [emphasise(range_words(amount - rows["open_usd"].sum(), amount))] if amount > 0 else []
    if unknown:
        parts.append(f"{unknown} figure{'s' if unknown > 1 else ''} of unknown amount")
    return " + ".join(parts)


def range_words(low: float, high: float) -> str:
    """'$9.8M', or '$7.3M–$9.8M' when the paper leaves open whether some figures sit inside a total."""
    return format_usd(high) if round(high - low) == 0 else f"{format_usd(low)}–{format_usd(high)}"


def bounds(totals: pd.DataFrame) -> tuple[float, float]:
    """The lower and upper bound of a sum of totals (aid.totals rows): the upper adds every counted figure, the
    lower leaves out those that may already sit inside a total shown."""
    high = float(totals["amount_usd"].sum())
    return high - float(totals["open_usd"].sum()), high


def middle(item) -> pd.Timestamp:
    """Where a period's mark sits on a time axis: its middle, or its known end when the other end is open."""
    if pd.notna(item["start"]) and pd.notna(item["end"]):
        return item["start"] + (item["end"] - item["start"]) / 2
    return item["start"] if pd.notna(item["start"]) else item["end"]


def mark_words(item, escape=str) -> str:
    """The label above a mark: '$1.5M'; a period adds when ('$10M, before 2010'); one inside a total shown is in
    brackets (`escape` makes the words safe for the renderer)."""
    amount = format_usd(item["amount_usd"]) if pd.notna(item["amount_usd"]) else "amount unknown"
    if item["kind"] == "span":
        amount = f"{amount}, {escape(item['when'])}"
    flag = " \u2691" if isinstance(item.get("check"), str) else ""
    return (f"({amount})" if item["inside"] else amount) + flag


def undated_words(items: pd.DataFrame) -> str:
    """The figures without a date, in words (they are listed under the time chart, or in the slide's message)."""
    listed = items[items["kind"] == "undated"]
    if listed.empty:
        return ""
    parts = [f"{r['recipient']}, {r['amount']} ({r['basis']}" + (f", inside {r['inside']})" if r["inside"] else ")")
             for _, r in listed.iterrows()]
    return "Not on the time axis (no date in the source): " + "; ".join(parts) + "."
