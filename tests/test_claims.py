"""The paper checked: the validator's rules for claims.csv, the domain functions (selection, counts, the marks they
leave on the paper's rows), the verdict chart, its words and its slide, on hand-made claims and on the shipped
file."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from datahelp import DATA, read_rows, set_cell, write_rows
from pptx import Presentation

from turan import charts, claims, filters, load, schema, theme
from turan.deck import claims as deck_claims
from turan.deck import layout
from turan.figures import claims as figures
from turan.filters import Filters
from turan.validate import validate

TURKIC = ("AZE", "KAZ", "KGZ", "TKM", "UZB")
PARTNERS = ("AZE", "KAZ", "KGZ", "TKM", "UZB", "TJK", "ARM", "GEO", "MNG", "HUN", "PAK", "XNC")


@pytest.fixture(scope="module")
def bundle():
    return load.load(DATA)


def partners(bundle) -> tuple[str, ...]:
    return tuple(filters.partners(bundle.countries)[0])


def view(countries=TURKIC) -> Filters:
    return Filters.make(countries, (1991, 2026), (1991, 2026))


def claim(claim_id, verdict="confirmed", kind="fact", section="kazakhstan", countries=(), paper_events=(),
          paper_aid=(), note="", evidence="said", later=()) -> dict:
    return {"claim_id": claim_id, "section": section, "paper_footnote": 58, "kind": kind, "claim": f"claim {claim_id}",
            "verdict": verdict, "evidence": evidence, "source_id": ("src",), "checked_on": "2026-12-04", "note": note,
            "countries": tuple(countries), "paper_events": tuple(paper_events), "paper_aid": tuple(paper_aid),
            "later_events": tuple(later)}


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


# ---- the validator ---------------------------------------------------------------------------------------------

def messages(data_dir) -> list[str]:
    return [str(p) for p in validate(data_dir).problems]


def line_of(data_dir, claim_id: str) -> int:
    return next(i for i, r in enumerate(read_rows(data_dir / "claims.csv"), start=1) if r[0] == claim_id)


def first(data_dir, **where) -> tuple[int, list[str]]:
    rows = read_rows(data_dir / "claims.csv")
    header = rows[0]
    for i, row in enumerate(rows[1:], start=2):
        if all(row[header.index(k)] == v for k, v in where.items()):
            return i, row
    raise LookupError(where)


def test_shipped_claims_cover_the_paper(bundle):
    c = bundle.claims
    assert len(c) >= 80
    assert set(c["kind"]) == set(schema.CLAIM_KINDS)  # every kind is used, forecasts and judgements included
    assert set(c["section"]) == set(schema.CLAIM_SECTIONS)  # every section of the paper is checked
    footnotes = set(c["paper_footnote"].dropna().astype(int))
    assert {3, 10, 27, 28, 45, 54, 58, 62, 69, 70, 71} <= footnotes
    # Every event and aid figure the paper records is checked by at least one claim.
    marked_events = {i for ids in c["paper_events"] for i in ids}
    marked_aid = {i for ids in c["paper_aid"] for i in ids}
    assert set(bundle.events.loc[bundle.events["evidence"] == "paper", "event_id"]) <= marked_events
    assert set(bundle.aid["aid_id"]) <= marked_aid


def test_a_fact_cannot_take_a_forecast_verdict_nor_the_reverse(data_copy):
    line, _ = first(data_copy, kind="figure", verdict="confirmed")
    set_cell(data_copy / "claims.csv", line, "verdict", "holds_so_far")
    line2, _ = first(data_copy, kind="judgement")
    set_cell(data_copy / "claims.csv", line2, "verdict", "contradicted")
    found = messages(data_copy)
    assert (f"claims.csv:{line}:verdict: a figure takes one of: confirmed, confirmed_with_correction, contradicted, "
            "unverifiable, citation_problem (not 'holds_so_far')") in found
    assert f"claims.csv:{line2}:verdict: a judgement takes one of: holds_so_far, overtaken, open (not 'contradicted')" \
        in found


def test_a_correction_needs_its_note_and_a_verdict_its_evidence(data_copy):
    line, _ = first(data_copy, verdict="confirmed_with_correction")
    set_cell(data_copy / "claims.csv", line, "note", "")
    set_cell(data_copy / "claims.csv", line, "evidence", "")
    found = messages(data_copy)
    assert f"claims.csv:{line}:note: a confirmed_with_correction verdict needs a note saying why" in found
    assert f"claims.csv:{line}:evidence: a confirmed_with_correction verdict needs its evidence" in found


def test_the_papers_own_source_alone_cannot_confirm_a_claim(data_copy):
    line, _ = first(data_copy, kind="figure", verdict="unverifiable", source_id="biro2021_fn58")
    set_cell(data_copy / "claims.csv", line, "verdict", "confirmed")
    set_cell(data_copy / "claims.csv", line, "evidence", "Hovsepyan says so.")
    assert (f"claims.csv:{line}:verdict: only the paper's own sources are cited: a claim they alone support is not "
            "confirmed (cite the public evidence, or make it unverifiable)") in messages(data_copy)


def test_marks_go_on_the_papers_rows_only_and_lists_are_checked(data_copy):
    line, _ = first(data_copy, kind="judgement")
    public = next(r[0] for r in read_rows(data_copy / "events.csv")[1:] if r[-3] == "public")
    set_cell(data_copy / "claims.csv", line, "paper_events", public)
    set_cell(data_copy / "claims.csv", line, "later_events", "no_such_event")
    set_cell(data_copy / "claims.csv", line, "source_id", "biro2021;biro2021")
    found = messages(data_copy)
    assert (f"claims.csv:{line}:paper_events: {public!r} is not from the paper (its evidence is 'public'): list it "
            "in later_events") in found
    assert f"claims.csv:{line}:later_events: unknown event_id 'no_such_event' (not in events.csv)" in found
    assert f"claims.csv:{line}:source_id: an id is listed twice" in found


def test_a_citation_check_needs_its_footnote(data_copy):
    line, _ = first(data_copy, kind="citation")
    set_cell(data_copy / "claims.csv", line, "paper_footnote", "")
    assert f"claims.csv:{line}:paper_footnote: a citation check needs its footnote number" in messages(data_copy)


def test_footnote_numbers_stay_within_the_paper(data_copy):
    line, _ = first(data_copy, kind="citation")
    set_cell(data_copy / "claims.csv", line, "paper_footnote", "72")
    assert f"claims.csv:{line}:paper_footnote: must be <= 71 (got 72)" in messages(data_copy)


# ---- the domain ------------------------------------------------------------------------------------------------

def test_select_by_partner_verdict_kind_section_and_search():
    c = frame(claim("a", countries=("KAZ",)), claim("b", "contradicted", countries=("KGZ", "TUR")),
              claim("c", "holds_so_far", "judgement", "conclusion", countries=("TUR", "RUS")),
              claim("d", "unverifiable", "citation", "russia", evidence=""))
    ids = lambda f, choice=None: list(claims.select(c, f, PARTNERS, choice)["claim_id"])  # noqa: E731
    assert ids(view()) == ["a", "b", "c", "d"]
    assert ids(view(("KGZ",))) == ["b", "c", "d"]  # claims naming no partner state stay, by default
    assert ids(view(("KGZ",)), claims.Choice(general=False)) == ["b"]
    assert ids(view(), claims.Choice(verdicts=("contradicted", "unverifiable"))) == ["b", "d"]
    assert ids(view(), claims.Choice(kinds=("judgement",))) == ["c"]
    assert ids(view(), claims.Choice(sections=("russia", "kazakhstan"))) == ["a", "b", "d"]
    assert ids(view(), claims.Choice(search="CLAIM C")) == ["c"]
    assert ids(view(()), claims.Choice(general=False)) == []


def test_counts_follow_the_papers_order_and_the_verdicts_order():
    c = frame(claim("a", "unverifiable", section="conclusion"), claim("b", section="kazakhstan"),
              claim("c", "contradicted", section="kazakhstan"), claim("d", section="intro"),
              claim("e", section="kazakhstan"))
    got = claims.counts(c)
    assert got.values.tolist() == [["intro", "confirmed", 1], ["kazakhstan", "confirmed", 2],
                                   ["kazakhstan", "contradicted", 1], ["conclusion", "unverifiable", 1]]
    assert claims.tally(c, "verdict") == {"confirmed": 3, "contradicted": 1, "unverifiable": 1}
    assert claims.counts(c.iloc[0:0]).empty


def test_a_row_carries_the_worst_verdict_of_the_checks_that_mark_it():
    c = frame(claim("a", "unverifiable", paper_aid=("x",), note="nothing found"),
              claim("b", "contradicted", paper_aid=("x", "y"), note="the source says 1.5m"),
              claim("c", "confirmed", paper_aid=("z",)))
    marks = claims.marks(c, "paper_aid")
    assert set(marks) == {"x", "y"}  # a confirmed row carries no mark
    assert marks["x"].verdict == "contradicted"
    assert marks["x"].text == "Checked: Contradicted: the source says 1.5m · Unverifiable: nothing found"
    assert marks["y"].text == "Checked: Contradicted: the source says 1.5m"


def test_shipped_marks_reach_the_aid_and_the_timeline(bundle):
    aid_marks, event_marks = claims.marks(bundle.claims, "paper_aid"), claims.marks(bundle.claims, "paper_events")
    assert aid_marks and event_marks
    assert set(aid_marks) <= set(bundle.aid["aid_id"]) and set(event_marks) <= set(bundle.events["event_id"])
    assert all(m.verdict in claims.PROBLEMS and m.text.startswith("Checked: ") for m in aid_marks.values())
    spec = charts.specs("aid", bundle, view(("UZB",)), None, date(2026, 12, 4))["aid_time"]
    flagged = spec.frames["items"].dropna(subset=["check"])
    assert set(flagged["aid_id"]) == set(aid_marks) & set(spec.frames["items"]["aid_id"])


def test_table_words_and_links(bundle):
    chosen = bundle.claims.head(12)
    table = claims.table(chosen, bundle.sources, bundle.country_names())
    assert list(table.columns) == list(claims.TABLE_COLUMNS) and len(table) == 12
    assert set(table["Verdict"]) <= set(claims.VERDICT_LABELS.values())
    assert table["Link"].dropna().str.startswith("http").all()
    assert not table.isin(["None", "nan", "NaN"]).any().any()


# ---- the chart, its words and its slide -----------------------------------------------------------------------

def test_verdict_chart_one_trace_per_verdict_in_its_colour(bundle):
    spec = charts.specs("claims", bundle, view(), None, date(2026, 12, 4))["verdicts"]
    fig = figures.verdicts_chart(spec).to_plotly_json()
    names = [t["name"] for t in fig["data"]]
    present = [v for v in schema.VERDICTS if (claims.select(bundle.claims, view(), partners(bundle))["verdict"] == v).any()]
    assert names == [claims.VERDICT_LABELS[v] for v in present]
    assert [t["marker"]["color"] for t in fig["data"]] == [theme.verdict_colour(v) for v in present]
    shown = claims.select(bundle.claims, view(), partners(bundle))
    assert sum(sum(t["x"]) for t in fig["data"]) == len(shown) == spec.frames["total"]
    assert len(bundle.claims) - len(shown) == (~bundle.claims["countries"].map(
        lambda c: not (set(c) & set(partners(bundle))) or bool(set(c) & set(TURKIC)))).sum()  # only other partners: left out
    shown_sections = fig["layout"]["yaxis"]["categoryarray"][::-1]
    assert shown_sections[0] == "Introduction" and shown_sections[-1] == "Conclusion"
    assert "claims about Azerbaijan" in spec.subtitle and f"{len(shown)} claims" in spec.description


def test_verdict_chart_changes_with_the_filters_and_says_when_empty(bundle):
    every = charts.specs("claims", bundle, view(), None, date(2026, 12, 4))["verdicts"]
    uzb = charts.specs("claims", bundle, view(("UZB",)), claims.Choice(general=False), date(2026, 12, 4))["verdicts"]
    assert 0 < uzb.frames["total"] < every.frames["total"]
    none = charts.specs("claims", bundle, view(), claims.Choice(search="no such words at all"),
                        date(2026, 12, 4))["verdicts"]
    assert not none.drawable and none.empty == "No claim of the paper matches this selection."
    assert "No claim" in figures.verdicts_chart(none).to_plotly_json()["layout"]["annotations"][0]["text"]


def test_outlook_rests_on_later_events_and_the_slide_shows_them(bundle, tmp_path):
    specs = charts.specs("claims", bundle, view(), None, date(2026, 12, 4))
    rows = specs["outlook"].frames["rows"]
    assert len(rows) >= 8 and set(rows["kind"]) == {"forecast", "judgement"}
    assert rows["later_events"].map(len).gt(0).sum() >= 5
    assert rows["verdict"].isin(schema.OUTLOOK_VERDICTS).all()
    prs = layout.presentation()
    slide = layout.new_slide(prs, specs["outlook"].title)
    deck_claims.draw_outlook(slide, (layout.LEFT, layout.BODY_TOP, layout.WIDTH, layout.BODY_H), specs["outlook"])
    slide2 = layout.new_slide(prs, specs["verdicts"].title)
    deck_claims.draw_verdicts(slide2, (layout.LEFT, layout.BODY_TOP, layout.WIDTH, layout.BODY_H), specs["verdicts"])
    prs.save(tmp_path / "c.pptx")
    back = Presentation(tmp_path / "c.pptx")
    table = next(s for s in back.slides[0].shapes if s.has_table).table
    assert table.cell(0, 0).text == "The paper (2021)"
    assert table.cell(1, 1).text == claims.VERDICT_LABELS[rows.iloc[0]["verdict"]]
    chart = next(s for s in back.slides[1].shapes if s.has_chart).chart
    assert sum(v or 0 for series in chart.plots[0].series for v in series.values) == specs["verdicts"].frames["total"]


def test_rewriting_a_list_cell_keeps_the_file_valid(data_copy):
    """write_rows round-trips claims.csv byte-for-byte in meaning: the list columns survive a rewrite."""
    rows = read_rows(data_copy / "claims.csv")
    write_rows(data_copy / "claims.csv", rows)
    assert messages(data_copy) == []
