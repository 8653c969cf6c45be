"""Arms transfers: who supplies the weapons of the selected states, from SIPRI's trade register."""

from datetime import date

import streamlit as st

from turan import arms, filters, pages, ui
from turan.text import md_escape
from turan.views import arms as views

PAGE = pages.for_script(__file__)
data, f = ui.current()
names = data.country_names()

stage = ui.heading(PAGE.id)
st.markdown(
    "An army that flies Russian aircraft and Chinese air defence cannot easily join a Turkish-led alliance, and "
    "Turkish drones in a Central Asian air force are a tie that no treaty shows. This page reads SIPRI's trade "
    "register of major conventional arms: who delivered how much to the selected states, and when."
)
st.caption(f"Selection: {md_escape(filters.in_words(f, names, record=False))} · {md_escape(arms.UNIT_NOTE)} "
           "The paper-only filter does not apply: the register is a public dataset.")
v = ui.view(views.page, f, date.today())

st.subheader(v.main.title)
st.caption(md_escape(v.main.subtitle))
if v.main.drawable:
    st.dataframe(v.main_table, hide_index=True, width="stretch", placeholder="no data")
    ui.describe_chart(v.main.description)
else:
    st.info(v.main.empty)

for drawn, label in ((v.over_time, "Download the yearly volumes (CSV)"), (v.shares, "Download the shares (CSV)")):
    ui.chart(drawn, stage=stage if drawn is v.over_time else None)
    if drawn.spec.drawable:
        st.download_button(label, data=drawn.spec.csv, file_name=f"turan-{drawn.spec.export_name}.csv",
                           mime="text/csv", on_click="ignore", icon=":material/download:")
st.caption(md_escape(arms.SPREAD_NOTE))

st.subheader("The deals")
st.caption(f"{len(v.deals)} deals ordered or delivered in the selected years, newest order first. A '?' after a "
           "value is the register's own mark of an uncertain figure. TIV in millions; empty where SIPRI gives none.")
if v.deals.empty:
    st.info("No deal of the register matches this selection.")
else:
    st.dataframe(v.deals, hide_index=True, width="stretch", placeholder="", column_config={
        "Weapon": st.column_config.TextColumn("Weapon", width="medium"),
        "Description": st.column_config.TextColumn("Description", width="medium"),
        "Comments": st.column_config.TextColumn("Comments", width="large"),
        "TIV per unit": st.column_config.NumberColumn("TIV per unit", format="%.2f"),
        "TIV of order": st.column_config.NumberColumn("TIV of order", format="%.2f"),
        "TIV delivered": st.column_config.NumberColumn("TIV delivered", format="%.2f"),
    })
    st.download_button("Download these deals (CSV)", data=v.deals_csv, file_name="turan-arms-deals.csv",
                       mime="text/csv", on_click="ignore", icon=":material/download:")
ui.deck_button(PAGE.id)
