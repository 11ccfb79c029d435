"""Presenter mode's slide map: Tonghua (twice as tall as wide) fills a 16:9 frame with the
prefectures around it, the title, legend and source line float on white panels, and no
neighbour is coloured, hovered or named under a panel."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import Point, box, shape

import geo
import loaders
from dashboard.aggregate import by_place
from dashboard.mapfig import PRESENT_FIGURE_PX, choropleth_figure
from dashboard.mapfig_around import AROUND_FILL, slide_frame
from dashboard.mapfig_layout import COLUMN_PX, fitted_height

TONGHUA = "220500"
REGION = "220000"


def mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@pytest.fixture(scope="module")
def slide():
    facts = loaders.load_facts()
    places = loaders.load_places()
    layer = geo.layer_under(REGION, "county", TONGHUA)
    prefectures = geo.layer_geojson(REGION, "prefecture")
    around = {**prefectures, "features": [f for f in prefectures["features"]
                                          if f["properties"]["adcode"] != TONGHUA]}
    values = by_place(facts, "investment_total", "county", "project")
    return choropleth_figure(values[["adcode", "value", "n_facts"]], layer, present=True,
                             labels=geo.label_points(layer, "zh", geo.short_names(places)),
                             title="总投资", subtitle="项目合计（按项目所在地汇总）",
                             source="通化日报 2023-04-20", exported="2026-12-03",
                             height=PRESENT_FIGURE_PX, around=around,
                             short=geo.short_names(places))


def by_uid(figure, uid):
    (trace,) = [trace for trace in figure.data if trace.uid == uid]
    return trace


def test_the_map_fills_the_figure_in_the_screen_shape(slide):
    assert slide.layout.margin.to_plotly_json() == {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0}
    west, east = slide.layout.geo.lonaxis.range
    south, north = slide.layout.geo.lataxis.range
    aspect = math.radians(east - west) / (mercator(north) - mercator(south))
    assert aspect == pytest.approx(COLUMN_PX[True] / PRESENT_FIGURE_PX, rel=1e-6)
    # Tonghua is inside the view, and the view is far wider than Tonghua (1.14° of longitude)
    tonghua = geo.layer_geojson(REGION, "prefecture")
    (outline,) = [f for f in tonghua["features"] if f["properties"]["adcode"] == TONGHUA]
    bounds = shape(outline["geometry"]).bounds
    assert west < bounds[0] and east > bounds[2] and south < bounds[1] and north > bounds[3]
    assert east - west > 3 * (bounds[2] - bounds[0])


def test_the_neighbours_are_flat_grey_and_never_hovered(slide):
    around = by_uid(slide, "around")
    assert sorted(around.locations) == ["220100", "220200", "220300", "220400", "220600",
                                        "220700", "220800", "222400"]
    assert {colour for _, colour in around.colorscale} == {AROUND_FILL}
    assert around.hoverinfo == "skip"
    names = by_uid(slide, "around_names")
    assert names.hoverinfo == "skip"
    assert {"白山市", "吉林市"} <= set(names.text)
    assert "通化市" not in names.text
    # the mapped area's edge is drawn dark, so it stands apart from its grey surroundings
    outline = by_uid(slide, "outline")
    assert outline.hoverinfo == "skip" and outline.line.color == "#4d4d4d"
    lons = [x for x in outline.lon if x is not None]
    lats = [y for y in outline.lat if y is not None]
    prefectures = geo.layer_geojson(REGION, "prefecture")["features"]
    (tonghua,) = [f for f in prefectures if f["properties"]["adcode"] == TONGHUA]
    assert (min(lons), min(lats), max(lons), max(lats)) == pytest.approx(
        shape(tonghua["geometry"]).bounds, abs=1e-6)  # the prefecture's own edge
    # the valued places keep trace 0 and their hover
    assert slide.data[0].uid == "values" and slide.data[0].hoverinfo != "skip"


def test_no_neighbour_is_named_under_the_legend(slide):
    names = by_uid(slide, "around_names")
    west, east = slide.layout.geo.lonaxis.range
    south, north = slide.layout.geo.lataxis.range
    panels = [s for s in slide.layout.shapes if s.fillcolor and "255,255,255" in s.fillcolor]
    assert len(panels) == 3  # title, source line, legend
    legend = [s for s in panels if s.xanchor == 1]
    (legend,) = legend
    width = COLUMN_PX[True]
    scale = width / math.radians(east - west)
    top = mercator(north)
    for lon, lat in zip(names.lon, names.lat, strict=True):
        x = math.radians(lon - west) * scale
        y = (top - mercator(lat)) * scale
        inside = box(width + legend.x0, -legend.y1, width, -legend.y0)
        assert not inside.contains(Point(x, y)), (lon, lat)


def test_the_legend_and_source_line_float_over_the_map(slide):
    legend = [note for note in slide.layout.annotations if note.name == "legend"]
    assert legend and all(note.x == 1 and note.xshift < 0 for note in legend)
    (source,) = [note for note in slide.layout.annotations if "通化日报" in note.text]
    assert source.yanchor == "bottom" and source.y == 0


def test_frame_places_the_focus_in_the_free_rectangle():
    frame = slide_frame((125.0, 40.9, 126.6, 42.9), (868, 600), (0, 80, 700, 540))
    west, south, east, north = frame.box(0, 80, 700, 540)
    # the tall focus fills the free height, centred across the free width
    assert north == pytest.approx(42.9, abs=1e-6) and south == pytest.approx(40.9, abs=1e-6)
    assert (125.0 - west) == pytest.approx(east - 126.6, abs=1e-6)


def test_fitted_height_of_the_province_map():
    """Jilin's prefecture map: its drawing is about 0.7 times as tall as wide, and the text
    above and below it is the figure's top and bottom margins."""
    facts = loaders.load_facts()
    values = by_place(facts, "investment_total", "prefecture", "project")
    figure = choropleth_figure(values[["adcode", "value", "n_facts"]],
                               geo.layer_geojson(REGION, "prefecture"), title="总投资",
                               subtitle="项目合计", source="通化日报", exported="2026-12-03")
    fit = fitted_height(figure)
    assert 0.6 < fit["ratio"] < 0.8, fit
    assert fit["text"] == figure.layout.margin.t + figure.layout.margin.b > 0
    assert fit["side"] == figure.layout.margin.r
