"""The Turan Army scenario page through AppTest, inside the entrypoint as in the browser: the defaults reproduce
the paper's obstacles, and the candidates, the year, the 'what if' switches and the sidebar change the summary."""

from __future__ import annotations

import json
import re
from datetime import date

from apphelp import run_page, texts

PAGE = "scenario.py"


def summary(at) -> str:
    """The computed summary: the markdown block under 'What the data says'."""
    return next(m.value for m in at.markdown if m.value.startswith("- **"))


def matrix(at) -> dict:
    """The matrix figure as the browser receives it."""
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def rows(at) -> list[str]:
    """The states of the matrix (its columns)."""
    return matrix(at)["data"][0]["x"]


def test_renders_the_core_coalition_with_the_papers_obstacles():
    at = run_page(PAGE)
    assert not at.exception and not at.error
    assert at.title[0].value == "Could the Turan Army be formed?"
    assert at.multiselect(key="scenario_members").value == ["AZE", "KAZ", "UZB", "KGZ"]
    assert at.slider(key="scenario_year").value == date.today().year
    assert at.multiselect(key="scenario_leave").value == []
    text = summary(at)
    assert ("Kazakhstan and Kyrgyzstan from the CSTO \\(Collective Security Treaty \\(Tashkent, 15 May 1992\\), "
            "Article 1\\)") in text
    assert "Russia loses Kazakhstan and Kyrgyzstan from the CSTO" in text
    assert "North Atlantic Treaty \\(Washington, 4 April 1949\\), Article 8" in text
    shown = texts(at)
    assert "*(fn 44)*" in shown and "Likely core" in shown  # the paper's assessment beside the summary
    assert rows(at) == ["Turkey", "Azerbaijan", "Kazakhstan", "Uzbekistan", "Kyrgyzstan"]
    assert len(at.get("download_button")) == 2  # the CSV and the slides
    cards = [m.value for m in at.markdown if m.value.startswith("*Obstacles*")]
    assert len(cards) == 5 and all("Source:" in c or "None in the data" in c for c in cards)
    assert not re.search(r"\bNone\b(?! in the data)|\bnan\b", shown)


def test_year_changes_the_summary_uzbekistan_back_in_the_csto_in_2010():
    at = run_page(PAGE)
    at.slider(key="scenario_year").set_value(2010).run()
    assert not at.exception
    text = summary(at)
    assert "Kazakhstan, Uzbekistan and Kyrgyzstan from the CSTO" in text
    assert "Russia loses Kazakhstan, Uzbekistan and Kyrgyzstan from the CSTO" in text
    assert "Could join without leaving an alliance or setting aside a declared policy:** Azerbaijan" in text
    assert "as of 31 December 2010" in json.dumps(matrix(at)["layout"]["title"])  # the subtitle


def test_adding_turkmenistan_shows_its_neutrality():
    at = run_page(PAGE)
    at.multiselect(key="scenario_members").set_value(["AZE", "KAZ", "UZB", "KGZ", "TKM"]).run()
    assert not at.exception
    assert "Turkmenistan\\: neutrality, no blocs \\(since 1995\\)" in summary(at)
    assert rows(at)[-1] == "Turkmenistan"
    assert "Turkmenistan leaves the CIS" in at.multiselect(key="scenario_leave").options


def test_what_if_kazakhstan_leaves_the_csto():
    at = run_page(PAGE)
    leave = at.multiselect(key="scenario_leave")
    assert "Kazakhstan leaves the CSTO" in leave.options and "Turkey leaves NATO" in leave.options
    leave.set_value(["KAZ:CSTO"]).run()
    assert not at.exception
    text = summary(at)
    assert "first:** Kyrgyzstan from the CSTO \\(Collective" in text
    assert "Could join without leaving an alliance or setting aside a declared policy:** Kazakhstan." in text
    assert "**What if:** Kazakhstan leaves the CSTO on" in text
    assert "Russia loses Kazakhstan and Kyrgyzstan from the CSTO" in text
    kaz = rows(at).index("Kazakhstan")
    assert matrix(at)["data"][0]["text"][0][kaz] == ""  # no alliance-ban cell any more


def test_what_if_turkey_leaves_nato():
    at = run_page(PAGE)
    at.multiselect(key="scenario_leave").set_value(["TUR:NATO"]).run()
    text = summary(at)
    assert "outside NATO in this 'what if'" in text and "the United States loses Turkey from NATO" in text


def test_empty_selection_says_so():
    at = run_page(PAGE)
    at.multiselect(key="scenario_members").set_value([]).run()
    assert not at.exception
    assert any("No candidate chosen" in i.value for i in at.info)
    assert not at.get("plotly_chart") and not at.get("download_button")


def test_sidebar_limits_the_candidates_and_bounds_the_year():
    at = run_page(PAGE, {"countries": ["Kyrgyzstan", "Turkmenistan"], "years": ["2005", "2010"]})
    assert not at.exception
    members = at.multiselect(key="scenario_members")
    assert members.options == ["Kyrgyzstan", "Turkmenistan"] and members.value == ["KGZ"]
    year = at.slider(key="scenario_year")
    assert (year.min, year.max, year.value) == (2005, 2010, 2010)
    assert rows(at) == ["Turkey", "Kyrgyzstan"]


def test_a_single_sidebar_year_replaces_the_slider():
    at = run_page(PAGE, {"years": ["2007", "2007"]})
    assert not at.exception
    assert not at.get("slider") or all(s.key != "scenario_year" for s in at.slider)
    assert any("As of the end of 2007" in c.value for c in at.caption)
    assert "Kazakhstan, Uzbekistan and Kyrgyzstan from the CSTO" in summary(at)


def test_page_builds_no_html_from_data():
    from apphelp import ROOT
    assert "unsafe_allow_html" not in (ROOT / "pages" / PAGE).read_text(encoding="utf-8")
