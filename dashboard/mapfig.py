"""The choropleth map as a pure function of data: values per place in, Plotly figure out.

Kept free of Streamlit so it can be unit-tested and benchmarked without a server; the page
passes the figure to `st.plotly_chart(fig, config=PLOTLY_CONFIG, on_select="rerun", ...)`.

Design choices that readers of the map depend on:

* Values are shown in classes (see `mapfig_classes`): one large project must not wash out
  every other place. The legend lists each class's range in display units.
* "No data" is not zero. Places without a value are white with a grey hatch (`mapfig_hatch`),
  distinct from the lowest class also in greyscale; a value of 0 gets the lowest class colour.
* Labels are white on dark classes and near-black on light ones, each ≥ 4.5:1 on its place.
* The figure states what it shows (title, basis, legend, source line, export date), so a
  saved PNG or a slide needs no caption.
* Nothing is fetched from the internet. `go.Choropleth` makes plotly.js download a base
  topojson (`<topojsonURL><scope>_<resolution>m.json`) even when all base layers are hidden and
  refuses to draw if that fails; `PLOTLY_CONFIG` points it at our own copy in `static/topojson/`
  through a *relative* URL, so the app also works behind a reverse proxy's base path.
* Trace order is fixed (values, no data, selected outline, dark labels, hatch, then white
  labels if any, then in presenter mode the places around, their names and the map's outline)
  and each trace has a `uid`, so a click event's `curve_number` and the browser tests can rely
  on it. Only the first three carry locations (the others skip hover), so a click always
  reports the place's adcode.
* In presenter mode a drilled-down map is a slide: it fills the figure edge to edge with the
  prefectures around it, and the title, legend and source line float over them on white
  panels (`mapfig_around`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard import mapfig_layout as lay
from dashboard.fmt import axis_scale, format_value
from dashboard.i18n import plural, t
from dashboard.mapfig_around import outline_trace, plan_slide
from dashboard.mapfig_classes import (
    INK_DARK,
    INK_LIGHT,
    NO_DATA_FILL,
    breaks,
    class_labels,
    classify,
    ink_for,
    palette,
)
from dashboard.mapfig_hatch import hatch_segments, layer_shapes
from dashboard.mapfig_layout import (
    PLOTLY_CONFIG,
    PRESENT_FIGURE_PX,
    SLIDE_HEIGHT,
    SLIDE_LAYOUT,
    SLIDE_WIDTH,
    TOPOJSON_URL,
    plotly_config,
)
from dashboard.mapfig_legend import legend_items
from dashboard.theme import FONT_FAMILY
from geo.labels import declutter, label_box, screen_scale

__all__ = ["FONT_FAMILY", "NO_DATA_COLOR", "PLOTLY_CONFIG", "PRESENT_FIGURE_PX", "SLIDE_HEIGHT",
           "SLIDE_LAYOUT", "SLIDE_WIDTH", "TOPOJSON_URL", "choropleth_figure", "plotly_config"]

NO_DATA_COLOR = NO_DATA_FILL
BORDER_COLOR = "#ffffff"  # between valued places
NO_DATA_BORDER = "#969696"  # outlines white no-data places against the white page
HATCH_COLOR = "#737373"  # mid-dark grey: reads as a pattern, not as a dark class
SELECTED_COLOR = "#111111"
BORDER_PX = 0.8
HATCH_PX = 1.0
SELECTED_PX = {False: 3, True: 4}
TRANSPARENT = "rgba(0,0,0,0)"
HALO = {INK_DARK: "#ffffff", INK_LIGHT: "#000000"}


def _scale(unit: str, lang: str, units: Mapping[str, Mapping] | None) -> tuple[float, str]:
    """Divisor and display unit for the legend (亿元 / CNY bn for money)."""
    divisor, label = axis_scale(unit, lang)
    if divisor == 1 and units and unit in units:
        spec = units[unit]
        divisor = float(spec.get(f"display_factor_{lang}", 1) or 1)
        label = str(spec.get(f"display_{lang}", unit))
    return divisor, label


def _code(feature: Mapping) -> str:
    return str(feature.get("properties", {}).get("adcode", feature.get("id", "")))


def _names(layer: Mapping) -> dict[str, tuple[str, str]]:
    return {_code(f): (str(f.get("properties", {}).get("name_zh", _code(f))),
                       str(f.get("properties", {}).get("name_en", "")))
            for f in layer.get("features", [])}


def _subset(layer: Mapping, codes: list[str]) -> dict:
    """The layer restricted to `codes`: each trace carries only its own features, so the
    figure sent to the browser holds every boundary once (not once per trace)."""
    wanted = set(codes)
    return {"type": "FeatureCollection",
            "features": [f for f in layer.get("features", []) if _code(f) in wanted]}


def _hovertemplate(value_label: str, lang: str) -> str:
    # customdata: name_zh, name_en, formatted value, facts text
    colon = ": " if lang == "en" else "："
    line = f"{value_label}{colon}%{{customdata[2]}}" if value_label else "%{customdata[2]}"
    head = "<b>%{customdata[0]}</b> %{customdata[1]}"
    return f"{head}<br>{line}<br>%{{customdata[3]}}<extra></extra>"


def _valued(values: pd.DataFrame, names: Mapping) -> pd.DataFrame:
    frame = pd.DataFrame(values, columns=["adcode", "value", "n_facts"]).copy()
    frame["adcode"] = frame["adcode"].astype(str)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    frame = frame[frame["adcode"].isin(names) & frame["value"].notna()]
    return frame.drop_duplicates("adcode", keep="last").reset_index(drop=True)


def _classes(display: list[float], scaled: bool) -> tuple[list[int], list[str], list[str]]:
    """Class index per value, colour per class, legend range per class. Unscaled whole
    numbers are counts, and their ranges are written as whole numbers."""
    if not display:
        return [], [], []
    bounds = breaks(display)
    colours = palette(len(bounds) + 1)
    counted = not scaled and all(float(v).is_integer() for v in display)
    return ([classify(v, bounds) for v in display], colours,
            class_labels(min(display), max(display), bounds, counted))


def _stepped(colours: list[str]) -> list[list]:
    """A colorscale of flat steps: z = class index k (zmin -0.5, zmax n-0.5) gets colours[k]."""
    n = len(colours)
    return [[edge / n, colour] for i, colour in enumerate(colours) for edge in (i, i + 1)]


def _choropleth(uid: str, layer: Mapping, codes: list[str], **style) -> dict:
    # Traces are plain dicts: go.Figure validates them once (a trace object is validated
    # again when it is added).
    return dict(type="choropleth", uid=uid, geojson=_subset(layer, codes), featureidkey="id",
                locations=codes,
                # Plotly dims unselected places after a click; our outline shows it.
                selected={"marker": {"opacity": 1}},
                unselected={"marker": {"opacity": 1}}, **style)


def choropleth_figure(
    values: pd.DataFrame,
    layer: Mapping,
    *,
    lang: str = "zh",
    unit: str = "CNY",
    value_label: str = "",
    labels: pd.DataFrame | None = None,
    selected: str = "",
    height: int = 560,
    present: bool = False,
    units: Mapping[str, Mapping] | None = None,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    exported: str = "",
    around: Mapping | None = None,
    short: Mapping[str, str] | None = None,
    column_px: int | None = None,
) -> go.Figure:
    """Choropleth of `values` (adcode, value, n_facts) over `layer` (GeoJSON, feature id = adcode).

    Places of the layer missing from `values` (or with a NaN value) form the hatched no-data
    trace. `selected` (an adcode) gets a thick dark outline; `labels` (adcode, name, lon, lat,
    e.g. from `label_points`) are drawn as text; `present=True` sets type for a projector.
    `title` (what is mapped), `subtitle` (its basis), `source` (articles, outlets, dates) and
    `exported` (a date) are kept in the figure so a saved PNG explains itself. `around`
    (GeoJSON of the neighbouring places; presenter mode) widens the view to the plot's shape
    and fills it with them (see mapfig_around); `short` gives their short Chinese names.
    `column_px` is the width the page gives the map, when not the usual map column's.
    """
    names = _names(layer)
    frame = _valued(values, names)
    missing = [code for code in names if code not in set(frame["adcode"])]
    divisor, unit_label = _scale(unit, lang, units)
    classes, colours, ranges = _classes((frame["value"] / divisor).tolist(), divisor != 1)
    fills = {**dict.fromkeys(missing, NO_DATA_FILL),
             **{code: colours[k] for code, k in zip(frame["adcode"], classes, strict=True)}}
    sizes = lay.Sizes.of(present, column_px)
    selected = str(selected or "")
    traces = [_values_trace(frame, layer, names, classes, colours, sizes, lang=lang,
                            unit=unit, units=units, name=value_label or unit_label,
                            value_label=value_label),
              _no_data_trace(layer, missing, names, sizes, lang),
              _selected_trace(layer, [selected] if selected in names else [], sizes)]
    bounds = layer_shapes(layer)[1] if names else None
    no_data = t("no_data", lang)
    note = lay.note_lines(source, exported, lang, sizes)
    slide = bool(around) and bounds is not None
    legend = _legend(unit_label if colours else "", colours, ranges, no_data, sizes,
                     None if slide else bounds, height=height, has_title=bool(title),
                     has_subtitle=bool(subtitle), note=len(note))
    if slide:  # the map fills the figure; title, legend and source float over it
        plan = plan_slide(bounds, legend, sizes, title=title, subtitle=subtitle, note=note,
                          height=height)
        legend, plot = plan.legend, plan.plot
    else:
        plot = lay.plot_box(height, sizes, has_title=bool(title), has_subtitle=bool(subtitle),
                            note=len(note), legend_right=legend[2], legend_top=legend[3])
    dark_labels, light_labels, boxes = _labels(labels, layer, fills, lang=lang, sizes=sizes,
                                               selected=selected, plot=plot)
    traces += [dark_labels, _hatch_trace(layer, missing, boxes)]
    if light_labels is not None:
        traces.append(light_labels)
    if slide:
        traces += plan.traces(around, lang, sizes.label, short)
        traces.append(outline_trace(layer_shapes(layer)[0].values()))
        bounds = plan.frame.bounds
    layout = lay.map_layout(sizes, height=height, title=title, subtitle=subtitle, legend=legend,
                            bounds=bounds, source=source, exported=exported, lang=lang,
                            revision=f"map-{len(names)}-{min(names, default='')}", slide=slide)
    # One constructor: update_layout on a figure that already has traces goes through
    # plotly's relayout bookkeeping, which cost more than the rest of the build.
    return go.Figure(data=traces, layout=layout)


def _legend(title: str, colours: list[str], ranges: list[str], no_data: str,
            sizes: lay.Sizes, bounds: tuple[float, ...] | None, *, height: int,
            has_title: bool, has_subtitle: bool, note: int) -> tuple:
    """The legend as a column right of the drawing or as rows above it, whichever leaves the
    larger drawing: a tall layer is limited by height (width is spare), a wide one by width."""
    options = {"no_data_fill": NO_DATA_FILL, "hatch_colour": HATCH_COLOR,
               "border": HATCH_COLOR}  # 4.7:1 on white: a swatch's edge is seen (WCAG 1.4.11)
    column = legend_items(title, colours, ranges, no_data, sizes.legend, **options)
    if not bounds:
        return column
    row_width = sizes.column - 2 * lay.EDGE_PAD_PX
    rows = legend_items(title, colours, ranges, no_data, sizes.legend, row_width=row_width,
                        **options)
    west, south, east, north = bounds
    wide = (east - west) * math.cos(math.radians((south + north) / 2))
    tall = max(north - south, 1e-9)

    def drawing_scale(legend) -> float:
        width, plot_height = lay.plot_box(height, sizes, has_title=has_title,
                                          has_subtitle=has_subtitle, note=note,
                                          legend_right=legend[2], legend_top=legend[3])
        return min(width / max(wide, 1e-9), plot_height / tall)

    return rows if drawing_scale(rows) > drawing_scale(column) else column


def _values_trace(frame: pd.DataFrame, layer: Mapping, names: Mapping, classes: list[int],
                  colours: list[str], sizes: lay.Sizes, *, lang: str, unit: str,
                  units: Mapping | None, name: str, value_label: str) -> dict:
    """Trace 0: the valued places, z = class index on a stepped scale; the real value is in
    the hover (customdata)."""
    custom = [[names[code][0], names[code][1], format_value(value, unit, lang, units),
               plural(int(n or 0), "facts_behind", lang)]
              for code, value, n in zip(frame["adcode"], frame["value"],
                                        frame["n_facts"].fillna(0), strict=True)]
    return _choropleth(
        "values", layer, frame["adcode"].tolist(), name=name, z=classes,
        zmin=-0.5, zmax=max(len(colours), 1) - 0.5,
        colorscale=_stepped(colours) if colours else [[0, NO_DATA_FILL], [1, NO_DATA_FILL]],
        showscale=False, showlegend=False, customdata=custom,
        marker={"line": {"color": BORDER_COLOR, "width": BORDER_PX}},
        hovertemplate=_hovertemplate(value_label, lang), hoverlabel=lay.hoverlabel(sizes))


def _no_data_trace(layer: Mapping, missing: list[str], names: Mapping, sizes: lay.Sizes,
                   lang: str) -> dict:
    """Trace 1: places without a value, white (the hatch goes on top), still clickable."""
    return _choropleth(
        "no_data", layer, missing, name=t("no_data", lang), z=[0] * len(missing),
        colorscale=[[0, NO_DATA_FILL], [1, NO_DATA_FILL]], zmin=0, zmax=1, showscale=False,
        showlegend=False, marker={"line": {"color": NO_DATA_BORDER, "width": BORDER_PX}},
        customdata=[[*names[c], t("no_data_both", lang), ""] for c in missing],
        hovertemplate="<b>%{customdata[0]}</b> %{customdata[1]}<br>%{customdata[2]}"
        "<extra></extra>", hoverlabel=lay.hoverlabel(sizes))


def _selected_trace(layer: Mapping, chosen: list[str], sizes: lay.Sizes) -> dict:
    """Trace 2: a thick outline round the selected place, transparent inside."""
    return _choropleth(
        "selected", layer, chosen, name="selected", z=[0] * len(chosen),
        colorscale=[[0, TRANSPARENT], [1, TRANSPARENT]], showscale=False, showlegend=False,
        hoverinfo="skip",
        marker={"line": {"color": SELECTED_COLOR, "width": SELECTED_PX[sizes.present]}})


def _hatch_trace(layer: Mapping, missing: list[str], boxes: list[tuple]) -> dict:
    """Trace 4: the no-data hatch, leaving the label boxes free; never hovered or clicked."""
    lon, lat = hatch_segments(layer, missing, avoid=boxes)
    return dict(type="scattergeo", uid="hatch", name="hatch", lon=lon, lat=lat, mode="lines",
                line={"color": HATCH_COLOR, "width": HATCH_PX}, hoverinfo="skip",
                showlegend=False)


def _text_trace(uid: str, labels: pd.DataFrame, font_px: int, ink: str) -> dict:
    # A one-pixel halo in the opposite ink keeps a name legible where it runs over a
    # neighbour of another class; the contrast on its own place holds without it.
    halo = HALO[ink]
    return dict(
        type="scattergeo",
        uid=uid, name=uid, lon=labels["lon"].tolist(), lat=labels["lat"].tolist(),
        text=labels["name"].tolist(), customdata=labels["adcode"].astype(str).tolist(),
        mode="text", hoverinfo="skip", showlegend=False,
        textfont={"family": FONT_FAMILY, "size": font_px, "color": ink,
                  "shadow": f"0 0 1px {halo}, 0 0 2px {halo}"})


def _labels(labels: pd.DataFrame | None, layer: Mapping, fills: Mapping[str, str], *,
            lang: str, sizes: lay.Sizes, selected: str, plot: tuple[int, int]
            ) -> tuple[dict, dict | None, list[tuple]]:
    """The dark-ink labels trace (trace 3, always present), the light-ink trace for names
    on dark classes (it goes after the hatch), and the label boxes (degrees, so the hatch
    leaves them free). `plot` is the expected drawing area (px)."""
    empty = pd.DataFrame(columns=["adcode", "name", "lon", "lat"])
    if labels is None or not len(labels):
        return _text_trace("labels", empty, sizes.label, INK_DARK), None, []
    width, plot_px = plot
    aspect = width / max(plot_px, 1)
    labels = declutter(labels, layer, lang=lang, font_px=sizes.label, keep=selected,
                       aspect=aspect, plot_px=plot_px)
    scale = screen_scale(layer_shapes(layer)[1], plot_px, aspect)
    boxes = [label_box(lon, lat, str(name), lang=lang, font_px=sizes.label, scale=scale)
             for lon, lat, name in zip(labels["lon"], labels["lat"], labels["name"],
                                       strict=True)]
    inks = [ink_for(fills.get(str(code), NO_DATA_FILL)) for code in labels["adcode"]]
    light = [ink == INK_LIGHT for ink in inks]
    dark_trace = _text_trace("labels", labels[[not x for x in light]], sizes.label, INK_DARK)
    light_trace = (_text_trace("labels_light", labels[light], sizes.label, INK_LIGHT)
                   if any(light) else None)
    return dark_trace, light_trace, boxes
