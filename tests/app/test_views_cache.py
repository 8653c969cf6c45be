"""The computed views are cached per data version and arguments (turan.ui.view): a cached view must follow the
data when a file changes, must follow the filters, and must not be changed by drawing it."""

from __future__ import annotations

import json
import os
from datetime import date

from apphelp import run_page
from datahelp import read_rows, set_cell

from turan import alliances, charts, filters, load
from turan.charts import aid as aid_charts
from turan.charts import alliances as alliance_charts
from turan.figures import alliance_map, common
from turan.views import aid as aid_views
from turan.views import alliances as alliance_views


def _expander_texts(at) -> str:
    """The page's markdown as read (the descriptions under the charts are escaped markdown)."""
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def test_a_changed_data_file_is_seen_without_a_restart(data_copy, monkeypatch):
    monkeypatch.setenv("TURAN_DATA_DIR", str(data_copy))
    at = run_page("aid.py", {"countries": ["Kazakhstan"]})
    assert not at.exception
    assert "$12.8M in all" in _expander_texts(at)
    rows = read_rows(data_copy / "aid.csv")
    line = next(i for i, row in enumerate(rows, 1) if row[0] == "kaz_2003_10_agreement")
    set_cell(data_copy / "aid.csv", line, "amount_usd", "2500000")  # was 1,500,000
    stat = (data_copy / "aid.csv").stat()
    os.utime(data_copy / "aid.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    at.run()
    assert not at.exception
    assert "$13.8M in all" in _expander_texts(at)


def test_the_view_follows_the_filters():
    at = run_page("aid.py", {"countries": ["Kazakhstan"]})
    first = _expander_texts(at)
    at.multiselect(key="countries").set_value(["KGZ"]).run()
    assert not at.exception
    assert "$9.8M in all" in _expander_texts(at) and "$9.8M in all" not in first


def test_presentation_mode_leaves_the_cached_figure_alone():
    """Presentation mode draws an enlarged copy; the shared figure in the cache keeps its own size."""
    at = run_page("aid.py", {"present": "true"})
    assert not at.exception
    data = load.load(load.data_dir())
    f = filters.Filters.make(["AZE", "KAZ", "KGZ", "TKM", "UZB"], (1991, 2026), (1991, 2026))
    fig = aid_views.page(data, f, aid_charts.Options(include_pledged=True), date.today()).totals.figure
    before = fig.to_json()
    for _ in range(2):
        copy = common.for_presentation(fig)
        assert copy.layout.width == common.EXPORT_WIDTH
    assert fig.to_json() == before and fig.layout.width is None


def test_the_serialised_deck_is_the_deck():
    data = load.load(load.data_dir())
    f = filters.Filters.make(["KAZ", "UZB"], (1991, 2026), (1991, 2026))
    day = date(2026, 11, 25)
    options = alliance_charts.Options(year=2010, mode=alliances.OVERLAP, org="CSTO", orgs=("NATO", "CSTO"), rivals=True)
    cached = alliance_views.interactive(data, f, options, day)
    spec = charts.specs("alliances", data, f, options, day)["map"]
    fresh = alliance_map.deck(spec, alliances.read_shapes())
    assert json.loads(cached.to_json()) == json.loads(fresh.to_json())  # the same deck, written more compactly
    assert len(cached.to_json()) < len(fresh.to_json())
    assert cached.to_json() is cached.to_json()  # computed once
    assert [layer.data for layer in cached.layers] == [layer.data for layer in fresh.layers]  # the data is kept
    assert cached._tooltip == fresh._tooltip
