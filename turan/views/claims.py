"""The paper-checked page's view: the verdicts chart, the claims table with its CSV, and the forecasts and
judgements with the events since 2021 they rest on."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import claims, filters, memo
from turan.charts import ChartSpec
from turan.charts import claims as charts
from turan.export import LazyCsv
from turan.figures import claims as figures
from turan.filters import Filters
from turan.load import Bundle
from turan.sources import source_label
from turan.views import Drawn


@dataclass(frozen=True)
class Card:
    """One forecast or judgement: the claim, its verdict, what happened, and the events it rests on."""

    claim_id: str
    section: str
    claim: str
    verdict: str
    evidence: str
    note: str
    events: tuple[tuple[str, str], ...]  # (date as known, title), oldest first
    event_ids: tuple[str, ...]
    partners: tuple[str, ...]  # the partner states among the events' parties, else the Turkic states (the timeline's
    # country filter)
    years: tuple[int, int] | None  # the years the events span

    @property
    def focus_label(self) -> str:
        """What the events are, for the timeline that shows them alone."""
        return f"that the verdict on \u201c{textwrap.shorten(self.claim, 90, placeholder='…')}\u201d rests on"


@dataclass(frozen=True)
class ClaimsView:
    verdicts: Drawn
    outlook: ChartSpec
    table: pd.DataFrame
    csv: LazyCsv | None  # the download, made on click
    cards: tuple[Card, ...]
    total: int  # claims in the data, before any filter


def _card(row, events: pd.DataFrame, partners: set[str], default: tuple[str, ...]) -> Card:
    rows = claims.later_events(events, row["later_events"])
    years = rows["date_first"].dropna().dt.year
    involved = tuple(dict.fromkeys(p for parties in rows["parties"] for p in parties if p in partners)) or default
    text = lambda v: v if isinstance(v, str) else ""  # noqa: E731
    return Card(row["claim_id"], claims.SECTION_LABELS[row["section"]], row["claim"], row["verdict"],
                text(row["evidence"]), text(row["note"]),
                tuple((label if isinstance(label, str) else "date unknown", title)
                      for label, title in zip(rows["date_label"], rows["title"])),
                tuple(rows["event_id"]), involved,
                (int(years.min()), int(years.max())) if len(years) else None)


def page(data: Bundle, f: Filters, options: claims.Choice, today: date) -> ClaimsView:
    """Every chart and table of the page for the selection and the page's own filters."""
    p = charts.prepare(data, f, options, today)
    specs = {key: make(p) for key, make in charts.CHARTS.items()}
    # Each claim's row reads that claim alone: the whole table is made once per claims table, the selection cut from it.
    whole = memo.derived(data.claims, "views.claims.table", (), lambda: claims.table(data.claims, data.sources,
                                                                                     data.country_names()))
    table = whole.iloc[data.claims.index.get_indexer(p.chosen.index)].reset_index(drop=True)
    offered, turkic = filters.partners(data.countries)
    cards = tuple(_card(row, data.events, set(offered), tuple(turkic)) for _, row in p.outlook.iterrows())
    return ClaimsView(Drawn.of(specs["verdicts"], figures.verdicts_chart), specs["outlook"], table, LazyCsv(table),
                      cards, len(data.claims))


def detail(data: Bundle, claim_id: str) -> dict:
    """One claim in full: its fields, the paper's footnote and every source with its link, the rows it marks."""
    row = data.claims[data.claims["claim_id"] == claim_id].iloc[0]
    urls = dict(zip(data.sources["source_id"], data.sources["url"]))
    footnote = row["paper_footnote"]
    paper = f"biro2021_fn{int(footnote)}" if pd.notna(footnote) else "biro2021"
    marked = [*row["paper_events"], *row["paper_aid"]]
    return {
        "claim": row["claim"], "verdict": row["verdict"], "kind": claims.KIND_LABELS[row["kind"]],
        "section": claims.SECTION_LABELS[row["section"]], "evidence": row["evidence"] or "", "note": row["note"] or "",
        "footnote": source_label(data.sources, paper) if paper in urls else f"Footnote {int(footnote)}",
        "sources": [(source_label(data.sources, i), urls.get(i) if isinstance(urls.get(i), str) else None)
                    for i in row["source_id"]],
        "marked": len(marked), "checked_on": row["checked_on"],
    }
