"""The arms-transfers charts in words."""

from __future__ import annotations

import pandas as pd

from turan import arms
from turan.describe.words import count, sentences


def _name(group: str, names: dict[str, str]) -> str:
    return "other suppliers" if group == arms.OTHER else names.get(group, group)


def _tiv(value: float) -> str:
    return f"{value:,.1f} million TIV"


def time(totals: pd.DataFrame, names: dict[str, str], selection: str) -> str:
    """TIV delivered per year by supplier group (arms.by_group): total, the largest suppliers, the busiest year."""
    what = f"Major arms delivered, {selection}, in SIPRI trend-indicator values (a volume, not US dollars)"
    if totals.empty:
        return sentences(f"{what}: no delivery recorded")
    per_group = totals.groupby("group")["tiv"].sum().sort_values(ascending=False, kind="stable")
    total = float(per_group.sum())
    parts = [f"{_name(g, names)} {v / total:.0%}" for g, v in per_group.items()]
    per_year = totals.groupby("year")["tiv"].sum()
    busiest = int(per_year.idxmax())
    return sentences(f"{what}: {_tiv(total)} in all", f"by supplier: {', '.join(parts)}",
                     f"the busiest year is {busiest}, with {_tiv(float(per_year.max()))}", arms.SPREAD_NOTE)


def shares(frame: pd.DataFrame, names: dict[str, str], selection: str) -> str:
    """Each period's largest supplier group and its share."""
    what = f"Each supplier's share of the arms delivered per five-year period, {selection}"
    if frame.empty:
        return sentences(f"{what}: no delivery recorded")
    lines = []
    for (start, end), part in frame.groupby(["start", "end"], sort=True):
        top = part.sort_values("share", ascending=False, kind="stable").iloc[0]
        lines.append(f"{start}-{end}: {_name(top['group'], names)} {top['share']:.0%}")
    return sentences(f"{what}; the largest in each period: {'; '.join(lines)}")


def main(frame: pd.DataFrame, names: dict[str, str], selection: str) -> str:
    """Per state: main supplier then and now, Turkey's rank."""
    what = f"Main suppliers, {selection}"
    if frame.empty:
        return sentences(f"{what}: no state selected")
    lines = []
    for row in frame.itertuples(index=False):
        then = f"{names.get(row.then, row.then)} ({row.then_share:.0%})" if isinstance(row.then, str) else "no data"
        now = f"{names.get(row.now, row.now)} ({row.now_share:.0%})" if isinstance(row.now, str) else "no data"
        rank = (f"Turkey ranks {int(row.rank)} of {count(int(row.suppliers), 'supplier')}"
                if pd.notna(row.rank) else "Turkey delivered nothing recorded")
        lines.append(f"{row.state}: {then} in 2001-2005, {now} in 2021-2025; {rank}")
    return sentences(what, *lines)
