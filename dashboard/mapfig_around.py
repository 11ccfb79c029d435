"""The places around a drilled-down map, for presenter mode.

Why: a slide fills a screen of a fixed shape, and a prefecture rarely has that shape. Tonghua
is twice as tall as it is wide; drawn alone it leaves most of a 16:9 screen empty and reads
small on a projector. Presenter mode therefore widens the view to the screen's shape and
fills the extra room with the neighbouring prefectures: flat grey, named in grey, never
hovered or clicked, so they orient the audience without looking like data. They are a
different thing from "no data" (white with a hatch) and from any class colour.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from shapely import unary_union
from shapely.geometry import box, shape

from dashboard import mapfig_layout as lay
from dashboard.theme import FONT_FAMILY, INK_MUTED, text_width

__all__ = ["AROUND_FILL", "Frame", "Slide", "around_traces", "ground", "legend_size",
           "outline_trace", "overlay_legend", "plan_slide", "slide_frame"]

# Near white, so in greyscale no neighbour reads like the lightest class (which is darker), and
# never hatched like no data; names on it 7.9:1. The focus's own outline (OUTLINE_COLOR) sets
# the places apart from their surroundings whatever their colour.
AROUND_FILL = "#f3f3f3"
AROUND_BORDER = "#cccccc"
OUTLINE_COLOR = "#4d4d4d"
OUTLINE_PX = 2
GROUND = "rgba(255,255,255,0.92)"  # under the title, legend and source line
GROUND_PAD_PX = 8
SUBTITLE_DROP = 0.5  # lines
# A neighbour is named only where enough of it is in view for its name to sit inside.
MIN_SHARE_NAMED = 0.04


@dataclass(frozen=True)
class Frame:
    """A map drawn edge to edge in `width`×`height` px (Mercator): where each pixel is."""

    left: float  # Mercator x (radians) at the left edge
    top: float  # Mercator y at the top edge
    scale: float  # px per Mercator unit
    width: float
    height: float

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        return (math.degrees(self.left + x / self.scale),
                lay.inverse_mercator(self.top - y / self.scale))

    def box(self, left: float, top: float, right: float, bottom: float
            ) -> tuple[float, float, float, float]:
        """The px rectangle as (west, south, east, north)."""
        west, north = self.lonlat(left, top)
        east, south = self.lonlat(right, bottom)
        return west, south, east, north

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return self.box(0, 0, self.width, self.height)


def slide_frame(bounds: tuple[float, ...], size: tuple[float, float],
                free: tuple[float, float, float, float]) -> Frame:
    """The frame of a `size` (width, height) px map whose places (`bounds`: west, south,
    east, north) fill the `free` px rectangle (left, top, right, bottom) left by the title,
    legend and source line, which float over the places around."""
    west, south, east, north = bounds
    x0, x1 = math.radians(west), math.radians(east)
    y0, y1 = lay.mercator(south), lay.mercator(north)
    left, top, right, bottom = free
    scale = min((right - left) / max(x1 - x0, 1e-9), (bottom - top) / max(y1 - y0, 1e-9))
    return Frame(left=(x0 + x1) / 2 - (left + right) / 2 / scale,
                 top=(y0 + y1) / 2 + (top + bottom) / 2 / scale,
                 scale=scale, width=size[0], height=size[1])


def ground(left: float, top: float, right: float, bottom: float, height: float = 0) -> dict:
    """A white panel under text that floats over the map, in px from the top-left corner;
    given the figure's planned `height`, from the bottom-left corner instead (the figure
    stretches to the screen, and the source line stays at its foot)."""
    base = {"type": "rect", "xref": "paper", "yref": "paper", "xsizemode": "pixel",
            "ysizemode": "pixel", "xanchor": 0, "x0": left, "x1": right,
            "fillcolor": GROUND, "line": {"width": 0}, "layer": "above"}
    if height:
        return {**base, "yanchor": 0, "y0": 0, "y1": height - top}
    return {**base, "yanchor": 1, "y0": -bottom, "y1": -top}


def legend_size(legend: tuple) -> tuple[int, int]:
    """(width, height) in px of a legend column."""
    shapes, _, width, _ = legend
    bottom = min((min(s["y0"], s["y1"]) for s in shapes if "y0" in s), default=0)
    return width, round(-bottom) + GROUND_PAD_PX


def overlay_legend(legend: tuple, drop: float) -> tuple:
    """A legend column (shapes, annotations, right margin, top margin) moved from the right
    margin onto the map's top-right corner, `drop` px down (below the chart's toolbar), on a
    white panel; the margin it took is freed."""
    shapes, notes, width, _ = legend
    _, height = legend_size(legend)
    panel = {**ground(0, drop, width, drop + height), "xanchor": 1, "x0": -width, "x1": 0}
    moved = [panel]
    for item in shapes:
        item = dict(item)
        if "x0" in item:
            item.update(x0=item["x0"] - width, x1=item["x1"] - width,
                        y0=item["y0"] - drop, y1=item["y1"] - drop)
        else:  # the hatch: a path in px from the corner
            item["path"] = _shift_path(item["path"], -width, -drop)
        moved.append(item)
    return (moved, [{**note, "xshift": note.get("xshift", 0) - width,
                     "yshift": note.get("yshift", 0) - drop} for note in notes], 0, 0)


def _shift_path(path: str, dx: float, dy: float) -> str:
    """An SVG path of M/L moves, moved by (dx, dy) px."""
    def move(match: re.Match) -> str:
        return f"{float(match[1]) + dx:.1f},{float(match[2]) + dy:.1f}"

    return re.sub(r"(-?[\d.]+),(-?[\d.]+)", move, path)


def _name(feature: Mapping, lang: str, short: Mapping[str, str]) -> str:
    props = feature.get("properties", {})
    code = str(props.get("adcode", feature.get("id", "")))
    if lang == "en":
        return str(props.get("name_en") or code)
    return str(short.get(code) or props.get("name_zh") or code)


def around_traces(around: Mapping, view: tuple[float, ...], lang: str, font_px: int,
                  short: Mapping[str, str] | None = None,
                  clear: Sequence[tuple[float, ...]] = ()) -> list[go.BaseTraceType]:
    """The neighbours as one flat grey choropleth and one trace of their names, each name at
    a point inside the part of its place that is in `view` (west, south, east, north) and
    not under the panels `clear` (same order of coordinates)."""
    features = list(around.get("features", []))
    if not features:
        return []
    codes = [str(f.get("properties", {}).get("adcode", f.get("id", ""))) for f in features]
    frame = box(*view)
    for panel in clear:
        frame = frame.difference(box(*panel))
    names, lons, lats = [], [], []
    for feature in features:
        inside = shape(feature["geometry"]).intersection(frame)
        if inside.is_empty or inside.area < MIN_SHARE_NAMED * frame.area:
            continue
        point = inside.representative_point()
        names.append(_name(feature, lang, short or {}))
        lons.append(point.x)
        lats.append(point.y)
    return [
        go.Choropleth(uid="around", name="around", geojson=dict(around), featureidkey="id",
                      locations=codes, z=[0] * len(codes), zmin=0, zmax=1,
                      colorscale=[[0, AROUND_FILL], [1, AROUND_FILL]], showscale=False,
                      showlegend=False, hoverinfo="skip",
                      marker={"line": {"color": AROUND_BORDER, "width": 1}}),
        go.Scattergeo(uid="around_names", name="around_names", lon=lons, lat=lats,
                      text=names, mode="text", hoverinfo="skip", showlegend=False,
                      textfont={"family": FONT_FAMILY, "size": font_px, "color": INK_MUTED}),
    ]


def outline_trace(shapes: Iterable) -> go.Scattergeo:
    """The outer edge of the mapped places (shapely geometries) as a dark line, so the map's
    own area stands apart from the grey places around it, in greyscale too."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    edge = unary_union(list(shapes)).boundary
    for line in getattr(edge, "geoms", [edge]):
        xs, ys = line.xy
        lon += [*xs, None]
        lat += [*ys, None]
    return go.Scattergeo(uid="outline", name="outline", lon=lon, lat=lat, mode="lines",
                         line={"color": OUTLINE_COLOR, "width": OUTLINE_PX},
                         hoverinfo="skip", showlegend=False)


@dataclass(frozen=True)
class Slide:
    """A full-bleed map planned for presenter mode: the legend moved onto the map (with the
    white panels under title and source line among its shapes), the frame, the panels (px,
    left, top, right, bottom) and the free drawing area (px) the places fill."""

    legend: tuple
    frame: Frame
    panels: tuple[tuple[float, float, float, float], ...]
    plot: tuple[float, float]

    def traces(self, around: Mapping, lang: str, font_px: int,
               short: Mapping[str, str] | None) -> list[go.BaseTraceType]:
        # a name is centred on its point: keep the point half a name's width and height
        # (about two characters, one line) clear of every panel
        dx, dy = 2 * font_px, font_px
        clear = [self.frame.box(left - dx, top - dy, right + dx, bottom + dy)
                 for left, top, right, bottom in self.panels]
        return around_traces(around, self.frame.bounds, lang, font_px, short, clear)


def _panel_width(lines: Sequence[tuple[str, float]]) -> float:
    """Width of a panel holding `lines` (text, font px), padding included."""
    return max([text_width(text, px) for text, px in lines if text] + [0]) + \
        2 * lay.EDGE_PAD_PX + 4


def plan_slide(bounds: tuple[float, ...], legend: tuple, sizes: lay.Sizes, *, title: str,
               subtitle: str, note: list[str], height: float) -> Slide:
    """Plan a slide of the presenter's map column (`height` px tall): title top left, legend
    top right below the chart's toolbar, source line bottom left, and the places (`bounds`)
    in the rest, centred."""
    width = sizes.column
    corner = legend_size(legend)
    heading = lay.slide_heading(sizes)
    # plotly sets a subtitle lower than LINE_HEIGHT lines would (measured: about half a line)
    top = lay.top_margin(heading, bool(title), bool(subtitle)) - lay.TITLE_GAP_PX + \
        round(SUBTITLE_DROP * heading.body) + GROUND_PAD_PX
    # the places may come close to the source line's panel: it is white, so no border runs
    # into its text
    foot = height - lay.bottom_margin(sizes, len(note)) + lay.NOTE_PAD_PX
    panels = ((0, 0, _panel_width([(title, heading.title), (subtitle, heading.body)]), top),
              (width - corner[0], lay.MODEBAR_PX, width, lay.MODEBAR_PX + corner[1]),
              (0, foot, _panel_width([(line, sizes.note) for line in note]), height))
    moved = overlay_legend(legend, lay.MODEBAR_PX)
    shapes = [ground(*panels[0]), ground(*panels[2], height=height), *moved[0]]
    frame = slide_frame(bounds, (width, height), (0, top, width - corner[0], foot))
    return Slide(legend=(shapes, *moved[1:]), frame=frame, panels=panels,
                 plot=(width - corner[0], foot - top))
