"""Colours stay readable: WCAG contrast of every text colour on its background, in the light and the dark theme
(.streamlit/config.toml) and inside charts; light fills are drawn with a dark outline; and each chart says what
its colours mean in another way too (shapes, patterns, words)."""

from __future__ import annotations

import tomllib

import pytest
from datahelp import ROOT
from figurehelp import BOUNDS, build_all

from turan import theme
from turan.figures import alliance_map, common

TEXT, LARGE, GRAPHIC = 4.5, 3.0, 3.0  # WCAG 2.1 AA: body text, large text, graphical objects and UI parts
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundle():
    from datahelp import DATA

    from turan import load

    return load.load(DATA)


def test_wcag_contrast_formula():
    assert theme.contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert theme.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert theme.contrast("#FFFFFF", "#777777") == theme.contrast("#777777", "#FFFFFF")
    assert theme.is_light(theme.TOL_MUTED["sand"]) and not theme.is_light(theme.TOL_MUTED["indigo"])


@pytest.mark.parametrize("name", ["light", "dark"])
def test_app_theme_text_and_controls(name):
    colours = CONFIG["theme"][name]
    background, secondary = colours["backgroundColor"], colours["secondaryBackgroundColor"]
    for surface in (background, secondary):
        assert theme.contrast(colours["textColor"], surface) >= 7, (name, surface)  # AAA for body text
        assert theme.contrast(colours["linkColor"], surface) >= TEXT, (name, surface)
        assert theme.contrast(colours["primaryColor"], surface) >= GRAPHIC, (name, surface)  # toggles, sliders
    assert theme.contrast("#FFFFFF", colours["primaryColor"]) >= TEXT, name  # white text on chips and buttons


def _faded(text: str, surface: str, opacity: float = 0.6) -> str:
    """Streamlit's captions and help text: the text colour at 60% over the surface (its fadedText60)."""
    mixed = [round(opacity * int(text[i:i + 2], 16) + (1 - opacity) * int(surface[i:i + 2], 16)) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02X}" for c in mixed)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_captions_are_readable(name):
    """Captions (selection lines, sources) are drawn in the text colour at 60%: AA on both surfaces. With the
    former light text colour #222222 they were #7A7A7A on white, 4.29:1, which axe-core reported as serious."""
    colours = CONFIG["theme"][name]
    for surface in (colours["backgroundColor"], colours["secondaryBackgroundColor"]):
        assert theme.contrast(_faded(colours["textColor"], surface), surface) >= TEXT, (name, surface)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_primary_colour_reads_both_ways_where_sliders_and_chips_sit(name):
    """Slider end labels are primaryColor on the background; multiselect chips are white on primaryColor."""
    colours = CONFIG["theme"][name]
    sidebar = colours.get("sidebar", {})
    for surface in (colours["backgroundColor"], sidebar.get("backgroundColor", colours["secondaryBackgroundColor"])):
        assert theme.contrast(colours["primaryColor"], surface) >= TEXT, (name, surface)


def test_both_themes_are_configured():
    assert set(CONFIG["theme"]) >= {"light", "dark"}
    assert "base" not in CONFIG["theme"]  # a base would pin one theme and hide the other


@pytest.mark.parametrize(("text", "background", "why"), [
    (theme.INK, theme.WHITE, "chart text, titles, labels"),
    (theme.MUTED_INK, theme.WHITE, "the source footer, axis lines"),
    (theme.INK, theme.SELECTED_YEARS_BAND, "labels over the selected years' band"),
    (theme.INK, theme.CONTEXT_BAND, "labels over a context period"),
    (theme.INK, "#FFF6D5", "the indicator chart's 'no data' note"),
    (theme.INK, theme.LABEL_HALO, "map labels on their halo"),
    *[(text_colour, fill, f"aid {commitment} labels on their bars")
      for commitment, (fill, _, _, text_colour) in theme.COMMITMENT_STYLES.items()],
    *[(theme.INK, colour, f"scenario {effect} cells") for effect, colour in theme.SCENARIO_COLOURS.items()],
])
def test_chart_text_on_its_background(text, background, why):
    assert theme.contrast(text, background) >= TEXT, why


def test_legend_chips_pick_a_readable_text_colour():
    fills = [*theme.ROLE_COLOURS.values(), *theme.OVERLAP_SCALE, theme.NOT_SELECTED, theme.OUTSIDE_STUDY]
    for fill in fills:
        assert theme.contrast(alliance_map.text_on(fill), fill) >= TEXT, fill


def test_every_light_fill_has_a_dark_outline_available():
    palette = [*theme.TOL_MUTED.values(), *theme.TOL_HIGH_CONTRAST.values(), *theme.OVERLAP_SCALE,
               *theme.ROLE_COLOURS.values(), *theme.COUNTRY_COLOURS.values()]
    light = [c for c in palette if theme.is_light(c)]
    assert {theme.TOL_MUTED["sand"], theme.TOL_MUTED["cyan"], theme.OVERLAP_SCALE[0]} <= set(light)
    assert all(theme.contrast(c, theme.INK) >= GRAPHIC for c in light)


def _colours(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


# Marks that are pale on purpose: context, not data (each is named in words where it appears).
PALE_ON_PURPOSE = {theme.NO_DATA, theme.OUTSIDE_STUDY, theme.NOT_SELECTED, theme.SELECTED_YEARS_BAND,
                   theme.CONTEXT_BAND, theme.PAPER_BAND, theme.WHITE}


@pytest.mark.parametrize("countries", [("AZE", "KAZ", "KGZ", "TKM", "UZB"), ("KGZ",)])
def test_light_marks_in_every_chart_are_outlined(bundle, countries):
    """Audit of every builder: a marker, bar or map shape in a light colour carries a dark outline."""
    for name, (fig, _) in build_all(bundle, countries, BOUNDS).items():
        for trace in fig.data:
            marker = getattr(trace, "marker", None)
            if marker is None or trace.type == "heatmap":  # heatmap cells carry their role in words
                continue
            if trace.type == "choroplethmap":
                fills = [trace.colorscale[0][1]]
            else:
                fills = [c for c in _colours(marker.color) if isinstance(c, str) and c.startswith("#")]
            for fill in fills:
                if not theme.is_light(fill) or fill.upper() in PALE_ON_PURPOSE:
                    continue
                line = marker.line
                assert line.color and theme.contrast(_colours(line.color)[0], fill) >= GRAPHIC, (name, trace.name)
                assert max(_colours(line.width or 0)) >= 1, (name, trace.name)


def test_no_meaning_by_colour_alone(bundle):
    """Each chart's categories differ in something besides colour."""
    figs = {name: fig for name, (fig, _) in build_all(bundle, ("AZE", "KAZ", "KGZ", "TKM", "UZB"), BOUNDS).items()}
    bars = [t for t in figs["aid.totals_chart"].data if t.type == "bar"]
    assert len({t.marker.pattern.shape for t in bars}) == len(bars)  # commitments: patterns, and $ labels
    reach = figs["rivalry.reach_figure"].data
    assert len({(t.marker.symbol, t.line.dash) for t in reach}) == len(reach)  # powers: shape and dash
    lines = [t for t in figs["rivalry.indicator_figure"].data if t.showlegend is not False]
    assert len({t.marker.symbol for t in lines}) == len(lines)  # countries: one marker shape each
    bases = [t for t in figs["rivalry.bases_figure"].data if t.x and t.x[0] is not None]
    assert bases and all(t.name in text for t in bases for text in t.text)  # bases: the operator on each bar
    matrix = figs["alliance_map.matrix_figure"].data[0]
    assert matrix.texttemplate == "%{text}" and any("member" in str(c) for row in matrix.text for c in row)
    twin = figs["alliance_map.twin_figure"]
    assert any(": member" in note.text for note in twin.layout.annotations)
    assert common.footer(twin) is not None
