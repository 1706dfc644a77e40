"""The map of Germany: Länder outlines projected once to SVG path data, hubs placed on it.

A plain equirectangular projection scaled by cos(latitude) at the map's middle: for a
country of Germany's size it looks right and needs no library. Coordinates become
integers in the SVG's own units (``WIDTH`` wide), and each ring is written with relative
moves between rounded points, so the outlines of all 16 Länder take about 30 KB.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

WIDTH = 800
"""Width of the map in SVG units; the height follows from the projection."""
PADDING = 12

Ring = list[tuple[float, float]]
"""``(lon, lat)`` positions of one closed ring."""


@dataclass(frozen=True, slots=True)
class Land:
    """One Land: its code, German name, SVG path data and a point inside it (lon, lat)."""

    id: str
    name: str
    path: str
    inner_point: tuple[float, float]


@dataclass(frozen=True, slots=True)
class GermanyMap:
    """The projected Länder and the projection that placed them."""

    width: int
    height: int
    laender: tuple[Land, ...]
    west: float
    north: float
    scale_x: float
    scale_y: float

    def project(self, lon: float, lat: float) -> tuple[int, int]:
        """SVG coordinates of a WGS84 position."""
        return (
            round(PADDING + (lon - self.west) * self.scale_x),
            round(PADDING + (self.north - lat) * self.scale_y),
        )

    def land(self, code: str) -> Land | None:
        for land in self.laender:
            if land.id == code:
                return land
        return None


def _polygons(geometry: dict[str, Any]) -> list[list[Ring]]:
    """Every polygon of a Polygon or MultiPolygon as a list of rings (exterior first)."""
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    return [
        [[(float(x), float(y)) for x, y, *_ in ring] for ring in polygon] for polygon in polygons
    ]


def _signed_area_and_centroid(ring: Ring) -> tuple[float, float, float]:
    """Shoelace area (positive counter-clockwise) and the area-weighted centroid sums."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return area / 2, cx, cy


def _inside(point: tuple[float, float], rings: Iterable[Ring]) -> bool:
    """Even-odd rule over all rings: holes and separate parts are handled alike."""
    x, y = point
    inside = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def inner_point(polygons: Sequence[Sequence[Ring]]) -> tuple[float, float]:
    """The area centroid if it lies inside the shape, else the middle of the widest
    inside stretch on the centroid's latitude (so Brandenburg's point is not in Berlin)."""
    rings = [ring for polygon in polygons for ring in polygon]
    area = sx = sy = 0.0
    for ring in rings:
        ring_area, cx, cy = _signed_area_and_centroid(ring)
        area += ring_area
        sx += cx
        sy += cy
    centroid = (sx / (6 * area), sy / (6 * area)) if area else rings[0][0]
    if _inside(centroid, rings):
        return centroid
    y = centroid[1]
    crossings: list[float] = []
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > y) != (y1 > y):
                crossings.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    crossings.sort()
    stretches = list(zip(crossings[::2], crossings[1::2], strict=False))
    if not stretches:
        return centroid
    left, right = max(stretches, key=lambda pair: pair[1] - pair[0])
    return ((left + right) / 2, y)


def _numbers(values: Iterable[int]) -> str:
    """Integers as SVG path data: a minus sign separates on its own, else a space."""
    text = []
    for index, value in enumerate(values):
        text.append(str(value) if index == 0 or value < 0 else f" {value}")
    return "".join(text)


def _path(rings: Iterable[Ring], project: Any) -> str:
    """SVG path data: an absolute move per ring, then relative lines between rounded points."""
    parts: list[str] = []
    for ring in rings:
        points = [project(x, y) for x, y in ring]
        if points and points[0] == points[-1]:
            points.pop()
        unique = [point for index, point in enumerate(points) if point != points[index - 1]]
        if len(unique) < 3:
            continue
        deltas: list[int] = []
        for (x0, y0), (x1, y1) in itertools.pairwise(unique):
            deltas += (x1 - x0, y1 - y0)
        x, y = unique[0]
        parts.append(f"M{x} {y}l{_numbers(deltas)}z")
    return "".join(parts)


@functools.lru_cache(maxsize=1)
def germany_map() -> GermanyMap:
    """The projected map, computed once per process from the vendored GeoJSON."""
    raw = resources.files("dehub_cli.site").joinpath("geo/germany-laender.geojson").read_bytes()
    features = json.loads(raw)["features"]
    shapes = [
        (
            str(feature["properties"]["id"]),
            str(feature["properties"]["name"]),
            _polygons(feature["geometry"]),
        )
        for feature in features
    ]
    lons = [x for *_, polygons in shapes for p in polygons for ring in p for x, _ in ring]
    lats = [y for *_, polygons in shapes for p in polygons for ring in p for _, y in ring]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    middle = math.radians((north + south) / 2)
    scale_x = (WIDTH - 2 * PADDING) / (east - west)
    scale_y = scale_x / math.cos(middle)
    height = round(2 * PADDING + (north - south) * scale_y)

    def project(lon: float, lat: float) -> tuple[int, int]:
        return (
            round(PADDING + (lon - west) * scale_x),
            round(PADDING + (north - lat) * scale_y),
        )

    laender = tuple(
        Land(
            id=code,
            name=name,
            path=_path((ring for p in polygons for ring in p), project),
            inner_point=inner_point(polygons),
        )
        for code, name, polygons in shapes
    )
    return GermanyMap(WIDTH, height, laender, west, north, scale_x, scale_y)
