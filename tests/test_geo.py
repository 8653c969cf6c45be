"""Checks of the shipped country shapes (data/geo/countries.geojson).

No network: the file is read as shipped; the TopoJSON decoder of
scripts/build_geo.py is unit-tested on a tiny hand-made topology.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GEOJSON = REPO / "data" / "geo" / "countries.geojson"
BUILD_SCRIPT = REPO / "scripts" / "build_geo.py"

CORE_ISO3 = {
    "TUR", "AZE", "KAZ", "KGZ", "TKM", "UZB", "TJK", "MNG", "RUS",
    "CHN", "USA", "IRN", "ARM", "GEO", "HUN", "PAK", "AFG", "XNC",
}


def _load_build_module():
    spec = importlib.util.spec_from_file_location("build_geo", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def collection() -> dict:
    with GEOJSON.open(encoding="utf-8") as fh:
        return json.load(fh)


def _rings(feature: dict):
    geom = feature["geometry"]
    if geom["type"] == "Polygon":
        polygons = [geom["coordinates"]]
    elif geom["type"] == "MultiPolygon":
        polygons = geom["coordinates"]
    else:  # pragma: no cover - reported by the test below
        raise AssertionError(f"unexpected geometry type {geom['type']}")
    for polygon in polygons:
        assert polygon, "empty polygon"
        yield from polygon


def test_file_is_small():
    assert GEOJSON.stat().st_size < 1_000_000


def test_is_feature_collection(collection):
    assert collection["type"] == "FeatureCollection"
    assert isinstance(collection["features"], list) and collection["features"]
    meta = collection["metadata"]
    assert "world-atlas@" in meta["source"]
    assert "public domain" in meta["license"].lower()
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert set(feature["properties"]) == {"iso3", "name"}


def test_iso3_and_names(collection):
    codes = []
    for feature in collection["features"]:
        iso3 = feature["properties"]["iso3"]
        name = feature["properties"]["name"]
        assert isinstance(iso3, str) and len(iso3) == 3 and iso3.isalpha() and iso3.isupper(), iso3
        assert isinstance(name, str) and name.strip(), iso3
        codes.append(iso3)
    assert len(codes) == len(set(codes)), "duplicate iso3"
    assert CORE_ISO3 <= set(codes), sorted(CORE_ISO3 - set(codes))


def _user_assigned(code: str) -> bool:
    """ISO 3166-1 alpha-3 user-assigned ranges: AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ."""
    return code[:2] == "AA" or code[:2] == "ZZ" or code[0] == "X" or (code[0] == "Q" and code[1] >= "M")


def test_features_without_iso_code(collection):
    """Natural Earth -99 features are emitted only under a documented user-assigned code (Northern Cyprus as
    XNC); every other code comes from the ISO numeric table, and Siachen Glacier is still dropped."""
    build = _load_build_module()
    iso = {code for code, _ in build.ISO_NUMERIC.values()}
    assigned = {code: name for code, name in build.USER_ASSIGNED.values()}
    assert assigned == {"XNC": "Northern Cyprus"}
    assert all(_user_assigned(code) and code not in iso for code in assigned)
    names = {f["properties"]["iso3"]: f["properties"]["name"] for f in collection["features"]}
    assert set(names) <= iso | set(assigned)
    assert names["XNC"] == "Northern Cyprus" and "CYP" in names  # the whole island, split on the de facto line
    meta = collection["metadata"]
    assert set(meta["user_assigned_codes"]) == set(assigned)
    assert meta["dropped"] == ["Siachen Glacier: no ISO numeric id (Natural Earth -99)"]
    geoms = [{"type": "Polygon", "arcs": [], "properties": {"name": "N. Cyprus"}},
             {"type": "Polygon", "arcs": [], "id": "-99", "properties": {"name": "Kosovo"}},
             {"type": "Polygon", "arcs": [], "id": "196", "properties": {"name": "N. Cyprus"}}]
    assert [build.feature_code(g) for g in geoms] == [("XNC", "Northern Cyprus"), (None, None), ("CYP", "Cyprus")]


def test_rings_valid(collection):
    for feature in collection["features"]:
        iso3 = feature["properties"]["iso3"]
        for ring in _rings(feature):
            assert len(ring) >= 4, iso3
            assert ring[0] == ring[-1], f"{iso3}: ring not closed"
            lons = [p[0] for p in ring]
            lats = [p[1] for p in ring]
            assert all(len(p) == 2 for p in ring), iso3
            assert all(-180 <= x < 360 for x in lons), iso3
            assert all(-90 <= y <= 90 for y in lats), iso3
            assert max(lons) - min(lons) <= 180, f"{iso3}: ring spans > 180 deg of longitude"


def test_decode_tiny_topology():
    build = _load_build_module()
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [-10, 20]},
        "arcs": [
            [[0, 0], [2, 0], [0, 4]],      # (0,0) (2,0) (2,4) quantized
            [[2, 4], [-2, 0], [0, -4]],    # (2,4) (0,4) (0,0)
            [[4, 4], [2, 0], [0, 2], [-2, -2]],  # closed triangle
        ],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "001", "arcs": [[0, 1]]},
            {"type": "Polygon", "id": "002", "arcs": [[~1, ~0]]},
            {"type": "MultiPolygon", "id": "003", "arcs": [[[2]], [[0, 1]]]},
        ]}},
    }
    arcs = build.decode_arcs(topology)
    assert arcs[0] == [(-10.0, 20.0), (-9.0, 20.0), (-9.0, 21.0)]
    assert arcs[1] == [(-9.0, 21.0), (-10.0, 21.0), (-10.0, 20.0)]
    assert arcs[2] == [(-8.0, 21.0), (-7.0, 21.0), (-7.0, 21.5), (-8.0, 21.0)]

    # forward arcs: shared endpoints are not duplicated, ring is closed
    ring = build.ring_from_arcs([0, 1], arcs)
    assert ring == [(-10.0, 20.0), (-9.0, 20.0), (-9.0, 21.0), (-10.0, 21.0), (-10.0, 20.0)]
    # reversed arcs (~i) walk the same ring backwards
    assert build.ring_from_arcs([~1, ~0], arcs) == ring[::-1]

    feats = build.topology_to_geojson(topology, "countries")
    assert [f["geometry"]["type"] for f in feats] == ["Polygon", "Polygon", "MultiPolygon"]
    assert feats[2]["geometry"]["coordinates"][0][0][0] == [-8.0, 21.0]

    # shared arcs make neighbours
    geoms = topology["objects"]["countries"]["geometries"]
    nb = build.neighbours_by_shared_arcs(geoms)
    assert nb[0] == {1, 2} and nb[1] == {0, 2}


def test_decode_unquantized_topology():
    build = _load_build_module()
    topology = {"type": "Topology", "arcs": [[[1.5, 2.5], [3.0, 4.0]]], "objects": {}}
    assert build.decode_arcs(topology) == [[(1.5, 2.5), (3.0, 4.0)]]


def test_antimeridian_unwrap_and_simplify():
    build = _load_build_module()
    arc = [(179.5, 65.0), (-179.5, 65.5), (-170.0, 66.0), (179.0, 66.5)]
    assert build.unwrap_arc(arc) == [(179.5, 65.0), (180.5, 65.5), (190.0, 66.0), (179.0, 66.5)]
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 1.0)]
    assert build.douglas_peucker(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0)]
