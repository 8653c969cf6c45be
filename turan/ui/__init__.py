"""The only Streamlit code outside pages/ and dashboard.py: cached loading, the global filters, presentation
mode, charts with their export settings, "Cite this view" and the footer.

The entrypoint renders the global filters in the sidebar on every run, before the page; pages read
them back with current(). Filters bound to the URL belong to the entrypoint, so they survive page
switches and a link reopens the same view. Pages draw every plotly figure through chart(), which applies
the shared export settings and, in presentation mode, the enlarged 16:9 layout.
"""

from __future__ import annotations

from turan.ui.components import (
    chart,
    cite_view,
    clear_focus,
    dataset_button,
    deck_button,
    describe_chart,
    focus,
    footer,
    heading,
    open_filtered,
)
from turan.ui.keys import KEY_CITE, KEY_COUNTRIES, KEY_IMAGE_FORMAT, KEY_PRESENT, KEY_RECORD, KEY_YEARS, year_bounds
from turan.ui.sidebar import image_format_choice, presentation_toggle, presenting, sidebar_filters
from turan.ui.state import VIEW_ENTRIES, begin_run, bundle, current, view

__all__ = ["KEY_CITE", "KEY_COUNTRIES", "KEY_IMAGE_FORMAT", "KEY_PRESENT", "KEY_RECORD", "KEY_YEARS", "VIEW_ENTRIES",
           "begin_run", "bundle", "chart", "cite_view", "clear_focus", "dataset_button", "current", "deck_button",
           "describe_chart", "focus", "footer", "heading", "image_format_choice", "open_filtered",
           "presentation_toggle", "presenting", "sidebar_filters", "view", "year_bounds"]
