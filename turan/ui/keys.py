"""Widget keys of the controls every page shares (also their URL query parameters), and the words around them."""

from __future__ import annotations

from datetime import date

from turan import DATA_VERSION, filters

KEY_COUNTRIES = "countries"  # also the URL query parameter
KEY_YEARS = "years"
KEY_RECORD = "paper"  # also the URL query parameter: ?paper=true (only what the paper records)
KEY_PRESENT = "present"  # also the URL query parameter: ?present=true
KEY_IMAGE_FORMAT = "image_format"
KEY_CITE = "cite_open"  # the "Cite this view" expander is open
KEY_FOCUS = "timeline_focus"  # (event ids, what they are) the timeline shows alone, set by a button on another page
IMAGE_FORMAT_WORDS = {"png": "PNG (2x, for slides)", "svg": "SVG (vector)"}
ABOUT = (f"**Turan Dashboard**, data version {DATA_VERSION}. Turkey's defence ties with the Turkic states, from "
         "Dávid Biró's paper \"The Turan Army\" (2021) and official sources.")

# Presentation mode's only CSS: Streamlit has no per-session setting for the base font size (theme.baseFontSize
# applies to every visitor), so the root size grows from 16 to 20 px and every rem-sized text and gap with
# it. A constant: no data ever goes into it. The sidebar and the menu are hidden with Streamlit's own options.
PRESENTATION_CSS = "<style>html { font-size: 20px; }</style>"


def year_bounds() -> tuple[int, int]:
    """The period the year slider covers: 1991 to the current year."""
    return filters.FIRST_YEAR, date.today().year
