"""Native PowerPoint charts and tables for the briefing deck: the same frames the pages draw, as objects
an analyst can edit. Pure builders: frames in, shapes on the given slide out; no I/O, no Streamlit.

Each draw_* takes the slide and a box (left, top, width, height in EMU). Each *_series function returns
the numbers a chart carries, so tests can compare them with the filtered data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import (XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE,
                             XL_TICK_LABEL_POSITION, XL_TICK_MARK)
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from turan import aid, alliances, describe, filters, query, rivalry, schema, theme, timeline
from turan.figures import slide_kit as kit
from turan.figures.alliance_map import DEFENCE_MARK


# ---- aid ---------------------------------------------------------------------------------------------------

def _total_words(totals: pd.DataFrame, iso3: str) -> str:
    """The words at the end of a bar on screen: '$9.8M', '$1M + 1 figure of unknown amount', 'no recorded aid'."""
    rows = totals[totals["recipient_iso3"] == iso3]
    if rows["figures"].sum() == 0:
        return "no recorded aid"
    amount, unknown = rows["amount_usd"].sum(), int(rows["unknown"].sum())
    parts = [query.format_usd(amount)] if amount > 0 else []
    if unknown:
        parts.append(describe.count(unknown, "figure") + " of unknown amount")
    return " + ".join(parts)


def aid_totals_series(totals: pd.DataFrame) -> dict[str, list[float]]:
    """commitment -> amount per recipient (in the filter's order): the bars' numbers, commitments with any."""
    recipients = list(dict.fromkeys(totals["recipient_iso3"]))
    out = {}
    for commitment in aid.COMMITMENTS:
        part = totals[totals["commitment"] == commitment].set_index("recipient_iso3").reindex(recipients)
        if (part["amount_usd"] > 0).any():
            out[commitment] = [float(x) for x in part["amount_usd"].fillna(0.0)]
    return out


def draw_aid_totals(slide, box, totals: pd.DataFrame, names: dict[str, str]) -> None:
    """Stacked horizontal bars per recipient by commitment, $ labels, totals in the category names."""
    recipients = list(dict.fromkeys(totals["recipient_iso3"]))
    data = CategoryChartData(number_format="#,##0")
    data.categories = [f"{names.get(c, c)}: {_total_words(totals, c)}" for c in recipients]
    series_values = aid_totals_series(totals)
    for commitment, values in series_values.items():
        data.add_series(commitment, values)
    left, top, width, height = box
    chart = kit.add_chart(slide, XL_CHART_TYPE.BAR_STACKED, data, (left, top, width, height - Inches(0.45)),
                   "Chart: aid by recipient")
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = {1: 300, 2: 160, 3: 90}.get(len(recipients), 45), 100  # few bars stay slim
    for series, commitment in zip(plot.series, series_values):
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
                kit.point_label(series.points[i], query.format_usd(value), XL_LABEL_POSITION.CENTER, 12, ink)
    kit.top_down(chart)
    kit.axis_style(chart.category_axis)
    chart.category_axis.tick_labels.font.size = Pt(12)
    axis = chart.value_axis
    sums = totals.groupby("recipient_iso3", sort=False)["amount_usd"].sum()
    axis.minimum_scale, axis.maximum_scale = 0, max(float(sums.max()), 1e6) * 1.1
    kit.number_format(axis, kit.USD_FORMAT)
    kit.axis_style(axis, gridlines=True)
    axis.has_title = True
    axis.axis_title.text_frame.text = "US dollars, nominal, as reported"
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(11)
    kit.set_legend(chart)
    kit.caption(slide, left, top + height - Inches(0.4), width, Inches(0.4),
             "Bars stack the figures counted for each recipient by commitment (delivered, agreed, pledged); "
             "figures inside a total shown are not added again. The total and any figure of unknown amount "
             "follow each name.")


def undated_aid_words(items: pd.DataFrame) -> str:
    """The figures without a date, in words (they are listed under the time chart)."""
    listed = items[items["kind"] == "undated"]
    if listed.empty:
        return ""
    parts = [f"{r['recipient']}, {r['amount']} ({r['basis']}" + (f", inside {r['inside']})" if r["inside"] else ")")
             for _, r in listed.iterrows()]
    return "Not on the time axis (no date in the source): " + "; ".join(parts) + "."


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


def _mark_words(item: pd.Series) -> str:
    """The label above a mark: '$1.5M'; periods add when; not-added ones in brackets."""
    amount = query.format_usd(item["amount_usd"]) if pd.notna(item["amount_usd"]) else "amount unknown"
    if item["kind"] == "span":
        amount = f"{amount}, {item['when']}"
    return f"({amount})" if item["inside"] else amount


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
        styles.append(functools.partial(_style_span, colour=colour, open_end=open_end))
    for iso3 in centres:  # one series per recipient, commitment and containment: one look per series
        for (commitment, inside), mine in aid_marks(plotted, iso3).groupby(["commitment", "contained"], sort=False):
            series = data.add_series(f"{mine.iloc[0]['recipient']}: {commitment}"
                                     + (" (inside a total shown)" if inside else ""))
            for x, item_id in zip(mine["x"], mine["aid_id"]):
                series.add_data_point(x, -rows[item_id])
            styles.append(functools.partial(_style_aid_marks, mine=mine))
    left, top, width, height = box
    note = undated_aid_words(items)
    caption_h = Inches(0.62 if note else 0.4)
    bottom = max(rows.values()) if rows else 0
    names = {iso3: plotted.loc[plotted["recipient_iso3"] == iso3, "recipient"].iloc[0] for iso3 in centres}
    chart = _lane_chart(slide, (left, top, width, height - caption_h), data, "Chart: aid over time",
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


def _lane_chart(slide, box, data: kit.LaneData, name: str, lanes: list[tuple[str, float]],
                y_range: tuple[float, float], legend=XL_LEGEND_POSITION.TOP, label_w=Inches(1.9)):
    """An XY chart whose rows are named lanes: the plot area is fixed so that the lane names (text boxes,
    grouped with the chart) sit level with their rows; the vertical axis is hidden."""
    left, top, width, height = (int(b) for b in box)
    group = slide.shapes.add_group_shape()
    group.name = name
    chart = kit.add_chart(group, XL_CHART_TYPE.XY_SCATTER_LINES, data.pad(), (left, top, width, height), name)
    x, y = label_w / width, (0.1 if legend == XL_LEGEND_POSITION.TOP else 0.03)
    w = 1 - x - (0.12 if legend == XL_LEGEND_POSITION.RIGHT else 0.02)
    h = 1 - y - Inches(0.4) / height
    kit.plot_layout(chart, x, y, w, h)
    low, high = y_range
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale = low, high
    axis.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.has_major_gridlines = False
    axis.format.line.fill.background()
    chart.value_axis.crosses = XL_AXIS_CROSSES.MINIMUM  # the time axis along the bottom
    for text, value in lanes:
        centre = top + height * (y + h * (high - value) / (high - low))
        kit.text_box(group, f"Lane: {text}", left, centre - Inches(0.22), label_w - Inches(0.12), Inches(0.44), text,
                  size=12, bold=True, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.MIDDLE)
    return chart


def _style_span(series, colour: str, open_end: bool) -> None:
    """A period total: a thick bar in the recipient's colour, or a dotted line when an end is open."""
    if open_end:
        kit.set_line(series, theme.MUTED_INK, 2.5, "dot")
    else:
        kit.set_line(series, kit.blend(colour, theme.INK, 0.15), 9)
    series.marker.style = XL_MARKER_STYLE.NONE


def aid_marks(plotted: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """One recipient's markers in date order, with x (a date number): a point at its date, a period at its
    middle. Sorted, because LibreOffice sorts XY points before it applies each point's own format."""
    mine = plotted[plotted["recipient_iso3"] == iso3]
    x = [kit.serial(item["at"] if item["kind"] == "point" else _middle(item)) for _, item in mine.iterrows()]
    order = {c: i for i, c in enumerate(aid.COMMITMENTS)}
    return (mine.assign(x=x, contained=mine["inside"] != "", _c=mine["commitment"].map(order))
            .sort_values(["_c", "contained", "x", "aid_id"], kind="stable").drop(columns="_c"))


def _middle(item: pd.Series) -> pd.Timestamp:
    """Where a period's marker sits: its middle, or its known end when the other is open."""
    if pd.notna(item["start"]) and pd.notna(item["end"]):
        return item["start"] + (item["end"] - item["start"]) / 2
    return item["start"] if pd.notna(item["start"]) else item["end"]


def _style_aid_marks(series, mine: pd.DataFrame) -> None:
    """Markers of one recipient and commitment: the commitment's shape, the recipient's colour (pale when
    inside a total shown), the amount above each."""
    kit.no_line(series)
    first = mine.iloc[0]
    colour = theme.country_colour(first["recipient_iso3"])
    symbol = theme.commitment_style(first["commitment"])[2]
    kit.set_marker(series.marker, symbol, kit.pale(colour) if first["contained"] else colour, theme.INK, 11, 1.25)
    for point, (_, item) in zip(series.points, mine.iterrows()):
        kit.point_label(point, _mark_words(item), XL_LABEL_POSITION.ABOVE, 10)


# ---- timeline ----------------------------------------------------------------------------------------------

def event_series(tl: timeline.Timeline) -> dict[str, pd.DataFrame]:
    """kind -> its markers in date order: x (a date number), y (lane position plus offset), precision."""
    position = {lane.key: len(tl.lanes) - 1 - i for i, lane in enumerate(tl.lanes)}
    out = {}
    for kind in schema.EVENT_KINDS:
        rows = tl.placed[tl.placed["kind"] == kind]
        if len(rows):
            out[kind] = pd.DataFrame({
                "x": [kit.serial(x) for x in rows["x"]], "y": rows["lane"].map(position) + rows["offset"],
                "precision": rows["precision"], "event_id": rows["event_id"],
            }).sort_values(["x", "y"], kind="stable").reset_index(drop=True)
    return out


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
    left, top, width, height = box
    caption_h = Inches(0.4)
    n = len(tl.lanes)
    chart = _lane_chart(slide, (left, top, width, height - caption_h), data, "Chart: events by partner",
                        [(lane.label, n - 1 - i) for i, lane in enumerate(tl.lanes)], (-0.6, n - 0.4),
                        legend=XL_LEGEND_POSITION.RIGHT, label_w=Inches(2.1))
    for series, (kind, approx) in zip(chart.plots[0].series, looks):
        kit.no_line(series)
        colour, symbol = theme.kind_colour(kind), theme.kind_symbol(kind)
        if approx:
            kit.set_marker(series.marker, symbol, kit.pale(colour), colour, 10, 2.0)
        else:
            kit.set_marker(series.marker, symbol, colour, theme.INK, 10)
    kit.date_axis(chart.category_axis, tl.start - pad, tl.end + pad)
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_unit = 1
    chart.value_axis.major_gridlines.format.line.color.rgb = kit.rgb("#EEEEEE")
    kit.set_legend(chart, XL_LEGEND_POSITION.RIGHT, hide=hidden)
    kit.caption(slide, left, top + height - caption_h, width, caption_h,
             "Filled marker: known to the day; pale: known only to the month or the year (placed in its middle). "
             "An event with several partners appears in each partner's lane.")


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
    axis.has_title = True
    axis.axis_title.text_frame.text = "Events per year"
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(11)
    kit.axis_style(chart.category_axis)
    step = kit.year_step(*years)
    if step > 1:
        kit.label_skip(chart.category_axis, step)
    kit.set_legend(chart, XL_LEGEND_POSITION.RIGHT)


# ---- rivalry -------------------------------------------------------------------------------------------------

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
        step = kit.year_step(int(years[0]), int(years[-1]))
        if step > 1:
            kit.label_skip(chart.category_axis, step)
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
    step = kit.year_step(int(years[0]), int(years[-1]))
    if step > 1:
        kit.label_skip(chart.category_axis, step)
    kit.set_legend(chart, XL_LEGEND_POSITION.RIGHT)
    if missing:
        kit.caption(slide, left, top + height - caption_h, width, caption_h,
                 "No data for " + describe.words(names.get(c, c) for c in missing) + " in these years.")


# ---- alliances ---------------------------------------------------------------------------------------------

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
        head = f"{org} {DEFENCE_MARK}" if org in defence else org
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
             f"{DEFENCE_MARK} Mutual-defence clause: {alliances.defence_words(defence)}.")


def draw_sets(slide, box, combos: pd.DataFrame, orgs: list[str]) -> None:
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
    axis.has_title = True
    axis.axis_title.text_frame.text = "countries"
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(10)
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
                  theme.org_colour(org) if inside else theme.NO_DATA, theme.WHITE, PP_ALIGN.CENTER)
    last = rows - 1
    kit.fill_cell(table.cell(last, 0), "Countries", 11, True, theme.INK, "#F4F4F4")
    for j, countries in enumerate(combos["countries"], start=1):
        kit.fill_cell(table.cell(last, j), "\n".join(countries), 9 if n > 6 else 10, False, theme.INK, "#F4F4F4",
              PP_ALIGN.CENTER)
        table.cell(last, j).vertical_anchor = MSO_ANCHOR.TOP


