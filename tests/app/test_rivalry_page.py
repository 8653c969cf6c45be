"""The power rivalry page through AppTest, inside the entrypoint as in the browser: it renders the grid and
three charts, and the global filters, the reach switch and the indicator picker change the charts' data."""

from __future__ import annotations

import json
import re

from apphelp import run_page, texts


def charts(at) -> list[dict]:
    """Every plotly figure as the browser receives it: reach, bases, indicator."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def reach(at, power: str = "Russia") -> dict[int, int]:
    """The reach chart's counts for one power, by year."""
    trace = next(t for t in charts(at)[0]["data"] if t["name"] == power)
    return dict(zip(trace["x"], trace["y"]))


def test_renders_grid_charts_and_downloads():
    at = run_page("rivalry.py")
    assert not at.exception and not at.error
    assert at.title[0].value == "Power rivalry"
    shown = texts(at)
    assert "*(fn 35)*" in shown and "None named in this section" in shown
    assert "The section names no military instrument" in shown
    figs = charts(at)
    assert len(figs) == 4
    assert figs[0]["layout"]["title"]["text"].startswith("Institutional reach")
    assert figs[1]["layout"]["title"]["text"].startswith("Foreign military bases")
    assert figs[2]["layout"]["title"]["text"].startswith("Military expenditure as a share of GDP")
    assert figs[3]["layout"]["title"]["text"].startswith("Who supplied their arms")  # the arms page in brief
    states = {y for t in figs[3]["data"] for y in t["y"]}
    assert states == {"Azerbaijan", "Kazakhstan", "Kyrgyzstan", "Turkmenistan", "Uzbekistan"}
    assert any(link.proto.page == "arms" for link in at.get("page_link"))
    assert len(at.get("download_button")) == 5  # four CSVs and the slides
    assert len(at.dataframe) == 1  # the bases table
    words = [w for fig in figs for t in fig["data"] for w in t.get("hovertext", []) + t.get("text", [])]
    words += [a["text"] for fig in figs for a in fig["layout"].get("annotations", [])]
    assert words and not [w for w in words if re.search(r"\bNone\b|\bnan\b|\bNaN\b", w)]


def test_country_filter_changes_the_reach_chart():
    at = run_page("rivalry.py")
    default = reach(at)
    assert default[1993] == 5 and default[2010] == 4  # Turkmenistan became a CIS associate in 2005
    at.multiselect(key="countries").set_value(["UZB"]).run()
    assert not at.exception
    uzb = reach(at)
    assert set(uzb.values()) == {1}  # Uzbekistan never left the CIS
    assert "Uzbekistan (CIS)" in " ".join(next(t for t in charts(at)[0]["data"] if t["name"] == "Russia")["hovertext"])
    assert reach(at, "China")[2005] == 1 and reach(at, "Turkey")[2020] == 1


def test_url_and_years_change_the_reach_chart():
    at = run_page("rivalry.py", {"countries": ["Kazakhstan", "Kyrgyzstan"], "years": ["1995", "2005"]})
    assert not at.exception
    rus = reach(at)
    assert sorted(rus) == list(range(1995, 2006)) and set(rus.values()) == {2}
    assert "Kazakhstan, Kyrgyzstan; 1995 to 2005" in charts(at)[0]["layout"]["title"]["subtitle"]["text"]


def test_loose_switch_counts_observers_and_dialogue_partners():
    at = run_page("rivalry.py")
    assert reach(at, "China")[2016] == 3
    at.toggle(key="rivalry_loose").set_value(True).run()
    assert reach(at, "China")[2016] == 4  # Azerbaijan, SCO dialogue partner since 2015


def test_bases_follow_the_filters():
    at = run_page("rivalry.py", {"countries": ["Uzbekistan"], "years": ["2006", "2010"]})
    assert "No recorded foreign base" in json.dumps(charts(at)[1])
    at.slider(key="years").set_value((2003, 2005)).run()
    assert [t["name"] for t in charts(at)[1]["data"]] == ["United States", "United States"]  # bars, legend entry
    assert at.dataframe[0].value["name"].tolist() == ["Karshi-Khanabad air base (K2)"]


def test_indicator_picker_and_index():
    at = run_page("rivalry.py", {"countries": ["Turkmenistan"], "years": ["2000", "2010"]})
    fig = charts(at)[2]
    assert any("No data for Turkmenistan" in a["text"] for a in fig["layout"]["annotations"])
    at.selectbox(key="rivalry_indicator").set_value("milex_constant_usd").run()
    fig = charts(at)[2]
    assert fig["layout"]["title"]["text"] == "Military expenditure"
    assert fig["layout"]["yaxis"]["title"]["text"].startswith("constant 2023 US$")
    at.toggle(key="rivalry_index").set_value(True).run()
    assert at.selectbox(key="rivalry_base_year").value == 2000
    turkey = next(t for t in charts(at)[2]["data"] if t["name"] == "Turkey")
    assert turkey["y"][0] == 100
    at.selectbox(key="rivalry_base_year").set_value(2005).run()
    turkey = next(t for t in charts(at)[2]["data"] if t["name"] == "Turkey")
    assert turkey["y"][5] == 100 and "Index, 2005 = 100" in json.dumps(charts(at)[2]["layout"]["yaxis"])
    at.toggle(key="rivalry_with_powers").set_value(True).run()
    assert {t["name"] for t in charts(at)[2]["data"]} >= {"Russia", "China", "United States", "Iran"}


def test_empty_selection_says_so():
    at = run_page("rivalry.py")
    at.multiselect(key="countries").set_value([]).run()
    assert not at.exception
    figs = json.dumps(charts(at))
    assert "No state selected" in figs and "No recorded foreign base" in figs


def test_the_paper_only_filter_leaves_this_page_alone_and_says_so():
    """Memberships, bases and spending come from public records: with "What the paper records" on, the charts are
    the same and no subtitle claims to show the paper's record."""
    everything = run_page("rivalry.py")
    paper = run_page("rivalry.py", {"paper": "true"})
    assert not paper.exception
    for before, after in zip(charts(everything), charts(paper)):
        assert before["data"] == after["data"]
        assert "as the paper records it" not in after["layout"]["title"]["subtitle"]["text"]
    assert "the paper-only filter does not apply to this page" in texts(paper)
