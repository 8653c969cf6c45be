"""The only Streamlit code outside pages/ and dashboard.py: cached loading, the global filters, presentation
mode, charts with their export settings, "Cite this view" and the footer.

The entrypoint renders the global filters in the sidebar on every run, before the page; pages read
them back with current(). Filters bound to the URL belong to the entrypoint, so they survive page
switches and a link reopens the same view. Pages draw every plotly figure through chart(), which applies
the shared export settings and, in presentation mode, the enlarged 16:9 layout.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from turan import DATA_VERSION, cite, deck, filters, load, schema, views
from turan.figures import common
from turan.filters import Filters
from turan.text import md_escape

KEY_COUNTRIES = "countries"  # also the URL query parameter
KEY_YEARS = "years"
KEY_PRESENT = "present"  # also the URL query parameter: ?present=true
KEY_IMAGE_FORMAT = "image_format"
KEY_CITE = "cite_open"  # the "Cite this view" expander is open
IMAGE_FORMAT_WORDS = {"png": "PNG (2x, for slides)", "svg": "SVG (vector)"}
ABOUT = (f"**Turan Dashboard**, data version {DATA_VERSION}. Turkey's defence ties with the Turkic states, from "
         "Dávid Biró's paper \"The Turan Army\" (2021) and official sources.")

# Presentation mode's only CSS: Streamlit has no per-session setting for the base font size (theme.baseFontSize
# applies to every visitor), so the root size grows from 16 to 20 px and every rem-sized text and gap with
# it. A constant: no data ever goes into it. The sidebar and the menu are hidden with Streamlit's own options.
PRESENTATION_CSS = "<style>html { font-size: 20px; }</style>"


def _data_key() -> tuple[str, str]:
    """The data folder and its signature (file names, sizes, modification times) as one string: the cache key of
    the data and of every view computed from it (a string, because hashing it is one step for Streamlit)."""
    directory = load.data_dir()
    return repr(load.signature(directory)), str(directory)


@st.cache_resource(show_spinner=False)
def _load_cached(key: str, _directory: str) -> load.Bundle:
    """Load once per process per data signature."""
    return load.load(_directory)


def bundle() -> load.Bundle:
    """The validated data; on invalid data, show every problem in an error box and stop the page."""
    try:
        return _load_cached(*_data_key())
    except load.DataError as err:
        st.error(f"The data files are invalid ({len(err.problems)} problem(s)); nothing can be shown "
                 "until they are fixed. Run `python -m turan.validate` for the same list.")
        st.code("\n".join(str(p) for p in err.problems), language=None)
        st.stop()


# How many computed views (turan.views: tables, built figures, CSV bytes) the process keeps, shared by every
# session, least recently used dropped first. See docs/performance.md for what one entry weighs.
VIEW_ENTRIES = 256


@st.cache_resource(show_spinner=False, max_entries=VIEW_ENTRIES)
def _view(data_key: str, name: str, args: tuple, _fn, _data: load.Bundle):
    """One computed view per data version, view function and arguments (the underscored ones are not hashed)."""
    return _fn(_data, *args)


def view(fn, *args):
    """fn(data, *args) for a turan.views function, computed once per data version and arguments and then shared by
    every rerun and session: the arguments must be hashable values (Filters, strings, numbers, tuples, dates)."""
    key, directory = _data_key()
    return _view(key, f"{fn.__module__}.{fn.__qualname__}", args, fn, _load_cached(key, directory))


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
    if KEY_COUNTRIES not in st.session_state:
        _through_the_entrypoint()
    data = bundle()
    return data, Filters.make(st.session_state[KEY_COUNTRIES], st.session_state[KEY_YEARS], year_bounds())


def _through_the_entrypoint() -> None:
    """Rerun a page that Streamlit ran on its own, without dashboard.py (so without the filters it reads).

    Streamlit treats an app with a pages/ folder as an old-style multipage app, which runs a page file alone, until
    the first run of st.navigation in the server process switches that off. After a server start, until somebody
    opens the home page, every visitor arriving by a deep link (a cited URL such as /aid?countries=KAZ) had the
    page run alone and saw an error. This leaves the old mode, as st.navigation does, and reruns: the rerun goes
    through dashboard.py to the same page with the same URL (tests/browser/test_smoke.py starts a server and opens
    a deep link first)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    st.error("This page was run without the dashboard around it. Open the dashboard's home page.")
    st.stop()


def footer() -> None:
    """Provenance line at the foot of every page."""
    st.divider()
    st.caption(f"Data version {DATA_VERSION} · Main source: Dávid Biró, \"The Turan Army\", Storia Militare "
               f"Contemporanea 8 (2021), and the official sources listed on the Sources page · "
               f"{len(schema.TABLES)} validated tables.")


# ---- presentation mode, charts, citation ---------------------------------------------------------------

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


def chart(fig, name: str | None = None, filters_words: str | None = None, key: str | None = None,
          description: str | None = None) -> None:
    """Show a plotly figure with the shared export settings (named after `name` and the filters); enlarged and
    at 16:9 in presentation mode. Every page draws its plotly charts through this. The description (from
    turan.describe, computed from the frames the chart draws) is the chart's text alternative and is shown
    under it in a collapsed "Describe this chart". `fig` may be a views.Chart, which carries the other three."""
    if isinstance(fig, views.Chart):
        fig, name, filters_words, description = fig.figure, fig.name, fig.words, fig.description
    present = presenting()
    shown = _presented(fig) if present else fig
    fmt = st.session_state.get(KEY_IMAGE_FORMAT, "png")
    st.plotly_chart(shown, width="content" if present else "stretch", theme=None, key=key, alt=description,
                    config=common.export_config(name, filters_words, fmt, int(shown.layout.height or 0)))
    if description:
        describe_chart(description)


def _presented(fig):
    """The figure's presentation copy, made once per figure: a cached view's figure lives on, and so does its copy
    (kept on the figure itself, so it goes when the figure does)."""
    copy = getattr(fig, "_turan_presented", None)
    if copy is None:
        copy = common.for_presentation(fig)
        fig._turan_presented = copy
    return copy


def describe_chart(description: str) -> None:
    """The collapsed "Describe this chart" under a chart: its description in words, escaped."""
    with st.expander("Describe this chart", icon=":material/description:"):
        st.markdown(md_escape(description))


def deck_button(pages: list[str], options: deck.Options | None = None, label: str = "Download slides (.pptx)",
                key: str | None = None) -> None:
    """A download button for the briefing deck of `pages` under the current filters and the page's options,
    built only when clicked. The title slide links back to this view (the first page, with the filters)."""
    data, f = current()
    path = deck.URL_PATHS.get(pages[0], pages[0])
    root = cite.app_root(st.context.url, path, fallback=f"http://localhost:{st.get_option('server.port')}/")
    url = deck.view_url(root, pages[0], f, data.country_names())
    st.download_button(label, data=deck.lazy(data, f, pages, options, url), file_name=deck.filename(pages),
                       mime=deck.MIME, on_click="ignore", icon=":material/slideshow:", key=key,
                       help="An editable PowerPoint (16:9): native charts and tables with the numbers shown here, "
                            "a source footer and speaker notes on every slide. Built when you click.")


def cite_view(page) -> cite.Citation:
    """The 'Cite this view' expander: the link that reopens the page with its filters, as plain text and BibTeX,
    in code boxes with a copy button. Returns the citation, open or not."""
    data, f = current()
    root = cite.app_root(st.context.url, page.url_path,
                         fallback=f"http://localhost:{st.get_option('server.port')}/")
    citation = cite.cite(root, page.url_path, page.title, f, data.country_names())
    # Drawn only while open (a keyed expander that reruns when toggled): its code boxes need Streamlit's syntax
    # highlighter, 1.5 MB of script that every page's first load would otherwise fetch and parse (about 0.25 s of
    # time to idle in headless Chromium, docs/performance.md). Once opened it stays open across pages.
    with st.expander("Cite this view", icon=":material/format_quote:", key=KEY_CITE, on_change="rerun") as box:
        if not box.open:
            return citation
        st.caption("The link reopens this page with the same countries and years. Options on the page itself "
                   "(toggles, the map's year) are not part of it.")
        for label, body in (("Link", citation.url), ("Citation", citation.text), ("BibTeX", citation.bibtex)):
            st.caption(label)
            st.code(body, language=None, wrap_lines=True)
    return citation
