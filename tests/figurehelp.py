"""Every figure builder with small inputs from the real data: shared by the slide-ready and contrast tests."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from turan import alliances, charts, filters
from turan.charts import alliances as alliance_charts
from turan.charts import scenario as scenario_charts
from turan.figures import aid as aid_figures
from turan.figures import alliance_map, common
from turan.figures import arms as arms_figures
from turan.figures import claims as claims_figures
from turan.figures import rivalry as rivalry_figures
from turan.figures import scenario as scenario_figures
from turan.figures import timeline as timeline_figures
from turan.filters import Filters

TODAY = pd.Timestamp(2026, 11, 25)
BOUNDS = (1991, 2026)
BUILDERS = {  # name -> (chart key, page, builder of the spec)
    "aid.totals_chart": ("aid_totals", "aid", aid_figures.totals_chart),
    "aid.timeline_chart": ("aid_time", "aid", aid_figures.timeline_chart),
    "timeline.figure": ("events", "timeline", timeline_figures.figure),
    "rivalry.reach_figure": ("reach", "rivalry", rivalry_figures.reach_figure),
    "rivalry.bases_figure": ("bases", "rivalry", rivalry_figures.bases_figure),
    "rivalry.indicator_figure": ("indicator", "rivalry", rivalry_figures.indicator_figure),
    "alliance_map.matrix_figure": ("matrix", "alliances", alliance_map.matrix_figure),
    "alliance_map.upset_figure": ("sets", "alliances", alliance_map.upset_figure),
    "alliance_map.twin_figure": ("map", "alliances", lambda spec: alliance_map.twin_figure(spec,
                                                                                          alliances.read_shapes())),
    "scenario.matrix_figure": ("scenario", "scenario", scenario_figures.matrix_figure),
    "arms.time_chart": ("arms_time", "arms", arms_figures.time_chart),
    "arms.shares_chart": ("arms_shares", "arms", arms_figures.shares_chart),
    "arms.state_shares_chart": ("suppliers", "rivalry", arms_figures.state_shares_chart),
    "claims.verdicts_chart": ("verdicts", "claims", claims_figures.verdicts_chart),
}


def options(page: str, countries):
    """The page options the figures are built with: three organisations compared in 2010, the paper's core."""
    if page == "alliances":
        return alliance_charts.Options(year=2010, orgs=("NATO", "CSTO", "SCO"))
    if page == "scenario":
        return scenario_charts.Options([c for c in ("AZE", "KAZ", "KGZ", "UZB") if c in countries] or list(countries))
    return None


def build_all(bundle, countries=("KAZ", "KGZ"), years=(2000, 2010)) -> dict[str, tuple[go.Figure, str]]:
    """Every figure builder with its chart's spec for a small selection of the real data: name -> (figure, the
    subtitle words it must show)."""
    f = Filters.make(list(countries), years, BOUNDS)
    words = filters.in_words(f, bundle.country_names())
    specs = {page: charts.specs(page, bundle, f, options(page, countries), TODAY.date())
             for page in {page for _, page, _ in BUILDERS.values()}}
    out = {}
    for name, (key, page, build) in BUILDERS.items():
        spec = specs[page][key]
        out[name] = build(spec), spec.subtitle.split(" · ")[0]  # the filters (or the view) in words
    out["common.empty"] = common.empty("Nothing here.", "Empty", words, "none"), words
    return out
