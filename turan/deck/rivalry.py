"""The rivalry page's slides: the evidence grid (a table per dimension), reach, bases and the indicator."""

from __future__ import annotations

import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt

from turan import filters, rivalry, schema, theme
from turan.deck import arms as arms_slides
from turan.deck import kit
from turan.describe.words import words


def draw_grid(slide, box, table: pd.DataFrame, dimension: str, names: dict[str, str]) -> None:
    """The evidence grid of one dimension: a column per power, each claim with its footnote."""
    left, top, width, height = box
    powers = list(schema.POWERS)
    shape = slide.shapes.add_table(2, len(powers), Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(int(height)))
    shape.name = "Table: evidence grid"
    grid = shape.table
    grid.horz_banding = False
    grid.rows[0].height = Inches(0.4)
    grid.rows[1].height = Emu(int(height) - Inches(0.4))
    for j, power in enumerate(powers):
        head = grid.cell(0, j)
        kit.fill_cell(head, names[power] + (" (reference)" if power == filters.REFERENCE else ""), 12, True,
              theme.TEXT_ON_DARK, theme.power_style(power)[0])
        cell = grid.cell(1, j)
        kit.fill_cell(cell, "", 9, False, theme.INK, theme.WHITE)
        cell.vertical_anchor = MSO_ANCHOR.TOP
        rows = rivalry.grid_cells(table, dimension, names[power])
        frame = cell.text_frame
        if rows.empty:
            kit.run(frame.paragraphs[0], "None named in this section.", 9, False, theme.MUTED_INK).font.italic = True
        for i, row in enumerate(rows.itertuples(index=False)):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.space_after = Pt(4)
            label = row.instrument_type if pd.notna(row.instrument_type) else row.stance
            if pd.notna(label):
                kit.run(para, f"{str(label).capitalize()}. ", 9, True, theme.INK)
            kit.run(para, str(row.claim), 9, False, theme.INK)
            kit.run(para, f" ({row.footnote})", 9, False, theme.MUTED_INK).font.italic = True
    text_colours = {power: kit.text_on(theme.power_style(power)[0]) for power in powers}
    for j, power in enumerate(powers):
        for run in grid.cell(0, j).text_frame.paragraphs[0].runs:
            run.font.color.rgb = kit.rgb(text_colours[power])


def reach_series(frame: pd.DataFrame) -> dict[str, list[int]]:
    """power -> selected states counted per year: the panels' numbers."""
    return {p: frame[frame["power"] == p].sort_values("year")["count"].astype(int).tolist()
            for p in schema.POWERS if p in set(frame["power"])}


def draw_reach(slide, box, frame: pd.DataFrame, orgs: dict[str, str], names: dict[str, str], n_states: int) -> None:
    """Small multiples, one line chart per power: selected states counted each year."""
    left, top, width, height = box
    values = reach_series(frame)
    years = sorted(frame["year"].unique())
    panel = int(height) // len(values)
    label_w = Inches(2.4)
    for i, (power, counts) in enumerate(values.items()):
        y = int(top) + i * panel
        colour, symbol, dash = theme.power_style(power)
        name = names.get(power, power) + (" (reference)" if power == filters.REFERENCE else "")
        box_ = kit.text_box(slide, f"Panel title: {names.get(power, power)}", left, y, label_w, panel, "", size=12,
                         anchor=MSO_ANCHOR.MIDDLE)
        kit.run(box_.text_frame.paragraphs[0], name, 13, True, kit.blend(colour, theme.INK, 0.35))
        kit.run(box_.text_frame.add_paragraph(), orgs.get(power, "no organisation"), 11, False, theme.MUTED_INK)
        data = CategoryChartData(number_format="0")
        data.categories = [str(year) for year in years]
        data.add_series(names.get(power, power), counts)
        chart = kit.add_chart(slide, XL_CHART_TYPE.LINE_MARKERS, data, (left + label_w, y, width - label_w, panel),
                       f"Chart: reach of {names.get(power, power)}")
        series = chart.plots[0].series[0]
        series.smooth = False
        kit.set_line(series, colour, 2.25, dash)
        kit.set_marker(series.marker, symbol, colour, theme.INK, 6)
        axis = chart.value_axis
        axis.minimum_scale, axis.maximum_scale = 0, n_states
        axis.major_unit = 1 if n_states <= 6 else max(1, n_states // 4)
        kit.number_format(axis, "0")
        kit.axis_style(axis, gridlines=True)
        axis.tick_labels.font.size = Pt(9)
        kit.axis_style(chart.category_axis)
        chart.category_axis.tick_labels.font.size = Pt(9)
        if i < len(values) - 1:  # the panels share the year axis: its labels only under the last one
            chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.NONE
        kit.skip_years(chart.category_axis, int(years[0]), int(years[-1]))
        chart.has_legend = False


def bases_series(frame: pd.DataFrame) -> tuple[list[float], dict[str, list[float | None]]]:
    """(opening day of every bar as a date number, operator -> days in use per bar or None): the Gantt's numbers."""
    starts = [kit.serial(s) for s in frame["start"]]
    out = {}
    for operator in dict.fromkeys(frame["operator"]):
        out[operator] = [float((e - s).days) if o == operator else None
                         for s, e, o in zip(frame["start"], frame["end"], frame["operator"])]
    return starts, out


def base_labels(frame: pd.DataFrame) -> list[str]:
    """A bar's name: the base and its host, then its operator and years ('Russia, 2003\u2013in use'), which the
    page writes beside the bar (a stacked bar has no room outside its end for a label)."""
    return [f"{r.name} \u00b7 {r.host}\n{r.operator_name}, {r.start.year}\u2013{'in use' if r.ongoing else r.end.year}"
            for r in frame.itertuples(index=False)]


def draw_bases(slide, box, frame: pd.DataFrame, today: pd.Timestamp) -> None:
    """A Gantt chart of stacked bars (an invisible offset, then the years in use), still in use hatched."""
    starts, durations = bases_series(frame)
    data = CategoryChartData(number_format="0")
    data.categories = base_labels(frame)
    data.add_series("opened", starts)
    names = dict(zip(frame["operator"], frame["operator_name"]))
    for operator, values in durations.items():
        data.add_series(f"Operated by {names[operator]}", values)
    left, top, width, height = box
    caption_h = Inches(0.35)
    chart = kit.add_chart(slide, XL_CHART_TYPE.BAR_STACKED, data, (left, top + Inches(0.3), width,
                                                             height - caption_h - Inches(0.3)), "Chart: foreign bases")
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 60, 100
    series = list(plot.series)
    series[0].format.fill.background()
    kit.no_line(series[0])
    for s, operator in zip(series[1:], durations):
        colour = theme.power_style(operator)[0]
        s.format.fill.solid()
        s.format.fill.fore_color.rgb = kit.rgb(colour)
        s.format.line.color.rgb = kit.rgb(theme.INK)
        s.format.line.width = Pt(0.75)
        for i, (value, row) in enumerate(zip(durations[operator], frame.itertuples(index=False))):
            if value is None:
                continue
            point = s.points[i]
            if row.ongoing:
                kit.hatch(point.format.fill, colour)
                point.format.line.color.rgb = kit.rgb(theme.INK)
    kit.top_down(chart)
    kit.axis_style(chart.category_axis)
    axis = chart.value_axis
    first = min(frame["start"].min(), pd.Timestamp(frame["start"].min().year, 1, 1))
    axis.minimum_scale = kit.serial(pd.Timestamp(first.year - 1, 1, 1)) + kit.TICK_SHIFT
    axis.maximum_scale = kit.serial(pd.Timestamp(today.year + 2, 1, 1))
    axis.major_unit = kit.YEAR_DAYS * kit.year_step(first.year - 1, today.year + 2)
    kit.number_format(axis, "yyyy")
    kit.axis_style(axis, gridlines=True)
    chart.has_legend = False  # the hidden 'opened' series must not show: the key is drawn beside the chart
    key = [(names[o], theme.power_style(o)[0]) for o in durations]
    if frame["ongoing"].any():
        key.append(("still in use (hatched)", theme.MUTED_INK))
    kit.chips(slide, left + Inches(3.2), top - Inches(0.05), key, "Legend: operators", hatched="still in use (hatched)")
    kit.caption(slide, left, top + height - caption_h, width, caption_h,
             "Each bar runs from opening to closing; hatched bars are still in use and run to today.")


def indicator_series(frame: pd.DataFrame, countries, base_year: int | None) -> dict[str, list[float | None]]:
    """iso3 -> value (or index) per year, None where the dataset has none: the lines' numbers."""
    column = "value" if base_year is None else "index"
    return {c: [None if pd.isna(v) else float(v) for v in frame[frame["iso3"] == c].sort_values("year")[column]]
            for c in countries}


def draw_indicator(slide, box, frame: pd.DataFrame, ind: schema.Indicator, countries, names: dict[str, str],
                    base_year: int | None) -> None:
    """One line per country over the years, gaps kept; a log axis for money spanning orders."""
    values = indicator_series(frame, countries, base_year)
    years = sorted(frame["year"].unique())
    data = CategoryChartData(number_format="General")
    data.categories = [str(y) for y in years]
    missing = [c for c in countries if all(v is None for v in frame[frame["iso3"] == c]["value"].map(
        lambda x: None if pd.isna(x) else x))]
    for iso3, vals in values.items():
        data.add_series(names.get(iso3, iso3) + (" (no data)" if iso3 in missing else ""), vals)
    left, top, width, height = box
    caption_h = Inches(0.35) if missing else 0
    chart = kit.add_chart(slide, XL_CHART_TYPE.LINE_MARKERS, data, (left, top, width, height - caption_h),
                   "Chart: military spending")
    for series, iso3 in zip(chart.plots[0].series, values):
        series.smooth = False
        colour = theme.country_colour(iso3)
        dash = theme.power_style(iso3)[2] if iso3 in theme.POWER_STYLES else "solid"
        kit.set_line(series, colour, 2.25, dash)
        kit.set_marker(series.marker, theme.country_symbol(iso3), colour, theme.INK, 6)
    axis = chart.value_axis
    kit.axis_style(axis, gridlines=True)
    axis.has_title = True
    present = frame["value" if base_year is None else "index"].dropna()
    positive = present[present > 0]
    if base_year is None and "US$" in ind.unit and len(positive) and positive.max() / positive.min() > 50:
        kit.log_scale(axis)
        kit.number_format(axis, kit.USD_FORMAT)
        title = f"{ind.unit} (log scale)"
    elif base_year is None:
        axis.minimum_scale = 0
        kit.number_format(axis, kit.USD_FORMAT if "US$" in ind.unit else "0.0")
        title = ind.unit
    else:
        axis.minimum_scale = 0
        kit.number_format(axis, "0")
        title = f"Index, {base_year} = 100"
    axis.axis_title.text_frame.text = title
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(11)
    kit.axis_style(chart.category_axis)
    kit.skip_years(chart.category_axis, int(years[0]), int(years[-1]))
    kit.set_legend(chart, XL_LEGEND_POSITION.RIGHT)
    if missing:
        kit.caption(slide, left, top + height - caption_h, width, caption_h,
                 "No data for " + words(names.get(c, c) for c in missing) + " in these years.")


def _grid(slide, box, spec) -> None:
    draw_grid(slide, box, spec.frames["table"], spec.frames["dimension"], spec.frames["names"])


DRAWERS = {
    **{f"grid_{d}": _grid for d in rivalry.DIMENSION_TITLES},
    "reach": lambda slide, box, spec: draw_reach(slide, box, *(spec.frames[k] for k in ("reach", "orgs", "names",
                                                                                           "n_states"))),
    "bases": lambda slide, box, spec: draw_bases(slide, box, spec.frames["spans"], spec.frames["today"]),
    "indicator": lambda slide, box, spec: draw_indicator(slide, box, *(spec.frames[k] for k in (
        "frame", "indicator", "countries", "names", "base_year"))),
    "suppliers": lambda slide, box, spec: arms_slides.draw_share_bars(
        slide, box, spec.frames["shares"], spec.frames["labels"], spec.frames["names"], "Chart: arms suppliers"),
}
