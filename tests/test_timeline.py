"""The agreement timeline: date precision, lanes, per-year counts, search, the list and the figure."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pandas as pd
import pytest

from turan import filters, load, schema, theme, timeline
from turan.charts import timeline as timeline_charts
from turan.export import csv_bytes
from turan.figures import timeline as figures
from turan.filters import Filters
from turan.load import frame
from turan.schema import EVENTS
from turan.validate import Row

KINDS = schema.EVENT_KINDS
BOUNDS = (1991, 2026)
TODAY = date(2026, 11, 25)
ALL_PARTNERS = ("AZE", "KAZ", "KGZ", "TKM", "UZB", "TJK", "MNG", "ARM", "GEO", "HUN", "PAK", "AFG")


def make(rows):
    """A typed events frame from dicts of raw cells (missing columns empty)."""
    cells = [{"kind": "agreement", "title": "t", "description": "d", "source_id": "biro2021", **r} for r in rows]
    return frame(EVENTS, [Row(i + 2, {c: r.get(c, "") for c in EVENTS.column_names}) for i, r in enumerate(cells)])


@pytest.fixture(scope="module")
def full():
    """The shipped data."""
    return load.load()


@pytest.fixture(scope="module")
def bundle(full):
    """The paper's record only: the figures' mechanics are checked on its 36 events, which do not change."""
    return dataclasses.replace(full, events=full.events[full.events["evidence"] == "paper"])


def build(events, countries, sources, selected, years=BOUNDS):
    f = Filters.make(selected, years, BOUNDS)
    return timeline.build(filters.events(events, f), countries, sources, f, KINDS)


@pytest.mark.parametrize(("text", "words", "precision"), [
    ("1993", "1993 (month unknown)", "year"),
    ("1993-02", "February 1993", "month"),
    ("1993-02-23", "23 February 1993", "day"),
    (None, "date unknown", None),
    (float("nan"), "date unknown", None),
])
def test_date_precision_and_words(text, words, precision):
    assert timeline.date_words(text) == words
    assert timeline.precision(text) == precision


@pytest.mark.parametrize(("parties", "selected", "lanes"), [
    (("TUR", "KAZ", "UZB"), ("AZE", "KAZ", "UZB"), ["KAZ", "UZB"]),
    (("TUR", "KAZ", "UZB"), ("KAZ",), ["KAZ"]),
    (("KAZ", "TUR"), ("KAZ",), ["KAZ"]),
    (("TUR",), ("KAZ",), ["TUR"]),
    (("TUR",), (), ["TUR"]),
    (("AZE", "ARM"), ("AZE",), ["context"]),
    (("KAZ", "UZB"), ("KAZ",), ["context"]),  # the Turkic states among themselves: the region's lane
    (("RUS", "KAZ", "KGZ"), ("KAZ",), ["powers"]),  # a rival power without Turkey: the rival powers' lane
    (("USA", "UZB"), ("UZB",), ["powers"]),
    (("TUR", "MNG", "AZE"), ("KGZ",), ["MNG", "AZE"]),  # not filtered by the selection: never lost
])
def test_lane_keys(parties, selected, lanes):
    assert timeline.lane_keys(parties, selected) == lanes


EVENTS_SMALL = [
    {"event_id": "tour", "date": "1993-03", "parties": "TUR;UZB;TKM;KGZ", "kind": "visit"},
    {"event_id": "almaty", "date": "1993-02-23", "parties": "TUR;KAZ"},
    {"event_id": "training", "date": "1993", "parties": "TUR;UZB;TKM;KGZ"},
    {"event_id": "fiep", "date": "1998", "parties": "TUR", "kind": "organisation"},
    {"event_id": "war", "date": "2020", "parties": "AZE;ARM", "kind": "other"},
    {"event_id": "lost", "parties": "TUR;KAZ", "date_note": "lost in the text"},
    {"event_id": "akar", "date": "2020-10", "parties": "TUR;KAZ;UZB", "kind": "visit"},
]


def test_explode_puts_each_event_in_each_selected_partner_lane():
    events = make(EVENTS_SMALL)
    rows = timeline.explode(events, ("AZE", "KAZ", "KGZ", "TKM", "UZB"))
    lanes = rows.groupby("event_id")["lane"].agg(sorted).to_dict()
    assert lanes == {"tour": ["KGZ", "TKM", "UZB"], "almaty": ["KAZ"], "training": ["KGZ", "TKM", "UZB"],
                     "fiep": ["TUR"], "war": ["context"], "lost": ["KAZ"], "akar": ["KAZ", "UZB"]}


def test_lanes_order_context_turkic_others_turkey_last(bundle):
    lanes = timeline.lanes(bundle.countries, ("MNG", "UZB", "KAZ"), {"context", "KAZ", "TUR", "MNG", "powers"})
    assert [lane.key for lane in lanes] == ["powers", "context", "KAZ", "UZB", "MNG", "TUR"]
    assert [lane.label for lane in lanes] == ["Rival powers, without Turkey", "The region, without Turkey",
                                             "Kazakhstan", "Uzbekistan", "Mongolia", "Turkey alone"]
    # a selected partner without events keeps its (empty) lane; Turkey alone appears only when used
    assert [lane.key for lane in timeline.lanes(bundle.countries, ("TKM",), set())] == ["TKM"]


def test_year_counts_each_event_once_without_undated_and_context():
    counts = timeline.year_counts(make(EVENTS_SMALL), KINDS)
    assert counts.values.tolist() == [
        [1993, "agreement", 2], [1993, "visit", 1], [1998, "organisation", 1], [2020, "visit", 1]]


def test_year_counts_empty():
    counts = timeline.year_counts(make(EVENTS_SMALL).iloc[:0], KINDS)
    assert counts.empty and list(counts.columns) == ["year", "kind", "count"]


def test_year_counts_on_the_papers_events(bundle):
    counts = timeline.year_counts(bundle.events, KINDS).set_index(["year", "kind"])["count"]
    assert counts[(1993, "agreement")] == 2  # Almaty (23 February) and the training agreements (1993)
    assert counts[(1993, "visit")] == 2  # the March tour and the April return visit
    assert counts[(2005, "agreement")] == 2  # Ankara (October) and Bishkek (November)
    assert counts[(2020, "visit")] == 1 and counts[(2020, "agreement")] == 1
    assert (2020, "other") not in counts.index  # the Karabakh war is context, not a tie with Turkey
    dated = bundle.events["date"].notna() & ~bundle.events["parties"].map(timeline.is_context)
    assert counts.sum() == dated.sum() == 29


def test_place_every_dated_event_in_every_partner_lane(bundle):
    tl = build(bundle.events, bundle.countries, bundle.sources, ALL_PARTNERS)
    placed = tl.placed.groupby("event_id")["lane"].agg(set)
    for event in bundle.events.itertuples():
        if pd.isna(event.date):
            assert event.event_id not in placed.index
            continue
        partners = {p for p in event.parties if p in ALL_PARTNERS}  # Iran (ECO) is a rival power, no lane
        expected = {"context"} if "TUR" not in event.parties else (partners or {"TUR"})
        assert placed[event.event_id] == expected, event.event_id
    assert tl.undated == int(bundle.events["date"].isna().sum()) == 6


def test_place_x_is_the_middle_of_the_date_span(bundle):
    tl = build(bundle.events, bundle.countries, bundle.sources, ("KAZ",))
    rows = tl.placed.set_index("event_id")
    day, month, year = (rows.loc[i] for i in ("kaz_almaty_agreement_1993", "kaz_protocol_1996",
                                             "kaz_defence_industry_1996"))
    assert (day.x0, day.x1, day.x) == (pd.Timestamp("1993-02-23"), pd.Timestamp("1993-02-24"),
                                       pd.Timestamp("1993-02-23 12:00"))
    assert (month.x0, month.x1, month.precision) == (pd.Timestamp("1996-09-01"), pd.Timestamp("1996-10-01"),
                                                     "month")
    assert (year.x0, year.x1, year.precision, year.date_text) == (
        pd.Timestamp("1996-01-01"), pd.Timestamp("1997-01-01"), "year", "1996 (month unknown)")


def test_dodge_separates_close_markers_in_a_lane_only():
    x = pd.Series(pd.to_datetime(["2020-10-16", "2020-10-16", "2020-10-16", "2005-01-01"]))
    lane = pd.Series(["UZB", "UZB", "KAZ", "UZB"])
    offsets = timeline.dodge(x, lane, pd.Timedelta(days=100)).tolist()
    assert offsets[0] != offsets[1] and offsets[2] == 0 and offsets[3] == 0


@pytest.mark.parametrize(("near_days", "months"), [(20, 1), (40, 3), (100, 6), (200, 12), (400, 24), (1000, 60), (5000, 120)])
def test_period_months_is_the_shortest_calendar_period_wide_enough(near_days, months):
    assert timeline.period_months(pd.Timedelta(days=near_days)) == months


@pytest.mark.parametrize(("period", "months", "words"), [
    (2023 * 12 + 2, 1, "March 2023"), ((2023 * 12 + 3) // 3, 3, "April to June 2023"),
    (2023 * 2, 6, "January to June 2023"), (2023, 12, "2023"), (2022 // 2, 24, "2022 to 2023"),
    (2020 // 5, 60, "2020 to 2024")])
def test_period_words(period, months, words):
    assert timeline.period_words(period, months) == words


def _overlaps(x, lane, where, near):
    """Pairs of markers (single rows or groups) in one lane, one slot, closer than `near`."""
    placed, groups = where
    marks = [(lane[i], x[i], placed["offset"][i]) for i in x.index if not placed["grouped"][i]]
    marks += [(g.lane, g.x, g.offset) for g in groups.itertuples()]
    marks.sort(key=lambda m: (m[0], m[2], m[1]))
    return [(a, b) for a, b in zip(marks, marks[1:]) if a[0] == b[0] and a[2] == b[2] and b[1] - a[1] < near]


def test_arrange_groups_a_crowded_period_and_keeps_the_rest_apart():
    x = pd.Series(pd.to_datetime(["2021-01-05", "2021-02-01", "2021-03-01", "2021-05-01", "2021-06-01",
                                  "2021-09-01", "2024-01-01", "2021-01-05"]))
    lane = pd.Series(["AZE"] * 7 + ["KAZ"])
    near = pd.Timedelta(days=200)  # periods of a year
    placed, groups = timeline.arrange(x, lane, near)
    assert placed["grouped"].tolist() == [True] * 6 + [False, False]  # 2021 in AZE: 6 events, more than 3 slots
    assert groups[["lane", "n", "period_text"]].values.tolist() == [["AZE", 6, "2021"]]
    assert groups["event_ids"][0] == (0, 1, 2, 3, 4, 5)
    assert groups["x"][0] == pd.Timestamp("2021-07-02 12:00") and groups["x0"][0] == pd.Timestamp("2021-01-01")
    assert not _overlaps(x, lane, (placed, groups), near)


def test_arrange_groups_neighbouring_periods_when_slots_run_out():
    # three events at the end of 2020 and three at the start of 2021: no period crowded by itself, but six
    # markers within `near` of each other cannot keep apart in three slots
    x = pd.Series(pd.to_datetime(["2020-12-20", "2020-12-25", "2020-12-30", "2021-01-02", "2021-01-05",
                                  "2021-01-08"]))
    lane = pd.Series(["UZB"] * 6)
    near = pd.Timedelta(days=200)
    placed, groups = timeline.arrange(x, lane, near)
    assert groups["n"].sum() + (~placed["grouped"]).sum() == 6
    assert len(groups) >= 1 and not _overlaps(x, lane, (placed, groups), near)


def test_no_marker_lies_on_another_in_the_shipped_data(full):
    for years in (BOUNDS, (2021, 2026), (2023, 2024)):
        tl = build(full.events, full.countries, full.sources, ALL_PARTNERS, years)
        near = (tl.end - tl.start) * timeline.NEAR
        assert not _overlaps(tl.placed["x"], tl.placed["lane"], (tl.placed, tl.groups), near)
        assert tl.groups["n"].sum() + (~tl.placed["grouped"]).sum() == len(tl.placed)  # every marker drawn once


SEARCH_EVENTS = [
    {"event_id": "a", "kind": "protocol", "title": "Protocol with Kazakhstan", "description": "PfP"},
    {"event_id": "b", "kind": "agreement", "title": "Almaty agreement", "description": "Signed in Alma-Ata"},
    {"event_id": "c", "kind": "visit", "title": "Visit", "description": "Akar in Tashkent, Biró says"},
]


@pytest.mark.parametrize(("kinds", "text", "expected"), [
    ([], "", ["a", "b", "c"]),
    (["protocol", "visit"], "", ["a", "c"]),
    ([], "ALMATY", ["b"]),
    ([], "alma-ata", ["b"]),  # descriptions are searched too
    ([], "biro", ["c"]),  # accents do not matter
    ([], "  agreement   almaty ", ["b"]),  # every word must match
    ([], "agreement tashkent", []),
    (["protocol"], "almaty", []),
    ([], "(", []),  # plain text, not a regular expression
    ([], None, ["a", "b", "c"]),
])
def test_search_by_kind_and_words(kinds, text, expected):
    assert timeline.search(make(SEARCH_EVENTS), kinds, text)["event_id"].tolist() == expected


def test_table_words_order_and_missing_values(bundle):
    events = bundle.events
    table = timeline.table(events, bundle.country_names(), bundle.sources)
    assert tuple(table.columns) == timeline.TABLE_COLUMNS and len(table) == len(events)
    assert table["date"].iloc[0] == "1992 (month unknown)"
    assert table["date"].tail(6).tolist() == ["date unknown"] * 6  # undated last
    row = table[table["title"] == "Defence Minister Akar visits Kazakhstan and Uzbekistan"].iloc[0]
    assert row["parties"] == "Turkey, Kazakhstan, Uzbekistan"
    assert row["source"].startswith("Biró 2021, footnote 3: Sergey Marzhetsky")
    kazakh = table[table["title"] == "Kazakh defence minister signs aid agreement in Turkey"].iloc[0]
    assert kazakh["parties"] == "Turkey, Kazakhstan"  # Turkey first, whatever the data's order
    assert table["source"].str.contains("main text \\(no footnote\\)").any()
    assert table["about_date"].isna().any()  # missing stays missing; the page shows it as ""
    assert not table.isin(["None", "nan"]).any().any()


def test_table_csv_is_what_is_shown(bundle):
    table = timeline.table(timeline.search(bundle.events, ["protocol"], ""), bundle.country_names(),
                           bundle.sources)
    back = pd.read_csv(io.BytesIO(csv_bytes(table)), encoding="utf-8-sig")
    assert list(back.columns) == list(table.columns) and len(back) == len(table) == 3
    assert back["date"].tolist() == ["September 1996", "March 2001", "January 2009"]


# ---- figure -------------------------------------------------------------------------------------------

def spec_for(bundle, selected=ALL_PARTNERS, years=BOUNDS):
    """The timeline page's event chart spec for the selection, as the page computes it."""
    f = Filters.make(selected, years, BOUNDS)
    return timeline_charts.CHARTS["events"](timeline_charts.prepare(bundle, f, None, TODAY))


def figure_for(bundle, selected=ALL_PARTNERS, years=BOUNDS):
    spec = spec_for(bundle, selected, years)
    return spec.frames["timeline"], figures.figure(spec)


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_figure_lanes_and_traces(bundle):
    tl, fig = figure_for(bundle, ("AZE", "KAZ", "KGZ", "TKM", "UZB"))
    assert list(fig.layout.yaxis.ticktext) == ["Turkey alone", "Uzbekistan", "Turkmenistan", "Kyrgyzstan",
                                              "Kazakhstan", "Azerbaijan", timeline.LANE_LABELS["context"]]
    names = [t.name for t in fig.data]
    present = set(tl.placed["kind"])
    assert present == {"agreement", "protocol", "visit", "exercise", "organisation", "industry", "conflict", "other"}
    assert [n for n in names if n.lower() in KINDS] == [k.capitalize() for k in KINDS if k in present]
    assert "Agreement per year" in names and "Known to the month or year only" in names
    assert all(t.xaxis == "x2" for t in fig.data if t.type == "bar")
    assert fig.layout.xaxis.matches == "x2" or fig.layout.xaxis2.matches == "x"  # one shared time axis


def test_figure_filled_by_day_hollow_by_month_or_year(bundle):
    _, fig = figure_for(bundle, ("KAZ",))
    day, approx = trace(fig, "Agreement: day known"), trace(fig, "Agreement: month or year known")
    assert list(day.customdata) == ["kaz_almaty_agreement_1993"]
    assert day.marker.color == theme.kind_colour("agreement") and day.marker.symbol == "circle"
    assert approx.marker.color == theme.WHITE and approx.marker.line.color == theme.kind_colour("agreement")
    assert "kaz_defence_industry_1996" in approx.customdata
    spans = trace(fig, "Agreement: span of the month or year")
    assert pd.Timestamp("1996-01-01") in list(spans.x) and pd.Timestamp("1997-01-01") in list(spans.x)


def test_figure_hover_has_date_as_known_parties_and_footnote(bundle):
    _, fig = figure_for(bundle, ("KAZ",))
    approx = trace(fig, "Agreement: month or year known")
    text = approx.hovertext[list(approx.customdata).index("kaz_defence_industry_1996")]
    assert "Date: 1996 (month unknown)" in text and "January 1996" not in text
    assert "Parties: Turkey, Kazakhstan" in text and "main text (no footnote)" in text
    day = trace(fig, "Agreement: day known").hovertext[0]
    assert "Date: 23 February 1993" in day and "footnote 56" in day


def test_figure_counts_match_year_counts(bundle):
    tl, fig = figure_for(bundle)
    bars = [t for t in fig.data if t.type == "bar"]
    assert sum(sum(t.y) for t in bars) == tl.counts["count"].sum() == 29
    visits = trace(fig, "Visit per year")
    assert dict(zip([x.year for x in visits.x], visits.y)) == {1993: 2, 2002: 1, 2020: 1}


def test_figure_title_subtitle_source_and_context_band(bundle):
    spec = spec_for(bundle, ("AZE",))
    fig = figures.figure(spec)
    assert timeline_charts.TITLES["events"] in fig.layout.title.text
    assert spec.subtitle == filters.in_words(Filters.make(["AZE"], BOUNDS, BOUNDS), bundle.country_names())
    assert f"{spec.subtitle} · 1 undated event is listed below the chart" in fig.layout.title.subtitle.text
    assert spec.source.startswith("Biró 2021, footnote")
    assert any(f"Source: {spec.source}" in a.text for a in fig.layout.annotations)
    bands = [(shape.fillcolor, str(shape.x0)[:4]) for shape in fig.layout.shapes]
    assert bands.count((theme.CONTEXT_BAND, "2020")) == 2  # the 2020 war, shaded behind both charts
    assert bands.count((theme.PAPER_BAND, "2021")) == 2  # the year the paper was published, behind both charts
    assert len(bands) == 4
    assert "Conflict period (shaded)" in [t.name for t in fig.data]


def test_figure_year_range_follows_the_filter(bundle):
    tl, fig = figure_for(bundle, ("KGZ",), (2000, 2010))
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert start < pd.Timestamp("2000-01-01") < pd.Timestamp("2011-01-01") < end
    assert tl.undated == 0 and "undated" not in fig.layout.title.subtitle.text
    assert set(tl.placed["event_id"]) == {"kgz_agreement_2000_10", "kgz_agreement_2002_03",
                                          "kgz_free_assistance_2005_10", "kgz_bishkek_agreement_2005_11",
                                          "kgz_modernisation_agreement_2008_06", "kgz_protocol_2009_01",
                                          "turkic_council_2009"}


def test_figure_escapes_data_text(bundle):
    events = make([{"event_id": "x", "date": "2001", "parties": "TUR;KAZ", "title": "<b>bold</b> & co",
                    "description": "<script>alert(1)</script>"}])
    countries = pd.DataFrame({"iso3": ["TUR", "KAZ"], "name": ["Turkey", "Kazakhstan"],
                              "group": ["turkic_state", "turkic_state"]})
    sources = pd.DataFrame({"source_id": ["biro2021"], "citation": ["c"], "kind": ["paper"],
                            "paper_footnote": [None]})
    hand = dataclasses.replace(bundle, events=events, countries=countries, sources=sources)
    spec = spec_for(hand, ("KAZ",))
    assert spec.frames["timeline"].placed["event_id"].tolist() == ["x"]
    fig = figures.figure(spec)
    text = trace(fig, "Agreement: month or year known").hovertext[0]
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in text and "<script>" not in text


def test_empty_figure_says_so(bundle):
    tl, fig = figure_for(bundle, ("AZE",), (2022, 2024))
    assert tl.placed.empty and not fig.data
    assert fig.layout.annotations[0].text == "No recorded events for this selection."
    assert timeline_charts.TITLES["events"] in fig.layout.title.text


def test_an_event_from_public_records_has_a_dot_in_its_marker_and_the_key_says_so(bundle):
    import dataclasses

    events = bundle.events.copy()
    events.loc[events["event_id"] == "akar_visit_2020_10", "evidence"] = "public"
    spec = spec_for(dataclasses.replace(bundle, events=events), ("KAZ",))
    fig = figures.figure(spec)
    marks = {i: s for t in fig.data if t.customdata is not None
             for i, s in zip(t.customdata, t.marker.symbol if isinstance(t.marker.symbol, tuple) else
                             [t.marker.symbol] * len(t.customdata))}
    assert marks["akar_visit_2020_10"].endswith(theme.PUBLIC_MARK)
    assert not any(s.endswith(theme.PUBLIC_MARK) for i, s in marks.items() if i != "akar_visit_2020_10")
    assert "From public records, not the paper" in [t.name for t in fig.data]
    plain = figures.figure(spec_for(bundle, ("KAZ",)))
    assert "From public records, not the paper" not in [t.name for t in plain.data]


def test_the_shipped_record_groups_crowded_lanes_and_every_kind_has_its_legend_entry(full):
    spec = spec_for(full, ALL_PARTNERS)
    tl, fig = spec.frames["timeline"], figures.figure(spec)
    names = [t.name for t in fig.data]
    assert [n for n in names if n.lower() in KINDS] == [k.capitalize() for k in KINDS]  # all ten kinds occur
    assert {lane.key for lane in tl.lanes} >= {"powers", "context"}
    groups = trace(fig, "Several events")
    assert len(groups.x) == len(tl.groups) > 0 and [int(n) for n in groups.text] == tl.groups["n"].tolist()
    first = tl.groups.iloc[0]
    assert groups.hovertext[0].startswith(f"<b>{first.n} events, {first.period_text}</b>")
    assert "Several events (how many inside)" in names
    # narrowing the years takes groups apart: more events drawn one by one
    narrow = spec_for(full, ALL_PARTNERS, (2022, 2022)).frames["timeline"]
    assert (~narrow.placed["grouped"]).sum() > (~tl.placed[tl.placed["x"].dt.year == 2022]["grouped"]).sum()
    # only conflicts are shaded
    shaded = {s.x0 for s in fig.layout.shapes if s.fillcolor == theme.CONTEXT_BAND}
    conflicts = tl.placed[tl.placed["kind"] == "conflict"].drop_duplicates("event_id")
    assert len(shaded) == len(conflicts) == 5


def test_a_group_at_the_end_of_the_axis_is_drawn_on_it():
    x = pd.Series(pd.to_datetime(["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"]))
    lane = pd.Series(["UZB"] * 4)
    axis = (pd.Timestamp("1991-01-01"), pd.Timestamp("2027-01-01"))
    near = (axis[1] - axis[0]) * timeline.NEAR  # periods of five years: 2025 to 2029, of which 2025-2026 is shown
    _, groups = timeline.arrange(x, lane, near, axis)
    assert groups["period_text"].tolist() == ["2025 to 2029"]
    assert groups["x"][0] == pd.Timestamp("2026-01-01") and axis[0] < groups["x"][0] < axis[1]
