"""AppTest fixtures: run pages through the entrypoint exactly as the live server does."""

from __future__ import annotations

import pytest
import streamlit as st
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.pages_manager import PagesManager


class _NavigationPagesManager(PagesManager):
    """AppTest resets Streamlit's legacy `pages/`-folder flag before every run, so with a folder named
    pages/ it runs a switched-to page alone, without the entrypoint. The live server clears that flag
    as soon as st.navigation runs; doing the same here makes AppTest run entrypoint + page like the
    browser does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def navigation_like_the_server(monkeypatch):
    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)


@pytest.fixture(autouse=True)
def fresh_cache():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
