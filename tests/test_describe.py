"""Chart descriptions: exact sentences from small hand-made frames (largest and smallest, ties, one row, an
empty frame, missing values), in the columns each chart's frame has."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from turan import alliances, schema
from turan.describe import aid as describe_aid
from turan.describe import alliances as describe_alliances
from turan.describe import overview as describe_overview
from turan.describe import rivalry as describe_rivalry
from turan.describe import scenario as describe_scenario
from turan.describe import timeline as describe_timeline
from turan.describe import words as describe_words
from turan.overview import Headline
from turan.timeline import Lane

NAN = math.nan
NAMES = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "TKM": "Turkmenistan", "UZB": "Uzbekistan", "TUR": "Turkey",
         "RUS": "Russia", "CHN": "China", "USA": "United States", "IRN": "Iran", "AZE": "Azerbaijan"}
SEL = "Kazakhstan, Kyrgyzstan; 2000 to 2010"


# ---- words -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("items, expected", [
    ([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"),
])
def test_words(items, expected):
    assert describe_words.words(items) == expected


def test_count_and_kinds():
    assert describe_words.count(1, "figure") == "1 figure"
    assert describe_words.count(2, "country", "countries") == "2 countries"
    assert describe_words.kind_count(2, "organisation") == "2 organisation events"
    assert describe_words.kind_count(1, "industry") == "1 defence-industry deal"


def test_extremes_ignore_missing_and_keep_ties():
    assert describe_words.extremes({"A": 2, "B": NAN, "C": 2, "D": 1}) == (["A", "C"], 2.0, ["D"], 1.0)
    high, top, low, bottom = describe_words.extremes({"A": None, "B": NAN})
    assert (high, low) == ([], []) and math.isnan(top) and math.isnan(bottom)


# ---- aid totals (aid.totals) ---------------------------------------------------------------------------------

def totals(*rows) -> pd.DataFrame:
    """(iso3, commitment, amount, figures, unknown[, open]) rows for every recipient and commitment, as aid.totals
    gives; `open` is the part of the amount that may sit inside a total (0 when not given)."""
    return pd.DataFrame([{"recipient_iso3": r[0], "commitment": r[1], "amount_usd": float(r[2]), "figures": r[3],
                          "unknown": r[4], "items": [], "sources": "", "checks": [],
                          "open_usd": float(r[5]) if len(r) > 5 else 0.0, "open_items": []} for r in rows],
                        columns=["recipient_iso3", "commitment", "amount_usd", "figures", "unknown", "items",
                                 "sources", "checks", "open_usd", "open_items"])


def test_aid_totals_largest_smallest_and_who_has_none():
    frame = totals(("KAZ", "delivered", 1.3e6, 1, 0), ("KAZ", "agreed", 11.5e6, 2, 0),
                   ("KGZ", "delivered", 2e6, 1, 0), ("KGZ", "agreed", 0, 0, 0),
                   ("TKM", "delivered", 0, 0, 0), ("TKM", "agreed", 0, 0, 0))
    assert describe_aid.totals(frame, NAMES, SEL) == (
        "Turkish military aid by recipient, Kazakhstan, Kyrgyzstan; 2000 to 2010: $14.8M in all, from 4 figures "
        "summed as reported without counting any twice. Largest: Kazakhstan, $12.8M ($1.3M delivered, $11.5M "
        "agreed); smallest: Kyrgyzstan, $2M (all delivered). No recorded aid for Turkmenistan in this period.")


def test_aid_totals_give_a_range_where_containment_is_open():
    frame = totals(("KAZ", "delivered", 1.3e6, 1, 0, 1.3e6), ("KAZ", "agreed", 11.5e6, 2, 0, 1.5e6),
                   ("KGZ", "delivered", 2e6, 1, 0))
    assert describe_aid.totals(frame, NAMES, SEL) == (
        "Turkish military aid by recipient, Kazakhstan, Kyrgyzstan; 2000 to 2010: $12M–$14.8M in all, from 4 figures "
        "summed as reported without counting any twice, the range because the paper leaves open whether some "
        "figures sit inside a total also shown. Largest: Kazakhstan, $10M–$12.8M ($1.3M delivered, $11.5M agreed); "
        "smallest: Kyrgyzstan, $2M (all delivered).")


def test_aid_totals_ties():
    two = totals(("KAZ", "delivered", 1e6, 1, 0), ("KGZ", "delivered", 1e6, 1, 0))
    assert describe_aid.totals(two, NAMES, SEL).split(". ")[1] == "Kazakhstan and Kyrgyzstan both have $1M."
    three = totals(("KAZ", "agreed", 2e6, 1, 0), ("KGZ", "agreed", 2e6, 1, 0), ("UZB", "agreed", 1e6, 1, 0))
    assert describe_aid.totals(three, NAMES, SEL).endswith(
        "Largest: Kazakhstan and Kyrgyzstan, $2M each; smallest: Uzbekistan, $1M.")


def test_aid_totals_single_recipient_and_unknown_amounts():
    frame = totals(("KGZ", "delivered", 2e6, 1, 0), ("KGZ", "agreed", 3.3e6, 3, 0), ("KGZ", "pledged", 0, 1, 1))
    assert describe_aid.totals(frame, NAMES, "Kyrgyzstan; 2000 to 2010") == (
        "Turkish military aid by recipient, Kyrgyzstan; 2000 to 2010: $5.3M in all, from 5 figures summed as "
        "reported without counting any twice. Only Kyrgyzstan has a recorded amount: $5.3M ($2M delivered, $3.3M "
        "agreed). 1 pledged figure for Kyrgyzstan has no known amount and is listed, not summed.")


def test_aid_totals_only_unknown_amounts():
    frame = totals(("KGZ", "pledged", 0, 2, 2))
    assert describe_aid.totals(frame, NAMES, SEL) == (
        "Turkish military aid by recipient, Kazakhstan, Kyrgyzstan; 2000 to 2010: 2 figures, none with a known "
        "amount. 2 pledged figures for Kyrgyzstan have no known amount and are listed, not summed.")


@pytest.mark.parametrize("frame", [totals(), totals(("KAZ", "delivered", 0, 0, 0))])
def test_aid_totals_empty(frame):
    assert describe_aid.totals(frame, NAMES, SEL) == (
        "Turkish military aid by recipient, Kazakhstan, Kyrgyzstan; 2000 to 2010: no recorded aid for this selection.")


# ---- aid over time (aid.timeline_items) ----------------------------------------------------------------------

def item(aid_id, iso3, kind, amount, when, at=None, start=None, end=None, inside="", basis="single delivery"):
    ts = lambda x: pd.Timestamp(x) if x else pd.NaT  # noqa: E731
    return {"aid_id": aid_id, "recipient_iso3": iso3, "recipient": NAMES[iso3], "kind": kind, "at": ts(at),
            "start": ts(start), "end": ts(end), "amount_usd": amount,
            "amount": "no data" if math.isnan(amount) else f"${amount / 1e6:g}M", "when": when, "basis": basis,
            "commitment": "delivered", "description": "", "source": "", "inside": inside}


def items(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["aid_id", "recipient_iso3", "recipient", "kind", "at", "start", "end",
                                             "amount_usd", "amount", "when", "basis", "commitment", "description",
                                             "source", "inside"])


def test_aid_over_time_span_extremes_and_gaps():
    frame = items(item("a", "KAZ", "point", 1.5e6, "March 2001", at="2001-03-16"),
                  item("b", "KAZ", "span", 10e6, "2002 to 2004", start="2002-01-01", end="2004-12-31",
                       basis="total over a period"),
                  item("c", "KGZ", "point", NAN, "May 2007", at="2007-05-16"),
                  item("d", "KGZ", "point", 0.5e6, "2003", at="2003-07-02", inside="the 2002 to 2004 total of $10M"),
                  item("e", "KGZ", "undated", 1e6, "date unknown"))
    assert describe_aid.over_time(frame, NAMES, SEL, ("KAZ", "KGZ", "TKM")) == (
        "Turkish military aid over time, Kazakhstan, Kyrgyzstan; 2000 to 2010: 5 figures: 3 at a date, 1 over a "
        "period and 1 without a date, listed under the chart. The dated ones fall between 2001 and 2007; the "
        "largest is $10M (Kazakhstan, 2002 to 2004), the smallest $500k (Kyrgyzstan, 2003). No recorded aid for "
        "Turkmenistan in this period; 1 figure has no known amount; 1 figure sits inside a total shown and is not "
        "added (amount in brackets).")


def test_aid_over_time_ties_single_and_empty():
    tie = items(item("a", "KAZ", "point", 1e6, "2001", at="2001-07-02"),
                item("b", "KGZ", "point", 1e6, "2003", at="2003-07-02"))
    assert describe_aid.over_time(tie, NAMES, SEL, ("KAZ", "KGZ")) == (
        "Turkish military aid over time, Kazakhstan, Kyrgyzstan; 2000 to 2010: 2 figures, all at a date. The dated "
        "ones fall between 2001 and 2003; every known amount is $1M.")
    one = items(item("a", "KGZ", "point", 2e6, "October 2000", at="2000-10-16"))
    assert describe_aid.over_time(one, NAMES, SEL, ("KGZ",)) == (
        "Turkish military aid over time, Kazakhstan, Kyrgyzstan; 2000 to 2010: 1 figure, all at a date. The only "
        "figure is $2M to Kyrgyzstan, October 2000 (single delivery).")
    assert describe_aid.over_time(items(), NAMES, SEL, ("KGZ",)) == (
        "Turkish military aid over time, Kazakhstan, Kyrgyzstan; 2000 to 2010: no recorded aid for this selection.")


# ---- timeline (timeline.build) -------------------------------------------------------------------------------

LANES = (Lane("context", "Context (without Turkey)"), Lane("KAZ", "Kazakhstan"), Lane("KGZ", "Kyrgyzstan"),
         Lane("TKM", "Turkmenistan"))


def placed(*rows) -> pd.DataFrame:
    """(event_id, lane, kind, date_text, x) rows: one per event and lane, as timeline.place gives."""
    return pd.DataFrame([{"event_id": r[0], "lane": r[1], "kind": r[2], "date_text": r[3], "x": pd.Timestamp(r[4])}
                         for r in rows], columns=["event_id", "lane", "kind", "date_text", "x"])


def test_timeline_events_lanes_context_and_undated():
    frame = placed(("e1", "KAZ", "agreement", "March 1993", "1993-03-16"),
                   ("e2", "KAZ", "visit", "1996 (month unknown)", "1996-07-02"),
                   ("e2", "KGZ", "visit", "1996 (month unknown)", "1996-07-02"),
                   ("e3", "KAZ", "protocol", "5 May 2001", "2001-05-05"),
                   ("e4", "context", "other", "2020", "2020-07-02"))
    assert describe_timeline.events(frame, LANES, 2, SEL) == (
        "Turkey's defence ties event by event, Kazakhstan, Kyrgyzstan; 2000 to 2010: 4 dated events (1 agreement, "
        "1 protocol, 1 visit, 1 other event), from March 1993 to 2020. Per lane (an event with several partners "
        "counts in each), most: Kazakhstan, 3 events; fewest: Kyrgyzstan, 1 event. 1 context event without Turkey "
        "is drawn in its own lane; no recorded events with Turkmenistan in this period; 2 undated events are listed "
        "below the chart.")


def test_timeline_events_tie_single_and_empty():
    tie = placed(("e1", "KAZ", "agreement", "1993", "1993-07-02"), ("e2", "KGZ", "agreement", "1994", "1994-07-02"))
    lanes = LANES[1:3]
    assert describe_timeline.events(tie, lanes, 0, SEL).split(". ")[1] == (
        "Per lane (an event with several partners counts in each), Kazakhstan and Kyrgyzstan both have 1 event.")
    one = placed(("e1", "KGZ", "exercise", "June 2015", "2015-06-16"))
    assert describe_timeline.events(one, LANES[2:3], 0, SEL) == (
        "Turkey's defence ties event by event, Kazakhstan, Kyrgyzstan; 2000 to 2010: 1 dated event (1 exercise), "
        "dated June 2015. The one event with Turkey is in the Kyrgyzstan lane.")
    assert describe_timeline.events(placed(), LANES, 0, SEL) == (
        "Turkey's defence ties event by event, Kazakhstan, Kyrgyzstan; 2000 to 2010: no recorded events for this "
        "selection.")
    assert describe_timeline.events(placed(), LANES, 1, SEL) == (
        "Turkey's defence ties event by event, Kazakhstan, Kyrgyzstan; 2000 to 2010: no dated events; 1 undated "
        "event is listed below the chart.")


def counts(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["year", "kind", "count"])


def test_events_per_year_busiest_quiet_and_halves():
    frame = counts((2000, "agreement", 1), (2002, "agreement", 2), (2002, "visit", 1), (2009, "protocol", 1))
    assert describe_timeline.per_year(frame, (2000, 2010), SEL) == (
        "Events with Turkey per year, Kazakhstan, Kyrgyzstan; 2000 to 2010: 5 dated events in 3 of the 11 years. "
        "The busiest year is 2002, with 3 events (2 agreements, 1 visit). No event is recorded in 8 of the 11 "
        "years; the first half of the period (2000 to 2005) has 4 events, the second (2006 to 2010) 1.")


def test_events_per_year_tie_single_year_and_empty():
    tie = counts((2001, "agreement", 2), (2004, "visit", 2))
    assert describe_timeline.per_year(tie, (2001, 2004), SEL).split(". ")[1] == (
        "The busiest years are 2001 and 2004, with 2 events each")
    single = counts((2009, "protocol", 1), (2009, "organisation", 1))
    assert describe_timeline.per_year(single, (2009, 2009), "Kyrgyzstan; 2009") == (
        "Events with Turkey per year, Kyrgyzstan; 2009: 2 dated events in 1 of the 1 year. All fall in 2009 "
        "(1 protocol, 1 organisation event).")
    assert describe_timeline.per_year(counts(), (2000, 2010), SEL) == (
        "Events with Turkey per year, Kazakhstan, Kyrgyzstan; 2000 to 2010: no dated event with Turkey in this "
        "selection.")


# ---- rivalry -------------------------------------------------------------------------------------------------

def reach(series: dict[str, list[int]], first: int) -> pd.DataFrame:
    return pd.DataFrame([{"power": p, "year": first + i, "count": n} for p, values in series.items()
                         for i, n in enumerate(values)])


def test_reach_latest_ranking_and_changes():
    frame = reach({"RUS": [2, 2, 2], "CHN": [0, 1, 1], "USA": [0, 0, 0], "TUR": [1, 1, 0]}, 2000)
    assert describe_rivalry.reach(frame, NAMES, 2, SEL) == (
        "Institutional reach, Kazakhstan, Kyrgyzstan; 2000 to 2010: how many of the 2 selected states belong, on "
        "31 December of each year, to an organisation each power leads. In 2002, most: Russia, 2 of 2; fewest: "
        "United States and Turkey, 0 of 2 each. From 2000 to 2002, China rose from 0 to 1 and Turkey fell from 1 "
        "to 0; Russia (2) ended where it began; United States reaches none of them in any year.")


def test_reach_single_year_tie_and_no_state():
    frame = reach({"RUS": [1], "CHN": [1]}, 2005)
    assert describe_rivalry.reach(frame, NAMES, 1, "Kyrgyzstan; 2005") == (
        "Institutional reach, Kyrgyzstan; 2005: whether the selected state belongs, on 31 December of each year, to "
        "an organisation each power leads. In 2005, Russia and China both have 1 of 1.")
    assert describe_rivalry.reach(reach({}, 2005), NAMES, 0, "no country selected; 2005") == (
        "Institutional reach, no country selected; 2005: no state selected, so nothing to count.")


def bases(*rows) -> pd.DataFrame:
    """(name, host, operator, start, end, ongoing, opened, closed)."""
    return pd.DataFrame([{"name": r[0], "host": r[1], "operator_name": r[2], "start": pd.Timestamp(r[3]),
                          "end": pd.Timestamp(r[4]), "ongoing": r[5], "opened": r[6], "closed": r[7]} for r in rows],
                        columns=["name", "host", "operator_name", "start", "end", "ongoing", "opened", "closed"])


def test_bases_longest_shortest_ongoing_and_missing_host():
    frame = bases(("Kant", "Kyrgyzstan", "Russia", "2003-10-01", "2026-05-01", True, "October 2003", "still in use"),
                  ("Manas", "Kyrgyzstan", "United States", "2001-12-01", "2014-06-03", False, "December 2001",
                   "3 June 2014"),
                  ("K2", "Uzbekistan", "United States", "2001-10-01", "2005-11-21", False, "October 2001",
                   "21 November 2005"))
    assert describe_rivalry.bases(frame, ["KGZ", "UZB", "TKM"], NAMES, SEL) == (
        "Foreign military bases and facilities, Kazakhstan, Kyrgyzstan; 2000 to 2010: 3 bases in use at some time "
        "in these years, 2 by United States and 1 by Russia. The longest in use: Kant in Kyrgyzstan (from October "
        "2003, still in use, 23 years); the shortest: K2 in Uzbekistan (October 2001 to 21 November 2005, 4 years). "
        "1 base is still in use (drawn to today); no recorded foreign base in Turkmenistan.")


def test_bases_single_tie_and_empty():
    one = bases(("Gabala", "Azerbaijan", "Russia", "2002-01-01", "2012-12-10", False, "2002", "10 December 2012"))
    assert describe_rivalry.bases(one, ["AZE"], NAMES, "Azerbaijan; 2002 to 2012") == (
        "Foreign military bases and facilities, Azerbaijan; 2002 to 2012: 1 base in use at some time in these "
        "years, run by Russia. It is Gabala in Azerbaijan (2002 to 10 December 2012, 11 years).")
    tie = bases(("A", "Azerbaijan", "Russia", "2021-01-30", "2024-04-26", False, "30 January 2021", "26 April 2024"),
                ("B", "Azerbaijan", "Turkey", "2021-01-30", "2024-04-26", False, "30 January 2021", "26 April 2024"))
    assert describe_rivalry.bases(tie, ["AZE"], NAMES, "Azerbaijan; 2021").split(". ")[1] == (
        "Each was in use for 3 years.")
    assert describe_rivalry.bases(bases(), ["TKM"], NAMES, "Turkmenistan; 2000") == (
        "Foreign military bases and facilities, Turkmenistan; 2000: no recorded foreign base in the selected states "
        "in these years.")


SHARE = schema.INDICATOR_BY_ID["milex_share_gdp"]
USD = schema.INDICATOR_BY_ID["milex_constant_usd"]


def values(data: dict[str, list[float]], first: int) -> pd.DataFrame:
    return pd.DataFrame([{"iso3": c, "year": first + i, "value": v} for c, vs in data.items() for i, v in enumerate(vs)])


def test_indicator_latest_extremes_trend_gaps_and_no_data():
    frame = values({"KGZ": [2.88, NAN, 3.85], "TUR": [3.64, 2.5, 2.27], "TKM": [NAN, NAN, NAN]}, 2000)
    assert describe_rivalry.indicator(frame, SHARE, ["KGZ", "TUR", "TKM"], NAMES,
                                      "Kyrgyzstan, Turkey; 2000 to 2002") == (
        "Military expenditure as a share of GDP (% of GDP), Kyrgyzstan, Turkey; 2000 to 2002. In 2002, the latest "
        "year with data, highest: Kyrgyzstan, 3.85% of GDP; lowest: Turkey, 2.27% of GDP. From the first to the "
        "last year with data, Kyrgyzstan rose and Turkey fell; no data for Turkmenistan in these years; gaps (years "
        "without a value) for Kyrgyzstan.")


def test_indicator_money_index_single_tie_and_empty():
    money = values({"KGZ": [1.2e8, 2.2575e8], "TUR": [1.086e10, NAN]}, 2009)
    assert describe_rivalry.indicator(money, USD, ["KGZ", "TUR"], NAMES, "Kyrgyzstan, Turkey; 2009 to 2010") == (
        "Military expenditure (constant 2023 US$), Kyrgyzstan, Turkey; 2009 to 2010. In 2010, the latest year with "
        "data, only Kyrgyzstan has a value: $225.75M. From the first to the last year with data, Kyrgyzstan rose.")
    index = values({"KGZ": [2.0, 4.0], "TUR": [NAN, 3.0]}, 2009).assign(index=[100.0, 200.0, NAN, NAN])
    assert describe_rivalry.indicator(index, SHARE, ["KGZ", "TUR"], NAMES, "Kyrgyzstan, Turkey; 2009 to 2010",
                                      2009) == (
        "Military expenditure as a share of GDP (index, 2009 = 100), Kyrgyzstan, Turkey; 2009 to 2010. In 2010, the "
        "latest year with data, only Kyrgyzstan has a value: index 200.0. From the first to the last year with "
        "data, Kyrgyzstan rose; no value in 2009, so no index, for Turkey.")
    no_index = values({"TUR": [NAN, 3.0]}, 2009).assign(index=[NAN, NAN])
    assert describe_rivalry.indicator(no_index, SHARE, ["TUR"], NAMES, "Turkey; 2009 to 2010", 2009) == (
        "Military expenditure as a share of GDP (index, 2009 = 100), Turkey; 2009 to 2010. No value in 2009, so no "
        "index, for Turkey.")
    tie = values({"KGZ": [2.0], "TUR": [2.0]}, 2010)
    assert describe_rivalry.indicator(tie, SHARE, ["KGZ", "TUR"], NAMES, "Kyrgyzstan, Turkey; 2010").split(". ")[1] == (
        "In 2010, the latest year with data, Kyrgyzstan and Turkey both have 2.00% of GDP.")
    none = values({"TKM": [NAN, NAN]}, 2000)
    assert describe_rivalry.indicator(none, SHARE, ["TKM"], NAMES, "Turkmenistan; 2000 to 2001") == (
        "Military expenditure as a share of GDP (% of GDP), Turkmenistan; 2000 to 2001. No data for Turkmenistan in "
        "these years.")


def test_evidence_grid_and_headlines():
    table = pd.DataFrame({"dimension": ["stance", "stance", "stance"], "power": ["Russia", "Russia", "Iran"]})
    assert describe_rivalry.grid(table, "stance", ["Russia", "Iran", "Turkey"]) == (
        "What the paper says about each power's stance towards Turkey's role: 3 claims, each with the footnote it "
        "rests on. Per power, most: Russia, 2 claims; fewest: Turkey, 0 claims. The section names none for Turkey. "
        "The grid is the same for every country and year selection.")
    cards = [Headline("Agreements and protocols", "6", "with Turkey", ()),
             Headline("Largest military aid figure", "no data", "no recorded aid for this selection", ())]
    assert describe_overview.headlines(cards, SEL) == (
        "Headline figures, Kazakhstan, Kyrgyzstan; 2000 to 2010. Agreements and protocols: 6, with Turkey. Largest "
        "military aid figure: no data, no recorded aid for this selection.")


# ---- alliances -----------------------------------------------------------------------------------------------

SUB = "Turkey with Kyrgyzstan and the rival powers; as of 31 December 2010"


def map_table(*rows) -> pd.DataFrame:
    """(iso3, in_view, role, count, why) rows as alliances.map_table gives; `why` the reason a country is grey."""
    return pd.DataFrame([{"iso3": r[0], "name": NAMES[r[0]], "in_view": r[1], "role": r[2], "count": r[3],
                          "tooltip": f"{NAMES[r[0]]}\n{r[4]}", "label": ""} for r in rows]).set_index("iso3")


def test_alliance_map_one_organisation():
    table = map_table(("TUR", True, "none", 2, ""), ("KGZ", True, "member", 4, ""), ("RUS", True, "member", 3, ""),
                      ("IRN", True, "observer", 0, ""), ("TKM", False, "", 0, alliances.NOT_SELECTED_TEXT),
                      ("UZB", False, "", 0, alliances.NOT_SELECTED_TEXT))
    assert describe_alliances.alliance_map(table, alliances.ONE, "CSTO", ("CSTO", "SCO"), SUB) == (
        "Map of CSTO roles, Turkey with Kyrgyzstan and the rival powers; as of 31 December 2010. Member: Kyrgyzstan "
        "and Russia; observer: Iran; no role: Turkey. Shown in grey, not in the country selection: Turkmenistan and "
        "Uzbekistan.")


def test_alliance_map_overlap_ties_single_and_rivals_hidden():
    table = map_table(("TUR", True, "none", 2, ""), ("KGZ", True, "member", 4, ""), ("KAZ", True, "member", 4, ""),
                      ("RUS", False, "", 0, alliances.RIVAL_HIDDEN_TEXT))
    assert describe_alliances.alliance_map(table, alliances.OVERLAP, "CSTO", ("NATO", "CSTO", "SCO", "CIS"), SUB) == (
        "Map of how many of the 4 chosen organisations (NATO, CSTO, SCO and CIS) each country belongs to as member, "
        "associate or partner, Turkey with Kyrgyzstan and the rival powers; as of 31 December 2010. Most: "
        "Kyrgyzstan and Kazakhstan, 4 of 4 each; fewest: Turkey, 2 of 4. Shown in grey, rival powers hidden: "
        "Russia.")
    single = map_table(("TUR", True, "none", 1, ""))
    assert describe_alliances.alliance_map(single, alliances.OVERLAP, "CSTO", ("NATO",), SUB).split(". ")[1] == (
        "Turkey belongs to 1 of 1.")
    assert describe_alliances.alliance_map(single, alliances.OVERLAP, "CSTO", (), SUB) == (
        "Map of memberships, Turkey with Kyrgyzstan and the rival powers; as of 31 December 2010: no organisation "
        "chosen, so every country shows 0.")


def test_roles_matrix_counts_and_empty_cells():
    matrix = pd.DataFrame([["member", None, "observer"], ["member", "member", None], [None, "member", None]],
                          index=pd.Index(["TUR", "KGZ", "RUS"], name="iso3"),
                          columns=pd.Index(["NATO", "CSTO", "SCO"], name="org_id"), dtype=object)
    assert describe_alliances.roles_matrix(matrix, NAMES, SUB) == (
        "Roles of 3 countries in NATO, CSTO and SCO, Turkey with Kyrgyzstan and the rival powers; as of 31 December "
        "2010. Full roles (member, associate or partner) per country, most: Kyrgyzstan, 2 of 3; fewest: Turkey and "
        "Russia, 1 of 3 each; per organisation, most: NATO and CSTO, 2 countries each; fewest: SCO, 0 countries. "
        "4 of the 9 cells are empty (no role).")
    single = pd.DataFrame([[None]], index=pd.Index(["TUR"], name="iso3"), columns=pd.Index(["CSTO"], name="org_id"),
                          dtype=object)
    assert describe_alliances.roles_matrix(single, NAMES, SUB) == (
        "Roles of 1 country in CSTO, Turkey with Kyrgyzstan and the rival powers; as of 31 December 2010. Turkey is "
        "without a role. 1 of the 1 cells are empty (no role); no country in view holds any role in CSTO.")


def test_set_overlap_most_common_and_none_of_these():
    roles = pd.DataFrame([["member", None], ["member", "member"], ["member", "member"], [None, None]],
                         index=pd.Index(["TUR", "KGZ", "KAZ", "IRN"], name="iso3"),
                         columns=pd.Index(["CSTO", "SCO"], name="org_id"), dtype=object)
    combos = alliances.combinations(roles, NAMES)
    assert describe_alliances.set_overlap(combos, ["CSTO", "SCO"], SUB) == (
        "Which combinations of CSTO and SCO occur, Turkey with Kyrgyzstan and the rival powers; as of 31 December "
        "2010: 3 combinations among 4 countries. The most common is CSTO + SCO (Kyrgyzstan and Kazakhstan), with 2 "
        "countries; 1 combination holds a single country. Iran belongs to none of these.")


def test_set_overlap_ties_single_and_no_organisation():
    roles = pd.DataFrame([["member"], [None]], index=pd.Index(["TUR", "IRN"], name="iso3"),
                         columns=pd.Index(["NATO"], name="org_id"), dtype=object)
    combos = alliances.combinations(roles, NAMES)
    assert describe_alliances.set_overlap(combos, ["NATO"], SUB).split(". ")[1] == (
        "The most common is NATO (Turkey), with 1 country")
    one = alliances.combinations(roles.iloc[:1], NAMES)
    assert describe_alliances.set_overlap(one, ["NATO"], SUB).split(". ")[1:] == [
        "The only country, Turkey, holds NATO", "Every country in view belongs to at least one of them."]
    assert describe_alliances.set_overlap(pd.DataFrame(), [], SUB) == (
        "Combinations of organisations, Turkey with Kyrgyzstan and the rival powers; as of 31 December 2010: no "
        "organisation chosen.")


# ---- scenario ----------------------------------------------------------------------------------------

def _standing(iso3, country, status):
    from turan import scenario

    return scenario.Standing(iso3, country, status, (), (), ())


def _summary(*standings):
    from turan import scenario

    return scenario.Summary(2021, pd.Timestamp(2021, 12, 31), standings, {}, (), ())


def test_scenario_matrix_counts_statuses_most_fewest_and_empty_rows():
    from turan import scenario

    table = pd.DataFrame({"effect": ["obstacle", "obstacle", "enabler", "enabler", "enabler"]})
    grid = pd.DataFrame({"alliance_ban": ["", "CSTO", ""], "pfp": ["", "PfP", ""], "agreements": ["x", "2", ""]},
                        index=["Turkey", "Kazakhstan", "Azerbaijan"])
    summary = _summary(_standing("TUR", "Turkey", scenario.FREE), _standing("KAZ", "Kazakhstan", scenario.MUST_LEAVE),
                       _standing("AZE", "Azerbaijan", scenario.FREE))
    assert describe_scenario.matrix(table, grid, summary, "Turkey with Kazakhstan, Azerbaijan; as of 2021") == (
        "Obstacles and enablers of a Turan Army, Turkey with Kazakhstan, Azerbaijan; as of 2021: 3 states by "
        "3 factors, with 2 obstacles and 3 enablers in the data. Azerbaijan: could join without leaving an alliance "
        "or setting aside a declared policy; Kazakhstan: would have to leave an alliance first. Factors present per "
        "state, most: Kazakhstan, 3 factors; fewest: Azerbaijan, 0 factors; no factor in the data for Azerbaijan.")


def test_scenario_matrix_single_member_and_nobody_chosen():
    from turan import scenario

    grid = pd.DataFrame({"agreements": [""]}, index=["Turkey"])
    assert describe_scenario.matrix(pd.DataFrame({"effect": []}), grid,
                                    _summary(_standing("TUR", "Turkey", scenario.FREE)), "Turkey alone") == (
        "Obstacles and enablers of a Turan Army, Turkey alone: 1 state by 1 factor, with 0 obstacles and "
        "0 enablers in the data. No factor in the data for Turkey.")
    assert describe_scenario.matrix(pd.DataFrame(), pd.DataFrame(), None, "Turkey alone") == (
        "Obstacles and enablers of a Turan Army, Turkey alone: no candidate chosen.")
