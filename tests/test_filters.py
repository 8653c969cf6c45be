"""The shared filters on small hand-made frames."""

import pandas as pd

from turan import filters
from turan.filters import Filters
from turan.load import frame
from turan.schema import AID, EVENTS, MEMBERSHIPS
from turan.validate import Row


def make(table, rows):
    """A typed frame from dicts of raw cells (missing columns empty)."""
    return frame(table, [Row(i + 2, {c: r.get(c, "") for c in table.column_names}) for i, r in enumerate(rows)])


AID_ROWS = make(AID, [
    {"aid_id": "a", "recipient_iso3": "KAZ", "date": "2003-10"},
    {"aid_id": "b", "recipient_iso3": "KGZ", "period_start": "2002", "period_end": "2004"},
    {"aid_id": "c", "recipient_iso3": "KAZ", "period_end": "2009"},
    {"aid_id": "d", "recipient_iso3": "UZB", "date_note": "lost"},
    {"aid_id": "e", "recipient_iso3": "KGZ", "period_start": "1999"},
])


def ids(frame_):
    return sorted(frame_.iloc[:, 0])


def test_make_sorts_and_clamps_years():
    f = Filters.make(["KAZ", "KAZ", "KGZ"], (2010, 1980), (1991, 2026))
    assert f == Filters(("KAZ", "KGZ"), (1991, 2010), (1991, 2026))
    assert not f.full_period
    assert Filters.make([], (2026, 1991), (1991, 2026)).full_period


def test_aid_by_country_and_overlapping_period():
    f = Filters.make(["KAZ", "KGZ", "UZB"], (2004, 2004), (1991, 2026))
    # a: 2003 no; b: 2002-2004 yes; c: 'before 2010' sits at 2009, no; d: undated no; e: 'from 1999' sits at 1999, no
    assert ids(filters.aid(AID_ROWS, f)) == ["b"]
    assert ids(filters.aid(AID_ROWS, Filters.make(["KAZ", "KGZ"], (2009, 2020), (1991, 2026)))) == ["c"]
    assert ids(filters.aid(AID_ROWS, Filters.make(["KGZ"], (1995, 1999), (1991, 2026)))) == ["e"]


def test_undated_rows_only_over_full_period():
    full = Filters.make(["UZB"], (1991, 2026), (1991, 2026))
    assert ids(filters.aid(AID_ROWS, full)) == ["d"]
    assert ids(filters.aid(AID_ROWS, Filters.make(["UZB"], (1991, 2025), (1991, 2026)))) == []


def test_year_precision_counts_whole_year():
    f = Filters.make(["KAZ"], (2003, 2003), (1991, 2026))
    assert ids(filters.aid(AID_ROWS, f)) == ["a"]


def test_events_multi_party_and_turkey_alone():
    events = make(EVENTS, [
        {"event_id": "x", "date": "1993-03", "parties": "TUR;UZB;TKM;KGZ"},
        {"event_id": "y", "date": "1998", "parties": "TUR"},
        {"event_id": "z", "date": "2013", "parties": "TUR;AZE"},
    ])
    f = Filters.make(["KGZ"], (1991, 2026), (1991, 2026))
    assert ids(filters.events(events, f)) == ["x", "y"]
    assert ids(filters.events(events, Filters.make(["AZE"], (2000, 2026), (1991, 2026)))) == ["z"]


def test_memberships_spells_and_reference():
    spells = make(MEMBERSHIPS, [
        {"org_id": "CSTO", "iso3": "UZB", "role": "member", "start": "1992-05-15", "end": "1999-04-02"},
        {"org_id": "CSTO", "iso3": "UZB", "role": "member", "start": "2006-08-16", "end": "2012-12-19"},
        {"org_id": "NATO", "iso3": "TUR", "role": "member", "start": "1952-02-18"},
        {"org_id": "CSTO", "iso3": "KAZ", "role": "member", "start": "1992-05-15"},
    ])
    f = Filters.make(["UZB"], (2000, 2005), (1991, 2026))
    assert filters.memberships(spells, f)[["iso3", "org_id"]].values.tolist() == [["TUR", "NATO"]]
    f = Filters.make(["UZB"], (2012, 2013), (1991, 2026))
    assert filters.memberships(spells, f)["start"].tolist() == ["2006-08-16", "1952-02-18"]


def test_describe_in_words():
    names = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan"}
    assert filters.in_words(Filters.make(["KAZ", "KGZ"], (1992, 2010), (1991, 2026)), names) == \
        "Kazakhstan, Kyrgyzstan; 1992 to 2010"
    assert filters.in_words(Filters.make([], (2001, 2001), (1991, 2026)), names) == "no country selected; 2001"
    assert pd.isna(make(AID, [{"aid_id": "q"}])["amount_usd"].iloc[0])


def test_the_record_filter_keeps_only_the_papers_events_and_aid_and_says_so():
    events = make(EVENTS, [
        {"event_id": "p", "date": "2010", "parties": "TUR;KAZ", "evidence": "paper"},
        {"event_id": "q", "date": "2023", "parties": "TUR;KAZ", "evidence": "public"},
    ])
    aid = make(AID, [{"aid_id": "a", "recipient_iso3": "KAZ", "date": "2003-10", "evidence": "paper"},
                     {"aid_id": "b", "recipient_iso3": "KAZ", "date": "2022", "evidence": "public"}])
    everything = Filters.make(["KAZ"], (1991, 2026), (1991, 2026))
    paper = Filters.make(["KAZ"], (1991, 2026), (1991, 2026), "paper")
    assert everything.record == "all" and not everything.paper_only and paper.paper_only
    assert ids(filters.events(events, everything)) == ["p", "q"] and ids(filters.events(events, paper)) == ["p"]
    assert ids(filters.aid(aid, everything)) == ["a", "b"] and ids(filters.aid(aid, paper)) == ["a"]
    assert Filters.make(["KAZ"], (1991, 2026), (1991, 2026), "nonsense").record == "all"
    names = {"KAZ": "Kazakhstan"}
    assert filters.in_words(everything, names) == "Kazakhstan; 1991 to 2026"
    assert filters.in_words(paper, names) == "Kazakhstan; 1991 to 2026; as the paper records it"
    assert filters.in_words(paper, names, record=False) == "Kazakhstan; 1991 to 2026"  # memberships, bases


def test_the_one_row_rules_agree_with_the_table_rules_on_the_shipped_data():
    """filters.meets, filters.aid_meets and membership.holds (one row at a time, for the scenario's records) give
    what the table filters give, for every row of the shipped data and many year ranges."""
    from turan import load, membership

    data = load.load()
    aid, events, spells = data.aid, data.events, data.memberships
    everyone = tuple(data.countries["iso3"])
    for years in [(1991, 2026), (1991, 1991), (1995, 2005), (2010, 2026), (2021, 2021), (2000, 2000)]:
        f = Filters.make(everyone, years, (1991, 2026))
        chosen = set(filters.aid(aid, f)["aid_id"])
        assert {r.aid_id for r in aid.itertuples() if filters.aid_meets(r, f)} == chosen, years
        dated = filters.events(events, f)["event_id"]
        assert {r.event_id for r in events.itertuples() if filters.meets(r.date_first, r.date_last, f)} == set(dated)
        day = pd.Timestamp(years[1], 12, 31)
        held = membership.held_on(spells, day).index
        assert [i for i, r in zip(spells.index, spells.itertuples())
                if membership.holds(r.start_first, r.end_first, day)] == list(held), years
