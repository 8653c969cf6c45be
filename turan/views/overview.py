"""The overview page's view: the headline cards and the developments since the paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from turan import overview
from turan.charts import ChartSpec
from turan.charts import overview as charts
from turan.filters import Filters
from turan.load import Bundle


@dataclass(frozen=True)
class Since:
    """A development since the paper as the page shows it: the event, its source in short, and the timeline filters
    that show it (its year, and its parties among the sidebar's countries)."""

    development: overview.Development
    source: str
    countries: tuple[str, ...]
    years: tuple[int, int]


@dataclass(frozen=True)
class SinceView:
    spec: ChartSpec
    items: tuple[Since, ...]


def headlines(data: Bundle, f: Filters, today: date) -> list[tuple]:
    """The cards as of the end of the selected period (or today, if earlier), each with its sources in short."""
    spec = charts.headlines(charts.prepare(data, f, None, today))
    return list(zip(spec.frames["cards"], spec.frames["cited"]))


def since_paper(data: Bundle, f: Filters, today: date) -> SinceView:
    """The spec of "Since the paper" and each development with a link to the timeline filtered to its year and its
    countries (the selection's, when none of the sidebar's countries is among its parties)."""
    spec = charts.since(charts.prepare(data, f, None, today))
    items = tuple(Since(d, cited, d.partners or f.countries, (d.year, d.year))
                  for d, cited in zip(spec.frames["items"], spec.frames["cited"]))
    return SinceView(spec, items)
