"""Layout of the choropleth: type sizes, margins, legend, source line, modebar, slide export.

Every layout number is named here once. The drawing gets all the room the text leaves: no side
or bottom margin except what the legend (beside or above the drawing, so it never covers a
place) and the source line need.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import plotly.graph_objects as go

from dashboard.i18n import t
from dashboard.theme import (
    FONT_FAMILY,
    INK,
    INK_MUTED,
    MODEBAR,
    NOTE_PX,
    PRESENT_MIN_PX,
    text_px,
    wrap,
)

__all__ = ["PLOTLY_CONFIG", "PRESENT_FIGURE_PX", "SLIDE_LAYOUT", "SLIDE_SCALE", "TOPOJSON_URL",
           "Sizes", "map_layout", "fitted_height", "inverse_mercator", "mercator", "plot_box",
           "plotly_config", "slide_heading", "view_ranges"]

# Relative on purpose: resolved against the page URL, so a proxy base path (/dash/) is kept.
# The files live in static/topojson/ (served at app/static/ by enableStaticServing).
TOPOJSON_URL = "app/static/topojson/"
GEO_SCOPE = "asia"  # asia_110m.json is 80 kB; world_110m.json would be 285 kB for nothing

# Slides: a map is saved as a 16:9 slide of 1920×1080 px, drawn at the 1280×720 a figure is
# designed for and scaled 1.5×, so its type grows with the slide (read from across a room)
# instead of shrinking to a corner of it (the camera button and ui/slide_export.js).
SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080
SLIDE_LAYOUT = (1280, 720)
SLIDE_SCALE = SLIDE_HEIGHT / SLIDE_LAYOUT[1]

PLOTLY_CONFIG: dict = {
    "topojsonURL": TOPOJSON_URL,
    "displaylogo": False,
    "displayModeBar": True,  # always shown: hover-only buttons are invisible to many readers
    "scrollZoom": False,  # the page scrolls past the map; zoom with the modebar buttons
    "toImageButtonOptions": {"format": "png", "width": SLIDE_LAYOUT[0], "height": SLIDE_LAYOUT[1],
                             "scale": SLIDE_SCALE, "filename": "map"},
    # What stays: download, zoom in/out, reset (and autoscale on charts). The same config
    # serves the bar charts, whose pan/zoom boxes are as useless there.
    "modeBarButtonsToRemove": ["pan2d", "select2d", "lasso2d", "zoom2d", "zoomIn2d",
                               "zoomOut2d", "hoverClosestGeo", "hoverClosestCartesian",
                               "hoverCompareCartesian", "toggleSpikelines", "sendDataToCloud"],
}

# plotly.js's own words (toolbar tooltips, export notices) by their English text, and the
# i18n key of each: plotly.js ships only English, and a page in Chinese says them in Chinese.
_PLOTLY_WORDS = {
    "Download plot as a PNG": "plotly_png", "Download plot as a png": "plotly_png",
    "Download plot": "plotly_png", "Zoom in": "plotly_zoom_in",
    "Zoom out": "plotly_zoom_out", "Reset": "plotly_reset", "Reset axes": "plotly_reset",
    "Autoscale": "plotly_autoscale", "Reset view": "plotly_reset",
    "Taking snapshot - this may take a few seconds": "plotly_snapshot",
    "Snapshot succeeded": "plotly_snapshot_done",
    "Sorry, there was a problem downloading your snapshot!": "plotly_snapshot_failed",
    "Double-click to zoom back out": "plotly_double_click",
}


def plotly_config(lang: str) -> dict:
    """PLOTLY_CONFIG for a page in `lang`: in Chinese it carries plotly.js's words in Chinese
    (an inline locale, nothing fetched)."""
    if lang == "en":
        return PLOTLY_CONFIG
    words = {english: t(key, lang) for english, key in _PLOTLY_WORDS.items()}
    return {**PLOTLY_CONFIG, "locale": "zh-CN", "locales": {"zh-CN": {"dictionary": words}}}


TITLE_GAIN_PX = 4  # the title is this much larger than body text
LINE_HEIGHT = 1.3  # one line of text, in font sizes
EDGE_PAD_PX = 8  # free space above the title, and left of the title and source line
TITLE_GAP_PX = 14  # free space between the subtitle and the drawing
NOTE_PAD_PX = 6  # free space between the drawing and the source line
MODEBAR_PX = 40  # the chart's toolbar over a full-bleed map's top-right corner
# Share of the layer's extent left free around it, so border lines are not clipped.
VIEW_PAD = 0.02
# Width of the map's column in a 1280 px window (measured in the app: beside the ranked bars,
# and in presenter mode beside the figures). The server cannot know the real width, so the
# legend's placement and the label thinning plan for this; wider only gives more room.
COLUMN_PX = {False: 466, True: 868}
# The same for a map that shares its row half and half (the overview page's): in presenter
# mode it is two thirds as wide, and names planned for the wide column ran into each other.
HALF_COLUMN_PX = {False: 450, True: 595}
# The figure's width on a 390 px phone (measured: the page's padding leaves 332 px). The source
# line is wrapped to this, not to the column, because plotly does not wrap text and a line
# planned for a laptop's column ran past the phone's edge. Presenter mode is for projectors.
PHONE_FIGURE_PX = 332
# Presenter mode: the figure's height on a 1280×720 screen under the presenter bar (the page
# stretches it to the screen; larger screens only give more room).
# ui/style.css sizes the box calc(100vh - 6rem): 624 px at 16 px per rem. Presenter mode's
# 18 px root leaves 612; planning for 612 drew the map smaller, under 40 % of the screen.
PRESENT_FIGURE_PX = 624


@dataclass(frozen=True)
class Sizes:
    """Type sizes (px) of one figure; presenter mode keeps every one ≥ PRESENT_MIN_PX."""

    present: bool
    column: int  # the map column's expected width (COLUMN_PX, HALF_COLUMN_PX)
    body: int
    title: int
    label: int
    legend: int
    note: int
    hover: int

    @classmethod
    def of(cls, present: bool, column: int | None = None) -> Sizes:
        body = text_px(present)
        floor = PRESENT_MIN_PX if present else 0
        return cls(present=present, column=column or COLUMN_PX[present], body=body,
                   title=body + TITLE_GAIN_PX, label=body,
                   legend=max(body - 1, floor), note=max(NOTE_PX, floor),
                   hover=max(body + 2 if present else body - 1, floor))


def slide_heading(sizes: Sizes) -> Sizes:
    """Type of a slide's title and subtitle: a step smaller than on a page, because the
    presenter bar above already states the slide's subject in large type, and every px of
    the title block is taken from the map's height."""
    return replace(sizes, title=sizes.body, body=sizes.note)


def top_margin(sizes: Sizes, has_title: bool, has_subtitle: bool) -> int:
    if not has_title:
        return 0
    lines = sizes.title * LINE_HEIGHT + (sizes.body * LINE_HEIGHT if has_subtitle else 0)
    return round(EDGE_PAD_PX + TITLE_GAP_PX + lines)


def bottom_margin(sizes: Sizes, note_lines: int) -> int:
    return round(2 * NOTE_PAD_PX + note_lines * sizes.note * LINE_HEIGHT) if note_lines else 0


def note_lines(source: str, exported: str, lang: str, sizes: Sizes) -> list[str]:
    """The source line, wrapped to the narrowest figure it is drawn in (PHONE_FIGURE_PX)."""
    note = source_line(source, exported, lang)
    width = sizes.column if sizes.present else PHONE_FIGURE_PX
    return wrap(note, sizes.note, width - 2 * EDGE_PAD_PX) if note else []


def plot_box(height: int, sizes: Sizes, *, has_title: bool, has_subtitle: bool,
             note: int, legend_right: int = 0, legend_top: int = 0) -> tuple[int, int]:
    """Expected (width, height) of the drawing area: the map column and figure height less
    the title block, the legend and the source line."""
    top = top_margin(sizes, has_title, has_subtitle) + legend_top
    return (sizes.column - legend_right,
            height - top - bottom_margin(sizes, note))


def hoverlabel(sizes: Sizes) -> dict:
    # explicit: themes otherwise give grey text on the place's own colour
    return {"bgcolor": "#ffffff", "bordercolor": "#333333",
            "font": {"family": FONT_FAMILY, "size": sizes.hover, "color": INK}}


SOURCE_WORDS = {"zh": ("来源：", "导出："), "en": ("Source: ", "Exported ")}


def source_line(source: str, exported: str, lang: str) -> str:
    said, dated = SOURCE_WORDS.get(lang, SOURCE_WORDS["en"])
    parts = [f"{said}{source}" if source else "", f"{dated}{exported}" if exported else ""]
    return " · ".join(part for part in parts if part)


def view_ranges(bounds: tuple[float, ...]) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges that show every place of the layer (bounds: west, south,
    east, north), with a thin pad."""
    west, south, east, north = bounds
    pad = VIEW_PAD * max(east - west, north - south)
    return [west - pad, east + pad], [south - pad, north + pad]


def map_layout(sizes: Sizes, *, height: int, title: str, subtitle: str,
               legend: tuple[list, list, int, int], bounds: tuple[float, ...] | None,
               source: str, exported: str, lang: str, revision: str, slide: bool = False
               ) -> dict:
    """Title block, legend, source line and the geo view. The view is the layer's own
    bounds (all places, valued or not) as explicit ranges: plotly's fitbounds="locations"
    pads its autorange so much that a tall prefecture left most of the plot empty.

    `slide`: the map fills the figure edge to edge (`bounds` is its exact view) and the title,
    legend and source line float over it (presenter mode, see mapfig_around)."""
    note = note_lines(source, exported, lang, sizes)
    shapes, legend_notes, legend_right, legend_top = legend
    heading = slide_heading(sizes) if slide else sizes
    if slide:
        lon_range, lat_range = [bounds[0], bounds[2]], [bounds[1], bounds[3]]
        margin = {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0}
    else:
        lon_range, lat_range = view_ranges(bounds) if bounds else (None, None)
        margin = {"l": 0, "r": legend_right,
                  "t": top_margin(sizes, bool(title), bool(subtitle)) + legend_top,
                  "b": bottom_margin(sizes, len(note)), "pad": 0}
    return dict(
        height=height,
        autosize=True,
        margin=margin,
        # pinned to the top, so a legend row below the subtitle never runs into it
        title=({"text": title, "x": 0, "xanchor": "left", "xref": "container",
                "y": 1, "yanchor": "top", "yref": "container",
                "pad": {"l": EDGE_PAD_PX, "t": EDGE_PAD_PX},
                "font": {"size": heading.title, "color": INK},
                "subtitle": {"text": subtitle,
                             "font": {"size": heading.body, "color": INK_MUTED}}}
               if title else None),
        font={"family": FONT_FAMILY, "size": sizes.body, "color": INK},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        modebar=MODEBAR,
        showlegend=False,  # the legend is drawn (see mapfig_legend)
        shapes=shapes,
        annotations=([{"text": "<br>".join(note), "xref": "paper", "yref": "paper", "x": 0, "y": 0,
                       "xanchor": "left", "yanchor": "bottom" if slide else "top",
                       "yshift": NOTE_PAD_PX if slide else -NOTE_PAD_PX,
                       "xshift": EDGE_PAD_PX,
                       "showarrow": False, "align": "left",
                       "font": {"size": sizes.note, "color": INK_MUTED}}] if note else [])
        + legend_notes,
        # Constant per layer: a rerun keeps the reader's zoom; another region refits.
        uirevision=revision,
        clickmode="event+select",
        dragmode="pan",
        hovermode="closest",
        geo={"scope": GEO_SCOPE, "resolution": 110, "fitbounds": False, "visible": False,
             "lonaxis": {"range": lon_range}, "lataxis": {"range": lat_range},
             "bgcolor": "rgba(0,0,0,0)", "projection": {"type": "mercator"},
             "domain": {"x": [0, 1], "y": [0, 1]},
             **dict.fromkeys(("showland", "showcountries", "showcoastlines", "showframe",
                              "showlakes", "showocean", "showrivers", "showsubunits"), False)},
    )


def mercator(lat: float) -> float:
    """Mercator y (radians) of a latitude: plotly's projection of every map here."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def inverse_mercator(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def fitted_height(fig: go.Figure) -> dict[str, float]:
    """What a narrow screen needs to draw `fig` without empty bands above and below the map:
    px of text above and below the drawing, px of legend beside it, and px of drawing height
    per px of drawing width (Mercator). Plotly centres a map in its plot area, so a figure
    taller than that leaves the difference empty; the stylesheet sizes the map's box from
    these on a phone."""
    lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    margin = fig.layout.margin
    if not lon or not lat:
        return {"text": 0.0, "side": 0.0, "ratio": 0.75}

    ratio = (mercator(lat[1]) - mercator(lat[0])) / math.radians(lon[1] - lon[0])
    return {"text": float((margin.t or 0) + (margin.b or 0)), "side": float(margin.r or 0),
            "ratio": ratio}
