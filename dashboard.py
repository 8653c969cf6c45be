"""Entrypoint: page configuration, navigation, presentation mode, the global filters, and after every page
"Cite this view" and the footer."""

from pathlib import Path

import streamlit as st

from turan import ui

st.set_page_config(page_title="Turan Dashboard", page_icon=str(Path(__file__).parent / "assets" / "favicon.png"), layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("pages/aid.py", title="Aid by country", icon=":material/payments:", url_path="aid"),
    st.Page("pages/timeline.py", title="Agreement timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/rivalry.py", title="Power rivalry", icon=":material/groups:", url_path="rivalry"),
    st.Page("pages/alliances.py", title="Alliance map", icon=":material/map:", url_path="alliances"),
    st.Page("pages/scenario.py", title="Turan Army scenario", icon=":material/flag:", url_path="scenario"),
    st.Page("pages/sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
]

page = st.navigation(PAGES)
ui.presentation_toggle()
ui.sidebar_filters(ui.bundle())
ui.image_format_choice()
page.run()
ui.cite_view(page)
ui.footer()
