"""Landing page: the paper's question and argument, and headline figures for the current selection."""

from datetime import date

import streamlit as st

from turan import filters, pages, ui
from turan.text import md_escape
from turan.views import overview as views

PAGE = pages.for_script(__file__)
data, f = ui.current()
names = data.country_names()

ui.heading(PAGE.id)
st.markdown(
    "Since the Soviet Union broke up in 1991, Turkey has built defence links with Azerbaijan, "
    "Kazakhstan, Kyrgyzstan, Turkmenistan and Uzbekistan piece by piece: officer training, small "
    "packages of military aid, cooperation protocols, joint exercises and bodies that Ankara leads, "
    "such as the Turkic Council (2009) and the gendarmerie organisation TAKM (2013). After the 2020 "
    "Karabakh war and Defence Minister Hulusi Akar's October 2020 trip to Kazakhstan and Uzbekistan, "
    "talk of a joint Turkic army, a \u201cTuran Army\u201d, came back."
)
st.markdown(
    "Dávid Biró's 2021 paper, where this dashboard starts, concludes that such an army is still only "
    "a vision. Turkey would not risk its NATO membership for it; Kazakhstan and Kyrgyzstan are bound "
    "to Russia in the CSTO; Turkmenistan is neutral; and every Central Asian state balances Russia, "
    "China, the United States and Iran in its own way. The pages of this dashboard let you check the "
    "evidence behind that argument, figure by figure, with the paper's footnotes, and follow what "
    "happened after it, from public records up to today."
)

st.caption(f"Selection: {md_escape(filters.in_words(f, names))}")
cards = ui.view(views.headlines, f, date.today())
for column, (card, source) in zip(st.columns(len(cards)), cards):
    with column:
        st.metric(md_escape(card.label), card.value, border=True)
        st.caption(md_escape(card.detail))
        st.caption(f"Source: {md_escape(source)}")


since = ui.view(views.since_paper, f, date.today())
st.subheader(since.spec.title)
if not since.spec.drawable:
    st.info(since.spec.empty)
else:
    st.caption("The paper was published in 2021. Of what happened since, these developments bear most on its "
               "question, in the selected countries and years; each link opens the timeline on that year and "
               "those countries.")
    for item in since.items:
        d = item.development
        with st.container(border=True):
            st.markdown(f"**{md_escape(d.date)}: {md_escape(d.title)}**  \n{md_escape(d.why)}")
            st.caption(f"Source: {md_escape(item.source)}")
            ui.open_filtered("timeline", "See it on the timeline", item.countries, item.years,
                             key=f"since_{d.event_id}", icon=":material/timeline:")
    st.download_button("Download these developments (CSV)", data=since.spec.csv, file_name="turan-since-the-paper.csv",
                       mime="text/csv", on_click="ignore")

ui.deck_button(label="Download the briefing deck", key="briefing_deck")
st.caption("The briefing deck: every page of this dashboard under the current selection, as an editable "
           "PowerPoint, with the other pages' options at their defaults.")
