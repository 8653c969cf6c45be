"""The Turan Army scenario: obstacles and enablers on small hand-made bundles (joining, leaving, rules in force,
bases, ties, aid, the 'what if' departures), then the real data against the paper's own list of obstacles, the
treaty rules' data checks, the assessment's words and footnotes, and the matrix figure."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date

import pandas as pd
import pytest
from datahelp import DATA

from turan import scenario, schema
from turan.charts import scenario as scenario_charts
from turan.figures import scenario as figure
from turan.filters import Filters
from turan.load import Bundle, frame, load
from turan.validate import Row

TODAY = date(2026, 6, 30)
D = scenario.Departure


def make(table: schema.Table, rows: list[dict]) -> pd.DataFrame:
    """A typed frame of hand-made rows, exactly as the loader builds it."""
    return frame(table, [Row(i + 2, {c: str(r.get(c, "")) for c in table.column_names}) for i, r in enumerate(rows)])


SOURCES = [{"source_id": s, "citation": f"Citation {s}", "kind": "official"} for s in
           ("src_m", "src_rule", "src_base", "src_event", "src_aid", "src_policy", "src_pact")] + [
    {"source_id": "paper", "citation": "The paper", "kind": "paper"},
    {"source_id": "paper_fn43", "citation": "Lin 2014", "kind": "paper_footnote", "paper_footnote": 43}]
COUNTRIES = [{"iso3": c, "name": n, "group": g, "lat": 0, "lon": 0, "source_id": "src_m"} for c, n, g in (
    ("TUR", "Turkey", "turkic_state"), ("KAZ", "Kazakhstan", "turkic_state"), ("KGZ", "Kyrgyzstan", "turkic_state"),
    ("UZB", "Uzbekistan", "turkic_state"), ("TKM", "Turkmenistan", "turkic_state"),
    ("AZE", "Azerbaijan", "turkic_state"), ("RUS", "Russia", "rival_power"), ("USA", "United States", "rival_power"),
    ("CHN", "China", "rival_power"))]
ORGS = [{"org_id": o, "name": f"{o} name", "founded": "1990", "kind": k, "defence_clause": d, "led_by": lead,
         "description": "d", "source_id": "src_m"} for o, k, d, lead in (
    ("ALLY", "military_alliance", "yes", "RUS"), ("WEST", "military_alliance", "yes", "USA"),
    ("PROG", "partnership_programme", "no", "USA"), ("UNION", "economic_union", "no", "RUS"),
    ("FORUM", "security_cooperation", "no", "CHN"), ("CLUB", "political_cooperation", "no", "TUR"),
    ("SHARED", "economic_cooperation", "no", "RUS"))]
RULES = [
    {"rule_id": "ally_ban", "kind": "no_rival_alliance", "effect": "obstacle", "force": "treaty", "org_id": "ALLY",
     "instrument": "Ally Treaty, Article 1", "start": "1992", "summary": "No other alliances.",
     "source_id": "src_rule"},
    {"rule_id": "ally_defence", "kind": "mutual_defence", "effect": "obstacle", "force": "treaty", "org_id": "ALLY",
     "instrument": "Ally Treaty, Article 4", "start": "1992", "summary": "All for one.", "source_id": "src_rule"},
    {"rule_id": "west_art8", "kind": "no_conflicting_engagement", "effect": "obstacle", "force": "treaty",
     "org_id": "WEST", "instrument": "West Treaty, Article 8", "start": "1949", "summary": "No conflicts.",
     "source_id": "src_rule"},
]
ASSESSMENT = [{"point_id": "s2_core", "paper_part": "section_ii", "topic": "core", "countries": "AZE;KAZ;UZB;KGZ",
               "point": "p", "source_id": "paper"},
              {"point_id": "takm_interoperability", "paper_part": "takm", "topic": "enabler", "point": "q",
               "source_id": "paper_fn43"}]


def bundle(memberships=(), obligations=RULES, bases=(), events=(), aid=()) -> Bundle:
    """A small bundle: the fixed sources, countries, organisations and assessment, and the given rows."""
    def spells(rows):
        return [dict(zip(("org_id", "iso3", "role", "start", "end"), r), source_id="src_m") for r in rows]
    return Bundle(
        sources=make(schema.SOURCES, SOURCES), countries=make(schema.COUNTRIES, COUNTRIES),
        organisations=make(schema.ORGANISATIONS, ORGS), memberships=make(schema.MEMBERSHIPS, spells(memberships)),
        aid=make(schema.AID, list(aid)), events=make(schema.EVENTS, list(events)), rivalry=make(schema.RIVALRY, []),
        bases=make(schema.BASES, list(bases)), indicators=make(schema.INDICATOR_VALUES, []),
        obligations=make(schema.OBLIGATIONS, list(obligations)), assessment=make(schema.ASSESSMENT, ASSESSMENT),
        arms_transfers=make(schema.ARMS_TRANSFERS, []), claims=make(schema.CLAIMS, []))


TURKEY_IN_WEST = ("WEST", "TUR", "member", "1952-02-18", "")


def factors_of(b: Bundle, iso3: str, year: int, candidates=("KAZ",), departures=()) -> dict[str, list[str]]:
    """factor -> short texts of one country's rows."""
    table = scenario.factors(b, candidates, year, departures, today=TODAY)
    rows = table[table["iso3"] == iso3]
    return {f: rows.loc[rows["factor"] == f, "short"].tolist() for f in dict.fromkeys(rows["factor"])}


# --- joining, leaving, rules in force -----------------------------------------------------------------------

def test_no_obstacle_in_the_year_before_a_state_joins():
    b = bundle([("ALLY", "KAZ", "member", "1995-06-01", "")])
    assert "alliance_ban" not in factors_of(b, "KAZ", 1994)
    assert factors_of(b, "KAZ", 1995)["alliance_ban"] == ["ALLY"]


def test_leaving_and_rejoining_follow_the_spells():
    b = bundle([("ALLY", "UZB", "member", "1992-05-15", "1999-04-20"),
                ("ALLY", "UZB", "member", "2006-08-16", "2012-12-19")])
    banned = {y: "alliance_ban" in factors_of(b, "UZB", y, ("UZB",)) for y in (1998, 1999, 2005, 2010, 2012, 2013)}
    assert banned == {1998: True, 1999: False, 2005: False, 2010: True, 2012: False, 2013: False}


def test_a_frozen_membership_keeps_the_treaty_obstacle_and_says_it_is_frozen():
    """A state that declared its participation frozen is still a party: the treaty's ban still binds it, and the
    detail says the participation is frozen and since when."""
    b = bundle([("ALLY", "KAZ", "member", "1992-05-15", "2024-02-22"),
                ("ALLY", "KAZ", "frozen_member", "2024-02-22", "")])
    assert factors_of(b, "KAZ", 2023)["alliance_ban"] == ["ALLY"] == factors_of(b, "KAZ", 2025)["alliance_ban"]
    table = scenario.factors(b, ("KAZ",), 2025, today=TODAY)
    detail = table.loc[(table["iso3"] == "KAZ") & (table["factor"] == "alliance_ban"), "detail"].iloc[0]
    assert "frozen member since February 2024" in detail


def test_alliance_obstacles_name_the_article_and_both_sources():
    b = bundle([("ALLY", "KAZ", "member", "1992-05-15", "")])
    table = scenario.factors(b, ["KAZ"], 2000, today=TODAY)
    ban = table[(table["iso3"] == "KAZ") & (table["factor"] == "alliance_ban")].iloc[0]
    assert ban["article"] == "Ally Treaty, Article 1" and ban["power"] == "RUS" and ban["effect"] == "obstacle"
    assert ban["source_ids"] == ("src_m", "src_rule")
    assert "Ally Treaty, Article 1: No other alliances." in ban["detail"] and "member since May 1992" in ban["detail"]
    assert table.loc[(table["iso3"] == "KAZ") & (table["factor"] == "mutual_defence"), "article"].tolist() == \
        ["Ally Treaty, Article 4"]


def test_a_rule_counts_only_while_in_force_and_only_for_full_members():
    rules = [dict(RULES[0], start="2000-01-01", end="2010-01-01")]
    b = bundle([("ALLY", "KAZ", "member", "1992", ""), ("ALLY", "KGZ", "observer", "1992", "")], obligations=rules)
    assert [y for y in (1999, 2000, 2009, 2010) if "alliance_ban" in factors_of(b, "KAZ", y)] == [2000, 2009]
    assert "alliance_ban" not in factors_of(b, "KGZ", 2005, ("KGZ",))


def test_without_a_rule_row_a_membership_is_no_treaty_obstacle():
    b = bundle([("ALLY", "KAZ", "member", "1992", "")], obligations=[])
    assert not {"alliance_ban", "mutual_defence"} & set(factors_of(b, "KAZ", 2000))


def test_state_policies_pacts_and_their_end():
    rules = RULES + [
        {"rule_id": "tkm_neutral", "kind": "neutrality", "effect": "obstacle", "force": "resolution", "iso3": "TKM",
         "instrument": "Resolution 1", "start": "1995-12-12", "summary": "Neutral.", "source_id": "src_policy"},
        {"rule_id": "old_policy", "kind": "no_blocs", "effect": "obstacle", "force": "policy", "iso3": "TKM",
         "instrument": "Old policy", "start": "1990", "end": "1996", "summary": "No blocs.", "source_id": "src_policy"},
        {"rule_id": "aze_pact", "kind": "bilateral_defence_pact", "effect": "enabler", "force": "treaty",
         "iso3": "AZE", "partner_iso3": "TUR", "instrument": "Pact", "start": "2010-08-16", "summary": "Mutual help.",
         "source_id": "src_pact"}]
    b = bundle(obligations=rules)
    assert factors_of(b, "TKM", 1995, ("TKM",)) == {"policy": ["neutrality", "no blocs"]}
    assert factors_of(b, "TKM", 1996, ("TKM",)) == {"policy": ["neutrality"]}
    assert factors_of(b, "TKM", 1994, ("TKM",)) == {"policy": ["no blocs"]}
    assert factors_of(b, "AZE", 2009, ("AZE",)) == {}
    assert factors_of(b, "AZE", 2010, ("AZE",)) == {"pact": ["2010"]}
    summary = scenario.summarise(b, ["TKM", "AZE"], 1996, today=TODAY)
    assert [(s.iso3, s.status) for s in summary.standings] == [("TUR", "free"), ("TKM", "policy"), ("AZE", "free")]


# --- bases, bodies led by rivals, Turkic bodies, partnership --------------------------------------------------

def test_bases_are_obstacles_while_in_use_and_turkish_ones_enablers():
    bases = [{"base_id": "kant", "host_iso3": "KGZ", "operator_iso3": "RUS", "name": "Kant", "kind": "air_base",
              "opened": "2003-10", "source_id": "src_base"},
             {"base_id": "manas", "host_iso3": "KGZ", "operator_iso3": "USA", "name": "Manas", "kind": "air_base",
              "opened": "2001-12", "closed": "2014-06-03", "source_id": "src_base"},
             {"base_id": "tr", "host_iso3": "KGZ", "operator_iso3": "TUR", "name": "Post", "kind": "monitoring_centre",
              "opened": "2021-01-30", "source_id": "src_base"}]
    b = bundle(bases=bases)
    assert factors_of(b, "KGZ", 2002, ("KGZ",)) == {"foreign_bases": ["USA"]}
    assert factors_of(b, "KGZ", 2003, ("KGZ",)) == {"foreign_bases": ["RUS", "USA"]}
    assert factors_of(b, "KGZ", 2021, ("KGZ",)) == {"foreign_bases": ["RUS"], "turkish_facility": ["TUR"]}
    table = scenario.factors(b, ["KGZ"], 2003, today=TODAY)
    assert table["detail"].tolist()[0] == "Kant: air base run by Russia since October 2003."


def test_rival_led_bodies_count_members_and_observers_but_not_dialogue_partners_or_shared_bodies():
    b = bundle([("UNION", "UZB", "observer", "2020-12-11", ""), ("FORUM", "UZB", "dialogue_partner", "2015", ""),
                ("SHARED", "UZB", "member", "1992", ""), ("SHARED", "TUR", "member", "1985", ""),
                ("FORUM", "KAZ", "member", "2001-06-15", "")])
    assert factors_of(b, "UZB", 2021, ("UZB",)) == {"rival_orgs": ["UNION"]}
    assert factors_of(b, "UZB", 2019, ("UZB",)) == {}
    assert factors_of(b, "KAZ", 2021) == {"rival_orgs": ["FORUM"]}


def test_turkic_bodies_and_partnership_are_enablers_with_the_papers_footnote():
    b = bundle([("CLUB", "KAZ", "member", "2009-10-03", ""), ("PROG", "KAZ", "partner", "1994-05-27", "")])
    assert factors_of(b, "KAZ", 2010) == {"turkic_orgs": ["CLUB"], "pfp": ["PROG"]}
    assert factors_of(b, "KAZ", 2008) == {"pfp": ["PROG"]}
    table = scenario.factors(b, ["KAZ"], 2010, today=TODAY)
    pfp = table[table["factor"] == "pfp"].iloc[0]
    assert pfp["source_ids"] == ("src_m", "paper_fn43") and "footnote 43" in pfp["sources"]


# --- ties and aid up to the year -----------------------------------------------------------------------------

def test_ties_are_counted_up_to_the_year_and_undated_ones_apart():
    events = [{"event_id": f"e{i}", "date": d, "parties": p, "kind": k, "title": f"T{i}", "description": "x",
               "source_id": "src_event", "date_note": "" if d else "lost"} for i, (d, p, k) in enumerate((
                   ("1993-02-23", "TUR;KAZ", "agreement"), ("1996-09", "TUR;KAZ", "protocol"),
                   ("2001", "TUR;KAZ", "agreement"), ("", "TUR;KAZ", "agreement"), ("2000", "KAZ;RUS", "agreement"),
                   ("1999", "TUR;KAZ;UZB", "visit"), ("1998", "TUR", "organisation")))]
    b = bundle(events=events)
    assert factors_of(b, "KAZ", 1996) == {"agreements": ["2, 1 undated"]}
    assert factors_of(b, "KAZ", 2001) == {"agreements": ["3, 1 undated"], "visits": ["1"]}
    assert factors_of(b, "KAZ", 1992) == {"agreements": ["1 undated"]}
    detail = scenario.factors(b, ["KAZ"], 2001, today=TODAY).query("factor == 'agreements'")["detail"].item()
    assert detail.startswith("Agreements and protocols with Turkey dated up to 2001: 3; undated: 1.")
    assert "T2, 2001 (month unknown)" in detail


def test_aid_up_to_the_year_counts_nothing_twice_and_reports_undated_figures_apart():
    aid = [{"aid_id": a, "donor_iso3": "TUR", "recipient_iso3": "UZB", "amount_usd": amt, "basis": basis,
            "commitment": commit, "description": "x", "source_id": "src_aid", **extra}
           for a, amt, basis, commit, extra in (
               ("total", 3300000, "period_total", "delivered", {"period_start": "2002", "period_end": "2004"}),
               ("tranche", 1200000, "agreed", "agreed", {"date": "2002-03", "part_of": "total"}),
               ("loose", 610000, "delivered", "delivered", {"part_of": "total", "date_note": "lost"}),
               ("other", 500000, "delivered", "delivered", {"date_note": "lost"}),
               ("late", 1000000, "agreed", "agreed", {"date": "2008-06"}))]
    b = bundle(aid=aid)
    table = scenario.factors(b, ["UZB"], 2005, today=TODAY)
    row = table[table["factor"] == "aid"].iloc[0]
    assert row["short"] == "$3.3M, $500k undated"
    assert "$3.3M in 1 figure(s) ($3.3M delivered)" in row["detail"]
    assert "Undated, so not placed in any year: $500k in 1 figure(s)." in row["detail"]
    assert scenario.factors(b, ["UZB"], 2008, today=TODAY).query("factor == 'aid'")["short"].item() == "$4.3M, $500k undated"
    assert scenario.factors(b, ["UZB"], 2001, today=TODAY).query("factor == 'aid'")["short"].item() == "$1.11M undated"  # the total is not in view yet, so its undated tranche counts


# --- what if -------------------------------------------------------------------------------------------------

def test_depart_ends_only_the_spell_held_that_day_and_leaves_the_input_alone():
    b = bundle([("ALLY", "UZB", "member", "1992-05-15", "1999-04-20"), ("ALLY", "UZB", "member", "2006-08-16", ""),
                ("ALLY", "KAZ", "member", "1992-05-15", "")])
    day = pd.Timestamp(2010, 12, 31)
    out = scenario.depart(b.memberships, [D("UZB", "ALLY"), D("TKM", "ALLY")], day)
    assert out["end"].fillna("").tolist() == ["1999-04-20", "2010-12-31", ""]
    assert b.memberships["end"].isna().tolist() == [False, True, True]
    assert out.loc[1, "end_first"] == day


def test_what_if_a_candidate_leaves_the_alliance():
    b = bundle([("ALLY", "KAZ", "member", "1992", ""), ("ALLY", "KGZ", "member", "1992", ""), TURKEY_IN_WEST])
    before = scenario.summarise(b, ["KAZ", "KGZ"], 2012, today=TODAY)
    assert [s.status for s in before.standings] == ["limited", "must_leave", "must_leave"]
    assert before.losers == {"RUS": (("KAZ", "ALLY"), ("KGZ", "ALLY"))}
    after = scenario.summarise(b, ["KAZ", "KGZ"], 2012, [D("KAZ", "ALLY")], today=TODAY)
    assert [s.status for s in after.standings] == ["limited", "free", "must_leave"]
    assert after.losers == {"RUS": (("KAZ", "ALLY"), ("KGZ", "ALLY"))}  # Russia still loses Kazakhstan, by choice
    assert "alliance_ban" not in factors_of(b, "KAZ", 2012, departures=[D("KAZ", "ALLY")])
    ended = scenario.depart(b.memberships, [D("KAZ", "ALLY")], pd.Timestamp(2012, 12, 31))  # earlier years keep it
    assert "alliance_ban" in factors_of(dataclasses.replace(b, memberships=ended), "KAZ", 2011)
    lines = "\n".join(scenario.summary_lines(after, b.country_names()))
    assert "**What if:** Kazakhstan leaves the ALLY on 31 December 2012" in lines
    assert "Kyrgyzstan from the ALLY \\(Ally Treaty, Article 1\\)" in lines


def test_turkey_is_the_leader_limited_by_its_alliance_and_can_leave_it_in_a_what_if():
    b = bundle([TURKEY_IN_WEST])
    summary = scenario.summarise(b, [], 2000, today=TODAY)
    assert summary.leader.limits == (("WEST", "West Treaty, Article 8"),)
    lines = scenario.summary_lines(summary, b.country_names())
    assert lines == ["- **Turkey, the leader:** member of the WEST, bound by West Treaty, Article 8. A new alliance "
                     "would have to fit its NATO obligations."]
    gone = scenario.summarise(b, [], 2000, [D("TUR", "WEST")], today=TODAY)
    assert gone.leader.limits == () and gone.losers == {"USA": (("TUR", "WEST"),)}
    assert any("outside NATO" in line for line in scenario.summary_lines(gone, b.country_names()))


def test_leave_options_exist_only_for_obstacles_of_that_year():
    b = bundle([("ALLY", "KAZ", "member", "1995", ""), ("UNION", "KAZ", "member", "2015-01-01", ""),
                ("CLUB", "KAZ", "member", "2009", ""), TURKEY_IN_WEST])
    assert scenario.leave_options(b, ["KAZ"], 1994, today=TODAY) == {"TUR:WEST": "Turkey leaves the WEST"}
    assert scenario.leave_options(b, ["KAZ"], 2015, today=TODAY) == {
        "TUR:WEST": "Turkey leaves the WEST", "KAZ:ALLY": "Kazakhstan leaves the ALLY",
        "KAZ:UNION": "Kazakhstan leaves the UNION"}
    assert D.parse("KAZ:UNION") == D("KAZ", "UNION") and D("KAZ", "UNION").key == "KAZ:UNION"


def test_matrix_cells_and_the_download_never_show_missing_values():
    b = bundle([("ALLY", "KAZ", "member", "1992", ""), ("CLUB", "KAZ", "member", "2009", ""), TURKEY_IN_WEST])
    table = scenario.factors(b, ["KAZ", "UZB"], 2010, today=TODAY)
    grid = scenario.matrix(table, ["KAZ", "UZB"], b.country_names())
    assert list(grid.index) == ["Turkey", "Kazakhstan", "Uzbekistan"] and list(grid.columns) == list(scenario.FACTORS)
    assert grid.loc["Kazakhstan", "alliance_ban"] == "ALLY" and grid.loc["Kazakhstan", "turkic_orgs"] == "CLUB"
    assert (grid.loc["Uzbekistan"] == "").all()
    download = scenario.download_table(table, 2010, [D("KAZ", "UNION")])
    assert download.columns.tolist() == ["year", "country", "iso3", "effect", "factor", "detail", "organisation",
                                         "article", "sources", "source_ids", "what_if"]
    assert not download.isna().any().any() and (download["what_if"] == "KAZ:UNION").all()
    shown = " ".join(download.astype(str).to_numpy().ravel())
    assert not re.search(r"\bNone\b|\bnan\b", shown)


def test_cards_are_escaped_and_say_their_source():
    b = bundle([("ALLY", "KAZ", "member", "1992", "")])
    table = scenario.factors(b, ["KAZ"], 2000, today=TODAY)
    lines = scenario.card_lines(table, "KAZ", scenario.OBSTACLE)
    assert lines[0].startswith("- **Bars other alliances.** ALLY \\(led by Russia\\), member since 1992\\.")
    assert lines[0].endswith("*Source: Citation src\\_m; Citation src\\_rule*")
    assert scenario.card_lines(table, "KAZ", scenario.ENABLER) == []


def test_paper_core_and_defaults():
    b = bundle()
    assert scenario.paper_core(b.assessment) == ("AZE", "KAZ", "UZB", "KGZ")
    assert scenario.default_candidates(b.assessment, ["KGZ", "TKM", "AZE"]) == ["AZE", "KGZ"]
    assert scenario.members(["KAZ", "TUR", "KAZ"]) == ("TUR", "KAZ")


# --- the real data -------------------------------------------------------------------------------------------

CORE = ["AZE", "KAZ", "KGZ", "UZB"]


@pytest.fixture(scope="module")
def data():
    return load(DATA)


def rows_of(table: pd.DataFrame, iso3: str, factor: str) -> pd.DataFrame:
    return table[(table["iso3"] == iso3) & (table["factor"] == factor)]


def test_core_coalition_2021_reproduces_the_papers_obstacles_with_sources(data):
    table = scenario.factors(data, CORE, 2021)
    for iso3 in ("KAZ", "KGZ"):  # in the CSTO, where Russia plays the key role
        ban, defence = rows_of(table, iso3, "alliance_ban"), rows_of(table, iso3, "mutual_defence")
        assert ban["org_id"].tolist() == ["CSTO"] and ban["power"].tolist() == ["RUS"]
        assert "Article 1" in ban["article"].item() and "cst_1992_treaty" in ban["source_ids"].item()
        assert "Article 4" in defence["article"].item() and "cst_1992_treaty" in defence["source_ids"].item()
    nato = table[(table["iso3"] == "TUR") & (table["org_id"] == "NATO")]
    assert nato.set_index("factor")["article"].str.extract(r"(Article \d)")[0].to_dict() == \
        {"mutual_defence": "Article 5", "treaty_limit": "Article 8"}
    assert "nato_treaty_1949_art8" in rows_of(table, "TUR", "treaty_limit")["source_ids"].item()
    summary = scenario.summarise(data, CORE, 2021, table=table)
    assert [s.iso3 for s in summary.group(scenario.MUST_LEAVE)] == ["KAZ", "KGZ"]
    assert summary.losers == {"RUS": (("KAZ", "CSTO"), ("KGZ", "CSTO"))}
    assert summary.leader.status == scenario.LIMITED
    assert {s.iso3: s.status for s in summary.standings[1:]} == {
        "AZE": "policy", "KAZ": "must_leave", "KGZ": "must_leave", "UZB": "policy"}
    assert not rows_of(table, "AZE", "alliance_ban").size and not rows_of(table, "UZB", "alliance_ban").size


def test_every_obstacle_and_enabler_has_known_sources(data):
    known = set(data.sources["source_id"])
    for year in (1995, 2010, 2021, 2026):
        table = scenario.factors(data, ["AZE", "KAZ", "KGZ", "TKM", "UZB", "ARM", "HUN"], year)
        assert table["source_ids"].map(len).gt(0).all()
        assert table["source_ids"].map(lambda ids: set(ids) <= known).all()
        assert not table["sources"].eq("no source").any()
        text = " ".join(table[["short", "detail", "sources"]].astype(str).to_numpy().ravel())
        assert not re.search(r"\bNone\b|\bnan\b|\bNaN\b", text)


@pytest.mark.parametrize(("year", "in_csto"), [(1998, True), (2000, False), (2010, True), (2012, False),
                                               (2013, False), (2021, False)])
def test_uzbekistan_csto_obstacle_follows_its_exits(data, year, in_csto):
    table = scenario.factors(data, ["UZB"], year)
    assert (rows_of(table, "UZB", "alliance_ban")["org_id"].tolist() == ["CSTO"]) is in_csto


def test_uzbekistan_after_2012_is_bound_by_its_own_concept_instead(data):
    assert not rows_of(scenario.factors(data, ["UZB"], 2011), "UZB", "policy").size
    policy = rows_of(scenario.factors(data, ["UZB"], 2013), "UZB", "policy")
    assert policy["short"].tolist() == ["no blocs", "no foreign bases"]
    assert set(policy["source_ids"].sum()) == {"trend_2012_uzb_fp_concept"}


def test_the_record_since_the_paper_weighs_on_both_sides(data):
    """2026: Azerbaijan is allied to Turkey (Shusha) and to Russia (2022); Kazakhstan declared an alliance with
    Russia in November 2025; the ties since 2021 count; none of it shows in 2021's view of the rival side."""
    later = scenario.factors(data, ["AZE", "KAZ"], 2026, today=TODAY)
    assert rows_of(later, "AZE", "pact")["short"].tolist() == ["2010", "2021"]
    assert rows_of(later, "AZE", "rival_ally")["short"].tolist() == ["Russia"]
    assert rows_of(later, "AZE", "rival_ally")["source_ids"].iloc[0] == ("riv_azertag_2022_02_22_aze_rus_declaration",)
    assert rows_of(later, "KAZ", "rival_ally")["short"].tolist() == ["Russia"]
    assert rows_of(later, "KAZ", "rival_treaty")["short"].tolist() == ["China"]  # the 2025 treaty, Article 3
    assert not rows_of(later, "AZE", "rival_treaty").size
    lines = " ".join(scenario.summary_lines(scenario.summarise(data, ["AZE", "KAZ"], 2026, today=TODAY),
                                            data.country_names()))
    assert "Azerbaijan: declared allied with Russia, in CIS" in lines.replace("\\", "")
    assert "Kazakhstan: declared allied with Russia, promised China no alliance against it, bases of Russia" in \
        lines.replace("\\", "")
    earlier = scenario.factors(data, ["AZE", "KAZ"], 2021, today=TODAY)
    assert not rows_of(earlier, "AZE", "rival_ally").size and not rows_of(earlier, "KAZ", "rival_ally").size
    count = {y: int(rows_of(scenario.factors(data, ["AZE"], y, today=TODAY), "AZE", "exercises")["short"].iloc[0]
                    .split(",")[0]) for y in (2020, 2026)}
    assert count[2026] > count[2020] + 10  # the joint exercises since the paper


def test_arms_from_the_register_a_rival_supplying_most_is_an_obstacle_turkish_arms_a_tie(data):
    """SIPRI's register, the five years up to the year: Russia delivered most of Kazakhstan's arms and China most
    of Uzbekistan's in 2022-2026; Turkey delivered part of each, and 41% of Kyrgyzstan's."""
    table = scenario.factors(data, ["KAZ", "KGZ", "UZB"], 2026, today=TODAY)
    assert rows_of(table, "KAZ", "rival_arms")["short"].str.startswith("Russia").all()
    assert rows_of(table, "UZB", "rival_arms")["short"].str.startswith("China").all()
    assert not rows_of(table, "KGZ", "rival_arms").size  # no rival above half
    assert rows_of(table, "KGZ", "turkish_arms")["short"].tolist() == ["41%"]
    assert set(rows_of(table, "KAZ", "turkish_arms")["source_ids"].iloc[0]) == {"sipri_trade_register_2026_05_18"}
    assert "spread evenly over its delivery years" in rows_of(table, "KAZ", "rival_arms")["detail"].iloc[0]
    early = scenario.factors(data, ["UZB"], 2010, today=TODAY)
    assert rows_of(early, "UZB", "rival_arms")["short"].tolist() == ["Russia 100%"]


def test_turkmenistan_shows_its_neutrality(data):
    assert not rows_of(scenario.factors(data, ["TKM"], 1994), "TKM", "policy").size
    policy = rows_of(scenario.factors(data, ["TKM"], 2021), "TKM", "policy")
    assert policy["short"].tolist() == ["neutrality", "no blocs"]
    assert set(policy["source_ids"].sum()) == {"unga_res_50_80_tkm", "tkm_neutrality_law_1995"}
    summary = scenario.summarise(data, ["TKM"], 2021)
    assert summary.standings[1].status == scenario.POLICY
    assert not rows_of(scenario.factors(data, ["TKM"], 2021), "TKM", "alliance_ban").size


def test_2010_core_all_but_azerbaijan_would_leave_the_csto(data):
    summary = scenario.summarise(data, CORE, 2010)
    assert [s.iso3 for s in summary.group(scenario.MUST_LEAVE)] == ["KAZ", "KGZ", "UZB"]
    assert [s.iso3 for s in summary.group(scenario.FREE)] == ["AZE"]
    assert rows_of(scenario.factors(data, ["AZE"], 2010), "AZE", "pact")["short"].tolist() == ["2010"]


def test_what_if_uzbekistan_leaves_the_csto_in_2010_as_it_did_in_2012(data):
    summary = scenario.summarise(data, CORE, 2010, [D("UZB", "CSTO")])
    assert [s.iso3 for s in summary.group(scenario.MUST_LEAVE)] == ["KAZ", "KGZ"]
    assert summary.losers["RUS"] == (("KAZ", "CSTO"), ("KGZ", "CSTO"), ("UZB", "CSTO"))
    assert "UZB:CSTO" in scenario.leave_options(data, CORE, 2010)
    assert scenario.leave_options(data, CORE, 2021)["TUR:NATO"] == "Turkey leaves NATO"


# --- data checks: obligations and assessment -------------------------------------------------------------------

def test_each_rule_binds_an_organisation_or_a_state_and_is_dated_in_order(data):
    o = data.obligations
    assert (o["org_id"].notna() ^ o["iso3"].notna()).all()
    pacts = o["kind"].isin(["bilateral_defence_pact", "allied_declaration", "no_hostile_alliance"])
    assert (o["partner_iso3"].notna() == pacts).all()
    assert (o["end_first"].isna() | (o["start_first"] <= o["end_first"])).all()
    assert ((o["kind"] == "bilateral_defence_pact") == (o["effect"] == "enabler")).all()
    assert (o.loc[pacts, "partner_iso3"] == "TUR").eq(o.loc[pacts, "kind"] == "bilateral_defence_pact").all()
    assert set(o.loc[o["org_id"].notna(), "kind"]) <= set(scenario.ORG_RULE_FACTORS)
    assert set(o.loc[o["iso3"].notna() & (o["effect"] == "obstacle"), "kind"]) <= {*scenario.POLICY_WORDS,
                                                                                    "allied_declaration",
                                                                                    "no_hostile_alliance"}


def test_mutual_defence_rules_match_the_organisations_table(data):
    o, orgs = data.obligations, data.organisations.set_index("org_id")
    defence = o[o["kind"] == "mutual_defence"]
    assert set(defence["org_id"]) == set(orgs.index[orgs["defence_clause"] == "yes"])
    for rule in defence.itertuples():
        article = re.search(r"Article \d+", rule.instrument).group(0)
        assert article in orgs.loc[rule.org_id, "defence_clause_ref"]


def test_the_rules_the_brief_asked_for_are_there_with_treaty_or_official_sources(data):
    o = data.obligations.set_index("rule_id")
    kinds = data.sources.set_index("source_id")["kind"]
    assert {"cst_art1_no_other_alliances", "cst_art4_mutual_defence", "nat_art5_mutual_defence",
            "nat_art8_no_conflicting_engagements", "tkm_neutrality_un_1995", "uzb_concept_no_blocs",
            "aze_nam_2011", "aze_tur_shusha_2021", "aze_tur_2010_mutual_support"} <= set(o.index)
    assert o.loc["aze_tur_shusha_2021", "start"] == "2021-06-15"
    assert o.loc["tkm_neutrality_un_1995", "start"] == "1995-12-12"
    treaties = o[o["force"] == "treaty"]
    assert treaties["source_id"].map(kinds).isin(["treaty", "reference"]).all()
    accessed = data.sources.set_index("source_id").loc[o["source_id"], "accessed"]
    assert accessed.notna().all() and (accessed <= "2026-12-04").all()  # each read in its stored copy, and when


def test_assessment_footnotes_follow_the_first_marker_rule(data):
    a = data.assessment.set_index("point_id")
    assert a["source_id"].to_dict() == {
        "intro_vision_raised": "biro2021", "takm_interoperability": "biro2021_fn43",
        "s2_karabakh_revival": "biro2021_fn44", "s2_akar_visit": "biro2021", "s2_core": "biro2021",
        "s2_great_powers": "biro2021", "s2_exclusive_alliances": "biro2021", "s2_nato_safeguard": "biro2021",
        "s2_karabakh_solidarity": "biro2021_fn46", "concl_foundations": "biro2021", "concl_nato_risk": "biro2021",
        "concl_balancing": "biro2021", "concl_vision": "biro2021"}
    fn = data.sources.set_index("source_id")["paper_footnote"]
    assert [int(fn[s]) for s in ("biro2021_fn43", "biro2021_fn44", "biro2021_fn46")] == [43, 44, 46]
    cites_text = a[a["source_id"] == "biro2021"]
    assert cites_text["note"].notna().all()
    assert scenario.paper_core(data.assessment) == ("AZE", "KAZ", "UZB", "KGZ")
    assert set(a["topic"]) == set(schema.ASSESSMENT_TOPICS)


def test_assessment_markdown_groups_points_with_their_footnotes(data):
    groups = dict(scenario.assessment_markdown(data.assessment, data.sources))
    assert list(groups) == ["Likely core", "What stands in the way", "Verdict", "Why it is discussed", "What helps"]
    assert "*(fn 44)*" in groups["Why it is discussed"] and "*(main text)*" in groups["Verdict"]
    main = scenario.assessment_markdown(data.assessment, data.sources, scenario.ASSESSMENT_MAIN)
    assert [heading for heading, _ in main] == ["Likely core", "What stands in the way", "Verdict"]
    assert groups["Likely core"].count("\n- ") == 0 and "Azerbaijan, Kazakhstan, Uzbekistan and Kyrgyzstan" in \
        groups["Likely core"]


# --- the figure ----------------------------------------------------------------------------------------------

ALL_YEARS = Filters.make(["AZE", "KAZ", "KGZ", "TKM", "UZB"], (1991, 2026), (1991, 2026))


def spec_of(data, candidates, year, leave=()):
    """The scenario page's chart spec, as the page computes it."""
    options = scenario_charts.Options(tuple(candidates), year, tuple(leave))
    return scenario_charts.CHARTS["scenario"](scenario_charts.prepare(data, ALL_YEARS, options, TODAY))


def test_matrix_figure_marks_obstacles_and_enablers_in_colour_and_sign(data):
    table = scenario.factors(data, CORE, 2021, today=TODAY)
    grid = scenario.matrix(table, CORE, data.country_names())
    chart = spec_of(data, CORE, 2021)
    pd.testing.assert_frame_equal(chart.frames["table"], table)
    pd.testing.assert_frame_equal(chart.frames["grid"], grid)
    fig = figure.matrix_figure(chart)
    heat = fig.data[0]
    assert list(heat.x) == ["Turkey", "Azerbaijan", "Kazakhstan", "Kyrgyzstan", "Uzbekistan"]  # states: columns
    assert len(heat.y) == len(grid.columns)  # factors: rows
    kaz = list(heat.x).index("Kazakhstan")
    ban = list(scenario.FACTORS).index("alliance_ban")
    assert heat.z[ban][kaz] == -1 and heat.text[ban][kaz] == "−\u00a0CSTO"
    aid = list(scenario.FACTORS).index("aid")
    assert heat.z[aid][kaz] == 1 and heat.text[aid][kaz].startswith("+\u00a0$")
    assert heat.z[aid][0] == 0 and heat.text[aid][0] == ""
    spec = json.dumps(fig.to_plotly_json(), default=str)
    assert not re.search(r"\bNone\b|\bnan\b|\bNaN\b", " ".join(sum(map(list, heat.hovertext), [])))
    assert "Obstacles" in spec and "Enablers" in spec
    lines = max(len(t.split("<br>")) for row in heat.text for t in row)
    assert fig.layout.height == (figure.ROW_PX + 14 * max(0, lines - 2)) * len(grid.columns) + figure.CHROME_PX
    assert "Obstacles and enablers of a Turkey-led alliance" in fig.layout.title.text
    assert chart.source == scenario_charts.SOURCE
    assert any(a.text.replace("<br>", " ").startswith(f"Source: {scenario_charts.SOURCE}")
               for a in fig.layout.annotations)
    empty = figure.matrix_figure(spec_of(data, (), 2021))
    assert not empty.data
    assert empty.layout.annotations[0].text == "No candidate chosen among the selected states."


@pytest.mark.parametrize(("candidates", "year"), [(("AZE", "KAZ", "KGZ", "UZB"), 2021), (("KAZ",), 1995),
                                                  (("TKM", "UZB"), 2026)])
def test_the_page_as_recorded_comes_with_the_choices_and_is_the_page_without_departures(data, candidates, year):
    """views.scenario.choices computes the factor table once for both; the page it carries is the page itself."""
    from turan.views import scenario as views

    def page_of(leave=()):
        return views.page(data, ALL_YEARS, scenario_charts.Options(candidates, year, leave), TODAY)

    def shown(view):
        """Everything the page shows of a view (its chart spec is a fresh object per view: compared by content)."""
        spec = view.chart.spec
        return (view.view, view.summary_markdown, view.cards, view.csv, view.chart.description,
                view.chart.figure.to_json(), spec.key, spec.title, spec.subtitle, spec.source, spec.source_ids,
                spec.description, spec.empty, spec.export_name, spec.words, spec.csv, spec.note)

    offer = views.choices(data, ALL_YEARS, candidates, year, TODAY)
    page = page_of()
    assert offer.choices == scenario.leave_options(data, list(candidates), year, today=TODAY)
    assert shown(offer.recorded) == shown(page)
    assert offer.recorded.cards and offer.recorded.csv
    left = next(iter(offer.choices))
    assert shown(page_of((left,))) != shown(page)  # a departure changes the page
    assert views.choices(data, ALL_YEARS, (), year, TODAY).recorded is None
