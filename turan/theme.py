"""The one palette: a fixed colour per country, power, organisation and category, used on every page.

Palettes, all Paul Tol's colour-blind-safe schemes (https://personal.sron.nl/~pault/):
- "muted" for countries, powers, organisations, event kinds and membership roles;
- "high-contrast" (blue, yellow, red) for aid commitments, each with its own fill pattern;
- "YlOrBr" (sequential) for how many organisations a country belongs to;
plus greys for countries outside the study's core or the selection. Light colours (sand, cyan, the yellow,
the pale YlOrBr steps) are always drawn with a dark outline or a direct label, and no chart carries meaning
by colour alone: shapes, dashes, patterns, axis names or words say it too. The app's light and dark themes
(.streamlit/config.toml) reuse these colours; charts keep a white paper in both, and tests/test_contrast.py
checks the WCAG contrast of every text colour on its background and of light fills against their outline.
"""

from __future__ import annotations

PALETTE_NAME = "Paul Tol 'muted' (colour-blind safe)"

TOL_MUTED = {
    "rose": "#CC6677", "indigo": "#332288", "sand": "#DDCC77", "green": "#117733", "cyan": "#88CCEE",
    "wine": "#882255", "teal": "#44AA99", "olive": "#999933", "purple": "#AA4499",
}
INK = "#222222"  # text, outlines
MUTED_INK = "#555555"
NO_DATA = "#DDDDDD"
OTHER_COUNTRY = "#BBBBBB"

COUNTRY_COLOURS = {
    "TUR": TOL_MUTED["wine"], "AZE": TOL_MUTED["cyan"], "KAZ": TOL_MUTED["indigo"],
    "KGZ": TOL_MUTED["sand"], "TKM": TOL_MUTED["green"], "UZB": TOL_MUTED["teal"],
    "RUS": TOL_MUTED["rose"], "CHN": TOL_MUTED["olive"], "USA": TOL_MUTED["purple"], "IRN": MUTED_INK,
}

FONT_FAMILY = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"

# One colour AND one marker shape per event kind, so kinds stay apart in greyscale and for colour-blind
# readers. Only the darker muted colours: the markers are small, and hollow ones are drawn as outlines.
KIND_STYLES = {
    "agreement": (TOL_MUTED["indigo"], "circle"),
    "protocol": (TOL_MUTED["teal"], "diamond"),
    "visit": (TOL_MUTED["rose"], "triangle-up"),
    "exercise": (TOL_MUTED["green"], "square"),
    "organisation": (TOL_MUTED["purple"], "star"),
    "industry": (TOL_MUTED["olive"], "hexagon"),
    "summit": (TOL_MUTED["cyan"], "pentagon"),
    "deployment": (TOL_MUTED["sand"], "triangle-down"),
    "conflict": (TOL_MUTED["wine"], "cross"),
    "other": (MUTED_INK, "x"),
}
CONTEXT_BAND = "#E8E4DE"  # shading behind a period of context (e.g. a war), under every data mark
PAPER_BAND = "#DCE6F2"  # the year the paper was published, on a time axis: the paper's record ends there
GROUP_FILL = "#DDDDDD"  # a numbered marker (several events of a crowded period): pale, so that its ink number reads
PUBLIC_MARK = "-dot"  # marker symbol suffix of an event from public records, not from the paper (a dot inside)


def kind_colour(kind: str) -> str:
    """The fixed colour of an event kind."""
    return KIND_STYLES.get(kind, KIND_STYLES["other"])[0]


def kind_symbol(kind: str) -> str:
    """The fixed plotly marker symbol of an event kind (filled, or outlined for an approximate date)."""
    return KIND_STYLES.get(kind, KIND_STYLES["other"])[1]


def text_on(colour: str) -> str:
    """Ink or white, whichever has the higher WCAG contrast on `colour`."""
    on_ink, on_white = contrast(INK, colour), contrast(TEXT_ON_DARK, colour)
    return INK if on_ink >= on_white else TEXT_ON_DARK


def supplier_colour(group: str) -> str:
    """An arms supplier group's colour: the power's own (Russia, China, the US, Turkey, Iran), grey for the others."""
    return COUNTRY_COLOURS.get(group, OTHER_COUNTRY) if group in POWER_STYLES else OTHER_COUNTRY


def country_colour(iso3: str) -> str:
    """The fixed colour of a country; a neutral grey for countries outside the core ten."""
    return COUNTRY_COLOURS.get(iso3, OTHER_COUNTRY)


# Aid commitments: Paul Tol's "high-contrast" scheme (colour-blind safe, and distinct in greyscale:
# dark blue, light yellow, mid red), each with its own fill pattern and marker shape, plus the text
# colour that stays legible on the fill, so colour is never the only carrier of meaning.
TOL_HIGH_CONTRAST = {"blue": "#004488", "yellow": "#DDAA33", "red": "#BB5566"}
WHITE = "#FFFFFF"  # paper; also the fill of a hollow mark (a figure inside a total shown, not added)
COMMITMENT_STYLES = {  # commitment -> (fill, pattern shape, marker symbol, text colour on the fill)
    "delivered": (TOL_HIGH_CONTRAST["blue"], "", "circle", WHITE),
    "agreed": (TOL_HIGH_CONTRAST["yellow"], "/", "diamond", INK),
    "pledged": (TOL_HIGH_CONTRAST["red"], ".", "square", WHITE),
}
SELECTED_YEARS_BAND = "#F1EEE8"  # shading behind the selected years on a time axis wider than them


def commitment_style(commitment: str) -> tuple[str, str, str, str]:
    """(fill colour, pattern shape, marker symbol, text colour) of an aid commitment."""
    return COMMITMENT_STYLES.get(commitment, (NO_DATA, "x", "x", INK))


# Alliance map. Roles take distinct muted colours (the strongest tie, membership, the darkest); "none"
# is a pale fill under a dark outline. Greys mark countries the map has no view on. Every role is also
# written in words (matrix cells, hover, map labels), so colour never carries meaning alone.
ROLE_COLOURS = {
    "member": TOL_MUTED["indigo"], "frozen_member": TOL_MUTED["wine"], "associate": TOL_MUTED["purple"],
    "partner": TOL_MUTED["teal"],
    "observer": TOL_MUTED["sand"], "dialogue_partner": TOL_MUTED["cyan"], "none": "#F4F1EA",
}
NOT_SELECTED = "#B4B4B4"  # a study country the sidebar's country filter leaves out
OUTSIDE_STUDY = "#E4E4E4"  # a country the data has no memberships for
MAP_OUTLINE_OTHER = "#FFFFFF"  # borders between grey countries
LABEL_HALO = "#FFFFFF"  # the outline that keeps map labels legible on any fill
TEXT_ON_DARK = "#FFFFFF"  # text on dark fills (legend chips, heatmap cells)

# Organisations take the colour of the power that leads them (organisations.csv, column led_by; COUNTRY_COLOURS), so
# a bloc reads as one colour family; those led by no single power share one grey. The colour follows the data: a new
# organisation takes its leader's colour, never another organisation's by accident. ORG_COLOUR_OVERRIDES names the
# organisations whose colour is set by hand instead (none today); tests/test_theme.py checks every organisation and
# every country has a colour.
UNLED_ORG = "#888888"
ORG_COLOUR_OVERRIDES: dict[str, str] = {}

# How many of the chosen organisations a country belongs to: Paul Tol's sequential "YlOrBr" scale
# (colour-blind safe, readable in greyscale), without its second-palest step so that one membership
# stands out from none. Index = count, so a count has the same colour whatever the choice; 7 or more
# share the darkest step.
OVERLAP_PALETTE_NAME = "Paul Tol 'YlOrBr' sequential (colour-blind safe)"
OVERLAP_SCALE = ("#FFFFE5", "#FEE391", "#FEC44F", "#FB9A29", "#EC7014", "#CC4C02", "#993404", "#662506")


def role_colour(role: str | None) -> str:
    """The fixed colour of a membership role; 'none' for no role."""
    return ROLE_COLOURS.get(role or "none", ROLE_COLOURS["none"])


def org_colour(org_id: str, led_by: object) -> str:
    """The fixed colour of an organisation: its override, else its leading power's colour, else the grey of
    organisations no single power leads (`led_by` as in organisations.csv; empty or missing for none)."""
    if org_id in ORG_COLOUR_OVERRIDES:
        return ORG_COLOUR_OVERRIDES[org_id]
    return COUNTRY_COLOURS.get(led_by, UNLED_ORG) if isinstance(led_by, str) and led_by else UNLED_ORG


def org_colours(organisations) -> dict[str, str]:
    """org_id -> colour for every organisation of organisations.csv."""
    return {org: org_colour(org, led) for org, led in zip(organisations["org_id"], organisations["led_by"])}


def overlap_colour(count: int) -> str:
    """The sequential colour for belonging to `count` of the chosen organisations."""
    return OVERLAP_SCALE[max(0, min(int(count), len(OVERLAP_SCALE) - 1))]


def rgba(colour: str, alpha: int = 255) -> list[int]:
    """'#RRGGBB' as [r, g, b, a] for deck.gl."""
    colour = colour.lstrip("#")
    return [int(colour[i:i + 2], 16) for i in (0, 2, 4)] + [int(alpha)]


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#RRGGBB'."""
    channels = [c / 255 for c in rgba(colour)[:3]]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21 (text needs 4.5, large text and graphics 3)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_light(colour: str) -> bool:
    """A fill too pale to stand out on white paper (below 3:1): it needs a dark outline or a direct label."""
    return contrast(colour, WHITE) < 3


# Power rivalry: each power keeps its COUNTRY_COLOURS colour and adds a marker shape and a line dash,
# so the five series stay apart in greyscale and for colour-blind readers. Countries on indicator
# charts get a marker shape too (AZE's cyan and KGZ's sand are light: always drawn with a dark outline).
POWER_STYLES = {  # power -> (marker symbol, line dash)
    "RUS": ("circle", "solid"), "CHN": ("square", "dash"), "USA": ("diamond", "dot"),
    "IRN": ("triangle-up", "dashdot"), "TUR": ("star", "longdash"),
}
COUNTRY_SYMBOLS = {
    "AZE": "circle", "KAZ": "square", "KGZ": "diamond", "TKM": "triangle-up", "UZB": "triangle-down",
    **{power: symbol for power, (symbol, _) in POWER_STYLES.items()},
}


def power_style(iso3: str) -> tuple[str, str, str]:
    """(colour, marker symbol, line dash) of a power in the rivalry charts."""
    symbol, dash = POWER_STYLES.get(iso3, ("x", "solid"))
    return country_colour(iso3), symbol, dash


def country_symbol(iso3: str) -> str:
    """The fixed plotly marker symbol of a country on indicator charts."""
    return COUNTRY_SYMBOLS.get(iso3, "x")


# Turan Army scenario: obstacles and enablers in the candidates x factors matrix. Pale tints of Tol's rose and
# teal, so the dark cell text stays legible; every cell also carries a '−' or '+' sign and the column says
# which side it is on, so colour never carries the meaning alone.
SCENARIO_COLOURS = {"obstacle": "#F0C7CE", "enabler": "#BFE3DA", "none": "#FAFAFA"}


def scenario_colour(effect: str) -> str:
    """The fill of a matrix cell: obstacle, enabler or none."""
    return SCENARIO_COLOURS.get(effect, SCENARIO_COLOURS["none"])


def map_fill(row, by_role: bool) -> str:
    """A country's fill on every map (the page's two maps and the slide): grey outside the study (no row) or the
    selection, else its role's colour (`by_role`) or the colour of how many chosen organisations it belongs to."""
    if row is None:
        return OUTSIDE_STUDY
    if not row["in_view"]:
        return NOT_SELECTED
    return role_colour(row["role"]) if by_role else overlap_colour(row["count"])


# The paper checked: one colour and one fill pattern per verdict (Paul Tol's 'bright' and 'muted' colours), so
# that verdicts stay apart in greyscale: blues for what stands, red and orange for problems, grey for no evidence;
# for forecasts and judgements green (holds), purple (overtaken), sand (open). Pale fills are outlined in ink.
VERDICT_STYLES = {  # verdict -> (fill, plotly pattern shape)
    "confirmed": ("#004488", ""),
    "confirmed_with_correction": ("#6699CC", "/"),
    "contradicted": ("#BB5566", "x"),
    "unverifiable": ("#BBBBBB", "."),
    "citation_problem": ("#EE7733", "\\"),
    "holds_so_far": ("#117733", ""),
    "overtaken": ("#AA4499", "x"),
    "open": ("#DDCC77", "."),
}


def verdict_colour(verdict: str) -> str:
    """The fixed colour of a check's verdict."""
    return VERDICT_STYLES.get(verdict, (OTHER_COUNTRY, ""))[0]


def verdict_pattern(verdict: str) -> str:
    """The fixed fill pattern of a check's verdict ('' for a plain fill)."""
    return VERDICT_STYLES.get(verdict, (OTHER_COUNTRY, ""))[1]
