"""The Turan Army scenario's matrix: Turkey and the candidates (rows) against obstacles and enablers (columns).

A cell is filled when the factor is present in the year: a pale rose tint and a '−' for an obstacle, a pale teal
tint and a '+' for an enabler, with the organisation, count or amount written in it; the hover gives the
sentences and sources behind it. Obstacles sit left of a dividing line, enablers right of it.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from turan import theme
from turan.figures.common import empty, esc, framed, merge
from turan.scenario import FACTORS, OBSTACLE

ROW_PX, CHROME_PX, HEADER_PX = 62, 300, 62  # header: three lines of column labels
LABEL_CHARS, CELL_CHARS = 10, 9  # labels and cell text wrap at these widths so 15 columns fit side by side
SIGNS = {OBSTACLE: "−", "enabler": "+"}


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
    for r in table.itertuples():
        details.setdefault((r.country, r.factor), []).append(
            f"{_wrap(r.detail, 90)}<br><i>Source: {_wrap(r.sources, 90)}</i>")
    for country in grid.index:
        z_row, t_row, h_row = [], [], []
        for factor in factors:
            effect, label = FACTORS[factor]
            cell = grid.at[country, factor]
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
    rows = [esc(c) for c in grid.index]
    cells = {"type": "heatmap", "z": z, "x": labels, "y": rows, "text": text, "texttemplate": "%{text}",
             "textfont": {"size": 11, "color": theme.INK}, "hovertext": hover, "hoverinfo": "text",
             "colorscale": scale, "zmin": -1, "zmax": 1, "showscale": False, "xgap": 3, "ygap": 3}
    obstacles = sum(FACTORS[f][0] == OBSTACLE for f in factors)

    def table_look(layout: dict) -> None:
        layout["shapes"] = [*layout.get("shapes", ()), {
            "type": "line", "x0": obstacles - 0.5, "x1": obstacles - 0.5, "y0": -0.5, "y1": len(rows) - 0.5,
            "line": {"color": theme.INK, "width": 2}}]
        for x, words, anchor in ((obstacles - 0.55, "◀ Obstacles (−)", "right"),
                                 (obstacles - 0.45, "Enablers (+) ▶", "left")):
            layout["annotations"].append({
                "text": words, "x": x, "y": 0, "xref": "x", "yref": "paper", "yanchor": "top", "xanchor": anchor,
                "yshift": -4, "showarrow": False, "font": {"size": 13, "color": theme.INK}})
        # Column labels on top, like a table's header; the frame's footer keeps its place under the grid.
        merge(layout["xaxis"], {"side": "top", "showgrid": False, "showline": False, "tickangle": 0,
                                "fixedrange": True, "tickfont": {"size": 12}})
        merge(layout["yaxis"], {"autorange": "reversed", "showgrid": False, "showline": False, "fixedrange": True})
        merge(layout, {"margin": {"l": 120, "r": 20, "t": layout["margin"]["t"] + HEADER_PX},
                       "plot_bgcolor": theme.SCENARIO_COLOURS["none"]})

    return framed([cells], {}, spec.title, subtitle, source, height=ROW_PX * len(rows) + CHROME_PX, then=table_look)
