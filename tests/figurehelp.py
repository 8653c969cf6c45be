"""Every figure builder with small inputs from the real data: shared by the slide-ready and contrast tests."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from turan import aid, alliances, filters, query, rivalry, scenario, schema, timeline
from turan.figures import aid as aid_figures
from turan.figures import alliance_map, common
from turan.figures import rivalry as rivalry_figures
from turan.figures import scenario as scenario_figures
from turan.figures import timeline as timeline_figures
from turan.filters import Filters

TODAY = pd.Timestamp(2026, 11, 25)
BOUNDS = (1991, 2026)


def _aid_inputs(bundle, f):
    names = bundle.country_names()
    rows = aid.annotate(aid.select(bundle.aid, f, True), bundle.aid)
    return names, rows, aid.subtitle(f, names, True), aid.source_line(bundle.sources, rows)


def _snapshot(bundle, f, year=2010):
    snap = alliances.snapshot(bundle, f, year, True, today=TODAY.date())
    return snap, alliances.describe(snap, f, today=TODAY.date())


def build_all(bundle, countries=("KAZ", "KGZ"), years=(2000, 2010)) -> dict[str, tuple[go.Figure, str]]:
    """Every figure builder with small inputs: name -> (figure, the subtitle words it must show)."""
    f = Filters.make(list(countries), years, BOUNDS)
    names = bundle.country_names()
    words = filters.describe(f, names)
    out = {}
    names, rows, sub, src = _aid_inputs(bundle, f)
    out["aid.totals_chart"] = aid_figures.totals_chart(aid.totals(rows, f.countries, bundle.sources), names, "Aid",
                                                       sub, src), words
    items = aid.timeline_items(rows, bundle.sources, names, f.countries, bundle.aid)
    out["aid.timeline_chart"] = aid_figures.timeline_chart(items, names, "Aid over time", sub, src, f.years), words
    events = filters.events(bundle.events, f)
    tl = timeline.build(events, bundle.countries, bundle.sources, f, schema.EVENT_KINDS)
    out["timeline.figure"] = timeline_figures.figure(tl, schema.EVENT_KINDS, words,
                                                     query.cite_short(bundle.sources, events["source_id"])), words
    reach = rivalry.reach(bundle.memberships, bundle.organisations, f, as_of=TODAY)
    out["rivalry.reach_figure"] = rivalry_figures.reach_figure(reach, rivalry.orgs_by_power(bundle.organisations),
                                                               names, len(f.countries), words, "memberships.csv"), words
    bases = rivalry.bases_timeline(rivalry.bases_in_view(bundle.bases, f), names, TODAY)
    out["rivalry.bases_figure"] = rivalry_figures.bases_figure(bases, f.years, TODAY, names, words, "bases.csv"), words
    s = rivalry.series(bundle.indicators, "milex_share_gdp", f.countries, f.years)
    out["rivalry.indicator_figure"] = rivalry_figures.indicator_figure(s.frame, s.indicator, f.countries, names, None,
                                                                       words, "SIPRI"), words
    snap, view = _snapshot(bundle, f)
    orgs = ["NATO", "CSTO", "SCO"]
    defence = alliances.defence_orgs(bundle.organisations)
    out["alliance_map.matrix_figure"] = alliance_map.matrix_figure(alliances.matrix(snap.roles(orgs)), snap.names,
                                                                   defence, "Roles", view, "memberships.csv"), view
    out["alliance_map.upset_figure"] = alliance_map.upset_figure(alliances.combinations(snap.roles(orgs), snap.names),
                                                                 orgs, defence, "Sets", view, "memberships.csv"), view
    table = alliances.map_table(snap, bundle.countries, alliances.ONE, "CSTO", orgs, today=TODAY.date())
    items = alliance_map.legend(table, alliances.ONE, alliances.roles_in(bundle.memberships, "CSTO"), len(orgs))
    out["alliance_map.twin_figure"] = alliance_map.twin_figure(alliances.read_shapes(), table, alliances.ONE, items,
                                                               "Roles in the CSTO", view, "memberships.csv"), view
    candidates = [c for c in ("AZE", "KAZ", "KGZ", "UZB") if c in f.countries] or list(f.countries)
    table = scenario.factors(bundle, candidates, years[1], today=TODAY.date())
    sview = scenario.describe(candidates, years[1], (), names, today=TODAY.date())
    out["scenario.matrix_figure"] = scenario_figures.matrix_figure(
        table, scenario.matrix(table, candidates, names), sview, "obligations.csv, memberships.csv"), sview
    out["common.empty"] = common.empty("Nothing here.", "Empty", words, "none"), words
    return out
