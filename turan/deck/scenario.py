"""The scenario page's slide: the matrix of obstacles and enablers as a native table, coloured as on the page."""

from __future__ import annotations

from pptx.util import Emu

from turan import scenario, theme
from turan.deck import kit

SIGNS = {scenario.OBSTACLE: "\u2212", "enabler": "+"}
FONT = 9


def matrix_rows(grid) -> list[list[str]]:
    """One row per factor (obstacles first, as on the page), one column per state: the cell's words after the
    factor's sign, or '' where the factor is absent."""
    rows = []
    for factor in grid.columns:
        effect, label = scenario.FACTORS[factor]
        rows.append([label, *(f"{SIGNS[effect]} {cell}" if cell else "" for cell in grid[factor])])
    return rows


def draw_matrix(slide, box, spec) -> None:
    """Factors by Turkey and the candidates: an obstacle's cell in the page's rose, an enabler's in its teal."""
    grid = spec.frames["grid"]
    rows = matrix_rows(grid)
    left, top, width, height = box
    kit.add_table(slide, box, ["Obstacle (\u2212) or enabler (+)", *grid.index], rows,
                  widths=(2.6, *([1.9] * len(grid.index))), font=FONT)
    shape = next(s for s in reversed(list(slide.shapes)) if s.has_table)
    table = shape.table
    row_h = Emu(int(min(height, shape.height) / (len(rows) + 1)))
    for i, factor in enumerate(grid.columns, start=1):
        effect = scenario.FACTORS[factor][0]
        table.rows[i].height = row_h
        for j, text in enumerate(rows[i - 1]):
            fill = theme.scenario_colour(effect) if j and text else theme.WHITE
            kit.fill_cell(table.cell(i, j), text, FONT, j == 0, theme.INK, fill)
    table.rows[0].height = row_h


DRAWERS = {"scenario": draw_matrix}
