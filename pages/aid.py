"""Aid by country: how much military aid Turkey gave each Turkic state, when, on what basis, says who."""

from datetime import date

import streamlit as st

from turan import aid, claims, filters, pages, ui
from turan.charts.aid import Options
from turan.text import md_escape
from turan.views import aid as views

PAGE = pages.for_script(__file__)
data, f = ui.current()
names = data.country_names()

stage = ui.heading(PAGE.id)
st.markdown(
    "Every figure of Turkish military assistance that the paper gives, per recipient: how much, when, on "
    "what basis (delivered, agreed or only pledged) and from which footnote. Totals count nothing twice: "
    "where the paper places a figure inside a period or running total, only the total is added. A "
    f"{claims.MARK} marks a figure whose check against public evidence found a problem (hover it, see the Check "
    "column of the ledger, or the page \u201cThe paper checked\u201d)."
)
st.caption(f"Selection: {md_escape(filters.in_words(f, names))}")
include_pledged = st.toggle(
    "Include pledged (planned) figures", value=True, key="aid_include_pledged",
    help="Figures the paper gives only as promised or planned ('would have provided'), not as agreed or delivered.")
options = Options(include_pledged=include_pledged)
v = ui.view(views.page, f, options, date.today())

if v.empty:
    st.info(v.empty)
else:
    ui.chart(v.totals, stage=stage)
    st.caption(aid.COUNTING_RULE)
    ui.chart(v.over_time)

    st.subheader("Read with care")
    st.markdown("How the paper's garbled or uncertain passages were read, figure by figure:")
    st.markdown("\n".join(f"- **{md_escape(figure)}**: {md_escape(note)}" for figure, note in v.caveats))

    st.subheader("Ledger")
    st.dataframe(v.ledger, hide_index=True, width="stretch", height="content", placeholder="no data", column_config={
        "Date": st.column_config.TextColumn("Date", help="As precisely as the paper gives it."),
        "Amount": st.column_config.TextColumn("Amount", width="medium", help="As reported, with the paper's hedge."),
        "USD": st.column_config.NumberColumn("USD", format="$%,d", help="The amount as a number (nominal US dollars)."),
        "Basis": st.column_config.TextColumn("Basis"),
        "Part of": st.column_config.TextColumn("Part of", width="medium",
                                               help="The period or running total that contains it."),
        "In the totals": st.column_config.TextColumn("In the totals", width="medium"),
        "Description": st.column_config.TextColumn("Description", width="large"),
        "Source": st.column_config.TextColumn("Source", width="medium"),
        "Notes": st.column_config.TextColumn("Notes", width="large"),
        "Check": st.column_config.TextColumn(f"{claims.MARK} Check", width="large",
                                             help="What the check of the paper found wrong with this figure (see the "
                                                  "page \u201cThe paper checked\u201d)."),
    })
    st.download_button("Download this ledger (CSV)", data=v.ledger_csv, file_name="turan-aid-ledger.csv",
                       mime="text/csv", on_click="ignore", key="aid_download", icon=":material/download:")
    ui.deck_button(PAGE.id, options)

context = aid.DEVELOPMENT_AID
st.subheader(context.title)
st.caption(f"{md_escape(context.text)} Source: {md_escape(v.context_source)}.")
st.caption("Defence-industry deals, such as the joint Turkish-Kazakh production agreement, are not aid: "
           "they are not counted here.")
