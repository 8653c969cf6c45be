"""Print a label point (area centroid of the largest polygon) for each country in data/geo/countries.geojson.

The lat/lon columns of data/countries.csv come from this script; tests/test_data.py checks that every
point still lies inside its country's shape.  Usage: python scripts/label_points.py [ISO3 ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

GEO = Path(__file__).resolve().parent.parent / "data" / "geo" / "countries.geojson"


def ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of a closed ring, by the shoelace formula."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    return area, cx / (6 * area), cy / (6 * area)


def polygons(geometry: dict) -> list[list[list[list[float]]]]:
    """The geometry's polygons, whatever its type."""
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def label_point(geometry: dict) -> tuple[float, float]:
    """(lat, lon) of the centroid of the polygon with the largest outer ring."""
    best = max(polygons(geometry), key=lambda poly: abs(ring_centroid(poly[0])[0]))
    _, lon, lat = ring_centroid(best[0])
    return round(lat, 2), round(lon, 2)


def main(codes: list[str]) -> None:
    features = json.loads(GEO.read_text(encoding="utf-8"))["features"]
    for feature in features:
        iso3 = feature["properties"]["iso3"]
        if not codes or iso3 in codes:
            print(iso3, *label_point(feature["geometry"]))


if __name__ == "__main__":
    main(sys.argv[1:])
