"""One spec per chart: everything the page's plotly/pydeck builder and the deck's python-pptx drawer need, computed
once by a pure function of (data, filters, page options, today).

Each page with charts has a module here (aid, timeline, rivalry, alliances, scenario, overview) holding its options
type, `prepare` (the frames its charts share, computed once) and one function per chart that turns the prepared
frames into a ChartSpec. A spec carries the title, the subtitle (the filters in words), the source line and the
source ids, the frames to draw, the description (the text alternative, also the slide's speaker notes), the message
for an empty selection, the export name and the CSV of the chart's data. Neither a page nor the deck computes
frames of its own: turan.views builds the page's figures from specs, turan.deck draws slides from the same specs.

    specs("aid", data, f, AidOptions(), today)      -> {"aid_totals": ChartSpec, "aid_time": ChartSpec}
    CATALOGUE["aid_totals"].title                    -> the chart's fixed title (e.g. for a slide that failed)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from turan import pages
from turan.export import LazyCsv
from turan.filters import Filters
from turan.load import Bundle


@dataclass(frozen=True, eq=False)
class ChartSpec:
    """One chart, ready for any renderer. `empty` is set (and `frames` may be empty) when there is nothing to draw."""

    key: str
    title: str
    subtitle: str
    source: str  # the source line under the chart and in the slide's footer
    source_ids: tuple[str, ...]
    description: str  # the chart in words: "Describe this chart", its alt text, the slide's speaker notes
    frames: Mapping[str, Any] = field(default_factory=dict)  # what the builders draw (read-only)
    empty: str = ""  # said instead of the chart when there is nothing to draw
    export_name: str = ""  # the image download's name, before the filters
    words: str = ""  # the filters in words, for the image download's name
    csv: LazyCsv | None = None  # the chart's data as a CSV download, made on click (None when the page offers none)
    note: str = ""  # a further paragraph for the slide's speaker notes

    def __post_init__(self) -> None:
        object.__setattr__(self, "frames", MappingProxyType(dict(self.frames)))
        object.__setattr__(self, "source_ids", tuple(self.source_ids))

    @property
    def drawable(self) -> bool:
        """Whether there is something to draw."""
        return not self.empty


@dataclass(frozen=True)
class Entry:
    """A chart of the catalogue: its key, its page and its fixed title (also the title of a slide that failed)."""

    key: str
    page: str
    title: str


def _module(page_id: str):
    return importlib.import_module(f"turan.charts.{page_id}")


def options_type(page_id: str) -> type | None:
    """The page's options type (its widgets beyond the global filters), None for a page without options."""
    return getattr(_module(page_id), "Options", None)


def default_options(page_id: str):
    """The page's options at their defaults (None for a page without options)."""
    kind = options_type(page_id)
    return kind() if kind is not None else None


def makers(page_id: str) -> tuple[Callable[[Bundle, Filters, Any, date], Any], dict[str, Callable]]:
    """The page's `prepare` and its chart functions by key (in the registry's order)."""
    module = _module(page_id)
    return module.prepare, {key: module.CHARTS[key] for key in pages.page(page_id).charts}


def specs(page_id: str, data: Bundle, f: Filters, options: Any = None, today: date | None = None
          ) -> dict[str, ChartSpec]:
    """Every chart spec of a page, in the page's order, from frames computed once."""
    prepare, charts = makers(page_id)
    prepared = prepare(data, f, options if options is not None else default_options(page_id), today or date.today())
    return {key: make(prepared) for key, make in charts.items()}


def _catalogue() -> dict[str, Entry]:
    out = {}
    for page in pages.with_charts():
        titles = _module(page.id).TITLES
        for key in page.charts:
            out[key] = Entry(key, page.id, titles[key])
    return out


CATALOGUE: dict[str, Entry] = _catalogue()
