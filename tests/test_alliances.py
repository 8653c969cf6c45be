"""Memberships as of a year, overlaps, combinations, the double-defence flag, and the map's figures."""

from __future__ import annotations

import copy
import csv
import dataclasses
from datetime import date

import pandas as pd
import pytest
from datahelp import DATA

from turan import alliances, dates, theme
from turan.charts import alliances as alliance_charts
from turan.figures import alliance_map as fm
from turan.filters import Filters
from turan.load import load

TODAY = date(2026, 3, 15)  # a fixed "today" so tests do not depend on the calendar
BOUNDS = (1991, TODAY.year)
TURKIC = ("AZE", "KAZ", "KGZ", "TKM", "UZB")


@pytest.fixture(scope="module")
def bundle():
    return load(DATA)


@pytest.fixture(scope="module")
def shapes():
    return alliances.read_shapes(DATA / "geo" / "countries.geojson")


def partners(bundle) -> tuple[str, ...]:
    c = bundle.countries
    return tuple(c.loc[(c["iso3"] != "TUR") & (c["group"] != "rival_power"), "iso3"])


def snap(bundle, year, countries=TURKIC, rivals=True):
    return alliances.snapshot(bundle, Filters.make(countries, BOUNDS, BOUNDS), year, rivals, today=TODAY)


def role(bundle, iso3, org, year, countries=TURKIC):
    return snap(bundle, year, countries).roles([org]).loc[iso3, org]


# --- the "as of" rule -------------------------------------------------------------------------------

def test_a_year_means_31_december_and_the_current_year_means_today():
    assert alliances.as_of(2010, TODAY) == pd.Timestamp("2010-12-31")
    assert alliances.as_of(TODAY.year, TODAY) == pd.Timestamp(TODAY)
    assert alliances.day_words(pd.Timestamp(TODAY), TODAY) == "15 March 2026 (today)"
    assert alliances.day_words(pd.Timestamp("2010-12-31"), TODAY) == "31 December 2010"


@pytest.mark.parametrize(("year", "expected"), [
    (1991, None),       # before the Tashkent treaty (15 May 1992)
    (1992, "member"),
    (1998, "member"),
    (1999, None),       # the treaty lapsed for Uzbekistan on 20 April 1999
    (2005, None),
    (2006, "member"),   # restored 16 August 2006
    (2011, "member"),
    (2012, None),       # suspended 19 December 2012
    (2020, None),
])
def test_uzbekistan_leaves_and_rejoins_the_csto(bundle, year, expected):
    assert role(bundle, "UZB", "CSTO", year) == expected


@pytest.mark.parametrize(("day", "held"), [
    ("2006-08-15", False), ("2006-08-16", True),   # a spell counts from its start day
    ("2012-12-18", True), ("2012-12-19", False),   # and stops on its end day (the day the status changed)
])
def test_spell_boundaries_to_the_day(bundle, day, held):
    spells = bundle.memberships[(bundle.memberships["iso3"] == "UZB") & (bundle.memberships["org_id"] == "CSTO")]
    assert (not alliances.held_on(spells, pd.Timestamp(day)).empty) == held


@pytest.mark.parametrize(("iso3", "org", "year", "expected"), [
    ("TUR", "NATO", 1991, "member"),           # ongoing since 1952
    ("TUR", "NATO", TODAY.year, "member"),
    ("KAZ", "CSTO", TODAY.year, "member"),     # ongoing, empty end
    ("IRN", "SCO", 2022, "observer"),
    ("IRN", "SCO", 2023, "member"),            # observer -> member on 4 July 2023: the new role wins
    ("PAK", "SCO", 2017, "member"),
    ("TKM", "CIS", 2004, "member"),
    ("TKM", "CIS", 2005, "associate"),         # member -> associate in August 2005
    ("AZE", "CIS", 1992, None),                # left in October 1992 (month-only end date)
    ("AZE", "CIS", 1993, "member"),            # back in September 1993
    ("GEO", "CIS", 1993, "member"),            # joined "1993-12": month-only start, counted by 31 December
    ("GEO", "CIS", 2009, None),
    ("MNG", "TAKM", 2013, "member"),
    ("MNG", "TAKM", 2014, None),               # left "2014-03"
    ("UZB", "GUAM", 1999, "member"),           # joined "1999-04"
    ("UZB", "GUAM", 2005, None),
    ("HUN", "PFP", 1999, None),                # PfP spell ends the day NATO membership begins
    ("HUN", "NATO", 1999, "member"),
    ("UZB", "OTS", 2018, None),
    ("UZB", "OTS", 2019, "member"),
    ("ARM", "CSTO", 2023, "member"),
    ("ARM", "CSTO", 2024, "frozen_member"),    # participation frozen on 22 February 2024, still a party
    ("ARM", "CSTO", 2026, "frozen_member"),
])
def test_roles_as_of_a_year(bundle, iso3, org, year, expected):
    assert role(bundle, iso3, org, year, countries=partners(bundle)) == expected


def test_a_handover_day_gives_one_role_only(bundle):
    spells = bundle.memberships[(bundle.memberships["iso3"] == "IRN") & (bundle.memberships["org_id"] == "SCO")]
    held = alliances.held_on(spells, pd.Timestamp("2023-07-04"))
    assert held["role"].tolist() == ["member"]


def _csv_roles(day: pd.Timestamp) -> dict[tuple[str, str], str]:
    """An independent reading of memberships.csv with the documented rule, straight from the text."""
    out = {}
    with (DATA / "memberships.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            start = pd.Timestamp(dates.parse(row["start"]).first)
            end = pd.Timestamp(dates.parse(row["end"]).first) if row["end"] else None
            if start <= day and (end is None or day < end):
                out[(row["iso3"], row["org_id"])] = row["role"]
    return out


def test_every_year_agrees_with_memberships_csv(bundle):
    orgs = list(bundle.organisations["org_id"])
    for year in range(1991, TODAY.year + 1):
        s = snap(bundle, year, countries=partners(bundle))
        table = s.roles(orgs)
        expected = _csv_roles(s.day)
        got = {(c, o): table.loc[c, o] for c in table.index for o in orgs if table.loc[c, o]}
        assert got == {k: v for k, v in expected.items() if k[0] in table.index}, year
        combos = alliances.combinations(s.roles(alliances.DEFAULT_ORGS), s.names)
        assert combos["count"].sum() == len(s.countries), year


# --- countries in view --------------------------------------------------------------------------------

def test_view_is_turkey_then_partners_then_rivals(bundle):
    assert alliances.view_countries(bundle.countries, ("KGZ", "KAZ")) == \
        ("TUR", "KAZ", "KGZ", "RUS", "CHN", "USA", "IRN")
    assert alliances.view_countries(bundle.countries, ("KAZ",), rivals=False) == ("TUR", "KAZ")
    assert alliances.view_countries(bundle.countries, ()) == ("TUR", "RUS", "CHN", "USA", "IRN")


def test_org_order_groups_blocs(bundle):
    assert alliances.org_order(bundle.organisations, bundle.organisations["org_id"]) == \
        ["NATO", "PFP", "CSTO", "CIS", "EAEU", "SCO", "OTS", "TAKM", "ECO", "FIEP", "GUAM"]
    assert alliances.shown_orgs(bundle.organisations, alliances.ONE, "GUAM", ["OTS", "NATO"]) == ["NATO", "OTS", "GUAM"]
    assert alliances.shown_orgs(bundle.organisations, alliances.OVERLAP, "GUAM", ["OTS", "NATO"]) == ["NATO", "OTS"]


# --- overlaps and combinations ---------------------------------------------------------------------------

def test_overlap_counts_2010(bundle):
    s = snap(bundle, 2010)
    counts = alliances.overlap_counts(s.roles(alliances.org_order(bundle.organisations, alliances.DEFAULT_ORGS)))
    assert counts.to_dict() == {"TUR": 2, "AZE": 2, "KAZ": 4, "KGZ": 4, "TKM": 1, "UZB": 3,
                                "RUS": 3, "CHN": 1, "USA": 1, "IRN": 0}  # Iran only an SCO observer: not counted


@pytest.mark.parametrize(("year", "expected"), [
    (1995, {("CSTO", "CIS"): ("AZE", "KAZ", "KGZ", "UZB", "RUS"), ("NATO",): ("TUR", "USA"),
            (): ("CHN", "IRN"), ("CIS",): ("TKM",)}),
    (2010, {("CSTO", "CIS", "SCO", "OTS"): ("KAZ", "KGZ"), ("CSTO", "CIS", "SCO"): ("UZB", "RUS"),
            ("CIS", "OTS"): ("AZE",), ("NATO", "OTS"): ("TUR",), ("CIS",): ("TKM",), ("NATO",): ("USA",),
            ("SCO",): ("CHN",), (): ("IRN",)}),
    (2023, {("CSTO", "CIS", "EAEU", "SCO", "OTS"): ("KAZ", "KGZ"), ("SCO",): ("CHN", "IRN"),
            ("CSTO", "CIS", "EAEU", "SCO"): ("RUS",), ("CIS", "SCO", "OTS"): ("UZB",), ("CIS", "OTS"): ("AZE",),
            ("NATO", "OTS"): ("TUR",), ("CIS",): ("TKM",), ("NATO",): ("USA",)}),
])
def test_combination_counts(bundle, year, expected):
    s = snap(bundle, year)
    combos = alliances.combinations(s.roles(alliances.org_order(bundle.organisations, alliances.DEFAULT_ORGS)), s.names)
    assert {row.orgs: row.iso3 for row in combos.itertuples()} == expected
    assert combos["count"].tolist() == sorted(combos["count"], reverse=True)
    assert (combos["count"] == combos["iso3"].map(len)).all()
    assert combos.loc[combos["orgs"] == (), "label"].tolist() in ([], [alliances.NONE_OF_THESE])


def test_matrix_rows_group_blocs(bundle):
    s = snap(bundle, 1995)
    table = alliances.matrix(s.roles(alliances.org_order(bundle.organisations, alliances.DEFAULT_ORGS)))
    assert list(table.columns) == ["NATO", "CSTO", "CIS", "EAEU", "SCO", "OTS"]
    assert list(table.index) == ["TUR", "USA", "AZE", "KAZ", "KGZ", "UZB", "RUS", "TKM", "CHN", "IRN"]


# --- mutual defence ------------------------------------------------------------------------------------

def test_no_country_in_the_data_holds_two_defence_memberships(bundle):
    for year in range(1991, TODAY.year + 1):
        assert alliances.double_defence(snap(bundle, year, countries=partners(bundle))).empty, year


def test_double_defence_is_flagged_with_the_articles(bundle):
    extra = bundle.memberships.iloc[[0]].copy()
    extra["iso3"], extra["start"], extra["start_first"] = "KAZ", "2000-01-01", pd.Timestamp("2000-01-01")
    fake = dataclasses.replace(bundle, memberships=pd.concat([bundle.memberships, extra], ignore_index=True))
    flagged = alliances.double_defence(snap(fake, 2010))
    assert flagged["iso3"].tolist() == ["KAZ"]
    assert flagged.iloc[0]["orgs"] == ("NATO", "CSTO")
    assert flagged.iloc[0]["articles"][0] == "North Atlantic Treaty, Article 5"
    assert flagged.iloc[0]["articles"][1].startswith("Collective Security Treaty (1992), Article 4")
    [sentence] = alliances.clash_words(flagged)
    assert sentence.startswith("Kazakhstan is a full member of 2 mutual-defence organisations at once: NATO (")
    assert alliances.double_defence(snap(fake, 1999)).empty  # not yet a NATO member


# --- words ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [("1992-05-15", "May 1992"), ("1999-04", "April 1999"), ("1985", "1985")])
def test_date_words(text, words):
    assert alliances.date_words(text) == words


def test_hover_lists_every_membership_with_since_when(bundle):
    orgs = alliances.org_order(bundle.organisations, alliances.DEFAULT_ORGS)
    text = alliances.tooltip(snap(bundle, 2010), "UZB", alliances.ONE, "CSTO", orgs, TODAY)
    assert text.splitlines() == [
        "Uzbekistan, as of 31 December 2010", "CSTO: member", "All its memberships:",
        "• PFP: partner since July 1994",
        "• CSTO: member since August 2006 (earlier: member May 1992 to April 1999)",
        "• CIS: member since December 1991", "• SCO: member since June 2001", "• ECO: member since November 1992"]
    left = alliances.tooltip(snap(bundle, 1999), "UZB", alliances.OVERLAP, "CSTO", orgs, TODAY)
    assert "In 1 of the 6 chosen organisations: CIS" in left
    assert left.endswith("Left during 1999: CSTO (member until April 1999)")
    iran = alliances.tooltip(snap(bundle, 2023), "IRN", alliances.ONE, "SCO", orgs, TODAY)
    assert "• SCO: member since July 2023 (earlier: observer July 2005 to July 2023)" in iran
    assert "• ECO: member since 1985" in iran
    china = alliances.tooltip(snap(bundle, 1995), "CHN", alliances.OVERLAP, "CSTO", orgs, TODAY)
    assert china.splitlines()[1:] == ["No membership in the chosen organisations",
                                      "No role in any organisation recorded here."]


@pytest.mark.parametrize("mode", [alliances.ONE, alliances.OVERLAP])
def test_no_none_or_nan_in_any_tooltip_or_label(bundle, shapes, mode):
    orgs = alliances.org_order(bundle.organisations, alliances.DEFAULT_ORGS)
    for year in range(1991, TODAY.year + 1):
        for countries, rivals in ((TURKIC, True), (partners(bundle), False)):
            s = snap(bundle, year, countries, rivals)
            table = alliances.map_table(s, bundle.countries, mode, "SCO", orgs, TODAY)
            features = fm.features(shapes, table, mode)
            assert all(v is not None and v == v for f in features for v in f["properties"].values())  # no NaN
            texts = [f["properties"]["tooltip"] for f in features]
            texts += [label["text"] for label in fm.labels(table, bundle.countries)]
            assert len(texts) > 46
            for text in texts:
                assert text.strip()
                assert not {"None", "nan", "NaN", "NaT", "{", "}", "<"} & set(text.replace("\n", " ").split()), text
                assert "None" not in text and "nan" not in text.lower().split(), text


# --- the map -------------------------------------------------------------------------------------------

def spec_of(bundle, key, year=2010, mode=alliances.ONE, org="CSTO", countries=TURKIC, rivals=True):
    """The alliance page's chart spec, as the page computes it (the default organisations compared)."""
    f = Filters.make(countries, BOUNDS, BOUNDS)
    options = alliance_charts.Options(year=year, mode=mode, org=org, rivals=rivals)
    return alliance_charts.CHARTS[key](alliance_charts.prepare(bundle, f, options, TODAY))


def deck_json(bundle, shapes, year=2010, mode=alliances.ONE, org="CSTO", countries=TURKIC, rivals=True):
    import json
    spec = spec_of(bundle, "map", year, mode, org, countries, rivals)
    s = snap(bundle, year, countries, rivals)
    table = alliances.map_table(s, bundle.countries, mode, org,
                                alliances.org_order(bundle.organisations, alliances.DEFAULT_ORGS), TODAY)
    pd.testing.assert_frame_equal(spec.frames["table"], table)  # the map draws the table the page computes
    deck = fm.deck(spec, shapes)
    return deck, json.loads(deck.to_json())


def props(spec) -> dict[str, dict]:
    return {f["properties"]["iso3"]: f["properties"] for f in spec["layers"][0]["data"]["features"]}


def test_deck_structure(bundle, shapes):
    deck, spec = deck_json(bundle, shapes)
    assert deck.map_provider is None
    assert spec["mapStyle"] == "__MAP_STYLE__"  # pydeck's "no style given": nothing to fetch
    assert deck._tooltip == {"text": "{tooltip}"}  # plain text, never "html"
    assert [layer["@@type"] for layer in spec["layers"]] == ["GeoJsonLayer", "TextLayer"]
    countries = spec["layers"][0]
    assert countries["pickable"] is True and countries["getFillColor"] == "@@=properties.fill"
    assert countries["lineWidthUnits"] == "pixels"  # a literal, not an accessor expression
    assert spec["layers"][1]["pickable"] is False  # labels never show a "{tooltip}" placeholder
    assert len(countries["data"]["features"]) == len(shapes["features"])
    view = spec["initialViewState"]
    assert 26 < view["longitude"] < 120 and 34 < view["latitude"] < 56


def test_fill_colours_by_role(bundle, shapes):
    _, spec = deck_json(bundle, shapes, year=2010, org="CSTO")
    p = props(spec)
    assert p["KAZ"]["fill"] == theme.rgba(theme.role_colour("member")) and p["KAZ"]["role"] == "member"
    assert p["TKM"]["fill"] == theme.rgba(theme.role_colour(None)) and p["TKM"]["role"] == alliances.NO_ROLE
    assert p["MNG"]["fill"] == theme.rgba(theme.NOT_SELECTED) and p["MNG"]["status"] == "not_selected"
    assert p["POL"]["fill"] == theme.rgba(theme.OUTSIDE_STUDY) and p["POL"]["status"] == "outside_study"
    _, spec = deck_json(bundle, shapes, year=2010, org="SCO")
    p = props(spec)
    assert p["IRN"]["fill"] == theme.rgba(theme.role_colour("observer"))
    _, spec = deck_json(bundle, shapes, year=2015, org="CIS")
    assert props(spec)["TKM"]["fill"] == theme.rgba(theme.role_colour("associate"))


def test_fill_colours_by_overlap_count(bundle, shapes):
    _, spec = deck_json(bundle, shapes, year=2010, mode=alliances.OVERLAP)
    p = props(spec)
    assert p["KAZ"]["count"] == 4 and p["KAZ"]["fill"] == theme.rgba(theme.overlap_colour(4))
    assert p["IRN"]["count"] == 0 and p["IRN"]["fill"] == theme.rgba(theme.overlap_colour(0))
    assert "In 4 of the 6 chosen organisations: CSTO, CIS, SCO, OTS" in p["KAZ"]["tooltip"]


def test_country_filter_and_rivals_switch_decide_what_is_in_view(bundle, shapes):
    _, spec = deck_json(bundle, shapes, countries=("KAZ",), rivals=False)
    p = props(spec)
    assert {c for c, v in p.items() if v["status"] == "in_view"} == {"TUR", "KAZ"}
    assert alliances.RIVAL_HIDDEN_TEXT in p["RUS"]["tooltip"]
    assert alliances.NOT_SELECTED_TEXT in p["UZB"]["tooltip"]
    assert alliances.OUTSIDE_STUDY_TEXT in p["POL"]["tooltip"]


def test_features_do_not_modify_the_shapes(bundle, shapes):
    before = copy.deepcopy(shapes)
    deck_json(bundle, shapes)
    assert shapes == before


def test_labels_stay_inside_the_framed_view(bundle):
    s = snap(bundle, 2010)
    table = alliances.map_table(s, bundle.countries, alliances.ONE, "CSTO", ["CSTO"], TODAY)
    labels = {label["text"].split("\n")[0]: label for label in fm.labels(table, bundle.countries)}
    assert "United States" not in labels  # off the frame
    assert labels["Russia"]["position"][1] <= fm.LABEL_BOX["lat_max"]
    assert labels["Kazakhstan"]["text"] == "Kazakhstan\nmember"


def test_legend(bundle):
    s = snap(bundle, 2010)
    table = alliances.map_table(s, bundle.countries, alliances.ONE, "SCO", ["SCO"], TODAY)
    items = alliance_charts.legend_items(table, alliances.ONE, alliances.roles_in(bundle.memberships, "SCO"), 1)
    assert [label for label, _ in items] == ["member (5)", "observer (1)", "dialogue partner (0)", "no role (4)",
                                             "not in the country selection", "outside the study"]
    markdown = fm.legend_markdown(items)
    assert ':color[member \\(5\\)]{foreground="#FFFFFF" background="#332288"}' in markdown
    assert "<" not in markdown
    # the map's spec carries the same legend (the view as in this test, the default organisations compared)
    spec = spec_of(bundle, "map", 2010, alliances.ONE, "SCO")
    assert [label for label, _ in spec.frames["legend"]] == [label for label, _ in items]


# --- plotly figures ------------------------------------------------------------------------------------

def test_matrix_cells_write_the_roles(bundle):
    s = snap(bundle, 2010)
    table = alliances.matrix(s.roles(alliances.org_order(bundle.organisations, alliances.DEFAULT_ORGS)))
    spec = spec_of(bundle, "matrix", 2010, alliances.OVERLAP)
    pd.testing.assert_frame_equal(spec.frames["grid"], table)
    assert spec.frames["defence"] == alliances.defence_orgs(bundle.organisations)
    fig = fm.matrix_figure(spec)
    heat = fig.data[0]
    assert heat.type == "heatmap" and heat.texttemplate == "%{text}"
    assert list(heat.x) == ["NATO ◆", "CSTO ◆", "CIS", "EAEU", "SCO", "OTS"]
    cells = {(y, x): t for y, row in zip(heat.y, heat.text) for x, t in zip(heat.x, row)}
    assert cells[("Kazakhstan", "CSTO ◆")] == "member"
    assert cells[("Turkmenistan", "CIS")] == "associate member"
    assert cells[("Iran", "SCO")] == "observer"
    assert cells[("Iran", "NATO ◆")] == "–"
    assert "None" not in str(heat.text) and "nan" not in str(heat.customdata)


def test_upset_chart_bars_dots_and_countries(bundle):
    s = snap(bundle, 2010)
    orgs = alliances.org_order(bundle.organisations, alliances.DEFAULT_ORGS)
    combos = alliances.combinations(s.roles(orgs), s.names)
    spec = spec_of(bundle, "sets", 2010)
    assert list(spec.frames["orgs"]) == orgs
    pd.testing.assert_frame_equal(spec.frames["combos"], combos)
    fig = fm.upset_figure(spec)
    bars = fig.data[0]
    assert bars.type == "bar" and list(bars.y) == combos["count"].tolist()
    assert bars.hovertext[0] == "CSTO + CIS + SCO + OTS: Kazakhstan, Kyrgyzstan"
    assert fig.layout.xaxis2.ticktext[0] == "Kazakhstan<br>Kyrgyzstan"
    dots = [t for t in fig.data if t.type == "scatter" and t.mode == "markers"]
    assert [d.y[0] for d in dots] == [5, 4, 3, 2, 1, 0]  # NATO on top, OTS at the bottom
    filled = {orgs[i]: [c != theme.NO_DATA for c in d.marker.color] for i, d in enumerate(dots)}
    for x, combo in enumerate(combos["orgs"]):
        assert {o for o in orgs if filled[o][x]} == set(combo)


def test_download_rows_are_the_spells_behind_the_view(bundle):
    s = snap(bundle, 2010)
    rows = alliances.download_rows(s, ["CSTO", "OTS"], bundle.sources)
    assert set(rows["as_of"]) == {"2010-12-31"}
    assert set(zip(rows["iso3"], rows["org_id"])) == {
        ("TUR", "OTS"), ("KAZ", "CSTO"), ("KAZ", "OTS"), ("KGZ", "CSTO"), ("KGZ", "OTS"), ("UZB", "CSTO"),
        ("AZE", "OTS"), ("RUS", "CSTO")}
    assert rows.loc[rows["iso3"] == "UZB", "start"].tolist() == ["2006-08-16"]
    assert rows["source"].notna().all()
    assert rows["iso3"].tolist()[0] == "TUR"


def test_describe(bundle):
    f = Filters.make(("KAZ", "KGZ"), BOUNDS, BOUNDS)
    s = alliances.snapshot(bundle, f, 2010, today=TODAY)
    assert alliances.view_words(s, f, TODAY) == \
        "Turkey with Kazakhstan, Kyrgyzstan and the rival powers; as of 31 December 2010"
