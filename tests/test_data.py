"""Facts the dataset must keep: the paper's figures, the required codes, consistent containment."""

import json
from collections import Counter

import pandas as pd
import pytest
from datahelp import DATA

from turan.load import load

CORE = "TUR AZE KAZ KGZ TKM UZB TJK MNG RUS CHN USA IRN ARM GEO HUN PAK AFG".split()
ORGS = "NATO PFP CSTO SCO CIS EAEU OTS TAKM ECO FIEP GUAM".split()


@pytest.fixture(scope="module")
def bundle():
    return load(DATA)


def test_required_countries_and_groups(bundle):
    groups = dict(zip(bundle.countries["iso3"], bundle.countries["group"]))
    assert set(CORE) <= set(groups)
    assert {c for c, g in groups.items() if g == "rival_power"} == {"RUS", "CHN", "USA", "IRN"}
    assert {c for c, g in groups.items() if g == "turkic_state"} == {"TUR", "AZE", "KAZ", "KGZ", "TKM", "UZB"}


def _inside(lon: float, lat: float, ring: list) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def test_label_points_lie_inside_their_shapes(bundle):
    shapes = {f["properties"]["iso3"]: f["geometry"] for f in
              json.loads((DATA / "geo" / "countries.geojson").read_text(encoding="utf-8"))["features"]}
    for row in bundle.countries.itertuples():
        geometry = shapes[row.iso3]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        assert any(_inside(row.lon, row.lat, polygon[0]) for polygon in polygons), row.iso3


def test_required_organisations(bundle):
    assert set(ORGS) == set(bundle.organisations["org_id"])
    clauses = dict(zip(bundle.organisations["org_id"], bundle.organisations["defence_clause"]))
    assert {o for o, c in clauses.items() if c == "yes"} == {"NATO", "CSTO"}


def test_every_military_aid_figure_of_the_paper(bundle):
    amounts = Counter(bundle.aid["amount_usd"].dropna().tolist())
    assert amounts == Counter([10e6, 1.5e6, 1.3e6, 1e6, 1.5e6, 3.5e6, 0.8e6, 0.65e6, 2e6, 1e6, 1.2e6, 0.61e6, 3.3e6])
    assert set(bundle.aid["donor_iso3"]) == {"TUR"}


def test_tranches_fit_inside_their_totals(bundle):
    aid = bundle.aid.set_index("aid_id")
    for total_id, tranches in aid.dropna(subset=["part_of"]).groupby("part_of"):
        total = aid.loc[total_id]
        assert (tranches["recipient_iso3"] == total["recipient_iso3"]).all()
        assert tranches["amount_usd"].sum() <= total["amount_usd"]


def test_membership_facts_the_pages_rely_on(bundle):
    m = bundle.memberships
    uzb_csto = m[(m["org_id"] == "CSTO") & (m["iso3"] == "UZB")].sort_values("start")
    assert uzb_csto[["start", "end"]].values.tolist() == [["1992-05-15", "1999-04-20"], ["2006-08-16", "2012-12-19"]]
    assert m[(m["org_id"] == "NATO") & (m["iso3"] == "TUR")]["start"].tolist() == ["1952-02-18"]
    assert not ((m["iso3"] == "TKM") & m["org_id"].isin(["CSTO", "NATO", "SCO"]) & (m["role"] == "member")).any()


def test_events_cover_the_paper(bundle):
    events = bundle.events
    assert len(events) >= 30
    assert {"agreement", "protocol", "visit", "exercise", "organisation", "industry"} <= set(events["kind"])
    assert events.loc[events["event_id"] == "kaz_almaty_agreement_1993", "date"].item() == "1993-02-23"
    undated = events[events["date"].isna()]
    assert undated["date_note"].notna().all()


def test_every_row_has_a_known_source(bundle):
    known = set(bundle.sources["source_id"])
    for name in ("countries", "organisations", "memberships", "aid", "events"):
        frame: pd.DataFrame = getattr(bundle, name)
        assert frame["source_id"].isin(known).all(), name
