"""The overview page's view: the headline cards."""

from __future__ import annotations

from datetime import date

from turan.charts import overview as charts
from turan.filters import Filters
from turan.load import Bundle


def headlines(data: Bundle, f: Filters, today: date) -> list[tuple]:
    """The cards as of the end of the selected period (or today, if earlier), each with its sources in short."""
    spec = charts.headlines(charts.prepare(data, f, None, today))
    return list(zip(spec.frames["cards"], spec.frames["cited"]))
