"""The app's state: the data loaded once per process and data version, the cache of computed views shared by every
session, and what every page starts with (the data and the global filters)."""

from __future__ import annotations

import threading

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from turan import load
from turan.filters import Filters
from turan.ui.keys import KEY_COUNTRIES, KEY_RECORD, KEY_YEARS, year_bounds

_RUN = threading.local()  # per script-run thread: the data key worked out in this run


def begin_run() -> None:
    """Forget the data key of the previous run (the entrypoint calls this first): the files are looked at again
    once per run, not at every call (a run asks for the data and its views several times)."""
    _RUN.key = None


def _data_key() -> tuple[str, str]:
    """The data folder and its signature (file names, sizes, modification times) as one string: the cache key of
    the data and of every view computed from it (a string, because hashing it is one step for Streamlit). Worked
    out once per run (begin_run), so a changed file is picked up by the next run."""
    directory = str(load.data_dir())
    known = getattr(_RUN, "key", None)
    if known is None or known[1] != directory:
        known = _RUN.key = (repr(load.signature(directory)), directory)
    return known


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
def _view(data_key: str, call: str, _args: tuple, _fn, _data: load.Bundle):
    """One computed view per data version and call (the view function and its arguments, written out); the
    underscored arguments are not hashed."""
    return _fn(_data, *_args)


def view(fn, *args):
    """fn(data, *args) for a turan.views function, computed once per data version and arguments and then shared by
    every rerun and session. The arguments must be plain values (Filters and the pages' options, strings, numbers,
    tuples, dates) whose repr says all they hold: the cache key is the call written out, one string, which Streamlit
    hashes in one step (hashing the values one by one was a fifth of a rerun that finds its view cached)."""
    key, directory = _data_key()
    return _view(key, f"{fn.__module__}.{fn.__qualname__}{args!r}", args, fn, _load_cached(key, directory))


def current() -> tuple[load.Bundle, Filters]:
    """What every page starts with: the data and the global filters the entrypoint rendered this run."""
    if KEY_COUNTRIES not in st.session_state:
        _through_the_entrypoint()
    data = bundle()
    return data, Filters.make(st.session_state[KEY_COUNTRIES], st.session_state[KEY_YEARS], year_bounds(),
                              "paper" if st.session_state.get(KEY_RECORD) else "all")


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


