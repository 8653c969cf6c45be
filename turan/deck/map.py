"""The alliance map as vector shapes: one named freeform per country from the shipped Natural Earth
shapes, coloured as on screen, with labels and a legend. Pure: shapes and tables in, slide shapes out.

Projection: Web Mercator over the page's frame (Turkey to Mongolia). Rings are clipped to the frame, so
nothing lands off the slide: Russia's Chukotka (shifted past 180 degrees in the shipped file) and the USA
fall outside it and are named under the map instead. Points are passed to python-pptx in EMU with
scale=1.0, start point included: a start point in other units would put the shape off the slide.
"""

from __future__ import annotations

import math

import pandas as pd
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from turan import alliances, theme
from turan.deck import kit

MAP_BOX = {"lon": (22.0, 124.0), "lat": (27.0, 61.0)}  # the page's frame
LABEL_LAT_MAX = 57.5  # labels further north are pulled down into the frame (Russia), as on the page
LEGEND_W = Inches(3.0)
NOTE_H = Inches(0.5)


def clip_ring(ring: list[tuple[float, float]], lon: tuple[float, float], lat: tuple[float, float]):
    """A polygon ring cut to a lon/lat box (Sutherland-Hodgman): what lies outside the map frame is dropped."""
    def cut(points, inside, cross):
        out = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        return out

    def at_x(x):
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    points = [tuple(p[:2]) for p in ring]
    for inside, cross in ((lambda p: p[0] >= lon[0], at_x(lon[0])), (lambda p: p[0] <= lon[1], at_x(lon[1])),
                          (lambda p: p[1] >= lat[0], at_y(lat[0])), (lambda p: p[1] <= lat[1], at_y(lat[1]))):
        if not points:
            break
        points = cut(points, inside, cross)
    return points


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


class MapFrame:
    """Web Mercator from the map box's lon/lat to slide EMU, fitted (aspect kept) into an area."""

    def __init__(self, area, lon: tuple[float, float] = MAP_BOX["lon"], lat: tuple[float, float] = MAP_BOX["lat"]):
        left, top, width, height = (int(a) for a in area)
        self.lon, self.lat = lon, lat
        x0, x1 = math.radians(lon[0]), math.radians(lon[1])
        y0, y1 = _mercator(lat[0]), _mercator(lat[1])
        self.scale = min(width / (x1 - x0), height / (y1 - y0))
        self.x0, self.y1 = x0, y1
        self.left = left + (width - (x1 - x0) * self.scale) / 2
        self.top = top
        self.width, self.height = (x1 - x0) * self.scale, (y1 - y0) * self.scale

    def point(self, lon: float, lat: float) -> tuple[int, int]:
        x = self.left + (math.radians(lon) - self.x0) * self.scale
        y = self.top + (self.y1 - _mercator(lat)) * self.scale
        return int(round(x)), int(round(y))

    def inside(self, lon: float, lat: float) -> bool:
        return self.lon[0] <= lon <= self.lon[1] and self.lat[0] <= lat <= self.lat[1]


def country_rings(geometry: dict, frame: MapFrame) -> list[list[tuple[int, int]]]:
    """A country's rings, clipped to the frame and in slide EMU (rings that fall outside are dropped)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    out = []
    for polygon in polygons:
        for ring in polygon:
            clipped = clip_ring(ring, frame.lon, frame.lat)
            points = []
            for lon, lat in clipped:
                p = frame.point(lon, lat)
                if not points or p != points[-1]:
                    points.append(p)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) >= 3:
                out.append(points)
    return out


def draw_map(slide, box, shapes: dict, table: pd.DataFrame, positions: pd.DataFrame, mode: str, org: str,
             orgs, items: list[tuple[str, str]]) -> None:
    """The map (alliances.map_table) in the left of the box, its legend on the right, a note under it.
    `shapes` is the GeoJSON (alliances.read_shapes), `positions` countries.csv (label points)."""
    left, top, width, height = (int(b) for b in box)
    frame = MapFrame((left, top, width - LEGEND_W, height - NOTE_H))
    _countries(slide, frame, shapes, table, mode)
    off_map = _labels(slide, frame, table, positions.set_index("iso3"), mode)
    heading = (f"Role in the {org}" if mode == alliances.ONE else
               f"Member, associate or partner of how many of: {', '.join(orgs)}")
    _legend(slide, frame.left + frame.width + Inches(0.3), top, heading, items)
    note = ("Borders are Natural Earth's de facto lines, not a judgement on disputed areas (Crimea, for instance, is "
            "drawn inside Russia).")
    if off_map:
        note = f"Beyond this map section: {'; '.join(off_map)}. " + note
    kit.caption(slide, left, int(frame.top + frame.height) + Inches(0.08), width, Inches(0.45), note)


def _countries(slide, frame: MapFrame, shapes: dict, table: pd.DataFrame, mode: str) -> None:
    """One freeform per country that reaches into the frame, in a group named 'Map'."""
    group = slide.shapes.add_group_shape()
    group.name = "Map"
    in_view = set(table.index[table["in_view"]])
    features = sorted(shapes["features"], key=lambda ft: ft["properties"]["iso3"] in in_view)
    for feature in features:  # grey countries first, so the outlines of those in view stay on top
        iso3 = feature["properties"]["iso3"]
        rings = country_rings(feature["geometry"], frame)
        if not rings:
            continue
        row = table.loc[iso3] if iso3 in table.index else None
        builder = group.shapes.build_freeform(rings[0][0][0], rings[0][0][1], scale=1.0)
        builder.add_line_segments(rings[0][1:], close=True)
        for ring in rings[1:]:  # islands and exclaves: more rings of the same shape
            builder.move_to(*ring[0])
            builder.add_line_segments(ring[1:], close=True)
        shape = builder.convert_to_shape()
        name = row["name"] if row is not None else feature["properties"].get("name") or iso3
        shape.name = f"{name} ({iso3})"
        shape.fill.solid()
        shape.fill.fore_color.rgb = kit.rgb(theme.map_fill(row, mode == alliances.ONE))
        shape.line.color.rgb = kit.rgb(theme.INK if iso3 in in_view else theme.MAP_OUTLINE_OTHER)
        shape.line.width = Pt(1.0 if iso3 in in_view else 0.5)
        kit.plain(shape)


def _labels(slide, frame: MapFrame, table: pd.DataFrame, at: pd.DataFrame, mode: str) -> list[str]:
    """Name and role (or count) on each country in view; returns those whose label point is off the map."""
    group = slide.shapes.add_group_shape()
    group.name = "Map labels"
    off_map = []
    for iso3, row in table[table["in_view"]].iterrows():
        lon, lat = float(at.loc[iso3, "lon"]), min(float(at.loc[iso3, "lat"]), LABEL_LAT_MAX)
        words = row["label"].split("\n", 1)[1]
        if not frame.inside(lon, lat):
            off_map.append(f"{row['name']} ({words})")
            continue
        x, y = frame.point(lon, lat)
        w, h = Inches(1.6), Inches(0.5)
        ink = kit.text_on(theme.map_fill(row, mode == alliances.ONE))
        box = kit.text_box(group, f"Label: {row['name']}", x - w // 2, y - h // 2, w, h, "", anchor=MSO_ANCHOR.MIDDLE)
        box.text_frame.word_wrap = False
        for i, (text, size, bold) in enumerate(((row["name"], 9.5, True), (words, 8.5, False))):
            para = box.text_frame.paragraphs[0] if i == 0 else box.text_frame.add_paragraph()
            para.alignment = PP_ALIGN.CENTER
            kit.run(para, text, size, bold, ink)
    if not len(group.shapes):
        group._element.getparent().remove(group._element)
    return off_map


def _legend(slide, left: int, top: int, heading: str, items: list[tuple[str, str]]) -> None:
    """The legend: a heading, then a chip of each colour with its words (and count), in a group."""
    group = slide.shapes.add_group_shape()
    group.name = "Legend"
    kit.text_box(group, "Legend title", left, top, LEGEND_W - Inches(0.4), Inches(0.6), heading, size=12, bold=True,
                 anchor=MSO_ANCHOR.BOTTOM)
    for i, (label, colour) in enumerate(items):
        y = int(top) + Inches(0.7) + i * Inches(0.36)
        chip = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, y, Inches(0.3), Inches(0.24))
        chip.name = f"Legend chip: {label}"
        chip.fill.solid()
        chip.fill.fore_color.rgb = kit.rgb(colour)
        chip.line.color.rgb = kit.rgb(theme.INK)
        chip.line.width = Pt(0.5)
        kit.plain(chip)
        kit.text_box(group, f"Legend: {label}", left + Inches(0.4), y - Inches(0.03), LEGEND_W - Inches(0.8),
                     Inches(0.3), label, size=11)
