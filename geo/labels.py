"""Map labels that do not run into each other.

Plotly draws every text label it is given, so small neighbouring units (Tonghua's 东昌区,
二道江区 and 通化县; Yantai's coastal districts) print on top of each other. Plotly's geo map
fits the layer's bounds into a plot area whose pixel size the server does not know exactly, so
`declutter` estimates it from the figure height and places names greedily, largest place
first, each at the free spot that lies most on its own place and leaves the smaller places
room for theirs; a name with no free spot is still in the hover and the ranked bars.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point, shape
from shapely.ops import polylabel

ASPECT = 1.2  # plot-area width / height of the map column at 1280 px (estimate, cautious)
FIT = 0.96  # share of the plot area the layer fills: mapfig sets the view to its bounds + 2%
CHAR_EM = {"zh": 1.0, "en": 0.55}  # width of one character in font sizes
LINE_EM = 1.2  # height of one line of text in font sizes
GAP_EM = 0.5  # the least free space between two names on one row, in font sizes
SHARE_SLACK = 0.25  # how much less of a county name may lie on its place to leave others room
SHARE_GRID = 5  # points per side of the grid that measures how much of a name lies on its place
# where those points sit, as fractions of the box's width and height, each of shape (1, n)
_GRID_X, _GRID_Y = (axis.ravel()[None, :] for axis in np.meshgrid(
    np.linspace(0.05, 0.95, SHARE_GRID), np.linspace(0.05, 0.95, SHARE_GRID)))
ANCHOR_TOLERANCE_DEG = 0.005  # how close to the best spot a name's anchor must be (~0.5 km)


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


def _spots(anchors: list[tuple[float, float]], own, name: str, *, lang: str, font_px: float,
           scale: tuple[float, float]) -> list[tuple[float, float, tuple, float]]:
    """Where a name may go: (lon, lat, box, share of the box on its own place), at each of
    `anchors` and up or down by up to one line from them, keeping the anchor on its place.
    The share is counted on a grid of points in the box: cheap, and fine enough to choose."""
    spots, moved = [], []
    for lon, lat in dict.fromkeys(anchors):
        box = label_box(lon, lat, name, lang=lang, font_px=font_px, scale=scale)
        line = box[3] - box[2]
        for shift in (0.0, line, -line, line / 2, -line / 2):
            spots.append((lon, lat + shift, (box[0], box[1], box[2] + shift, box[3] + shift)))
            moved.append(bool(shift))
    if own is None:
        return [(*spot, 1.0) for spot in spots]
    boxes = np.array([box for _, _, box in spots])
    xs = boxes[:, :1] + (boxes[:, 1:2] - boxes[:, :1]) * _GRID_X
    ys = boxes[:, 2:3] + (boxes[:, 3:4] - boxes[:, 2:3]) * _GRID_Y
    shares = shapely.contains_xy(own, xs, ys).mean(axis=1)
    on_place = shapely.contains_xy(own, [lon for lon, _, _ in spots], [lat for _, lat, _ in spots])
    return [(*spot, float(share)) for spot, share, inside, shifted in
            zip(spots, shares, on_place, moved, strict=True) if inside or not shifted]


def declutter(labels: pd.DataFrame, layer: Mapping, *, lang: str, font_px: float,
              plot_px: float, keep: str = "", aspect: float = ASPECT) -> pd.DataFrame:
    """The county labels that fit without overlapping, largest place first, each at one of
    its spots (`_spots`); prefecture labels and `keep` (the selected place) always stay.

    `plot_px` is the map's plot-area height; its width is taken as `aspect` times that.
    """
    if len(labels) < 2 or not layer.get("features"):
        return labels
    shapes, bounds = _shapes_and_bounds(layer)
    areas = {code: geometry.area for code, geometry in shapes.items()}
    px_per_lon, px_per_lat = screen_scale(bounds, plot_px, aspect)

    codes, names = labels["adcode"].astype(str).tolist(), labels["name"].astype(str).tolist()
    lons, lats = labels["lon"].tolist(), labels["lat"].tolist()
    # label frames made elsewhere than label_points may have one anchor only
    alt_lons = labels.get("alt_lon", labels["lon"]).tolist()
    alt_lats = labels.get("alt_lat", labels["lat"]).tolist()

    def always(n: int) -> bool:  # prefectures (adcode ..00) are always named, as is `keep`
        return codes[n] == keep or codes[n].endswith("00")

    order = sorted(range(len(labels)), key=lambda n: (not always(n), -areas.get(codes[n], 0.0)))
    spots = [(k, spot) for k, n in enumerate(order) for spot in _spots(
        [(lons[n], lats[n]), (alt_lons[n], alt_lats[n])], shapes.get(codes[n]), names[n],
        lang=lang, font_px=font_px, scale=(px_per_lon, px_per_lat))]
    owner = np.array([k for k, _ in spots])
    share = np.array([spot[3] for _, spot in spots])
    west, east, south, north = np.array([spot[2] for _, spot in spots]).T
    # Names on one row keep a gap between them: two that touch read as one ("通化市白山市").
    gap = GAP_EM * font_px / px_per_lon
    clash = ((west[:, None] - gap < east[None, :]) & (west[None, :] < east[:, None] + gap)
             & (south[:, None] < north[None, :]) & (south[None, :] < north[:, None]))
    # taken[s, k]: the share of name k's spots that spot s would leave it no room in
    taken = clash @ np.eye(len(order))[owner] / np.bincount(owner, minlength=len(order))

    kept, chosen = [], []
    for k, n in enumerate(order):
        mine = np.flatnonzero(owner == k)
        free = mine[~clash[np.ix_(mine, chosen)].any(axis=1)]
        if not len(free) and not always(n):
            continue  # a county name with no free spot on its place is left out
        if not len(free):  # a name that must stay prints at its first spot
            best = mine[0]
        else:
            # Of the free spots that lie (nearly) as much on its own place as the best one (a
            # name that must stay takes the best), the one that leaves no smaller place without
            # room for its name, then takes the least of their room.
            slack = 0.0 if always(n) else SHARE_SLACK
            free = free[share[free] >= share[free].max() - slack - 1e-9]
            later = taken[free, k + 1:]
            best = free[np.lexsort((later.sum(axis=1) - share[free], (later == 1).sum(axis=1)))[0]]
        lons[n], lats[n] = spots[best][1][:2]
        chosen.append(best)
        kept.append(n)
    kept.sort()
    placed = labels.iloc[kept].copy()
    placed["lon"], placed["lat"] = [lons[n] for n in kept], [lats[n] for n in kept]
    return placed


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


def anchor(geometry) -> Point:
    """Where a place's name goes: the point of its largest part farthest from its border.

    A representative point merely lies inside, and in a long, narrow county such as 图们市 it
    can sit so near the border that the name runs into the neighbour; a centroid can even fall
    outside a crescent-shaped county or in the sea. A point that polylabel's grid search could
    leave outside a sliver falls back to the representative point.
    """
    main = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    point = polylabel(main, tolerance=ANCHOR_TOLERANCE_DEG)
    return point if main.contains(point) else geometry.representative_point()


def label_points(layer: Mapping, lang: str = "zh",
                 short: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Two label anchors per feature: adcode, name (in `lang`), lon/lat where its place has the
    most room (`anchor`), and alt_lon/alt_lat, a representative point, for `declutter` to try
    when the first makes the name run into a neighbour's. `short` (adcode →
    short Chinese name, from `short_names`) replaces long Chinese names such as
    延边朝鲜族自治州 that would run over their neighbours; English names are already short.
    """
    column = "name_en" if lang == "en" else "name_zh"
    rows = []
    for feature in layer.get("features", []):
        props = feature.get("properties", {})
        geometry = shape(feature["geometry"])
        point, inside = anchor(geometry), geometry.representative_point()
        adcode = str(props.get("adcode", feature.get("id", "")))
        name = props.get(column) or adcode
        if lang != "en" and short and short.get(adcode):
            name = short[adcode]
        rows.append({"adcode": adcode, "name": name, "lon": point.x, "lat": point.y,
                     "alt_lon": inside.x, "alt_lat": inside.y})
    return pd.DataFrame(rows, columns=["adcode", "name", "lon", "lat", "alt_lon", "alt_lat"])
