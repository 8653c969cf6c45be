"""The sources behind every figure: short labels for hovers and captions, source lines for charts, full citations
for notes and the bibliography. Pure functions over the sources table; lookups are dictionaries built once per table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from turan import filters, memo
from turan.filters import Filters
from turan.load import Bundle
from turan.text import md_escape, md_link


class _Source(NamedTuple):
    position: int  # row number in the sources table: lists keep the bibliography's order
    footnote: int | None
    kind: str
    citation: str


@memo.per_object
def _lookup(sources: pd.DataFrame) -> dict[str, _Source]:
    """source_id -> (footnote, kind, citation) of a sources table, built once per table object (a loaded table is
    never changed) so that labelling many rows costs dictionary lookups, not a pandas filter per row."""
    return {sid: _Source(i, None if pd.isna(note) else int(note), str(kind), str(citation))
            for i, (sid, note, kind, citation) in enumerate(zip(sources["source_id"], sources["paper_footnote"],
                                                                sources["kind"], sources["citation"]))}


def source_label(sources: pd.DataFrame, source_id: str) -> str:
    """Short citation for hovers and captions: 'Biró 2021, footnote 58 (Levon Hovsepyan, ...)'."""
    row = _lookup(sources).get(source_id)
    if row is None:
        return source_id
    if row.footnote is not None:
        return f"Biró 2021, footnote {row.footnote}: {row.citation}"
    return row.citation


def footnote_number(sources: pd.DataFrame, source_id: str) -> int | None:
    """The paper's footnote a source is, None for any other source or an unknown id (a dictionary lookup)."""
    row = _lookup(sources).get(source_id)
    return None if row is None else row.footnote


def source_kind(sources: pd.DataFrame, source_id: str) -> str | None:
    """The source's kind ('paper', 'paper_footnote', 'dataset', ...), None for an unknown id (a dictionary lookup)."""
    row = _lookup(sources).get(source_id)
    return None if row is None else row.kind


CITED_AT_MOST = 4  # public sources named one by one in a short citation; more are counted and left to the Sources page


def cite_short(sources: pd.DataFrame, source_ids, most: int | None = CITED_AT_MOST) -> str:
    """One line naming the sources behind a figure: paper footnotes grouped, other sources by citation, or, when
    there are more than `most` of them, counted ('38 public sources, listed on the Sources page')."""
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
    public = [row.citation for row in rows if row.kind not in ("paper", "paper_footnote")]
    if most is not None and len(public) > most:
        public = [f"{len(public)} public sources, listed on the Sources page"]
    return "; ".join(parts + public)


def sources_in_view(bundle: Bundle, f: Filters) -> pd.DataFrame:
    """The sources cited by the aid, event and membership rows the filters select, in bibliography order."""
    used = set(filters.aid(bundle.aid, f)["source_id"]) | set(filters.events(bundle.events, f)["source_id"])
    used |= set(filters.memberships(bundle.memberships, f)["source_id"])
    used |= set(filters.bases(bundle.bases, f)["source_id"])
    # The evidence grid, the paper's assessment, treaty rules, organisations, indicators and the checks of the paper
    # are shown whatever the selection, so their sources are always in view.
    for table in (bundle.rivalry, bundle.assessment, bundle.obligations, bundle.organisations, bundle.indicators):
        used |= set(table["source_id"])
    used |= {i for ids in bundle.claims["source_id"] for i in ids}
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


def citation(row) -> str:
    """A source in full, for speaker notes and the deck's bibliography: footnote, citation, link and access date
    (`row` is a row of sources_table, as a named tuple)."""
    text = (f"Biró 2021, footnote {int(row.paper_footnote)}: {row.citation}" if pd.notna(row.paper_footnote)
            else str(row.citation))
    if pd.notna(row.url):
        text += f" · {row.url}"
    if pd.notna(row.accessed):
        text += f" (accessed {row.accessed})"
    return text


def citations(sources: pd.DataFrame, ids: Iterable[str]) -> str:
    """Full citations (paper footnotes numbered), one a line, in bibliography order."""
    rows = sources_table(sources[sources["source_id"].isin(list(ids))])
    if rows.empty:
        return "Sources: none (nothing shown)."
    return "Sources:\n" + "\n".join(f"• {citation(r)}" for r in rows.itertuples(index=False))
