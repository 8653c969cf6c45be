"""The agreement timeline: one lane per partner, one marker per event, events per year underneath.

Date precision is drawn, never invented: an event known to the day is a filled marker; one known only to
the month or the year is a hollow marker in the middle of a thin bar spanning that month or year, and its
hover says '1996 (month unknown)'. Titles live in the hovers and the list below, so no label overlaps. Where a
lane crowds, a numbered marker stands for a period's events (turan.timeline.arrange); its hover lists them.
"""

from __future__ import annotations

import functools
import textwrap

import pandas as pd
import plotly.graph_objects as go

from turan import memo, theme
from turan.claims import MARK
from turan.figures.common import empty, esc, framed, merge, on_row, stack, vrect
from turan.timeline import PAPER_YEAR, PRECISION_WORDS, SHADED_KINDS, Timeline

LANE_PX, COUNTS_PX, CHROME_PX = 54, 150, 230  # heights: per lane, the per-year chart, title + footer
GROUP_SIZE = 20  # the numbered marker of a crowded period: 0.32 lanes (SLOTS) keep it off its neighbours
GROUP_LISTED = 8  # events named in a group's hover
YEAR_MS = 365.25 * 24 * 3600 * 1000
FLAG_UP = 0.2  # the check's flag: this share of a lane above its event's marker
SPAN_WIDTH, SPAN_OPACITY = 4, 0.6  # the bar under an approximate date, drawn behind its marker


def figure(spec) -> go.Figure:
    """The timeline (top) and the events per year by kind (bottom) on one shared time axis
    (spec: turan.charts.timeline.events)."""
    subtitle, undated = spec.subtitle, spec.frames["undated"]
    if undated:
        subtitle += f" · {_undated_words(undated)} listed below the chart"
    if not spec.drawable:
        return empty(spec.empty, spec.title, subtitle, spec.source)
    tl, kinds = spec.frames["timeline"], spec.frames["kinds"]
    lanes_px = LANE_PX * len(tl.lanes) + 40
    layout = stack(2, 0.5 * 60 / (lanes_px + COUNTS_PX), heights=[lanes_px, COUNTS_PX])
    placed = memo.records(tl.placed)  # plain records, one pass each, not a pandas filter per kind
    counted = memo.records(tl.counts)
    present = [k for k in kinds if k in {r["kind"] for r in placed} | {r["kind"] for r in counted}]
    position = _lane_positions(tl)
    alone = [{**r, "y": position[r["lane"]] + r["offset"]} for r in placed if not r["grouped"]]
    events, counts = _by_kind(alone), _by_kind(counted)
    data = [trace for kind in present for trace in _kind_traces(kind, events.get(kind, []), counts.get(kind, []))]
    if len(tl.groups):
        data.append(on_row(_groups(tl), 1))
    flags = _flags(alone)
    if flags:
        data.append(on_row(flags, 1))
    shaded = [r for r in placed if r["kind"] in SHADED_KINDS]
    bands = _context_bands(shaded) + _paper_band(tl)
    if bands:
        layout["shapes"] = bands
    data += _precision_key(tl, bool(shaded), bool(_paper_band(tl)))
    key_top = 1 - (len(present) * 21 + 50) / (lanes_px + COUNTS_PX)
    return framed(data, layout, spec.title, subtitle, spec.source, height=lanes_px + COUNTS_PX + CHROME_PX,
                  then=lambda layout: _axes(layout, tl, key_top))


def _undated_words(n: int) -> str:
    return "1 undated event is" if n == 1 else f"{n} undated events are"


def _by_kind(rows: list[dict]) -> dict[str, list[dict]]:
    """The records per kind, in order."""
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row["kind"], []).append(row)
    return out


def _kind_traces(kind: str, rows: list[dict], counts: list[dict]) -> list[dict]:
    """A legend entry, the spans, the hollow and the filled markers (top panel), and the yearly bars (bottom
    panel) of one kind."""
    colour, symbol = theme.kind_colour(kind), theme.kind_symbol(kind)
    label = kind.capitalize()
    traces = [{"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": label, "legendgroup": kind,
               "marker": _filled(colour, symbol)}]
    approx = [r for r in rows if r["precision"] != "day"]
    exact = [r for r in rows if r["precision"] == "day"]
    if approx:
        traces += [_spans(approx, kind, colour),
                   _markers(approx, f"{label}: month or year known", kind, _hollow(colour, symbol))]
    if exact:
        traces.append(_markers(exact, f"{label}: day known", kind, _filled(colour, symbol)))
    traces = [on_row(trace, 1) for trace in traces]
    if counts:
        traces.append(on_row(_bars(counts, label, kind, colour), 2))
    return traces


def _lane_positions(tl: Timeline) -> dict[str, int]:
    """Each lane's position, the top lane highest (a marker's y is its lane's position plus its offset)."""
    return {lane.key: len(tl.lanes) - 1 - i for i, lane in enumerate(tl.lanes)}


def _lane_y(tl: Timeline, rows: pd.DataFrame) -> pd.Series:
    """Lane position (top lane highest) plus the row's offset within its lane."""
    return rows["lane"].map(_lane_positions(tl)) + rows["offset"]


def _groups(tl: Timeline) -> dict:
    """One numbered marker per crowded period of a lane; its hover names the period and lists the events."""
    groups = tl.groups.assign(y=_lane_y(tl, tl.groups))
    by_id = {row["event_id"]: row for row in memo.records(tl.placed)[::-1]}  # the first row of each event
    return {"type": "scatter", "x": list(groups["x"]), "y": list(groups["y"]), "mode": "markers+text",
            "name": "Several events", "showlegend": False, "text": [str(n) for n in groups["n"]],
            "textposition": "middle center", "textfont": {"color": theme.INK, "size": 12},
            "marker": {"color": theme.GROUP_FILL, "symbol": "circle", "size": GROUP_SIZE,
                       "line": {"color": theme.INK, "width": 1.5}},
            "hovertext": [group_hover(g, by_id) for g in groups.to_dict("records")], "hoverinfo": "text",
            "customdata": [";".join(ids) for ids in groups["event_ids"]],
            "hoverlabel": {"bgcolor": theme.WHITE, "bordercolor": theme.INK, "font": {"color": theme.INK}}}


def _flags(rows: list[dict]) -> dict | None:
    """A flag above and right of each event whose check of the paper found a problem; its hover says what."""
    flagged = [r for r in rows if isinstance(r.get("check"), str)]
    if not flagged:
        return None
    return {"type": "scatter", "x": [r["x"] for r in flagged], "y": [r["y"] + FLAG_UP for r in flagged],
            "mode": "text", "text": [MARK] * len(flagged), "textposition": "middle right",
            "textfont": {"color": theme.INK, "size": 14}, "name": "The check found a problem", "showlegend": False,
            "hovertext": [f"<b>{_wrap(r['title'])}</b><br>{_wrap(r['check'])}" for r in flagged],
            "hoverinfo": "text", "meta": {"event_ids": [r["event_id"] for r in flagged]},
            "hoverlabel": {"bgcolor": theme.WHITE, "bordercolor": theme.INK, "font": {"color": theme.INK}}}


def group_hover(group: dict, by_id: dict[str, dict]) -> str:
    """Hover text of a numbered marker: how many events, when, and the first GROUP_LISTED of them."""
    ids = group["event_ids"]
    lines = [f"<b>{len(ids)} events, {esc(group['period_text'])}</b>",
             "<i>Narrow the years to see each, or find them in the list below the chart</i>"]
    for event_id in ids[:GROUP_LISTED]:
        row = by_id[event_id]
        flag = f"{MARK} " if isinstance(row.get("check"), str) else ""
        lines.append(f"{flag}{esc(row['date_text'])} · {esc(str(row['kind']).capitalize())}: "
                     f"{_wrap(row['title'], 60)}")
    if len(ids) > GROUP_LISTED:
        lines.append(f"… and {len(ids) - GROUP_LISTED} more")
    return "<br>".join(lines)


def _filled(colour: str, symbol: str) -> dict:
    return {"color": colour, "symbol": symbol, "size": 13, "line": {"color": theme.INK, "width": 1}}


def _hollow(colour: str, symbol: str) -> dict:
    """An outline with a white inside, drawn over its span bar (so a month's bar hides under it)."""
    return {"color": theme.WHITE, "symbol": symbol, "size": 13, "line": {"color": colour, "width": 2.2}}


def _spans(rows: list[dict], kind: str, colour: str) -> dict:
    """Thin bars over the month or year an approximate date can mean (gaps separate the bars)."""
    xs, ys = [], []
    for row in rows:
        xs += [row["x0"], row["x1"], None]
        ys += [row["y"], row["y"], None]
    return {"type": "scatter", "x": xs, "y": ys, "mode": "lines",
            "name": f"{kind.capitalize()}: span of the month or year",
            "legendgroup": kind, "showlegend": False, "hoverinfo": "skip", "opacity": SPAN_OPACITY,
            "line": {"color": colour, "width": SPAN_WIDTH}}


def _markers(rows: list[dict], name: str, kind: str, marker: dict) -> dict:
    """One marker per event and lane, with the event's details in the hover; an event from public records (not
    from the paper) has a dot inside its marker."""
    if any(r.get("evidence") == "public" for r in rows):
        marker = {**marker, "symbol": [marker["symbol"] + (theme.PUBLIC_MARK if r.get("evidence") == "public" else "")
                                       for r in rows]}
    return {"type": "scatter", "x": [r["x"] for r in rows], "y": [r["y"] for r in rows], "mode": "markers",
            "name": name, "legendgroup": kind, "showlegend": False, "marker": marker,
            "hovertext": [hover(r) for r in rows], "hoverinfo": "text", "customdata": [r["event_id"] for r in rows],
            "hoverlabel": {"bgcolor": theme.WHITE, "bordercolor": theme.kind_colour(kind),
                           "font": {"color": theme.INK}}}


def _bars(counts: list[dict], label: str, kind: str, colour: str) -> dict:
    """Stacked yearly bars of one kind, centred on the middle of each year."""
    years = [int(c["year"]) for c in counts]
    middles = [pd.Timestamp(y, 7, 2) for y in years]
    text = [f"{y} · {esc(label)}: {c['count']}" for y, c in zip(years, counts)]
    return {"type": "bar", "x": middles, "y": [c["count"] for c in counts], "width": [0.8 * YEAR_MS] * len(years),
            "name": f"{label} per year", "legendgroup": kind, "showlegend": False,
            "marker": {"color": colour, "line": {"color": theme.INK, "width": 1}},  # outlined: teal, olive are pale
            "hovertext": text, "hoverinfo": "text"}


def hover(row: dict) -> str:
    """Hover text of one event: title, date as known (and why), parties, kind, description, source."""
    lines = [f"<b>{_wrap(row['title'])}</b>", f"Date: {esc(row['date_text'])}"]
    if isinstance(row.get("date_note"), str):
        lines.append(f"<i>{_wrap(row['date_note'])}</i>")
    lines += [f"Parties: {_wrap(row['parties_text'])}", f"Kind: {esc(str(row['kind']).capitalize())}",
              _wrap(row["description"]), f"Source: {_wrap(row['source_text'])}"]
    if isinstance(row.get("check"), str):
        lines.append(f"<b>{MARK} {_wrap(row['check'])}</b>")
    return "<br>".join(lines)


@functools.lru_cache(maxsize=8192)  # the same titles and descriptions recur in every view of their years
def _wrap(text: object, width: int = 70) -> str:
    """Escaped text broken into hover-sized lines."""
    return "<br>".join(esc(line) for line in textwrap.wrap(str(text), width)) or ""


def _context_bands(rows: list[dict]) -> list[dict]:
    """A shaded band over the span of each conflict (each event once), behind both charts."""
    first = {r["event_id"]: r for r in reversed(rows)}  # an event's first row
    return [shape for event_id in dict.fromkeys(r["event_id"] for r in rows)
            for shape in vrect(first[event_id]["x0"], first[event_id]["x1"], theme.CONTEXT_BAND, rows=2,
                               layer="below")]


def _paper_band(tl: Timeline) -> list[dict]:
    """The year the paper was published, shaded behind both charts when the axis reaches it: what lies right of it
    comes from public records, not from the paper."""
    start, end = pd.Timestamp(PAPER_YEAR, 1, 1), pd.Timestamp(PAPER_YEAR + 1, 1, 1)
    if tl.start >= end or tl.end <= start:
        return []
    return vrect(start, end, theme.PAPER_BAND, rows=2, layer="below")


def _precision_key(tl: Timeline, shaded: bool, paper_shown: bool) -> list[dict]:
    """A second legend that explains filled and hollow markers, numbered markers, the dot of an event from public
    records and the shaded bands, where the chart has them."""
    placed = tl.placed
    key = {"type": "scatter", "x": [None], "y": [None], "legend": "legend2", "legendgroup": "key",
           "xaxis": "x", "yaxis": "y"}
    traces = [{**key, "mode": "markers", "name": f"Known to {PRECISION_WORDS['day']}",
               "marker": _filled(theme.MUTED_INK, "circle")},
              {**key, "mode": "lines+markers", "name": "Known to the month or year only",
               "marker": _hollow(theme.MUTED_INK, "circle"), "line": {"color": theme.MUTED_INK, "width": SPAN_WIDTH}}]
    if len(tl.groups):
        traces.append({**key, "mode": "markers", "name": "Several events (how many inside)",
                       "marker": {"color": theme.GROUP_FILL, "symbol": "circle", "size": 15,
                                  "line": {"color": theme.INK, "width": 1.5}}})
    if shaded:
        traces.append({**key, "mode": "markers", "name": "Conflict period (shaded)",
                       "marker": {"color": theme.CONTEXT_BAND, "symbol": "square", "size": 15}})
    if "evidence" in placed and (placed["evidence"] == "public").any():
        traces.append({**key, "mode": "markers", "name": "From public records, not the paper",
                       "marker": _filled(theme.MUTED_INK, "circle" + theme.PUBLIC_MARK)})
    if "check" in placed and placed.loc[~placed["grouped"], "check"].notna().any():
        traces.append({**key, "mode": "markers", "marker": {"color": theme.WHITE, "size": 1},
                       "name": f"{MARK} The paper's check found a problem (hover it)"})
    if paper_shown:
        traces.append({**key, "mode": "markers", "name": f"The paper published ({PAPER_YEAR}, shaded)",
                       "marker": {"color": theme.PAPER_BAND, "symbol": "square", "size": 15}})
    return traces


def _axes(layout: dict, tl: Timeline, key_top: float) -> None:
    """Lane names on the left, the filter's years on the shared time axis, integer counts, two legends."""
    n = len(tl.lanes)
    pad = (tl.end - tl.start) * 0.012
    for axis in ("xaxis", "xaxis2"):
        merge(layout[axis], {"range": [tl.start - pad, tl.end + pad], "type": "date", "showgrid": True})
    merge(layout["yaxis"], {"tickvals": list(range(n)), "ticktext": [esc(lane.label) for lane in reversed(tl.lanes)],
                            "range": [-0.7, n - 0.3], "showgrid": True, "fixedrange": True,
                            "tickfont": {"color": theme.INK}, "automargin": True})
    top = int(tl.counts.groupby("year")["count"].sum().max()) if not tl.counts.empty else 1
    merge(layout["yaxis2"], {"title": {"text": "Events per year"}, "automargin": True, "rangemode": "tozero",
                             "tickformat": "d", "dtick": max(1, -(-top // 4)), "range": [0, top + 0.3],
                             "fixedrange": True})
    legend = {"x": 1.01, "xanchor": "left", "yanchor": "top", "font": {"size": 12}, "tracegroupgap": 2,
              "bgcolor": theme.WHITE}
    merge(layout, {"barmode": "stack", "hovermode": "closest", "bargap": 0.1, "margin": {"r": 250},
                   "legend": {**legend, "y": 1.0, "title": {"text": "Kind of event"}},
                   "legend2": {**legend, "y": key_top, "title": {"text": "Markers"}}})
