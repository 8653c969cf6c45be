"""The aid page's slides: native charts of the totals and of every figure over time."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Inches, Pt

from turan import aid, theme
from turan.deck import kit
from turan.formatting import format_usd

OPEN = "may sit inside a total shown (upper bound only)"  # the series of the bars' hatched ends


def aid_totals_series(totals: pd.DataFrame) -> dict[str, list[float]]:
    """commitment -> the lower bound per recipient (in the filter's order), commitments with any; then OPEN -> what
    the upper bound adds (figures that may sit inside a total shown), when any does: the bars' numbers."""
    recipients = list(dict.fromkeys(totals["recipient_iso3"]))
    out = {}
    for commitment in aid.COMMITMENTS:
        part = totals[totals["commitment"] == commitment].set_index("recipient_iso3").reindex(recipients)
        if (part["amount_usd"] > 0).any():
            out[commitment] = [float(x) for x in (part["amount_usd"] - part["open_usd"]).fillna(0.0)]
    open_ = totals.groupby("recipient_iso3", sort=False)["open_usd"].sum().reindex(recipients).fillna(0.0)
    if (open_ > 0).any():
        out[OPEN] = [float(x) for x in open_]
    return out


def draw_aid_totals(slide, box, totals: pd.DataFrame, names: dict[str, str]) -> None:
    """Stacked horizontal bars per recipient by commitment, $ labels, totals in the category names."""
    recipients = list(dict.fromkeys(totals["recipient_iso3"]))
    data = CategoryChartData(number_format="#,##0")
    data.categories = [f"{names.get(c, c)}: {aid.bar_end_words(totals, c)}" for c in recipients]
    series_values = aid_totals_series(totals)
    for commitment, values in series_values.items():
        data.add_series(commitment, values)
    left, top, width, height = box
    chart = kit.add_chart(slide, XL_CHART_TYPE.BAR_STACKED, data, (left, top, width, height - Inches(0.45)),
                   "Chart: aid by recipient")
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = {1: 300, 2: 160, 3: 90}.get(len(recipients), 45), 100  # few bars stay slim
    for series, commitment in zip(plot.series, series_values):
        if commitment == OPEN:  # white, cross-hatched in grey (as on screen), dashed outline
            series.format.fill.patterned()
            series.format.fill.pattern = kit.PATTERNS["x"]
            series.format.fill.fore_color.rgb = kit.rgb(theme.MUTED_INK)
            series.format.fill.back_color.rgb = kit.rgb(theme.WHITE)
            series.format.line.color.rgb = kit.rgb(theme.INK)
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            for i, value in enumerate(series_values[commitment]):
                if value > 0:
                    kit.point_label(series.points[i], format_usd(value), XL_LABEL_POSITION.CENTER, 12, theme.INK)
            continue
        fill, pattern, _, ink = theme.commitment_style(commitment)
        if pattern in kit.PATTERNS:
            series.format.fill.patterned()
            series.format.fill.pattern = kit.PATTERNS[pattern]
            series.format.fill.fore_color.rgb = kit.rgb(kit.blend(fill, ink, 0.3))
            series.format.fill.back_color.rgb = kit.rgb(fill)
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = kit.rgb(fill)
        series.format.line.color.rgb = kit.rgb(theme.INK)
        series.format.line.width = Pt(0.75)
        for i, value in enumerate(series_values[commitment]):
            if value > 0:
                kit.point_label(series.points[i], format_usd(value), XL_LABEL_POSITION.CENTER, 12, ink)
    kit.top_down(chart)
    kit.axis_style(chart.category_axis)
    chart.category_axis.tick_labels.font.size = Pt(12)
    axis = chart.value_axis
    sums = totals.groupby("recipient_iso3", sort=False)["amount_usd"].sum()
    axis.minimum_scale, axis.maximum_scale = 0, max(float(sums.max()), 1e6) * 1.1
    kit.number_format(axis, kit.USD_FORMAT)
    kit.axis_style(axis, gridlines=True)
    kit.axis_title(axis, "US dollars, nominal, as reported")
    kit.set_legend(chart)
    kit.caption(slide, left, top + height - Inches(0.4), width, Inches(0.4),
             "Bars stack the figures counted for each recipient by commitment (delivered, agreed, pledged); "
             "figures inside a total shown are not added again; the cross-hatched end holds figures the paper may "
             "count inside a total, so the total is a range. The total and any figure of unknown amount follow "
             "each name.")


def aid_time_layout(items: pd.DataFrame) -> tuple[dict[str, float], dict[str, float]]:
    """Row of every plotted figure and the centre row of every recipient: each period total on its own row,
    then one row for the recipient's dated figures (top to bottom, in the filter's order)."""
    rows: dict[str, float] = {}
    centres: dict[str, float] = {}
    row = 0.0
    plotted = items[items["kind"] != "undated"]
    for iso3, mine in plotted.groupby("recipient_iso3", sort=False):
        first = row
        for aid_id in mine.loc[mine["kind"] == "span", "aid_id"]:
            rows[aid_id] = row
            row += 1
        points = mine.loc[mine["kind"] == "point", "aid_id"]
        for aid_id in points:
            rows[aid_id] = row
        row += 1 if len(points) else 0
        centres[iso3] = (first + row - 1) / 2
        row += 0.7
    return rows, centres


def draw_aid_time(slide, box, items: pd.DataFrame, years: tuple[int, int] | None) -> None:
    """Every aid figure on a time axis in its recipient's lane: marks at dates, bars over periods."""
    plotted = items[items["kind"] != "undated"]
    known = pd.concat([plotted["at"], plotted["start"], plotted["end"]]).dropna()
    first_year = min([known.min().year] + ([years[0]] if years else [])) - 1
    last_year = max([known.max().year] + ([years[1]] if years else [])) + 1
    lo, hi = pd.Timestamp(first_year, 1, 1), pd.Timestamp(last_year, 12, 31)
    rows, centres = aid_time_layout(items)
    data = kit.LaneData()
    styles: list[Callable] = []
    for _, item in plotted[plotted["kind"] == "span"].iterrows():  # period totals: a thick bar under the marks
        start = item["start"] if pd.notna(item["start"]) else lo
        end = item["end"] if pd.notna(item["end"]) else hi
        series = data.add_series(f"period: {item['recipient']}, {item['when']}")
        series.add_data_point(kit.serial(start), -rows[item["aid_id"]])
        series.add_data_point(kit.serial(end), -rows[item["aid_id"]])
        open_end = pd.isna(item["start"]) or pd.isna(item["end"])
        colour = theme.WHITE if item["inside"] else theme.country_colour(item["recipient_iso3"])
        styles.append(functools.partial(kit.style_span, colour=colour, open_end=open_end))
    for iso3 in centres:  # one series per recipient, commitment and containment: one look per series
        for (commitment, inside), mine in aid_marks(plotted, iso3).groupby(["commitment", "contained"], sort=False):
            series = data.add_series(f"{mine.iloc[0]['recipient']}: {commitment}"
                                     + (" (inside a total shown)" if inside else ""))
            for x, item_id in zip(mine["x"], mine["aid_id"]):
                series.add_data_point(x, -rows[item_id])
            styles.append(functools.partial(_style_aid_marks, mine=mine))
    left, top, width, height = box
    note = aid.undated_words(items)
    caption_h = Inches(0.62 if note else 0.4)
    bottom = max(rows.values()) if rows else 0
    names = {iso3: plotted.loc[plotted["recipient_iso3"] == iso3, "recipient"].iloc[0] for iso3 in centres}
    chart = kit.lane_chart(slide, (left, top, width, height - caption_h), data, "Chart: aid over time",
                        [(names[c], -centre) for c, centre in centres.items()], (-bottom - 0.7, 0.9),
                        legend=XL_LEGEND_POSITION.TOP)
    plot_series = list(chart.plots[0].series)
    for series, style in zip(plot_series, styles):
        style(series)
    kit.date_axis(chart.category_axis, lo, hi)  # an XY chart's category axis is its horizontal value axis
    chart.has_legend = False  # the lanes name the recipients; the caption explains shapes and bars
    key = ("Marker shape: circle delivered, diamond agreed, square pledged. Pale, amount in brackets: inside a "
           "total shown, not added. Thick bar: a period total; dotted: its start or end is not stated.")
    kit.caption(slide, left, top + height - caption_h, width, caption_h, key + (f"\n{note}" if note else ""))


def aid_marks(plotted: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """One recipient's markers in date order, with x (a date number): a point at its date, a period at its
    middle. Sorted, because LibreOffice sorts XY points before it applies each point's own format."""
    mine = plotted[plotted["recipient_iso3"] == iso3]
    x = [kit.serial(item["at"] if item["kind"] == "point" else aid.middle(item)) for _, item in mine.iterrows()]
    order = {c: i for i, c in enumerate(aid.COMMITMENTS)}
    return (mine.assign(x=x, contained=mine["inside"] != "", _c=mine["commitment"].map(order))
            .sort_values(["_c", "contained", "x", "aid_id"], kind="stable").drop(columns="_c"))


def _style_aid_marks(series, mine: pd.DataFrame) -> None:
    """Markers of one recipient and commitment: the commitment's shape, the recipient's colour (pale when
    inside a total shown), the amount above each."""
    kit.no_line(series)
    first = mine.iloc[0]
    colour = theme.country_colour(first["recipient_iso3"])
    symbol = theme.commitment_style(first["commitment"])[2]
    kit.set_marker(series.marker, symbol, kit.pale(colour) if first["contained"] else colour, theme.INK, 11, 1.25)
    for point, (_, item) in zip(series.points, mine.iterrows()):
        kit.point_label(point, aid.mark_words(item), XL_LABEL_POSITION.ABOVE, 10)


DRAWERS = {
    "aid_totals": lambda slide, box, spec: draw_aid_totals(slide, box, spec.frames["totals"], spec.frames["names"]),
    "aid_time": lambda slide, box, spec: draw_aid_time(slide, box, spec.frames["items"], spec.frames["years"]),
}
