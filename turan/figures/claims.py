"""The paper-checked figure: claims per section of the paper, stacked by verdict, one colour and pattern each."""

from __future__ import annotations

import plotly.graph_objects as go

from turan import claims, schema, theme
from turan.figures.common import empty, esc, framed, merge


def verdict_marker(verdict: str) -> dict:
    """A verdict's bar fill: its colour, its pattern, an ink outline (the pale fills need one)."""
    marker = {"color": theme.verdict_colour(verdict), "line": {"color": theme.INK, "width": 1}}
    if theme.verdict_pattern(verdict):
        marker["pattern"] = {"shape": theme.verdict_pattern(verdict), "fgcolor": theme.text_on(
            theme.verdict_colour(verdict)), "size": 8, "solidity": 0.15}
    return marker


def verdicts_chart(spec) -> go.Figure:
    """Horizontal stacked bars, one per section (in the paper's order, top down), split by verdict
    (spec: turan.charts.claims.verdicts)."""
    if not spec.drawable:
        return empty(spec.empty, spec.title, spec.subtitle, spec.source)
    counts = spec.frames["counts"]
    sections = [s for s in schema.CLAIM_SECTIONS if (counts["section"] == s).any()]
    labels = [esc(claims.SECTION_LABELS[s]) for s in sections]
    data = []
    for verdict in schema.VERDICTS:
        rows = counts[counts["verdict"] == verdict]
        if rows.empty:
            continue
        name = esc(claims.VERDICT_LABELS[verdict])
        data.append({"type": "bar", "orientation": "h", "x": rows["claims"].tolist(),
                     "y": [esc(claims.SECTION_LABELS[s]) for s in rows["section"]], "name": name,
                     "marker": verdict_marker(verdict), "text": [str(n) for n in rows["claims"]],
                     "textposition": "inside", "insidetextanchor": "middle",
                     "textfont": {"color": theme.text_on(theme.verdict_colour(verdict))},
                     "hovertemplate": f"%{{y}}: %{{x}} {name.lower()}<extra></extra>"})
    top = int(counts.groupby("section")["claims"].sum().max())
    layout = {"barmode": "stack", "legend": {"title": {"text": "Verdict"}, "traceorder": "normal"},
              "xaxis": {"title": {"text": "Claims checked"}, "range": [0, top * 1.05 + 0.5], "dtick": 2 if top <= 20
                        else 5},
              "yaxis": {"categoryorder": "array", "categoryarray": labels[::-1], "title": {"text": ""},
                        "automargin": True}}
    return framed(data, layout, spec.title, spec.subtitle, spec.source, height=200 + 36 * len(sections) + 120,
                  then=lambda lay: merge(lay, {"uniformtext": {"minsize": 11, "mode": "hide"}}))
