"""The briefing deck: an editable 16:9 PowerPoint of any view, built only when asked for.

    build(bundle, filters, pages, options, view_url) -> Deck(data=bytes, titles, problems)
    lazy(...)                                       -> a no-argument callable for st.download_button(data=...)
    python -m turan.deck --out FILE [--countries ISO3 ...] [--years FROM TO] [--pages PAGE ...]

Layout: a title slide (the question, the filters in words, the date, the data version and the link that
reopens the view); one slide per chart (title, filter subtitle, the chart, a source footer; speaker notes
with the chart's description and full citations); closing source slides.

Each chart's slide is made in two steps: a *_content function computes, from the bundle and the filters,
exactly the frames its page draws (same functions, same arguments) and the words around them; a drawer in
turan.figures.slides (or slide_map) turns those frames into editable objects: native charts (their
numbers in the embedded workbook), native tables, and one freeform per country for the map. No pictures.
A chart with nothing to draw gets a slide that says so; a slide that fails is replaced by one saying which
chart and why, and is reported in Deck.problems: the other slides are kept.
"""

from __future__ import annotations

import argparse
import functools
import io
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from turan import (DATA_VERSION, aid, alliances, cite, describe, filters, load, query, rivalry, scenario, schema,
                   theme, timeline)
from turan.figures import slide_kit as kit
from turan.figures import slide_map, slides
from turan.filters import Filters

MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
QUESTION = "Could a \u201cTuran Army\u201d form?"
SUBQUESTION = "Turkey's defence ties with the Turkic states, and what stands in their way"
MAIN_SOURCE = ("Main source: D\u00e1vid Bir\u00f3, \u201cThe Turan Army\u201d, Storia Militare Contemporanea 8 (2021), "
               "and the official sources listed at the end.")
PAGES = {  # page id (its URL path; see URL_PATHS) -> title, in the app's navigation order
    "overview": "Overview", "aid": "Aid by country", "timeline": "Agreement timeline",
    "rivalry": "Power rivalry", "alliances": "Alliance map", "scenario": "Turan Army scenario",
    "sources": "Sources",
}
URL_PATHS = {"overview": ""}  # pages whose URL path is not their id
DEFAULT_URL = "http://localhost:8501"

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # PowerPoint's own 16:9 (13.333 by 7.5 inches)
LEFT, WIDTH = Inches(0.5), Inches(12.333)
TITLE_TOP, TITLE_H = Inches(0.28), Inches(0.62)
SUBTITLE_TOP, SUBTITLE_H = Inches(0.9), Inches(0.42)
BODY_TOP, BODY_H = Inches(1.4), Inches(5.3)
FOOTER_TOP, FOOTER_H = Inches(6.82), Inches(0.55)
FOOTER_CHARS = 330  # a longer source line is cut; the notes keep every citation
SOURCES_PER_SLIDE = 32


# ---- what the caller passes and gets back ----------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    """The page widgets beyond the global filters, with the pages' defaults: the deck shows what they show."""

    include_pledged: bool = True  # aid: "Include pledged (planned) figures"
    loose: bool = False  # rivalry: "Also count observers, associates and dialogue partners"
    indicator_id: str = schema.INDICATORS[0].indicator_id
    as_index: bool = False
    base_year: int | None = None  # None: the page's default base year
    with_powers: bool = False
    map_year: int | None = None  # None: the current year
    map_mode: str = alliances.ONE
    map_org: str = alliances.DEFAULT_ORG
    map_orgs: tuple[str, ...] = alliances.DEFAULT_ORGS
    rivals: bool = True
    scenario_candidates: tuple[str, ...] | None = None  # None: the paper's core among the selected states
    scenario_year: int | None = None  # None (or outside the years selected): the last year selected
    scenario_leave: tuple[str, ...] = ()  # "what if" departures, as the page's keys ('KAZ:CSTO')
    today: date | None = None  # None: today (fixed in tests)


@dataclass(frozen=True)
class Problem:
    """A slide that could not be made, and why (no traceback)."""

    chart: str
    reason: str


@dataclass(frozen=True)
class Deck:
    """The built deck: the .pptx bytes, every slide's title, and the slides that could not be made."""
    data: bytes
    titles: tuple[str, ...]
    problems: tuple[Problem, ...]


@dataclass
class Content:
    """A chart slide before it is drawn: words, sources and a drawing function (None: nothing to draw)."""

    title: str
    subtitle: str
    description: str
    source_ids: Sequence[str]
    source: str  # the footer's source words
    draw: Callable | None = None  # draw(slide, (left, top, width, height)) puts the chart in the box
    empty: str = ""  # said on the slide when there is nothing to draw
    note: str = ""  # a further paragraph for the speaker notes


@dataclass(frozen=True)
class Chart:
    """One chart of a page: its key, page, fallback title and the function that makes its Content."""
    key: str
    page: str
    title: str  # used when the slide fails before it has its own title
    make: Callable[["View"], Content]


# ---- the view: the same frames the pages compute ---------------------------------------------------------

@dataclass
class View:
    """The data, the filters and the page options, with every page's frames computed once on demand."""

    bundle: load.Bundle
    f: Filters
    options: Options = field(default_factory=Options)

    @functools.cached_property
    def today(self) -> pd.Timestamp:
        return pd.Timestamp(self.options.today or date.today()).normalize()

    @functools.cached_property
    def names(self) -> dict[str, str]:
        return self.bundle.country_names()

    @functools.cached_property
    def selection(self) -> str:
        return filters.describe(self.f, self.names)

    @functools.cached_property
    def aid_rows(self) -> pd.DataFrame:
        return aid.annotate(aid.select(self.bundle.aid, self.f, self.options.include_pledged), self.bundle.aid)

    @functools.cached_property
    def events(self) -> pd.DataFrame:
        return filters.events(self.bundle.events, self.f)

    @functools.cached_property
    def timeline(self) -> timeline.Timeline:
        return timeline.build(self.events, self.bundle.countries, self.bundle.sources, self.f, schema.EVENT_KINDS)

    @functools.cached_property
    def snapshot(self) -> alliances.Snapshot:
        year = self.options.map_year or self.today.year
        return alliances.snapshot(self.bundle, self.f, year, self.options.rivals, self.today.date())

    @functools.cached_property
    def map_orgs(self) -> tuple[str, ...]:
        """The organisations compared, in the page's order (grouped by the power that leads them)."""
        return tuple(alliances.org_order(self.bundle.organisations, self.options.map_orgs))

    @functools.cached_property
    def map_subtitle(self) -> str:
        return alliances.describe(self.snapshot, self.f, self.today.date())


# ---- one function per chart: the page's frames -> Content -------------------------------------------------

def headlines_content(v: View) -> Content:
    """The landing page's headline cards as a table."""
    day = min(v.today, pd.Timestamp(v.f.years[1], 12, 31))
    cards = query.headlines(v.bundle, v.f, day)
    ids = sorted({s for card in cards for s in card.source_ids})
    rows = [[card.label, card.value, card.detail, query.cite_short(v.bundle.sources, card.source_ids)
             if card.source_ids else "no source"] for card in cards]
    return Content("Headline figures", v.selection, describe.headlines(cards, v.selection), ids,
                   query.cite_short(v.bundle.sources, ids) if ids else "no source",
                   draw=lambda slide, box: kit.add_table(slide, box, ["Figure", "Value", "What it counts", "Source"],
                                                         rows,
                                                   widths=(2.6, 1.4, 5.2, 3.1), font=13, bold_column=1))


def aid_totals_content(v: View) -> Content:
    """The aid page's totals chart."""
    title = "Turkish military aid by recipient"
    subtitle = aid.subtitle(v.f, v.names, v.options.include_pledged)
    rows = v.aid_rows
    totals = aid.totals(rows, v.f.countries, v.bundle.sources)
    text = describe.aid_totals(totals, v.names, v.selection)
    ids, source = sorted(rows["source_id"].unique()), aid.source_line(v.bundle.sources, rows)
    if rows.empty or totals["figures"].sum() == 0:
        return Content(title, subtitle, text, ids, source, empty="No recorded aid for this selection.")
    return Content(title, subtitle, text, ids, source,
                   draw=lambda slide, box: slides.draw_aid_totals(slide, box, totals, v.names),
                   note=aid.COUNTING_RULE)


def aid_time_content(v: View) -> Content:
    """The aid page's time chart."""
    title = "Turkish military aid over time"
    subtitle = aid.subtitle(v.f, v.names, v.options.include_pledged)
    rows = v.aid_rows
    items = aid.timeline_items(rows, v.bundle.sources, v.names, v.f.countries, v.bundle.aid)
    text = describe.aid_over_time(items, v.names, v.selection, v.f.countries)
    ids, source = sorted(rows["source_id"].unique()), aid.source_line(v.bundle.sources, rows)
    if items.empty:
        return Content(title, subtitle, text, ids, source, empty="No recorded aid for this selection.")
    if (items["kind"] == "undated").all():
        return Content(title, subtitle, text, ids, source, empty="No aid figure in this selection has a date. "
                       + slides.undated_aid_words(items))
    years = None if v.f.full_period else v.f.years
    return Content(title, subtitle, text, ids, source,
                   draw=lambda slide, box: slides.draw_aid_time(slide, box, items, years))


def events_content(v: View) -> Content:
    """The timeline page's event chart."""
    from turan.figures.timeline import TITLE
    tl = v.timeline
    subtitle = v.selection + (f" \u00b7 {describe.count(tl.undated, 'undated event')} listed in the notes"
                              if tl.undated else "")
    text = describe.timeline_events(tl.placed, tl.lanes, tl.undated, v.selection)
    ids = sorted(v.events["source_id"].unique())
    source = query.cite_short(v.bundle.sources, ids)
    if v.events.empty:
        return Content(TITLE, subtitle, text, ids, source, empty="No recorded events for this selection.")
    undated = v.events[v.events["date_first"].isna()]
    note = ("Undated events: " + "; ".join(undated["title"]) + ".") if len(undated) else ""
    if tl.placed.empty:
        return Content(TITLE, subtitle, text, ids, source, empty="No dated events for this selection.", note=note)
    return Content(TITLE, subtitle, text, ids, source, draw=lambda slide, box: slides.draw_events(slide, box, tl),
                   note=note)


def per_year_content(v: View) -> Content:
    """The timeline page's per-year bars."""
    tl = v.timeline
    text = describe.events_per_year(tl.counts, v.f.years, v.selection)
    ids = sorted(v.events["source_id"].unique())
    title = "Events with Turkey per year, by kind"
    source = query.cite_short(v.bundle.sources, ids)
    if tl.counts.empty:
        return Content(title, v.selection, text, ids, source, empty="No dated event with Turkey in this selection.")
    return Content(title, v.selection + " \u00b7 each event counted once, undated ones left out", text, ids, source,
                   draw=lambda slide, box: slides.draw_per_year(slide, box, tl.counts, v.f.years))


def grid_content(dimension: str) -> Callable[[View], Content]:
    """The rivalry page's evidence grid, one slide per dimension."""
    def make(v: View) -> Content:
        """The Content of this dimension's slide."""
        table = rivalry.grid_table(v.bundle.rivalry, v.bundle.sources, v.names)
        rows = table[table["dimension"] == dimension]
        powers = [v.names[p] for p in schema.POWERS]
        text = describe.evidence_grid(table, dimension, powers)
        ids = sorted(rows["source_id"].unique())
        return Content(f"What the paper says: {rivalry.DIMENSION_TITLES[dimension]}",
                       "The paper's \u201ccrowded market\u201d section and conclusion, in our words, each claim with "
                       "its footnote \u00b7 the same for every selection", text, ids,
                       query.cite_short(v.bundle.sources, ids),
                       draw=lambda slide, box: slides.draw_grid(slide, box, table, dimension, v.names))
    return make


def reach_content(v: View) -> Content:
    """The rivalry page's institutional reach panels."""
    from turan.figures.rivalry import REACH_TITLE
    frame = rivalry.reach(v.bundle.memberships, v.bundle.organisations, v.f, loose=v.options.loose, as_of=v.today)
    ids = rivalry.reach_source_ids(v.bundle.memberships, v.bundle.organisations, v.f)
    subtitle = f"{v.selection} \u00b7 unit: number of states"
    subtitle += " \u00b7 looser ties included" if v.options.loose else ""
    text = describe.reach(frame, v.names, len(v.f.countries), v.selection)
    source = (f"membership records ({describe.count(len(ids), 'official page')}, treaties and references), "
              "see the notes" if ids else "membership records: none in this selection")
    if not v.f.countries or frame.empty:
        return Content(REACH_TITLE, subtitle, text, ids, source,
                       empty="No state selected: choose countries in the sidebar.")
    orgs = rivalry.orgs_by_power(v.bundle.organisations)
    return Content(REACH_TITLE, subtitle, text, ids, source,
                   draw=lambda slide, box: slides.draw_reach(slide, box, frame, orgs, v.names, len(v.f.countries)))


def bases_content(v: View) -> Content:
    """The rivalry page's bases chart."""
    from turan.figures.rivalry import BASES_TITLE
    rows = rivalry.bases_in_view(v.bundle.bases, v.f)
    frame = rivalry.bases_timeline(rows, v.names, v.today)
    ids = sorted(rows["source_id"].unique())
    subtitle = f"{v.selection} \u00b7 unit: years of use"
    text = describe.bases(frame, v.f.countries, v.names, v.selection)
    source = query.cite_short(v.bundle.sources, ids) if ids else "bases.csv"
    if frame.empty:
        return Content(BASES_TITLE, subtitle, text, ids, source,
                       empty="No recorded foreign base in the selected states for these years.")
    return Content(BASES_TITLE, subtitle, text, ids, source,
                   draw=lambda slide, box: slides.draw_bases(slide, box, frame, v.today))


def indicator_content(v: View) -> Content:
    """The rivalry page's military spending chart, with the page's indicator options."""
    o = v.options
    countries = rivalry.indicator_countries(v.f, o.with_powers)
    s = rivalry.series(v.bundle.indicators, o.indicator_id, countries, v.f.years)
    base_year = None
    if o.as_index:
        in_range = o.base_year in range(v.f.years[0], v.f.years[1] + 1)
        base_year = o.base_year if in_range else rivalry.default_base_year(s)  # the page's default base year
    frame = rivalry.to_index(s.frame, base_year) if base_year is not None else s.frame
    ind = s.indicator
    unit = ind.unit if base_year is None else f"index, {base_year} = 100"
    title = ind.title if base_year is None else f"{ind.title}, index ({base_year} = 100)"
    who = filters.describe(Filters.make(countries, v.f.years, v.f.bounds), v.names)
    text = describe.indicator(frame, ind, countries, v.names, who, base_year)
    source = f"{ind.edition}, via Our World in Data"
    column = "value" if base_year is None else "index"
    if frame[column].isna().all():
        return Content(title, f"{who} \u00b7 unit: {unit}", text, [ind.source_id], source,
                       empty="No data for these countries in these years.")
    return Content(title, f"{who} \u00b7 unit: {unit}", text, [ind.source_id], source,
                   draw=lambda slide, box: slides.draw_indicator(slide, box, frame, ind, countries, v.names, base_year),
                   note=f"Price basis: {ind.price_basis}. Years the dataset does not cover are gaps, never filled in.")


def map_content(v: View) -> Content:
    """The alliance page's map, in the page's mode."""
    o = v.options
    snap = v.snapshot
    table = alliances.map_table(snap, v.bundle.countries, o.map_mode, o.map_org, v.map_orgs, v.today.date())
    orgs = [o.map_org] if o.map_mode == alliances.ONE else list(v.map_orgs)
    title = (f"Alliance map: roles in the {o.map_org}" if o.map_mode == alliances.ONE
             else "Alliance map: in how many of the chosen organisations")
    ids = sorted(snap.held.loc[snap.held["org_id"].isin(orgs), "source_id"].unique()) + ["natural_earth"]
    text = describe.alliance_map(table, o.map_mode, o.map_org, v.map_orgs, v.map_subtitle)
    defence = alliances.defence_orgs(v.bundle.organisations)
    clashes = alliances.clash_words(alliances.double_defence(snap))
    note = " ".join(clashes) + (" " if clashes else "") + \
        f"Mutual-defence clauses: {alliances.defence_words(defence)}."
    roles = alliances.roles_in(v.bundle.memberships, o.map_org)
    return Content(title, v.map_subtitle, text, ids, alliances.source_words(snap, orgs) + "; shapes: Natural Earth",
                   draw=lambda slide, box: slide_map.draw_map(slide, box, alliances.read_shapes(), table,
                                                              v.bundle.countries, o.map_mode, o.map_org, v.map_orgs,
                                                              roles),
                   note=note)


def matrix_content(v: View) -> Content:
    """The alliance page's roles matrix."""
    o, snap = v.options, v.snapshot
    shown = alliances.shown_orgs(v.bundle.organisations, o.map_mode, o.map_org, v.map_orgs)
    title = "Roles in each organisation"
    defence = alliances.defence_orgs(v.bundle.organisations)
    if not shown:
        return Content(title, v.map_subtitle, f"{title}: no organisation chosen.", [], "memberships.csv",
                       empty="Choose at least one organisation to compare.")
    matrix = alliances.matrix(snap.roles(shown))
    ids = sorted(snap.held.loc[snap.held["org_id"].isin(shown), "source_id"].unique())
    return Content(title, v.map_subtitle, describe.roles_matrix(matrix, snap.names, v.map_subtitle), ids,
                   alliances.source_words(snap, shown),
                   draw=lambda slide, box: slides.draw_matrix(slide, box, matrix, snap.names, defence),
                   note=f"\u25c6 Mutual-defence clause: {alliances.defence_words(defence)}.")


def sets_content(v: View) -> Content:
    """The alliance page's combinations chart."""
    snap = v.snapshot
    orgs = list(v.map_orgs)
    title = "Which combinations of the chosen organisations occur"
    if not orgs:
        return Content(title, v.map_subtitle, describe.set_overlap(pd.DataFrame(), orgs, v.map_subtitle), [],
                       "memberships.csv", empty="Choose organisations to compare to see which combinations occur.")
    combos = alliances.combinations(snap.roles(orgs), snap.names)
    ids = sorted(snap.held.loc[snap.held["org_id"].isin(orgs), "source_id"].unique())
    return Content(title, v.map_subtitle, describe.set_overlap(combos, orgs, v.map_subtitle), ids,
                   alliances.source_words(snap, orgs),
                   draw=lambda slide, box: slides.draw_sets(slide, box, combos, orgs))


def scenario_content(v: View) -> Content:
    """The scenario page's matrix of obstacles and enablers, as a native table, with the page's choices."""
    o = v.options
    choices = list(v.f.countries)
    candidates = ([c for c in o.scenario_candidates if c in choices] if o.scenario_candidates is not None
                  else scenario.default_candidates(v.bundle.assessment, choices))
    year = o.scenario_year if o.scenario_year in range(v.f.years[0], v.f.years[1] + 1) else v.f.years[1]
    departures = tuple(scenario.Departure.parse(k) for k in o.scenario_leave)
    title = "Could the Turan Army be formed? Obstacles and enablers"
    view = scenario.describe(candidates, year, departures, v.names, v.today.date())
    if not candidates:
        return Content(title, view, describe.scenario_matrix(pd.DataFrame(), pd.DataFrame(), None, view), [],
                       "obligations.csv, memberships.csv", empty="No candidate chosen among the selected states.")
    table = scenario.factors(v.bundle, candidates, year, departures, v.today.date())
    summary = scenario.summarise(v.bundle, candidates, year, departures, v.today.date(), table=table)
    grid = scenario.matrix(table, candidates, v.names)
    ids = sorted({s for group in table["source_ids"] for s in group})
    header = ["Country", *(scenario.FACTORS[k][1] for k in grid.columns)]
    rows = [[name, *grid.loc[name].tolist()] for name in grid.index]
    note = "; ".join(f"{s.country}: {scenario.STATUS_WORDS[s.status]}" for s in summary.standings[1:])
    return Content(title, view, describe.scenario_matrix(table, grid, summary, view), ids,
                   query.cite_short(v.bundle.sources, ids) if ids else "obligations.csv, memberships.csv",
                   draw=lambda slide, box: kit.add_table(slide, box, header, rows,
                                                         widths=(2.4, *([1.0] * len(grid.columns))), font=8,
                                                         bold_column=0),
                   note=note + "." if note else "")


CHARTS: dict[str, Chart] = {c.key: c for c in (
    Chart("headlines", "overview", "Headline figures", headlines_content),
    Chart("aid_totals", "aid", "Turkish military aid by recipient", aid_totals_content),
    Chart("aid_time", "aid", "Turkish military aid over time", aid_time_content),
    Chart("events", "timeline", "Turkey's defence ties, event by event", events_content),
    Chart("per_year", "timeline", "Events with Turkey per year", per_year_content),
    *(Chart(f"grid_{d}", "rivalry", f"What the paper says: {t}", grid_content(d))
      for d, t in rivalry.DIMENSION_TITLES.items()),
    Chart("reach", "rivalry", "Institutional reach", reach_content),
    Chart("bases", "rivalry", "Foreign military bases", bases_content),
    Chart("indicator", "rivalry", "Military spending", indicator_content),
    Chart("map", "alliances", "Alliance map", map_content),
    Chart("matrix", "alliances", "Roles in each organisation", matrix_content),
    Chart("sets", "alliances", "Which combinations of the chosen organisations occur", sets_content),
    Chart("scenario", "scenario", "Turan Army scenario", scenario_content),
)}


# ---- building ----------------------------------------------------------------------------------------------

def build(bundle: load.Bundle, f: Filters, pages: Sequence[str] | None = None, options: Options | None = None,
          view_url: str = "") -> Deck:
    """The deck for `pages` (all when None, in navigation order) under the filters, as .pptx bytes."""
    pages = list(PAGES) if not pages else [p for p in PAGES if p in set(pages)]
    view = View(bundle, f, options or Options())
    prs = _presentation()
    problems: list[Problem] = []
    cited: list[str] = ["biro2021"]

    _guard(prs, "Title slide", problems, lambda: _title_slide(prs, view, pages, view_url))
    for chart in (c for c in CHARTS.values() if c.page in pages):
        _guard(prs, chart.title, problems, lambda chart=chart: cited.extend(_chart_slide(prs, view, chart)))
    _guard(prs, "Sources", problems, lambda: _sources_slides(prs, view, cited))

    out = io.BytesIO()
    prs.save(out)
    titles = tuple(_slide_title(s) for s in prs.slides)
    return Deck(out.getvalue(), titles, tuple(problems))


def lazy(bundle: load.Bundle, f: Filters, pages: Sequence[str] | None = None, options: Options | None = None,
         view_url: str = "") -> Callable[[], bytes]:
    """A no-argument callable that builds the deck when called: st.download_button(data=lazy(...))."""
    return lambda: build(bundle, f, pages, options, view_url).data


def filename(pages: Sequence[str] | None, day: date | None = None) -> str:
    """'turan-briefing-2026-05-01.pptx' for every page, 'turan-aid-2026-05-01.pptx' for one."""
    day = day or date.today()
    name = "briefing" if not pages or len(pages) > 1 else pages[0]
    return f"turan-{name}-{day:%Y-%m-%d}.pptx"


def view_url(base: str, page: str, f: Filters, names: dict[str, str]) -> str:
    """The link that reopens this view: the page's path and the filters, built by the same code as the
    pages' 'Cite this view' (turan.cite), so unknown codes are dropped and an empty selection stays empty."""
    root = base if base.endswith("/") else base + "/"
    return cite.view_url(root, URL_PATHS.get(page, page), f, names)


def _guard(prs, title: str, problems: list[Problem], make: Callable[[], object]) -> None:
    """Run one slide builder; on failure drop what it half-built and add a slide that says what and why."""
    before = len(prs.slides)
    try:
        make()
    except Exception as err:  # noqa: BLE001 - any failure of one slide must leave the others
        _drop_slides(prs, before)
        reason = f"{type(err).__name__}: {err}".strip().rstrip(":")
        reason = reason if len(reason) <= 300 else reason[:297] + "..."
        problems.append(Problem(title, reason))
        _error_slide(prs, title, reason)


def _drop_slides(prs, keep: int) -> None:
    """Remove every slide after the first `keep`."""
    ids = prs.slides._sldIdLst
    for sld_id in list(ids)[keep:]:
        prs.part.drop_rel(sld_id.rId)
        ids.remove(sld_id)


def _presentation():
    """An empty 16:9 presentation, without the template's JPEG thumbnail (a stale preview, and a picture)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    rels = prs.part.package._rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(r_id)
    return prs


def _slide_title(slide) -> str:
    """A slide's title text ('' without a title)."""
    title = slide.shapes.title
    return title.text_frame.text if title is not None else ""


# ---- slides ------------------------------------------------------------------------------------------------

def _new_slide(prs, title: str, subtitle: str = ""):
    """A 'Title Only' slide with the title (and subtitle) placed for 16:9."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = LEFT, TITLE_TOP, WIDTH, TITLE_H
    kit.write(shape.text_frame, title, size=26, bold=True, colour=theme.INK, align=PP_ALIGN.LEFT,
           anchor=MSO_ANCHOR.BOTTOM)
    if subtitle:
        kit.text_box(slide, "Subtitle", LEFT, SUBTITLE_TOP, WIDTH, SUBTITLE_H, subtitle, size=14,
                     colour=theme.MUTED_INK)
    return slide


def _footer(slide, source: str) -> None:
    """The source footer of a chart slide, cut to two lines (the notes keep every source)."""
    text = f"Source: {source}"
    if len(text) > FOOTER_CHARS:
        text = text[:FOOTER_CHARS - 40].rsplit(" ", 1)[0] + " \u2026 (every source in the notes)"
    kit.text_box(slide, "Footer", LEFT, FOOTER_TOP, WIDTH, FOOTER_H,
              f"{text} \u00b7 Turan Dashboard, data v{DATA_VERSION}", size=9, colour=theme.MUTED_INK,
              anchor=MSO_ANCHOR.BOTTOM)


def _notes(slide, *paragraphs: str) -> None:
    """The slide's speaker notes, paragraphs separated by blank lines."""
    slide.notes_slide.notes_text_frame.text = "\n\n".join(p for p in paragraphs if p)


def _title_slide(prs, v: View, pages: list[str], url: str) -> None:
    """The question, the pages, the filters in words, the date, the data version, the view's link."""
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = LEFT, Inches(1.2), WIDTH, Inches(1.3)
    kit.write(title.text_frame, QUESTION, size=44, bold=True, colour=theme.INK, align=PP_ALIGN.LEFT,
           anchor=MSO_ANCHOR.BOTTOM)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = LEFT, Inches(2.6), WIDTH, Inches(0.7)
    kit.write(subtitle.text_frame, SUBQUESTION, size=22, colour=theme.MUTED_INK, align=PP_ALIGN.LEFT)
    shown = [PAGES[p] for p in pages]
    lines = [("Briefing deck: " + describe.words(shown), True),
             (f"Selection: {v.selection}", False),
             (f"Made on {v.today.day} {v.today:%B %Y} \u00b7 data version {DATA_VERSION}", False)]
    box = kit.text_box(slide, "View", LEFT, Inches(3.7), WIDTH, Inches(2.2), "", size=16, colour=theme.INK)
    frame = box.text_frame
    for i, (line, bold) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        kit.run(para, line, 16, bold, theme.INK)
    if url:
        para = frame.add_paragraph()
        kit.run(para, "Reopen this view: ", 14, False, theme.MUTED_INK)
        run = kit.run(para, url, 14, False, theme.TOL_HIGH_CONTRAST["blue"])
        run.hyperlink.address = url
    kit.text_box(slide, "Footer", LEFT, FOOTER_TOP, WIDTH, FOOTER_H, MAIN_SOURCE, size=11, colour=theme.MUTED_INK,
              anchor=MSO_ANCHOR.BOTTOM)
    _notes(slide, f"{QUESTION} {SUBQUESTION}.",
           f"This deck shows the Turan Dashboard's {describe.words(shown)} for {v.selection}, as on screen on "
           f"{v.today:%Y-%m-%d} (data version {DATA_VERSION})." + (f" Reopen the same view: {url}" if url else ""),
           "Every chart is an editable PowerPoint object: charts keep their numbers in an embedded workbook "
           "(right-click, Edit Data), tables are tables, and the map is one shape per country. Speaker notes "
           "describe each chart in words and give its full sources.")


def _chart_slide(prs, v: View, chart: Chart) -> list[str]:
    """One chart's slide; returns the source ids it cites."""
    content = chart.make(v)
    slide = _new_slide(prs, content.title, content.subtitle)
    if content.draw is None:
        kit.text_box(slide, "No data", LEFT, BODY_TOP + Inches(1.6), WIDTH, Inches(1.4), content.empty, size=24,
                  colour=theme.MUTED_INK, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
    else:
        content.draw(slide, (LEFT, BODY_TOP, WIDTH, BODY_H))
    _footer(slide, content.source)
    _notes(slide, content.description, content.note, _citations(v.bundle.sources, content.source_ids))
    return list(content.source_ids)


def _error_slide(prs, title: str, reason: str) -> None:
    """A slide that says which chart could not be made and why."""
    slide = _new_slide(prs, f"{title}: this slide could not be made")
    kit.text_box(slide, "Problem", LEFT, BODY_TOP + Inches(1.0), WIDTH, Inches(2.5),
              f"Something went wrong while drawing this chart, so it is left out: {reason}. "
              "Every other slide of the deck is complete; the chart is still on the dashboard's page.",
              size=20, colour=theme.INK, anchor=MSO_ANCHOR.MIDDLE)
    _footer(slide, "no chart")
    _notes(slide, f"The slide '{title}' could not be made: {reason}.")


def _citations(sources: pd.DataFrame, ids: Sequence[str]) -> str:
    """Full citations (paper footnotes numbered), one a line, in bibliography order."""
    rows = query.sources_table(sources[sources["source_id"].isin(list(ids))])
    if rows.empty:
        return "Sources: none (nothing shown)."
    return "Sources:\n" + "\n".join(f"\u2022 {_citation(r)}" for r in rows.itertuples(index=False))


def _citation(row) -> str:
    """A source in full: footnote, citation, link and access date."""
    text = (f"Bir\u00f3 2021, footnote {int(row.paper_footnote)}: {row.citation}" if pd.notna(row.paper_footnote)
            else str(row.citation))
    if pd.notna(row.url):
        text += f" \u00b7 {row.url}"
    if pd.notna(row.accessed):
        text += f" (accessed {row.accessed})"
    return text


def _sources_slides(prs, v: View, cited: list[str]) -> None:
    """The closing bibliography of every source the slides cite, two columns a slide: the paper, its
    footnotes in order, then the official pages, treaties and datasets."""
    rows = query.sources_table(v.bundle.sources[v.bundle.sources["source_id"].isin(set(cited))])
    group = rows["kind"].map({"paper": 0, "paper_footnote": 1}).fillna(2)
    rows = rows.assign(_group=group).sort_values("_group", kind="stable").drop(columns="_group")
    pages = max(1, math.ceil(len(rows) / SOURCES_PER_SLIDE))
    for page in range(pages):
        part = rows.iloc[page * SOURCES_PER_SLIDE:(page + 1) * SOURCES_PER_SLIDE]
        title = "Sources" if pages == 1 else f"Sources ({page + 1} of {pages})"
        slide = _new_slide(prs, title, f"Every source behind the slides of this deck \u00b7 {v.selection}")
        half = math.ceil(len(part) / 2)
        for i, chunk in enumerate((part.iloc[:half], part.iloc[half:])):
            box = kit.text_box(slide, f"Sources {i + 1}", LEFT + i * (WIDTH // 2), BODY_TOP, WIDTH // 2 - Inches(0.15),
                            BODY_H, "", size=9, colour=theme.INK)
            for j, row in enumerate(chunk.itertuples(index=False)):
                para = box.text_frame.paragraphs[0] if j == 0 else box.text_frame.add_paragraph()
                para.space_after = Pt(3)
                kit.run(para, _citation(row), 9, False, theme.INK)
        _footer(slide, "the sources listed here")
        _notes(slide, _citations(v.bundle.sources, part["source_id"]))


# ---- command line ------------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    """python -m turan.deck --out FILE [--countries ISO3 ...] [--years FROM TO] [--pages PAGE ...]"""
    parser = argparse.ArgumentParser(prog="python -m turan.deck", description=(
        "Build the Turan Dashboard briefing deck (.pptx) for a selection, as the download button does."))
    parser.add_argument("--out", required=True, type=Path, help="where to write the .pptx")
    parser.add_argument("--countries", nargs="*", metavar="ISO3", help="partner countries (default: the Turkic states)")
    parser.add_argument("--years", nargs=2, type=int, metavar=("FROM", "TO"), help="inclusive year range")
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), help="pages to include (default: all)")
    parser.add_argument("--url", default=DEFAULT_URL,
                        help=f"the dashboard's address for the link (default {DEFAULT_URL})")
    parser.add_argument("--today", type=date.fromisoformat, help="the day the view stands for (default: today)")
    args = parser.parse_args(argv)
    bundle = load.load(load.data_dir())
    f, pages = cli_view(bundle, args.countries, args.years, args.pages, args.today, parser.error)
    deck = build(bundle, f, pages, Options(today=args.today),
                 view_url(args.url, pages[0] if len(pages) == 1 else "overview", f, bundle.country_names()))
    args.out.write_bytes(deck.data)
    print(f"Wrote {args.out}: {len(deck.titles)} slides for {filters.describe(f, bundle.country_names())}.")
    for problem in deck.problems:
        print(f"Slide not made: {problem.chart}: {problem.reason}", file=sys.stderr)
    return 1 if deck.problems else 0


def partners(bundle: load.Bundle) -> list[str]:
    """The countries the sidebar offers, and its default (the Turkic states)."""
    c = bundle.countries
    offered = c[(c["iso3"] != filters.REFERENCE) & (c["group"] != "rival_power")]
    return offered["iso3"].tolist()


def cli_view(bundle, countries, years, pages, today, error) -> tuple[Filters, list[str]]:
    """The command line's arguments as the sidebar would hold them."""
    offered = partners(bundle)
    c = bundle.countries
    default = c.loc[c["iso3"].isin(offered) & (c["group"] == "turkic_state"), "iso3"].tolist()
    chosen = [x.upper() for x in countries] if countries is not None else default
    unknown = [x for x in chosen if x not in offered]
    if unknown:
        error(f"unknown country code(s) {', '.join(unknown)}; choose from {' '.join(offered)}")
    bounds = (filters.FIRST_YEAR, (today or date.today()).year)
    return Filters.make(chosen, years or bounds, bounds), [p for p in PAGES if not pages or p in pages]


if __name__ == "__main__":
    sys.exit(main())
