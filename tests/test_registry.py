"""The page registry drives the rest: every chart a page lists has a spec function and a title (turan.charts), a
slide drawer (turan.deck) and nothing else exists beside them; every chart's spec carries what both renderers need."""

from __future__ import annotations

from datetime import date

import pytest

from turan import charts, deck, load, pages
from turan.charts import ChartSpec
from turan.filters import Filters

DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def bundle():
    return load.load(load.data_dir())


def test_every_listed_chart_has_a_spec_function_a_title_and_a_drawer_and_nothing_more():
    for page in pages.with_charts():
        _, makers = charts.makers(page.id)
        drawers, subtitles = deck.drawers(page.id)
        module = __import__(f"turan.charts.{page.id}", fromlist=["CHARTS"])
        assert list(makers) == list(page.charts)
        assert set(module.CHARTS) == set(page.charts) == set(module.TITLES) == set(drawers), page.id
        assert set(subtitles) <= set(page.charts)
    assert list(charts.CATALOGUE) == [key for page in pages.PAGES for key in page.charts]
    assert {e.page for e in charts.CATALOGUE.values()} == {p.id for p in pages.with_charts()}


def test_pages_without_charts_have_no_chart_module():
    for page in pages.PAGES:
        if not page.charts:
            with pytest.raises(ModuleNotFoundError):
                __import__(f"turan.charts.{page.id}")


@pytest.mark.parametrize("countries", [("KAZ", "KGZ"), ("TKM",), ()])
def test_every_spec_carries_what_both_renderers_need(bundle, countries):
    f = Filters.make(list(countries), (2000, 2010), (1991, 2026))
    for page in pages.with_charts():
        specs = charts.specs(page.id, bundle, f, None, DAY)
        assert list(specs) == list(page.charts)
        for key, spec in specs.items():
            assert isinstance(spec, ChartSpec) and spec.key == key
            assert spec.title and spec.subtitle and spec.source and spec.description and spec.export_name, key
            assert spec.words, key
            assert spec.drawable == (spec.empty == ""), key
            assert set(spec.source_ids) <= set(bundle.sources["source_id"]), key
            assert "nan" not in f"{spec.title} {spec.subtitle} {spec.source} {spec.description}".split(), key
            with pytest.raises(TypeError):
                spec.frames["new"] = 1  # a spec is shared by cached views: its frames are read-only


def test_default_options_are_each_pages_own_type():
    for page in pages.with_charts():
        kind = charts.options_type(page.id)
        assert (charts.default_options(page.id) is None) == (kind is None)
        if kind is not None:
            assert isinstance(charts.default_options(page.id), kind)
            hash(charts.default_options(page.id))  # options are part of the view cache's key


def test_the_readme_lists_exactly_the_registered_pages():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert pages.readme_table() in readme
