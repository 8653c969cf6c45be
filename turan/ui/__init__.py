"""The only Streamlit code outside pages/ and dashboard.py: cached loading, the global filters, the footer.

The entrypoint renders the global filters in the sidebar on every run, before the page; pages read
them back with current(). Filters bound to the URL belong to the entrypoint, so they survive page
switches and a link reopens the same view.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from turan import DATA_VERSION, filters, load, schema
from turan.filters import Filters

KEY_COUNTRIES = "countries"  # also the URL query parameter
KEY_YEARS = "years"


@st.cache_resource(show_spinner=False)
def _load_cached(sig: tuple) -> load.Bundle:
    """Load once per process per data signature (file names, sizes, modification times)."""
    return load.load(sig[0])


def bundle() -> load.Bundle:
    """The validated data; on invalid data, show every problem in an error box and stop the page."""
    try:
        return _load_cached(load.signature(load.data_dir()))
    except load.DataError as err:
        st.error(f"The data files are invalid ({len(err.problems)} problem(s)); nothing can be shown "
                 "until they are fixed. Run `python -m turan.validate` for the same list.")
        st.code("\n".join(str(p) for p in err.problems), language=None)
        st.stop()


def year_bounds() -> tuple[int, int]:
    """The period the year slider covers: 1991 to the current year."""
    return filters.FIRST_YEAR, date.today().year


def _partners(data: load.Bundle):
    countries = data.countries
    return countries[(countries["iso3"] != filters.REFERENCE) & (countries["group"] != "rival_power")]


def sidebar_filters(data: load.Bundle) -> Filters:
    """Render the global filters (bound to the URL) in the sidebar and return their normalised value."""
    names = data.country_names()
    partners = _partners(data)
    default = partners.loc[partners["group"] == "turkic_state", "iso3"].tolist()
    lo, hi = year_bounds()
    with st.sidebar:
        chosen = st.multiselect(
            "Partner countries", partners["iso3"].tolist(), default=default, format_func=names.get,
            key=KEY_COUNTRIES, bind="query-params",
            help="Which states' ties with Turkey to show. Turkey is always shown as the reference.")
        years = st.slider("Years", min_value=lo, max_value=hi, value=(lo, hi), key=KEY_YEARS,
                          bind="query-params", help="Inclusive range. Undated facts appear only when the "
                          "whole period is selected.")
    return Filters.make(chosen, years, (lo, hi))


def current() -> tuple[load.Bundle, Filters]:
    """What every page starts with: the data and the global filters the entrypoint rendered this run."""
    data = bundle()
    return data, Filters.make(st.session_state[KEY_COUNTRIES], st.session_state[KEY_YEARS], year_bounds())


def footer() -> None:
    """Provenance line at the foot of every page."""
    st.divider()
    st.caption(f"Data version {DATA_VERSION} · Main source: Dávid Biró, \"The Turan Army\", Storia Militare "
               f"Contemporanea 8 (2021), and the official sources listed on the Sources page · "
               f"{len(schema.TABLES)} validated tables.")
