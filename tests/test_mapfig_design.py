"""The map's reading aids on the curated data: classes that survive an outlier, a no-data
hatch that stays distinct in greyscale, labels ≥ 4.5:1 on their place, projector-sized type,
and a figure that explains itself when saved as a PNG or a slide.
"""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from shapely.geometry import LineString, Point, shape
from shapely.ops import unary_union

import geo
import loaders
from dashboard import review
from dashboard.aggregate import by_place
from dashboard.mapfig import NO_DATA_COLOR, PLOTLY_CONFIG, choropleth_figure
from dashboard.mapfig_classes import (
    CLASS_PALETTES,
    breaks,
    class_labels,
    classify,
    contrast,
    luminance,
)
from dashboard.theme import PRESENT_MIN_PX

TONGHUA = "220500"
LIUHE = "220524"  # 柳河县: 135.3亿元 of projects, the outlier
MEIHEKOU = "220581"  # 梅河口市: no project figure in the curated articles
CORE_TRACES = ("values", "no_data", "selected", "labels")


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return loaders.load_facts()


@pytest.fixture(scope="module")
def short() -> dict:
    return geo.short_names(loaders.load_places())


def investment(facts: pd.DataFrame, level: str) -> pd.DataFrame:
    return by_place(facts, "investment_total", level, "project")[["adcode", "value", "n_facts"]]


@pytest.fixture(scope="module")
def tonghua_layer() -> dict:
    return geo.layer_under("220000", "county", TONGHUA)


@pytest.fixture(scope="module")
def tonghua(facts, tonghua_layer, short):
    def build(**options):
        lang = options.pop("lang", "zh")
        return choropleth_figure(investment(facts, "county"), tonghua_layer, lang=lang,
                                 labels=geo.label_points(tonghua_layer, lang, short),
                                 title="总投资", subtitle="项目合计", **options)
    return build


def by_uid(figure, uid):
    (trace,) = [trace for trace in figure.data if trace.uid == uid]
    return trace


def classes_of(figure) -> dict[str, int]:
    values = by_uid(figure, "values")
    return dict(zip(values.locations, values.z, strict=True))


def fill_of(figure) -> dict[str, str]:
    """adcode → drawn fill colour, from the values trace's stepped colorscale."""
    values = by_uid(figure, "values")
    steps = values.colorscale
    n = len(steps) // 2
    fills = {code: steps[2 * k][1] for code, k in classes_of(figure).items() if k < n}
    return {**dict.fromkeys(by_uid(figure, "no_data").locations, NO_DATA_COLOR), **fills}


# --- classes -----------------------------------------------------------------------------------


def test_tonghua_outlier_does_not_wash_out_the_other_counties(tonghua):
    figure = tonghua()
    classes = classes_of(figure)
    assert len(set(classes.values())) >= 4  # six distinct values
    others = {code: k for code, k in classes.items() if code != LIUHE}
    assert len(set(others.values())) >= 2
    assert classes[LIUHE] == max(classes.values())
    assert sum(1 for k in classes.values() if k == classes[LIUHE]) == 1  # alone at the top
    # the Tonghua breaks in 亿元, as the legend prints them
    texts = [note.text for note in figure.layout.annotations]
    assert ["4.2–5", "5–7", "7–20", "20–100", "100–135.3"] == texts[1:6]


def test_jilin_counties_get_five_classes_and_prefectures_as_many_as_values(facts, short):
    counties = geo.layer_geojson("220000", "county")
    figure = choropleth_figure(investment(facts, "county"), counties)
    assert len(set(classes_of(figure).values())) >= 4
    prefectures = geo.layer_geojson("220000", "prefecture")
    values = investment(facts, "prefecture")
    figure = choropleth_figure(values, prefectures,
                               labels=geo.label_points(prefectures, "zh", short))
    # only 延边州 and 通化市 have project totals: two values, two classes
    assert len(set(classes_of(figure).values())) == values["value"].nunique() == 2


def test_breaks_are_round_numbers_between_neighbouring_values():
    tonghua = [135.3, 25, 15.09, 7.5, 6.2, 4.2]
    assert breaks(tonghua) == [5, 7, 20, 100]
    assert [classify(v, breaks(tonghua)) for v in sorted(tonghua)] == [0, 1, 2, 2, 3, 4]
    assert class_labels(4.2, 135.3, [5, 7, 20, 100])[-1] == "100–135.3"
    assert breaks([3.0, 3.0, 8.0]) == [5]  # two distinct values, two classes
    assert breaks([1.0]) == []
    assert classify(0.0, breaks([0.0, 10.0, 20.0])) == 0


def test_counts_read_as_whole_ranges_that_do_not_share_a_number(facts):
    """The quality page's map counts facts per county: "1–5, 5–8" left a 5 in two classes."""
    jilin = facts[facts["region_adcode"] == "220000"]
    counts = review.facts_per_county(jilin)
    figure = choropleth_figure(counts, geo.layer_under("220000", "county", "220000"),
                               unit="fact", units=loaders.load_vocab()["units"])
    legend = [note.text for note in figure.layout.annotations if note.name == "legend"]
    assert legend == ["条", "1–4", "5–7", "8–10", "11–12", "13–27", "无数据"]
    # money keeps its breaks: a value may fall anywhere between two whole 亿元
    assert class_labels(4.2, 135.3, [5, 7, 20, 100], counted=False)[:2] == ["4.2–5", "5–7"]


def test_palette_classes_differ_in_luminance_and_from_no_data():
    for n, colours in CLASS_PALETTES.items():
        for darker, lighter in itertools.pairwise(reversed(colours)):
            assert contrast(lighter, darker) >= 1.4, (n, lighter, darker)
        assert contrast(NO_DATA_COLOR, colours[0]) >= 1.25
        assert luminance(colours[0]) < luminance(NO_DATA_COLOR)


def test_every_legend_swatch_has_an_edge_seen_on_white(facts, short):
    """The lightest class of Jilin's prefecture map is near white: without an outline its
    swatch vanishes on the page and in greyscale. Every swatch is framed at 3:1 or more."""
    prefectures = geo.layer_under("220000", "prefecture", "220000")
    figure = choropleth_figure(investment(facts, "prefecture"), prefectures,
                               labels=geo.label_points(prefectures, "zh", short))
    swatches = [s for s in figure.layout.shapes if s.type == "rect"]
    assert len(swatches) == 3  # 延边州's and 通化市's classes, then no data
    assert contrast(swatches[0].fillcolor, "#ffffff") < 1.5  # the light class
    for swatch in swatches:
        assert swatch.line.width >= 1 and contrast(swatch.line.color, "#ffffff") >= 3


def test_zero_gets_the_lowest_class_not_the_no_data_fill(tonghua_layer):
    codes = [str(f["id"]) for f in tonghua_layer["features"]]
    values = pd.DataFrame({"adcode": codes[:3], "value": [0.0, 5e8, 9e9], "n_facts": 1})
    figure = choropleth_figure(values, tonghua_layer)
    assert fill_of(figure)[codes[0]] != NO_DATA_COLOR
    assert codes[0] not in by_uid(figure, "no_data").locations


# --- no data: white with a hatch -----------------------------------------------------------


def hatch_lines(figure) -> list[LineString]:
    hatch = by_uid(figure, "hatch")
    lines, points = [], []
    for lon, lat in zip(list(hatch.lon) + [None], list(hatch.lat) + [None], strict=True):
        if lon is None:
            if len(points) > 1:
                lines.append(LineString(points))
            points = []
        else:
            points.append((lon, lat))
    return lines


@pytest.mark.parametrize("level", ["county", "prefecture"])
def test_hatch_lies_exactly_over_the_no_data_places(facts, level):
    layer = geo.layer_under("220000", "county", TONGHUA) if level == "county" else (
        geo.layer_geojson("220000", "prefecture"))
    figure = choropleth_figure(investment(facts, level), layer)
    missing = set(by_uid(figure, "no_data").locations)
    shapes = {str(f["id"]): shape(f["geometry"]) for f in layer["features"]}
    lines = hatch_lines(figure)
    assert lines and by_uid(figure, "hatch").hoverinfo == "skip"
    blank = unary_union([shapes[c] for c in missing]).buffer(1e-6)
    assert all(blank.contains(line) for line in lines)
    for code in missing:
        assert any(line.intersects(shapes[code]) for line in lines), code
    if level == "county":
        assert MEIHEKOU in missing
        # white and hatched: apart from the lowest class in luminance and by its pattern
        lowest = by_uid(figure, "values").colorscale[0][1]
        assert fill_of(figure)[MEIHEKOU] == NO_DATA_COLOR
        assert contrast(NO_DATA_COLOR, lowest) >= 1.25
        assert any(line.intersects(shapes[MEIHEKOU]) for line in lines)


def test_hatch_leaves_labels_free(tonghua, tonghua_layer):
    figure = tonghua(present=True)
    points = [Point(lon, lat) for trace in figure.data if trace.uid.startswith("labels")
              for lon, lat in zip(trace.lon, trace.lat, strict=True)]
    for line in hatch_lines(figure):
        assert not any(line.distance(point) < 1e-3 for point in points)


# --- labels ------------------------------------------------------------------------------------


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_label_has_at_least_4_5_to_1_on_its_place(tonghua, facts, short, lang, present):
    prefectures = geo.layer_geojson("220000", "prefecture")
    jilin = choropleth_figure(investment(facts, "prefecture"), prefectures, lang=lang,
                              labels=geo.label_points(prefectures, lang, short),
                              present=present)
    for figure in (tonghua(lang=lang, present=present, selected="220502"), jilin):
        fills = fill_of(figure)
        seen = 0
        for trace in figure.data:
            if not trace.uid.startswith("labels"):
                continue
            for code in trace.customdata:
                ratio = contrast(trace.textfont.color, fills[code])
                assert ratio >= 4.5, (code, trace.textfont.color, fills[code], ratio)
                seen += 1
        assert seen >= 4
    assert by_uid(tonghua(), "labels_light").textfont.color == "#ffffff"  # 柳河县 is dark


# --- type, legend, export ----------------------------------------------------------------------


def font_sizes(node, path="") -> list[tuple[str, float]]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("font", "textfont") and isinstance(value, dict) and "size" in value:
                found.append((f"{path}.{key}", value["size"]))
            found += font_sizes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += font_sizes(item, f"{path}[{i}]")
    return found


def test_presenter_mode_text_is_at_least_18_px(tonghua):
    figure = tonghua(present=True, source="吉林日报 2025-03-01", exported="2026-12-02")
    sizes = font_sizes(figure.to_dict())
    paths = " ".join(path for path, _ in sizes)
    for part in ("title.font", "subtitle.font", "annotations", "textfont"):
        assert part in paths
    small = [(path, size) for path, size in sizes if size < PRESENT_MIN_PX]
    assert not small


def test_legend_is_in_its_own_column_right_of_the_drawing(tonghua):
    figure = tonghua()
    legend = [note for note in figure.layout.annotations if note.name == "legend"]
    assert [note.text for note in legend][-1] == "无数据"
    assert all(note.x == 1 and note.xanchor == "left" and note.xshift >= 0 for note in legend)
    assert figure.layout.margin.r >= max(len(note.text) for note in legend) * 10
    paths = [shape for shape in figure.layout.shapes if shape.type == "path"]
    assert len(paths) == 1 and paths[0].path.count("M") >= 3  # the hatched no-data swatch


def test_view_covers_every_place_with_or_without_data(tonghua, tonghua_layer):
    figure = tonghua()
    geo_layout = figure.layout.geo
    meihekou = next(shape(f["geometry"]) for f in tonghua_layer["features"]
                    if str(f["id"]) == MEIHEKOU)
    west, south, east, north = meihekou.bounds
    assert geo_layout.lonaxis.range[0] <= west and east <= geo_layout.lonaxis.range[1]
    assert geo_layout.lataxis.range[0] <= south and north <= geo_layout.lataxis.range[1]
    assert figure.layout.margin.l == 0 and figure.layout.margin.b == 0


def test_only_places_are_clickable_and_core_trace_order_is_fixed(tonghua):
    figure = tonghua(selected="220502")
    assert tuple(trace.uid for trace in figure.data[:4]) == CORE_TRACES
    for trace in figure.data[2:]:
        assert trace.hoverinfo == "skip", trace.uid
    assert all(getattr(trace, "locations", None) is None for trace in figure.data[3:])


def test_saved_image_carries_source_and_export_date(tonghua):
    figure = tonghua(source="吉林日报、新华网 3 篇报道（2025-03 至 2025-11）",
                     exported="2026-12-02")
    note = next(note for note in figure.layout.annotations if note.name != "legend")
    assert "吉林日报" in note.text and "2026-12-02" in note.text and note.text.startswith("来源")
    assert figure.layout.margin.b > note.font.size
    english = tonghua(lang="en", source="Jilin Daily", exported="2026-12-02")
    assert "Source: Jilin Daily · Exported 2026-12-02" in [n.text for n in
                                                           english.layout.annotations]
    # the camera saves a 1920×1080 PNG: the 1280×720 design scaled 1.5×
    options = PLOTLY_CONFIG["toImageButtonOptions"]
    assert (options["width"] * options["scale"], options["height"] * options["scale"]) == (
        1920, 1080)


def test_legend_goes_above_a_wide_layer_and_beside_a_tall_one(facts, tonghua):
    prefectures = geo.layer_geojson("220000", "prefecture")
    # On a laptop the province's map column is narrow: rows above leave the larger drawing.
    wide = choropleth_figure(investment(facts, "prefecture"), prefectures, title="总投资",
                             subtitle="项目合计")
    legend = [note for note in wide.layout.annotations if note.name == "legend"]
    assert wide.layout.margin.r == 0
    assert all(note.x == 0 and note.yshift > 0 for note in legend)  # above the drawing
    assert wide.layout.margin.t > 3 * wide.layout.title.font.size  # title, subtitle, legend
    for present in (False, True):
        tall = tonghua(present=present)
        assert tall.layout.margin.r > 0 and all(
            note.x == 1 for note in tall.layout.annotations if note.name == "legend")


def test_long_source_line_wraps_inside_the_map_column(tonghua):
    from dashboard.mapfig_layout import COLUMN_PX
    from dashboard.theme import text_width

    source = "吉林日报、新华网、中国吉林网、通化日报等 12 篇报道，2023-04-20 至 2025-11-30"
    figure = tonghua(present=True, source=source, exported="2026-12-02")
    note = next(note for note in figure.layout.annotations if note.name != "legend")
    lines = note.text.split("<br>")
    assert len(lines) >= 2 and "".join(lines).replace(" ", "") == (
        f"来源：{source} · 导出：2026-12-02".replace(" ", ""))
    assert all(text_width(line, note.font.size) <= COLUMN_PX[True] for line in lines)
    assert figure.layout.margin.b >= len(lines) * note.font.size


def test_source_line_fits_a_phone(tonghua):
    """Off presenter mode the map is also drawn on a 390 px phone, and plotly does not wrap
    text: every line of the source fits the phone's figure (it ran past the edge at 466)."""
    from dashboard.mapfig_layout import EDGE_PAD_PX, PHONE_FIGURE_PX
    from dashboard.theme import text_width

    source = ("通化日报（推断） 2023-04-20*; 未注明（署名“文 张新”，图片由延边州委宣传部提供） "
              "2024-07-15*; 延边日报（推断） 2024-08-05*; 中国新闻网（推断） 2024-08-20*")
    figure = tonghua(present=False, source=source, exported="2026-12-03")
    note = next(note for note in figure.layout.annotations if note.name != "legend")
    lines = note.text.split("<br>")
    assert len(lines) >= 3 and "2024-08-05*;" in note.text.replace("<br>", "")
    assert all(text_width(line, note.font.size) <= PHONE_FIGURE_PX - 2 * EDGE_PAD_PX
               for line in lines)
