#!/usr/bin/env python3
"""Build ``data/geo/countries.geojson`` from Natural Earth (npm ``world-atlas``).

Pure Python standard library; the only external tool is ``npm`` (used to
download the pinned ``world-atlas`` tarball from the npm registry), and even
that is skipped when ``--topojson PATH`` points at an existing file.

Pipeline
--------
1. Get ``countries-<res>.json`` (TopoJSON) from ``world-atlas@WORLD_ATLAS_VERSION``
   via ``npm pack`` into a temporary directory (or read ``--topojson``).
2. Decode the quantized, delta-encoded arcs into absolute lon/lat.
3. Select the core countries, every country sharing a topology arc (= a land
   border) with one of them, and the Caspian / Black Sea littoral states.
   Features without an ISO code (Natural Earth -99) are dropped unless
   USER_ASSIGNED gives them a code from the ISO 3166-1 user-assigned range
   (only XNC, Northern Cyprus).
4. Simplify every *arc* with Douglas-Peucker (endpoints fixed, so borders
   shared by two countries stay identical), round to 3 decimals.
5. Assemble rings, fix the antimeridian, drop degenerate rings and tiny
   islands (never a whole country), write a deterministic GeoJSON file.

Run from the repository root::

    python scripts/build_geo.py                 # npm pack world-atlas@2.0.2
    python scripts/build_geo.py --topojson path/to/countries-50m.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

# --------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------

#: Exact npm package version used (world-atlas 2.0.2 = Natural Earth 4.1.0).
WORLD_ATLAS_PACKAGE = "world-atlas"
WORLD_ATLAS_VERSION = "2.0.2"
DEFAULT_RESOLUTION = "50m"

#: Douglas-Peucker tolerance in degrees (applied per topology arc).
SIMPLIFY_TOLERANCE_DEG = 0.02
#: Output coordinate precision (decimal places, ~110 m at 3).
COORD_DECIMALS = 3
#: Rings (islands, holes) smaller than this planar area in square degrees are
#: dropped -- unless that would remove a country's last polygon.
MIN_RING_AREA_DEG2 = 0.01
#: Within a feature that has a ring crossing the antimeridian, rings lying
#: entirely west of this longitude are shifted by +360 as well.
ANTIMERIDIAN_WEST_LON = -169.0

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "data" / "geo" / "countries.geojson"

#: The dashboard's own countries (data/countries.csv): ISO 3166-1 alpha-3,
#: plus XNC, a user-assigned code (see USER_ASSIGNED below).
CORE_ISO3 = (
    "TUR", "AZE", "KAZ", "KGZ", "TKM", "UZB", "TJK", "MNG", "RUS",
    "CHN", "USA", "IRN", "ARM", "GEO", "HUN", "PAK", "AFG", "XNC",
)
#: Caspian Sea and Black Sea littoral states (always included).
CASPIAN_LITTORAL = ("AZE", "IRN", "KAZ", "RUS", "TKM")
BLACK_SEA_LITTORAL = ("BGR", "GEO", "ROU", "RUS", "TUR", "UKR")

#: ISO 3166-1 numeric (as used in world-atlas ``id``, zero padded) ->
#: (alpha-3, English short name).  It must cover every id that is kept; a
#: selected feature whose id is missing here is dropped with a warning.
ISO_NUMERIC = {
    "004": ("AFG", "Afghanistan"),
    "031": ("AZE", "Azerbaijan"),
    "040": ("AUT", "Austria"),
    "051": ("ARM", "Armenia"),
    "064": ("BTN", "Bhutan"),
    "100": ("BGR", "Bulgaria"),
    "104": ("MMR", "Myanmar"),
    "112": ("BLR", "Belarus"),
    "124": ("CAN", "Canada"),
    "156": ("CHN", "China"),
    "191": ("HRV", "Croatia"),
    "196": ("CYP", "Cyprus"),
    "233": ("EST", "Estonia"),
    "246": ("FIN", "Finland"),
    "268": ("GEO", "Georgia"),
    "300": ("GRC", "Greece"),
    "344": ("HKG", "Hong Kong"),
    "348": ("HUN", "Hungary"),
    "356": ("IND", "India"),
    "364": ("IRN", "Iran"),
    "368": ("IRQ", "Iraq"),
    "398": ("KAZ", "Kazakhstan"),
    "408": ("PRK", "North Korea"),
    "417": ("KGZ", "Kyrgyzstan"),
    "418": ("LAO", "Laos"),
    "428": ("LVA", "Latvia"),
    "440": ("LTU", "Lithuania"),
    "446": ("MAC", "Macao"),
    "484": ("MEX", "Mexico"),
    "496": ("MNG", "Mongolia"),
    "524": ("NPL", "Nepal"),
    "578": ("NOR", "Norway"),
    "586": ("PAK", "Pakistan"),
    "616": ("POL", "Poland"),
    "642": ("ROU", "Romania"),
    "643": ("RUS", "Russia"),
    "688": ("SRB", "Serbia"),
    "703": ("SVK", "Slovakia"),
    "704": ("VNM", "Vietnam"),
    "705": ("SVN", "Slovenia"),
    "760": ("SYR", "Syria"),
    "762": ("TJK", "Tajikistan"),
    "792": ("TUR", "Türkiye"),
    "795": ("TKM", "Turkmenistan"),
    "804": ("UKR", "Ukraine"),
    "840": ("USA", "United States"),
    "860": ("UZB", "Uzbekistan"),
}

#: Natural Earth features without an ISO numeric code ("-99" in the source;
#: world-atlas omits ``id`` for them).  Deliberate choice: they are not
#: emitted (no made-up codes) unless data/countries.csv names them with a
#: documented code from the ISO 3166-1 user-assigned range (USER_ASSIGNED
#: below).  Any other selected one (e.g. Siachen Glacier, which borders CHN
#: and PAK) is dropped with a printed warning and listed in the output
#: metadata; its area is left uncovered on the map.
NO_ID_POLICY = "drop-with-warning unless USER_ASSIGNED"

#: Natural Earth name of a feature without an ISO numeric code -> (alpha-3,
#: English short name) for the entities the dataset itself names.  ISO 3166-1
#: reserves the alpha-3 codes AAA-AAZ, QMA-QZZ, XAA-XZZ and ZZA-ZZZ for user
#: assignment; they are never given to a country, so a code from that range
#: cannot clash with a real one.  Matched by name only for features with no
#: ``id``; a name missing from the source is an error, not a silent drop.
#:   XNC  Northern Cyprus ("N. Cyprus" in Natural Earth): observer of the
#:        Organization of Turkic States since the Samarkand summit of
#:        11 November 2022 (data/memberships.csv); no ISO 3166-1 code.
USER_ASSIGNED = {
    "N. Cyprus": ("XNC", "Northern Cyprus"),
}


def _warn(msg: str) -> None:
    print(f"WARNING: {msg}", file=sys.stderr)


# --------------------------------------------------------------------------
# Source acquisition
# --------------------------------------------------------------------------

def fetch_world_atlas(version: str, resolution: str, workdir: Path) -> tuple[bytes, str]:
    """``npm pack`` world-atlas@version into *workdir*; return (file bytes, version)."""
    spec = f"{WORLD_ATLAS_PACKAGE}@{version}"
    print(f"npm pack {spec} ...", file=sys.stderr)
    proc = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(workdir)],
        cwd=workdir, check=True, capture_output=True, text=True,
    )
    tarballs = sorted(workdir.glob("*.tgz"))
    if len(tarballs) != 1:
        raise SystemExit(f"expected one tarball from npm pack, got {tarballs}: {proc.stdout}")
    member = f"package/countries-{resolution}.json"
    with tarfile.open(tarballs[0], "r:gz") as tar:
        pkg = json.load(tar.extractfile("package/package.json"))
        if pkg.get("name") != WORLD_ATLAS_PACKAGE or pkg.get("version") != version:
            raise SystemExit(f"unexpected package {pkg.get('name')}@{pkg.get('version')}")
        fh = tar.extractfile(member)
        if fh is None:
            raise SystemExit(f"{member} not found in {tarballs[0].name}")
        return fh.read(), pkg["version"]


def local_source_version(path: Path) -> str:
    """Version of a world-atlas package.json next to *path*, else 'unknown'."""
    for cand in (path.parent / "package.json", path.parent.parent / "package.json"):
        try:
            pkg = json.loads(cand.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if pkg.get("name") == WORLD_ATLAS_PACKAGE and pkg.get("version"):
            return str(pkg["version"])
    return "unknown"


# --------------------------------------------------------------------------
# TopoJSON decoding
# --------------------------------------------------------------------------

def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode ``topology["arcs"]`` into absolute ``[(lon, lat), ...]`` lists.

    Quantized topologies (with ``transform``) store each arc's first position
    as absolute quantized integers and every following one as a delta from
    the previous position; positions are then mapped with
    ``x * scale + translate``.  Without ``transform`` positions are absolute.
    """
    transform = topology.get("transform")
    out: list[list[tuple[float, float]]] = []
    if transform is None:
        for arc in topology["arcs"]:
            out.append([(float(p[0]), float(p[1])) for p in arc])
        return out
    sx, sy = transform["scale"]
    tx, ty = transform["translate"]
    for arc in topology["arcs"]:
        x = y = 0
        pts = []
        for pos in arc:
            x += pos[0]
            y += pos[1]
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def arc_index(i: int) -> int:
    """Arc index referenced by *i* (negative means reversed: ``~i``)."""
    return i if i >= 0 else ~i


def ring_from_arcs(refs: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Concatenate arcs into a ring; each arc after the first drops its first
    position (it equals the previous arc's last one)."""
    ring: list[tuple[float, float]] = []
    for i in refs:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(pts if not ring else pts[1:])
    return ring


def geometry_polygons(geom: dict) -> list[list[list[int]]]:
    """Arc references of a Polygon / MultiPolygon as a list of polygons."""
    if geom.get("type") == "Polygon":
        return [geom["arcs"]]
    if geom.get("type") == "MultiPolygon":
        return list(geom["arcs"])
    return []


def topology_to_geojson(topology: dict, object_name: str) -> list[dict]:
    """Plain (unsimplified) TopoJSON -> GeoJSON feature list (for checks/tests)."""
    arcs = decode_arcs(topology)
    feats = []
    for geom in topology["objects"][object_name]["geometries"]:
        polys = [[[list(p) for p in ring_from_arcs(r, arcs)] for r in poly]
                 for poly in geometry_polygons(geom)]
        if not polys:
            continue
        g = ({"type": "Polygon", "coordinates": polys[0]} if geom["type"] == "Polygon"
             else {"type": "MultiPolygon", "coordinates": polys})
        feats.append({"type": "Feature", "id": geom.get("id"),
                      "properties": dict(geom.get("properties") or {}), "geometry": g})
    return feats


# --------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------

def unwrap_arc(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """If an arc jumps across the antimeridian (|dlon| > 180 between two
    consecutive positions), move its western-hemisphere part by +360."""
    if any(abs(b[0] - a[0]) > 180 for a, b in zip(pts, pts[1:])):
        return [(x + 360.0 if x < 0 else x, y) for x, y in pts]
    return pts


def _seg_dist2(p, a, b) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    px, py = p[0] - ax, p[1] - ay
    den = dx * dx + dy * dy
    if den == 0.0:
        return px * px + py * py
    t = max(0.0, min(1.0, (px * dx + py * dy) / den))
    ex, ey = px - t * dx, py - t * dy
    return ex * ex + ey * ey


def douglas_peucker(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker (iterative); first and last positions are always kept."""
    n = len(pts)
    if n <= 2 or tol <= 0:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    tol2 = tol * tol
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        a, b = pts[i], pts[j]
        best, best_k = -1.0, -1
        for k in range(i + 1, j):
            d = _seg_dist2(pts[k], a, b)
            if d > best:
                best, best_k = d, k
        if best > tol2:
            keep[best_k] = True
            stack.append((i, best_k))
            stack.append((best_k, j))
    return [p for p, k in zip(pts, keep) if k]


def round_points(pts, decimals: int) -> list[tuple[float, float]]:
    """Round and drop consecutive duplicates (endpoints preserved)."""
    out: list[tuple[float, float]] = []
    for x, y in pts:
        q = (round(x, decimals) + 0.0, round(y, decimals) + 0.0)
        if not out or q != out[-1]:
            out.append(q)
    return out


def ring_area(ring) -> float:
    """Unsigned planar (shoelace) area in square degrees."""
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return abs(s) / 2.0


def lon_span(ring) -> float:
    xs = [p[0] for p in ring]
    return max(xs) - min(xs)


def shift_ring_east(ring, decimals: int):
    return [(round(x + 360.0, decimals) + 0.0 if x < 0 else x, y) for x, y in ring]


def clean_ring(ring) -> list[tuple[float, float]]:
    """Remove consecutive duplicates and make sure the ring is closed."""
    out: list[tuple[float, float]] = []
    for p in ring:
        if not out or p != out[-1]:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


# --------------------------------------------------------------------------
# Selection
# --------------------------------------------------------------------------

def no_iso_id(geom: dict) -> bool:
    """True for a feature without an ISO numeric code (Natural Earth -99)."""
    return geom.get("id") in (None, "", "-99", -99)


def feature_code(geom: dict) -> tuple[str, str] | tuple[None, None]:
    """(alpha-3, name) of a topology geometry: from ISO_NUMERIC by its id, or,
    for a feature without an id, from USER_ASSIGNED by its Natural Earth name;
    (None, None) when neither table has it."""
    if no_iso_id(geom):
        return USER_ASSIGNED.get((geom.get("properties") or {}).get("name"), (None, None))
    return ISO_NUMERIC.get(str(geom["id"]).zfill(3), (None, None))


def neighbours_by_shared_arcs(geoms: list[dict]) -> dict[int, set[int]]:
    """Geometry index -> indices of geometries that share at least one arc."""
    users: dict[int, set[int]] = {}
    for gi, geom in enumerate(geoms):
        for poly in geometry_polygons(geom):
            for ring in poly:
                for ref in ring:
                    users.setdefault(arc_index(ref), set()).add(gi)
    nb: dict[int, set[int]] = {gi: set() for gi in range(len(geoms))}
    for owners in users.values():
        for gi in owners:
            nb[gi] |= owners - {gi}
    return nb


def select_geometries(geoms: list[dict]) -> tuple[list[int], list[str]]:
    """Indices of geometries to keep, plus human-readable notes of drops."""
    notes: list[str] = []
    iso_of: dict[int, str | None] = {}
    for gi, geom in enumerate(geoms):
        iso_of[gi] = feature_code(geom)[0]
    found = {(geom.get("properties") or {}).get("name") for gi, geom in enumerate(geoms)
             if iso_of[gi] and no_iso_id(geom)}
    absent = sorted(set(USER_ASSIGNED) - found)
    if absent:
        raise SystemExit(f"user-assigned features missing from source: {absent}")

    by_iso: dict[str, list[int]] = {}
    for gi, iso in iso_of.items():
        if iso:
            by_iso.setdefault(iso, []).append(gi)
    core = [gi for iso in CORE_ISO3 for gi in by_iso.get(iso, [])]
    missing = [iso for iso in CORE_ISO3 if iso not in by_iso]
    if missing:
        raise SystemExit(f"core countries missing from source: {missing}")

    nb = neighbours_by_shared_arcs(geoms)
    wanted = set(core)
    for gi in core:
        wanted |= nb[gi]
    for iso in CASPIAN_LITTORAL + BLACK_SEA_LITTORAL:
        if iso not in by_iso:
            raise SystemExit(f"littoral state {iso} missing from source")
        wanted |= set(by_iso[iso])

    keep = []
    for gi in sorted(wanted):
        geom = geoms[gi]
        name = (geom.get("properties") or {}).get("name", "?")
        if iso_of[gi] is None:
            gid = geom.get("id")
            why = "no ISO numeric id (Natural Earth -99)" if no_iso_id(geom) \
                else f"id {gid!r} not in ISO_NUMERIC table"
            msg = f"dropping {name!r}: {why}"
            _warn(msg)
            notes.append(f"{name}: {why}")
            continue
        keep.append(gi)
    return keep, notes


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------

def build_features(topology: dict, tol: float, decimals: int, min_area: float,
                   object_name: str = "countries") -> tuple[list[dict], list[str]]:
    geoms = topology["objects"][object_name]["geometries"]
    keep, notes = select_geometries(geoms)

    raw_arcs = decode_arcs(topology)
    needed = sorted({arc_index(ref) for gi in keep
                     for poly in geometry_polygons(geoms[gi]) for ring in poly for ref in ring})
    arcs: dict[int, list[tuple[float, float]]] = {}
    for ai in needed:
        pts = douglas_peucker(unwrap_arc(raw_arcs[ai]), tol)
        arcs[ai] = round_points(pts, decimals)

    def ring(refs, source=arcs):
        out: list[tuple[float, float]] = []
        for r in refs:
            pts = source[r] if r >= 0 else source[~r][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    def unsimplified_ring(refs):
        full = {arc_index(r): round_points(unwrap_arc(raw_arcs[arc_index(r)]), decimals)
                for r in refs}
        return ring(refs, full)

    merged: dict[str, list[list[list[tuple[float, float]]]]] = {}
    unsimplified: dict[str, list[list[tuple[float, float]]]] = {}
    for gi in keep:
        geom = geoms[gi]
        iso3 = feature_code(geom)[0]
        polys = [[ring(r) for r in poly] for poly in geometry_polygons(geom)]
        merged.setdefault(iso3, []).extend(polys)  # duplicate ids -> one feature
        unsimplified.setdefault(iso3, []).extend(
            unsimplified_ring(poly[0]) for poly in geometry_polygons(geom))

    iso_name = {iso: name for iso, name in (*ISO_NUMERIC.values(), *USER_ASSIGNED.values())}
    features = []
    for iso3 in sorted(merged):
        polys = merged[iso3]
        # -- antimeridian: rings spanning > 180 deg move their western part
        #    east by +360; then, in such a feature, rings lying entirely west
        #    of ANTIMERIDIAN_WEST_LON follow them (nothing is dropped).
        crossed = False
        for poly in polys:
            for k, r in enumerate(poly):
                if r and lon_span(r) > 180:
                    poly[k] = shift_ring_east(r, decimals)
                    crossed = True
        if crossed:
            for poly in polys:
                for k, r in enumerate(poly):
                    if r and max(p[0] for p in r) < ANTIMERIDIAN_WEST_LON:
                        poly[k] = shift_ring_east(r, decimals)
        # -- clean, drop degenerate rings / tiny islands and holes
        out_polys = []
        for poly in polys:
            rings = [clean_ring(r) for r in poly]
            ext = rings[0]
            if len(ext) < 4 or ring_area(ext) < min_area:
                continue
            holes = [h for h in rings[1:] if len(h) >= 4 and ring_area(h) >= min_area]
            out_polys.append([ext] + holes)
        if not out_polys:
            # never drop a whole country: keep its largest exterior ring,
            # unsimplified (only rounded) so that it cannot degenerate
            cands = [clean_ring(r) for r in unsimplified[iso3]]
            cands = [c for c in cands if len(c) >= 4 and lon_span(c) <= 180]
            if not cands:
                raise SystemExit(f"{iso3}: no valid ring left")
            out_polys = [[max(cands, key=ring_area)]]
            _warn(f"{iso3}: every ring is degenerate or below the area threshold; "
                  "kept its largest ring unsimplified")
        for poly in out_polys:
            for r in poly:
                if lon_span(r) > 180:
                    raise SystemExit(f"{iso3}: ring still spans > 180 deg of longitude")
        # largest polygons first, stable and deterministic
        out_polys.sort(key=lambda p: (-ring_area(p[0]), p[0][0]))
        coords = [[[[x, y] for x, y in r] for r in p] for p in out_polys]
        geometry = ({"type": "Polygon", "coordinates": coords[0]} if len(coords) == 1
                    else {"type": "MultiPolygon", "coordinates": coords})
        features.append({"type": "Feature",
                         "properties": {"iso3": iso3, "name": iso_name[iso3]},
                         "geometry": geometry})
    return features, notes


def _fmt_num(v: float) -> str:
    s = repr(float(v))
    return s[:-2] if s.endswith(".0") else s


def _dump_geometry(g: dict) -> str:
    def ring(r):
        return "[" + ",".join(f"[{_fmt_num(x)},{_fmt_num(y)}]" for x, y in r) + "]"
    if g["type"] == "Polygon":
        c = "[" + ",".join(ring(r) for r in g["coordinates"]) + "]"
    else:
        c = "[" + ",".join("[" + ",".join(ring(r) for r in p) + "]" for p in g["coordinates"]) + "]"
    return '{"type":' + json.dumps(g["type"]) + ',"coordinates":' + c + "}"


def dump_geojson(features: list[dict], metadata: dict) -> str:
    """Deterministic serialisation: one feature per line, compact numbers."""
    lines = ['{"type":"FeatureCollection",',
             '"metadata":' + json.dumps(metadata, ensure_ascii=False, sort_keys=True,
                                         separators=(",", ":")) + ",",
             '"features":[']
    body = []
    for f in features:
        body.append('{"type":"Feature","properties":'
                    + json.dumps(f["properties"], ensure_ascii=False, separators=(",", ":"))
                    + ',"geometry":' + _dump_geometry(f["geometry"]) + "}")
    lines.append(",\n".join(body))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--topojson", type=Path,
                    help="use this world-atlas countries-*.json instead of npm pack")
    ap.add_argument("--version", default=WORLD_ATLAS_VERSION,
                    help=f"world-atlas version to npm pack (default {WORLD_ATLAS_VERSION})")
    ap.add_argument("--resolution", default=DEFAULT_RESOLUTION, choices=["10m", "50m", "110m"])
    ap.add_argument("--tolerance", type=float, default=SIMPLIFY_TOLERANCE_DEG,
                    help="Douglas-Peucker tolerance in degrees")
    ap.add_argument("--min-area", type=float, default=MIN_RING_AREA_DEG2,
                    help="drop rings smaller than this (square degrees)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)

    if args.topojson:
        raw = args.topojson.read_bytes()
        version = local_source_version(args.topojson)
        m = re.search(r"countries-(\d+m)\.json$", args.topojson.name)
        resolution = m.group(1) if m else args.resolution
        source_file = args.topojson.name
        if version == "unknown":
            _warn("world-atlas version of --topojson file unknown (no package.json beside it)")
    else:
        with tempfile.TemporaryDirectory(prefix="world-atlas-") as tmp:
            raw, version = fetch_world_atlas(args.version, args.resolution, Path(tmp))
        resolution = args.resolution
        source_file = f"countries-{resolution}.json"

    topology = json.loads(raw.decode("utf-8"))
    features, notes = build_features(topology, args.tolerance, COORD_DECIMALS, args.min_area)

    metadata = {
        "source": f"Natural Earth Admin 0 countries via npm {WORLD_ATLAS_PACKAGE}@{version}",
        "source_package": f"{WORLD_ATLAS_PACKAGE}@{version}",
        "source_file": source_file,
        "source_resolution": f"1:{resolution}",
        "source_sha256": hashlib.sha256(raw).hexdigest(),
        "license": "Public domain (Natural Earth, naturalearthdata.com terms of use); "
                   "world-atlas packaging ISC (Michael Bostock)",
        "note": "Borders are Natural Earth's de facto lines (what is on the ground), "
                "not a statement on any territorial claim.",
        "selection": "core countries " + " ".join(CORE_ISO3)
                     + ", every country sharing a land border (shared TopoJSON arc) with one,"
                     " and the Caspian and Black Sea littoral states",
        "simplification": {
            "algorithm": "Douglas-Peucker per TopoJSON arc (shared borders stay identical)",
            "tolerance_deg": args.tolerance,
            "coordinate_decimals": COORD_DECIMALS,
            "min_ring_area_deg2": args.min_area,
        },
        "antimeridian": "rings crossing the antimeridian (Russia's Chukotka and Wrangel "
                        "Island) are shifted by +360 degrees east of 180, not dropped; "
                        "longitudes lie in [-180, 360)",
        "no_iso_code_features": "features without an ISO 3166-1 numeric code (Natural Earth "
                                "-99) are dropped, never emitted as -99 or with a made-up code, "
                                "except those the dataset names with a documented code from the "
                                "ISO 3166-1 user-assigned range",
        "user_assigned_codes": {code: f"{name} (Natural Earth {ne_name!r}, no ISO 3166-1 code; "
                                      "code from the ISO 3166-1 user-assigned range)"
                                for ne_name, (code, name) in sorted(USER_ASSIGNED.items())},
        "dropped": notes,
        "generated_by": "scripts/build_geo.py",
    }
    text = dump_geojson(features, metadata)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))

    size = args.out.stat().st_size
    n_pts = sum(len(r) for f in features
                for p in ([f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Polygon"
                          else f["geometry"]["coordinates"]) for r in p)
    try:
        shown = args.out.relative_to(Path.cwd())
    except ValueError:
        shown = args.out
    print(f"source: {WORLD_ATLAS_PACKAGE}@{version} {source_file}")
    print(f"features: {len(features)}  positions: {n_pts}  "
          f"size: {size} bytes ({size / 1024:.1f} KiB)  -> {shown}")
    print("iso3: " + " ".join(f["properties"]["iso3"] for f in features))
    return 0


if __name__ == "__main__":
    sys.exit(main())
