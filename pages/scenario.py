"""Could the Turan Army be formed? Each candidate's obstacles and enablers in a year, the coalition summary
beside the paper's own assessment, and "what if" departures."""

from datetime import date

import streamlit as st

from turan import pages, scenario, ui
from turan.charts.scenario import Options
from turan.text import md_escape
from turan.views import scenario as views

KEY_MEMBERS, KEY_YEAR, KEY_LEAVE = "scenario_members", "scenario_year", "scenario_leave"

PAGE = pages.for_script(__file__)
data, f = ui.current()
names = data.country_names()

stage = ui.heading(PAGE.id)
st.markdown(
    "The paper's answer is “not now”. Test it: pick the states that would join Turkey and a year, and see what "
    "the data says stands in each one's way (alliances whose treaties bar other alliances, mutual-defence "
    "clauses, declared neutrality, foreign bases, ties to rival powers) and what already binds it to Turkey "
    "(Turkic bodies, NATO partnership, pacts, agreements, exercises, aid). Every line names its source; the "
    "treaty rules are rows of obligations.csv, with their articles.")
st.caption("How the sidebar applies: the candidates are the states selected there (the paper's core is "
           "preselected); the year slider covers the sidebar's year range and starts at its last year. A year "
           "means its last day, 31 December (today for the current year). Turkey always takes part, as the leader.")

options = list(f.countries)
left, right = st.columns([3, 2])
candidates = left.multiselect("Candidate members besides Turkey", options, default=scenario.default_candidates(
    data.assessment, options), format_func=names.get, key=KEY_MEMBERS, placeholder="Choose candidates")
if f.years[0] < f.years[1]:
    year = right.slider("As of the end of", min_value=f.years[0], max_value=f.years[1], value=f.years[1], step=1,
                        key=KEY_YEAR)
else:
    year = f.years[0]
    right.caption(f"As of the end of {year}: the sidebar's year range is a single year.")
today = date.today()
offer = ui.view(views.choices, f, tuple(candidates), year, today)  # from the memberships as recorded
choices = offer.choices
leave = st.multiselect("What if … (a state leaves an organisation at the end of the year)", list(choices),
                       format_func=choices.get, key=KEY_LEAVE, placeholder="No change: the recorded memberships",
                       help="The membership is ended on the chosen day and everything below is recomputed.")

if not candidates:
    core = scenario.and_list(names[c] for c in scenario.paper_core(data.assessment))
    st.info(f"No candidate chosen: pick at least one state above (the choices are the states selected in the "
            f"sidebar). The paper's likely core is {md_escape(core)}.")
else:
    options = Options(tuple(candidates), year, tuple(leave))
    v = ui.view(views.page, f, options, today) if leave else offer.recorded
    st.caption(f"View: {md_escape(v.view)}")

    computed, paper = st.columns(2, gap="large")
    with computed:
        st.subheader("What the data says")
        st.markdown(v.summary_markdown)
        st.caption("Computed from memberships.csv, obligations.csv and bases.csv; each card below gives the "
                   "sources line by line. Only rules recorded with a source count: a policy the data does not "
                   "hold (for a state outside the study's core, say) is not shown.")
    with paper:
        st.subheader("What the paper says")
        for heading, bullets in ui.view(views.assessment, scenario.ASSESSMENT_MAIN):
            st.markdown(f"**{md_escape(heading)}**\n\n{bullets}")
        with st.expander("Why the idea is discussed, and what helps it"):
            for heading, bullets in ui.view(views.assessment, ("prospect", "enabler")):
                st.markdown(f"**{md_escape(heading)}**\n\n{bullets}")
        st.caption("Biró 2021, section II (“Can the Turan Army be formed?”) and conclusion, in our own words; the "
                   "footnote each point rests on is in brackets (“main text” where none follows). It does not "
                   "change with the choices above.")

    ui.chart(v.chart, stage=stage)

    st.subheader("Member by member")
    for name, status, obstacles, enablers in v.cards:
        with st.container(border=True):
            st.markdown(f"**{md_escape(name)}** · {md_escape(status)}")
            for column, title, lines in zip(st.columns(2), ("Obstacles", "Enablers"), (obstacles, enablers)):
                column.markdown(f"*{title}*\n\n{lines}")

    st.download_button("Download the obstacles and enablers (CSV)", on_click="ignore", mime="text/csv",
                       data=v.csv, file_name=f"turan-scenario-{year}.csv")
    ui.deck_button(PAGE.id, options)
