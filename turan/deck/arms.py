"""The arms-transfers slides: TIV delivered per year by supplier, supplier shares per period, main suppliers."""

from __future__ import annotations

import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Pt

from turan import arms, theme
from turan.deck import kit

GROUPS = (*arms.POWERS, arms.OTHER)


def _name(group: str, names: dict[str, str]) -> str:
    return "Other suppliers" if group == arms.OTHER else names.get(group, group)


def _style(series, group: str) -> None:
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = kit.rgb(theme.supplier_colour(group))
    series.format.line.color.rgb = kit.rgb(theme.WHITE)
    series.format.line.width = Pt(0.5)


def series_by_year(totals: pd.DataFrame, years: tuple[int, int]) -> dict[str, list[float | None]]:
    """group -> TIV per year of the range (None where it delivered nothing): the stacked columns' numbers."""
    span = range(years[0], years[1] + 1)
    out = {}
    for group in GROUPS:
        rows = totals[totals["group"] == group].set_index("year")["tiv"]
        if len(rows):
            out[group] = [round(float(rows[y]), 2) if y in rows.index else None for y in span]
    return out


def draw_time(slide, box, spec) -> None:
    """Stacked columns: TIV delivered per year of the range, by supplier group."""
    years, names = spec.frames["years"], spec.frames["names"]
    data = CategoryChartData(number_format="#,##0.0")
    data.categories = [str(y) for y in range(years[0], years[1] + 1)]
    values = series_by_year(spec.frames["totals"], years)
    for group, vals in values.items():
        data.add_series(_name(group, names), vals)
    chart = kit.add_chart(slide, XL_CHART_TYPE.COLUMN_STACKED, data, box, "Chart: arms delivered by supplier")
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 30, 100
    for series, group in zip(plot.series, values):
        _style(series, group)
    axis = chart.value_axis
    axis.minimum_scale = 0
    kit.number_format(axis, "#,##0")
    kit.axis_style(axis, gridlines=True)
    kit.axis_title(axis, arms.UNIT)
    kit.axis_style(chart.category_axis)
    kit.skip_years(chart.category_axis, *years)
    kit.set_legend(chart, XL_LEGEND_POSITION.RIGHT)


def draw_shares(slide, box, spec) -> None:
    """100% stacked bars: each supplier group's share of the TIV delivered per five-year period."""
    shares = spec.frames["shares"]
    labelled = shares.assign(label=[f"{s}-{e}" for s, e in zip(shares["start"], shares["end"])])
    draw_share_bars(slide, box, labelled, list(dict.fromkeys(labelled["label"])), spec.frames["names"],
                    "Chart: supplier shares per period")


def draw_share_bars(slide, box, frame: pd.DataFrame, labels: list[str], names: dict[str, str], name: str) -> None:
    """100% stacked bars, one per label (the first on top), split by supplier group."""
    data = CategoryChartData(number_format="0%")
    data.categories = labels[::-1]  # PowerPoint draws the first category at the bottom
    present = [g for g in GROUPS if (frame["group"] == g).any()]
    for group in present:
        rows = frame[frame["group"] == group].set_index("label")["share"]
        data.add_series(_name(group, names), [float(rows[lab]) if lab in rows.index else None for lab in labels[::-1]])
    chart = kit.add_chart(slide, XL_CHART_TYPE.BAR_STACKED_100, data, box, name)
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 40, 100
    for series, group in zip(plot.series, present):
        _style(series, group)
    kit.number_format(chart.value_axis, "0%")
    kit.axis_style(chart.value_axis, gridlines=True)
    kit.axis_style(chart.category_axis)
    kit.set_legend(chart, XL_LEGEND_POSITION.RIGHT)


def draw_main(slide, box, spec) -> None:
    """A native table: each state's main supplier in 2001-2005 and 2021-2025, and Turkey's rank."""
    rows = arms.main_rows(spec.frames["main"], spec.frames["names"])
    kit.add_table(slide, box, list(arms.MAIN_COLUMNS), rows, widths=(2.5, 3.2, 3.2, 3.2), font=13)


DRAWERS = {"arms_time": draw_time, "arms_shares": draw_shares, "arms_main": draw_main}
