"""The alliance page's view: the map (interactive and exportable), its legend, the roles matrix and the set chart."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import date

import pydeck as pdk

from turan import alliances, memo
from turan.charts import ChartSpec
from turan.charts import alliances as charts
from turan.export import LazyCsv
from turan.figures import alliance_map as figures
from turan.filters import Filters
from turan.load import Bundle
from turan.views import Drawn

MAP_HEIGHT = figures.MAP_HEIGHT  # the interactive map's height on the page


@dataclass(frozen=True)
class MapView:
    subtitle: str
    words: str  # the map's description
    items: tuple[tuple[str, str], ...]  # legend (label, colour)
    legend_markdown: str
    clashes: tuple[str, ...]
    day_words: str
    shown: tuple[str, ...]
    matrix: Drawn | None
    sets: Drawn | None
    download_name: str
    csv: LazyCsv | None  # the download, made on click


TABS = ("Map (exports as PNG or SVG)", "Interactive map (zoom and pan)")  # the page's two views of the map, first open

PREPARED_KEPT = 32  # prepared maps kept per data version: the page, the interactive and the exportable map share one


def _prepared(data: Bundle, f: Filters, options: charts.Options, today: date) -> tuple[charts.Prepared, ChartSpec]:
    """The prepared map and its spec, computed once for the three views of the same selection."""
    def make():
        p = charts.prepare(data, f, options, today)
        return p, charts.roles_map(p)
    return memo.derived(data, "alliances.prepared", (f, options, today), make, keep=PREPARED_KEPT)


def page(data: Bundle, f: Filters, options: charts.Options, today: date) -> MapView:
    """Everything on the alliance map page but the two maps: legend, descriptions, role matrix, set chart."""
    p, spec = _prepared(data, f, options, today)
    shown = tuple(alliances.shown_orgs(data.organisations, options.mode, options.org, p.orgs))
    matrix, sets = charts.matrix(p), charts.sets(p)
    items = spec.frames["legend"]
    return MapView(p.subtitle, spec.description, tuple(items), figures.legend_markdown(items),
                   spec.frames["clashes"],
                   alliances.day_words(p.snap.day, today), shown,
                   Drawn.of(matrix, figures.matrix_figure) if matrix.drawable else None,
                   Drawn.of(sets, figures.upset_figure) if sets.drawable else None,
                   f"turan-memberships-{p.snap.day:%Y-%m-%d}.csv",
                   LazyCsv(lambda: alliances.download_rows(p.snap, list(shown), data.sources)) if shown else None)


class SerialisedDeck(pdk.Deck):
    """A pydeck Deck whose JSON is computed once, when it is made, and faster: st.pydeck_chart serialises a deck on
    every draw, and pydeck writes its layers' data (here the country shapes) with indentation, which makes Python's
    JSON encoder fall back to its slow pure-Python path. The layers' data is written compactly and spliced in; the
    rest is pydeck's own output. Safe because a cached deck never changes."""

    @classmethod
    def of(cls, deck: pdk.Deck) -> "SerialisedDeck":
        made = cls.__new__(cls)
        made.__dict__.update(vars(deck))
        data = [layer.data for layer in deck.layers]
        tokens = [f"turan-layer-data-{i}-{id(deck)}" for i in range(len(data))]
        try:
            for layer, token in zip(deck.layers, tokens):
                layer.data = token
            spec = deck.to_json()
        finally:
            for layer, value in zip(deck.layers, data):
                layer.data = value
        for token, value in zip(tokens, data):
            spec = spec.replace(json.dumps(token), _compact(value), 1)
        made._spec = spec
        return made

    def to_json(self) -> str:
        return self._spec


_GEOMETRIES: dict[int, tuple[object, str]] = {}  # id -> (the shape's geometry, kept alive, and its JSON)
_GEOMETRIES_LOCK = threading.Lock()


def _geometry_json(geometry: dict) -> str:
    """A country's geometry as compact JSON, written once per geometry object: every map of every view shares the
    shipped shapes (figures.features never copies or changes them), and writing them out was most of a map's cost."""
    known = _GEOMETRIES.get(id(geometry))
    if known is not None and known[0] is geometry:
        return known[1]
    text = json.dumps(geometry, separators=(",", ":"))
    with _GEOMETRIES_LOCK:
        _GEOMETRIES[id(geometry)] = (geometry, text)
    return text


def _compact(value) -> str:
    """A layer's data as compact JSON; a feature collection's geometries from _geometry_json."""
    if isinstance(value, dict) and value.get("type") == "FeatureCollection":
        features = []
        for feature in value["features"]:
            rest = json.dumps({k: v for k, v in feature.items() if k != "geometry"}, separators=(",", ":"))
            features.append(f'{rest[:-1]},"geometry":{_geometry_json(feature["geometry"])}}}')
        rest = json.dumps({k: v for k, v in value.items() if k != "features"}, separators=(",", ":"))
        return f'{rest[:-1]},"features":[{",".join(features)}]}}'
    return json.dumps(value, separators=(",", ":"))


def interactive(data: Bundle, f: Filters, options: charts.Options, today: date) -> SerialisedDeck:
    """The interactive map (pydeck), serialised once however often it is drawn."""
    spec = _prepared(data, f, options, today)[1]
    return SerialisedDeck.of(figures.deck(spec, alliances.read_shapes()))


def exportable(data: Bundle, f: Filters, options: charts.Options, today: date) -> Drawn:
    """The exportable map: the same map drawn by plotly."""
    spec = _prepared(data, f, options, today)[1]
    return Drawn(spec, figures.twin_figure(spec, alliances.read_shapes()), spec.description)
