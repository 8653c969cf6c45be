"""The arms-transfers figures: TIV delivered per year by supplier (stacked bars) and each supplier's share per
five-year period (100% bars). Russia, China, the US, Turkey and Iran keep their theme colours; the other suppliers
are one hatched grey. The unit is SIPRI TIV (millions), never dollars."""

from __future__ import annotations

import plotly.graph_objects as go

from turan import arms, theme
from turan.figures.common import empty, esc, framed, merge

GROUPS = (*arms.POWERS, arms.OTHER)


def _name(group: str, names: dict[str, str]) -> str:
    return "Other suppliers" if group == arms.OTHER else names.get(group, group)


def _marker(group: str) -> dict:
    marker = {"color": theme.supplier_colour(group), "line": {"color": theme.INK, "width": 1}}  # pale grey: outlined
    if group == arms.OTHER:
        marker["pattern"] = {"shape": "/", "fgcolor": theme.MUTED_INK, "size": 6}
    return marker


def time_chart(spec) -> go.Figure:
    """Stacked bars per year, one trace per supplier group (spec: turan.charts.arms.arms_time)."""
    if not spec.drawable:
        return empty(spec.empty, spec.title, spec.subtitle, spec.source)
    totals, names = spec.frames["totals"], spec.frames["names"]
    data = []
    for group in GROUPS:
        rows = totals[totals["group"] == group]
        if rows.empty:
            continue
        label = esc(_name(group, names))
        data.append({"type": "bar", "x": rows["year"].tolist(), "y": rows["tiv"].round(2).tolist(), "name": label,
                     "marker": _marker(group),
                     "hovertemplate": f"{label}, %{{x}}: %{{y:,.1f}} million TIV<extra></extra>"})
    lo, hi = spec.frames["years"]
    layout = {"barmode": "stack", "legend": {"title": {"text": "Supplier"}, "traceorder": "normal"},
              "xaxis": {"title": {"text": "Year of delivery"}, "range": [lo - 0.6, hi + 0.6],
                        "dtick": 5 if hi - lo > 12 else 1},
              "yaxis": {"title": {"text": arms.UNIT}, "rangemode": "tozero", "tickformat": ",d"}}
    return framed(data, layout, spec.title, spec.subtitle, spec.source, height=520)


def shares_chart(spec) -> go.Figure:
    """One horizontal 100% bar per five-year period, split by supplier group, shares written on the wider parts
    (spec: turan.charts.arms.arms_shares)."""
    if not spec.drawable:
        return empty(spec.empty, spec.title, spec.subtitle, spec.source)
    shares = spec.frames["shares"]
    labelled = shares.assign(label=[f"{s}-{e}" for s, e in zip(shares["start"], shares["end"])])
    return _share_bars(spec, labelled, list(dict.fromkeys(labelled["label"])), "Period")


def state_shares_chart(spec) -> go.Figure:
    """One horizontal 100% bar per state, split by supplier group (spec: turan.charts.rivalry.suppliers)."""
    if not spec.drawable:
        return empty(spec.empty, spec.title, spec.subtitle, spec.source)
    return _share_bars(spec, spec.frames["shares"], spec.frames["labels"], "")


def _share_bars(spec, frame, labels: list[str], axis_title: str) -> go.Figure:
    """100% horizontal bars, one per label (top to bottom in the given order), split by supplier group; a share of
    8% or more written inside its part, the TIV in the hover."""
    names = spec.frames["names"]
    data = []
    for group in GROUPS:
        rows = frame[frame["group"] == group]
        if rows.empty:
            continue
        label = esc(_name(group, names))
        text = [f"{v:.0%}" if v >= 0.08 else "" for v in rows["share"]]
        ink = theme.text_on(theme.supplier_colour(group))
        data.append({"type": "bar", "orientation": "h", "x": (rows["share"] * 100).round(1).tolist(),
                     "y": [esc(v) for v in rows["label"]], "name": label, "marker": _marker(group), "text": text,
                     "textposition": "inside", "insidetextanchor": "middle", "textfont": {"color": ink},
                     "customdata": rows["tiv"].round(1).tolist(),
                     "hovertemplate": f"{label}, %{{y}}: %{{x:.0f}}% (%{{customdata:,.1f}} million TIV)"
                                      "<extra></extra>"})
    layout = {"barmode": "stack", "legend": {"title": {"text": "Supplier"}, "traceorder": "normal"},
              "xaxis": {"title": {"text": f"Share of {arms.UNIT} delivered (%)"}, "range": [0, 100], "ticksuffix": "%"},
              "yaxis": {"categoryorder": "array", "categoryarray": [esc(v) for v in labels[::-1]],
                        "title": {"text": axis_title}}}
    return framed(data, layout, spec.title, spec.subtitle, spec.source, height=160 + 46 * len(labels) + 120,
                  then=lambda lay: merge(lay, {"uniformtext": {"minsize": 11, "mode": "hide"}}))
