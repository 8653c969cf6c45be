"""The briefing deck: an editable 16:9 PowerPoint of any view, built only when asked for.

    build(bundle, filters, pages, options, view_url) -> Deck(data=bytes, titles, problems)
    lazy(...)                                       -> a no-argument callable for st.download_button(data=...)
    python -m turan.deck --out FILE [--countries ISO3 ...] [--years FROM TO] [--pages PAGE ...]

Layout (turan.deck.layout): a title slide (the question, the filters in words, the date, the data version and the
link that reopens the view); one slide per chart (title, filter subtitle, the chart, a source footer; speaker notes
with the chart's description and full citations); closing source slides.

Each chart's slide comes from the chart's spec (turan.charts), the same spec the page draws: the page registry
(turan.pages) says which charts a page has, and the page's module here (turan.deck.<page id>) has a drawer per chart
that turns the spec's frames into editable objects: native charts (their numbers in the embedded workbook), native
tables, and one freeform per country for the map. No pictures. A chart with nothing to draw gets a slide that says
so; a slide that fails is replaced by one saying which chart and why, and is reported in Deck.problems: the other
slides are kept.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from turan import charts, cite, filters, load, pages
from turan.deck import layout
from turan.filters import Filters

MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DEFAULT_URL = "http://localhost:8501"


@dataclass(frozen=True)
class Problem:
    """A slide that could not be made, and why (no traceback)."""

    chart: str
    reason: str


@dataclass(frozen=True)
class Deck:
    """The built deck: the .pptx bytes, every slide's title, and the slides that could not be made."""
    data: bytes
    titles: tuple[str, ...]
    problems: tuple[Problem, ...]


def drawers(page_id: str) -> tuple[dict[str, Callable], dict[str, Callable]]:
    """The page's slide drawers by chart key, and the subtitles it words itself (turan.deck.<page id>)."""
    module = importlib.import_module(f"turan.deck.{page_id}")
    return module.DRAWERS, getattr(module, "SUBTITLES", {})


def build(bundle: load.Bundle, f: Filters, page_ids: Sequence[str] | None = None,
          options: Mapping[str, Any] | None = None, view_url: str = "", today: date | None = None) -> Deck:
    """The deck for `page_ids` (all when None, in navigation order) under the filters, as .pptx bytes. `options`
    holds each page's options (turan.charts.<page>.Options) by page id; a page left out shows its defaults."""
    chosen = set(page_ids or pages.IDS)
    shown = [p for p in pages.PAGES if p.id in chosen]
    options = options or {}
    day = pd.Timestamp(today or date.today()).normalize()
    prs = layout.presentation()
    problems: list[Problem] = []
    cited: list[str] = ["biro2021"]
    selection = filters.in_words(f, bundle.country_names())

    _guard(prs, "Title slide", problems, lambda: layout.title_slide(prs, selection, day, [p.id for p in shown],
                                                                    view_url))
    for page in (p for p in shown if p.charts):
        _page_slides(prs, bundle, f, page, options.get(page.id), day.date(), problems, cited)
    _guard(prs, pages.page("sources").title, problems,
           lambda: layout.sources_slides(prs, bundle.sources, cited, selection))

    out = io.BytesIO()
    prs.save(out)
    titles = tuple(layout.slide_title(s) for s in prs.slides)
    return Deck(out.getvalue(), titles, tuple(problems))


def _page_slides(prs, bundle, f, page: pages.Page, options, today: date, problems: list[Problem],
                 cited: list[str]) -> None:
    """A page's chart slides, each from its spec; the frames the charts share are computed once (if that fails,
    every chart of the page gets a slide saying why)."""
    prepare, makers = charts.makers(page.id)
    draw, subtitles = drawers(page.id)
    prepared: list = []

    def ready():
        if not prepared:
            prepared.append(prepare(bundle, f, options if options is not None else charts.default_options(page.id),
                                    today))
        return prepared[0]

    for key, make in makers.items():
        def slide(key=key, make=make):
            spec = make(ready())
            subtitle = subtitles[key](spec) if key in subtitles else spec.subtitle
            cited.extend(layout.chart_slide(prs, spec, subtitle, draw[key], bundle.sources))
        _guard(prs, charts.CATALOGUE[key].title, problems, slide)


def lazy(bundle: load.Bundle, f: Filters, page_ids: Sequence[str] | None = None,
         options: Mapping[str, Any] | None = None, view_url: str = "") -> Callable[[], bytes]:
    """A no-argument callable that builds the deck when called: st.download_button(data=lazy(...))."""
    return lambda: build(bundle, f, page_ids, options, view_url).data


def filename(page_ids: Sequence[str] | None, day: date | None = None) -> str:
    """'turan-briefing-2026-05-01.pptx' for every page, 'turan-aid-2026-05-01.pptx' for one."""
    day = day or date.today()
    name = "briefing" if not page_ids or len(page_ids) > 1 else page_ids[0]
    return f"turan-{name}-{day:%Y-%m-%d}.pptx"


def view_url(base: str, page_id: str, f: Filters, names: dict[str, str]) -> str:
    """The link that reopens this view: the page's path and the filters, built by the same code as the
    pages' 'Cite this view' (turan.cite), so unknown codes are dropped and an empty selection stays empty."""
    root = base if base.endswith("/") else base + "/"
    return cite.view_url(root, pages.page(page_id).url_path, f, names)


def _guard(prs, title: str, problems: list[Problem], make: Callable[[], object]) -> None:
    """Run one slide builder; on failure drop what it half-built and add a slide that says what and why."""
    before = len(prs.slides)
    try:
        make()
    except Exception as err:  # noqa: BLE001 - any failure of one slide must leave the others
        layout.drop_slides(prs, before)
        reason = f"{type(err).__name__}: {err}".strip().rstrip(":")
        reason = reason if len(reason) <= 300 else reason[:297] + "..."
        problems.append(Problem(title, reason))
        layout.error_slide(prs, title, reason)
