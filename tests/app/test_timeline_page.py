"""The agreement timeline page through AppTest, inside the entrypoint as in the browser: the global filters,
the kind filter and the search change the events shown (asserted on the list and the chart's data)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from apphelp import run_page, texts

DATA = Path(__file__).resolve().parents[2] / "data"
TURKIC = ("AZE", "KAZ", "KGZ", "TKM", "UZB")  # the default selection
BOUNDS = (1991, 2026)


def shipped(countries=TURKIC, years=BOUNDS, paper_only=False) -> list[dict]:
    """The events of the shipped CSV that the list should show, read here without the app's code: a selected
    country among the parties (or Turkey alone), dated within the years (undated ones only for the whole
    period)."""
    with open(DATA / "events.csv", encoding="utf-8", newline="") as fh:
        events = list(csv.DictReader(fh))
    out = []
    for event in events:
        parties = set(event["parties"].split(";"))
        if not (parties & set(countries) or parties == {"TUR"}) or (paper_only and event["evidence"] != "paper"):
            continue
        if event["date"] and not years[0] <= int(event["date"][:4]) <= years[1]:
            continue
        if not event["date"] and years != BOUNDS:
            continue
        out.append(event)
    return out

KGZ_2000_2010 = ["October 2000", "March 2002", "October 2005", "November 2005", "June 2008", "January 2009",
                 "2009 (month unknown)"]


def rows(at):
    """The event list as shown."""
    return at.dataframe[0].value


def chart(at) -> dict:
    """The timeline figure as the browser receives it."""
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def chart_events(at) -> set[str]:
    """Event ids of every marker drawn (a numbered marker holds several, ';'-separated)."""
    return {i for t in chart(at)["data"] if t.get("customdata") for ids in t["customdata"] for i in ids.split(";")}


def lanes(at) -> list[str]:
    return chart(at)["layout"]["yaxis"]["ticktext"]


def test_renders_all_events_by_default():
    at = run_page("timeline.py")
    assert not at.exception and not at.error
    assert at.title[0].value == "Agreement timeline"
    expected = shipped()
    dated = {e["event_id"] for e in expected if e["date"]}
    assert len(rows(at)) == len(expected) > 200
    assert chart_events(at) == dated
    assert lanes(at) == ["Turkey alone", "Uzbekistan", "Turkmenistan", "Kyrgyzstan", "Kazakhstan", "Azerbaijan",
                         "The region, without Turkey", "Rival powers, without Turkey"]
    undated = len(expected) - len(dated)
    assert f"{undated} undated events are listed below the chart" in chart(at)["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    # the record runs to today: the default view has events of every year from 2021 to 2026
    assert {int(e["date"][:4]) for e in expected if e["date"]} >= set(range(2021, 2027))
    assert {y for d in rows(at)["date"] for y in re.findall(r"\b20\d\d\b", d)} >= {str(y) for y in range(2021, 2027)}
    assert at.get("download_button")


def test_country_filter_changes_lanes_markers_and_list():
    at = run_page("timeline.py")
    at.multiselect(key="countries").set_value(["KAZ"]).run()
    assert lanes(at) == ["Turkey alone", "Kazakhstan", "The region, without Turkey", "Rival powers, without Turkey"]
    assert "uzb_agreement_2000_10" not in chart_events(at) and "kaz_protocol_2001_03" in chart_events(at)
    assert len(rows(at)) == len(shipped(("KAZ",))) < len(shipped())
    assert rows(at)["parties"].map(lambda p: "Kazakhstan" in p or p == "Turkey").all()


def test_year_range_and_url():
    at = run_page("timeline.py", {"countries": ["Kyrgyzstan"], "years": ["2000", "2010"]})
    assert not at.exception
    assert rows(at)["date"].tolist() == KGZ_2000_2010
    assert "undated" not in chart(at)["layout"]["title"]["text"]
    x0, x1 = chart(at)["layout"]["xaxis"]["range"]
    assert x0 < "2000-01-01" and x1 > "2011-01-01" and x1 < "2011-03-01"
    at.slider(key="years").set_value((2005, 2005)).run()
    assert rows(at)["date"].tolist() == ["October 2005", "November 2005"]
    assert chart_events(at) == {"kgz_free_assistance_2005_10", "kgz_bishkek_agreement_2005_11"}


def test_kind_filter_and_search_narrow_the_list_only():
    at = run_page("timeline.py")
    at.multiselect(key="timeline_kinds").set_value(["protocol"]).run()
    protocols = [e for e in shipped() if e["kind"] == "protocol"]
    assert rows(at)["kind"].tolist() == ["Protocol"] * len(protocols) and len(protocols) > 3
    assert chart_events(at) == {e["event_id"] for e in shipped() if e["date"]}  # the chart keeps every kind
    at.multiselect(key="timeline_kinds").set_value([]).run()
    at.text_input(key="timeline_search").input("TAKM").run()
    assert rows(at)["title"].tolist() == ["Turkey joins FIEP", "TAKM founded", "TAKM becomes operational"]
    at.multiselect(key="timeline_kinds").set_value(["organisation"]).run()
    at.text_input(key="timeline_search").input("operational").run()
    assert rows(at)["title"].tolist() == ["TAKM becomes operational"]
    at.text_input(key="timeline_search").input("no such words").run()
    assert not at.dataframe and "No events match this kind and search." in texts(at)


def test_empty_selection_says_so():
    at = run_page("timeline.py", {"countries": ["Turkmenistan"], "years": ["2003", "2004"]})
    assert not at.exception
    assert "No recorded events for this selection." in texts(at)
    assert not at.get("plotly_chart") and not at.dataframe
    assert "Data version" in texts(at)  # the footer still runs


def test_list_shows_missing_values_as_blank():
    at = run_page("timeline.py")
    shown = rows(at)
    assert shown["about_date"].isna().any()  # missing stays missing in the data ...
    assert at.dataframe[0].proto.HasField("placeholder") and at.dataframe[0].proto.placeholder == ""  # ... shown ""
    assert not shown.isin(["None", "nan", "NaN"]).any().any()
    config = json.loads(at.dataframe[0].proto.columns)
    labels = [config[c]["label"] for c in shown.columns]
    assert labels == ["Date (as known)", "About the date", "Parties", "Kind", "Title", "Description", "Source",
                      "\u2691 Check"]


def test_the_record_filter_shows_or_hides_what_does_not_come_from_the_paper(data_copy, monkeypatch):
    """With one event moved to a public source, "Everything" shows it and "What the paper records" (?record=paper,
    the sidebar's toggle, ?paper=true) hides it, and the view says which record it shows."""
    from datahelp import read_rows, set_cell, unmark

    rows_ = read_rows(data_copy / "events.csv")
    line = next(i for i, r in enumerate(rows_, start=1) if r[0] == "akar_visit_2020_10")
    set_cell(data_copy / "events.csv", line, "source_id", "nato_treaty_1949")
    set_cell(data_copy / "events.csv", line, "evidence", "public")
    unmark(data_copy, "akar_visit_2020_10")
    monkeypatch.setenv("TURAN_DATA_DIR", str(data_copy))
    everything = run_page("timeline.py")
    assert paper_toggle(everything) is False
    assert "akar_visit_2020_10" in chart_events(everything) and len(rows(everything)) == len(shipped())
    paper = run_page("timeline.py", {"paper": "true"})
    assert not paper.exception and paper_toggle(paper) is True
    assert "akar_visit_2020_10" not in chart_events(paper) and len(rows(paper)) == len(shipped(paper_only=True)) - 1
    assert max(int(y) for d in rows(paper)["date"] for y in re.findall(r"\b\d{4}\b", d)) <= 2021
    assert "as the paper records it" in chart(paper)["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    paper.toggle(key="paper").set_value(False).run()
    assert "akar_visit_2020_10" in chart_events(paper)


def paper_toggle(at) -> bool:
    return at.toggle(key="paper").value
