"""Sources page: the bibliography with the paper's footnote numbers and links."""

from datetime import date

import streamlit as st

from turan import filters, pages, ui
from turan.text import md_escape
from turan.views import sources as views

PAGE = pages.for_script(__file__)
data, f = ui.current()

ui.heading(PAGE.id)
st.markdown(
    "Every figure in this dashboard names its source. The paper's own footnotes are listed with their "
    "numbers; where a footnote is ambiguous or was garbled in the extracted text, the note in italics "
    "says how it was read. Then the public sources: official pages, treaties, datasets, news agencies and think tanks "
    "behind the memberships, the maps and the record since the paper."
)
ui.dataset_button()
only_view = st.toggle("Only the sources behind the current selection", key="sources_only_view")
v = ui.view(views.page, f, only_view, date.today())
st.caption(f"Selection: {md_escape(filters.in_words(f, data.country_names()))} · showing {v.count} of "
           f"{len(data.sources)} sources" if only_view else f"All {len(data.sources)} sources")
if not v.count:
    st.info("No sources: the current selection shows no data.")
else:
    for title, items in v.bibliography.items():
        st.subheader(title)
        st.markdown("\n".join(f"- {item}" for item in items))
    with st.expander("As a table"):
        st.dataframe(
            v.table, hide_index=True, width="stretch", placeholder="",
            column_config={
                "paper_footnote": st.column_config.NumberColumn("Footnote", format="%d"),
                "citation": st.column_config.TextColumn("Citation", width="large"),
                "url": st.column_config.LinkColumn("Link"),
                "accessed": st.column_config.TextColumn("Accessed"),
                "kind": st.column_config.TextColumn("Kind"),
                "note": st.column_config.TextColumn("How it is used", width="large"),
                "source_id": st.column_config.TextColumn("Id"),
            },
        )
