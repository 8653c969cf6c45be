"""The paper-checked page through AppTest, inside the entrypoint: every filter (the sidebar's countries, the page's
verdict, kind, section, search and partner toggle) changes the chart and the table; one claim opens with its links;
a judgement's button opens the timeline on the events it rests on; the aid page and the timeline carry the marks."""

from __future__ import annotations

import json

from apphelp import run_page, texts

from turan import claims, load


def chart(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def counted(at) -> dict[str, int]:
    """Claims per verdict label in the chart."""
    return {t["name"]: sum(t["x"]) for t in chart(at)["data"]}


def table(at):
    return at.dataframe[0].value


def test_renders_chart_table_detail_and_outlook():
    at = run_page("claims.py")
    assert not at.exception and not at.error
    assert at.title[0].value == "Does the paper hold up?"
    shown = table(at)
    assert sum(counted(at).values()) == len(shown) > 80
    assert {"Confirmed", "Contradicted", "Holds so far"} <= set(counted(at))
    assert not shown.drop(columns=["Footnote", "Evidence", "Note", "Link", "Countries"]).isna().any().any()
    assert not shown.isin(["None", "nan", "NaN"]).any().any()
    assert any(b.label == "Download these claims (CSV)" for b in at.get("download_button"))
    assert "The paper's forecasts and judgements, five years on" in texts(at)
    assert [b for b in at.button if b.key and b.key.startswith("claims_open_")]  # judgements link to the timeline
    card = next(m.value for m in at.markdown if m.value.startswith("- ["))  # the chosen claim's sources, as links
    assert "](http" in card


def test_the_page_filters_change_chart_and_table():
    at = run_page("claims.py")
    everything = len(table(at))
    at.multiselect(key="claims_verdicts").set_value(["contradicted"]).run()
    assert set(table(at)["Verdict"]) == {"Contradicted"} and list(counted(at)) == ["Contradicted"]
    assert 0 < len(table(at)) < everything
    at.multiselect(key="claims_verdicts").set_value([]).run()
    at.multiselect(key="claims_kinds").set_value(["citation"]).run()
    assert set(table(at)["Kind"]) == {"Footnote"} and table(at)["Footnote"].notna().all()
    at.multiselect(key="claims_kinds").set_value([]).run()
    at.multiselect(key="claims_sections").set_value(["kyrgyzstan"]).run()
    assert set(table(at)["Section"]) == {"Cooperation: Kyrgyzstan"}
    assert [t["y"] for t in chart(at)["data"]] and all(set(t["y"]) == {"Cooperation: Kyrgyzstan"}
                                                       for t in chart(at)["data"])
    at.multiselect(key="claims_sections").set_value([]).run()
    at.text_input(key="claims_search").set_value("Hovsepyan").run()
    found = table(at)
    assert 0 < len(found) < everything
    assert (found["Claim"] + found["Evidence"].fillna("") + found["Note"].fillna("") + found["Evidence sources"]
            ).str.contains("Hovsepyan", case=False).all()
    at.text_input(key="claims_search").set_value("no such words anywhere").run()
    assert "No claim of the paper matches this selection." in texts(at)
    assert not at.exception


def test_the_sidebar_countries_and_the_partner_toggle_apply():
    at = run_page("claims.py")
    everything = len(table(at))
    at.multiselect(key="countries").set_value(["UZB"]).run()
    with_general = len(table(at))
    at.toggle(key="claims_general").set_value(False).run()
    only = table(at)
    assert 0 < len(only) < with_general < everything
    assert only["Countries"].str.contains("Uzbekistan").all()
    assert "claims about Uzbekistan" in chart(at)["layout"]["title"]["subtitle"]["text"]


def test_one_claim_opens_with_its_verdict_footnote_and_sources():
    bundle = load.load(load.data_dir())
    row = bundle.claims[bundle.claims["claim_id"] == "uzb_cgs_visit_2002_1_2m"]
    at = run_page("claims.py")
    claim_id = row["claim_id"].iloc[0] if len(row) else table(at)["Claim id"].iloc[5]
    at.selectbox(key="claims_shown").set_value(claim_id).run()
    chosen = bundle.claims.set_index("claim_id").loc[claim_id]
    shown = texts(at)
    assert claims.VERDICT_LABELS[chosen["verdict"]] in shown
    assert "Rests on: Biró 2021" in shown


def test_a_judgements_button_opens_the_timeline_on_its_events_and_show_all_returns():
    at = run_page("claims.py")
    key = next(b.key for b in at.button if b.key and b.key.startswith("claims_open_"))
    claim_id = key.removeprefix("claims_open_")
    bundle = load.load(load.data_dir())
    wanted = set(bundle.claims.set_index("claim_id").loc[claim_id, "later_events"])
    at.button(key=key).click().run()
    assert not at.exception
    assert at.title[0].value == "Agreement timeline"
    assert at.toggle(key="paper").value is False
    drawn = {i for t in chart(at)["data"] if t.get("customdata") for ids in t["customdata"] for i in ids.split(";")}
    undated = set(bundle.events.loc[bundle.events["date"].isna(), "event_id"])
    assert drawn == wanted - undated and drawn
    dated = bundle.events[bundle.events["event_id"].isin(wanted - undated)]["date_first"].dt.year
    assert at.slider(key="years").value == (dated.min(), dated.max())  # the years the events span
    assert len(at.dataframe[0].value) == len(wanted - undated)  # undated ones are listed only for the whole period
    assert "Showing only the" in texts(at) and "that the verdict on" in texts(at)
    at.button(key="timeline_unfocus").click().run()
    assert "Showing only the" not in texts(at)
    assert len(at.dataframe[0].value) > len(wanted)


def test_the_aid_page_and_the_timeline_carry_the_checks_marks():
    at = run_page("aid.py", {"countries": ["Uzbekistan"]})
    ledger = at.dataframe[0].value
    assert ledger["Check"].dropna().str.startswith("Checked: ").any()
    hovers = [h for t in json.loads(at.get("plotly_chart")[1].proto.spec)["data"] for h in t.get("hovertext") or []]
    assert any(claims.MARK in h and "Checked: " in h for h in hovers)
    at = run_page("timeline.py", {"countries": ["Kyrgyzstan"], "years": ["1991", "2010"]})
    flags = [t for t in chart(at)["data"] if t.get("name") == "The check found a problem"]
    assert flags and set(flags[0]["text"]) == {claims.MARK}
    assert at.dataframe[0].value["check"].dropna().str.startswith("Checked: ").any()
