"""Power rivalry charts: institutional reach per power, foreign bases over time, one hard indicator.

Each power keeps one colour, marker shape and line dash (turan.theme.POWER_STYLES); missing values stay
gaps and the chart names the countries it has no data for.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from turan import schema, theme
from turan.figures.common import FOOTER, axes, empty, esc, framed, merge, on_row, stack, vrect
from turan.formatting import format_usd
from turan.rivalry import state_words

PANEL_PX, CHROME_PX = 118, 240
YEAR_MS = 365.25 * 24 * 3600 * 1000


def reach_figure(spec) -> go.Figure:
    """One small panel per power (no line hides another): selected states counted each year
    (spec: turan.charts.rivalry.reach)."""
    subtitle, source = spec.subtitle, spec.source
    if not spec.drawable:
        return empty(spec.empty, spec.title, subtitle, source)
    reach, orgs_by_power, names, n_states = (spec.frames[k] for k in ("reach", "orgs", "names", "n_states"))
    powers = [p for p in schema.POWERS if p in set(reach["power"])]
    titles = [esc(f"{names.get(p, p)}{' (reference)' if p == 'TUR' else ''}: {orgs_by_power.get(p, 'no organisation')}")
              for p in powers]
    layout = stack(len(powers), 0.32 / len(powers), titles=titles)
    traces, y_axes = [], {}
    for row, power in enumerate(powers, start=1):
        data = reach[reach["power"] == power]
        colour, symbol, dash = theme.power_style(power)
        hover = [f"<b>{esc(names.get(power, power))}</b>, 31 December {y}: {c} of {n_states} selected states"
                 f"<br>{esc(state_words(s, v, names))}"
                 for y, c, s, v in zip(data["year"], data["count"], data["states"], data["via"])]
        traces.append(on_row({"type": "scatter", "x": data["year"].tolist(), "y": data["count"].tolist(),
                              "mode": "lines+markers", "name": esc(names.get(power, power)), "showlegend": False,
                              "hovertext": hover, "hoverinfo": "text",
                              "line": {"color": colour, "dash": dash, "width": 2.5},
                              "marker": {"symbol": symbol, "size": 8, "color": colour,
                                         "line": {"color": theme.INK, "width": 1}}}, row))
        y_axes[f"yaxis{row if row > 1 else ''}"] = {"range": [-0.4, n_states + 0.4], "tickformat": "d",
                                                    "fixedrange": True, **({"dtick": 1} if n_states <= 6 else {})}
    years = reach["year"]

    def panels(layout: dict) -> None:
        for note in layout["annotations"]:  # the panel titles (the footer keeps its own style)
            if note.get("name") != FOOTER:
                merge(note, {"font": {"size": 13, "color": theme.INK}, "xanchor": "left", "x": 0})
        for axis, settings in y_axes.items():
            merge(layout[axis], settings)
        for axis in axes(layout, "x"):
            merge(layout[axis], {"range": [years.min() - 0.5, years.max() + 0.5], "dtick": _year_tick(years),
                                 "tickformat": "d"})
        layout["hovermode"] = "closest"
        layout["margin"]["t"] += 22  # room for the first panel's title

    return framed(traces, layout, spec.title, subtitle, source, height=PANEL_PX * len(powers) + CHROME_PX,
                  then=panels)


def _year_tick(years: pd.Series) -> int:
    span = int(years.max() - years.min())
    return 1 if span <= 12 else 2 if span <= 24 else 5


INSIDE_SHARE = 0.55  # a base's bar at least this share of the axis up to today holds its label inside


def bases_figure(spec) -> go.Figure:
    """Horizontal bars from opening to closing; bars still in use run to today, hatched, marked 'in use'. Each bar
    names its operator in words, so the operator's colour is never the only clue (spec: turan.charts.rivalry.bases)."""
    subtitle, source = spec.subtitle, spec.source
    if not spec.drawable:
        return empty(spec.empty, spec.title, subtitle, source)
    timeline, years, today, names = (spec.frames[k] for k in ("spans", "years", "today", "names"))
    data = []
    labels = [_bar_label(name, host) for name, host in zip(timeline["name"], timeline["host"])]
    start = min(timeline["start"].min(), pd.Timestamp(years[0], 1, 1))
    whole = today - start
    # A long bar carries its label inside, at its end; a short one after it, and the axis runs on far enough
    # past today for such a label to fit on the narrowest chart (about a third of the plot).
    inside = (timeline["end"] - timeline["start"]) >= whole * INSIDE_SHARE
    timeline = timeline.assign(tick=labels, inside=inside)
    late = (~inside & (timeline["end"] >= today - whole * 0.3)).any()
    span = [start - pd.Timedelta(days=200), today + (whole * 0.45 if late else pd.Timedelta(days=3 * 365))]
    for operator in dict.fromkeys(timeline["operator"]):
        rows = timeline[timeline["operator"] == operator]
        colour, _, _ = theme.power_style(operator)
        who = names.get(operator, operator)
        text = [f"{who}, {s.year}–{'in use' if o else e.year}"
                for s, e, o in zip(rows["start"], rows["end"], rows["ongoing"])]
        hover = [f"<b>{esc(r.label)}</b><br>Operated by {esc(r.operator_name)} · {esc(r.kind)}"
                 f"<br>Opened: {esc(r.opened)}<br>Closed: {esc(r.closed)}" for r in rows.itertuples(index=False)]
        data.append({
            "type": "bar", "y": rows["tick"].tolist(), "base": rows["start"].tolist(),
            "x": [(e - s).total_seconds() * 1000 for s, e in zip(rows["start"], rows["end"])], "orientation": "h",
            "name": esc(who), "text": [esc(t) for t in text], "showlegend": False, "cliponaxis": False,
            "textposition": ["inside" if i else "outside" for i in rows["inside"]], "insidetextanchor": "end",
            "insidetextfont": {"color": theme.text_on(colour)}, "outsidetextfont": {"color": theme.INK},
            "hovertext": hover, "hoverinfo": "text", "width": 0.6, "legendgroup": operator,
            "marker": {"color": colour, "line": {"color": theme.INK, "width": 1},
                       "pattern": {"shape": ["/" if o else "" for o in rows["ongoing"]], "fgcolor": "white",
                                   "fillmode": "overlay", "size": 8, "solidity": 0.3}},
        })
    for operator in dict.fromkeys(timeline["operator"]):  # legend entries in plain colour (bars may be hatched)
        data.append({"type": "bar", "x": [None], "y": [None], "orientation": "h",
                     "name": esc(names.get(operator, operator)), "legendgroup": operator,
                     "marker": {"color": theme.power_style(operator)[0], "line": {"color": theme.INK, "width": 1}}})
    if timeline["ongoing"].any():
        data.append({"type": "bar", "x": [None], "y": [None], "orientation": "h", "name": "still in use (hatched)",
                     "marker": {"color": theme.WHITE, "line": {"color": theme.INK, "width": 1},
                                "pattern": {"shape": "/", "fgcolor": theme.MUTED_INK, "size": 8, "solidity": 0.3}}})
    layout = {"shapes": vrect(pd.Timestamp(years[0], 1, 1), min(pd.Timestamp(years[1], 12, 31), today),
                              theme.SELECTED_YEARS_BAND, layer="below")}

    def axes_and_legend(layout: dict) -> None:
        merge(layout["xaxis"], {"type": "date", "range": span, "title": {
            "text": "Hatched bars: still in use (drawn to today). Shaded: the selected years."}})
        merge(layout["yaxis"], {"categoryorder": "array", "categoryarray": list(reversed(labels)),
                                "automargin": True, "fixedrange": True, "tickfont": {"color": theme.INK}})
        # the legend above the plot: the bars' labels need the full width on the right
        merge(layout, {"barmode": "overlay", "hovermode": "closest", "legend": {
            "title": {"text": "Operated by"}, "traceorder": "normal", "orientation": "h", "x": 0, "xanchor": "left",
            "y": 1.0, "yanchor": "bottom", "yref": "paper"}})
        layout["margin"]["t"] += 30

    return framed(data, layout, spec.title, subtitle, source, height=58 * len(labels) + 260,
                  then=axes_and_legend)


def _bar_label(name: str, host: str) -> str:
    """A bar's axis label: the base's name wrapped to short lines, then its host country in grey."""
    lines = textwrap.wrap(str(name), 34)
    return "<br>".join(esc(line) for line in lines) + f"<br><span style='color:{theme.MUTED_INK}'>{esc(host)}</span>"


def indicator_figure(spec) -> go.Figure:
    """One line per country; missing years are gaps; countries without any value are named as 'no data'
    (spec: turan.charts.rivalry.indicator)."""
    title, subtitle, source = spec.title, spec.subtitle, spec.source
    if not spec.drawable:
        return empty(spec.empty, title, subtitle, source)
    s_frame, indicator, countries, names, base_year = (
        spec.frames[k] for k in ("frame", "indicator", "countries", "names", "base_year"))
    column = "value" if base_year is None else "index"
    data, missing = [], []
    for iso3 in countries:
        rows = s_frame[s_frame["iso3"] == iso3]
        if rows["value"].notna().sum() == 0:
            missing.append(iso3)
        colour, symbol = theme.country_colour(iso3), theme.country_symbol(iso3)
        values = [None if pd.isna(v) else float(v) for v in rows[column]]
        hover = [f"<b>{esc(names.get(iso3, iso3))}</b>, {y}: {esc(_value_words(v, indicator, base_year))}"
                 for y, v in zip(rows["year"], values)]
        dash = theme.power_style(iso3)[2] if iso3 in theme.POWER_STYLES else "solid"
        data.append({
            "type": "scatter", "x": rows["year"].tolist(), "y": values, "mode": "lines+markers", "connectgaps": False,
            "name": esc(names.get(iso3, iso3)) + (" (no data)" if iso3 in missing else ""),
            "hovertext": hover, "hoverinfo": "text", "line": {"color": colour, "width": 2.2, "dash": dash},
            "marker": {"symbol": symbol, "size": 7, "color": colour, "line": {"color": theme.INK, "width": 1}}})
    notes = []
    if missing:
        notes.append("No data for " + ", ".join(names.get(c, c) for c in missing) + " in these years.")
    if base_year is not None:
        no_base = [c for c in countries if c not in missing and
                   s_frame[(s_frame["iso3"] == c) & (s_frame["year"] == base_year)]["value"].isna().all()]
        if no_base:
            notes.append(f"No value in {base_year}, so no index, for "
                         + ", ".join(names.get(c, c) for c in no_base) + ".")
    y_axis = _indicator_axis(s_frame[column], indicator, base_year)

    def axes_and_notes(layout: dict) -> None:
        merge(layout["xaxis"], {"tickformat": "d", "range": [s_frame["year"].min() - 0.5, s_frame["year"].max() + 0.5]})
        merge(layout["yaxis"], y_axis)
        if notes:
            layout["annotations"].append({
                "text": esc(" ".join(notes)), "xref": "paper", "yref": "paper", "x": 0, "y": 1.0, "yshift": 4,
                "xanchor": "left", "yanchor": "bottom", "showarrow": False, "align": "left",
                "font": {"size": 12, "color": theme.INK}, "bgcolor": "#FFF6D5"})
        merge(layout, {"hovermode": "closest", "legend": {"title": {"text": "Country"}}})

    layout = {}
    if base_year is not None:  # the base year's level
        layout["shapes"] = [{"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": 100, "y1": 100, "yref": "y",
                             "line": {"color": theme.MUTED_INK, "width": 1, "dash": "dot"}}]
    return framed(data, layout, title, subtitle, source, height=560, then=axes_and_notes)


def _indicator_axis(values: pd.Series, indicator: schema.Indicator, base_year: int | None) -> dict:
    """The value axis: a log axis for money spanning orders of magnitude (said in the axis title)."""
    present = values.dropna()
    positive = present[present > 0]
    if base_year is None and "US$" in indicator.unit and len(positive) and positive.max() / positive.min() > 50:
        return {"type": "log", "dtick": 1, "tickprefix": "$", "title": {"text": esc(f"{indicator.unit} (log scale)")}}
    if base_year is None:
        return {"title": {"text": esc(indicator.unit)}, "rangemode": "tozero"}
    return {"title": {"text": esc(f"Index, {base_year} = 100")}, "rangemode": "tozero"}


def _value_words(value: float | None, indicator: schema.Indicator, base_year: int | None) -> str:
    """A value for hovers: '$1.15bn (constant 2023 US$)', '0.43% of GDP', 'index 87.0', or 'no data'."""
    if value is None:
        return "no data"
    if base_year is not None:
        return f"index {value:.1f} ({base_year} = 100)"
    if "US$" in indicator.unit:
        return f"{format_usd(value)} ({indicator.unit})"
    return f"{value:.2f} {indicator.unit}"
