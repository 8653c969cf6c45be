"""The agreement timeline: one lane per partner, one marker per event, events per year underneath.

Date precision is drawn, never invented: an event known to the day is a filled marker; one known only to
the month or the year is a hollow marker in the middle of a thin bar spanning that month or year, and its
hover says '1996 (month unknown)'. Titles live in the hovers and the list below, so no label overlaps.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from turan import theme
from turan.figures.common import empty, esc, frame
from turan.timeline import CONTEXT, PRECISION_WORDS, Timeline

TITLE = "Turkey's defence ties with the Turkic states, event by event"
EMPTY_MESSAGE = "No recorded events for this selection."
LANE_PX, COUNTS_PX, CHROME_PX = 46, 150, 230  # heights: per lane, the per-year chart, title + footer
YEAR_MS = 365.25 * 24 * 3600 * 1000
SPAN_WIDTH, SPAN_OPACITY = 4, 0.6  # the bar under an approximate date, drawn behind its marker


def figure(tl: Timeline, kinds: tuple[str, ...], subtitle: str, source: str) -> go.Figure:
    """The timeline (top) and the events per year by kind (bottom) on one shared time axis."""
    if tl.undated:
        subtitle += f" · {_undated_words(tl.undated)} listed below the chart"
    if tl.placed.empty:
        message = EMPTY_MESSAGE if not tl.undated else "No dated events for this selection."
        return empty(message, TITLE, subtitle, source)
    lanes_px = LANE_PX * len(tl.lanes) + 40
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[lanes_px, COUNTS_PX],
                        vertical_spacing=0.5 * 60 / (lanes_px + COUNTS_PX))
    present = [k for k in kinds if k in set(tl.placed["kind"]) | set(tl.counts["kind"])]
    events = _by_kind(tl.placed.assign(y=_lane_y(tl, tl.placed)))  # plain records: one pass, not a filter per kind
    counts = _by_kind(tl.counts)
    for kind in present:
        _kind_traces(fig, kind, events.get(kind, []), counts.get(kind, []))
    _context_bands(fig, tl.placed[tl.placed["lane"] == CONTEXT])
    _precision_key(fig, tl.placed)
    frame(fig, TITLE, subtitle, source, height=lanes_px + COUNTS_PX + CHROME_PX)
    _axes(fig, tl, key_top=1 - (len(present) * 21 + 50) / (lanes_px + COUNTS_PX))
    return fig


def _undated_words(n: int) -> str:
    return "1 undated event is" if n == 1 else f"{n} undated events are"


def _by_kind(frame: pd.DataFrame) -> dict[str, list[dict]]:
    """The frame's rows as records, per kind, in order."""
    out: dict[str, list[dict]] = {}
    for row in frame.to_dict("records"):
        out.setdefault(row["kind"], []).append(row)
    return out


def _kind_traces(fig: go.Figure, kind: str, rows: list[dict], counts: list[dict]) -> None:
    """A legend entry, the spans, the hollow and the filled markers, and the yearly bars of one kind."""
    colour, symbol = theme.kind_colour(kind), theme.kind_symbol(kind)
    label = kind.capitalize()
    traces, panels = [go.Scatter(x=[None], y=[None], mode="markers", name=label, legendgroup=kind,
                                 marker=_filled(colour, symbol))], [1]
    approx = [r for r in rows if r["precision"] != "day"]
    exact = [r for r in rows if r["precision"] == "day"]
    if approx:
        traces += [_spans(approx, kind, colour),
                   _markers(approx, f"{label}: month or year known", kind, _hollow(colour, symbol))]
        panels += [1, 1]
    if exact:
        traces.append(_markers(exact, f"{label}: day known", kind, _filled(colour, symbol)))
        panels.append(1)
    if counts:
        traces.append(_bars(counts, label, kind, colour))
        panels.append(2)
    fig.add_traces(traces, rows=panels, cols=[1] * len(panels))


def _lane_y(tl: Timeline, rows: pd.DataFrame) -> pd.Series:
    """Lane position (top lane highest) plus the row's offset within its lane."""
    position = {lane.key: len(tl.lanes) - 1 - i for i, lane in enumerate(tl.lanes)}
    return rows["lane"].map(position) + rows["offset"]


def _filled(colour: str, symbol: str) -> dict:
    return {"color": colour, "symbol": symbol, "size": 13, "line": {"color": theme.INK, "width": 1}}


def _hollow(colour: str, symbol: str) -> dict:
    """An outline with a white inside, drawn over its span bar (so a month's bar hides under it)."""
    return {"color": theme.WHITE, "symbol": symbol, "size": 13, "line": {"color": colour, "width": 2.2}}


def _spans(rows: list[dict], kind: str, colour: str) -> go.Scatter:
    """Thin bars over the month or year an approximate date can mean (gaps separate the bars)."""
    xs, ys = [], []
    for row in rows:
        xs += [row["x0"], row["x1"], None]
        ys += [row["y"], row["y"], None]
    return go.Scatter(x=xs, y=ys, mode="lines", name=f"{kind.capitalize()}: span of the month or year",
                      legendgroup=kind, showlegend=False, hoverinfo="skip", opacity=SPAN_OPACITY,
                      line={"color": colour, "width": SPAN_WIDTH})


def _markers(rows: list[dict], name: str, kind: str, marker: dict) -> go.Scatter:
    """One marker per event and lane, with the event's details in the hover."""
    return go.Scatter(x=[r["x"] for r in rows], y=[r["y"] for r in rows], mode="markers", name=name,
                      legendgroup=kind, showlegend=False, marker=marker,
                      hovertext=[hover(r) for r in rows], hoverinfo="text",
                      customdata=[r["event_id"] for r in rows],
                      hoverlabel={"bgcolor": theme.WHITE, "bordercolor": theme.kind_colour(kind),
                                  "font": {"color": theme.INK}})


def _bars(counts: list[dict], label: str, kind: str, colour: str) -> go.Bar:
    """Stacked yearly bars of one kind, centred on the middle of each year."""
    years = [int(c["year"]) for c in counts]
    middles = [pd.Timestamp(y, 7, 2) for y in years]
    text = [f"{y} · {esc(label)}: {c['count']}" for y, c in zip(years, counts)]
    return go.Bar(x=middles, y=[c["count"] for c in counts], width=[0.8 * YEAR_MS] * len(years),
                  name=f"{label} per year", legendgroup=kind, showlegend=False,
                  marker={"color": colour, "line": {"color": theme.INK, "width": 1}},  # outlined: teal, olive are pale
                  hovertext=text, hoverinfo="text")


def hover(row: dict) -> str:
    """Hover text of one event: title, date as known (and why), parties, kind, description, source."""
    lines = [f"<b>{_wrap(row['title'])}</b>", f"Date: {esc(row['date_text'])}"]
    if isinstance(row.get("date_note"), str):
        lines.append(f"<i>{_wrap(row['date_note'])}</i>")
    lines += [f"Parties: {_wrap(row['parties_text'])}", f"Kind: {esc(str(row['kind']).capitalize())}",
              _wrap(row["description"]), f"Source: {_wrap(row['source_text'])}"]
    return "<br>".join(lines)


def _wrap(text: object, width: int = 70) -> str:
    """Escaped text broken into hover-sized lines."""
    return "<br>".join(esc(line) for line in textwrap.wrap(str(text), width)) or ""


def _context_bands(fig: go.Figure, rows: pd.DataFrame) -> None:
    """A shaded band over the span of each context event, behind both charts."""
    for row in rows.drop_duplicates("event_id").itertuples(index=False):
        fig.add_vrect(x0=row.x0, x1=row.x1, fillcolor=theme.CONTEXT_BAND, line_width=0, layer="below",
                      row="all", col=1)


def _precision_key(fig: go.Figure, placed: pd.DataFrame) -> None:
    """A second legend that explains filled and hollow markers (and the shaded bands, if any)."""
    key = dict(x=[None], y=[None], legend="legend2", legendgroup="key")
    fig.add_trace(go.Scatter(**key, mode="markers", name=f"Known to {PRECISION_WORDS['day']}",
                             marker=_filled(theme.MUTED_INK, "circle")), row=1, col=1)
    fig.add_trace(go.Scatter(**key, mode="lines+markers", name="Known to the month or year only",
                             marker=_hollow(theme.MUTED_INK, "circle"),
                             line={"color": theme.MUTED_INK, "width": SPAN_WIDTH}), row=1, col=1)
    if (placed["lane"] == CONTEXT).any():
        fig.add_trace(go.Scatter(**key, mode="markers", name="Context period (shaded)",
                                 marker={"color": theme.CONTEXT_BAND, "symbol": "square", "size": 15}),
                      row=1, col=1)


def _axes(fig: go.Figure, tl: Timeline, key_top: float) -> None:
    """Lane names on the left, the filter's years on the shared time axis, integer counts, two legends."""
    n = len(tl.lanes)
    pad = (tl.end - tl.start) * 0.012
    fig.update_xaxes(range=[tl.start - pad, tl.end + pad], type="date", showgrid=True)
    fig.update_yaxes(tickvals=list(range(n)), ticktext=[esc(lane.label) for lane in reversed(tl.lanes)],
                     range=[-0.6, n - 0.4], showgrid=True, fixedrange=True, tickfont={"color": theme.INK},
                     automargin=True, row=1, col=1)
    top = int(tl.counts.groupby("year")["count"].sum().max()) if not tl.counts.empty else 1
    fig.update_yaxes(title_text="Events per year", automargin=True, rangemode="tozero", tickformat="d",
                     dtick=max(1, -(-top // 4)), range=[0, top + 0.3], fixedrange=True, row=2, col=1)
    legend = dict(x=1.01, xanchor="left", yanchor="top", font={"size": 12}, tracegroupgap=2,
                  bgcolor=theme.WHITE)
    fig.update_layout(barmode="stack", hovermode="closest", bargap=0.1, margin_r=250,
                      legend={**legend, "y": 1.0, "title": {"text": "Kind of event"}},
                      legend2={**legend, "y": key_top, "title": {"text": "Date"}})
