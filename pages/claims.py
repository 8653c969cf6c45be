"""The paper checked: every checkable claim of Biró 2021 against public evidence, and its conclusions five years on."""

from datetime import date

import streamlit as st

from turan import claims, pages, schema, ui
from turan.charts import claims as charts
from turan.text import md_escape
from turan.views import claims as views

KEY_VERDICTS, KEY_KINDS, KEY_SECTIONS = "claims_verdicts", "claims_kinds", "claims_sections"
KEY_SEARCH, KEY_GENERAL, KEY_SHOWN = "claims_search", "claims_general", "claims_shown"

PAGE = pages.for_script(__file__)
data, f = ui.current()
names = data.country_names()

stage = ui.heading(PAGE.id)
st.markdown(
    "Before you cite Biró's \u201cThe Turan Army\u201d (2021): each of its checkable statements \u2014 dates, "
    "figures, founding members, memberships, who visited whom, and what each footnote really supports \u2014 set "
    "against public evidence, and its forecasts and judgements against what happened since. The claims are in our "
    "words; every verdict names its sources. Figures and events whose check found a problem carry a "
    f"{claims.MARK} on the aid page and the timeline."
)
st.caption(f"Partners from the sidebar: {md_escape(', '.join(names.get(c, c) for c in f.countries) or 'none')}. "
           "The years and the paper-only filter do not apply: every claim is the paper's, of 2021.")

with st.container(border=True):
    first, second, third = st.columns(3)
    verdicts = first.multiselect("Verdict", schema.VERDICTS, format_func=claims.VERDICT_LABELS.get, key=KEY_VERDICTS,
                                 placeholder="All verdicts")
    kinds = second.multiselect("Kind", schema.CLAIM_KINDS, format_func=claims.KIND_LABELS.get, key=KEY_KINDS,
                               placeholder="All kinds")
    sections = third.multiselect("Section of the paper", schema.CLAIM_SECTIONS, format_func=claims.SECTION_LABELS.get,
                                 key=KEY_SECTIONS, placeholder="All sections")
    left, right = st.columns([2, 1])
    search = left.text_input("Search claims, evidence and notes", key=KEY_SEARCH,
                             placeholder="e.g. Hovsepyan, CSTO, 1993")
    general = right.toggle("Also claims that name no partner state", value=True, key=KEY_GENERAL,
                           help="Statements about Turkey, the great powers or the paper's sources in general.")
options = charts.Options(tuple(verdicts), tuple(kinds), tuple(sections), search, general)
v = ui.view(views.page, f.countries_only(), options, date.today())  # the years do not apply

st.caption(f"{len(v.table)} of {v.total} claims checked · "
           + " · ".join(f"{md_escape(claims.VERDICT_LABELS[k])}: {md_escape(claims.VERDICT_MEANINGS[k])}"
                        for k in schema.VERDICTS))
ui.chart(v.verdicts, stage=stage)

st.subheader("The claims")
if v.table.empty:
    st.info(charts.EMPTY)
else:
    st.dataframe(v.table, hide_index=True, width="stretch", placeholder="", column_config={
        "Section": st.column_config.TextColumn("Section", width="medium"),
        "Footnote": st.column_config.NumberColumn("Fn", format="%d", width="small",
                                                  help="The paper's footnote the statement rests on."),
        "Kind": st.column_config.TextColumn("Kind", width="small"),
        "Claim": st.column_config.TextColumn("The paper says", width="large"),
        "Verdict": st.column_config.TextColumn("Verdict", width="medium"),
        "Evidence": st.column_config.TextColumn("Evidence", width="large"),
        "Note": st.column_config.TextColumn("Note", width="large"),
        "Evidence sources": st.column_config.TextColumn("Evidence sources", width="medium"),
        "Link": st.column_config.LinkColumn("Link", display_text="open", width="small",
                                            help="The first public source (the paper's own where none was found)."),
        "Countries": st.column_config.TextColumn("Countries", width="small"),
        "Claim id": None,
    })
    st.download_button("Download these claims (CSV)", data=v.csv, file_name="turan-paper-checked.csv",
                       mime="text/csv", on_click="ignore", icon=":material/download:", key="claims_csv")

    ids = list(v.table["Claim id"])
    shown = st.selectbox("Look at one claim and its evidence", ids, key=KEY_SHOWN,
                         format_func=dict(zip(ids, v.table["Claim"])).get)
    if shown in ids:
        d = views.detail(data, shown)
        with st.container(border=True):
            st.markdown(f"**{md_escape(claims.VERDICT_LABELS[d['verdict']])}** \u2014 "
                        f"{md_escape(claims.VERDICT_MEANINGS[d['verdict']])}")
            st.markdown(f"*The paper ({md_escape(d['section'])}, {md_escape(d['kind'].lower())}):* "
                        f"{md_escape(d['claim'])}")
            st.caption(f"Rests on: {md_escape(d['footnote'])}")
            if d["evidence"]:
                st.markdown(f"*Evidence:* {md_escape(d['evidence'])}")
            if d["note"]:
                st.markdown(f"*Note:* {md_escape(d['note'])}")
            st.markdown("\n".join(
                f"- [{md_escape(label)}]({url})" if url else f"- {md_escape(label)}" for label, url in d["sources"]))
            st.caption(f"Checked on {md_escape(d['checked_on'])}"
                       + (f" · marks {d['marked']} row(s) of the paper's record" if d["marked"] else ""))

st.subheader(v.outlook.title)
st.caption(md_escape(v.outlook.subtitle))
if not v.cards:
    st.info(v.outlook.empty)
for card in v.cards:
    with st.container(border=True):
        st.markdown(f"**{md_escape(claims.VERDICT_LABELS[card.verdict])}** \u00b7 {md_escape(card.section)}")
        st.markdown(f"*The paper:* {md_escape(card.claim)}")
        if card.evidence:
            st.markdown(f"*Since 2021:* {md_escape(card.evidence)}")
        if card.note:
            st.caption(md_escape(card.note))
        if card.events:
            st.markdown("\n".join(f"- {md_escape(when)}: {md_escape(title)}" for when, title in card.events))
            ui.open_filtered("timeline", f"Open these {len(card.event_ids)} events on the timeline", card.partners,
                             card.years or ui.year_bounds(), key=f"claims_open_{card.claim_id}",
                             icon=":material/timeline:", focus=(card.event_ids, card.focus_label))
ui.describe_chart(v.outlook.description)
ui.deck_button(PAGE.id, options)
