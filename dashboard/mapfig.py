"""The choropleth map as a pure function of data: values per place in, Plotly figure out.

Kept free of Streamlit so it can be unit-tested and benchmarked without a server; the page
passes the figure to `st.plotly_chart(fig, config=PLOTLY_CONFIG, on_select="rerun", ...)`.

Design choices that readers of the map depend on:

* "No data" is not zero. Places without a value are drawn by a separate grey trace whose legend
  entry says 无数据 / No data; a value of 0 gets the colour scale's lowest colour, a pale blue
  that is never grey.
* Nothing is fetched from the internet. `go.Choropleth` makes plotly.js download a base
  topojson (`<topojsonURL><scope>_<resolution>m.json`) even when all base layers are hidden and
  refuses to draw if that fails; `PLOTLY_CONFIG` points it at our own copy in `static/topojson/`
  through a *relative* URL, so the app also works behind a reverse proxy's base path.
* Trace order is fixed (values, no data, selected outline, labels) and each trace has a `uid`,
  so a click event's `curve_number` and the browser tests can rely on it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.fmt import axis_scale, format_value
from dashboard.i18n import plural, t
from dashboard.theme import FONT_FAMILY, INK, INK_MUTED
from geo.labels import declutter

__all__ = ["COLORSCALE", "FONT_FAMILY", "NO_DATA_COLOR", "PLOTLY_CONFIG", "TOPOJSON_URL",
           "choropleth_figure"]

# Sequential blues starting at a pale but clearly blue tint, so that 0 never looks like no data.
COLORSCALE = [
    [0.0, "#c6dbef"],
    [0.25, "#9ecae1"],
    [0.5, "#4292c6"],
    [0.75, "#2171b5"],
    [1.0, "#08306b"],
]
NO_DATA_COLOR = "#d9d9d9"
BORDER_COLOR = "#ffffff"
SELECTED_COLOR = "#111111"
# Relative on purpose: resolved against the page URL, so a proxy base path (/dash/) is kept.
# The files live in static/topojson/ (served at app/static/ by enableStaticServing).
TOPOJSON_URL = "app/static/topojson/"
GEO_SCOPE = "asia"  # asia_110m.json is 80 kB; world_110m.json would be 285 kB for nothing

PLOTLY_CONFIG: dict = {
    "topojsonURL": TOPOJSON_URL,
    "displaylogo": False,
    "scrollZoom": False,  # the page scrolls past the map; zoom with the modebar buttons
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "map"},
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "hoverClosestGeo", "sendDataToCloud"],
}


def _scale(unit: str, lang: str, units: Mapping[str, Mapping] | None) -> tuple[float, str]:
    """Divisor and display unit for the colour bar (亿元 / CNY bn for money)."""
    divisor, label = axis_scale(unit, lang)
    if divisor == 1 and units and unit in units:
        spec = units[unit]
        divisor = float(spec.get(f"display_factor_{lang}", 1) or 1)
        label = str(spec.get(f"display_{lang}", unit))
    return divisor, label


def _facts_text(count: int, lang: str) -> str:
    return plural(count, "facts_behind", lang)


def _names(layer: Mapping) -> dict[str, tuple[str, str]]:
    names = {}
    for feature in layer.get("features", []):
        props = feature.get("properties", {})
        adcode = str(props.get("adcode", feature.get("id", "")))
        names[adcode] = (str(props.get("name_zh", adcode)), str(props.get("name_en", "")))
    return names


def _subset(layer: Mapping, codes: list[str]) -> dict:
    """The layer restricted to `codes`: each trace carries only its own features, so the
    figure sent to the browser holds every boundary once (not once per trace)."""
    wanted = set(codes)
    features = [f for f in layer.get("features", [])
                if str(f.get("properties", {}).get("adcode", f.get("id", ""))) in wanted]
    return {"type": "FeatureCollection", "features": features}


def _hovertemplate(value_label: str, lang: str) -> str:
    # customdata: name_zh, name_en, formatted value, facts text
    colon = ": " if lang == "en" else "："
    line = f"{value_label}{colon}%{{customdata[2]}}" if value_label else "%{customdata[2]}"
    head = "<b>%{customdata[0]}</b> %{customdata[1]}"
    return f"{head}<br>{line}<br>%{{customdata[3]}}<extra></extra>"


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
) -> go.Figure:
    """Choropleth of `values` (adcode, value, n_facts) over `layer` (GeoJSON, feature id = adcode).

    Places of the layer missing from `values` (or with a NaN value) form the grey no-data trace.
    `selected` (an adcode) gets a thick dark outline; `labels` (adcode, name, lon, lat, e.g. from
    `label_points`) are drawn as text; `present=True` enlarges type for a projector. `title`
    (what is mapped) and `subtitle` (its basis) are the map's one statement of what it shows,
    kept in the figure so a saved PNG carries them.
    """
    names = _names(layer)
    frame = pd.DataFrame(values, columns=["adcode", "value", "n_facts"]).copy()
    frame["adcode"] = frame["adcode"].astype(str)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    frame = frame[frame["adcode"].isin(names) & frame["value"].notna()]
    frame = frame.drop_duplicates("adcode", keep="last")
    missing = [code for code in names if code not in set(frame["adcode"])]

    divisor, unit_label = _scale(unit, lang, units)
    z = (frame["value"] / divisor).tolist()
    zmin = min([0.0, *z]) if z else 0.0
    zmax = max([*z, zmin]) if z else 1.0
    if math.isclose(zmin, zmax):
        zmax = zmin + 1.0
    no_data = t("no_data", lang)
    base = 22 if present else 14
    hoverlabel = {  # explicit: themes otherwise give grey text on the place's own colour
        "bgcolor": "#ffffff",
        "bordercolor": "#333333",
        "font": {"family": FONT_FAMILY, "size": base + 2 if present else 13, "color": INK},
    }
    custom = [[names[code][0], names[code][1], format_value(value, unit, lang, units),
               _facts_text(int(n or 0), lang)]
              for code, value, n in zip(frame["adcode"], frame["value"],
                                        frame["n_facts"].fillna(0), strict=True)]
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            uid="values",
            name=value_label or unit_label,
            geojson=_subset(layer, frame["adcode"].tolist()),
            featureidkey="id",
            locations=frame["adcode"].tolist(),
            z=z,
            zmin=zmin,
            zmax=zmax,
            colorscale=COLORSCALE,
            marker={"line": {"color": BORDER_COLOR, "width": 0.8}},
            customdata=custom,
            hovertemplate=_hovertemplate(value_label, lang),
            hoverlabel=hoverlabel,
            # Plotly dims unselected places after a click; our own outline shows the selection.
            selected={"marker": {"opacity": 1}},
            unselected={"marker": {"opacity": 1}},
            # Below the map, right-aligned, so it never covers a place (a translucent bar over
            # a dark county made it look grey, i.e. like no data).
            colorbar={"title": {"text": unit_label, "side": "right"}, "orientation": "h",
                      "thickness": 12, "len": 0.45, "x": 1.0, "xanchor": "right", "y": -0.01,
                      "yanchor": "top", "outlinewidth": 0, "tickfont": {"size": base - 2}},
            showlegend=False,
        )
    )
    no_data_text = t("no_data_both", lang)
    fig.add_trace(
        go.Choropleth(
            uid="no_data",
            name=no_data,
            geojson=_subset(layer, missing),
            featureidkey="id",
            locations=missing,
            z=[0] * len(missing),
            colorscale=[[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]],
            zmin=0,
            zmax=1,
            showscale=False,
            showlegend=True,
            marker={"line": {"color": BORDER_COLOR, "width": 0.8}},
            customdata=[[names[c][0], names[c][1], no_data_text, ""] for c in missing],
            hovertemplate="<b>%{customdata[0]}</b> %{customdata[1]}<br>%{customdata[2]}"
            "<extra></extra>",
            hoverlabel=hoverlabel,
            selected={"marker": {"opacity": 1}},
            unselected={"marker": {"opacity": 1}},
        )
    )
    selected = str(selected or "")
    fig.add_trace(
        go.Choropleth(
            uid="selected",
            name="selected",
            geojson=_subset(layer, [selected]),
            featureidkey="id",
            locations=[selected] if selected in names else [],
            z=[0] if selected in names else [],
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            showscale=False,
            showlegend=False,
            hoverinfo="skip",
            marker={"line": {"color": SELECTED_COLOR, "width": 4 if present else 3}},
        )
    )
    if labels is not None and len(labels):
        # presenter mode puts the map in half the width (map and figures side by side)
        labels = declutter(labels, layer, lang=lang, font_px=base, keep=selected,
                           aspect=0.95 if present else 1.2,
                           plot_px=height - ((base * 2 + 34 if subtitle else base + 26)
                                             if title else 0) - 60)
        fig.add_trace(
            go.Scattergeo(
                uid="labels",
                name="labels",
                lon=labels["lon"].tolist(),
                lat=labels["lat"].tolist(),
                text=labels["name"].tolist(),
                mode="text",
                hoverinfo="skip",
                showlegend=False,
                textfont={"family": FONT_FAMILY, "size": base, "color": INK,
                          "shadow": "0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff"},
            )
        )
    fig.update_layout(
        height=height,
        autosize=True,
        margin={"l": 0, "r": 0, "t": (base * 2 + 34 if subtitle else base + 26) if title else 0,
                "b": 0, "pad": 0},
        title=({"text": title, "x": 0.01, "xanchor": "left", "font": {"size": base + 4},
                "subtitle": {"text": subtitle, "font": {"size": base, "color": INK_MUTED}}}
               if title else None),
        font={"family": FONT_FAMILY, "size": base, "color": INK},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.01, "yanchor": "top",
                "font": {"size": base - 1}},
        # Constant per layer: a rerun keeps the reader's zoom; another region refits.
        uirevision=f"map-{len(names)}-{min(names, default='')}",
        clickmode="event+select",
        dragmode="pan",
        hovermode="closest",
        geo={"scope": GEO_SCOPE, "resolution": 110, "fitbounds": "locations", "visible": False,
             "bgcolor": "rgba(0,0,0,0)", "projection": {"type": "mercator"},
             **dict.fromkeys(("showland", "showcountries", "showcoastlines", "showframe",
                              "showlakes", "showocean", "showrivers", "showsubunits"), False)},
    )
    return fig
