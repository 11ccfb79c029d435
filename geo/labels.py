"""Map labels that do not run into each other.

Plotly draws every text label it is given, so small neighbouring units (Tonghua's 东昌区,
二道江区 and 通化县; Yantai's coastal districts) print on top of each other. Plotly's geo map
fits the layer's bounds into a plot area whose pixel size the server does not know exactly, so
`declutter` estimates it from the figure height and keeps labels greedily, largest place first;
a dropped name is still in the hover and the ranked bars.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
from shapely.geometry import Point, shape

ASPECT = 1.2  # plot-area width / height of the map column at 1280 px (estimate, cautious)
FIT = 0.96  # share of the plot area the layer fills: mapfig sets the view to its bounds + 2%
CHAR_EM = {"zh": 1.0, "en": 0.55}  # width of one character in font sizes
LINE_EM = 1.2  # height of one line of text in font sizes
GAP_EM = 0.5  # the least free space between two names on one row, in font sizes


def _shapes_and_bounds(layer: Mapping) -> tuple[dict, tuple[float, ...]]:
    shapes, boxes = {}, []
    for feature in layer.get("features", []):
        geometry = shape(feature["geometry"])
        adcode = str(feature.get("properties", {}).get("adcode", feature.get("id", "")))
        shapes[adcode] = geometry
        boxes.append(geometry.bounds)
    bounds = (min(b[0] for b in boxes), min(b[1] for b in boxes),
              max(b[2] for b in boxes), max(b[3] for b in boxes))
    return shapes, bounds


def screen_scale(bounds: tuple[float, ...], plot_px: float,
                 aspect: float = ASPECT) -> tuple[float, float]:
    """Estimated screen pixels per degree of longitude and of latitude when plotly fits
    `bounds` (west, south, east, north) into a plot area `plot_px` high and `aspect` times
    as wide.

    Mercator near the map's latitude: one degree of latitude is 1/cos(lat) degrees of
    longitude on screen. Fit the bounds into the plot area, as fitbounds does.
    """
    west, south, east, north = bounds
    squash = math.cos(math.radians((south + north) / 2))
    height = plot_px * FIT
    px_per_lon = min(height * aspect / max(east - west, 1e-6),
                     height * squash / max(north - south, 1e-6))
    return px_per_lon, px_per_lon / squash


def layer_bounds(layer: Mapping) -> tuple[float, ...]:
    """(west, south, east, north) of all features of `layer`."""
    return _shapes_and_bounds(layer)[1]


def label_box(lon: float, lat: float, name: str, *, lang: str, font_px: float,
              scale: tuple[float, float]) -> tuple[float, float, float, float]:
    """(west, east, south, north) in degrees that the label `name` centred at lon/lat covers,
    given `scale` (pixels per degree of longitude and latitude, from `screen_scale`)."""
    px_per_lon, px_per_lat = scale
    half_w = len(name) * CHAR_EM.get(lang, 0.6) * font_px / px_per_lon / 2
    half_h = font_px * LINE_EM / px_per_lat / 2
    return (lon - half_w, lon + half_w, lat - half_h, lat + half_h)


def declutter(labels: pd.DataFrame, layer: Mapping, *, lang: str, font_px: float,
              plot_px: float, keep: str = "", aspect: float = ASPECT) -> pd.DataFrame:
    """The county labels that fit without overlapping, largest place first; prefecture labels
    and `keep` (the selected place) always stay.

    `plot_px` is the map's plot-area height; its width is taken as `aspect` times that. A
    prefecture label that would overlap a neighbour moves up or down within its own place.
    """
    if len(labels) < 2 or not layer.get("features"):
        return labels
    shapes, bounds = _shapes_and_bounds(layer)
    areas = {code: geometry.area for code, geometry in shapes.items()}
    px_per_lon, px_per_lat = screen_scale(bounds, plot_px, aspect)

    def always(i) -> bool:  # prefectures (adcode ..00) are always named, as is `keep`
        code = str(labels.at[i, "adcode"])
        return code == keep or code.endswith("00")

    order = sorted(labels.index, key=lambda i: (not always(i),
                                                -areas.get(str(labels.at[i, "adcode"]), 0.0)))
    placed: list[tuple[float, float, float, float]] = []
    kept = []
    labels = labels.copy()

    # Names on one row keep a gap between them: two that touch read as one ("通化市白山市").
    gap = GAP_EM * font_px / px_per_lon

    def clashes(box) -> bool:
        return any(box[0] - gap < b[1] and b[0] < box[1] + gap and box[2] < b[3] and b[2] < box[3]
                   for b in placed)

    for i in order:
        lon, lat, name = labels.at[i, "lon"], labels.at[i, "lat"], str(labels.at[i, "name"])
        box = label_box(lon, lat, name, lang=lang, font_px=font_px,
                        scale=(px_per_lon, px_per_lat))
        half_h = (box[3] - box[2]) / 2
        if clashes(box):
            if not always(i):
                continue
            # A name that must stay (通化市 beside 白山市) moves up or down by up to one line
            # rather than printing over its neighbour; it stays on its own place.
            own = shapes.get(str(labels.at[i, "adcode"]))
            for shift in (2 * half_h, -2 * half_h, half_h, -half_h):
                moved = (box[0], box[1], box[2] + shift, box[3] + shift)
                inside = own is None or own.contains(Point(lon, lat + shift))
                if inside and not clashes(moved):
                    box, labels.at[i, "lat"] = moved, lat + shift
                    break
        placed.append(box)
        kept.append(i)
    return labels.loc[sorted(kept)]


def short_name(name_zh: str, aliases: str = "") -> str:
    """The short Chinese map label of a place: 延边朝鲜族自治州 → 延边州, 前郭尔罗斯蒙古族自治县 →
    前郭县; 长春市 stays 长春市.

    Taken from the gazetteer's own aliases, never made up: the shortest alias that keeps the
    unit word (the name's last character) and uses only the name's characters, in order (so a
    traditional-script alias is never chosen). Without such an alias the full name is kept.
    """
    name = str(name_zh or "")
    best = name
    for alias in str(aliases or "").split("|"):
        alias = alias.strip()
        if not alias or len(alias) >= len(best) or alias[-1:] != name[-1:]:
            continue
        rest = iter(name)
        if all(char in rest for char in alias):  # a subsequence of the full name
            best = alias
    return best


def short_names(places: pd.DataFrame) -> dict[str, str]:
    """adcode → short Chinese label (see `short_name`) for every place of the gazetteer."""
    aliases = places["aliases"] if "aliases" in places else [""] * len(places)
    return {str(code): short_name(name, alias) for code, name, alias in
            zip(places["adcode"], places["name_zh"], aliases, strict=True)}


def label_points(layer: Mapping, lang: str = "zh",
                 short: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One label anchor per feature: adcode, name (in `lang`), lon, lat.

    Uses shapely's representative point, which always lies inside the polygon (a centroid can
    fall outside crescent-shaped counties or in the sea for coastal ones). `short` (adcode →
    short Chinese name, from `short_names`) replaces long Chinese names such as
    延边朝鲜族自治州 that would run over their neighbours; English names are already short.
    """
    column = "name_en" if lang == "en" else "name_zh"
    rows = []
    for feature in layer.get("features", []):
        props = feature.get("properties", {})
        point = shape(feature["geometry"]).representative_point()
        adcode = str(props.get("adcode", feature.get("id", "")))
        name = props.get(column) or adcode
        if lang != "en" and short and short.get(adcode):
            name = short[adcode]
        rows.append({"adcode": adcode, "name": name, "lon": point.x, "lat": point.y})
    return pd.DataFrame(rows, columns=["adcode", "name", "lon", "lat"])
