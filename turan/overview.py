"""The overview page's headline figures: a few counts for the selection, each traceable to its sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from turan import filters
from turan.filters import Filters
from turan.formatting import format_usd
from turan.load import Bundle
from turan.membership import members_as_of


@dataclass(frozen=True)
class Headline:
    """A headline number for the landing page, with words and the sources behind it."""

    label: str
    value: str
    detail: str
    source_ids: tuple[str, ...]


def headlines(bundle: Bundle, f: Filters, day: pd.Timestamp) -> list[Headline]:
    """Landing-page headline figures for the filters, each traceable to its sources."""
    partners = f.countries
    events = filters.events(bundle.events, f)
    with_turkey = events["parties"].map(lambda parties: filters.REFERENCE in parties)
    deals = events[events["kind"].isin(["agreement", "protocol"]) & with_turkey]
    aid = filters.aid(bundle.aid, f)
    top = aid.dropna(subset=["amount_usd"]).sort_values("amount_usd", ascending=False).head(1)
    names = bundle.country_names()
    out = [Headline("Agreements and protocols", str(len(deals)),
                    "with Turkey for the selection, "
                    + ("as the paper records them" if f.paper_only else "from the paper and public records")
                    + " (undated ones only over the whole period)",
                    tuple(sorted(deals["source_id"].unique())))]
    if top.empty:
        out.append(Headline("Largest military aid figure", "no data",
                            "no recorded aid for this selection", ()))
    else:
        row = top.iloc[0]
        when = row["date_label"] if pd.notna(row["date"]) else _period_words(row)
        out.append(Headline("Largest military aid figure", format_usd(row["amount_usd"]),
                            f"from Turkey to {names[row['recipient_iso3']]}, {when} ({row['basis'].replace('_', ' ')}, "
                            f"{row['commitment']})", (row["source_id"],)))
    for org, words in (("CSTO", "In the CSTO (Russia-led)"), ("OTS", "In the OTS (Turkic Council)")):
        members = [c for c in members_as_of(bundle.memberships, org, day) if c in partners]
        spells = bundle.memberships[(bundle.memberships["org_id"] == org) & bundle.memberships["iso3"].isin(members)]
        out.append(Headline(words, str(len(members)),
                            f"of the selected states on {day:%d %b %Y}: "
                            + (", ".join(names[c] for c in members) or "none"),
                            tuple(sorted(spells["source_id"].unique()))))
    return out


def _period_words(row: pd.Series) -> str:
    start, end = row.get("period_start"), row.get("period_end")
    if pd.notna(start) and pd.notna(end):
        return f"{start} to {end}" if start != end else str(start)
    if pd.notna(start):
        return f"from {start}"
    if pd.notna(end):
        return f"up to {end}"
    return "date unknown"
