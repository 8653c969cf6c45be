"""Military aid charts: totals per recipient stacked by commitment, and every figure on a time axis.

Builders take the tables of turan.aid (already filtered and annotated) and return go.Figure objects;
colour never carries meaning alone: bars have patterns and $ labels, markers have shapes, and each
recipient has its own named lane.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from turan import aid, memo, theme
from turan.claims import MARK
from turan.figures import common
from turan.figures.common import esc, merge
from turan.formatting import format_usd

ROW = 46  # pixels per lane row on the time chart, room for a label above each mark
LEGEND_PX = 34  # a line of the legend above the plot
LABEL_SPAN = 0.22  # share of the time axis a point's label may need: closer points of a recipient take another row


def swatch_label(iso3: str, names: dict[str, str]) -> str:
    """A recipient's axis label: a square in its fixed colour, then its name (escaped)."""
    return f'<span style="color:{theme.country_colour(iso3)}">■</span> {esc(names.get(iso3, iso3))}'


def wrap(text: str, width: int = 70) -> str:
    """Escaped text broken into hover lines."""
    return "<br>".join(textwrap.wrap(esc(text), width, break_long_words=False)) or ""


# ---- chart 1: totals ------------------------------------------------------------------------------

def totals_chart(spec) -> go.Figure:
    """One horizontal bar per recipient, stacked by commitment, $ labels on segments and the total at the end
    (spec: turan.charts.aid.totals)."""
    title, subtitle, source = spec.title, spec.subtitle, spec.source
    if not spec.drawable:
        return common.empty(spec.empty, title, subtitle, source)
    totals, names = spec.frames["totals"], spec.frames["names"]
    # The bars depend on the totals alone (the same frame for every year range that selects the same figures):
    # worked out once per totals frame; go.Figure copies what it is given, so the kept parts are never changed.
    data, recipients, sums, ys = memo.derived(totals, "figures.aid.totals_bars", (),
                                              lambda: _totals_bars(totals, names))

    def layout_of(layout: dict) -> None:
        _top_legend_and_hover(layout)
        merge(layout, {"barmode": "stack", "bargap": 0.35, "uniformtext": {"minsize": 11, "mode": "hide"},
                       "meta": {"chart": "aid_totals", "recipients": recipients, "totals": sums.to_dict()}})
        merge(layout["xaxis"], {"title": {"text": "US dollars, nominal, as reported"}, "tickprefix": "$",
                                "tickformat": "~s", "range": [0, max(sums.max(), 1e6) * 1.35], "rangemode": "tozero"})
        merge(layout["yaxis"], {"autorange": "reversed", "tickvals": ys,
                                "ticktext": [swatch_label(c, names) for c in recipients], "showgrid": False})

    return common.framed(data, {}, title, subtitle, source, height=260 + 50 * len(recipients), then=layout_of)


def _totals_bars(totals: pd.DataFrame, names: dict[str, str]) -> tuple:
    """The totals chart's traces, recipients, sums per recipient and (escaped) bar names."""
    rows = memo.records(totals)  # a recipient and commitment per row: a few dozen, read in plain Python
    recipients = list(dict.fromkeys(r["recipient_iso3"] for r in rows))
    ys = [esc(names.get(c, c)) for c in recipients]  # category values: plotly reads them as HTML too
    cell = {(r["recipient_iso3"], r["commitment"]): r for r in rows}
    data = []
    for commitment in aid.COMMITMENTS:
        part = [cell.get((c, commitment)) for c in recipients]
        if any(r is not None and r["amount_usd"] > 0 for r in part):
            data.append(_segment(commitment, ys, part, [names.get(c, c) for c in recipients]))
    mine = {c: [r for r in rows if r["recipient_iso3"] == c] for c in recipients}
    sums = pd.Series([float(sum(r["amount_usd"] for r in mine[c])) for c in recipients], index=recipients)
    open_ = pd.Series([float(sum(r["open_usd"] for r in mine[c])) for c in recipients], index=recipients)
    if (open_ > 0).any():
        data.append(_open_extension(ys, mine, recipients, open_, names))
    data.append({"type": "scatter", "x": sums.tolist(), "y": ys, "mode": "text",
                 "text": ["  " + aid.bar_end_words(totals, c, lambda t: f"<b>{t}</b>") for c in recipients],
                 "textposition": "middle right",
                 "textfont": {"color": theme.INK}, "name": "total", "showlegend": False, "hoverinfo": "skip",
                 "cliponaxis": False})
    return data, recipients, sums, ys


def _segment(commitment: str, ys: list[str], part: list[dict | None], names: list[str]) -> dict:
    """The bar segments of one commitment across recipients (ys: escaped names, names: as written; part: each
    recipient's totals row of the commitment, None for none), labelled with their $ amount."""
    fill, pattern, _, ink = theme.commitment_style(commitment)
    amounts = [r["amount_usd"] - r["open_usd"] if r is not None else 0.0 for r in part]  # the lower bound
    hovers = [_segment_hover(name, commitment, row) for name, row in zip(names, part)]
    return {
        "type": "bar", "orientation": "h", "y": ys, "x": amounts, "name": commitment,
        "text": [(format_usd(v) + (f" {MARK}" if r is not None and r["checks"] else "")) if v > 0 else ""
                 for v, r in zip(amounts, part)], "textposition": "inside",
        "insidetextanchor": "middle", "textfont": {"color": ink, "size": 13},
        "marker": {"color": fill, "line": {"color": theme.INK, "width": 1},
                   "pattern": {"shape": pattern, "fgcolor": ink, "bgcolor": fill, "fgopacity": 0.3, "size": 10}},
        "hovertext": hovers, "hovertemplate": "%{hovertext}<extra></extra>"}


OPEN_NAME = "may sit inside a total shown (upper bound only)"


def _open_extension(ys: list[str], mine: dict[str, list[dict]], recipients: list[str], open_: pd.Series,
                    names: dict[str, str]) -> dict:
    """The cross-hatched end of a bar: the figures the paper may already count inside a total shown, added only in
    the upper bound of the range (mine: each recipient's totals rows)."""
    items = {c: [i for r in mine[c] for i in r["open_items"]] for c in recipients}
    hovers = [f"<b>{esc(names.get(c, c))}</b>: {format_usd(v)} {OPEN_NAME}<br>"
              + "<br>".join(f"· {esc(i)}" for i in items[c]) if v > 0 else "" for c, v in open_.items()]
    return {"type": "bar", "orientation": "h", "y": ys, "x": open_.fillna(0.0).tolist(), "name": OPEN_NAME,
            "text": [format_usd(v) if v > 0 else "" for v in open_.fillna(0.0)], "textposition": "inside",
            "insidetextanchor": "middle", "textfont": {"color": theme.INK, "size": 13},
            "marker": {"color": theme.WHITE, "line": {"color": theme.INK, "width": 1.5},
                       "pattern": {"shape": "x", "fgcolor": theme.MUTED_INK, "bgcolor": theme.WHITE,
                                   "fgopacity": 0.35, "size": 10}},
            "hovertext": hovers, "hovertemplate": "%{hovertext}<extra></extra>"}


def _segment_hover(name: str, commitment: str, row: dict | None) -> str:
    """Hover of one segment: amount, the figures it sums, their sources."""
    if row is None or not row["figures"]:
        return f"<b>{esc(name)}</b>: no {commitment} figure"
    items = "<br>".join(f"· {esc(item)}" for item in row["items"])
    also = (f", and {format_usd(row['open_usd'])} more that may sit inside a total shown (the cross-hatched end)"
            if row["open_usd"] > 0 else "")
    return (f"<b>{esc(name)}</b>, {commitment}: {format_usd(row['amount_usd'] - row['open_usd'])}{also}<br>"
            f"sum of {row['figures']} figure{'s' if row['figures'] > 1 else ''}:<br>{items}<br>"
            f"Source: {wrap(row['sources'])}" + "".join(f"<br><b>{MARK} {wrap(c)}</b>" for c in row["checks"]))


def _top_legend_and_hover(layout: dict, rows: int = 1) -> None:
    """A horizontal legend between the subtitle and the plot (the top margin grows to hold `rows` lines of it: a
    long legend wraps on a narrow chart); dark-on-white hovers."""
    merge(layout, {
        "hoverlabel": {"bgcolor": theme.WHITE, "bordercolor": theme.INK, "font": {"color": theme.INK, "size": 13}},
        "margin": {"t": layout["margin"]["t"] + LEGEND_PX * rows},
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                   "yref": "paper", "traceorder": "normal", "font": {"size": 12}}})


# ---- chart 2: over time ----------------------------------------------------------------------------

def timeline_chart(spec) -> go.Figure:
    """Each figure at its date (a marker) or over its period (a span; dotted where an end is not stated),
    one lane per recipient; undated figures listed under the chart; a narrower selection of years is shaded
    (spec: turan.charts.aid.over_time)."""
    title, subtitle, source = spec.title, spec.subtitle, spec.source
    if not spec.drawable:
        return common.empty(spec.empty, title, subtitle, source)
    items, names, years = spec.frames["items"], spec.frames["names"], spec.frames["years"]
    every = memo.records(items)  # plain records, made once per items frame (shared by the views of its figures)
    plotted = [r for r in every if r["kind"] != "undated"]
    listed = [r for r in every if r["kind"] == "undated"]
    lo, hi = _x_range(plotted, years)
    y, centres = _lanes(plotted, lo, hi)
    data, layout = [], {}
    if years:  # a light band behind the selected years, under every mark, with its legend entry
        layout["shapes"] = common.vrect(pd.Timestamp(years[0], 1, 1), pd.Timestamp(years[1], 12, 31),
                                        theme.SELECTED_YEARS_BAND, layer="below")
        data.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": "selected years",
                     "marker": {"symbol": "square", "size": 14, "color": theme.SELECTED_YEARS_BAND,
                                "line": {"color": theme.MUTED_INK, "width": 1}}})
    data += _spans(plotted, y, lo, hi)
    by_recipient: dict[str, list[dict]] = {}
    for item in plotted:
        by_recipient.setdefault(item["recipient_iso3"], []).append(item)
    data += [_marks(by_recipient[iso3], y, names.get(iso3, iso3)) for iso3 in centres]
    data += _key(plotted)
    notes = _unplotted_lines(listed)
    rows = (max(y.values()) + 1) if y else 1

    def layout_of(layout: dict) -> None:
        _top_legend_and_hover(layout, rows=2)
        _add_unplotted_note(layout, notes)
        merge(layout, {"hovermode": "closest", "meta": {
            "chart": "aid_timeline", "recipients": list(centres), "plotted": [r["aid_id"] for r in plotted],
            "unplotted": [r["aid_id"] for r in listed]}})
        merge(layout["xaxis"], {"type": "date", "range": [lo, hi], "dtick": "M12", "tickformat": "%Y",
                                "showgrid": True})
        merge(layout["yaxis"], {"range": [rows - 0.4, -0.9], "tickvals": list(centres.values()),
                                "ticktext": [swatch_label(c, names) for c in centres], "showgrid": False,
                                "zeroline": False})

    return common.framed(data, layout, title, subtitle, source,
                         height=int(280 + LEGEND_PX + ROW * rows + 18 * len(notes)),
                         then=layout_of)


def _x_range(plotted: list[dict], years: tuple[int, int] | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """From a year before the earliest known day to a year after the latest (and the shaded years)."""
    known = [d for r in plotted for d in (r["at"], r["start"], r["end"]) if not pd.isna(d)]
    first = [min(known).year] if known else []
    last = [max(known).year] if known else []
    if years:
        first.append(years[0])
        last.append(years[1])
    lo_year = min(first) - 1 if first else 1991
    hi_year = max(last) + 1 if last else lo_year + 2
    return pd.Timestamp(lo_year, 1, 1), pd.Timestamp(hi_year, 12, 31)


def _extent(item: dict, lo: pd.Timestamp, hi: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The drawn extent of a span, an open end reaching the axis edge; a point's own day twice."""
    if item["kind"] == "point":
        return item["at"], item["at"]
    start = item["start"] if pd.notna(item["start"]) else lo
    end = item["end"] if pd.notna(item["end"]) else hi
    return start, end


def _lanes(plotted: list[dict], lo, hi) -> tuple[dict[str, float], dict[str, float]]:
    """y of every item and the centre of every recipient's lane: spans packed into as few rows as don't
    overlap, then one row for the recipient's dated points."""
    y: dict[str, float] = {}
    centres: dict[str, float] = {}
    by_recipient: dict[str, list[dict]] = {}
    for item in plotted:
        by_recipient.setdefault(item["recipient_iso3"], []).append(item)
    row = 0.0
    for iso3, mine in by_recipient.items():
        first = row
        ends: list[pd.Timestamp] = []  # the end of the last span in each row used so far
        for item in (i for i in mine if i["kind"] == "span"):
            start, end = _extent(item, lo, hi)
            free = next((i for i, e in enumerate(ends) if e + pd.Timedelta(days=400) < start), None)
            if free is None:
                ends.append(end)
                free = len(ends) - 1
            ends[free] = end
            y[item["aid_id"]] = row + free
        row += len(ends)
        lasts: list[pd.Timestamp] = []  # the last point in each row of points: labels closer than LABEL_SPAN collide
        for item in sorted((i for i in mine if i["kind"] == "point"), key=lambda i: i["at"]):  # stable
            free = next((i for i, last in enumerate(lasts) if item["at"] - last >= (hi - lo) * LABEL_SPAN), None)
            if free is None:
                lasts.append(item["at"])
                free = len(lasts) - 1
            lasts[free] = item["at"]
            y[item["aid_id"]] = row + free
        row += len(lasts)
        centres[iso3] = (first + row - 1) / 2
        row += 0.6  # gap between recipients
    return y, centres


def _spans(plotted: list[dict], y: dict[str, float], lo, hi) -> list[dict]:
    """Period totals as thick outlined lines (white when inside another total), open ends dotted."""
    solid: dict[str, list] = {"x": [], "y": [], "colour": []}
    dotted: dict[str, list] = {"x": [], "y": []}
    traces = []  # in the order drawn
    for item in (i for i in plotted if i["kind"] == "span"):
        start, end = _extent(item, lo, hi)
        row = y[item["aid_id"]]
        known_start = item["start"] if pd.notna(item["start"]) else item["end"]
        known_end = item["end"] if pd.notna(item["end"]) else item["start"]
        colour = theme.WHITE if item["inside"] else theme.country_colour(item["recipient_iso3"])
        if known_start == known_end and (pd.isna(item["start"]) or pd.isna(item["end"])):
            dotted["x"] += [start, end, None]
            dotted["y"] += [row, row, None]
        else:
            solid["x"].append([known_start, known_end])
            solid["y"].append(row)
            solid["colour"].append(colour)
        if pd.isna(item["start"]) or pd.isna(item["end"]):
            edge = lo if pd.isna(item["start"]) else hi
            traces.append(_open_arrow(edge, row, "left" if pd.isna(item["start"]) else "right"))
    if dotted["x"]:
        traces.append({"type": "scatter", "x": dotted["x"], "y": dotted["y"], "mode": "lines", "name": "open span",
                       "line": {"color": theme.MUTED_INK, "width": 2.5, "dash": "dot"}, "hoverinfo": "skip",
                       "showlegend": False})
    for xs, row, colour in zip(solid["x"], solid["y"], solid["colour"]):
        for width, line_colour in ((11, theme.INK), (8, colour)):
            traces.append({"type": "scatter", "x": xs, "y": [row, row], "mode": "lines", "name": "span",
                           "hoverinfo": "skip", "line": {"color": line_colour, "width": width}, "showlegend": False})
    return traces


def _open_arrow(edge: pd.Timestamp, row: float, side: str) -> dict:
    """An arrowhead at the axis edge: the period runs on, its end (or start) not stated."""
    return {"type": "scatter", "x": [edge], "y": [row], "mode": "markers", "name": "open end", "hoverinfo": "skip",
            "showlegend": False, "marker": {"symbol": f"triangle-{side}", "size": 11, "color": theme.MUTED_INK},
            "cliponaxis": False}


def _marks(mine: list[dict], y: dict[str, float], name: str) -> dict:
    """One recipient's markers: points at their date, spans at their middle; shape = commitment,
    hollow = inside a total shown (not added); a $ label above; the full story in the hover."""
    xs, ys, symbols, fills, labels, hovers = [], [], [], [], [], []
    for item in mine:
        xs.append(item["at"] if item["kind"] == "point" else aid.middle(item))
        ys.append(y[item["aid_id"]])
        symbols.append(theme.commitment_style(item["commitment"])[2])
        fills.append(theme.WHITE if item["inside"] else theme.country_colour(item["recipient_iso3"]))
        labels.append(aid.mark_words(item, esc))
        hovers.append(_hover(item))
    return {
        "type": "scatter", "x": xs, "y": ys, "mode": "markers+text", "name": esc(name), "text": labels,
        "textposition": "top center", "textfont": {"size": 12, "color": theme.INK}, "cliponaxis": False,
        "showlegend": False,
        "marker": {"symbol": symbols, "color": fills, "size": 13, "line": {"color": theme.INK, "width": 1.5}},
        "hovertext": hovers, "hovertemplate": "%{hovertext}<extra></extra>",
        "meta": {"aid_ids": [item["aid_id"] for item in mine]}}


def _hover(item: dict) -> str:
    """Amount, date as precisely as known, basis, description, containment and source with its footnote."""
    lines = [f"<b>{esc(item['recipient'])}</b>: {esc(item['amount'])}",
             f"Date: {esc(item['when'])}",
             f"Basis: {esc(item['basis'])} ({esc(item['commitment'])})"]
    if item["inside"]:
        lines.append(f"Inside {esc(item['inside'])}: not added to the totals")
    lines += [wrap(item["description"]), f"Source: {wrap(item['source'])}"]
    if isinstance(item.get("check"), str):
        lines.append(f"<b>{MARK} {wrap(item['check'])}</b>")
    return "<br>".join(lines)


def _key(plotted: list[dict]) -> list[dict]:
    """Legend entries for the shapes, hollow marks and spans drawn (the lanes name the recipients)."""
    spans = [i for i in plotted if i["kind"] == "span"]
    opened = [pd.isna(i["start"]) or pd.isna(i["end"]) for i in spans]
    commitments = {i["commitment"] for i in plotted}
    entry = {"type": "scatter", "x": [None], "y": [None]}
    key = [{**entry, "mode": "markers", "name": commitment,
            "marker": {"symbol": theme.commitment_style(commitment)[2], "size": 11, "color": theme.MUTED_INK}}
           for commitment in aid.COMMITMENTS if commitment in commitments]
    if any(i["inside"] != "" for i in plotted):
        key.append({**entry, "mode": "markers", "name": "inside a total shown: not added",
                    "marker": {"symbol": "circle", "size": 11, "color": theme.WHITE,
                               "line": {"color": theme.INK, "width": 1.5}}})
    if any(isinstance(i["check"], str) for i in plotted):
        key.append({**entry, "mode": "markers", "name": f"{MARK} the paper's check found a problem (hover)",
                    "marker": {"symbol": "circle", "size": 1, "color": theme.WHITE}})
    if not all(opened):
        key.append({**entry, "mode": "lines", "name": "period total", "line": {"color": theme.MUTED_INK, "width": 7}})
    if any(opened):
        key.append({**entry, "mode": "lines", "name": "start or end not stated",
                    "line": {"color": theme.MUTED_INK, "width": 2.5, "dash": "dot"}})
    return key


def _unplotted_lines(listed: list[dict]) -> list[str]:
    """The undated figures in words, wrapped, for the note under the axis."""
    if not listed:
        return []
    parts = [f"{item['recipient']}, {item['amount']} ({item['basis']}"
             + (f", inside {item['inside']})" if item["inside"] else ")") for item in listed]
    text = "Not on the time axis (no date in the source): " + "; ".join(parts) + "."
    return [esc(line) for line in textwrap.wrap(text, common.FOOTER_CHARS, break_long_words=False)]


def _add_unplotted_note(layout: dict, lines: list[str]) -> None:
    """Write the undated figures under the axis and move the source footer below them."""
    if not lines:
        return
    layout["annotations"].append({"text": "<br>".join(lines), "xref": "paper", "yref": "paper", "x": 0, "y": 0,
                                  "yshift": -34, "xanchor": "left", "yanchor": "top", "showarrow": False,
                                  "align": "left", "font": {"size": 12, "color": theme.INK}})
    common.move_footer_in(layout, 18 * len(lines))
