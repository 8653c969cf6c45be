"""The alliance page's view: the map (interactive and exportable), its legend, the roles matrix and the set chart."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pydeck as pdk

from turan import alliances
from turan.charts import alliances as charts
from turan.export import csv_bytes
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
    csv: bytes


def page(data: Bundle, f: Filters, options: charts.Options, today: date) -> MapView:
    """Everything on the alliance map page but the two maps: legend, descriptions, role matrix, set chart."""
    p = charts.prepare(data, f, options, today)
    spec = charts.roles_map(p)
    shown = tuple(alliances.shown_orgs(data.organisations, options.mode, options.org, p.orgs))
    matrix, sets = charts.matrix(p), charts.sets(p)
    items = spec.frames["legend"]
    return MapView(p.subtitle, spec.description, tuple(items), figures.legend_markdown(items),
                   spec.frames["clashes"],
                   alliances.day_words(p.snap.day, today), shown,
                   Drawn.of(matrix, figures.matrix_figure) if matrix.drawable else None,
                   Drawn.of(sets, figures.upset_figure) if sets.drawable else None,
                   f"turan-memberships-{p.snap.day:%Y-%m-%d}.csv",
                   csv_bytes(alliances.download_rows(p.snap, list(shown), data.sources)) if shown else b"")


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
            spec = spec.replace(json.dumps(token), json.dumps(value, separators=(",", ":")), 1)
        made._spec = spec
        return made

    def to_json(self) -> str:
        return self._spec


def interactive(data: Bundle, f: Filters, options: charts.Options, today: date) -> SerialisedDeck:
    """The interactive map (pydeck), serialised once however often it is drawn."""
    spec = charts.roles_map(charts.prepare(data, f, options, today))
    return SerialisedDeck.of(figures.deck(spec, alliances.read_shapes()))


def exportable(data: Bundle, f: Filters, options: charts.Options, today: date) -> Drawn:
    """The exportable map: the same map drawn by plotly."""
    spec = charts.roles_map(charts.prepare(data, f, options, today))
    return Drawn(spec, figures.twin_figure(spec, alliances.read_shapes()), spec.description)
