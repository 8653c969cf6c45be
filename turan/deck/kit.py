"""The toolkit behind the slides: text, colours and native-chart settings in the dashboard's theme.

Everything here works around what python-pptx does not expose (legend entries, log axes, label skips, a
fixed plot area) and around LibreOffice Impress's reading of charts (see LaneData and pale()), so that a
deck looks the same in PowerPoint and in Impress.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from lxml import etree
from pptx.chart.data import XyChartData
from pptx.chart.xlsx import XyWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt, lazyproperty
from xlsxwriter.utility import xl_col_to_name

from turan import theme

FONT = "Arial"  # in every office suite; the screen's Source Sans Pro may be missing
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
YEAR_DAYS = 365.25
TICK_SHIFT = 1.5  # date axes start 1.5 days into the year: every yearly tick then falls on 1-3 January
USD_FORMAT = '[>=1000000000]$#,##0.0,,,"bn";[>=1000000]$#,##0.0,,"M";$#,##0'
MARKERS = {  # plotly marker symbol -> the nearest PowerPoint marker
    "circle": XL_MARKER_STYLE.CIRCLE, "diamond": XL_MARKER_STYLE.DIAMOND, "square": XL_MARKER_STYLE.SQUARE,
    "triangle-up": XL_MARKER_STYLE.TRIANGLE, "triangle-down": XL_MARKER_STYLE.X, "star": XL_MARKER_STYLE.STAR,
    "hexagon": XL_MARKER_STYLE.PLUS, "x": XL_MARKER_STYLE.X, "pentagon": XL_MARKER_STYLE.DIAMOND,
    "cross": XL_MARKER_STYLE.PLUS,
}
DASHES = {"solid": MSO_LINE_DASH_STYLE.SOLID, "dash": MSO_LINE_DASH_STYLE.DASH,
          "dot": MSO_LINE_DASH_STYLE.ROUND_DOT, "dashdot": MSO_LINE_DASH_STYLE.DASH_DOT,
          "longdash": MSO_LINE_DASH_STYLE.LONG_DASH}
PATTERNS = {"/": MSO_PATTERN.WIDE_UPWARD_DIAGONAL, ".": MSO_PATTERN.SMALL_CONFETTI, "x": MSO_PATTERN.DIAGONAL_CROSS}


# ---- colours and text --------------------------------------------------------------------------------------

def rgb(colour: str) -> RGBColor:
    """'#RRGGBB' as python-pptx's colour."""
    return RGBColor.from_string(colour.lstrip("#").upper())


def pale(colour: str) -> str:
    """The fill of a 'hollow' mark: a pale tint, visible even where an outline is not drawn (LibreOffice
    draws XY marker outlines from the series line, which marker-only series do not have)."""
    return blend(colour, theme.WHITE, 0.6)


def blend(colour: str, other: str, share: float) -> str:
    """`colour` moved `share` of the way towards `other`."""
    a, b = theme.rgba(colour)[:3], theme.rgba(other)[:3]
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b))


def run(para, text: str, size: float, bold: bool, colour: str):
    """Append a run of text in the deck's font; returns it."""
    run = para.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run.font.color.rgb = rgb(colour)
    return run


def write(frame, text: str, size: float, bold: bool = False, colour: str = theme.INK, align=None, anchor=None):
    """Replace a text frame's text with one styled run per line."""
    frame.word_wrap = True
    if anchor is not None:
        frame.vertical_anchor = anchor
    frame.text = ""
    for i, line in enumerate(str(text).split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if align is not None:
            para.alignment = align
        # An empty line still gets a run (a no-break space) in the chosen size: LibreOffice sizes an empty paragraph,
        # and so a table row holding only empty cells, at its 18 pt default, whatever the paragraph's settings say.
        run(para, line or "\u00a0", size, bold, colour)


def text_box(slide_or_group, name: str, left, top, width, height, text: str, size: float = 12, bold=False,
              colour: str = theme.INK, align=None, anchor=None):
    """A named text box on a slide or group, its text styled (lines split on newlines)."""
    shapes = getattr(slide_or_group, "shapes", slide_or_group)
    box = shapes.add_textbox(Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(int(height)))
    box.name = name
    frame = box.text_frame
    frame.margin_left = frame.margin_right = Inches(0.04)
    frame.margin_top = frame.margin_bottom = Inches(0.02)
    write(frame, text, size, bold, colour, align, anchor)
    return box


def chips(slide, left, top, items: list[tuple[str, str]], name: str, hatched: str = "") -> None:
    """A one-line key, grouped: a colour chip and its words for each item; the item named `hatched` gets a
    hatched chip (what 'still in use' bars look like)."""
    group = slide.shapes.add_group_shape()
    group.name = name
    x = int(left)
    for label, colour in items:
        chip = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, int(top) + Inches(0.07), Inches(0.22), Inches(0.18))
        chip.name = f"Key: {label}"
        if label == hatched:
            hatch(chip.fill, colour)
        else:
            chip.fill.solid()
            chip.fill.fore_color.rgb = rgb(colour)
        chip.line.color.rgb = rgb(theme.INK)
        chip.line.width = Pt(0.5)
        plain(chip)
        width = Inches(0.35 + 0.085 * len(label))
        text_box(group, label, x + Inches(0.28), top, width, Inches(0.32), label, size=11, anchor=MSO_ANCHOR.MIDDLE)
        x += Inches(0.3) + width


def plain(shape) -> None:
    """No shadow or theme style: the template's shape style casts a shadow in LibreOffice even when the shape
    says none; fill and line are always set explicitly here."""
    shape.shadow.inherit = False
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def hatch(fill, colour: str) -> None:
    """A fill of light diagonal stripes over `colour`: a bar or chip for something still in use."""
    fill.patterned()
    fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
    fill.fore_color.rgb = rgb(blend(colour, theme.WHITE, 0.55))
    fill.back_color.rgb = rgb(colour)


def caption(slide, left, top, width, height, text: str):
    """A small grey note under a chart (keys, what is not drawn)."""
    return text_box(slide, "Caption", left, top, width, height, text, size=10, colour=theme.MUTED_INK)


# ---- chart helpers -----------------------------------------------------------------------------------------

class _ColumnPairs(XyWorkbookWriter):
    """Each XY series in its own pair of columns (x, y) side by side, not stacked in columns A and B:
    LibreOffice reads series that share columns as one table and drops or misplaces some of them."""

    def _ref(self, series, column: int, rows: bool) -> str:
        letter = xl_col_to_name(2 * series.index + column)
        return f"Sheet1!${letter}$2:${letter}${len(series) + 1}" if rows else f"Sheet1!${letter}$1"

    def series_name_ref(self, series):
        return self._ref(series, 1, False)

    def x_values_ref(self, series):
        return self._ref(series, 0, True)

    def y_values_ref(self, series):
        return self._ref(series, 1, True)

    def _populate_worksheet(self, workbook, worksheet):
        x_format = workbook.add_format({"num_format": self._chart_data.number_format})
        for series in self._chart_data:
            column = 2 * series.index
            worksheet.write(0, column, f"x: {series.name}")
            worksheet.write(0, column + 1, series.name)
            worksheet.write_column(1, column, series.x_values, x_format)
            worksheet.write_column(1, column + 1, series.y_values)


class LaneData(XyChartData):
    """XY chart data written one column pair per series (see _ColumnPairs); x values are dates."""

    def __init__(self):
        super().__init__(number_format="yyyy-mm-dd")

    @lazyproperty
    def _workbook_writer(self):
        return _ColumnPairs(self)

    def pad(self) -> "LaneData":
        """Give every series as many points as the longest, the extra ones blank. LibreOffice draws no
        series that comes before a longer one; blank points are gaps everywhere."""
        longest = max((len(series) for series in self), default=0)
        for series in self:
            for _ in range(longest - len(series)):
                series.add_data_point(None, None)
        return self


def serial(day: pd.Timestamp) -> float:
    """A day as a spreadsheet date number (what PowerPoint's date axes count)."""
    return float((pd.Timestamp(day) - EXCEL_EPOCH) / pd.Timedelta(days=1))


def add_chart(slide, kind, data, box, name: str):
    """A native chart in the deck's font; no automatic title (the slide has one)."""
    left, top, width, height = (Emu(int(x)) for x in box)
    shapes = getattr(slide, "shapes", slide)
    frame = shapes.add_chart(kind, left, top, width, height, data)
    frame.name = name
    chart = frame.chart
    chart.has_title = False
    chart.font.size, chart.font.name = Pt(11), FONT
    chart.font.color.rgb = rgb(theme.INK)
    return chart


def axis_style(axis, gridlines: bool = False) -> None:
    """Axis line, label size and (optional) light gridlines in the theme."""
    axis.has_major_gridlines = gridlines
    if gridlines:
        axis.major_gridlines.format.line.color.rgb = rgb("#E4E4E4")
    axis.format.line.color.rgb = rgb(theme.MUTED_INK)
    axis.tick_labels.font.size = Pt(10)
    axis.tick_labels.font.color.rgb = rgb(theme.INK)


def number_format(axis, fmt: str) -> None:
    """A fixed number format for an axis's tick labels."""
    axis.tick_labels.number_format = fmt
    axis.tick_labels.number_format_is_linked = False


def axis_title(axis, text: str, size: float = 11) -> None:
    """An axis title in the deck's type (a unit, a count)."""
    axis.has_title = True
    axis.axis_title.text_frame.text = text
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(size)


def set_legend(chart, position=XL_LEGEND_POSITION.TOP, hide: Sequence[int] = ()) -> None:
    """The chart's legend at `position`, outside the plot; `hide` drops the entries of those series."""
    chart.has_legend = True
    chart.legend.position = position
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(11)
    legend = chart.legend._element
    anchor = legend.find(qn("c:legendPos"))
    for idx in sorted(hide, reverse=True):
        entry = etree.SubElement(legend, qn("c:legendEntry"))
        etree.SubElement(entry, qn("c:idx")).set("val", str(idx))
        etree.SubElement(entry, qn("c:delete")).set("val", "1")
        anchor.addnext(entry)


def log_scale(axis) -> None:
    """A base-10 logarithmic value axis (python-pptx has no setting for it)."""
    scaling = axis._element.find(qn("c:scaling"))
    log = etree.Element(qn("c:logBase"))
    log.set("val", "10")
    scaling.insert(0, log)


def label_skip(axis, every: int) -> None:
    """Show every n-th category label (a long run of years)."""
    element = axis._element
    skip = etree.Element(qn("c:tickLblSkip"))
    skip.set("val", str(every))
    after = element.find(qn("c:noMultiLvlLbl"))
    if after is not None:
        after.addprevious(skip)
    else:
        element.append(skip)


def skip_years(axis, first: int, last: int) -> None:
    """Year labels on a category axis thinned to every year_step-th, so that they never crowd."""
    step = year_step(first, last)
    if step > 1:
        label_skip(axis, step)


def plot_layout(chart, x: float, y: float, w: float, h: float) -> None:
    """Fix the inner plot area as fractions of the chart frame (so shapes beside it can line up)."""
    plot_area = chart._chartSpace.chart.plotArea
    old = plot_area.find(qn("c:layout"))
    if old is not None:
        plot_area.remove(old)
    layout = etree.Element(qn("c:layout"))
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, val in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"),
                     ("x", x), ("y", y), ("w", w), ("h", h)):
        etree.SubElement(manual, qn(f"c:{tag}")).set("val", str(val))
    plot_area.insert(0, layout)


def point_label(point, text: str, position=None, size: float = 10, colour: str = theme.INK, bold=False) -> None:
    """A data point's label with our own text (e.g. '$1.2M', as on screen)."""
    label = point.data_label
    frame = label.text_frame
    frame.text = ""
    run(frame.paragraphs[0], text, size, bold, colour)
    if position is not None:
        label.position = position


def set_marker(marker, symbol: str, fill: str, line: str, size: int = 9, width: float = 1.0) -> None:
    """A series' or point's marker: shape, fill, outline."""
    marker.style = MARKERS.get(symbol, XL_MARKER_STYLE.CIRCLE)
    marker.size = size
    marker.format.fill.solid()
    marker.format.fill.fore_color.rgb = rgb(fill)
    marker.format.line.color.rgb = rgb(line)
    marker.format.line.width = Pt(width)


def no_line(series) -> None:
    """No line between a series' points (markers only)."""
    series.format.line.fill.background()


def set_line(series, colour: str, width: float, dash: str = "solid") -> None:
    """A series' line: colour, width (pt) and dash."""
    line = series.format.line
    line.fill.solid()
    line.fill.fore_color.rgb = rgb(colour)
    line.width = Pt(width)
    line.dash_style = DASHES.get(dash, MSO_LINE_DASH_STYLE.SOLID)


def top_down(chart) -> None:
    """Bars in reading order (first category on top), the value axis still at the bottom."""
    chart.category_axis.reverse_order = True
    crosses = chart.value_axis._element.find(qn("c:crosses"))  # python-pptx sets this only from the other axis
    crosses.set("val", "max")  # the value axis sits at the last category, now at the bottom


def year_step(first: int, last: int) -> int:
    """Years between axis labels: 1 for short ranges, 2 or 5 for longer ones."""
    span = last - first
    return 1 if span <= 12 else 2 if span <= 24 else 5


def date_axis(axis, lo: pd.Timestamp, hi: pd.Timestamp) -> None:
    """A horizontal value axis of date numbers, labelled with years from `lo` to `hi`."""
    step = year_step(lo.year, hi.year)
    axis.minimum_scale, axis.maximum_scale = serial(lo) + TICK_SHIFT, serial(hi)
    axis.major_unit = YEAR_DAYS * step
    number_format(axis, "yyyy")
    axis_style(axis, gridlines=True)



text_on = theme.text_on  # ink or white on a fill, whichever reads better (the theme's rule)


def fill_cell(cell, text: str, size: float, bold: bool, colour: str, fill: str, align=None) -> None:
    """A table cell's fill, padding and text."""
    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(fill)
    cell.margin_left = cell.margin_right = Inches(0.06)
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    write(cell.text_frame, text, size, bold, colour, align)


def add_table(slide, box, header: list[str], rows: list[list[str]], widths: Sequence[float], font: float = 12,
           bold_column: int | None = None) -> None:
    """A native table with a dark header row, column widths in proportion to `widths`."""
    left, top, width, height = box
    shape = slide.shapes.add_table(len(rows) + 1, len(header), Emu(int(left)), Emu(int(top)), Emu(int(width)),
                                   Emu(int(min(height, Inches(0.5) * (len(rows) + 1)))))
    shape.name = "Table"
    table = shape.table
    table.horz_banding = False
    scale = int(width) / sum(widths)
    for j, w in enumerate(widths):
        table.columns[j].width = Emu(int(w * scale))
    for j, text in enumerate(header):
        fill_cell(table.cell(0, j), text, font, True, theme.TEXT_ON_DARK, theme.MUTED_INK)
    for i, row in enumerate(rows, start=1):
        for j, text in enumerate(row):
            fill_cell(table.cell(i, j), str(text), font + (6 if j == bold_column else 0), j == bold_column, theme.INK,
                  theme.WHITE if i % 2 else "#F4F4F4")


LANE_LABEL_W = Inches(1.9)  # the lane names left of a lane chart


def lane_chart(slide, box, data: LaneData, name: str, lanes: list[tuple[str, float]],
                y_range: tuple[float, float], legend=XL_LEGEND_POSITION.TOP, label_w=LANE_LABEL_W):
    """An XY chart whose rows are named lanes: the plot area is fixed so that the lane names (text boxes,
    grouped with the chart) sit level with their rows; the vertical axis is hidden."""
    left, top, width, height = (int(b) for b in box)
    group = slide.shapes.add_group_shape()
    group.name = name
    chart = add_chart(group, XL_CHART_TYPE.XY_SCATTER_LINES, data.pad(), (left, top, width, height), name)
    x, y = label_w / width, (0.1 if legend == XL_LEGEND_POSITION.TOP else 0.03)
    w = 1 - x - (0.19 if legend == XL_LEGEND_POSITION.RIGHT else 0.02)
    h = 1 - y - Inches(0.4) / height
    plot_layout(chart, x, y, w, h)
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
        text_box(group, f"Lane: {text}", left, centre - Inches(0.22), label_w - Inches(0.12), Inches(0.44), text,
                  size=12, bold=True, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.MIDDLE)
    return chart


def style_span(series, colour: str, open_end: bool) -> None:
    """A period total: a thick bar in the recipient's colour, or a dotted line when an end is open."""
    if open_end:
        set_line(series, theme.MUTED_INK, 2.5, "dot")
    else:
        set_line(series, blend(colour, theme.INK, 0.15), 9)
    series.marker.style = XL_MARKER_STYLE.NONE
