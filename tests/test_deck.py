"""The briefing deck, read back with python-pptx: slides and titles, native objects only (no pictures), the
numbers behind each chart equal to the filtered data, footers and notes, the empty selection, the command
line against the function, and a failing slide that leaves the others."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from datetime import date

import pandas as pd
import pytest
from datahelp import DATA, ROOT
from pptx import Presentation
from pptx.chart.plot import XyPlot
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from turan import DATA_VERSION, aid, alliances, deck, filters, load, pages, rivalry, schema, theme
from turan.charts import CATALOGUE
from turan.charts import aid as aid_charts
from turan.charts import alliances as alliance_charts
from turan.charts import rivalry as rivalry_charts
from turan.charts import scenario as scenario_charts
from turan.charts import timeline as timeline_charts
from turan.deck import kit, layout
from turan.deck import rivalry as rivalry_slides
from turan.describe import aid as describe_aid
from turan.describe import scenario as describe_scenario
from turan.filters import Filters

TODAY = date(2026, 5, 1)
BOUNDS = (1991, 2026)
TURKIC = ("AZE", "KAZ", "KGZ", "TKM", "UZB")
EVENTS_TITLE = timeline_charts.TITLES["events"]
REACH_TITLE = rivalry_charts.TITLES["reach"]
BASES_TITLE = rivalry_charts.TITLES["bases"]
SCENARIO_TITLE = "Obstacles and enablers of a Turkey-led alliance"  # the page's title (issue 17)
MAP_TITLE = "Roles in CSTO \u00b7 Collective Security Treaty Organization"  # "Roles in <org label>" (issue 17)
CHART_TITLES = [
    "Headline figures", "Since the paper: what changed from 2021 to today", "Turkish military aid by recipient", "Turkish military aid over time", EVENTS_TITLE,
    "Events with Turkey per year, by kind", "What the paper says: Interests", "What the paper says: Instruments",
    "What the paper says: Stance towards Turkey's role", REACH_TITLE, BASES_TITLE,
    "Military expenditure as a share of GDP", "Who supplied their arms, 2021-2025", "Arms delivered to the selected states, by supplier",
    "Each supplier's share of the arms delivered, per five-year period",
    "Main supplier now and twenty years ago, and Turkey's rank", MAP_TITLE, "Roles in each organisation",
    "Which combinations of the chosen organisations occur", SCENARIO_TITLE,
    "What the check found, section by section of the paper", "The paper's forecasts and judgements, five years on",
]


@pytest.fixture(scope="module")
def bundle():
    return load.load(DATA)


def view(countries, years=BOUNDS) -> Filters:
    return Filters.make(countries, years, BOUNDS)


def make(bundle, f, page_ids=None, url="", **options):
    """The deck and its slides read back; `options`: each page's options (turan.charts.<page>.Options) by page id."""
    built = deck.build(bundle, f, page_ids, options or None, url, TODAY)
    return built, Presentation(io.BytesIO(built.data))


def walk(shapes):
    """Every shape, inside groups too."""
    for shape in shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from walk(shape.shapes)


def by_title(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text_frame.text == title)


def charts(slide) -> list:
    return [s.chart for s in walk(slide.shapes) if getattr(s, "has_chart", False) and s.has_chart]


def tables(slide) -> list:
    return [s.table for s in walk(slide.shapes) if getattr(s, "has_table", False) and s.has_table]


def series_values(chart) -> dict[str, list]:
    """Series name -> its (y) values, blank padding points dropped."""
    out = {}
    for plot in chart.plots:
        for series in plot.series:
            values = list(series.values)
            while values and values[-1] is None:
                values.pop()
            out[series.name] = values
    return out


def x_values(series) -> list[float]:
    return [float(v.text) for v in series._element.xpath("./c:xVal//c:v")]


def texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in walk(slide.shapes) if s.has_text_frame)


@pytest.fixture(scope="module")
def full(bundle):
    return make(bundle, view(TURKIC))


@pytest.fixture(scope="module")
def kgz(bundle):
    return make(bundle, view(("KGZ",), (2000, 2010)), url="http://localhost:8501/?countries=Kyrgyzstan")


# ---- structure -----------------------------------------------------------------------------------------------

def test_whole_dashboard_deck_has_a_title_slide_every_chart_and_closing_sources(full):
    built, prs = full
    assert built.problems == ()
    assert built.titles[0] == layout.QUESTION == pages.QUESTION
    assert list(built.titles[1:len(CHART_TITLES) + 1]) == CHART_TITLES
    closing = built.titles[len(CHART_TITLES) + 1:]
    assert closing and all(t.startswith("Sources") for t in closing)
    assert [s.shapes.title.text_frame.text for s in prs.slides] == list(built.titles)
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9


def test_a_page_deck_has_only_that_pages_charts(bundle):
    built, _ = make(bundle, view(TURKIC), page_ids=["aid"])
    assert built.titles[1:3] == ("Turkish military aid by recipient", "Turkish military aid over time")
    assert built.titles[0] == layout.QUESTION and built.titles[3].startswith("Sources") and len(built.titles) == 4


@pytest.mark.parametrize("deck_fixture", ["full", "kgz"])
def test_no_pictures_anywhere(deck_fixture, request):
    _, prs = request.getfixturevalue(deck_fixture)
    images = [p for p in prs.part.package.iter_parts() if p.content_type.startswith("image/")]
    assert images == []
    for slide in prs.slides:
        assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in walk(slide.shapes))
        assert not slide._element.xpath(".//p:pic")


def test_each_chart_is_an_editable_native_object(full):
    _, prs = full
    kinds = {
        "Turkish military aid by recipient": [XL_CHART_TYPE.BAR_STACKED],
        "Turkish military aid over time": ["XY"],
        EVENTS_TITLE: ["XY"],
        "Events with Turkey per year, by kind": [XL_CHART_TYPE.COLUMN_STACKED],
        REACH_TITLE: [XL_CHART_TYPE.LINE_MARKERS] * 5,
        BASES_TITLE: [XL_CHART_TYPE.BAR_STACKED],
        "Military expenditure as a share of GDP": [XL_CHART_TYPE.LINE_MARKERS],
        "Which combinations of the chosen organisations occur": [XL_CHART_TYPE.COLUMN_CLUSTERED],
    }
    for title, expected in kinds.items():  # python-pptx reads every XY chart back as XY_SCATTER
        got = ["XY" if isinstance(c.plots[0], XyPlot) else c.chart_type for c in charts(by_title(prs, title))]
        assert got == expected, title
    for title in ("Headline figures", "What the paper says: Interests", "Roles in each organisation",
                  "Which combinations of the chosen organisations occur", SCENARIO_TITLE):
        assert tables(by_title(prs, title)), title
    freeforms = [s for s in walk(by_title(prs, MAP_TITLE).shapes)
                 if s.shape_type == MSO_SHAPE_TYPE.FREEFORM]
    assert {"Kazakhstan (KAZ)", "Kyrgyzstan (KGZ)", "Turkey (TUR)", "Russia (RUS)"} <= {s.name for s in freeforms}


def test_no_chart_is_empty(full, kgz):
    for _, prs in (full, kgz):
        for slide in prs.slides:
            for chart in charts(slide):
                assert any(v is not None for values in series_values(chart).values() for v in values)


# ---- the numbers: Kyrgyzstan only, 2000 to 2010 --------------------------------------------------------------

def test_aid_bars_carry_the_filtered_totals(bundle, kgz):
    f = view(("KGZ",), (2000, 2010))
    totals = aid.totals(aid.annotate(aid.select(bundle.aid, f), bundle.aid), f.countries)
    expected = {c: [float(totals.loc[totals["commitment"] == c, "amount_usd"].sum())] for c in aid.COMMITMENTS
                if totals.loc[totals["commitment"] == c, "amount_usd"].sum() > 0}
    chart = charts(by_title(kgz[1], "Turkish military aid by recipient"))[0]
    assert series_values(chart) == expected == {"delivered": [2_000_000.0], "agreed": [3_300_000.0]}
    assert list(chart.plots[0].categories) == ["Kyrgyzstan: $5.3M + 1 figure of unknown amount"]
    labels = [p.data_label.text_frame.text for s in chart.plots[0].series for p in s.points]
    assert labels == ["$2M", "$3.3M"]


def test_aid_marks_are_the_filtered_figures(bundle, kgz):
    f = view(("KGZ",), (2000, 2010))
    rows = filters.aid(bundle.aid, f)
    chart = charts(by_title(kgz[1], "Turkish military aid over time"))[0]
    marks = [s for s in chart.plots[0].series if not s.name.startswith("period:")]
    assert sum(len(series_values(chart)[s.name]) for s in marks) == len(rows.dropna(subset=["date", "period_start",
                                                                                             "period_end"], how="all"))


def test_events_per_year_equal_the_filtered_events(bundle, kgz):
    events = filters.events(bundle.events, view(("KGZ",), (2000, 2010)))
    dated = events[events["date_first"].notna() & events["parties"].map(lambda p: "TUR" in p)]
    table = dated.groupby([dated["date_first"].dt.year, "kind"]).size()
    expected = {kind.capitalize(): [int(table[(y, kind)]) if (y, kind) in table.index else None
                                    for y in range(2000, 2011)] for kind in schema.EVENT_KINDS
                if kind in set(dated["kind"])}
    for values in expected.values():
        while values and values[-1] is None:
            values.pop()
    chart = charts(by_title(kgz[1], "Events with Turkey per year, by kind"))[0]
    assert list(chart.plots[0].categories) == [str(y) for y in range(2000, 2011)]
    assert series_values(chart) == expected


def test_event_markers_sit_at_the_events_dates(bundle, kgz):
    f = view(("KGZ",), (2000, 2010))
    events = filters.events(bundle.events, f)
    dated = events[events["date_first"].notna()]
    middles = dated["date_first"] + (dated["date_last"] + pd.Timedelta(days=1) - dated["date_first"]) / 2
    chart = charts(by_title(kgz[1], EVENTS_TITLE))[0]
    xs = sorted(x for s in chart.plots[0].series for x in x_values(s))
    assert xs == sorted(kit.serial(m) for m in middles)


def test_reach_panels_equal_the_reach_counts(bundle, kgz):
    f = view(("KGZ",), (2000, 2010))
    frame = rivalry.reach(bundle.memberships, bundle.organisations, f, as_of=pd.Timestamp(TODAY))
    panels = charts(by_title(kgz[1], REACH_TITLE))
    names = bundle.country_names()
    got = {name: values for chart in panels for name, values in series_values(chart).items()}
    assert got == {names[p]: frame[frame["power"] == p].sort_values("year")["count"].tolist() for p in schema.POWERS}


def test_indicator_lines_equal_the_dataset(bundle, kgz):
    chart = charts(by_title(kgz[1], "Military expenditure as a share of GDP"))[0]
    rows = bundle.indicators[bundle.indicators["indicator_id"] == "milex_share_gdp"]
    for iso3, name in (("KGZ", "Kyrgyzstan"), ("TUR", "Turkey")):
        mine = rows[rows["iso3"] == iso3].assign(year=lambda r: r["year"].astype(int)).set_index("year")["value"]
        assert series_values(chart)[name] == [float(mine[y]) if y in mine.index else None for y in range(2000, 2011)]


def test_bases_bars_are_the_bases_in_view(bundle, kgz):
    f = view(("KGZ",), (2000, 2010))
    rows = rivalry.bases_timeline(filters.bases(bundle.bases, f), bundle.country_names(), pd.Timestamp(TODAY))
    chart = charts(by_title(kgz[1], BASES_TITLE))[0]
    assert list(chart.plots[0].categories) == [
        f"{r.name} \u00b7 {r.host}\n{r.operator_name}, {r.start.year}\u2013{'in use' if r.ongoing else r.end.year}"
        for r in rows.itertuples(index=False)]
    values = series_values(chart)
    assert values["opened"] == [kit.serial(s) for s in rows["start"]]
    days = sorted(v for name, vs in values.items() if name != "opened" for v in vs if v is not None)
    assert days == sorted(float((e - s).days) for s, e in zip(rows["start"], rows["end"]))


def test_roles_matrix_cells_are_the_roles_as_of_the_day(bundle, kgz):
    snap = alliances.snapshot(bundle, view(("KGZ",), (2000, 2010)), 2010, True, TODAY)
    shown = alliances.shown_orgs(bundle.organisations, alliances.ONE, "CSTO", alliances.DEFAULT_ORGS)
    matrix = alliances.matrix(snap.roles(shown))
    table = tables(by_title(kgz[1], "Roles in each organisation"))[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert [row[0] for row in cells[1:]] == [snap.names[c] for c in matrix.index]
    assert [row[1:] for row in cells[1:]] == [[alliances.ROLE_WORDS.get(r, "\u2013") for r in row]
                                              for row in matrix.to_numpy()]


def test_map_has_one_named_freeform_per_country_coloured_as_on_screen_and_on_the_slide(bundle, kgz):
    _, prs = kgz
    slide = by_title(prs, MAP_TITLE)
    freeforms = {s.name: s for s in walk(slide.shapes) if s.shape_type == MSO_SHAPE_TYPE.FREEFORM}
    snap = alliances.snapshot(bundle, view(("KGZ",), (2000, 2010)), 2010, True, TODAY)
    table = alliances.map_table(snap, bundle.countries, alliances.ONE, "CSTO", alliances.DEFAULT_ORGS, TODAY)
    for iso3, row in table.iterrows():
        if f"{row['name']} ({iso3})" in freeforms:
            fill = str(freeforms[f"{row['name']} ({iso3})"].fill.fore_color.rgb)
            expected = theme.role_colour(row["role"]) if row["in_view"] else theme.NOT_SELECTED
            assert fill == expected.lstrip("#").upper(), iso3
    assert "United States (USA)" not in freeforms  # outside the frame: named under the map instead
    assert "Beyond this map section: United States" in texts(slide)
    for shape in freeforms.values():  # Russia's Chukotka (beyond 180 degrees) is clipped, nothing lands off the slide
        assert 0 <= shape.left and 0 <= shape.top
        assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height
    legend = next(s for s in walk(slide.shapes) if s.name == "Legend")
    words = [s.text_frame.text for s in walk(legend.shapes) if s.has_text_frame and s.text_frame.text]
    assert words[:2] == ["Role in the CSTO", "member (2)"]


# ---- words around the charts ---------------------------------------------------------------------------------

def test_every_chart_slide_has_a_footer_and_notes_with_description_and_citations(full, kgz):
    for _, prs in (full, kgz):
        for slide in list(prs.slides)[1:]:
            footer = next(s for s in slide.shapes if s.name == "Footer")
            assert footer.text_frame.text.startswith("Source: ")
            assert footer.text_frame.text.endswith(f"Turan Dashboard, data v{DATA_VERSION}")
            notes = slide.notes_slide.notes_text_frame.text
            assert "Sources:" in notes
            if not slide.shapes.title.text_frame.text.startswith("Sources"):
                assert len(notes.split("\n\n")[0]) > 40  # the description comes first


def test_notes_say_what_the_description_function_says_and_cite_paper_footnotes(bundle, kgz):
    f = view(("KGZ",), (2000, 2010))
    totals = aid.totals(aid.annotate(aid.select(bundle.aid, f), bundle.aid), f.countries)
    notes = by_title(kgz[1], "Turkish military aid by recipient").notes_slide.notes_text_frame.text
    assert notes.startswith(describe_aid.totals(totals, bundle.country_names(), "Kyrgyzstan; 2000 to 2010"))
    assert aid.COUNTING_RULE in notes
    assert "Bir\u00f3 2021, footnote 60: " in notes


def test_title_slide_has_the_question_filters_date_version_and_link(kgz):
    slide = kgz[1].slides[0]
    text = texts(slide)
    for words in (layout.QUESTION, "Selection: Kyrgyzstan; 2000 to 2010", "1 May 2026", f"data version {DATA_VERSION}",
                  "Reopen this view: http://localhost:8501/?countries=Kyrgyzstan"):
        assert words in text
    links = [r.hyperlink.address for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs
             for r in p.runs if r.hyperlink.address]
    assert links == ["http://localhost:8501/?countries=Kyrgyzstan"]


def test_empty_selection_says_so_instead_of_drawing_empty_charts(bundle):
    built, prs = make(bundle, view((), (2000, 2000)))
    assert built.problems == ()
    assert list(built.titles[1:len(CHART_TITLES) + 1]) == CHART_TITLES
    said = {
        "Turkish military aid by recipient": "No recorded aid for this selection.",
        "Turkish military aid over time": "No recorded aid for this selection.",
        EVENTS_TITLE: "No recorded events for this selection.",
        "Events with Turkey per year, by kind": "No dated event with Turkey in this selection.",
        REACH_TITLE: "No state selected: choose countries in the sidebar.",
        BASES_TITLE: "No recorded foreign base in the selected states for these years.",
        "Since the paper: what changed from 2021 to today":
            "None of these developments falls in the selected countries and years.",
    }
    for title, message in said.items():
        slide = by_title(prs, title)
        assert next(s for s in slide.shapes if s.name == "No data").text_frame.text == message
        assert charts(slide) == [] and tables(slide) == []
    for slide in prs.slides:
        for chart in charts(slide):
            assert any(v is not None for values in series_values(chart).values() for v in values)


def test_page_options_reach_the_slides(bundle):
    built, prs = make(bundle, view(("KGZ",), (2000, 2010)), page_ids=["aid", "rivalry", "alliances"],
                      aid=aid_charts.Options(include_pledged=False), rivalry=rivalry_charts.Options(as_index=True),
                      alliances=alliance_charts.Options(mode=alliances.OVERLAP))
    assert "Military expenditure as a share of GDP, index (2000 = 100)" in built.titles
    chosen = ", ".join(alliances.org_order(bundle.organisations, alliances.DEFAULT_ORGS))
    assert f"Memberships in the chosen organisations: {chosen}" in built.titles
    assert "pledged figures excluded" in texts(by_title(prs, "Turkish military aid by recipient"))


# ---- the same deck from the command line and the button; failures ---------------------------------------------

def dump(prs) -> list:
    """What a reader sees and edits: every slide's text, chart numbers, table cells, shapes and notes."""
    out = []
    for slide in prs.slides:
        items = []
        for shape in walk(slide.shapes):
            if shape.has_text_frame:
                items.append(("text", shape.name, shape.text_frame.text))
            if getattr(shape, "has_chart", False) and shape.has_chart:
                chart = shape.chart
                items.append(("chart", shape.name, chart.chart_type, series_values(chart),
                              [x_values(s) for p in chart.plots for s in p.series]))
            if getattr(shape, "has_table", False) and shape.has_table:
                items.append(("table", [[c.text for c in row.cells] for row in shape.table.rows]))
            if shape.shape_type == MSO_SHAPE_TYPE.FREEFORM:
                items.append(("freeform", shape.name, shape.left, shape.top, shape.width, shape.height))
        out.append((items, slide.notes_slide.notes_text_frame.text))
    return out


def test_command_line_and_function_give_the_same_deck(bundle, tmp_path):
    out = tmp_path / "deck.pptx"
    result = subprocess.run([sys.executable, "-m", "turan.deck", "--out", str(out), "--countries", "KGZ",
                             "--years", "2000", "2010", "--today", TODAY.isoformat()],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "17 slides for Kyrgyzstan; 2000 to 2010" in result.stdout or "slides for Kyrgyzstan" in result.stdout
    f = view(("KGZ",), (2000, 2010))
    url = deck.view_url(deck.DEFAULT_URL, "overview", f, bundle.country_names())
    _, prs = make(bundle, f, url=url)
    assert dump(Presentation(str(out))) == dump(prs)


def test_command_line_rejects_unknown_countries(tmp_path):
    result = subprocess.run([sys.executable, "-m", "turan.deck", "--out", str(tmp_path / "x.pptx"), "--countries",
                             "XXX"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "unknown country code(s) XXX" in result.stderr
    assert not (tmp_path / "x.pptx").exists()


def test_a_failing_slide_leaves_the_others_and_says_which_and_why(bundle, monkeypatch):
    f = view(("KGZ",), (2000, 2010))
    normal, _ = make(bundle, f)

    def broken(*args, **kwargs):
        raise ValueError("the bars do not fit")

    monkeypatch.setattr(rivalry_slides, "draw_bases", broken)  # fails half-way: the slide already has a title
    monkeypatch.setitem(rivalry_charts.CHARTS, "reach", broken)  # fails before the slide: its spec cannot be made
    built, prs = make(bundle, f)
    # a failed slide is named by the chart's fixed title in the catalogue (the page's title of the chart)
    assert (CATALOGUE["reach"].title, CATALOGUE["bases"].title) == (REACH_TITLE, BASES_TITLE)
    assert built.problems == (deck.Problem(REACH_TITLE, "ValueError: the bars do not fit"),
                              deck.Problem(BASES_TITLE, "ValueError: the bars do not fit"))
    assert len(built.titles) == len(normal.titles)
    expected = list(normal.titles)
    expected[expected.index(REACH_TITLE)] = f"{REACH_TITLE}: this slide could not be made"
    expected[expected.index(BASES_TITLE)] = f"{BASES_TITLE}: this slide could not be made"
    assert list(built.titles) == expected
    slide = by_title(prs, f"{BASES_TITLE}: this slide could not be made")
    assert "ValueError: the bars do not fit" in texts(slide)
    assert charts(slide) == [] and "Traceback" not in texts(slide)
    assert charts(by_title(prs, "Military expenditure as a share of GDP"))  # the next slide is whole


def test_lazy_builds_only_when_called(bundle, monkeypatch):
    calls = []
    monkeypatch.setattr(deck, "build", lambda *a, **k: calls.append(a) or deck.Deck(b"pptx", (), ()))
    make_deck = deck.lazy(bundle, view(("KGZ",)), ["aid"], {"aid": aid_charts.Options()}, "http://x")
    assert calls == []
    assert make_deck() == b"pptx" and len(calls) == 1


def test_view_url_and_filename():
    f = view(("KGZ", "KAZ"), (2000, 2010))
    names = {"KGZ": "Kyrgyzstan", "KAZ": "Kazakhstan"}
    assert deck.view_url("http://host:8501/", "aid", f, names) == (
        "http://host:8501/aid?countries=Kyrgyzstan&countries=Kazakhstan&years=2000&years=2010")
    assert deck.view_url("http://host:8501", "overview", f, names).startswith("http://host:8501/?countries=")
    assert deck.filename(None, TODAY) == "turan-briefing-2026-05-01.pptx"
    assert deck.filename(["aid"], TODAY) == "turan-aid-2026-05-01.pptx"


def test_whole_dashboard_deck_builds_in_under_15_seconds(bundle):
    start = time.perf_counter()
    built = deck.build(bundle, view(TURKIC), None, None, today=TODAY)
    elapsed = time.perf_counter() - start
    assert built.problems == () and elapsed < 15, f"{elapsed:.1f} s"


def test_xy_series_are_padded_to_one_length_and_sorted_by_date(full):
    """LibreOffice drops an XY series that comes before a longer one, and applies point formats after sorting
    by x: every series has as many points as the longest (blank ones last), and dates ascend."""
    for title in ("Turkish military aid over time", EVENTS_TITLE):
        chart = charts(by_title(full[1], title))[0]
        lengths = {int(s._element.find(qn("c:yVal")).find(".//" + qn("c:ptCount")).get("val"))
                   for s in chart.plots[0].series}
        assert len(lengths) == 1, title
        for series in chart.plots[0].series:
            if not series.name.startswith("period:"):
                assert x_values(series) == sorted(x_values(series)), (title, series.name)


# ---- the scenario page --------------------------------------------------------------------------------------

def test_scenario_slide_is_the_pages_matrix_as_a_native_table(bundle):
    from turan import scenario
    f = view(("AZE", "KAZ", "KGZ"), (2000, 2021))
    built, prs = make(bundle, f, page_ids=["scenario"],
                      scenario=scenario_charts.Options(("KAZ", "KGZ"), 2010, ("KAZ:CSTO",)))
    assert built.problems == () and built.titles[1] == SCENARIO_TITLE
    slide = by_title(prs, SCENARIO_TITLE)
    departures = (scenario.Departure("KAZ", "CSTO"),)
    table = scenario.factors(bundle, ["KAZ", "KGZ"], 2010, departures, TODAY)
    grid = scenario.matrix(table, ["KAZ", "KGZ"], bundle.country_names())
    (shown,) = tables(slide)
    cells = [[shown.cell(i, j).text_frame.text for j in range(len(shown.columns))] for i in range(len(shown.rows))]
    assert cells[0] == ["Obstacle (\u2212) or enabler (+)", "Turkey", "Kazakhstan", "Kyrgyzstan"]  # as on the page:
    assert [r[0] for r in cells[1:]] == [scenario.FACTORS[k][1] for k in grid.columns]  # factors in rows
    sign = {scenario.OBSTACLE: "\u2212", "enabler": "+"}
    assert cells[1:] == [[scenario.FACTORS[k][1], *(f"{sign[scenario.FACTORS[k][0]]} {v}" if v else "\u00a0"
                                                     for v in grid[k])] for k in grid.columns]
    summary = scenario.summarise(bundle, ["KAZ", "KGZ"], 2010, departures, TODAY, table=table)
    view_words = scenario.view_words(["KAZ", "KGZ"], 2010, departures, bundle.country_names(), TODAY)
    notes = slide.notes_slide.notes_text_frame.text
    assert describe_scenario.matrix(table, grid, summary, view_words) in notes
    footer = next(s for s in slide.shapes if s.name == "Footer").text_frame.text
    assert footer.startswith(f"Source: {scenario_charts.SOURCE}")  # the page's source line (issue 17)
    assert "what if Kazakhstan leaves the CSTO" in " ".join(s.text_frame.text for s in slide.shapes
                                                              if s.has_text_frame)


def test_scenario_slide_defaults_to_the_papers_core_and_says_when_nobody_is_chosen(bundle):
    from turan import scenario
    built, prs = make(bundle, view(TURKIC), page_ids=["scenario"])
    core = scenario.default_candidates(bundle.assessment, list(TURKIC))
    (shown,) = tables(by_title(prs, SCENARIO_TITLE))
    assert len(shown.columns) == len(core) + 2  # the factors' names, Turkey, the core
    built, prs = make(bundle, view(TURKIC), page_ids=["scenario"], scenario=scenario_charts.Options(candidates=()))
    slide = by_title(prs, SCENARIO_TITLE)
    assert next(s for s in slide.shapes if s.name == "No data").text_frame.text.startswith("No candidate chosen")
    assert tables(slide) == []
