"""What each page shows, computed in one pure call per (data, filters, page options): the derived tables, the
built figures, their descriptions and the CSV bytes of the downloads.

A page reads its widgets, asks turan.ui.view() for the matching view below and renders it. ui.view() caches the
result per data version and arguments, so a rerun that changes nothing (or returns to a selection seen before,
by this visitor or another) draws the cached figures instead of building them again; only the first visit to a
selection pays for the pandas work and plotly's figure construction. Everything here is pure and returns objects
that the pages only read: a cached view is shared by every session and must never be changed after it is built.

Every function takes the data bundle first; the other arguments are plain hashable values (the Filters, strings,
numbers, tuples, dates) that form the cache key. A function that depends on today's date takes it as an argument,
so a cached result never outlives the day it was computed for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from turan import aid, alliances, describe, filters, query, rivalry, scenario, schema, timeline
from turan.export import csv_bytes
from turan.figures import aid as aid_figures
from turan.figures import alliance_map as map_figures
from turan.figures import rivalry as rivalry_figures
from turan.figures import scenario as scenario_figures
from turan.figures import timeline as timeline_figures
from turan.filters import Filters
from turan.load import Bundle


@dataclass(frozen=True)
class Chart:
    """A built figure with what ui.chart needs besides it: the export name, the filters in words (for the file
    name) and the description (the chart's text alternative)."""

    figure: go.Figure
    name: str
    words: str
    description: str


# ---- overview and sources --------------------------------------------------------------------------------

def headlines(data: Bundle, f: Filters, today: date) -> list[tuple[query.Headline, str]]:
    """The overview's cards as of the end of the selected period (or today, if earlier), each with its sources
    in short."""
    day = min(pd.Timestamp(today), pd.Timestamp(f.years[1], 12, 31))
    return [(card, query.cite_short(data.sources, card.source_ids)) for card in query.headlines(data, f, day)]


@dataclass(frozen=True)
class SourcesView:
    count: int
    bibliography: dict[str, list[str]]
    table: pd.DataFrame


def sources(data: Bundle, f: Filters, only_view: bool) -> SourcesView:
    """The bibliography: every source, or only those behind the selection."""
    rows = query.sources_in_view(data, f) if only_view else data.sources
    return SourcesView(len(rows), query.bibliography(rows) if len(rows) else {}, query.sources_table(rows))


# ---- aid ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AidView:
    empty: bool
    totals: Chart | None = None
    over_time: Chart | None = None
    caveats: tuple[tuple[str, str], ...] = ()
    ledger: pd.DataFrame | None = None
    ledger_csv: bytes = b""
    context_source: str = ""


def aid_page(data: Bundle, f: Filters, include_pledged: bool) -> AidView:
    """The aid page: totals by commitment, the aid timeline, the caveats and the ledger."""
    names = data.country_names()
    context_source = query.source_label(data.sources, aid.DEVELOPMENT_AID.source_id)
    rows = aid.annotate(aid.select(data.aid, f, include_pledged), data.aid)
    if rows.empty:
        return AidView(True, context_source=context_source)
    subtitle, source = aid.subtitle(f, names, include_pledged), aid.source_line(data.sources, rows)
    selection = filters.describe(f, names)
    words = selection + ("" if include_pledged else " without pledges")
    totals = aid.totals(rows, f.countries, data.sources)
    items = aid.timeline_items(rows, data.sources, names, f.countries, data.aid)
    ledger = aid.ledger(rows, data.sources, names, f.countries, data.aid)
    return AidView(
        False,
        Chart(aid_figures.totals_chart(totals, names, "Turkish military aid by recipient", subtitle, source),
              "aid-totals", words, describe.aid_totals(totals, names, selection)),
        Chart(aid_figures.timeline_chart(items, names, "Turkish military aid over time", subtitle, source,
                                         None if f.full_period else f.years),
              "aid-over-time", words, describe.aid_over_time(items, names, selection, f.countries)),
        tuple(aid.caveats(rows, names, f.countries)), ledger, csv_bytes(ledger), context_source)


# ---- timeline ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TimelineView:
    selection: str
    count: int
    chart: Chart | None


def timeline_page(data: Bundle, f: Filters) -> TimelineView:
    """The agreement timeline: lanes per partner and the events per year below."""
    names = data.country_names()
    events = filters.events(data.events, f)
    selection = filters.describe(f, names)
    if events.empty:
        return TimelineView(selection, 0, None)
    tl = timeline.build(events, data.countries, data.sources, f, schema.EVENT_KINDS)
    fig = timeline_figures.figure(tl, schema.EVENT_KINDS, selection, query.cite_short(data.sources, events["source_id"]))
    description = " ".join((describe.timeline_events(tl.placed, tl.lanes, tl.undated, selection),
                            describe.events_per_year(tl.counts, f.years, selection)))
    return TimelineView(selection, len(events), Chart(fig, "agreement-timeline", selection, description))


@dataclass(frozen=True)
class EventTable:
    table: pd.DataFrame
    csv: bytes


def timeline_table(data: Bundle, f: Filters, kinds: tuple[str, ...], words: str) -> EventTable:
    """The event list under the timeline, narrowed by kind and a search."""
    events = filters.events(data.events, f)
    table = timeline.table(timeline.search(events, list(kinds), words), data.country_names(), data.sources)
    return EventTable(table, csv_bytes(table))


# ---- rivalry -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GridView:
    cells: dict[str, dict[str, str]]  # dimension -> power ISO3 -> markdown
    missing: tuple[str, ...]
    csv: bytes


def rivalry_grid(data: Bundle) -> GridView:
    """What the paper says about each power, as markdown per dimension and power (independent of the filters)."""
    names = data.country_names()
    table = rivalry.grid_table(data.rivalry, data.sources, names)
    cells = {dimension: {power: rivalry.cell_markdown(rivalry.grid_cells(table, dimension, names[power]))
                         for power in schema.POWERS} for dimension in rivalry.DIMENSION_TITLES}
    return GridView(cells, tuple(rivalry.types_not_named(table)), csv_bytes(table))


@dataclass(frozen=True)
class ReachView:
    source_count: int
    chart: Chart
    csv: bytes


def rivalry_reach(data: Bundle, f: Filters, loose: bool, today: date) -> ReachView:
    """How many selected states belong to organisations each power leads, year by year."""
    names = data.country_names()
    selection = filters.describe(f, names)
    reach = rivalry.reach(data.memberships, data.organisations, f, loose=loose, as_of=pd.Timestamp(today))
    count = len(rivalry.reach_source_ids(data.memberships, data.organisations, f))
    fig = rivalry_figures.reach_figure(
        reach, rivalry.orgs_by_power(data.organisations), names, len(f.countries),
        f"{selection} · unit: number of states" + (" · looser ties included" if loose else ""),
        f"memberships.csv, dated from {count} official pages, treaties and references (listed on the Sources page)")
    chart = Chart(fig, "institutional-reach" + ("-looser-ties" if loose else ""), selection,
                  describe.reach(reach, names, len(f.countries), selection))
    return ReachView(count, chart, csv_bytes(rivalry.reach_table(reach, names, data.organisations)))


@dataclass(frozen=True)
class BasesView:
    source: str
    chart: Chart
    table: pd.DataFrame | None
    csv: bytes


def rivalry_bases(data: Bundle, f: Filters, today: date) -> BasesView:
    """Foreign bases in the selected states during the selected years."""
    names = data.country_names()
    selection = filters.describe(f, names)
    bases = rivalry.bases_in_view(data.bases, f)
    source = query.cite_short(data.sources, bases["source_id"])
    spans = rivalry.bases_timeline(bases, names, pd.Timestamp(today))
    fig = rivalry_figures.bases_figure(spans, f.years, pd.Timestamp(today), names, f"{selection} · unit: years of use",
                                       f"bases.csv, from {source}" if not bases.empty else "bases.csv")
    chart = Chart(fig, "foreign-bases", selection, describe.bases(spans, f.countries, names, selection))
    table = None if bases.empty else rivalry.bases_table(bases, names, data.sources)
    return BasesView(source if not bases.empty else "bases.csv", chart, table,
                     b"" if table is None else csv_bytes(table))


@dataclass(frozen=True)
class IndicatorChoice:
    countries: tuple[str, ...]
    years: tuple[int, ...]
    default_base_year: int


def rivalry_indicator_choice(data: Bundle, f: Filters, indicator_id: str, with_powers: bool) -> IndicatorChoice:
    """What the base-year choice needs before the indicator chart can be drawn."""
    countries = rivalry.indicator_countries(f, with_powers)
    s = rivalry.series(data.indicators, indicator_id, countries, f.years)
    return IndicatorChoice(countries, tuple(range(f.years[0], f.years[1] + 1)), rivalry.default_base_year(s))


@dataclass(frozen=True)
class IndicatorView:
    source: str
    unit: str
    price_basis: str
    chart: Chart
    csv: bytes


def rivalry_indicator(data: Bundle, f: Filters, indicator_id: str, with_powers: bool,
                      base_year: int | None) -> IndicatorView:
    """Military spending of the selected states (and the powers), as reported or as an index."""
    names = data.country_names()
    countries = rivalry.indicator_countries(f, with_powers)
    s = rivalry.series(data.indicators, indicator_id, countries, f.years)
    chart = s.frame if base_year is None else rivalry.to_index(s.frame, base_year)
    ind = s.indicator
    unit = ind.unit if base_year is None else f"index, {base_year} = 100"
    who = filters.describe(Filters.make(countries, f.years, f.bounds), names)
    fig = rivalry_figures.indicator_figure(chart, ind, countries, names, base_year, f"{who} · unit: {unit}",
                                           f"{ind.edition}, via Our World in Data")
    return IndicatorView(
        query.source_label(data.sources, ind.source_id), unit, ind.price_basis,
        Chart(fig, ind.indicator_id + ("" if base_year is None else f"-index-{base_year}"), who,
              describe.indicator(chart, ind, countries, names, who, base_year)),
        csv_bytes(rivalry.indicator_table(s.frame, ind, names, base_year)))


# ---- alliance map ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MapView:
    subtitle: str
    words: str  # the map's description
    items: tuple[tuple[str, str], ...]  # legend (label, colour)
    legend_markdown: str
    clashes: tuple[str, ...]
    day_words: str
    shown: tuple[str, ...]
    matrix: Chart | None
    sets: Chart | None
    download_name: str
    csv: bytes


def _map_table(data: Bundle, f: Filters, year: int, rivals: bool, mode: str, org: str, orgs: tuple[str, ...],
               today: date):
    snap = alliances.snapshot(data, f, year, rivals, today=today)
    return snap, alliances.map_table(snap, data.countries, mode, org, list(orgs))


def alliance_page(data: Bundle, f: Filters, year: int, rivals: bool, mode: str, org: str, orgs: tuple[str, ...],
                  today: date) -> MapView:
    """Everything on the alliance map page but the two maps: legend, descriptions, role matrix, set chart."""
    snap, table = _map_table(data, f, year, rivals, mode, org, orgs, today)
    subtitle = alliances.describe(snap, f)
    words = describe.alliance_map(table, mode, org, list(orgs), subtitle)
    items = map_figures.legend(table, mode, alliances.roles_in(data.memberships, org), len(orgs))
    shown = alliances.shown_orgs(data.organisations, mode, org, list(orgs))
    defence = alliances.defence_orgs(data.organisations)
    matrix = sets = None
    csv = b""
    if shown:
        source = alliances.source_words(snap, shown)
        grid = alliances.matrix(snap.roles(shown))
        matrix = Chart(map_figures.matrix_figure(grid, snap.names, defence, "Roles in each organisation", subtitle,
                                                 source),
                       "alliance-roles", subtitle, describe.roles_matrix(grid, snap.names, subtitle))
        if orgs:
            combos = alliances.combinations(snap.roles(list(orgs)), snap.names)
            sets = Chart(map_figures.upset_figure(combos, list(orgs), defence,
                                                  "Which combinations of the chosen organisations occur", subtitle,
                                                  source),
                         "alliance-combinations", subtitle, describe.set_overlap(combos, list(orgs), subtitle))
        csv = csv_bytes(alliances.download_rows(snap, shown, data.sources))
    return MapView(subtitle, words, tuple(items), map_figures.legend_markdown(items),
                   tuple(alliances.clash_words(alliances.double_defence(snap))),
                   alliances.day_words(snap.day, today), tuple(shown), matrix, sets,
                   f"turan-memberships-{snap.day:%Y-%m-%d}.csv", csv)


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


def alliance_deck(data: Bundle, f: Filters, year: int, rivals: bool, mode: str, org: str, orgs: tuple[str, ...],
                  today: date) -> SerialisedDeck:
    """The interactive map (pydeck), serialised once however often it is drawn."""
    _, table = _map_table(data, f, year, rivals, mode, org, orgs, today)
    return SerialisedDeck.of(map_figures.deck(alliances.read_shapes(), table, data.countries, mode))


def alliance_twin(data: Bundle, f: Filters, year: int, rivals: bool, mode: str, org: str, orgs: tuple[str, ...],
                  today: date) -> Chart:
    """The exportable map: the same map drawn by plotly."""
    page = alliance_page(data, f, year, rivals, mode, org, orgs, today)
    snap, table = _map_table(data, f, year, rivals, mode, org, orgs, today)
    labels = alliances.org_labels(data.organisations)
    fig = map_figures.twin_figure(alliances.read_shapes(), table, mode, list(page.items),
                                  map_figures.map_title(mode, labels[org], list(orgs)), page.subtitle,
                                  alliances.source_words(snap, [org] if mode == alliances.ONE else list(orgs)))
    return Chart(fig, f"alliance-map-{org if mode == alliances.ONE else 'overlap'}", page.subtitle, page.words)


# ---- scenario ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ScenarioView:
    view: str
    summary_markdown: str
    chart: Chart
    cards: tuple[tuple[str, str, str, str], ...]  # (name, status, obstacles markdown, enablers markdown)
    csv: bytes


@dataclass(frozen=True)
class ScenarioChoices:
    choices: dict[str, str]  # the "what if" departures on offer: key -> words
    recorded: ScenarioView | None  # the page with no departure (None without candidates)


def scenario_choices(data: Bundle, candidates: tuple[str, ...], year: int, today: date) -> ScenarioChoices:
    """The "what if" departures on offer for the candidates in the year (from the recorded memberships), and the
    page as recorded: both come from the one factor table, so the page's first view computes it once."""
    recorded = scenario.factors(data, list(candidates), year, today=today)
    choices = scenario.leave_options(data, list(candidates), year, today=today, table=recorded)
    page = _scenario_view(data, candidates, year, (), today, recorded) if candidates else None
    return ScenarioChoices(choices, page)


def scenario_page(data: Bundle, candidates: tuple[str, ...], year: int, leave: tuple[str, ...],
                  today: date) -> ScenarioView:
    """The coalition test: summary, matrix, member cards and the download, for candidates, year and departures."""
    departures = tuple(scenario.Departure.parse(k) for k in leave)
    return _scenario_view(data, candidates, year, departures, today,
                          scenario.factors(data, list(candidates), year, departures, today=today))


def _scenario_view(data: Bundle, candidates: tuple[str, ...], year: int, departures: tuple, today: date,
                   table: pd.DataFrame) -> ScenarioView:
    names = data.country_names()
    chosen = list(candidates)
    summary = scenario.summarise(data, chosen, year, departures, today=today, table=table)
    view = scenario.describe(chosen, year, departures, names, today=today)
    grid = scenario.matrix(table, chosen, names)
    fig = scenario_figures.matrix_figure(table, grid, view, "obligations.csv, memberships.csv, bases.csv, events.csv, "
                                         "aid.csv (each factor's source: Turan Dashboard, Sources page)")
    cards, bullets = [], scenario.every_card_line(table)
    for iso3 in scenario.members(chosen):
        lines = [bullets.get((iso3, effect), []) for effect in (scenario.OBSTACLE, scenario.ENABLER)]
        cards.append((names[iso3], scenario.status_words(summary, iso3),
                      *("\n".join(found) if found else "- None in the data." for found in lines)))
    return ScenarioView(view, "\n".join(scenario.summary_lines(summary, names)),
                        Chart(fig, "scenario-matrix", view, describe.scenario_matrix(table, grid, summary, view)),
                        tuple(cards), csv_bytes(scenario.download_table(table, year, departures)))


def scenario_assessment(data: Bundle, parts: tuple[str, ...]) -> list[tuple[str, str]]:
    """The paper's own assessment, heading and bullets, for the given parts (independent of the filters)."""
    return list(scenario.assessment_markdown(data.assessment, data.sources, parts))
