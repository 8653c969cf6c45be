"""Derived tables and figures computed from the bundle: pure functions, no Streamlit, no I/O."""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from turan import filters
from turan.filters import Filters
from turan.load import Bundle
from turan.text import md_escape, md_link


class _Source(NamedTuple):
    position: int  # row number in the sources table: lists keep the bibliography's order
    footnote: int | None
    kind: str
    citation: str


_LOOKUPS: dict[int, tuple[weakref.ref, dict[str, _Source]]] = {}


def _lookup(sources: pd.DataFrame) -> dict[str, _Source]:
    """source_id -> (footnote, kind, citation) of a sources table, built once per table object (a loaded table is
    never changed) so that labelling many rows costs dictionary lookups, not a pandas filter per row."""
    known = _LOOKUPS.get(id(sources))
    if known is not None and known[0]() is sources:
        return known[1]
    table = {sid: _Source(i, None if pd.isna(note) else int(note), str(kind), str(citation))
             for i, (sid, note, kind, citation) in enumerate(zip(sources["source_id"], sources["paper_footnote"],
                                                                 sources["kind"], sources["citation"]))}
    _LOOKUPS[id(sources)] = (weakref.ref(sources, lambda _, key=id(sources): _LOOKUPS.pop(key, None)), table)
    return table


def source_label(sources: pd.DataFrame, source_id: str) -> str:
    """Short citation for hovers and captions: 'Biró 2021, footnote 58 (Levon Hovsepyan, ...)'."""
    row = _lookup(sources).get(source_id)
    if row is None:
        return source_id
    if row.footnote is not None:
        return f"Biró 2021, footnote {row.footnote}: {row.citation}"
    return row.citation


def source_kind(sources: pd.DataFrame, source_id: str) -> str | None:
    """The source's kind ('paper', 'paper_footnote', 'dataset', ...), None for an unknown id (a dictionary lookup)."""
    row = _lookup(sources).get(source_id)
    return None if row is None else row.kind


def format_usd(amount: float | None) -> str:
    """$1.2M style money: never 1200000, never 'nan'."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return "no data"
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(amount) >= size:
            text = f"{amount / size:.2f}".rstrip("0").rstrip(".")
            return f"${text}{suffix}"
    return f"${amount:,.0f}"


def held_on(spells: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """The membership spells held on `day`: begun (start <= day) and not yet ended (no end, or day < end).

    `end` is the day the status changed, so on a hand-over day the new spell wins; a date known only to
    the month or year counts from its first day. Every page reads memberships through this one rule.
    """
    return spells[held_mask(spells["start_first"], spells["end_first"], day)]


def held_mask(start, end, day: pd.Timestamp):
    """held_on's rule on the spells' first possible start and end days (Series or numpy datetime64 arrays, for
    callers that test many days): begun by `day` and not ended on or before it."""
    if isinstance(start, np.ndarray):
        day = day.to_datetime64()
    return (start <= day) & (pd.isna(end) | (day < end))


def members_as_of(memberships: pd.DataFrame, org_id: str, day: pd.Timestamp,
                  role: str = "member") -> list[str]:
    """ISO3 codes holding `role` in `org_id` on `day` (see held_on for the rule)."""
    spells = memberships[(memberships["org_id"] == org_id) & (memberships["role"] == role)]
    return sorted(held_on(spells, day)["iso3"].unique())


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
    deals = events[events["kind"].isin(["agreement", "protocol"])]
    aid = filters.aid(bundle.aid, f)
    top = aid.dropna(subset=["amount_usd"]).sort_values("amount_usd", ascending=False).head(1)
    names = bundle.country_names()
    out = [Headline("Agreements and protocols", str(len(deals)),
                    "with Turkey, recorded in the paper for the selection (undated ones only over the whole period)",
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


def cite_short(sources: pd.DataFrame, source_ids) -> str:
    """One line naming the sources behind a figure: paper footnotes grouped, other sources by citation."""
    lookup = _lookup(sources)
    rows = sorted({lookup[sid] for sid in source_ids if isinstance(sid, str) and sid in lookup})  # table order
    if not rows:
        return "no source"
    notes = sorted(row.footnote for row in rows if row.footnote is not None)
    paper = any(row.kind == "paper" for row in rows)
    parts = []
    if notes:
        parts.append(f"Biró 2021, footnote{'s' if len(notes) > 1 else ''} {', '.join(map(str, notes))}")
    elif paper:
        parts.append("Biró 2021")
    if notes and paper:
        parts[0] += " and main text"
    parts += [row.citation for row in rows if row.kind not in ("paper", "paper_footnote")]
    return "; ".join(parts)


def sources_in_view(bundle: Bundle, f: Filters) -> pd.DataFrame:
    """The sources cited by the aid, event and membership rows the filters select, in bibliography order."""
    used = set(filters.aid(bundle.aid, f)["source_id"]) | set(filters.events(bundle.events, f)["source_id"])
    used |= set(filters.memberships(bundle.memberships, f)["source_id"])
    used |= set(filters.bases(bundle.bases, f)["source_id"])
    # The evidence grid, the paper's assessment, treaty rules, organisations and indicators are shown
    # whatever the selection, so their sources are always in view.
    for table in (bundle.rivalry, bundle.assessment, bundle.obligations, bundle.organisations, bundle.indicators):
        used |= set(table["source_id"])
    return bundle.sources[bundle.sources["source_id"].isin(used)]


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    """The bibliography as shown to readers: footnote, citation, link, access date, kind, note."""
    table = sources[["paper_footnote", "citation", "url", "accessed", "kind", "note", "source_id"]]
    return table.sort_values(["paper_footnote", "source_id"], na_position="last").reset_index(drop=True)


def bibliography(sources: pd.DataFrame) -> dict[str, list[str]]:
    """The bibliography as escaped markdown items, grouped: the paper, its footnotes, other sources."""
    groups: dict[str, list[str]] = {"The paper": [], "The paper's footnotes": [],
                                    "Official pages, treaties, datasets and references": []}
    for row in sources_table(sources).itertuples(index=False):
        item = md_escape(row.citation)
        if pd.notna(row.url):
            item += f" · {md_link('link', row.url)}"
        if pd.notna(row.accessed):
            item += f" · accessed {md_escape(row.accessed)}"
        if pd.notna(row.note):
            item += f"  \n  *{md_escape(row.note)}*"
        if row.kind == "paper":
            groups["The paper"].append(item)
        elif row.kind == "paper_footnote":
            groups["The paper's footnotes"].append(f"**{int(row.paper_footnote)}.** {item}")
        else:
            groups["Official pages, treaties, datasets and references"].append(item)
    return {title: items for title, items in groups.items() if items}
