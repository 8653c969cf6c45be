"""Power rivalry: reach from memberships on small hand-made frames, bases, indicators and their index, the
figure builders, and the evidence grid's completeness against the paper's footnotes 18-35."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest
from datahelp import DATA, ROOT

from turan import rivalry, schema
from turan.charts import rivalry as rivalry_charts
from turan.figures import rivalry as figures
from turan.filters import Filters
from turan.load import frame, load
from turan.validate import Row

TODAY = pd.Timestamp("2026-06-30")


@pytest.fixture(scope="module")
def bundle():
    return load(DATA)


def make(table: schema.Table, rows: list[dict]) -> pd.DataFrame:
    """A typed frame of hand-made rows, exactly as the loader builds it."""
    return frame(table, [Row(i + 2, {c: str(r.get(c, "")) for c in table.column_names}) for i, r in enumerate(rows)])


ORGS = make(schema.ORGANISATIONS, [
    {"org_id": "ALLY", "kind": "military_alliance", "led_by": "RUS"},
    {"org_id": "UNION", "kind": "economic_union", "led_by": "RUS"},
    {"org_id": "PROG", "kind": "partnership_programme", "led_by": "USA"},
    {"org_id": "FORUM", "kind": "security_cooperation", "led_by": "CHN"},
    {"org_id": "CLUB", "kind": "political_cooperation", "led_by": "TUR"},
    {"org_id": "FREE", "kind": "political_cooperation", "led_by": ""},
])


def spells(*rows: tuple[str, str, str, str, str]) -> pd.DataFrame:
    return make(schema.MEMBERSHIPS, [dict(zip(("org_id", "iso3", "role", "start", "end"), r)) for r in rows])


def counts(m: pd.DataFrame, power: str, countries=("KAZ", "KGZ", "UZB", "TKM"), years=(1991, 2013),
           **kwargs) -> dict[int, int]:
    r = rivalry.reach(m, ORGS, Filters.make(countries, years, (1991, 2026)), **kwargs)
    return r[r["power"] == power].set_index("year")["count"].to_dict()


def test_spell_starting_inside_the_range_counts_from_its_year_end():
    c = counts(spells(("ALLY", "KAZ", "member", "1995-06-01", "")), "RUS")
    assert [c[y] for y in (1993, 1994, 1995, 2013)] == [0, 0, 1, 1]


def test_spell_ending_inside_the_range_stops_before_its_year_end():
    c = counts(spells(("ALLY", "KAZ", "member", "1990", "1996-03-01")), "RUS")
    assert [c[y] for y in (1991, 1995, 1996, 1997)] == [1, 1, 0, 0]


def test_a_country_that_left_and_rejoined_counts_only_while_in():
    m = spells(("ALLY", "UZB", "member", "1992-05-15", "1999-04-20"),
               ("ALLY", "UZB", "member", "2006-08-16", "2012-12-19"))
    c = counts(m, "RUS")
    assert [y for y, n in c.items() if n] == [*range(1992, 1999), *range(2006, 2012)]


def test_a_frozen_member_counts_only_in_the_loose_reach():
    m = spells(("ALLY", "KAZ", "member", "1992-05-15", "2024-02-22"), ("ALLY", "KAZ", "frozen_member", "2024-02-22", ""))
    strict = counts(m, "RUS", years=(2023, 2025))
    loose = counts(m, "RUS", years=(2023, 2025), loose=True)
    assert strict == {2023: 1, 2024: 0, 2025: 0} and loose == {2023: 1, 2024: 1, 2025: 1}


def test_observers_count_only_when_asked():
    m = spells(("FORUM", "TKM", "observer", "2000", ""), ("FORUM", "KAZ", "member", "2001-06-15", ""))
    assert counts(m, "CHN")[2005] == 1
    assert counts(m, "CHN", loose=True)[2005] == 2
    assert counts(m, "CHN", loose=True)[2000] == 1  # the observer spell began inside 2000


def test_partners_of_a_partnership_programme_are_full_participants():
    m = spells(("PROG", "KGZ", "partner", "1994-06-01", ""), ("FORUM", "UZB", "partner", "1994", ""))
    assert counts(m, "USA")[1994] == 1 and counts(m, "USA")[1993] == 0
    assert counts(m, "CHN")[1995] == 0  # a partner of an ordinary organisation is a looser tie
    assert counts(m, "CHN", loose=True)[1995] == 1


def test_a_state_in_several_of_one_powers_organisations_counts_once_and_says_where():
    m = spells(("ALLY", "KAZ", "member", "1992", ""), ("UNION", "KAZ", "member", "2015-01-01", ""))
    r = rivalry.reach(m, ORGS, Filters.make(["KAZ"], (2014, 2016), (1991, 2026)))
    rus = r[r["power"] == "RUS"].set_index("year")
    assert rus["count"].tolist() == [1, 1, 1]
    assert rus.loc[2014, "via"] == (("ALLY",),) and rus.loc[2016, "via"] == (("ALLY", "UNION"),)
    assert rivalry.state_words(rus.loc[2016, "states"], rus.loc[2016, "via"], {"KAZ": "Kazakhstan"}) == \
        "Kazakhstan (ALLY, UNION)"


def test_unselected_states_turkey_and_unled_organisations_never_count():
    m = spells(("CLUB", "TUR", "member", "2009", ""), ("CLUB", "KGZ", "member", "2009", ""),
               ("CLUB", "AZE", "member", "2009", ""), ("FREE", "KAZ", "member", "1997", ""))
    assert counts(m, "TUR", countries=("KGZ", "KAZ"))[2010] == 1
    r = rivalry.reach(m, ORGS, Filters.make(["KAZ"], (2000, 2000), (1991, 2026)))
    assert r["count"].sum() == 0


def test_the_current_year_is_counted_as_of_today():
    m = spells(("ALLY", "KAZ", "member", "2026-09-01", ""))
    c = counts(m, "RUS", countries=("KAZ",), years=(2025, 2026), as_of=TODAY)
    assert c == {2025: 0, 2026: 0}
    assert counts(m, "RUS", countries=("KAZ",), years=(2025, 2026))[2026] == 1


def test_no_state_selected_gives_zero_everywhere():
    r = rivalry.reach(spells(("ALLY", "KAZ", "member", "1992", "")), ORGS, Filters.make([], (1991, 1995), (1991, 2026)))
    assert len(r) == 5 * 5 and r["count"].sum() == 0


def test_reach_on_the_real_data(bundle):
    f = Filters.make(["AZE", "KAZ", "KGZ", "TKM", "UZB"], (1991, 2026), (1991, 2026))
    r = rivalry.reach(bundle.memberships, bundle.organisations, f, as_of=TODAY)
    c = r.pivot(index="year", columns="power", values="count")
    assert c.loc[1993].to_dict() == {"CHN": 0, "IRN": 5, "RUS": 5, "TUR": 0, "USA": 0}
    assert c.loc[2010].to_dict() == {"CHN": 3, "IRN": 5, "RUS": 4, "TUR": 3, "USA": 5}  # TKM an associate of the CIS
    uzb = rivalry.reach(bundle.memberships, bundle.organisations, Filters.make(["UZB"], (2000, 2007), (1991, 2026)))
    via = uzb[uzb["power"] == "RUS"].set_index("year")["via"]
    assert via[2000] == (("CIS",),) and via[2007] == (("CSTO", "CIS"),)


def test_the_readme_lists_the_organisation_mapping_of_the_data(bundle):
    text = (DATA / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- reach-organisations:start -->")[1].split("<!-- reach-organisations:end -->")[0]
    listed = {}
    for org, power in re.findall(r"^\| ([A-Z, ]+) \| (\w+) \|", block, flags=re.M):
        for o in org.split(", "):
            listed[o] = None if power == "nobody" else power
    expected = dict(zip(bundle.organisations["org_id"], bundle.organisations["led_by"]))
    assert listed == {o: (None if pd.isna(p) else p) for o, p in expected.items()}


# --- evidence grid ---------------------------------------------------------------------------------------

def footnote_numbers(bundle) -> set[int]:
    notes = bundle.sources.set_index("source_id")["paper_footnote"]
    return {int(notes[s]) for s in bundle.rivalry["source_id"] if pd.notna(notes.get(s))}


def test_every_footnote_of_the_crowded_market_section_is_used(bundle):
    assert footnote_numbers(bundle) == set(range(18, 36))


def test_grid_cites_only_the_sections_footnotes_or_the_paper(bundle):
    allowed = {"biro2021"} | {f"biro2021_fn{n}" for n in range(18, 36)}
    assert set(bundle.rivalry["source_id"]) <= allowed
    rows = bundle.sources[bundle.sources["source_id"].str.fullmatch(r"biro2021_fn(1[89]|2\d|3[0-5])")]
    assert sorted(rows["paper_footnote"].astype(int)) == list(range(18, 36))
    assert (rows["kind"] == "paper_footnote").all()


def test_every_power_has_interests_instruments_and_a_stance(bundle):
    have = set(zip(bundle.rivalry["power_iso3"], bundle.rivalry["dimension"]))
    assert {(p, d) for p in ("RUS", "CHN", "USA", "IRN") for d in schema.DIMENSIONS} <= have
    assert set(bundle.rivalry["power_iso3"]) == set(schema.POWERS)


def test_type_only_on_instruments_and_stance_only_on_stances(bundle):
    r = bundle.rivalry
    assert (r["instrument_type"].notna() == (r["dimension"] == "instrument")).all()
    assert (r["stance"].notna() == (r["dimension"] == "stance")).all()


def test_garbled_claims_say_so(bundle):
    garbled = bundle.rivalry[bundle.rivalry["claim_id"].isin(["rus_zone", "chn_huawei_stakes", "irn_arena"])]
    assert garbled["note"].str.contains("lost|Garbled", regex=True).all()


def test_grid_cells_are_escaped_and_say_when_empty(bundle):
    names = bundle.country_names()
    table = rivalry.grid_table(bundle.rivalry, bundle.sources, names)
    usa = rivalry.cell_markdown(rivalry.grid_cells(table, "instrument", "United States"))
    assert "**Economic.** " in usa and "*(fn 26)*" in usa and "Export\\-Import" in usa
    assert usa.index("**Economic") < usa.index("**Institutional") < usa.index("**Cultural")
    assert rivalry.cell_markdown(table.iloc[0:0]) == "*None named in this section.*"
    assert rivalry.types_not_named(table) == ["military"]
    assert table["footnote"].str.fullmatch(r"fn (1[89]|2\d|3[0-5])|main text").all()


# --- bases ---------------------------------------------------------------------------------------------

def test_bases_open_before_they_close(bundle):
    b = bundle.bases.dropna(subset=["closed"])
    assert (b["opened_first"] <= b["closed_last"]).all()
    assert set(bundle.bases["operator_iso3"]) <= set(schema.POWERS)


@pytest.mark.parametrize(
    ("countries", "years", "expected"),
    [
        (["AZE", "KAZ", "KGZ", "TKM", "UZB"], (1991, 2026),
         {"kant_air_base", "manas_transit_center", "karshi_khanabad", "baikonur_lease", "gabala_radar",
          "aghdam_monitoring_rus", "aghdam_monitoring_tur", "karabakh_peacekeepers_rus"}),
        (["AZE"], (2025, 2026), set()),  # the peacekeepers left in June 2024, the monitoring centre closed in April
        (["UZB"], (2006, 2010), set()),  # K2 was vacated in November 2005
        (["UZB"], (2005, 2005), {"karshi_khanabad"}),
        (["KGZ"], (2015, 2020), {"kant_air_base"}),  # Manas closed in June 2014
        (["TJK", "ARM"], (2000, 2003), {"gyumri_102"}),  # the 201st became a base in October 2004
        ([], (1991, 2026), set()),
    ],
)
def test_bases_in_view_follow_the_filters(bundle, countries, years, expected):
    view = rivalry.bases_in_view(bundle.bases, Filters.make(countries, years, (1991, 2026)))
    assert set(view["base_id"]) == expected


def test_bases_timeline_and_table(bundle):
    names = bundle.country_names()
    tl = rivalry.bases_timeline(bundle.bases, names, TODAY).set_index("base_id")
    assert tl.loc["kant_air_base", "ongoing"] and tl.loc["kant_air_base", "end"] == TODAY
    assert tl.loc["manas_transit_center", "end"] == pd.Timestamp("2014-06-03")
    assert tl.loc["karshi_khanabad", "start"] == pd.Timestamp("2001-01-01")  # year precision: first possible day
    assert tl.loc["kant_air_base", "label"] == "Kant air base (999th air base) · Kyrgyzstan"
    table = rivalry.bases_table(bundle.bases, names, bundle.sources).set_index("name")
    assert table.loc["Kant air base (999th air base)", "closed"] == "still in use"
    assert table.loc["Karshi-Khanabad air base (K2)", "opened"] == "2001 (month unknown)"
    assert not table.isna().any().any()


# --- indicators ----------------------------------------------------------------------------------------

def test_indicator_rows_match_their_declaration(bundle):
    ind = bundle.indicators
    for i in schema.INDICATORS:
        rows = ind[ind["indicator_id"] == i.indicator_id]
        assert len(rows) and (rows["unit"] == i.unit).all() and (rows["source_id"] == i.source_id).all()
        assert i.source_id in set(bundle.sources["source_id"])


@pytest.mark.parametrize(
    ("indicator_id", "iso3", "year", "value"),
    [("milex_share_gdp", "KAZ", 2024, 0.42842844), ("milex_share_gdp", "TUR", 1991, 3.7543643),
     ("milex_share_gdp", "UZB", 2018, 2.8666198), ("milex_constant_usd", "RUS", 2024, 150534000000),
     ("milex_constant_usd", "AZE", 1992, 390984960), ("milex_constant_usd", "TKM", 1999, 185757700)],
)
def test_indicator_values_as_transcribed(bundle, indicator_id, iso3, year, value):
    ind = bundle.indicators
    row = ind[(ind["indicator_id"] == indicator_id) & (ind["iso3"] == iso3) & (ind["year"] == year)]
    assert row["value"].tolist() == [value]


def test_series_keeps_gaps_and_names_countries_without_data(bundle):
    s = rivalry.series(bundle.indicators, "milex_share_gdp", ("UZB", "TKM", "TUR"), (2000, 2010))
    assert len(s.frame) == 3 * 11
    uzb = s.frame[s.frame["iso3"] == "UZB"].set_index("year")["value"]
    assert uzb.notna().tolist() == [True] * 4 + [False] * 7  # 2000-2003, nothing after: never interpolated
    assert s.without_data() == ["TKM"]
    assert rivalry.default_base_year(s) == 2000


def test_index_divides_by_the_base_year_and_stays_empty_without_it():
    f = pd.DataFrame({"iso3": ["A", "A", "B", "B"], "year": [2000, 2001, 2000, 2001],
                      "value": [2.0, 3.0, float("nan"), 5.0]})
    out = rivalry.to_index(f, 2000)
    assert out["index"].tolist()[:2] == [100.0, 150.0]
    assert out["index"][2:].isna().all()
    assert math.isnan(rivalry.to_index(f, 1999)["index"][0])


def test_default_base_year_is_the_first_year_every_country_with_data_has(bundle):
    s = rivalry.series(bundle.indicators, "milex_share_gdp", ("KAZ", "KGZ", "TKM"), (1991, 2000))
    assert rivalry.default_base_year(s) == 1994  # TKM starts in 1994


def test_indicator_table_for_download(bundle):
    s = rivalry.series(bundle.indicators, "milex_constant_usd", ("KAZ",), (1992, 1994))
    t = rivalry.indicator_table(s.frame, s.indicator, bundle.country_names(), 1993)
    assert t.columns.tolist() == ["country", "iso3", "year", "value", "unit", "index_1993_100", "edition", "price_basis"]
    assert t["value"].isna().tolist() == [True, False, False] and t["index_1993_100"][1] == 100
    assert (t["price_basis"] == "constant 2023 US dollars (2023 prices and exchange rates)").all()


def test_indicator_countries():
    f = Filters.make(["KAZ"], (2000, 2001), (1991, 2026))
    assert rivalry.indicator_countries(f, False) == ("KAZ", "TUR")
    assert rivalry.indicator_countries(f, True) == ("KAZ", "TUR", "RUS", "CHN", "USA", "IRN")


# --- figures -------------------------------------------------------------------------------------------

def texts_of(fig) -> str:
    return json.dumps(fig.to_plotly_json(), default=str)


def spec_of(bundle, key, countries, years, **options):
    """The rivalry page's chart spec for the selection and options, as the page computes it."""
    f = Filters.make(countries, years, (1991, 2026))
    prepared = rivalry_charts.prepare(bundle, f, rivalry_charts.Options(**options), TODAY.date())
    return rivalry_charts.CHARTS[key](prepared)


def test_reach_figure(bundle):
    spec = spec_of(bundle, "reach", ["KAZ", "UZB"], (1998, 2008))
    r = rivalry.reach(bundle.memberships, bundle.organisations, Filters.make(["KAZ", "UZB"], (1998, 2008),
                                                                             (1991, 2026)))
    pd.testing.assert_frame_equal(spec.frames["reach"], r)
    assert spec.frames["n_states"] == 2
    fig = figures.reach_figure(spec)
    assert len(fig.data) == 5
    rus = fig.data[0]
    assert list(rus.x) == list(range(1998, 2009)) and list(rus.y) == [2] * 11  # both stay in the CIS
    assert {t.marker.symbol for t in fig.data} == {"circle", "square", "diamond", "triangle-up", "star"}
    assert len({t.line.dash for t in fig.data}) == 5
    assert fig.layout.title.text.startswith(rivalry_charts.TITLES["reach"])
    titles = [a.text for a in fig.layout.annotations]
    assert "Russia: CSTO, CIS, EAEU" in titles and "Turkey (reference): OTS, TAKM" in titles
    assert re.fullmatch(r"memberships\.csv, dated from \d+ official pages, treaties and references "
                        r"\(listed on the Sources page\)", spec.source)
    assert any(a.text.startswith("Source: memberships.csv, dated from") for a in fig.layout.annotations)
    assert "Kazakhstan (CSTO, CIS)" in rus.hovertext[0]
    empty = figures.reach_figure(spec_of(bundle, "reach", [], (1998, 2008)))
    assert "No state selected" in empty.layout.annotations[0].text


def test_bases_figure(bundle):
    spec = spec_of(bundle, "bases", ["KGZ"], (2000, 2010))
    assert set(spec.frames["spans"]["base_id"]) == {"kant_air_base", "manas_transit_center"}
    fig = figures.bases_figure(spec)
    assert [t.name for t in fig.data] == ["Russia", "United States", "Russia", "United States", "still in use (hatched)"]
    assert [t.showlegend for t in fig.data[:2]] == [False, False]  # the legend shows plain colours, not hatching
    assert list(fig.data[0].marker.pattern.shape) == ["/"] and list(fig.data[1].marker.pattern.shape) == [""]
    # the operator is written on each bar: its colour is never the only clue
    assert list(fig.data[1].text) == ["United States, 2001–2014"] and list(fig.data[0].text) == ["Russia, 2003–in use"]
    assert fig.layout.title.text.startswith(rivalry_charts.TITLES["bases"])
    empty = figures.bases_figure(spec_of(bundle, "bases", ["UZB"], (2006, 2010)))  # K2 was vacated in 2005
    assert "No recorded foreign base" in empty.layout.annotations[0].text


def test_indicator_figure_keeps_gaps_and_says_no_data(bundle):
    # the indicator always shows Turkey; with the powers it shows the United States too
    spec = spec_of(bundle, "indicator", ["UZB", "TKM"], (2001, 2010), indicator_id="milex_constant_usd",
                   with_powers=True)
    assert spec.frames["countries"][:2] == ("UZB", "TKM") and "USA" in spec.frames["countries"]
    fig = figures.indicator_figure(spec)
    uzb = fig.data[0]
    assert list(uzb.y)[:3] == [45682372.0, 38874936.0, 41137824.0] and list(uzb.y)[3:] == [None] * 7
    assert uzb.connectgaps is False
    assert fig.data[1].name == "Turkmenistan (no data)"
    assert any("No data for Turkmenistan" in a.text for a in fig.layout.annotations)
    assert fig.layout.yaxis.type == "log" and "log scale" in fig.layout.yaxis.title.text
    assert "nan" not in " ".join(h for t in fig.data for h in t.hovertext).lower()
    spec = spec_of(bundle, "indicator", ["KAZ", "UZB"], (2001, 2010), indicator_id="milex_share_gdp", as_index=True,
                   base_year=2005)
    assert spec.frames["base_year"] == 2005 and spec.frames["countries"][:2] == ("KAZ", "UZB")
    fig = figures.indicator_figure(spec)
    assert fig.layout.title.text.startswith("Military expenditure as a share of GDP, index (2005 = 100)")
    assert fig.data[0].y[4] == 100 and "No value in 2005, so no index, for Uzbekistan." in texts_of(fig)
    assert fig.layout.yaxis.type != "log"


def test_no_unsafe_html_in_the_page():
    assert "unsafe_allow_html" not in (ROOT / "pages" / "rivalry.py").read_text(encoding="utf-8")
