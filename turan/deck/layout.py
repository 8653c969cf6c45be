"""The deck's frame around the charts: the 16:9 presentation, the title slide, one slide per chart (title, subtitle,
the chart in the body box, a source footer, speaker notes), error slides and the closing bibliography."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches, Pt

from turan import DATA_VERSION, pages, sources, theme
from turan.charts import ChartSpec
from turan.deck import kit
from turan.describe.words import words

QUESTION, SUBQUESTION = pages.QUESTION, pages.SUBQUESTION
MAIN_SOURCE = ("Main source: D\u00e1vid Bir\u00f3, \u201cThe Turan Army\u201d, Storia Militare Contemporanea 8 (2021), "
               "and the official sources listed at the end.")
SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # PowerPoint's own 16:9 (13.333 by 7.5 inches)
LEFT, WIDTH = Inches(0.5), Inches(12.333)
TITLE_TOP, TITLE_H = Inches(0.28), Inches(0.62)
SUBTITLE_TOP, SUBTITLE_H = Inches(0.9), Inches(0.42)
BODY_TOP, BODY_H = Inches(1.4), Inches(5.3)
FOOTER_TOP, FOOTER_H = Inches(6.82), Inches(0.55)
FOOTER_CHARS = 330  # a longer source line is cut; the notes keep every citation
SOURCE_CHARS = 86  # characters of a 9 pt citation per line in half the slide's width (conservative: LibreOffice's
SOURCE_LINE_PT, SOURCE_GAP_PT = 11.0, 3.0  # fallback fonts run wider than PowerPoint's), a line's height, the gap


def drop_slides(prs, keep: int) -> None:
    """Remove every slide after the first `keep`."""
    ids = prs.slides._sldIdLst
    for sld_id in list(ids)[keep:]:
        prs.part.drop_rel(sld_id.rId)
        ids.remove(sld_id)


def presentation():
    """An empty 16:9 presentation, without the template's JPEG thumbnail (a stale preview, and a picture)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    rels = prs.part.package._rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(r_id)
    return prs


def slide_title(slide) -> str:
    """A slide's title text ('' without a title)."""
    title = slide.shapes.title
    return title.text_frame.text if title is not None else ""


def new_slide(prs, title: str, subtitle: str = ""):
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


def footer(slide, source: str) -> None:
    """The source footer of a chart slide, cut to two lines (the notes keep every source)."""
    text = f"Source: {source}"
    if len(text) > FOOTER_CHARS:
        text = text[:FOOTER_CHARS - 40].rsplit(" ", 1)[0] + " \u2026 (every source in the notes)"
    kit.text_box(slide, "Footer", LEFT, FOOTER_TOP, WIDTH, FOOTER_H,
              f"{text} \u00b7 Turan Dashboard, data v{DATA_VERSION}", size=9, colour=theme.MUTED_INK,
              anchor=MSO_ANCHOR.BOTTOM)


def notes(slide, *paragraphs: str) -> None:
    """The slide's speaker notes, paragraphs separated by blank lines."""
    slide.notes_slide.notes_text_frame.text = "\n\n".join(p for p in paragraphs if p)


def title_slide(prs, selection: str, today, page_ids: Sequence[str], url: str) -> None:
    """The question, the pages, the filters in words, the date, the data version, the view's link."""
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = LEFT, Inches(1.2), WIDTH, Inches(1.3)
    kit.write(title.text_frame, QUESTION, size=44, bold=True, colour=theme.INK, align=PP_ALIGN.LEFT,
              anchor=MSO_ANCHOR.BOTTOM)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = LEFT, Inches(2.6), WIDTH, Inches(0.7)
    kit.write(subtitle.text_frame, SUBQUESTION, size=22, colour=theme.MUTED_INK, align=PP_ALIGN.LEFT)
    shown = [pages.page(p).title for p in page_ids]
    lines = [("Briefing deck: " + words(shown), True),
             (f"Selection: {selection}", False),
             (f"Made on {today.day} {today:%B %Y} \u00b7 data version {DATA_VERSION}", False)]
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
    notes(slide, f"{QUESTION} {SUBQUESTION}.",
          f"This deck shows the Turan Dashboard's {words(shown)} for {selection}, as on screen on "
          f"{today:%Y-%m-%d} (data version {DATA_VERSION})." + (f" Reopen the same view: {url}" if url else ""),
          "Every chart is an editable PowerPoint object: charts keep their numbers in an embedded workbook "
          "(right-click, Edit Data), tables are tables, and the map is one shape per country. Speaker notes "
          "describe each chart in words and give its full sources.")


def chart_slide(prs, spec: ChartSpec, subtitle: str, draw: Callable, table) -> list[str]:
    """One chart's slide from its spec (`draw(slide, box, spec)` puts the chart in the body box; `table`: the
    sources table, for the notes' citations); returns the source ids it cites."""
    slide = new_slide(prs, spec.title, subtitle)
    if not spec.drawable:
        kit.text_box(slide, "No data", LEFT, BODY_TOP + Inches(1.6), WIDTH, Inches(1.4), spec.empty, size=24,
                     colour=theme.MUTED_INK, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
    else:
        draw(slide, (LEFT, BODY_TOP, WIDTH, BODY_H), spec)
    footer(slide, spec.source)
    notes(slide, spec.description, spec.note, sources.citations(table, spec.source_ids))
    return list(spec.source_ids)


def error_slide(prs, title: str, reason: str) -> None:
    """A slide that says which chart could not be made and why."""
    slide = new_slide(prs, f"{title}: this slide could not be made")
    kit.text_box(slide, "Problem", LEFT, BODY_TOP + Inches(1.0), WIDTH, Inches(2.5),
              f"Something went wrong while drawing this chart, so it is left out: {reason}. "
              "Every other slide of the deck is complete; the chart is still on the dashboard's page.",
              size=20, colour=theme.INK, anchor=MSO_ANCHOR.MIDDLE)
    footer(slide, "no chart")
    notes(slide, f"The slide '{title}' could not be made: {reason}.")


def source_columns(citations: Sequence[str], height_pt: float) -> list[list[list[int]]]:
    """The citations (by index) packed into columns of `height_pt`, two columns a slide, in order: a citation's
    lines are estimated from its length (long URLs break anywhere), so that no column overflows its box."""
    slides: list[list[list[int]]] = [[[]]]
    used = 0.0
    for i, text in enumerate(citations):
        need = len(textwrap.wrap(text, SOURCE_CHARS, break_long_words=True) or [""]) * SOURCE_LINE_PT + SOURCE_GAP_PT
        if used + need > height_pt and slides[-1][-1]:
            if len(slides[-1]) == 2:
                slides.append([[]])
            else:
                slides[-1].append([])
            used = 0.0
        slides[-1][-1].append(i)
        used += need
    return slides


def sources_slides(prs, table, cited: Sequence[str], selection: str) -> None:
    """The closing bibliography of every source the slides cite, two columns a slide: the paper, its
    footnotes in order, then the official pages, treaties and datasets."""
    rows = sources.sources_table(table[table["source_id"].isin(set(cited))])
    group = rows["kind"].map({"paper": 0, "paper_footnote": 1}).fillna(2)
    rows = rows.assign(_group=group).sort_values("_group", kind="stable").drop(columns="_group")
    texts = [sources.citation(row) for row in rows.itertuples(index=False)]
    packed = source_columns(texts, BODY_H / 12700 - 12)
    count = len(packed)
    for page, columns in enumerate(packed):
        part = rows.iloc[[i for column in columns for i in column]]
        name = pages.page("sources").title  # the bibliography, as on the Sources page
        title = name if count == 1 else f"{name} ({page + 1} of {count})"
        slide = new_slide(prs, title, f"Every source behind the slides of this deck \u00b7 {selection}")
        for i, column in enumerate(columns):
            box = kit.text_box(slide, f"Sources {i + 1}", LEFT + i * (WIDTH // 2), BODY_TOP, WIDTH // 2 - Inches(0.15),
                            BODY_H, "", size=9, colour=theme.INK)
            for j, index in enumerate(column):
                para = box.text_frame.paragraphs[0] if j == 0 else box.text_frame.add_paragraph()
                para.space_after = Pt(3)
                kit.run(para, texts[index], 9, False, theme.INK)
        footer(slide, "the sources listed here")
        notes(slide, sources.citations(table, part["source_id"]))


