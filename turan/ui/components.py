"""What pages draw through one door: charts with their export settings and description, the deck button, "Cite this
view" and the footer."""

from __future__ import annotations

import contextlib

import plotly.graph_objects as go
import streamlit as st

from turan import DATA_VERSION, cite, datapackage, deck, load, pages, schema
from turan.figures import common
from turan.text import md_escape
from turan.ui.keys import KEY_CITE, KEY_COUNTRIES, KEY_FOCUS, KEY_IMAGE_FORMAT, KEY_RECORD, KEY_YEARS
from turan.ui.sidebar import presenting
from turan.ui.state import current
from turan.views import Drawn


def heading(page_id: str):
    """The page's heading (turan.pages: its own heading, else its title); the home page adds the sub-question.
    Returns the stage: an empty container above the heading where, in presentation mode, the page draws its main
    chart (chart(..., stage=stage)), so that the first screen of a projector shows it whole."""
    stage = st.container()
    page = pages.page(page_id)
    st.title(page.h1)
    if page.default:
        st.subheader(pages.SUBQUESTION)
    return stage


def chart(drawn: Drawn, key: str | None = None, stage=None) -> None:
    """Show a page's chart (a spec with its built plotly figure) with the shared export settings (named after the
    chart and the filters); enlarged and at 16:9 in presentation mode. Every page draws its plotly charts through
    this. The description (turan.describe, from the frames the chart draws) is the chart's text alternative and is
    shown under it in a collapsed "Describe this chart"."""
    fig, spec = drawn.figure, drawn.spec
    present = presenting()
    staged = present and stage is not None  # the page's main chart, on the first screen: as wide as the page, as
    shown = _staged(fig) if staged else _presented(fig) if present else fig  # tall as a projector leaves room for
    fmt = st.session_state.get(KEY_IMAGE_FORMAT, "png")
    with stage if staged else contextlib.nullcontext():
        st.plotly_chart(_serialised(shown), width="content" if present and not staged else "stretch", theme=None,
                        key=key, alt=drawn.description, config=common.export_config(
                            spec.export_name, spec.words, fmt,
                            None if staged else int(common.figure_json(shown)["layout"].get("height") or 0)))
        if drawn.description:
            describe_chart(drawn.description)


class _Serialised(go.Figure):
    """What st.plotly_chart is given: a figure's plotly JSON (to_dict) without copying it. Streamlit asks for it on
    every rerun, and plotly answers with a deep copy of the whole figure each time (more than half of a rerun whose
    view is cached, and most of drawing a new one). It stands in for the figure only there: Streamlit reads nothing
    but to_dict() of a plotly figure, and only reads the dictionary, which is the figure's own traces and layout (as
    to_dict copies them; a cached view's figure is never changed). plotly's to_dict would also turn numpy arrays into
    its binary form; the figures here hold lists, and a numpy array would still be written out as a list. Not a
    figure to draw or change otherwise (it holds no traces of its own)."""

    def __init__(self, fig: go.Figure):  # noqa: D107 - plotly's own constructor would copy the figure again
        object.__setattr__(self, "_turan_dict", common.figure_json(fig))

    def to_dict(self) -> dict:
        return self._turan_dict


def _serialised(fig):
    """The figure as st.plotly_chart is given it, made once per figure (kept on the figure, as _presented; read and
    written around the figure's own attribute access, which would make a LazyFigure a full plotly figure)."""
    made = fig.__dict__.get("_turan_serialised")
    if made is None:
        made = _Serialised(fig)
        object.__setattr__(fig, "_turan_serialised", made)
    return made


def _presented(fig):
    """The figure's presentation copy, made once per figure: a cached view's figure lives on, and so does its copy
    (kept on the figure itself, so it goes when the figure does)."""
    copy = getattr(fig, "_turan_presented", None)
    if copy is None:
        copy = common.for_presentation(fig)
        fig._turan_presented = copy
    return copy


def _staged(fig):
    """The figure's first-screen copy (presentation mode), made once per figure like _presented."""
    copy = getattr(fig, "_turan_staged", None)
    if copy is None:
        copy = common.for_stage(fig)
        fig._turan_staged = copy
    return copy


def describe_chart(description: str) -> None:
    """The collapsed "Describe this chart" under a chart: its description in words, escaped."""
    with st.expander("Describe this chart", icon=":material/description:"):
        st.markdown(md_escape(description))


def deck_button(page_id: str | None = None, options=None, label: str = "Download slides (.pptx)",
                key: str | None = None) -> None:
    """A download button for the briefing deck of one page (with the page's options, turan.charts.<page>.Options),
    or of every page (page_id None, other pages' options at their defaults), under the current filters, built only
    when clicked. The title slide links back to this view (the page, or the home page, with the filters)."""
    data, f = current()
    page = pages.page(page_id) if page_id else pages.HOME
    root = cite.app_root(st.context.url, page.url_path, fallback=f"http://localhost:{st.get_option('server.port')}/")
    url = deck.view_url(root, page.id, f, data.country_names())
    chosen = [page_id] if page_id else list(pages.IDS)
    st.download_button(label, data=deck.lazy(data, f, chosen, {page_id: options} if page_id else None, url),
                       file_name=deck.filename(chosen), mime=deck.MIME, on_click="ignore", icon=":material/slideshow:",
                       key=key, help="An editable PowerPoint (16:9): native charts and tables with the numbers shown "
                                     "here, a source footer and speaker notes on every slide. Built when you click.")


def dataset_button() -> None:
    """A download button for the whole dataset as one zip (turan.datapackage), built when clicked."""
    st.download_button("Download the whole dataset (zip)", data=lambda: datapackage.zip_bytes(load.data_dir()),
                       file_name=datapackage.filename(), mime="application/zip", on_click="ignore",
                       icon=":material/folder_zip:", key="dataset_zip",
                       help="Every CSV, the codebook, the changelog, CITATION.cff and a datapackage.json (Frictionless "
                            "Data Package) describing every column, for pandas or any Frictionless tool.")


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


def footer() -> None:
    """Provenance line at the foot of every page."""
    st.divider()
    st.caption(f"Data version {DATA_VERSION} · Main source: Dávid Biró, \"The Turan Army\", Storia Militare "
               f"Contemporanea 8 (2021), and the official sources listed on the Sources page · "
               f"{len(schema.TABLES)} validated tables.")




def _set_filters(countries: tuple[str, ...], years: tuple[int, int], focus=None) -> None:
    st.session_state[KEY_COUNTRIES] = list(countries)
    st.session_state[KEY_YEARS] = tuple(years)
    if focus is not None:
        st.session_state[KEY_FOCUS] = (tuple(focus[0]), str(focus[1]))
        st.session_state[KEY_RECORD] = False  # the events a check rests on are mostly public records


def focus() -> tuple[tuple[str, ...], str]:
    """The events the timeline shows alone (ids, and what they are in words), or ((), "") for all of them."""
    ids, label = st.session_state.get(KEY_FOCUS) or ((), "")
    return tuple(ids), label


def clear_focus() -> None:
    """Back to every event of the selection."""
    st.session_state.pop(KEY_FOCUS, None)


def open_filtered(page_id: str, label: str, countries: tuple[str, ...], years: tuple[int, int], key: str,
                  icon: str | None = None, focus: tuple[tuple[str, ...], str] | None = None) -> None:
    """A button that sets the sidebar's countries and years and opens a page of the registry. (A page link with
    query parameters would not do: the sidebar's widgets keep their session values over the URL's.) With `focus`
    (event ids and what they are, in words), the timeline shows those events alone, public records included, until
    its "Show all events" is clicked."""
    if st.button(label, key=key, icon=icon, on_click=_set_filters, args=(tuple(countries), tuple(years), focus)):
        st.switch_page(pages.BY_ID[page_id].script, query_params={})  # the bound widgets put theirs back
