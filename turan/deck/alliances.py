"""The alliance page's slides: the map (one freeform per country), the roles matrix and the combinations."""

from __future__ import annotations

import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from turan import alliances, theme
from turan.deck import kit
from turan.deck.map import draw_map


def draw_matrix(slide, box, matrix: pd.DataFrame, names: dict[str, str], defence: dict[str, str]) -> None:
    """Countries by organisations: each cell's role in words on its role colour."""
    left, top, width, height = box
    rows, cols = len(matrix) + 1, len(matrix.columns) + 1
    row_h = min(Inches(0.42), int(height - Inches(0.4)) // rows)
    shape = slide.shapes.add_table(rows, cols, Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(row_h * rows))
    shape.name = "Table: roles matrix"
    table = shape.table
    table.horz_banding = False
    table.first_col = True
    first_w = Inches(2.3)
    table.columns[0].width = first_w
    for j in range(1, cols):
        table.columns[j].width = Emu((int(width) - first_w) // (cols - 1))
    for i in range(rows):
        table.rows[i].height = Emu(row_h)
    kit.fill_cell(table.cell(0, 0), "Country", 12, True, theme.TEXT_ON_DARK, theme.MUTED_INK)
    for j, org in enumerate(matrix.columns, start=1):
        head = f"{org} {alliances.DEFENCE_MARK}" if org in defence else org
        kit.fill_cell(table.cell(0, j), head, 12, True, theme.TEXT_ON_DARK,
              theme.MUTED_INK, PP_ALIGN.CENTER)
    for i, iso3 in enumerate(matrix.index, start=1):
        kit.fill_cell(table.cell(i, 0), names.get(iso3, iso3), 12, True, theme.INK, theme.WHITE)
        for j, org in enumerate(matrix.columns, start=1):
            role = matrix.loc[iso3, org]
            fill = theme.role_colour(role)
            words = alliances.ROLE_WORDS.get(role, "\u2013")
            kit.fill_cell(table.cell(i, j), words, 11, False, kit.text_on(fill), fill,
                  PP_ALIGN.CENTER)
    kit.caption(slide, left, top + row_h * rows + Inches(0.1), width, Inches(0.4),
             f"{alliances.DEFENCE_MARK} Mutual-defence clause: {alliances.defence_words(defence)}.")


def draw_sets(slide, box, combos: pd.DataFrame, orgs: list[str], colours: dict[str, str]) -> None:
    """UpSet layout: a column chart of countries per combination over a dot table of the combination."""
    left, top, width, height = box
    n = len(combos)
    label_w = Inches(1.6)
    chart_h = int(height * 0.42)
    data = CategoryChartData(number_format="0")
    data.categories = list(combos["label"])
    data.add_series("countries", [int(c) for c in combos["count"]])
    chart = kit.add_chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, data, (left, top, width, chart_h),
                   "Chart: combinations")
    plot_x = label_w / int(width)
    kit.plot_layout(chart, plot_x, 0.06, 1 - plot_x, 0.86)
    plot = chart.plots[0]
    plot.gap_width = 80
    plot.has_data_labels = True
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.data_labels.font.size = Pt(12)
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = kit.rgb(theme.MUTED_INK)
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, max(int(combos["count"].max()), 1) * 1.25, 1
    kit.number_format(axis, "0")
    kit.axis_style(axis, gridlines=True)
    kit.axis_title(axis, "countries", 10)
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    chart.has_legend = False
    rows = len(orgs) + 1
    table_top = int(top) + chart_h + Inches(0.05)
    row_h = min(Inches(0.34), (int(height) - chart_h - Inches(0.1)) // (rows + 1))
    shape = slide.shapes.add_table(rows, n + 1, Emu(int(left)), Emu(table_top), Emu(int(width)), Emu(row_h * rows))
    shape.name = "Table: combinations"
    table = shape.table
    table.horz_banding = False
    table.first_row = False
    table.columns[0].width = Emu(label_w)
    for j in range(1, n + 1):
        table.columns[j].width = Emu((int(width) - label_w) // n)
    for i, org in enumerate(orgs):
        table.rows[i].height = Emu(row_h)
        kit.fill_cell(table.cell(i, 0), org, 11, True, theme.INK, theme.WHITE)
        for j, combo in enumerate(combos["orgs"], start=1):
            inside = org in combo
            kit.fill_cell(table.cell(i, j), "\u25cf" if inside else "\u00b7", 20 if inside else 14, False,
                  colours[org] if inside else theme.NO_DATA, theme.WHITE, PP_ALIGN.CENTER)
    last = rows - 1
    kit.fill_cell(table.cell(last, 0), "Countries", 11, True, theme.INK, "#F4F4F4")
    for j, countries in enumerate(combos["countries"], start=1):
        kit.fill_cell(table.cell(last, j), "\n".join(countries), 9 if n > 6 else 10, False, theme.INK, "#F4F4F4",
              PP_ALIGN.CENTER)
        table.cell(last, j).vertical_anchor = MSO_ANCHOR.TOP


def _map(slide, box, spec) -> None:
    frames = spec.frames
    draw_map(slide, box, alliances.read_shapes(), frames["table"], frames["positions"], frames["mode"], frames["org"],
             frames["orgs"], frames["legend"])


DRAWERS = {
    "map": _map,
    "matrix": lambda slide, box, spec: draw_matrix(slide, box, spec.frames["grid"], spec.frames["names"],
                                                   spec.frames["defence"]),
    "sets": lambda slide, box, spec: draw_sets(slide, box, spec.frames["combos"], spec.frames["orgs"],
                                               spec.frames["colours"]),
}
