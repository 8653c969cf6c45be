"""What every chart shares: title, subtitle (the filters in words), a source footer, fonts and margins;
the toolbar's image export; and the enlarged presentation layout.

A cropped screenshot or an exported image of any chart still says what it shows and where it comes from.
Exports are sized for a 16:9 slide: 1600 x 900 at twice the pixels (3200 x 1800), named after the chart
and the filters.
"""

from __future__ import annotations

import functools
import html
import json
import re
import textwrap
import unicodedata

import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from turan import DATA_VERSION, theme

FOOTER = "footer"  # the `name` of the source annotation, so later steps can find and move it
FOOTER_TOP = 62  # px from the bottom of the plot area to the top of the footer: room for ticks and an axis title
LINE_PX = 16  # px per footer line at 12 px type
SUBTITLE_LINE_PX = 19
FOOTER_CHARS, SUBTITLE_CHARS, FOOTER_LINES = 85, 95, 3  # at most about 600 px of footer at 12 px, 760 of subtitle at
# 14 px: they fit the narrowest chart the layout check measures (1280 px wide window with the sidebar open: 820 px)

EXPORT_WIDTH, EXPORT_HEIGHT, EXPORT_SCALE = 1600, 900, 2  # a 16:9 slide, exported at 2x pixels
IMAGE_FORMATS = ("png", "svg")
FILENAME_CHARS = 100
PRESENT_SCALE = 1.3  # presentation mode: every font, marker, margin and offset grows by this factor
# One fixed template, so a chart looks the same wherever it is built: the web app replaces plotly's default
# template with its own, whose placeholder colours and missing automargins only work inside the app's theme.
TEMPLATE = "turan"
TRACE_TYPES = ("bar", "scatter", "heatmap", "choroplethmap")  # every trace type the dashboard draws
# plotly_white, with the trace defaults of the types drawn here only: plotly copies the template into every figure
# it builds and into the JSON of every chart sent, and the defaults of two dozen trace types never drawn were most
# of it (a third of building a chart). Charts look exactly as with plotly_white; test_figure_specs checks the types.
_white = pio.templates["plotly_white"].to_plotly_json()
pio.templates[TEMPLATE] = go.layout.Template(
    layout=_white["layout"], data={k: v for k, v in _white["data"].items() if k in TRACE_TYPES})
# Also plotly's default, so that go.Figure() starts with it (copying Streamlit's default and then ours was another
# third). build() still sets it when something (importing Streamlit after this module) has changed the default since.
pio.templates.default = TEMPLATE


def esc(text: object) -> str:
    """Escape data text for plotly titles, hovers and legends (they accept a subset of HTML)."""
    return html.escape(str(text), quote=False)


@functools.lru_cache(maxsize=1024)  # a chart's source line recurs in every view of it
def footer_text(source: str) -> str:
    """'Source: ... · Turan Dashboard, data v0.1.0', wrapped to lines; a list too long for three lines is cut at
    a word and points to the Sources page, so the version never falls off (nor is split from its name)."""
    tail = f" · Turan Dashboard, data\u00a0v{DATA_VERSION}"  # textwrap breaks only at ASCII whitespace
    lines = textwrap.wrap(f"Source: {source}{tail}", FOOTER_CHARS, break_long_words=False)
    if len(lines) > FOOTER_LINES:
        cut = f"… (full list on the Sources page){tail}"
        body = textwrap.shorten(f"Source: {source}", FOOTER_CHARS * FOOTER_LINES - len(cut) - 10, placeholder="")
        lines = textwrap.wrap(body + cut, FOOTER_CHARS, break_long_words=False)
    return "<br>".join(esc(line).replace("\u00a0", " ") for line in lines)


@functools.lru_cache(maxsize=1024)
def subtitle_text(subtitle: str) -> str:
    """The subtitle, escaped and wrapped so a long selection never runs off the figure."""
    return "<br>".join(esc(line) for line in textwrap.wrap(subtitle, SUBTITLE_CHARS, break_long_words=False))


def merge(base: dict, extra: dict) -> dict:
    """Nested dictionaries merged as plotly's update_layout merges them: `extra` wins, sub-dictionaries combine."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value
    return base


AXIS = re.compile(r"^[xy]axis\d*$")


def framed(data: list[dict], layout: dict, title: str, subtitle: str, source: str, height: int = 520,
           then=None) -> go.Figure:
    """The figure of the traces `data` and the `layout` (plotly's JSON, as plain dictionaries) with its title,
    subtitle and source footer, in the shared theme. `then(layout)`, if given, makes the chart's own layout
    changes on top, before the figure is built in one step (build)."""
    sub = subtitle_text(subtitle)
    top = 14 + 28 + SUBTITLE_LINE_PX * (sub.count("<br>") + 1) + 24
    _framed(layout, title, sub, top, footer_text(source), height)
    if then is not None:
        then(layout)
    return build(data, layout)


def build(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plotly's JSON (trace dictionaries with their `type`, and a layout dictionary), without plotly's
    property-by-property validation, which costs several times the rest of building a chart (a timeline: 85 ms
    validated against 5 ms not). plotly documents plain dictionaries as its fast path; the flag that keeps
    go.Figure from validating them is plotly's own (`_validate`, as in its JSON reader). What is skipped here is not
    lost: tests/test_figure_specs.py puts every builder's output, for many selections, through plotly's validating
    constructor and asserts the same JSON comes out, so a misspelt or invalid property fails a test instead of being
    sent to the browser.

    The figure is a LazyFigure: plotly makes its objects (a trace object per trace, every property set one by one,
    then deep copies) only when something asks the figure for them; the page sends the JSON as it is
    (figure_json), which was most of drawing a chart for the first time."""
    return LazyFigure(data, layout)


@functools.lru_cache(maxsize=1)
def _template_json(name: str) -> dict:
    return pio.templates[name].to_plotly_json()


_UNBUILT = frozenset({"_turan_json", "__dict__", "__class__"})  # what a LazyFigure answers without being made


class LazyFigure(go.Figure):
    """A go.Figure that is plotly JSON until used: the first attribute asked of it makes it a real go.Figure
    (build()'s), in place, and from then on it is one (its class becomes go.Figure). figure_json() reads the JSON
    of an unbuilt one without making it. The JSON is never changed (it may be shared: go.Figure copies it)."""

    def __init__(self, data: list[dict], layout: dict):  # noqa: D107 - plotly's constructor runs when first used
        object.__setattr__(self, "_turan_json", (data, layout))

    def __getattribute__(self, name: str):
        if name in _UNBUILT:
            return object.__getattribute__(self, name)
        data, layout = object.__getattribute__(self, "_turan_json")
        object.__setattr__(self, "__class__", go.Figure)  # a go.Figure from here on: attributes as plotly has them
        go.Figure.__init__(self, {"data": data, "layout": layout}, _validate=False)  # copies: the JSON stays as it is
        if pio.templates.default != TEMPLATE:  # go.Figure gave it the default template; ours is wanted
            self.update_layout(template=TEMPLATE)
        return getattr(self, name)


def figure_json(fig: go.Figure) -> dict:
    """The figure's plotly JSON (what to_dict gives) without copying it: an unbuilt LazyFigure's own dictionaries
    (with the shared template), else the figure's own traces and layout. Only to be read."""
    if type(fig) is LazyFigure:
        data, layout = object.__getattribute__(fig, "_turan_json")
        return {"data": data, "layout": {**layout, "template": _template_json(TEMPLATE)}}
    return {"data": fig._data, "layout": fig._layout}


@functools.lru_cache(maxsize=128)
def _stack_json(rows: int, spacing: float, heights: tuple | None, titles: tuple | None) -> str:
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=spacing,
                        row_heights=list(heights) if heights else None, subplot_titles=list(titles) if titles else None)
    layout = fig.layout.to_plotly_json()
    layout.pop("template", None)
    return json.dumps(layout)


def stack(rows: int, spacing: float, heights=None, titles=None) -> dict:
    """The layout of make_subplots(rows, 1, shared_xaxes=True, ...) as a new dictionary (axes with their domains,
    the panel titles as annotations), made once per shape and copied: make_subplots costs 7-20 ms a call.
    Put a trace in panel r with on_row."""
    return json.loads(_stack_json(rows, spacing, tuple(heights) if heights else None,
                                  tuple(titles) if titles else None))


def on_row(trace: dict, row: int) -> dict:
    """The trace, drawn in panel `row` (1 = top) of a stack()."""
    trace["xaxis"], trace["yaxis"] = ("x", "y") if row == 1 else (f"x{row}", f"y{row}")
    return trace


def vrect(x0, x1, fillcolor: str, rows: int | None = None, **style) -> list[dict]:
    """The shapes of plotly's add_vrect(line_width=0): a band from x0 to x1 over the full height of the plot, or
    of each panel of a stack() of `rows` panels (add_vrect with row="all")."""
    band = {"type": "rect", "x0": x0, "x1": x1, "y0": 0, "y1": 1, "fillcolor": fillcolor, "line": {"width": 0},
            **style}
    if rows is None:
        return [{**band, "xref": "x", "yref": "y domain"}]
    return [{**band, "xref": f"x{r if r > 1 else ''}", "yref": f"y{r if r > 1 else ''} domain"}
            for r in range(1, rows + 1)]


def _framed(layout: dict, title: str, sub: str, top: int, note: str, height: int) -> None:
    merge(layout, {
        "title": {"text": esc(title), "subtitle": {"text": sub, "font": {"size": 14, "color": theme.INK}},
                  "x": 0, "xref": "container", "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top",
                  "pad": {"l": 16, "t": 14}, "font": {"size": 20, "color": theme.INK}},
        "font": {"family": theme.FONT_FAMILY, "size": 13, "color": theme.INK},
        "paper_bgcolor": theme.WHITE, "plot_bgcolor": theme.WHITE, "height": height,
        "margin": {"l": 70, "r": 30, "t": top, "b": FOOTER_TOP + LINE_PX * (note.count("<br>") + 1) + 16},
        "hoverlabel": {"font": {"family": theme.FONT_FAMILY}, "align": "left"},
    })
    layout["annotations"] = [*layout.get("annotations", ()), {
        "text": note, "name": FOOTER, "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -FOOTER_TOP,
        "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left",
        "font": {"size": 12, "color": theme.MUTED_INK}}]
    for axis in axes(layout):
        merge(layout[axis], {"showline": True, "linecolor": theme.MUTED_INK, "gridcolor": "#EEEEEE",
                              "zeroline": False, "automargin": True})


def axes(layout: dict, prefix: str = "") -> list[str]:
    """The layout's x and y axes (or only those starting with `prefix`), created when missing: 'xaxis',
    'yaxis', 'xaxis2', ..."""
    for axis in ("xaxis", "yaxis"):
        layout.setdefault(axis, {})
    return sorted(key for key in layout if AXIS.match(key) and key.startswith(prefix))


def footer(fig: go.Figure):
    """The figure's source footer annotation (set by framed)."""
    return next(note for note in fig.layout.annotations if note.name == FOOTER)


def move_footer_in(layout: dict, extra: int) -> None:
    """Push the footer `extra` px further down and grow the bottom margin to match (for notes under the axis);
    in a layout dictionary, as framed's `then` sees it."""
    note = next(note for note in layout["annotations"] if note.get("name") == FOOTER)
    note["yshift"] -= extra
    layout["margin"]["b"] += extra


def empty(message: str, title: str, subtitle: str, source: str) -> go.Figure:
    """A figure that says plainly that there is nothing to draw, instead of an empty axis."""
    layout = {"annotations": [{"text": esc(message), "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
                               "showarrow": False, "font": {"size": 18, "color": theme.MUTED_INK}}],
              "xaxis": {"visible": False}, "yaxis": {"visible": False}}
    return framed([], layout, title, subtitle, source, height=300)


# ---- export --------------------------------------------------------------------------------------------

def slug(text: str) -> str:
    """'Kazakhstan, Kyrgyzstan; 1992 to 2010' -> 'kazakhstan-kyrgyzstan-1992-to-2010': ASCII letters, digits
    and single hyphens only, safe as a file name on every system."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def filename(chart: str, filters_words: str) -> str:
    """'turan-<chart>-<filters>' (no extension), cut at a hyphen to at most FILENAME_CHARS characters."""
    name = "-".join(part for part in ("turan", slug(chart), slug(filters_words)) if part)
    if len(name) > FILENAME_CHARS:
        name = name[:FILENAME_CHARS].rsplit("-", 1)[0]
    return name


def export_size(height: int | None = None) -> tuple[int, int]:
    """A 16:9 image box: 1600 x 900, or wider and taller in proportion for a chart taller than 900 px."""
    if height and height > EXPORT_HEIGHT:
        return round(height * 16 / 9), int(height)
    return EXPORT_WIDTH, EXPORT_HEIGHT


def export_config(chart: str, filters_words: str, fmt: str = "png", height: int | None = None) -> dict:
    """plotly config for every st.plotly_chart: the camera button saves a 16:9 image (PNG at 2x, or SVG) named
    after the chart and the filters; no plotly logo, no selection tools."""
    width, tall = export_size(height)
    fmt = fmt if fmt in IMAGE_FORMATS else "png"
    return {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"],
            "toImageButtonOptions": {"format": fmt, "filename": filename(chart, filters_words), "width": width,
                                     "height": tall, "scale": EXPORT_SCALE if fmt == "png" else 1}}


# ---- presentation ----------------------------------------------------------------------------------------

def _times(value, k: float):
    """A size (or list of sizes) times k; None stays None."""
    if isinstance(value, (list, tuple)):
        return [_times(v, k) for v in value]
    return round(value * k, 1) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _enlarge(node, k: float) -> None:
    """Scale every font size and marker size in a plotly JSON tree, in place."""
    if isinstance(node, list):
        for item in node:
            _enlarge(item, k)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if isinstance(value, dict) and (key.endswith("font") or key == "marker") and "size" in value:
            value["size"] = _times(value["size"], k)
        _enlarge(value, k)


STAGE_HEIGHT = 720  # px: the main chart on a presentation page's first screen (1600 x 900, below the toggle: 170 px)
STAGE_SCALE = 1.15  # its text grows by this much when the chart fits that height at this size


def stage_scale(fig: go.Figure) -> float:
    """How much the first-screen copy grows: STAGE_SCALE, or less for a chart too tall to fit STAGE_HEIGHT at that
    size (everything, height included, scales alike, so nothing comes closer to anything else)."""
    natural = fig.layout.height or EXPORT_HEIGHT
    return min(STAGE_SCALE, STAGE_HEIGHT / natural)


def for_stage(fig: go.Figure) -> go.Figure:
    """The copy of a framed figure for the first screen of a page in presentation mode: zoomed to fit
    STAGE_HEIGHT px (text at most STAGE_SCALE times larger), as wide as the page."""
    scale = stage_scale(fig)
    copy = for_presentation(fig, scale)
    copy.update_layout(width=None, height=round((fig.layout.height or EXPORT_HEIGHT) * scale), autosize=True)
    return copy


def for_presentation(fig: go.Figure, scale: float = PRESENT_SCALE) -> go.Figure:
    """A copy of a framed figure for a slide: fonts, markers, margins and pixel offsets `scale` times larger,
    laid out 1600 px wide and at least 900 px tall (16:9). The input is left unchanged."""
    spec = fig.to_dict()
    layout = spec["layout"]
    layout.setdefault("font", {}).setdefault("size", 12)  # plotly's default, so that text without a size grows
    _enlarge(spec["data"], scale)
    _enlarge({key: value for key, value in layout.items() if key != "template"}, scale)
    layout["margin"] = {side: _times(px, scale) for side, px in layout.get("margin", {}).items()}
    if "pad" in layout.get("title", {}):
        layout["title"]["pad"] = {side: _times(px, scale) for side, px in layout["title"]["pad"].items()}
    for note in layout.get("annotations", []):
        for shift in ("xshift", "yshift"):
            if shift in note:
                note[shift] = _times(note[shift], scale)
    layout["width"] = EXPORT_WIDTH
    tall = round(layout.get("height", EXPORT_HEIGHT) * scale)
    layout["height"] = tall if tall > EXPORT_HEIGHT * 1.05 else EXPORT_HEIGHT  # up to 5% over: squeeze into 16:9
    return go.Figure(spec)
