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
    shares, names = spec.frames["shares"], spec.frames["names"]
    periods = [f"{s}-{e}" for s, e in shares[["start", "end"]].drop_duplicates().itertuples(index=False)]
    data = []
    for group in GROUPS:
        rows = shares[shares["group"] == group]
        if rows.empty:
            continue
        label = esc(_name(group, names))
        y = [f"{s}-{e}" for s, e in zip(rows["start"], rows["end"])]
        text = [f"{v:.0%}" if v >= 0.08 else "" for v in rows["share"]]
        ink = theme.text_on(theme.supplier_colour(group))
        data.append({"type": "bar", "orientation": "h", "x": (rows["share"] * 100).round(1).tolist(), "y": y,
                     "name": label, "marker": _marker(group), "text": text, "textposition": "inside",
                     "insidetextanchor": "middle", "textfont": {"color": ink},
                     "customdata": rows["tiv"].round(1).tolist(),
                     "hovertemplate": f"{label}, %{{y}}: %{{x:.0f}}% (%{{customdata:,.1f}} million TIV)"
                                      "<extra></extra>"})
    layout = {"barmode": "stack", "legend": {"title": {"text": "Supplier"}, "traceorder": "normal"},
              "xaxis": {"title": {"text": f"Share of {arms.UNIT} delivered (%)"}, "range": [0, 100], "ticksuffix": "%"},
              "yaxis": {"categoryorder": "array", "categoryarray": periods[::-1], "title": {"text": "Period"}}}
    return framed(data, layout, spec.title, spec.subtitle, spec.source, height=160 + 46 * len(periods) + 120,
                  then=lambda lay: merge(lay, {"uniformtext": {"minsize": 11, "mode": "hide"}}))
