"""Entrypoint: page configuration, navigation, presentation mode, the global filters, and after every page
"Cite this view" and the footer."""

from pathlib import Path

import streamlit as st

from turan import pages, ui

ui.begin_run()  # the data files are looked at once per run
st.set_page_config(page_title="Turan Dashboard", page_icon=str(Path(__file__).parent / "assets" / "favicon.png"),
                   layout="wide")

PAGES = [st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path or None, default=p.default)
         for p in pages.PAGES]

page = st.navigation(PAGES)
ui.presentation_toggle()
ui.sidebar_filters(ui.bundle())
ui.image_format_choice()
page.run()
ui.cite_view(page)
ui.footer()
