"""What every chart shares: title, subtitle (the filters in words), a source footer, fonts and margins.

A cropped screenshot or an exported image of any chart still says what it shows and where it comes from.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from turan import DATA_VERSION, theme


def esc(text: object) -> str:
    """Escape data text for plotly titles, hovers and legends (they accept a subset of HTML)."""
    return html.escape(str(text), quote=False)


def frame(fig: go.Figure, title: str, subtitle: str, source: str, height: int = 520) -> go.Figure:
    """Give a figure its title, subtitle and source footer, in the shared theme; returns the same figure."""
    fig.update_layout(
        title={"text": f"{esc(title)}<br><sup>{esc(subtitle)}</sup>", "x": 0.0, "xanchor": "left",
               "font": {"size": 20, "color": theme.INK}},
        font={"family": theme.FONT_FAMILY, "size": 13, "color": theme.INK},
        paper_bgcolor="white", plot_bgcolor="white", height=height,
        margin={"l": 70, "r": 30, "t": 90, "b": 95},
        hoverlabel={"font": {"family": theme.FONT_FAMILY}, "align": "left"},
    )
    fig.add_annotation(
        text=f"Source: {esc(source)} · Turan Dashboard, data v{DATA_VERSION}",
        xref="paper", yref="paper", x=0, y=0, yshift=-80, xanchor="left", yanchor="bottom",
        showarrow=False, align="left", font={"size": 11, "color": theme.MUTED_INK},
    )
    fig.update_xaxes(showline=True, linecolor=theme.MUTED_INK, gridcolor="#EEEEEE", zeroline=False)
    fig.update_yaxes(showline=True, linecolor=theme.MUTED_INK, gridcolor="#EEEEEE", zeroline=False)
    return fig


def empty(message: str, title: str, subtitle: str, source: str) -> go.Figure:
    """A figure that says plainly that there is nothing to draw, instead of an empty axis."""
    fig = go.Figure()
    fig.add_annotation(text=esc(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 18, "color": theme.MUTED_INK})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return frame(fig, title, subtitle, source, height=300)
