"""The choropleth figure: no data is never drawn as zero, hover speaks the reader's units, and
the figure never points plotly.js at the internet. Rendering itself is covered by
tests/browser/test_map.py; these tests read the figure object only.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
import plotly.graph_objects as go
import pytest

import geo
import loaders
from dashboard.mapfig import NO_DATA_COLOR, PLOTLY_CONFIG, choropleth_figure
from geo.labels import label_points, short_name, short_names

CHANGCHUN_DISTRICT = "220102"  # 南关区
DUNHUA = "222403"  # 敦化市


@pytest.fixture(scope="module")
def layer() -> dict:
    return geo.layer_geojson("220000", "county")


@pytest.fixture(scope="module")
def codes(layer) -> list[str]:
    return [str(f["id"]) for f in layer["features"]]


@pytest.fixture(scope="module")
def values(codes) -> pd.DataFrame:
    """Ten places: one at exactly zero, one at 187.6亿元, the rest in between."""
    chosen = codes[:10]
    amounts = [0.0, 1.876e10] + [1e9 * i for i in range(1, 9)]
    return pd.DataFrame({"adcode": chosen, "value": amounts, "n_facts": [3] * 10})


def by_uid(figure: go.Figure, uid: str):
    matches = [trace for trace in figure.data if trace.uid == uid]
    assert len(matches) == 1, f"expected one trace with uid {uid!r}"
    return matches[0]


def test_values_trace_holds_exactly_the_places_with_values(layer, values):
    figure = choropleth_figure(values, layer)
    coloured = by_uid(figure, "values")
    assert isinstance(coloured, go.Choropleth)
    assert sorted(coloured.locations) == sorted(values["adcode"])
    assert figure.data[0] is coloured  # curve_number 0 in click events
    shown = {f["id"] for f in coloured.geojson["features"]}
    assert shown == set(values["adcode"])


def test_no_data_trace_holds_exactly_the_others(layer, codes, values):
    figure = choropleth_figure(values, layer)
    grey = by_uid(figure, "no_data")
    assert isinstance(grey, go.Choropleth)
    assert sorted(grey.locations) == sorted(set(codes) - set(values["adcode"]))
    assert grey.name == "无数据"
    assert grey.showscale is False
    legend_texts = [note.text for note in figure.layout.annotations]
    assert "无数据" in legend_texts  # the drawn legend has a no-data entry
    assert {stop[1] for stop in grey.colorscale} == {NO_DATA_COLOR}
    assert all("无数据 / no data" in row for row in grey.customdata)
    english = choropleth_figure(values, layer, lang="en")
    assert by_uid(english, "no_data").name == "No data"
    assert "No data" in [note.text for note in english.layout.annotations]


def test_every_place_is_drawn_once(layer, codes, values):
    figure = choropleth_figure(values, layer)
    drawn = list(by_uid(figure, "values").locations) + list(by_uid(figure, "no_data").locations)
    assert sorted(drawn) == sorted(codes)


def test_zero_is_coloured_not_grey(layer, values):
    from dashboard.mapfig_classes import luminance

    figure = choropleth_figure(values, layer)
    coloured, grey = by_uid(figure, "values"), by_uid(figure, "no_data")
    assert CHANGCHUN_DISTRICT in coloured.locations
    assert CHANGCHUN_DISTRICT not in grey.locations
    index = list(coloured.locations).index(CHANGCHUN_DISTRICT)
    assert coloured.z[index] == 0  # the lowest class
    lowest = coloured.colorscale[0][1]
    assert lowest.lower() != NO_DATA_COLOR.lower()
    red, green, blue = (int(lowest[i : i + 2], 16) for i in (1, 3, 5))
    assert max(red, green, blue) - min(red, green, blue) > 40, f"{lowest} should be tinted"
    assert (luminance(NO_DATA_COLOR) + 0.05) / (luminance(lowest) + 0.05) >= 1.25


def test_nan_value_counts_as_no_data(layer, values):
    frame = values.copy()
    frame.loc[1, "value"] = float("nan")
    figure = choropleth_figure(frame, layer)
    code = frame.loc[1, "adcode"]
    assert code in by_uid(figure, "no_data").locations
    assert code not in by_uid(figure, "values").locations


def test_hover_uses_chinese_units_and_fact_count(layer, values):
    figure = choropleth_figure(values, layer, value_label="总投资")
    coloured = by_uid(figure, "values")
    row = coloured.customdata[list(coloured.locations).index(values.loc[1, "adcode"])]
    assert "187.6亿元" in row
    assert "3 条事实" in row
    assert coloured.hovertemplate.endswith("<extra></extra>")
    assert "总投资" in coloured.hovertemplate
    name_zh, name_en = row[0], row[1]
    assert name_zh and name_en and name_zh != name_en


def test_hover_in_english(layer, values):
    coloured = by_uid(choropleth_figure(values, layer, lang="en"), "values")
    row = coloured.customdata[list(coloured.locations).index(values.loc[1, "adcode"])]
    assert "CNY 18.76 bn" in row
    assert "3 facts" in row


def test_legend_is_scaled_to_display_unit(layer, values):
    figure = choropleth_figure(values, layer)
    texts = [note.text for note in figure.layout.annotations]
    assert "亿元" in texts  # the legend's title is the display unit
    assert texts[-2] == "80–187.6"  # the top class ends at the largest value, 187.6亿元
    english = [note.text for note in choropleth_figure(values, layer, lang="en").layout.annotations]
    assert "CNY bn" in english and "8–18.76" in english


def test_selected_place_gets_an_outline(layer, values):
    figure = choropleth_figure(values, layer, selected=DUNHUA)
    outline = by_uid(figure, "selected")
    assert list(outline.locations) == [DUNHUA]
    assert outline.marker.line.width >= 3
    assert outline.hoverinfo == "skip"
    assert list(by_uid(choropleth_figure(values, layer), "selected").locations) == []
    assert (
        list(by_uid(choropleth_figure(values, layer, selected="999999"), "selected").locations)
        == []
    )


def test_labels_follow_language(layer):
    english = label_points(layer, "en")
    chinese = label_points(layer, "zh")
    assert len(english) == len(chinese) == len(layer["features"])
    row = english[english["adcode"] == DUNHUA].iloc[0]
    assert row["name"] == "Dunhua"
    assert chinese[chinese["adcode"] == DUNHUA].iloc[0]["name"] == "敦化市"
    assert 127 < row["lon"] < 130 and 42 < row["lat"] < 45
    figure = choropleth_figure(
        pd.DataFrame(columns=["adcode", "value", "n_facts"]), layer, lang="en", labels=english
    )
    text = by_uid(figure, "labels")
    assert "Dunhua" in text.text and "敦化市" not in text.text
    assert text.hoverinfo == "skip"
    assert text.textfont.size >= 14
    present = choropleth_figure(
        pd.DataFrame(columns=["adcode", "value", "n_facts"]), layer, labels=english, present=True
    )
    assert by_uid(present, "labels").textfont.size >= 22


def test_label_points_lie_inside_their_place(layer):
    from shapely.geometry import Point, shape

    points = label_points(layer, "zh").set_index("adcode")
    for feature in layer["features"]:
        row = points.loc[str(feature["id"])]
        assert shape(feature["geometry"]).contains(Point(row["lon"], row["lat"]))


def test_names_sit_where_their_place_has_room(layer):
    """A narrow county's name sits away from its border, not just anywhere inside it."""
    from shapely.geometry import Point, shape

    points = label_points(layer, "zh").set_index("adcode")
    shapes = {str(f["id"]): shape(f["geometry"]) for f in layer["features"]}

    def room(code: str) -> float:  # degrees from the name's anchor to the place's border
        return shapes[code].boundary.distance(Point(points.at[code, "lon"], points.at[code, "lat"]))

    # 图们市 and 通化's 二道江区 are long and narrow: 0.078° and 0.019° of room at a
    # representative point, 0.112° and 0.058° at the point farthest from the border.
    assert room("222402") > 0.1
    assert room("220503") > 0.05
    assert all(room(code) >= shapes[code].boundary.distance(shapes[code].representative_point())
               - 0.005 for code in shapes if shapes[code].geom_type == "Polygon")


def test_empty_values_draw_everything_as_no_data(layer, codes):
    figure = choropleth_figure(pd.DataFrame(columns=["adcode", "value", "n_facts"]), layer)
    assert sorted(by_uid(figure, "no_data").locations) == sorted(codes)
    assert list(by_uid(figure, "values").locations) == []


def test_layout_is_offline_and_keeps_zoom(layer, values):
    figure = choropleth_figure(values, layer)
    geo_layout = figure.layout.geo
    # explicit ranges over the whole layer: plotly's fitbounds="locations" left half the
    # plot empty (see mapfig_layout.map_layout)
    assert not geo_layout.fitbounds
    from geo.labels import layer_bounds

    west, south, east, north = layer_bounds(layer)
    assert geo_layout.lonaxis.range[0] <= west < east <= geo_layout.lonaxis.range[1]
    assert geo_layout.lataxis.range[0] <= south < north <= geo_layout.lataxis.range[1]
    assert geo_layout.projection.type == "mercator"
    assert not (geo_layout.showland or geo_layout.showcountries or geo_layout.showcoastlines)
    assert figure.layout.uirevision == choropleth_figure(values.head(3), layer).layout.uirevision
    assert "Noto Sans CJK SC" in figure.layout.font.family
    assert figure.layout.clickmode == "event+select"


def test_plotly_config_serves_topojson_ourselves():
    url = PLOTLY_CONFIG["topojsonURL"]
    parts = urlsplit(url)
    assert not parts.scheme and not parts.netloc, f"{url} must be relative"
    assert not url.startswith("/"), "a leading slash would drop a proxy's base path"
    assert "cdn.plot.ly" not in url
    assert PLOTLY_CONFIG["displaylogo"] is False
    assert PLOTLY_CONFIG["toImageButtonOptions"]["format"] == "png"
    assert PLOTLY_CONFIG["toImageButtonOptions"] == {
        "format": "png", "width": 1280, "height": 720, "scale": 1.5, "filename": "map"}
    assert PLOTLY_CONFIG["displayModeBar"] is True
    removed = set(PLOTLY_CONFIG["modeBarButtonsToRemove"])
    assert {"pan2d", "select2d", "lasso2d"} <= removed
    assert not removed & {"toImage", "zoomInGeo", "zoomOutGeo", "resetGeo"}


def test_topojson_file_for_the_chosen_scope_is_shipped(layer, values):
    from pathlib import Path

    figure = choropleth_figure(values, layer)
    scope = figure.layout.geo.scope
    resolution = figure.layout.geo.resolution
    static = Path(__file__).resolve().parent.parent / "static"
    relative = PLOTLY_CONFIG["topojsonURL"].removeprefix("app/static/")
    shipped = static / relative / f"{scope}_{resolution}m.json"
    assert shipped.is_file(), f"plotly.js will request {shipped.name}; ship it in {shipped.parent}"


# --- short labels and the map's own title -----------------------------------------------------


def test_short_name_comes_from_the_gazetteer_aliases():
    assert short_name("延边朝鲜族自治州", "延边|延边州|延邊朝鮮族自治州|延邊|延邊州") == "延边州"
    # the alias must keep the unit word and be a subsequence of the simplified name
    assert short_name("长春市", "长春|長春市|長春") == "长春市"
    assert short_name("长白朝鲜族自治县", "長白縣|长白|长白县") == "长白县"
    assert short_name("敦化市", "") == "敦化市"


def test_prefecture_labels_use_short_names():
    places = loaders.load_places()
    layer = geo.layer_geojson("220000", "prefecture")
    chinese = label_points(layer, "zh", short_names(places)).set_index("adcode")["name"]
    assert chinese["222400"] == "延边州" and chinese["220100"] == "长春市"
    assert max(len(name) for name in chinese) <= 4  # no 延边朝鲜族自治州 over its neighbours
    english = label_points(layer, "en", short_names(places)).set_index("adcode")["name"]
    assert english["222400"] == "Yanbian"


def test_title_and_subtitle_state_metric_and_basis_once(layer):
    figure = choropleth_figure(pd.DataFrame(columns=["adcode", "value", "n_facts"]), layer,
                               title="总投资", subtitle="项目合计（按项目所在地汇总）")
    assert figure.layout.title.text == "总投资"
    assert figure.layout.title.subtitle.text == "项目合计（按项目所在地汇总）"
    assert figure.layout.margin.t > 2 * figure.layout.title.font.size  # room for both lines


def test_crowded_county_labels_are_thinned_but_prefectures_always_named():
    import loaders
    from geo.labels import declutter

    places = loaders.load_places()
    jilin = geo.layer_geojson("220000", "prefecture")
    named = declutter(label_points(jilin, "zh", short_names(places)), jilin, lang="zh",
                      font_px=22, plot_px=400)
    assert len(named) == 9  # every prefecture, even at presenter size
    county = geo.layer_geojson("220000", "county")
    tonghua = {**county, "features": [f for f in county["features"]
                                      if f["properties"]["parent_adcode"] == "220500"]}
    labels = label_points(tonghua, "zh", short_names(places))
    kept = declutter(labels, tonghua, lang="zh", font_px=22, plot_px=400, keep="220502")
    # selected 东昌区 (220502) stays; 二道江区, which its label would cover, gives way; the
    # others find a free spot on their own place
    assert set(kept["adcode"]) == {"220502", "220521", "220523", "220524", "220581", "220582"}
    unselected = declutter(labels, tonghua, lang="zh", font_px=22, plot_px=400)
    assert "220503" not in set(unselected["adcode"])


def test_every_yantai_district_is_named_on_the_landing_map():
    """Names moved to where their place has room must not cost a small place its name: at
    its room-most point 福山区's name takes the room of 芝罘区, the city centre, so it goes to
    another free spot on its own place."""
    layer = geo.layer_geojson("370600", "county")
    short = short_names(loaders.load_places())
    figure = choropleth_figure(
        pd.DataFrame(columns=["adcode", "value", "n_facts"]), layer, lang="zh", height=660,
        labels=label_points(layer, "zh", short),
        title="总投资", subtitle="项目合计（按项目所在地汇总）")
    named = [name for trace in figure.data if trace.uid in ("labels", "labels_light")
             for name in trace.text]
    assert sorted(named) == sorted(short[str(f["id"])] for f in layer["features"])
    assert "芝罘区" in named


def test_prefecture_labels_move_apart_inside_their_own_place():
    """Presenter mode (map in half the width): 通化市 printed over 白山市 at 1280x720. Both
    stay, and the moved one still sits inside its own prefecture."""
    from shapely.geometry import Point, shape

    import loaders
    from geo.labels import declutter, label_box, layer_bounds, screen_scale

    layer = geo.layer_under("220000", "prefecture", "220000")
    labels = label_points(layer, "zh", short_names(loaders.load_places()))
    kept = declutter(labels, layer, lang="zh", font_px=22, plot_px=454, aspect=0.95)
    assert len(kept) == 9  # prefectures are always named
    shapes = {str(f["properties"]["adcode"]): shape(f["geometry"]) for f in layer["features"]}
    for row in kept.itertuples():
        assert shapes[row.adcode].contains(Point(row.lon, row.lat)), row.name
    scale = screen_scale(layer_bounds(layer), 454, 0.95)
    tonghua, baishan = (label_box(row["lon"], row["lat"], row["name"], lang="zh", font_px=22,
                                  scale=scale)
                        for row in (kept.set_index("adcode").loc[code]
                                    for code in ("220500", "220600")))
    # the boxes (west, east, south, north) overlap east to west, so they no longer share a row
    assert tonghua[1] > baishan[0]
    assert tonghua[2] > baishan[3]


def test_a_half_width_map_on_a_slide_plans_for_its_own_width():
    """The overview's map (half the row) in presenter mode read "通化市白山市", and its source
    line was wrapped for the wide map column, past its own edge. Now names on one row keep a
    gap, and the source line and legend are planned for the half column."""
    from dashboard.aggregate import by_place
    from dashboard.mapfig_layout import HALF_COLUMN_PX
    from dashboard.theme import text_width

    facts = loaders.load_facts()
    layer = geo.layer_under("220000", "prefecture", "220000")
    values = by_place(facts[facts["region_adcode"] == "220000"], "investment_total",
                      "prefecture", "project")[["adcode", "value", "n_facts"]]
    source = ("通化日报（推断） 2023-04-20*; "
              "未注明（署名“文 张新”，图片由延边州委宣传部提供） 2024-07-15*")
    figure = choropleth_figure(values, layer, present=True, height=460, title="总投资",
                               subtitle="项目合计", column_px=HALF_COLUMN_PX[True],
                               source=source, exported="2026-12-04",
                               labels=label_points(layer, "zh",
                                                   short_names(loaders.load_places())))
    where = {name: (lon, lat) for trace in figure.data if trace.uid in ("labels", "labels_light")
             for name, lon, lat in zip(trace.text, trace.lon, trace.lat, strict=True)}
    assert len(where) == 9  # every prefecture still named
    assert abs(where["通化市"][1] - where["白山市"][1]) > 0.5  # degrees: more than a row apart
    note = next(note for note in figure.layout.annotations if note.name != "legend")
    assert max(text_width(line, note.font.size) for line in note.text.split("<br>")) <= (
        HALF_COLUMN_PX[True])


def test_plotly_config_in_chinese_carries_plotly_words_inline():
    from dashboard.mapfig import plotly_config

    assert plotly_config("en") is PLOTLY_CONFIG
    zh = plotly_config("zh")
    words = zh["locales"]["zh-CN"]["dictionary"]
    assert zh["locale"] == "zh-CN" and words["Zoom in"] == "放大"
    assert words["Download plot as a PNG"] == "下载图片（PNG）"
    assert zh["topojsonURL"] == PLOTLY_CONFIG["topojsonURL"]  # nothing else changes
