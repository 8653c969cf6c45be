"""The scenario page's slide: the matrix of obstacles and enablers as a native table."""

from __future__ import annotations

from turan import scenario
from turan.deck import kit


def draw_matrix(slide, box, spec) -> None:
    """Candidates (and Turkey) by factors, each cell the factor's words."""
    grid = spec.frames["grid"]
    header = ["Country", *(scenario.FACTORS[k][1] for k in grid.columns)]
    rows = [[name, *grid.loc[name].tolist()] for name in grid.index]
    kit.add_table(slide, box, header, rows, widths=(2.4, *([1.0] * len(grid.columns))), font=8, bold_column=0)


DRAWERS = {"scenario": draw_matrix}
