"""The figure builders write plotly's JSON as plain dictionaries and build each figure once without plotly's
validation (turan.figures.common.build): here every builder's output, for many selections, goes through plotly's
validating constructor, which raises on a misspelt or invalid property and coerces values to what plotly.js
expects; the JSON that comes out must be the JSON built. The helpers that stand in for make_subplots and
add_vrect must give what those give."""

from __future__ import annotations

import json
from datetime import date

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from datahelp import DATA
from figurehelp import BOUNDS, TODAY, build_all
from plotly.subplots import make_subplots

from turan import load
from turan.charts import aid as aid_charts
from turan.charts import scenario as scenario_charts
from turan.figures import common
from turan.filters import Filters
from turan.views import aid as aid_views
from turan.views import rivalry as rivalry_views
from turan.views import scenario as scenario_views
from turan.views import timeline as timeline_views

TURKIC = ("AZE", "KAZ", "KGZ", "TKM", "UZB")
SELECTIONS = [(("KAZ", "KGZ"), (2000, 2010)), (TURKIC, BOUNDS), (("AZE",), (2015, 2022)), (("UZB", "TKM"), (1991, 2005)),
              (("KGZ",), (2018, 2026)), ((), BOUNDS), (TURKIC, (2023, 2024))]


@pytest.fixture(scope="module")
def bundle():
    return load.load(DATA)


def as_validated(fig: go.Figure) -> dict:
    """The figure's JSON after plotly's validating constructor (raises ValueError on an invalid property)."""
    return json.loads(go.Figure(fig.to_dict()).to_json())


def assert_valid(fig: go.Figure, what: str) -> None:
    assert as_validated(fig) == json.loads(fig.to_json()), f"{what}: plotly's validation changes the figure"


@pytest.mark.parametrize(("countries", "years"), SELECTIONS)
def test_every_builder_writes_valid_plotly_json(bundle, countries, years):
    figures = build_all(bundle, countries, years)
    assert len(figures) >= 10
    for name, (fig, _) in figures.items():
        assert fig.data or name == "common.empty" or fig.layout.annotations, name
        assert_valid(fig, name)
        # The shared template carries the defaults of these trace types only (common.TEMPLATE)
        assert {trace.type for trace in fig.data} <= set(common.TRACE_TYPES), name


def test_the_template_is_plotly_white_for_the_types_drawn():
    white, ours = (pio.templates[name].to_plotly_json() for name in ("plotly_white", common.TEMPLATE))
    assert ours["layout"] == white["layout"]
    assert ours["data"] == {k: v for k, v in white["data"].items() if k in common.TRACE_TYPES}
    assert "bar" in ours["data"] and "scatter" in ours["data"] and "pie" not in ours["data"]
    assert common.build([{"type": "bar", "x": [1], "y": [1]}], {}).layout.template.data.bar  # every figure gets it


@pytest.mark.parametrize(("countries", "years"), [(TURKIC, BOUNDS), (("AZE", "UZB"), (1995, 2026))])
def test_page_figures_write_valid_plotly_json(bundle, countries, years):
    """The views' own variants: the full period (no shaded years), pledges left out, looser ties, an index."""
    f = Filters.make(list(countries), years, BOUNDS)
    today = TODAY.date()
    scenario = scenario_charts.Options(tuple(countries), 2021, ())
    charts = [rivalry_views.reach(bundle, f, True, today).chart, rivalry_views.bases(bundle, f, today).chart,
              rivalry_views.indicator(bundle, f, "milex_constant_usd", True, None, today).chart,
              rivalry_views.indicator(bundle, f, "milex_constant_usd", True, years[0], today).chart,
              timeline_views.page(bundle, f, today).chart, scenario_views.page(bundle, f, scenario, today).chart]
    for pledged in (False, True):
        page = aid_views.page(bundle, f, aid_charts.Options(include_pledged=pledged), today)
        charts += [page.totals, page.over_time]
    for chart in charts:
        assert_valid(chart.figure, chart.spec.key)


def test_an_invalid_property_is_caught():
    """The check above can fail: build() takes a misspelt property silently, validation does not."""
    fig = common.build([{"type": "scatter", "x": [1], "y": [2], "colour": "red"}], {})
    with pytest.raises(ValueError, match="colour"):
        as_validated(fig)
    coerced = common.build([{"type": "bar", "x": [0], "y": [2], "text": [2]}], {})  # validation makes text '2'
    assert as_validated(coerced) != json.loads(coerced.to_json())


@pytest.mark.parametrize(("rows", "spacing", "heights", "titles"), [
    (2, 0.05, [400, 150], None), (5, 0.064, None, ["a", "b", "c", "d", "e"]), (2, 0.04, [0.55, 0.45], None)])
def test_stack_is_make_subplots(rows, spacing, heights, titles):
    made = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=spacing, row_heights=heights,
                         subplot_titles=titles).layout.to_plotly_json()
    made.pop("template")
    assert common.stack(rows, spacing, heights, titles) == json.loads(json.dumps(made))
    one = common.stack(rows, spacing, heights, titles)
    one["xaxis"]["range"] = [0, 1]
    assert "range" not in common.stack(rows, spacing, heights, titles)["xaxis"]  # each call a new dictionary


def test_vrect_is_add_vrect():
    band = {"x0": 1, "x1": 2, "fillcolor": "#EEEEEE", "layer": "below"}
    one = go.Figure().add_vrect(**band, line_width=0).layout.to_plotly_json()["shapes"]
    assert common.vrect(1, 2, "#EEEEEE", layer="below") == one
    stacked = make_subplots(rows=2, cols=1, shared_xaxes=True).add_vrect(**band, line_width=0, row="all", col=1,
                                                                        exclude_empty_subplots=False)
    assert common.vrect(1, 2, "#EEEEEE", rows=2, layer="below") == stacked.layout.to_plotly_json()["shapes"]


def test_built_figures_read_like_validated_ones(bundle):
    """Code that reads a figure (tests, the slides) sees plotly objects either way."""
    fig = build_all(bundle, ("KAZ", "KGZ"), (2000, 2010))["timeline.figure"][0]
    assert common.footer(fig).name == common.FOOTER
    assert fig.layout.xaxis2.type == "date" and list(fig.data[0].x) == [None]
    assert date.fromisoformat(str(fig.layout.xaxis.range[0])[:10]) < date(2000, 1, 1)
