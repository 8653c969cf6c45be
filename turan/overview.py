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


# "Since the paper": the developments from 2021 to today that bear most on the question, by event id (events.csv),
# each with why it matters in our words. The date, title, parties and source come from the event's row.
SINCE_THE_PAPER = (
    ("aze_shusha_declaration_2021_06",
     "Turkey and Azerbaijan become allies on paper: each promises the other assistance against a third state. No "
     "other Turkic state has such a pact with Turkey."),
    ("kgz_tb2_delivered_2021_12",
     "Turkish armed drones enter Central Asian service, and more follow: a tie of equipment, training and spare "
     "parts that no treaty shows."),
    ("kaz_csto_arrival_2022_01",
     "The Russian-led CSTO sends troops into a Turkic state at its government's request: the alliance the paper "
     "says binds Kazakhstan works when it is called on."),
    ("arm_csto_freeze_statement_2024_02",
     "A CSTO member freezes its part without leaving: the bloc is weaker than in 2021, but its treaty still binds "
     "its parties."),
    ("cca_astana_treaty_2025_06",
     "China and the five Central Asian states sign a permanent treaty in which each promises not to join an "
     "alliance directed against another party."),
    ("ots_defence_industry_heads_meeting1_2025_07",
     "The Organization of Turkic States opens a defence-industry track: cooperation grows, still short of a "
     "joint army."),
)


@dataclass(frozen=True)
class Development:
    """One development since the paper, with the event behind it and the years and countries to see it in."""

    event_id: str
    date: str
    title: str
    why: str
    source_id: str
    year: int
    partners: tuple[str, ...]


def since_paper(bundle: Bundle, f: Filters, partners: list[str]) -> list[Development]:
    """The developments of SINCE_THE_PAPER in the selection (the filters.events rule), oldest first: none when only
    the paper's record is shown. `partners`: the countries the sidebar offers, in its order (a link filters on those
    among the event's parties)."""
    events = filters.events(bundle.events, f).set_index("event_id")
    out = []
    for event_id, why in SINCE_THE_PAPER:
        if event_id not in events.index:
            continue
        row = events.loc[event_id]
        out.append(Development(event_id, row["date_label"], row["title"], why, row["source_id"],
                               int(row["date_first"].year), tuple(p for p in partners if p in row["parties"])))
    return sorted(out, key=lambda d: events.loc[d.event_id, "date_first"])


def _period_words(row: pd.Series) -> str:
    start, end = row.get("period_start"), row.get("period_end")
    if pd.notna(start) and pd.notna(end):
        return f"{start} to {end}" if start != end else str(start)
    if pd.notna(start):
        return f"from {start}"
    if pd.notna(end):
        return f"up to {end}"
    return "date unknown"
