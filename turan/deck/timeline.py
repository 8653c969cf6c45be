"""The timeline page's slides: the events lane by lane, and the events per year by kind."""

from __future__ import annotations

import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_DATA_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from turan import schema, theme, timeline
from turan.deck import kit
from turan.describe.words import count


def event_series(tl: timeline.Timeline) -> dict[str, pd.DataFrame]:
    """kind -> its markers in date order: x (a date number), y (lane position plus offset), precision; the events
    drawn in a numbered marker are left out (group_series)."""
    position = _positions(tl)
    out = {}
    alone = tl.placed[~tl.placed["grouped"]]
    for kind in schema.EVENT_KINDS:
        rows = alone[alone["kind"] == kind]
        if len(rows):
            out[kind] = pd.DataFrame({
                "x": [kit.serial(x) for x in rows["x"]], "y": rows["lane"].map(position) + rows["offset"],
                "precision": rows["precision"], "event_id": rows["event_id"],
            }).sort_values(["x", "y"], kind="stable").reset_index(drop=True)
    return out


def _positions(tl: timeline.Timeline) -> dict[str, int]:
    return {lane.key: len(tl.lanes) - 1 - i for i, lane in enumerate(tl.lanes)}


def group_series(tl: timeline.Timeline) -> pd.DataFrame:
    """The numbered markers of crowded periods: x (a date number), y, n."""
    groups = tl.groups
    return pd.DataFrame({"x": [kit.serial(x) for x in groups["x"]],
                         "y": groups["lane"].map(_positions(tl)) + groups["offset"], "n": groups["n"]}
                        ).sort_values(["x", "y"], kind="stable").reset_index(drop=True)


def draw_events(slide, box, tl: timeline.Timeline) -> None:
    """Events as markers in partner lanes on a time axis, one colour and shape per kind."""
    pad = (tl.end - tl.start) * 0.012
    data = kit.LaneData()
    kinds = event_series(tl)
    looks, hidden = [], []  # one series per kind and date precision (filled, pale): one look per series
    for kind, rows in kinds.items():
        exact = rows["precision"] == "day"
        for part, approx in ((rows[exact], False), (rows[~exact], True)):
            if part.empty:
                continue
            if approx and exact.any():
                hidden.append(len(looks))  # the legend names each kind once
            looks.append((kind, approx))
            series = data.add_series(kind.capitalize() + (": month or year known" if approx and exact.any() else ""))
            for x, y in zip(part["x"], part["y"]):
                series.add_data_point(x, float(y))
    groups = group_series(tl)
    if len(groups):
        series = data.add_series("Several events (number)")
        for x, y in zip(groups["x"], groups["y"]):
            series.add_data_point(x, float(y))
    left, top, width, height = box
    caption_h = Inches(0.4)
    n = len(tl.lanes)
    chart = kit.lane_chart(slide, (left, top, width, height - caption_h), data, "Chart: events by partner",
                        [(lane.label, n - 1 - i) for i, lane in enumerate(tl.lanes)], (-0.7, n - 0.3),
                        legend=XL_LEGEND_POSITION.RIGHT, label_w=Inches(2.1))
    for series, (kind, approx) in zip(chart.plots[0].series, looks):
        kit.no_line(series)
        colour, symbol = theme.kind_colour(kind), theme.kind_symbol(kind)
        if approx:
            kit.set_marker(series.marker, symbol, kit.pale(colour), colour, 10, 2.0)
        else:
            kit.set_marker(series.marker, symbol, colour, theme.INK, 10)
    if len(groups):
        series = chart.plots[0].series[len(looks)]
        kit.no_line(series)
        kit.set_marker(series.marker, "circle", theme.GROUP_FILL, theme.INK, 18, 1.25)  # LibreOffice: no outline
        for i, n in enumerate(groups["n"]):
            kit.point_label(series.points[i], str(n), XL_DATA_LABEL_POSITION.CENTER, size=8, bold=True)
    kit.date_axis(chart.category_axis, tl.start - pad, tl.end + pad)
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_unit = 1
    chart.value_axis.major_gridlines.format.line.color.rgb = kit.rgb("#EEEEEE")
    kit.set_legend(chart, XL_LEGEND_POSITION.RIGHT, hide=hidden)
    kit.caption(slide, left, top + height - caption_h, width, caption_h,
             "Filled marker: known to the day; pale: known only to the month or the year (placed in its middle). "
             "An event with several partners appears in each partner's lane"
             + ("; a numbered circle stands for that many events of a crowded period (narrow the years to see each)."
                if len(groups) else "."))


def per_year_series(counts: pd.DataFrame, years: tuple[int, int]) -> dict[str, list[int | None]]:
    """kind -> events per year of the range (None where there are none): the stacked columns' numbers."""
    span = range(years[0], years[1] + 1)
    out = {}
    for kind in schema.EVENT_KINDS:
        rows = counts[counts["kind"] == kind].set_index("year")["count"]
        if len(rows):
            out[kind] = [int(rows[y]) if y in rows.index else None for y in span]
    return out


def draw_per_year(slide, box, counts: pd.DataFrame, years: tuple[int, int]) -> None:
    """Stacked columns: events with Turkey per year of the range, by kind."""
    data = CategoryChartData(number_format="0")
    data.categories = [str(y) for y in range(years[0], years[1] + 1)]
    values = per_year_series(counts, years)
    for kind, vals in values.items():
        data.add_series(kind.capitalize(), vals)
    chart = kit.add_chart(slide, XL_CHART_TYPE.COLUMN_STACKED, data, box, "Chart: events per year")
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 25, 100
    for series, kind in zip(plot.series, values):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = kit.rgb(theme.kind_colour(kind))
        series.format.line.color.rgb = kit.rgb(theme.WHITE)
        series.format.line.width = Pt(0.5)
    top = int(counts.groupby("year")["count"].sum().max())
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, top + (1 if top < 4 else 0), max(1, -(-top // 4))
    kit.number_format(axis, "0")
    kit.axis_style(axis, gridlines=True)
    kit.axis_title(axis, "Events per year")
    kit.axis_style(chart.category_axis)
    kit.skip_years(chart.category_axis, *years)
    kit.set_legend(chart, XL_LEGEND_POSITION.RIGHT)


def events_subtitle(spec) -> str:
    """The events slide's subtitle: the selection, and where the undated events are (in the notes)."""
    n = spec.frames["undated"]
    return spec.subtitle + (f" \u00b7 {count(n, 'undated event')} listed in the notes" if n else "")


DRAWERS = {
    "events": lambda slide, box, spec: draw_events(slide, box, spec.frames["timeline"]),
    "per_year": lambda slide, box, spec: draw_per_year(slide, box, spec.frames["counts"], spec.frames["years"]),
}
SUBTITLES = {"events": events_subtitle}
