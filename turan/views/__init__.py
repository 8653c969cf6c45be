"""What each page shows, computed in one pure call per (data, filters, page options): the chart specs (turan.charts)
with their built figures, the page's tables and the CSV bytes of its downloads. One module per page.

A page reads its widgets, asks turan.ui.view() for the matching view and renders it. ui.view() caches the result per
data version and arguments, so a rerun that changes nothing (or returns to a selection seen before, by this visitor or
another) draws the cached figures instead of building them again; only the first visit to a selection pays for the
pandas work and plotly's figure construction. Everything here is pure and returns objects that the pages only read: a
cached view is shared by every session and must never be changed after it is built.

Every function takes the data bundle first; the other arguments are plain hashable values (the Filters, the page's
options, strings, numbers, tuples, dates) that form the cache key. A function that depends on today's date takes it
as an argument, so a cached result never outlives the day it was computed for.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from turan.charts import ChartSpec


@dataclass(frozen=True)
class Drawn:
    """A chart spec with its built plotly figure, as the page shows it: ui.chart reads the export name and the
    filters in words from the spec, and the description (its text alternative) from here."""

    spec: ChartSpec
    figure: go.Figure
    description: str

    @classmethod
    def of(cls, spec: ChartSpec, build) -> "Drawn":
        """The spec drawn by a builder (a function of the spec), described by the spec's own words."""
        return cls(spec, build(spec), spec.description)
