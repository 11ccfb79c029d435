"""Diagonal hatching over the places without data.

Plotly's geo choropleth has no fill patterns, and a flat grey for "no data" is easily read as
a low value (and vanishes on a greyscale print). So the no-data places are filled white and
this module draws parallel diagonal lines clipped to them, as one line trace. The lines stop
around the labels, so names stay legible whatever the drawing order of text and lines.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from shapely.geometry import LineString, MultiLineString, box, shape
from shapely.ops import unary_union

__all__ = ["HATCH_LINES", "hatch_segments", "layer_shapes"]

# Lines across the layer's longer side: dense enough to read as a pattern on a small county,
# sparse enough that a no-data prefecture does not turn grey.
HATCH_LINES = 70


_CACHE: dict[int, tuple[Mapping, dict, tuple[float, ...], dict]] = {}
_CACHE_SIZE = 16  # layers are shared read-only objects (geo caches them); a few views' worth


def _entry(layer: Mapping) -> tuple[Mapping, dict, tuple[float, ...], dict]:
    """The layer, its shapes, its bounds and its places' hatch lines (filled as asked for)."""
    hit = _CACHE.get(id(layer))
    if hit is not None and hit[0] is layer:
        return hit
    shapes = {str(f.get("properties", {}).get("adcode", f.get("id", ""))): shape(f["geometry"])
              for f in layer.get("features", [])}
    boxes = [geometry.bounds for geometry in shapes.values()] or [(0.0, 0.0, 0.0, 0.0)]
    bounds = (min(b[0] for b in boxes), min(b[1] for b in boxes),
              max(b[2] for b in boxes), max(b[3] for b in boxes))
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(layer)] = (layer, shapes, bounds, {})  # holding `layer` keeps its id unique
    return _CACHE[id(layer)]


def layer_shapes(layer: Mapping) -> tuple[dict, tuple[float, ...]]:
    """adcode → shapely geometry, and the layer's (west, south, east, north); kept for the
    last few layers, as building them is most of the cost of a figure."""
    _, shapes, bounds, _ = _entry(layer)
    return shapes, bounds


def _lines(bounds: tuple[float, ...], spacing: float, slope: float,
           through: tuple[float, float] | None = None) -> MultiLineString:
    """Parallel lines lat = slope * lon + c covering `bounds`, `spacing` degrees apart
    (measured along latitude); `through` forces the phase so one line crosses that point."""
    west, south, east, north = bounds
    c_min, c_max = south - slope * east, north - slope * west
    phase = (through[1] - slope * through[0]) % spacing if through else 0.0
    first = math.floor((c_min - phase) / spacing) * spacing + phase
    lines = []
    c = first
    while c <= c_max + spacing:
        lines.append([(west, slope * west + c), (east, slope * east + c)])
        c += spacing
    return MultiLineString(lines)


def _parts(geometry) -> list[LineString]:
    if geometry.is_empty:
        return []
    if isinstance(geometry, LineString):
        return [geometry]
    return [part for part in getattr(geometry, "geoms", []) if isinstance(part, LineString)
            and not part.is_empty]


def hatch_segments(layer: Mapping, codes: Iterable[str],
                   avoid: Iterable[tuple[float, float, float, float]] = ()
                   ) -> tuple[list[float | None], list[float | None]]:
    """lon and lat lists (segments separated by None) of the hatch over the places `codes`.

    Spacing is relative to the whole layer's extent, so the pattern looks the same at every
    zoom level of the app; lines run at 45° on screen (Mercator at the layer's latitude).
    `avoid` boxes (west, east, south, north), e.g. label boxes, are left free. A place too
    small to be crossed by the regular lines gets one line through its inside.
    """
    _, shapes, extent, hatched = _entry(layer)
    places = [code for code in codes if code in shapes]
    if not places:
        return [], []
    slope = math.cos(math.radians((extent[1] + extent[3]) / 2))  # 45° after Mercator
    spacing = max(extent[2] - extent[0], extent[3] - extent[1]) / HATCH_LINES
    free = unary_union([box(w, s, e, n) for w, e, s, n in avoid]) if avoid else None
    lon: list[float | None] = []
    lat: list[float | None] = []
    for code in places:
        # Clipping the grid to a place is the costly part and depends on the layer alone, so
        # it is kept; the label boxes, which change with the view, are cut out afterwards.
        if code not in hatched:
            hatched[code] = _clipped(shapes[code], _lines(shapes[code].bounds, spacing, slope))
        parts = _cut(hatched[code], free)
        if not parts:  # too small (or too covered) for the grid: one line through its inside
            inside = shapes[code].representative_point()
            own = _lines(shapes[code].bounds, spacing, slope, through=(inside.x, inside.y))
            parts = _cut(_clipped(shapes[code], own), free)
        for part in parts:
            xs, ys = part.xy
            lon.extend([*xs, None])
            lat.extend([*ys, None])
    return lon, lat


def _clipped(geometry, lines: MultiLineString) -> list[LineString]:
    """The parts of `lines` inside `geometry`; lines on one global grid (phase 0) run on
    across neighbours."""
    return _parts(geometry.intersection(lines))


def _cut(parts: list[LineString], free) -> list[LineString]:
    """`parts` outside `free` (the label boxes), if any."""
    if free is None or not parts:
        return parts
    return _parts(MultiLineString(parts).difference(free))
