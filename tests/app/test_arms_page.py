"""The arms-transfers page through AppTest, inside the entrypoint: the global filters change the charts, the
main-supplier table and the deal list; the register's '?' stays visible; an empty selection says so."""

from __future__ import annotations

import json

from apphelp import run_page, texts


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def tiv_by_supplier(at) -> dict[str, float]:
    """Total TIV per trace (supplier group) of the yearly chart."""
    return {t["name"]: round(sum(t["y"]), 1) for t in charts(at)[0]["data"]}


def test_renders_both_charts_the_table_and_the_deals():
    at = run_page("arms.py")
    assert not at.exception and not at.error
    assert at.title[0].value == "Who arms the Turkic states?"
    figs = charts(at)
    assert [f["layout"]["yaxis"]["title"]["text"] for f in figs[:1]] == ["SIPRI TIV (millions)"]
    assert "not US dollars" in figs[0]["layout"]["title"]["subtitle"]["text"]
    assert {"Russia", "Turkey", "Other suppliers"} <= set(tiv_by_supplier(at))
    main, deals = at.dataframe[0].value, at.dataframe[1].value
    assert main["State"].tolist() == ["Azerbaijan", "Kazakhstan", "Kyrgyzstan", "Turkmenistan", "Uzbekistan"]
    assert deals["Ordered"].str.endswith("?").any() and deals["Number ordered"].str.endswith("?").any()
    assert not deals.isin(["None", "nan", "NaN"]).any().any()
    assert "trend\\-indicator value" in texts(at) and "not a price in US dollars" in texts(at)


def test_country_and_years_change_charts_table_and_deals():
    at = run_page("arms.py")
    everyone = tiv_by_supplier(at)
    at.multiselect(key="countries").set_value(["KGZ"]).run()
    kgz = tiv_by_supplier(at)
    assert kgz != everyone and sum(kgz.values()) < sum(everyone.values())
    assert at.dataframe[0].value["State"].tolist() == ["Kyrgyzstan"]
    assert set(at.dataframe[1].value["Recipient"]) == {"Kyrgyzstan"}
    at.slider(key="years").set_value((2021, 2025)).run()
    assert min(x for t in charts(at)[0]["data"] for x in t["x"]) >= 2021
    shares = charts(at)[1]
    assert {y for t in shares["data"] for y in t["y"]} == {"2021-2025"}
    assert at.dataframe[0].value["Turkey's rank in the years chosen"].tolist() == ["1 of 3"]


def test_empty_selection_says_so():
    at = run_page("arms.py", {"countries": [""]})
    assert not at.exception
    shown = texts(at)
    assert "No delivery of major arms to the selected states in these years is recorded" in json.dumps(charts(at))
    assert "No state selected: choose countries in the sidebar." in shown
    assert "No deal of the register matches this selection." in shown
