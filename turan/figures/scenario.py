"""The Turan Army scenario's matrix: obstacles and enablers (rows) against Turkey and the candidates (columns).

A cell is filled when the factor is present in the year: a pale rose tint and a '−' for an obstacle, a pale teal
tint and a '+' for an enabler, with the organisation, count or amount written in it; the hover gives the
sentences and sources behind it. Obstacles sit above a dividing line, enablers below it. Factors are rows so that
their names read on one line and the cells are wide enough for their words on a narrow screen.
"""

from __future__ import annotations

import functools
import textwrap

import plotly.graph_objects as go

from turan import theme
from turan.figures.common import empty, esc, framed, merge
from turan.scenario import FACTORS, OBSTACLE

ROW_PX, CHROME_PX, HEADER_PX = 40, 300, 30  # header: one line of state names
LABEL_CHARS, CELL_CHARS = 30, 12  # factor names and cell text wrap at these widths
SIGNS = {OBSTACLE: "−", "enabler": "+"}


@functools.lru_cache(maxsize=4096)  # the same factor texts recur in every view of the same states
def _wrap(text: str, width: int) -> str:
    """Escaped text broken into lines of about `width` characters (words are never split)."""
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width, break_long_words=False))


def matrix_figure(spec) -> go.Figure:
    """Heatmap of the factor table: the grid (scenario.matrix) gives the rows, columns and cell text
    (spec: turan.charts.scenario.matrix)."""
    subtitle, source = spec.subtitle, spec.source
    if not spec.drawable:
        return empty(spec.empty, spec.title, subtitle, source)
    table, grid = spec.frames["table"], spec.frames["grid"]
    factors = list(grid.columns)
    value = {OBSTACLE: -1, "enabler": 1}
    z, text, hover = [], [], []
    details: dict[tuple[str, str], list[str]] = {}  # (country, factor) -> hover lines, in the table's order
    for country, factor, detail, sources in zip(table["country"], table["factor"], table["detail"], table["sources"]):
        details.setdefault((country, factor), []).append(
            f"{_wrap(detail, 90)}<br><i>Source: {_wrap(sources, 90)}</i>")
    cells = dict(zip(grid.columns, grid.to_numpy().T.tolist()))  # factor -> its cells, one per state
    for factor in factors:
        effect, label = FACTORS[factor]
        z_row, t_row, h_row = [], [], []
        for country, cell in zip(grid.index, cells[factor]):
            z_row.append(value[effect] if cell else 0)
            t_row.append(_wrap(f"{SIGNS[effect]}\u00a0{cell}", CELL_CHARS) if cell else "")  # the sign stays on
            lines = [f"<b>{esc(country)}</b> · {esc(label)} ({esc(effect)})"]
            lines += details.get((country, factor), [])
            h_row.append("<br>".join(lines) if cell else f"<b>{esc(country)}</b> · {esc(label)}: none in the data")
        z.append(z_row)
        text.append(t_row)
        hover.append(h_row)
    colours = [theme.scenario_colour(OBSTACLE), theme.scenario_colour("none"), theme.scenario_colour("enabler")]
    scale = [[0, colours[0]], [0.25, colours[0]], [0.25, colours[1]], [0.75, colours[1]], [0.75, colours[2]],
             [1, colours[2]]]
    labels = [_wrap(FACTORS[f][1], LABEL_CHARS) for f in factors]
    states = [esc(c) for c in grid.index]
    lines = max(len(t.split("<br>")) for row in text for t in row) if factors else 1
    cells = {"type": "heatmap", "z": z, "x": states, "y": labels, "text": text, "texttemplate": "%{text}",
             "textfont": {"size": 11, "color": theme.INK}, "hovertext": hover, "hoverinfo": "text",
             "colorscale": scale, "zmin": -1, "zmax": 1, "showscale": False, "xgap": 3, "ygap": 3}
    obstacles = sum(FACTORS[f][0] == OBSTACLE for f in factors)

    def table_look(layout: dict) -> None:
        layout["shapes"] = [*layout.get("shapes", ()), {
            "type": "line", "y0": obstacles - 0.5, "y1": obstacles - 0.5, "x0": -0.5, "x1": len(states) - 0.5,
            "line": {"color": theme.INK, "width": 2}}]
        for y, words, anchor in ((obstacles - 0.55, "▲ Obstacles (−)", "bottom"),
                                 (obstacles - 0.45, "▼ Enablers (+)", "top")):
            layout["annotations"].append({
                "text": words, "y": y, "x": 1, "yref": "y", "xref": "paper", "xanchor": "left", "yanchor": anchor,
                "xshift": 6, "showarrow": False, "font": {"size": 13, "color": theme.INK}})
        # State names on top, like a table's header; the frame's footer keeps its place under the grid.
        merge(layout["xaxis"], {"side": "top", "showgrid": False, "showline": False, "tickangle": 0,
                                "fixedrange": True, "tickfont": {"size": 13}})
        merge(layout["yaxis"], {"autorange": "reversed", "showgrid": False, "showline": False, "fixedrange": True,
                                "tickfont": {"size": 12}})
        merge(layout, {"margin": {"l": 220, "r": 120, "t": layout["margin"]["t"] + HEADER_PX},
                       "plot_bgcolor": theme.SCENARIO_COLOURS["none"]})

    row_px = ROW_PX + 14 * max(0, lines - 2)  # a cell of three lines or more needs a taller row
    return framed([cells], {}, spec.title, subtitle, source, height=row_px * len(factors) + CHROME_PX,
                  then=table_look)
