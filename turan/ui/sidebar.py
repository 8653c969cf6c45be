"""The controls around every page: the global filters (bound to the URL) and the chart download format in the
sidebar, and the presentation-mode toggle above the page."""

from __future__ import annotations

import streamlit as st

from turan import filters, load
from turan.figures import common
from turan.filters import Filters
from turan.ui.keys import (
    ABOUT,
    IMAGE_FORMAT_WORDS,
    KEY_COUNTRIES,
    KEY_IMAGE_FORMAT,
    KEY_PRESENT,
    KEY_RECORD,
    KEY_YEARS,
    PRESENTATION_CSS,
    year_bounds,
)


def sidebar_filters(data: load.Bundle) -> Filters:
    """Render the global filters (bound to the URL) in the sidebar and return their normalised value."""
    names = data.country_names()
    offered, default = filters.partners(data.countries)
    lo, hi = year_bounds()
    with st.sidebar:
        chosen = st.multiselect(
            "Partner countries", offered, default=default, format_func=names.get,
            key=KEY_COUNTRIES, bind="query-params",
            help="Which states' ties with Turkey to show. Turkey is always shown as the reference.")
        years = st.slider("Years", min_value=lo, max_value=hi, value=(lo, hi), key=KEY_YEARS,
                          bind="query-params", help="Inclusive range. Undated facts appear only when the "
                          "whole period is selected.")
        paper = st.toggle(filters.RECORDS["paper"], key=KEY_RECORD, bind="query-params",
                          help=filters.PAPER_RECORD_NOTE + " Off: " + filters.RECORDS["all"].lower() + ".")
    return Filters.make(chosen, years, (lo, hi), "paper" if paper else "all")


def presentation_toggle() -> bool:
    """Render the presentation-mode toggle (bound to the URL) above the page. When on: the sidebar starts
    collapsed, the menu is hidden, text and charts grow, and charts are laid out at 16:9."""
    present = st.toggle("Presentation mode", key=KEY_PRESENT, bind="query-params",
                        help="Hides the sidebar and the menu, enlarges text and charts and lays charts out at "
                             "16:9 for a slide. The link keeps it: ?present=true.")
    st.set_page_config(initial_sidebar_state="collapsed" if present else "auto",
                       menu_items={"About": None if present else ABOUT})
    if present:
        st.html(PRESENTATION_CSS)
    return present


def presenting() -> bool:
    """Whether presentation mode is on in this run."""
    return bool(st.session_state.get(KEY_PRESENT, False))


def image_format_choice() -> str:
    """Render, in the sidebar, the format the charts' camera button saves (PNG at 2x or SVG); return it."""
    with st.sidebar:
        return st.radio("Chart downloads (camera button)", common.IMAGE_FORMATS, key=KEY_IMAGE_FORMAT,
                        format_func=IMAGE_FORMAT_WORDS.get, horizontal=True,
                        help="Each chart's toolbar camera saves a 16:9 image (1600 x 900) with its title, "
                             "filters and sources, named after the chart and the filters.")


