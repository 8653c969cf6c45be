"""Aid aggregation without double counting, and the aid chart builders, on small hand-made frames
(plus the hand check of the real data/aid.csv totals)."""

import json
from datetime import date

import pandas as pd
import pytest
from datahelp import DATA

from turan import aid, schema
from turan.charts import aid as aid_charts
from turan.figures import aid as charts
from turan.filters import Filters
from turan.load import Bundle, frame, load
from turan.schema import AID, SOURCES
from turan.validate import Row

BOUNDS = (1991, 2026)
NAMES = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "UZB": "Uzbekistan", "TKM": "Turkmenistan"}


def make(table, rows):
    """A typed frame from dicts of raw cells (missing columns empty)."""
    return frame(table, [Row(i + 2, {c: r.get(c, "") for c in table.column_names}) for i, r in enumerate(rows)])


def fig_row(aid_id, recipient, amount, basis, commitment=None, **cells):
    """One aid row's raw cells; commitment defaults to basis for single figures."""
    return {"aid_id": aid_id, "donor_iso3": "TUR", "recipient_iso3": recipient, "amount_usd": amount,
            "basis": basis, "commitment": commitment or basis, "description": f"figure {aid_id}",
            "source_id": cells.pop("source_id", "fn60"), **cells}


SOURCE_ROWS = make(SOURCES, [
    {"source_id": "fn58", "citation": "Hovsepyan 2010, p. 85", "kind": "paper_footnote", "paper_footnote": "58"},
    {"source_id": "fn60", "citation": "ibid., p. 86", "kind": "paper_footnote", "paper_footnote": "60"},
])

# A period total with two tranches inside; a running total (undated) containing a pledge without an amount;
# a free-standing agreement; a free-standing pledge; Kazakhstan's delivery.
ROWS = make(AID, [
    fig_row("kgz_2007", "KGZ", "2000000", "period_total", "delivered", period_start="2007", period_end="2007"),
    fig_row("kgz_may", "KGZ", "650000", "delivered", date="2007-05", part_of="kgz_2007"),
    fig_row("kgz_sep", "KGZ", "300000", "agreed", date="2007-09", part_of="kgz_2007"),
    fig_row("kgz_run", "KGZ", "3500000", "cumulative", "delivered"),
    fig_row("kgz_2002", "KGZ", "", "pledged", date="2002-03", part_of="kgz_run"),
    fig_row("kgz_2000", "KGZ", "1500000", "agreed", date="2000-10"),
    fig_row("kgz_plan", "KGZ", "500000", "pledged", date="2008-06"),
    fig_row("kaz_2005", "KAZ", "1500000", "delivered", date="2005-06", source_id="fn58",
            description="Equipment <b>sent</b> & paid"),
])


def shown(f, include_pledged=True, rows=ROWS):
    """Filtered, toggled and annotated rows, as the page computes them."""
    return aid.annotate(aid.select(rows, f, include_pledged), rows)


def cell(totals, iso3, commitment, column="amount_usd"):
    return totals.set_index(["recipient_iso3", "commitment"]).loc[(iso3, commitment), column]


ALL = Filters.make(["KAZ", "KGZ", "UZB"], BOUNDS, BOUNDS)


# ---- aggregation ---------------------------------------------------------------------------------

def test_period_total_counted_once_its_tranches_not_added():
    t = aid.totals(shown(ALL), ALL.countries)
    assert cell(t, "KGZ", "delivered") == 2_000_000 + 3_500_000  # the 2007 total and the running total
    assert cell(t, "KGZ", "agreed") == 1_500_000  # October 2000 only: September 2007 is inside the 2007 total
    assert cell(t, "KGZ", "delivered", "figures") == 2
    rows = shown(ALL).set_index("aid_id")
    assert rows.loc["kgz_may", "inside"] == "kgz_2007" and not rows.loc["kgz_may", "counted"]
    assert rows.loc["kgz_may", "status"] == "not added: inside the 2007 total of $2M"


def test_open_containment_gives_a_range_from_inside_to_added():
    rows = make(AID, [
        fig_row("kaz_programme", "KAZ", "10000000", "period_total", "agreed", period_end="2009"),
        fig_row("kaz_2003", "KAZ", "1500000", "agreed", date="2003-10", maybe_part_of="kaz_programme"),
        fig_row("kaz_2005", "KAZ", "1300000", "delivered", date="2005-06", maybe_part_of="kaz_programme"),
        fig_row("kaz_2012", "KAZ", "700000", "delivered", date="2012-05"),
    ])
    annotated = shown(ALL, rows=rows).set_index("aid_id")
    assert annotated.loc["kaz_2003", "maybe_inside"] == "kaz_programme" and annotated.loc["kaz_2003", "counted"]
    assert annotated.loc["kaz_2003", "status"] == ("in the upper bound only: the paper leaves open whether it sits "
                                                   "inside the before 2010 total of $10M")
    assert annotated.loc["kaz_2012", "maybe_inside"] is None and annotated.loc["kaz_2012", "status"] == "summed"
    t = aid.totals(shown(ALL, rows=rows), ["KAZ"])
    assert cell(t, "KAZ", "agreed") == 11_500_000 and cell(t, "KAZ", "agreed", "open_usd") == 1_500_000
    assert cell(t, "KAZ", "delivered") == 2_000_000 and cell(t, "KAZ", "delivered", "open_usd") == 1_300_000
    assert aid.bounds(t) == (10_700_000, 13_500_000)
    assert aid.bar_end_words(t, "KAZ") == "$10.7M–$13.5M"
    # Without the programme (placed at 2009, its known end), nothing shown may contain them: no range.
    early = Filters.make(["KAZ"], (2003, 2006), BOUNDS)
    t = aid.totals(shown(early, rows=rows), ["KAZ"])
    assert aid.bar_end_words(t, "KAZ") == "$2.8M" and aid.bounds(t) == (2_800_000, 2_800_000)


def test_cumulative_total_absorbs_a_pledge_without_amount():
    rows = shown(ALL).set_index("aid_id")
    assert rows.loc["kgz_2002", "inside"] == "kgz_run"
    assert rows.loc["kgz_2002", "status"] == "not added: inside the running total of $3.5M"
    t = aid.totals(shown(ALL), ALL.countries)
    assert cell(t, "KGZ", "pledged") == 500_000 and cell(t, "KGZ", "pledged", "unknown") == 0


def test_pledged_figures_toggled_off():
    with_pledges = aid.totals(shown(ALL, True), ALL.countries)
    without = aid.totals(shown(ALL, False), ALL.countries)
    assert cell(with_pledges, "KGZ", "pledged") == 500_000
    assert cell(without, "KGZ", "pledged") == 0 and cell(without, "KGZ", "pledged", "figures") == 0
    assert cell(without, "KGZ", "delivered") == cell(with_pledges, "KGZ", "delivered")
    assert "kgz_plan" not in set(shown(ALL, False)["aid_id"])


def test_tranche_counted_alone_when_its_total_is_filtered_out():
    # 2002 only: the undated running total is not shown, so the March 2002 pledge stands alone (amount unknown)
    f = Filters.make(["KGZ"], (2002, 2002), BOUNDS)
    rows = shown(f).set_index("aid_id")
    assert list(rows.index) == ["kgz_2002"]
    assert rows.loc["kgz_2002", "counted"]
    assert rows.loc["kgz_2002", "status"] == "listed, not summed: amount unknown; its total is not in this selection"
    t = aid.totals(shown(f), f.countries)
    assert cell(t, "KGZ", "pledged") == 0 and cell(t, "KGZ", "pledged", "unknown") == 1


def test_tranche_with_amount_counted_alone_and_total_never_with_it():
    rows = make(AID, [
        fig_row("total", "UZB", "3300000", "period_total", "delivered", period_start="2002", period_end="2004"),
        fig_row("part", "UZB", "1200000", "agreed", date="2005-03", part_of="total"),
    ])
    late = Filters.make(["UZB"], (2005, 2010), BOUNDS)
    assert aid.totals(shown(late, rows=rows), late.countries)["amount_usd"].sum() == 1_200_000
    both = Filters.make(["UZB"], (2004, 2005), BOUNDS)
    assert aid.totals(shown(both, rows=rows), both.countries)["amount_usd"].sum() == 3_300_000


def test_pledged_total_switched_off_frees_its_tranches():
    rows = make(AID, [
        fig_row("plan", "KAZ", "10000000", "period_total", "pledged", period_end="2009"),
        fig_row("gift", "KAZ", "1300000", "delivered", date="2005-06", part_of="plan"),
    ])
    assert aid.totals(shown(ALL, True, rows), ["KAZ"])["amount_usd"].sum() == 10_000_000
    off = aid.totals(shown(ALL, False, rows), ["KAZ"])
    assert off["amount_usd"].sum() == 1_300_000 and cell(off, "KAZ", "delivered") == 1_300_000


def test_total_without_amount_does_not_absorb_and_chains_reach_the_top():
    rows = make(AID, [
        fig_row("top", "KGZ", "5000000", "cumulative", "delivered"),
        fig_row("mid", "KGZ", "", "period_total", "delivered", period_start="2003", period_end="2004",
                part_of="top"),
        fig_row("leaf", "KGZ", "400000", "delivered", date="2003-05", part_of="mid"),
        fig_row("lost_total", "KAZ", "", "period_total", "delivered", period_start="2003", period_end="2004"),
        fig_row("kaz_leaf", "KAZ", "700000", "delivered", date="2003-05", part_of="lost_total"),
    ])
    t = aid.totals(shown(ALL, rows=rows), ["KAZ", "KGZ"])
    assert cell(t, "KGZ", "delivered") == 5_000_000  # leaf -> mid (no amount) -> top: inside top
    assert cell(t, "KAZ", "delivered") == 700_000  # its total's amount is lost: the tranche is what we know
    assert cell(t, "KAZ", "delivered", "unknown") == 1
    f = Filters.make(["KGZ"], (2003, 2004), BOUNDS)  # top (undated) filtered out: mid has no amount, leaf counts
    assert aid.totals(shown(f, rows=rows), ["KGZ"])["amount_usd"].sum() == 400_000


def test_empty_selection():
    f = Filters.make(["TKM"], BOUNDS, BOUNDS)
    rows = shown(f)
    assert rows.empty
    t = aid.totals(rows, f.countries)
    assert list(t["figures"]) == [0, 0, 0] and t["amount_usd"].sum() == 0
    table = aid.ledger(rows, SOURCE_ROWS, NAMES, f.countries)
    assert table.empty and list(table.columns) == list(aid.LEDGER_COLUMNS)
    assert aid.timeline_items(rows, SOURCE_ROWS, NAMES, f.countries).empty
    assert aid.caveats(rows, NAMES, f.countries) == []


@pytest.mark.parametrize(("cells", "words"), [
    ({"date": "2003-10"}, "October 2003"),
    ({"date": "2003"}, "2003 (month unknown)"),
    ({"date": "2003-10-05"}, "5 October 2003"),
    ({"period_start": "2007", "period_end": "2007"}, "2007"),
    ({"period_start": "2002", "period_end": "2004"}, "2002 to 2004"),
    ({"period_start": "1999"}, "from 1999"),
    ({"period_end": "2009"}, "before 2010"),
    ({"period_end": "2009-06"}, "up to June 2009"),
    ({}, "date unknown"),
])
def test_when_is_as_precise_as_known(cells, words):
    row = make(AID, [fig_row("x", "KGZ", "1", "delivered", **cells)]).iloc[0]
    assert aid.when(row) == words


def test_ledger_rows_words_and_numbers():
    table = aid.ledger(shown(ALL), SOURCE_ROWS, NAMES, ALL.countries, ROWS)
    assert list(table.columns) == list(aid.LEDGER_COLUMNS)
    assert table["Recipient"].tolist() == ["Kazakhstan"] + ["Kyrgyzstan"] * 7  # in the selection's order
    kgz = table[table["Recipient"] == "Kyrgyzstan"]
    assert kgz["Date"].tolist() == ["October 2000", "March 2002", "2007", "May 2007", "September 2007",
                                    "June 2008", "date unknown"]
    lost = kgz[kgz["Date"] == "March 2002"].iloc[0]
    assert lost["Amount"] == "no data" and pd.isna(lost["USD"]) and lost["Part of"] == "the running total of $3.5M"
    assert table.loc[0, "Source"] == "Biró 2021, footnote 58: Hovsepyan 2010, p. 85"
    assert table["USD"].dtype == "float64"
    words = table.drop(columns="USD").astype(str)
    assert not words.isin(["None", "nan", "<NA>"]).any().any()


# ---- the real data, checked by hand against data/aid.csv ---------------------------------------

@pytest.fixture(scope="module")
def bundle():
    return load(DATA)


def real_totals(bundle, countries, years=BOUNDS, include_pledged=True):
    f = Filters.make(countries, years, BOUNDS)
    rows = aid.annotate(aid.select(bundle.aid, f, include_pledged), bundle.aid)
    t = aid.totals(rows, f.countries)
    return {(r.recipient_iso3, r.commitment): (r.amount_usd, r.figures, r.unknown)
            for r in t.itertuples() if r.figures}


@pytest.mark.parametrize("include_pledged", [True, False])
def test_real_totals_over_the_whole_period(bundle, include_pledged):
    # KAZ: agreed = $10M programme + $1.5M (Oct 2003); delivered = $1.3M (June 2005). The 2003/2005 figures
    #   are not linked to the programme (the paper does not say), so all three are summed.
    # KGZ: delivered = ~$1M (from 1999) + $3.5M running total + $2M (2007 total); agreed = $1.5M (Oct 2000)
    #   + $800k (Nov 2005) + $1M (June 2008). Left out: $650k (May 2007, inside the 2007 total) and the
    #   March 2002 pledge (amount lost, inside the $3.5M running total) -- with or without pledges.
    # UZB: delivered = ~$3.3M (2002-2004 total). Left out: $1.2M (March 2002) and $610k, both inside it.
    assert real_totals(bundle, ["AZE", "KAZ", "KGZ", "TKM", "UZB"], include_pledged=include_pledged) == {
        ("KAZ", "delivered"): (1_300_000, 1, 0), ("KAZ", "agreed"): (11_500_000, 2, 0),
        ("KGZ", "delivered"): (6_500_000, 3, 0), ("KGZ", "agreed"): (3_300_000, 3, 0),
        ("UZB", "delivered"): (3_300_000, 1, 0),
    }


def test_real_totals_for_a_year_range(bundle):
    # 2007 only: $650k is inside the 2007 total; the 'from 1999' subsidies sit at 1999 (shared filter rule).
    assert real_totals(bundle, ["KGZ"], (2007, 2007)) == {("KGZ", "delivered"): (2_000_000, 1, 0)}
    # 2002-2003: the undated running total is out, so the March 2002 pledge stands alone with its amount lost.
    assert real_totals(bundle, ["KGZ"], (2002, 2003)) == {("KGZ", "pledged"): (0, 1, 1)}
    assert real_totals(bundle, ["KGZ"], (2002, 2003), include_pledged=False) == {}
    assert real_totals(bundle, ["KGZ"], (1999, 2003), include_pledged=False) == {
        ("KGZ", "delivered"): (1_000_000, 1, 0), ("KGZ", "agreed"): (1_500_000, 1, 0)}
    assert real_totals(bundle, ["TKM", "AZE"]) == {}


# ---- figures --------------------------------------------------------------------------------------

def hand_bundle(rows=ROWS) -> Bundle:
    """A bundle of the hand-made aid rows and sources, the countries of NAMES and nothing else."""
    countries = make(schema.COUNTRIES, [{"iso3": c, "name": n, "group": "turkic_state", "lat": "0", "lon": "0",
                                         "source_id": "fn60"} for c, n in {"TUR": "Turkey", **NAMES}.items()])
    return Bundle(
        sources=SOURCE_ROWS, countries=countries, organisations=make(schema.ORGANISATIONS, []),
        memberships=make(schema.MEMBERSHIPS, []), aid=rows, events=make(schema.EVENTS, []),
        rivalry=make(schema.RIVALRY, []), bases=make(schema.BASES, []), indicators=make(schema.INDICATOR_VALUES, []),
        obligations=make(schema.OBLIGATIONS, []), assessment=make(schema.ASSESSMENT, []),
        arms_transfers=make(schema.ARMS_TRANSFERS, []), claims=make(schema.CLAIMS, []))


def spec_of(key, f=ALL, include_pledged=True, rows=ROWS):
    """The aid page's chart spec for the hand-made rows, as the page computes it."""
    prepared = aid_charts.prepare(hand_bundle(rows), f, aid_charts.Options(include_pledged), date(2026, 11, 25))
    return aid_charts.CHARTS[key](prepared)


def totals_fig(f=ALL, include_pledged=True):
    return charts.totals_chart(spec_of("aid_totals", f, include_pledged))


def test_totals_chart_bars_labels_and_frame():
    fig = totals_fig()
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert list(bars) == ["delivered", "agreed", "pledged"]
    assert list(bars["delivered"].y) == ["Kazakhstan", "Kyrgyzstan", "Uzbekistan"]
    assert list(bars["delivered"].x) == [1_500_000, 5_500_000, 0]
    assert list(bars["agreed"].x) == [0, 1_500_000, 0]
    assert list(bars["delivered"].text) == ["$1.5M", "$5.5M", ""]
    assert all(b.orientation == "h" for b in bars.values())
    assert [b.marker.pattern.shape for b in bars.values()] == ["", "/", "."]  # not colour alone
    total = next(t for t in fig.data if t.name == "total")
    assert [s.strip() for s in total.text] == ["<b>$1.5M</b>", "<b>$7.5M</b>", "no recorded aid"]
    assert fig.layout.meta["totals"] == {"KAZ": 1_500_000, "KGZ": 7_500_000, "UZB": 0}
    assert fig.layout.barmode == "stack"
    assert fig.layout.xaxis.tickprefix == "$" and fig.layout.xaxis.tickformat == "~s"
    assert "Turkish military aid by recipient" in fig.layout.title.text
    assert "period totals shown once, their tranches not added" in fig.layout.title.subtitle.text.replace("<br>", " ")
    assert any(a.text.startswith("Source: Biró 2021, footnotes 58, 60") for a in fig.layout.annotations)
    hover = bars["delivered"].hovertext[0]
    assert "$1.5M" in hover and "footnote 58" in hover and "June 2005" in hover


def test_totals_chart_without_pledges_and_unknown_amounts():
    fig = totals_fig(include_pledged=False)
    assert [t.name for t in fig.data if t.type == "bar"] == ["delivered", "agreed"]
    assert "pledged figures excluded" in fig.layout.title.subtitle.text.replace("<br>", " ")
    f = Filters.make(["KGZ"], (2002, 2002), BOUNDS)
    fig = totals_fig(f)
    assert [t.name for t in fig.data if t.type == "bar"] == []
    assert next(t for t in fig.data if t.name == "total").text[0].strip() == "1 figure of unknown amount"


def test_totals_chart_empty_says_so():
    fig = totals_fig(Filters.make(["TKM"], BOUNDS, BOUNDS))
    assert not fig.data
    assert fig.layout.annotations[0].text == "No recorded aid for this selection."


def timeline_fig(f=ALL, rows=ROWS):
    return charts.timeline_chart(spec_of("aid_time", f, rows=rows))


def test_timeline_spans_points_and_unplotted():
    fig = timeline_fig()
    assert fig.layout.meta["unplotted"] == ["kgz_run"]
    assert "kgz_2007" in fig.layout.meta["plotted"]
    spans = [t for t in fig.data if t.name == "span"]
    assert {(pd.Timestamp(t.x[0]), pd.Timestamp(t.x[1])) for t in spans} == {
        (pd.Timestamp("2007-01-01"), pd.Timestamp("2007-12-31"))}  # a span across 2007, not a spike
    marks = {t.name: t for t in fig.data if t.name in NAMES.values()}
    assert list(marks) == ["Kazakhstan", "Kyrgyzstan"]
    kgz = marks["Kyrgyzstan"]
    assert kgz.meta["aid_ids"] == ["kgz_2000", "kgz_2002", "kgz_2007", "kgz_may", "kgz_sep", "kgz_plan"]
    assert list(kgz.text) == ["$1.5M", "(amount unknown)", "$2M, 2007", "($650k)", "($300k)", "$500k"]
    assert list(kgz.marker.symbol) == ["diamond", "square", "circle", "circle", "diamond", "square"]
    assert kgz.marker.color[3] == "#FFFFFF"  # hollow: inside a total shown, not added
    notes = [a.text for a in fig.layout.annotations if a.text.startswith("Not on the time axis")]
    assert notes == ["Not on the time axis (no date in the source): Kyrgyzstan, $3.5M (running total)."]


def test_timeline_hover_amount_date_basis_source_escaped():
    fig = timeline_fig()
    kaz = next(t for t in fig.data if t.name == "Kazakhstan")
    hover = kaz.hovertext[0]
    assert "$1.5M" in hover and "Date: June 2005" in hover and "Basis: single delivery (delivered)" in hover
    assert "Source: Biró 2021, footnote 58: Hovsepyan 2010, p. 85" in hover
    assert "Equipment &lt;b&gt;sent&lt;/b&gt; &amp; paid" in hover
    inside = next(t for t in fig.data if t.name == "Kyrgyzstan").hovertext[3]
    assert "Inside the 2007 total of $2M: not added to the totals" in inside


def test_timeline_open_ends_are_dotted_to_the_edge():
    rows = make(AID, [fig_row("from", "KGZ", "1000000", "period_total", "delivered", period_start="1999"),
                      fig_row("before", "KAZ", "10000000", "period_total", "agreed", period_end="2009")])
    # a narrower selection of years (shaded) that still holds both figures: each sits at its known year
    fig = timeline_fig(Filters.make(["KAZ", "KGZ", "UZB"], (1999, 2009), BOUNDS), rows=rows)
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    dotted = next(t for t in fig.data if t.name == "open span")
    assert dotted.line.dash == "dot"
    assert [pd.Timestamp(x) if x else None for x in dotted.x] == [
        lo, pd.Timestamp("2009-12-31"), None, pd.Timestamp("1999-01-01"), hi, None]
    assert sorted(t.marker.symbol for t in fig.data if t.name == "open end") == ["triangle-left", "triangle-right"]
    assert [t.text[0] for t in fig.data if t.name in NAMES.values()] == ["$10M, before 2010", "$1M, from 1999"]
    assert any(t.name == "selected years" for t in fig.data)
    assert not [t for t in fig.data if t.name == "span"]


def test_timeline_empty_says_so():
    fig = timeline_fig(Filters.make(["TKM"], BOUNDS, BOUNDS))
    assert not fig.data and fig.layout.annotations[0].text == "No recorded aid for this selection."


def test_figures_serialise():
    json.loads(totals_fig().to_json())
    json.loads(timeline_fig().to_json())
