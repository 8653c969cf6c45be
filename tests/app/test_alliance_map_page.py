"""The alliance map page through AppTest, run inside the entrypoint: it renders, and the year, the
organisation, the mode and the global country filter change the map's data, the matrix and the set chart."""

from __future__ import annotations

import json

from apphelp import run_page, texts
from datahelp import read_rows, write_rows

from turan import alliances, theme, ui
from turan.views import alliances as views

PAGE = "alliances.py"


def interactive(at):
    """The interactive (deck.gl) map, its tab opened first if it is not (the page opens on the plotly map)."""
    if not at.get("deck_gl_json_chart"):
        at.session_state["map_tab"] = views.TABS[1]
        at.run()
    return at.get("deck_gl_json_chart")[0]


def features(at) -> dict[str, dict]:
    spec = json.loads(interactive(at).proto.json)
    layer = next(layer for layer in spec["layers"] if layer["@@type"] == "GeoJsonLayer")
    return {f["properties"]["iso3"]: f["properties"] for f in layer["data"]["features"]}


def chart(at, index: int) -> dict:
    """The index-th chart under the map (the role matrix, then the combinations)."""
    under = [c for c in at.get("plotly_chart") if c.key != "map_twin"]
    return json.loads(under[index].proto.spec)


def matrix_cells(at) -> dict[tuple[str, str], str]:
    heat = chart(at, 0)["data"][0]
    return {(y, x): t for y, row in zip(heat["y"], heat["text"]) for x, t in zip(heat["x"], row)}


def test_renders_with_defaults():
    at = run_page(PAGE)
    assert not at.exception, at.exception
    assert at.title[0].value == "Alliance map"
    assert at.slider(key="map_year").value == ui.year_bounds()[1]
    assert at.radio(key="map_mode").value == alliances.ONE
    assert at.selectbox(key="map_org").value == alliances.DEFAULT_ORG
    assert at.multiselect(key="map_orgs").value == list(alliances.DEFAULT_ORGS)
    assert not at.get("deck_gl_json_chart")  # the page opens on the plotly map; deck.gl's code loads when asked
    assert len(at.get("plotly_chart")) == 3  # the map, the role matrix, the combinations
    deck = interactive(at).proto
    assert json.loads(deck.tooltip) == {"text": "{tooltip}"}
    assert len(at.get("plotly_chart")) == 2
    assert "Natural Earth's de facto lines" in texts(at)
    assert "Mutual-defence clause: NATO (North Atlantic Treaty, Article 5)" in texts(at).replace("\\", "")
    assert at.get("download_button")


def test_year_changes_the_layer_data_and_the_matrix():
    at = run_page(PAGE)
    at.slider(key="map_year").set_value(2010).run()
    assert features(at)["UZB"]["role"] == "member"
    assert features(at)["UZB"]["fill"] == theme.rgba(theme.role_colour("member"))
    assert matrix_cells(at)[("Uzbekistan", "CSTO ◆")] == "member"
    assert matrix_cells(at)[("Kazakhstan", "OTS")] == "member"
    at.slider(key="map_year").set_value(2000).run()
    assert features(at)["UZB"]["role"] == alliances.NO_ROLE
    assert features(at)["UZB"]["fill"] == theme.rgba(theme.role_colour(alliances.NO_ROLE))
    assert matrix_cells(at)[("Uzbekistan", "CSTO ◆")] == "–"
    assert matrix_cells(at)[("Kazakhstan", "OTS")] == "–"  # the Turkic Council dates from 2009
    assert "as of 31 December 2000" in features(at)["KAZ"]["tooltip"]


def test_step_buttons_move_the_year():
    at = run_page(PAGE)
    at.slider(key="map_year").set_value(2006).run()
    at.button(key="map_year_back").click().run()
    assert at.slider(key="map_year").value == 2005
    assert features(at)["UZB"]["role"] == alliances.NO_ROLE
    at.button(key="map_year_next").click().run()
    at.button(key="map_year_next").click().run()
    assert at.slider(key="map_year").value == 2007
    assert features(at)["UZB"]["role"] == "member"


def test_organisation_changes_the_layer_data():
    at = run_page(PAGE)
    at.slider(key="map_year").set_value(2010).run()
    before = features(at)
    at.selectbox(key="map_org").set_value("OTS").run()
    after = features(at)
    assert (before["AZE"]["role"], after["AZE"]["role"]) == (alliances.NO_ROLE, "member")
    assert (before["RUS"]["role"], after["RUS"]["role"]) == ("member", alliances.NO_ROLE)
    assert after["AZE"]["fill"] != before["AZE"]["fill"]
    assert "OTS" in [x.split()[0] for x in chart(at, 0)["data"][0]["x"]]


def test_overlap_mode_shades_by_count_and_the_set_chart_follows_the_orgs():
    at = run_page(PAGE)
    at.slider(key="map_year").set_value(2010).run()
    at.radio(key="map_mode").set_value(alliances.OVERLAP).run()
    assert at.selectbox(key="map_org").disabled
    assert features(at)["KAZ"]["count"] == 4
    assert features(at)["KAZ"]["fill"] == theme.rgba(theme.overlap_colour(4))
    bars = chart(at, 1)["data"][0]
    assert bars["hovertext"][0] == "CSTO + CIS + SCO + OTS: Kazakhstan, Kyrgyzstan"
    at.multiselect(key="map_orgs").set_value(["NATO", "OTS"]).run()
    assert features(at)["KAZ"]["count"] == 1
    assert chart(at, 1)["data"][0]["hovertext"] == [
        "none of these: Turkmenistan, Uzbekistan, Russia, China, Iran", "OTS: Azerbaijan, Kazakhstan, Kyrgyzstan",
        "NATO + OTS: Turkey", "NATO: United States"]
    assert chart(at, 1)["data"][0]["y"] == [5, 3, 1, 1]


def test_country_filter_changes_what_is_highlighted():
    at = run_page(PAGE, {"countries": ["Kazakhstan"]})
    assert at.multiselect(key="countries").value == ["KAZ"]
    props = features(at)
    assert {c for c, p in props.items() if p["status"] == "in_view"} == {"TUR", "KAZ", "RUS", "CHN", "USA", "IRN"}
    assert props["UZB"]["fill"] == theme.rgba(theme.NOT_SELECTED)
    at.slider(key="map_year").set_value(2020).run()
    assert chart(at, 0)["data"][0]["y"] == ["Turkey", "United States", "Kazakhstan", "Russia", "China", "Iran"]
    at.toggle(key="map_rivals").set_value(False).run()
    props = features(at)
    assert {c for c, p in props.items() if p["status"] == "in_view"} == {"TUR", "KAZ"}
    assert alliances.RIVAL_HIDDEN_TEXT in props["RUS"]["tooltip"]
    at.multiselect(key="countries").set_value(["KAZ", "UZB"]).run()
    assert features(at)["UZB"]["status"] == "in_view"


def test_no_organisation_chosen_says_so():
    at = run_page(PAGE)
    at.radio(key="map_mode").set_value(alliances.OVERLAP).run()
    at.multiselect(key="map_orgs").set_value([]).run()
    assert not at.exception
    assert "Choose at least one organisation to compare." in [i.value for i in at.info]
    assert [chart.key for chart in at.get("plotly_chart")] == ["map_twin"]  # the map alone: no matrix, no sets
    assert all(p["count"] == 0 for p in features(at).values())
    assert not at.get("plotly_chart")  # and with the interactive map open, no plotly chart at all


def test_double_defence_membership_is_flagged(data_copy, monkeypatch):
    rows = read_rows(data_copy / "memberships.csv")
    header = rows[0]
    fake = dict.fromkeys(header, "")
    fake.update(org_id="NATO", iso3="KAZ", role="member", start="2000-01-01", source_id="nato_treaty_1949",
                evidence="public")
    write_rows(data_copy / "memberships.csv", rows + [[fake[c] for c in header]])
    monkeypatch.setenv("TURAN_DATA_DIR", str(data_copy))
    at = run_page(PAGE)
    assert not at.exception and not at.error
    [warning] = at.warning
    assert warning.value.replace("\\", "").startswith("Kazakhstan is a full member of 2 mutual-defence "
                                                     "organisations at once: NATO (North Atlantic Treaty, Article 5)")
    at.slider(key="map_year").set_value(1999).run()
    assert not at.warning


def test_one_organisation_mode_keeps_its_matrix_without_compared_organisations():
    at = run_page(PAGE)
    at.multiselect(key="map_orgs").set_value([]).run()
    assert not at.exception
    assert [x.split()[0] for x in chart(at, 0)["data"][0]["x"]] == ["CSTO"]
    assert [c.key for c in at.get("plotly_chart")] == ["map_twin", "map_matrix"]  # the map and the matrix
    assert "Choose organisations to compare to see which combinations occur." in [i.value for i in at.info]


def test_the_maps_year_starts_at_the_sidebars_last_year_and_follows_it():
    at = run_page("alliances.py", {"years": ["1995", "2010"]})
    assert not at.exception
    assert at.slider(key="map_year").value == 2010
    at.slider(key="map_year").set_value(2003).run()
    assert at.slider(key="map_year").value == 2003  # the reader's own year stays ...
    at.slider(key="years").set_value((1995, 2000)).run()
    assert at.slider(key="map_year").value == 2000  # ... until the sidebar's range ends elsewhere
