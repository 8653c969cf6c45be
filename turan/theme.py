"""The one palette: a fixed colour per country, power, organisation and category, used on every page.

Colours come from Paul Tol's colour-blind-safe "muted" scheme (https://personal.sron.nl/~pault/),
plus greys for countries outside the study's core. Light colours (sand, cyan) are always drawn with
a dark outline or a direct label, never as the only carrier of meaning.
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


def country_colour(iso3: str) -> str:
    """The fixed colour of a country; a neutral grey for countries outside the core ten."""
    return COUNTRY_COLOURS.get(iso3, OTHER_COUNTRY)
