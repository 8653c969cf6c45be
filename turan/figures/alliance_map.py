"""Alliance map figures: the pydeck map (one organisation or overlap), its legend, the overlap matrix and
the UpSet-style set chart. Pure builders: tables in, pdk.Deck / go.Figure / markdown out.

The map draws the shipped Natural Earth shapes with no basemap (`map_provider=None`, no map style), so
it fetches nothing from the internet. Its tooltip is plain text from each feature's `tooltip` property.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from turan import alliances, theme
from turan.figures.common import FOOTER_TOP, esc, framed, merge, move_footer_in, on_row, stack
from turan.text import md_escape

# Framed on Turkey (lon 26) to Mongolia (lon 120), lat 34 to 56, at the page's map height.
VIEW = {"longitude": 73.0, "latitude": 46.0, "zoom": 3.05, "min_zoom": 1.5, "max_zoom": 8, "pitch": 0, "bearing": 0}
MAP_HEIGHT = 600
# The twin's zoom: Turkey to Mongolia (about 94 degrees of longitude) fits a map 1000 px wide, the narrowest it is
# shown beside the sidebar; wider renderings (a 1600 px export) show more around the same centre.
TWIN_ZOOM = 2.9
LABEL_BOX = {"lon": (20.0, 130.0), "lat_max": 57.5}  # labels are kept inside the framed view
TOOLTIP = {"text": "{tooltip}"}
# The roles in words under the exportable map wrap at this many characters (13 px type): they fit the narrowest chart
# the layout check measures (a 1280 px window with the sidebar open), where the map is the page's first chart.
WORDS_CHARS = 100


def features(shapes: dict, table: pd.DataFrame, mode: str) -> list[dict]:
    """The shapes as new features (geometry shared, never modified) with fill, outline and tooltip."""
    out = []
    for feature in shapes["features"]:
        iso3 = feature["properties"]["iso3"]
        row = table.loc[iso3] if iso3 in table.index else None
        name = row["name"] if row is not None else feature["properties"].get("name") or iso3
        in_view = bool(row is not None and row["in_view"])
        out.append({"type": "Feature", "geometry": feature["geometry"], "properties": {
            "iso3": iso3, "name": name,
            "status": "in_view" if in_view else ("not_selected" if row is not None else "outside_study"),
            "role": row["role"] if in_view else "",
            "count": int(row["count"]) if in_view else 0,
            "fill": theme.rgba(theme.map_fill(row, mode == alliances.ONE)),
            "line": theme.rgba(theme.INK if in_view else theme.MAP_OUTLINE_OTHER),
            "line_width": 1.2 if in_view else 0.6,
            "tooltip": row["tooltip"] if row is not None else f"{name}\n{alliances.OUTSIDE_STUDY_TEXT}",
        }})
    return out


def labels(table: pd.DataFrame, positions: pd.DataFrame) -> list[dict]:
    """Name and role (or count) written on each country in view, inside the framed view."""
    at = positions.set_index("iso3")
    out = []
    for iso3, row in table[table["in_view"]].iterrows():
        lon, lat = float(at.loc[iso3, "lon"]), float(at.loc[iso3, "lat"])
        if LABEL_BOX["lon"][0] <= lon <= LABEL_BOX["lon"][1]:
            out.append({"position": [lon, min(lat, LABEL_BOX["lat_max"])], "text": row["label"]})
    return out


def deck(spec, shapes: dict) -> pdk.Deck:
    """The map: a GeoJsonLayer over the shapes and a text layer of labels, no basemap (spec: turan.charts.alliances
    .roles_map; shapes: alliances.read_shapes())."""
    table, positions, mode = spec.frames["table"], spec.frames["positions"], spec.frames["mode"]
    # pydeck reads a plain string argument as an accessor expression: literal strings need types.String.
    pixels = pdk.types.String("pixels")
    countries = pdk.Layer(
        "GeoJsonLayer", id="countries", data={"type": "FeatureCollection", "features": features(shapes, table, mode)},
        stroked=True, filled=True, get_fill_color="properties.fill", get_line_color="properties.line",
        get_line_width="properties.line_width", line_width_units=pixels, pickable=True, auto_highlight=True,
        highlight_color=theme.rgba(theme.INK, 60))
    names = pdk.Layer(
        "TextLayer", id="labels", data=labels(table, positions), get_position="position", get_text="text",
        get_size=14, size_units=pixels, get_color=theme.rgba(theme.INK), font_weight=600,
        font_family=pdk.types.String(theme.FONT_FAMILY), font_settings={"sdf": True, "fontSize": 64, "buffer": 8},
        outline_width=5, outline_color=theme.rgba(theme.LABEL_HALO, 230), pickable=False)
    return pdk.Deck(layers=[countries, names], initial_view_state=pdk.ViewState(**VIEW), map_provider=None,
                    tooltip=TOOLTIP)


def twin_figure(spec, shapes: dict) -> go.Figure:
    """The map's exportable twin: the same shapes, fills, outlines, framing and legend as deck(), drawn by plotly's
    Choroplethmap on a plain white background (`white-bg`: no tiles, no glyphs, nothing fetched), so the toolbar
    can save it as PNG or SVG. Map text would need fonts from the internet, so the roles are written in words
    under the map instead of on it."""
    table, mode, items = spec.frames["table"], spec.frames["mode"], spec.frames["legend"]
    title, subtitle, source = spec.title, spec.subtitle, spec.source
    groups: dict[str, list[dict]] = {}
    for feature in features(shapes, table, mode):
        groups.setdefault(_hex(feature["properties"]["fill"]), []).append(feature)
    labels = {colour.upper(): label for label, colour in items}
    labels.update({colour: "other" for colour in groups if colour not in labels})  # never expected: stay visible
    data = []
    for colour, label in labels.items():
        mine = groups.get(colour, [])
        if not mine:
            continue
        in_view = mine[0]["properties"]["status"] == "in_view"
        data.append({
            "type": "choroplethmap", "geojson": {"type": "FeatureCollection", "features": mine},
            "featureidkey": "properties.iso3", "locations": [f["properties"]["iso3"] for f in mine],
            "z": [0] * len(mine), "name": esc(label), "colorscale": [[0, colour], [1, colour]], "showscale": False,
            "showlegend": True, "legendgroup": label,
            "marker": {"line": {"color": theme.INK if in_view else theme.MAP_OUTLINE_OTHER,
                                "width": 1.2 if in_view else 0.6}},
            "hovertext": [esc(f["properties"]["tooltip"]).replace("\n", "<br>") for f in mine],
            "hovertemplate": "%{hovertext}<extra></extra>"})

    def key_and_words(layout: dict) -> None:
        merge(layout, {  # the key above the map, so the map has the figure's full width
            "map": {"style": "white-bg", "center": {"lon": VIEW["longitude"], "lat": VIEW["latitude"]},
                    "zoom": TWIN_ZOOM},
            "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom", "yref": "paper",
                       "font": {"size": 13}, "title": {"text": "Key"}, "itemclick": False, "itemdoubleclick": False},
            "margin": {"l": 30, "t": layout["margin"]["t"] + 34}, "meta": {"chart": "alliance_map_twin"}})
        _add_words(layout, table)

    return framed(data, {}, title, subtitle, source, height=MAP_HEIGHT + 200, then=key_and_words)


def _hex(rgba: list[int]) -> str:
    """[r, g, b, a] -> '#RRGGBB'."""
    return "#" + "".join(f"{c:02X}" for c in rgba[:3])


def _add_words(layout: dict, table: pd.DataFrame) -> None:
    """Each country in view with its role (or count) in words, under the map, so colour never stands alone."""
    words = "; ".join(str(label).replace("\n", ": ") for label in table.loc[table["in_view"], "label"])
    lines = textwrap.wrap(words + ".", WORDS_CHARS, break_long_words=False) if words else []
    if lines:
        layout["annotations"].append({
            "text": "<br>".join(esc(line) for line in lines), "xref": "paper", "yref": "paper", "x": 0, "y": 0,
            "yshift": -12, "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left",
            "font": {"size": 13, "color": theme.INK}})
        move_footer_in(layout, 22 + 18 * len(lines) - FOOTER_TOP)


text_on = theme.text_on  # the legend chips' text colour (the theme's rule)


def legend_markdown(items: list[tuple[str, str]]) -> str:
    """The legend as Streamlit markdown: each label written on a chip of its colour."""
    return " ".join(f':color[{md_escape(label)}]{{foreground="{text_on(colour)}" background="{colour}"}}'
                    for label, colour in items)


def matrix_figure(spec) -> go.Figure:
    """Countries x organisations heatmap; each cell shows the role in words and in its role colour
    (spec: turan.charts.alliances.matrix)."""
    table, names, defence = spec.frames["grid"], spec.frames["names"], spec.frames["defence"]
    title, subtitle, source = spec.title, spec.subtitle, spec.source
    keys = (alliances.NO_ROLE,) + alliances.ROLE_ORDER
    code = {role: i for i, role in enumerate(keys)}
    scale = []
    for i, role in enumerate(keys):
        colour = theme.role_colour(role)
        scale += [[i / len(keys), colour], [(i + 1) / len(keys), colour]]
    rows = [esc(names.get(c, c)) for c in table.index]
    columns = [f"{o} {alliances.DEFENCE_MARK}" if o in defence else o for o in table.columns]
    roles = table.to_numpy()
    words = [[alliances.ROLE_WORDS.get(r, "–") for r in row] for row in roles]
    hover = [[f"{rows[i]} in {table.columns[j]}: {alliances.ROLE_WORDS.get(r, 'no role')}"
              for j, r in enumerate(row)] for i, row in enumerate(roles)]
    cells = {"type": "heatmap", "z": [[code.get(r or alliances.NO_ROLE) for r in row] for row in roles],
             "x": columns, "y": rows, "text": words, "texttemplate": "%{text}", "customdata": hover,
             "hovertemplate": "%{customdata}<extra></extra>", "colorscale": scale, "zmin": -0.5,
             "zmax": len(keys) - 0.5, "showscale": False, "xgap": 3, "ygap": 3, "textfont": {"size": 12}}

    def grid(layout: dict) -> None:  # (frame draws the axis lines)
        merge(layout["yaxis"], {"autorange": "reversed", "showgrid": False, "ticks": ""})
        merge(layout["xaxis"], {"side": "bottom", "showgrid": False, "ticks": ""})
        layout["margin"]["l"] = 120

    return framed([cells], {}, title, subtitle, source, height=190 + 34 * len(rows), then=grid)


def upset_figure(spec) -> go.Figure:
    """UpSet-style chart: bars count the countries in each combination of the chosen organisations,
    the dot matrix beneath shows the combination, and the countries are named under each column
    (spec: turan.charts.alliances.sets)."""
    combos, orgs, defence, colours = (spec.frames[k] for k in ("combos", "orgs", "defence", "colours"))
    title, subtitle, source = spec.title, spec.subtitle, spec.source
    xs = list(range(len(combos)))
    by_code = len(combos) > 9  # many columns: name countries by ISO3 code so the labels do not collide
    who = [list(c) if by_code else [esc(n) for n in names] for c, names in zip(combos["iso3"], combos["countries"])]
    lines = max((len(w) for w in who), default=1)
    layout = stack(2, 0.04, heights=[0.55, 0.45])
    hover = [f"{esc(label)}: {', '.join(w)}" for label, w in zip(combos["label"], who)]
    data = [on_row({"type": "bar", "x": xs, "y": combos["count"].tolist(), "text": [str(n) for n in combos["count"]],
                    "textposition": "outside", "cliponaxis": False, "marker": {"color": theme.MUTED_INK},
                    "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>", "showlegend": False}, 1)]
    ys = {org: len(orgs) - 1 - i for i, org in enumerate(orgs)}  # first organisation on top
    for x, combo in zip(xs, combos["orgs"]):
        if len(combo) > 1:
            data.append(on_row({"type": "scatter", "x": [x, x], "y": [ys[combo[0]], ys[combo[-1]]], "mode": "lines",
                                "hoverinfo": "skip", "line": {"color": theme.INK, "width": 2}, "showlegend": False}, 2))
    for org in orgs:
        inside = [org in combo for combo in combos["orgs"]]
        data.append(on_row({
            "type": "scatter", "x": xs, "y": [ys[org]] * len(xs), "mode": "markers", "showlegend": False,
            "marker": {"size": 14, "color": [colours[org] if i else theme.NO_DATA for i in inside],
                       "line": {"color": theme.INK, "width": [1 if i else 0 for i in inside]}},
            "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>"}, 2))

    def panels(layout: dict) -> None:
        merge(layout["yaxis"], {"title": {"text": "countries"}, "rangemode": "tozero",
                                "range": [0, max(combos["count"], default=1) * 1.25], "dtick": 1})
        merge(layout["yaxis2"], {"tickvals": list(ys.values()), "showgrid": False, "showline": False,
                                 "ticktext": [f"{o} {alliances.DEFENCE_MARK}" if o in defence else o for o in ys],
                                 "range": [-0.6, len(orgs) - 0.4]})
        merge(layout["xaxis2"], {"tickvals": xs, "ticktext": ["<br>".join(w) for w in who], "showgrid": False,
                                 "tickfont": {"size": 12}, "range": [-0.6, len(xs) - 0.4]})
        merge(layout["xaxis"], {"showticklabels": False, "showgrid": False})
        layout["bargap"] = 0.45
        move_footer_in(layout, max(0, 16 * lines + 14 - FOOTER_TOP))  # below the country names under the columns

    return framed(data, layout, title, subtitle, source, height=540 + 16 * lines, then=panels)
