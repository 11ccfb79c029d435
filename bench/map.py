"""First paint of the map component alone, as a ratio to a trivial Plotly page.

What a reader waits for, the whole page and each click, is bench/page.py and bench/interact.py;
the landing-page first-paint bench this module was (built for the "map first" deferral, since
removed from the app) is superseded by them. What stays here is the map's own cost:
`bench/map_only_app.py` (the county choropleth and nothing else) against `bench/trivial_app.py`,
and `first_paint_ms`, which bench/scale_paint.py uses to time national maps.

For each run a fresh browser context (cold HTTP cache, as a first visit) navigates to the page
and a MutationObserver, installed before any page script, records `performance.now()` (i.e.
milliseconds since navigation start) when the first matching SVG path enters the DOM: a
choropleth path for the map, a bar for the trivial page. Runs alternate between the two apps so
machine noise hits both alike; one unrecorded warm-up per app fills Streamlit's caches. After
each paint the page is left open until the app has been idle for a second, so what a page does
after its paint is not charged to the next.

Run with `python -m bench --only map_component` or
`python -m bench.map --app bench/map_only_app.py --budget 1.10`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import (  # noqa: E402
    external_requests,
    launch_chromium,
    running_app,
    servable,
)

MAP_SELECTOR = ".js-plotly-plot .choroplethlayer path"
BAR_SELECTOR = ".js-plotly-plot .barlayer path"
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 60_000

# __chart: the first Plotly chart element exists (the script got that far, the page's other
# elements are in); __firstPaint: its first path is drawn. Their gap is the chart's own cost.
_OBSERVER = """
(() => {
  const selector = %s;
  const check = () => {
    if (window.__chart === undefined && document.querySelector("[data-testid=stPlotlyChart]")) {
      window.__chart = performance.now();
    }
    if (window.__firstPaint === undefined && document.querySelector(selector)) {
      window.__firstPaint = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {childList: true, subtree: true});
})();
"""


# The app has finished its script run. Checked, then again after a second: each run starts on
# a quiet machine, and work a page does after its paint (labels, a second script run) is not
# charged to the next page measured.
_IDLE_JS = """() => document.querySelector('[data-testid=stApp]')
  ?.dataset.testScriptState === 'notRunning'"""
SETTLE_MS = 1000


def settle(page) -> None:
    page.wait_for_function(_IDLE_JS, timeout=TIMEOUT_MS)
    page.wait_for_timeout(SETTLE_MS)
    page.wait_for_function(_IDLE_JS, timeout=TIMEOUT_MS)


def first_paint_ms(browser, url: str, selector: str) -> tuple[float, float, list[str]]:
    """Milliseconds from navigation start to the first `selector` element, milliseconds from
    the chart element's arrival to that paint, and the URLs requested."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        context.add_init_script(_OBSERVER % json.dumps(selector))
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__firstPaint !== undefined", timeout=TIMEOUT_MS)
        paint, chart = page.evaluate("[window.__firstPaint, window.__chart ?? window.__firstPaint]")
        settle(page)
        return float(paint), float(paint) - float(chart), requests
    finally:
        context.close()


def layer_bytes() -> tuple[int, int]:
    """Bytes of the Jilin county layer on disk and as sent inside the figure JSON."""
    import geo

    path = geo.layer_path("220000", "county")
    sent = len(
        json.dumps(
            geo.layer_geojson("220000", "county"), ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
    )
    return path.stat().st_size, sent


def run(app: str = "app.py", runs: int = 7, budget: float = 1.15, path: str = "") -> int:
    """Print medians and the ratio; return 1 when the ratio exceeds `budget`, else 0."""
    from playwright.sync_api import sync_playwright

    timings: dict[str, list[float]] = {"app": [], "trivial": []}
    render: dict[str, list[float]] = {"app": [], "trivial": []}
    outside: list[str] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_app(servable(app, Path(tmp))) as main,
        running_app("bench/trivial_app.py") as trivial,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        targets = {"app": (main.url + path, MAP_SELECTOR), "trivial": (trivial.url, BAR_SELECTOR)}
        for url, selector in targets.values():  # warm-up: imports, st.cache_data
            first_paint_ms(browser, url, selector)
        for _ in range(runs):
            for name, (url, selector) in targets.items():
                ms, own, requests = first_paint_ms(browser, url, selector)
                timings[name].append(ms)
                render[name].append(own)
                outside += external_requests(requests)
        browser.close()
    on_disk, sent = layer_bytes()
    app_ms, base_ms = (statistics.median(timings[k]) for k in ("app", "trivial"))
    ratio = app_ms / base_ms
    print(
        f"map first paint ({app}{'/' + path if path else ''}), median of {runs}: "
        f"{app_ms:,.0f} ms  runs {[round(t) for t in timings['app']]}"
    )
    print(
        f"trivial plotly page, median of {runs}: {base_ms:,.0f} ms  "
        f"runs {[round(t) for t in timings['trivial']]}"
    )
    print(
        f"of which chart element -> first path: map {statistics.median(render['app']):,.0f} ms, "
        f"trivial {statistics.median(render['trivial']):,.0f} ms (the rest is the page around it)"
    )
    print(f"ratio map/trivial: {ratio:.2f} (budget {budget:.2f})")
    print(f"Jilin county layer: {on_disk:,} bytes on disk, {sent:,} bytes in the figure JSON")
    if outside:
        print(f"FAIL: {len(set(outside))} request(s) left 127.0.0.1: {sorted(set(outside))[:5]}")
        return 1
    if ratio > budget:
        print(f"FAIL: ratio {ratio:.2f} exceeds budget {budget:.2f}")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.map", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--budget",
        type=float,
        default=1.15,
        help="largest allowed ratio of map to trivial-page paint (default 1.15)",
    )
    parser.add_argument("--runs", type=int, default=7, help="timed runs per page (default 7)")
    parser.add_argument("--app", default="app.py", help="app to measure (default app.py)")
    parser.add_argument("--path", default="", help="page path and query, e.g. '?prefecture=222400'")
    args = parser.parse_args(argv)
    return run(args.app, args.runs, args.budget, args.path)


if __name__ == "__main__":
    sys.exit(main())
