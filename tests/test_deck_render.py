"""The briefing deck opens in a real client: LibreOffice Impress renders it (headless, to PDF) with one page per slide,
no text outside the shape that holds it (read from the rendered PDF with poppler's pdftotext -bbox-layout), and the
scenario slide keeps the page's obstacle and enabler colours. Without LibreOffice or poppler the tests skip with the
reason, except under CI=true, where they fail (.ci/run installs both)."""

from __future__ import annotations

import html as html_lib
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from datahelp import DATA
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Inches, Pt

from turan import deck, load, scenario, theme
from turan.deck import layout
from turan.filters import Filters

POINTS_PER_EMU = 1 / 12700
TOLERANCE = 2.0  # points, plus LINE_SLACK of the word's own height: pdftotext's word box is the font's whole line
LINE_SLACK = 0.35  # (ascent and descent), which reaches past a frame that the glyphs fit; an overflow is a whole line
TODAY = date(2026, 12, 4)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    reason = f"{name} is not installed (apt-get install -y libreoffice-impress poppler-utils); the render tests need it"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def render(pptx: Path) -> Path:
    """The deck as LibreOffice Impress prints it to PDF (a private profile, so parallel runs never share one)."""
    soffice = _tool("soffice")
    profile = pptx.parent / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(pptx.parent), str(pptx)], check=True, capture_output=True, timeout=240)
    return pptx.with_suffix(".pdf")


def words_by_page(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Every word the PDF shows, per page, with its box in points (x0, y0, x1, y1; y downwards)."""
    tool = _tool("pdftotext")
    html = subprocess.run([tool, "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=120).stdout
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", html, re.S):
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)
        pages.append([(html_lib.unescape(w), float(a), float(b), float(c), float(d)) for a, b, c, d, w in words])
    return pages


def shape_boxes(slide) -> list[tuple[str | None, float, float, float, float]]:
    """(text, x0, y0, x1, y1) in points of every shape that may hold text, groups opened: the text it holds (None
    for a chart, whose words the file does not list). A table's rows grow to fit their text in every client, so a
    table may reach down to the slide's footer, never further."""
    out = []
    footer = next((s.top for s in slide.shapes if s.name == "Footer"), None)

    def walk(shapes):
        for shape in shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:  # its children hold the text
                walk(shape.shapes)
                continue
            x, y = shape.left * POINTS_PER_EMU, shape.top * POINTS_PER_EMU
            bottom = y + shape.height * POINTS_PER_EMU
            if getattr(shape, "has_table", False) and shape.has_table:
                text = " ".join(c.text_frame.text for row in shape.table.rows for c in row.cells)
                bottom = max(bottom, footer * POINTS_PER_EMU) if footer is not None else bottom
            elif getattr(shape, "has_chart", False) and shape.has_chart:
                text = None
            elif shape.has_text_frame:
                text = shape.text_frame.text
            else:
                continue
            out.append((text, x, y, x + shape.width * POINTS_PER_EMU, bottom))

    walk(slide.shapes)
    return out


def overflowing(pptx: Path, pdf: Path) -> list[str]:
    """Words the PDF draws outside the shape that holds them (a frame or table whose text does not fit), or outside
    the slide: 'slide N (title): word'. A word is looked for in the shapes whose text has it and in the charts (in
    any shape when none has it)."""
    prs = Presentation(str(pptx))
    width, height = prs.slide_width * POINTS_PER_EMU, prs.slide_height * POINTS_PER_EMU
    found = []
    for number, (slide, words) in enumerate(zip(prs.slides, words_by_page(pdf)), start=1):
        boxes = shape_boxes(slide)
        title = layout.slide_title(slide)
        for word, x0, y0, x1, y1 in words:
            holders = [b for b in boxes if b[0] is None or word in b[0]] or boxes  # a chart may hold any word; a
            # word is looked for inside the text, not among its words: the renderer may break a word at a hyphen
            slack = TOLERANCE + LINE_SLACK * (y1 - y0)
            inside = any(x0 >= a - TOLERANCE and y0 >= b - slack and x1 <= c + TOLERANCE and y1 <= d + slack
                         for _, a, b, c, d in holders)
            on_page = x0 >= 0 and y0 >= 0 and x1 <= width + TOLERANCE and y1 <= height + TOLERANCE
            if not inside or not on_page:
                found.append(f"slide {number} ({title}): {word}")
    return found


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The whole dashboard's deck for the Turkic states, 1991 to 2026, and its rendering."""
    folder = tmp_path_factory.mktemp("deck_render")
    bundle = load.load(DATA)
    f = Filters.make(["AZE", "KAZ", "KGZ", "TKM", "UZB"], (1991, 2026), (1991, 2026))
    built = deck.build(bundle, f, view_url="http://localhost:8501/", today=TODAY)
    pptx = folder / "deck.pptx"
    pptx.write_bytes(built.data)
    return pptx, render(pptx), built


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_the_deck_renders_one_page_per_slide(rendered):
    pptx, pdf, built = rendered
    assert not built.problems
    assert pdf_pages(pdf) == len(Presentation(str(pptx)).slides) == len(built.titles)


def test_no_text_overflows_its_shape_in_the_rendered_deck(rendered):
    pptx, pdf, _ = rendered
    assert overflowing(pptx, pdf) == []


def test_the_check_finds_an_overfull_frame(tmp_path):
    prs = layout.presentation()
    slide = layout.new_slide(prs, "An overfull slide")
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(3), Inches(0.6))
    box.text_frame.word_wrap = True
    box.text_frame.text = "far too many words for so small a frame " * 12
    for paragraph in box.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(18)
    pptx = tmp_path / "overfull.pptx"
    prs.save(str(pptx))
    found = overflowing(pptx, render(pptx))
    assert found and all(f.startswith("slide 1 (An overfull slide): ") for f in found)
    assert Emu(box.height) < Inches(1)


def test_the_scenario_slide_keeps_the_obstacle_and_enabler_colours(rendered):
    pptx, _, built = rendered
    prs = Presentation(str(pptx))
    slide = next(s for s in prs.slides if layout.slide_title(s).startswith("Obstacles and enablers"))
    table = next(s for s in slide.shapes if s.has_table).table
    fills = {}
    for row in list(table.rows)[1:]:
        for cell in list(row.cells)[1:]:
            text = cell.text_frame.text
            if text.startswith(("−", "+")):
                fills.setdefault(text[0], set()).add(str(cell.fill.fore_color.rgb))
    assert fills["−"] == {theme.scenario_colour(scenario.OBSTACLE).lstrip("#").upper()}
    assert fills["+"] == {theme.scenario_colour("enabler").lstrip("#").upper()}
