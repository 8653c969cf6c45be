"""The overview's developments since the paper: every one is a dated public event from 2021 on, in the data, and
the list follows the filters."""

from __future__ import annotations

from datetime import date

import pytest

from turan import filters, load, overview
from turan.filters import Filters
from turan.views import overview as views

BOUNDS = (1991, 2026)
TURKIC = ("AZE", "KAZ", "KGZ", "TKM", "UZB")


@pytest.fixture(scope="module")
def bundle():
    return load.load()


def test_every_development_is_a_public_event_since_the_paper(bundle):
    events = bundle.events.set_index("event_id")
    ids = [event_id for event_id, _ in overview.SINCE_THE_PAPER]
    assert len(ids) == len(set(ids)) >= 5
    for event_id, why in overview.SINCE_THE_PAPER:
        row = events.loc[event_id]
        assert row["evidence"] == "public" and row["date_first"].year >= 2021, event_id
        assert why.endswith(".") and len(why) < 220, event_id  # one or two short sentences, on a card


def test_the_list_follows_the_countries_the_years_and_the_record(bundle):
    offered, _ = filters.partners(bundle.countries)
    every = overview.since_paper(bundle, Filters.make(offered, BOUNDS, BOUNDS), offered)
    assert [d.event_id for d in every] == sorted((d.event_id for d in every),
                                                 key=lambda i: bundle.events.set_index("event_id").loc[i, "date_first"])
    assert {d.event_id for d in every} == {event_id for event_id, _ in overview.SINCE_THE_PAPER}
    default = overview.since_paper(bundle, Filters.make(TURKIC, BOUNDS, BOUNDS), offered)
    assert "arm_csto_freeze_statement_2024_02" not in {d.event_id for d in default}  # Armenia is not selected
    years = overview.since_paper(bundle, Filters.make(TURKIC, (2022, 2022), BOUNDS), offered)
    assert [d.event_id for d in years] == ["kaz_csto_arrival_2022_01"]
    assert not overview.since_paper(bundle, Filters.make(TURKIC, BOUNDS, BOUNDS, "paper"), offered)


def test_each_development_links_to_its_year_and_countries_on_the_timeline(bundle):
    since = views.since_paper(bundle, Filters.make(TURKIC, BOUNDS, BOUNDS), date(2026, 12, 4)).items
    shusha = next(s for s in since if s.development.event_id == "aze_shusha_declaration_2021_06")
    assert (shusha.countries, shusha.years) == (("AZE",), (2021, 2021))
    assert shusha.development.date == "15 June 2021" and shusha.source.startswith("Report.az")
    treaty = next(s for s in since if s.development.event_id == "cca_astana_treaty_2025_06")
    assert treaty.countries == ("KAZ", "KGZ", "TKM", "UZB", "TJK")  # the sidebar's order
