"""The load test's users: one Playwright session that opens permalinks, picks places in the
sidebar and clicks the map, and readers without a browser (bench/load_protocol.py) beside it,
counting every error and the time each step takes to settle.

Split out of bench/load.py so that the browser side (JS probes, click helpers, the session
loop) reads apart from the server it measures and from the report; bench/load.py drives it.
"""

from __future__ import annotations

import asyncio
import csv
import os
import random
import time

from bench.load_protocol import reader
from bench.server import REPO, launch_chromium

# An interaction only counts as an error (hung) after 3 minutes: with no pause between clicks
# (--think 0 0) the server queues every session's runs.
SETTLE_MS = 180_000
CLICK_MS = 30_000  # an element that cannot be clicked for 30 s is an error
RAMP_S = 0.5  # session i starts i * RAMP_S seconds in, as users arrive one after another
VERBOSE = os.environ.get("LOAD_VERBOSE") == "1"  # print every interaction as it completes
BUSY = '[data-stale="true"], [data-testid="stSkeleton"], [data-testid="stStatusWidget"]'
IDLE_JS = f"""() => !document.querySelector('{BUSY}')
  && !!document.querySelector('[data-testid="stMain"] h1')"""
BUSY_JS = f"() => !!document.querySelector('{BUSY}')"
MAP_JS = """() => {
  const layer = document.querySelector('.js-plotly-plot .choroplethlayer');
  const gd = layer && layer.closest('.js-plotly-plot');
  if (!gd || !gd._fullLayout || !gd._fullLayout.geo) return null;
  gd.scrollIntoView({block: 'center'});
  return gd.data.filter(t => t.type === 'choropleth' && t.uid !== 'selected')
                .flatMap(t => t.locations || []);
}"""
PIXEL_JS = """([lon, lat]) => {
  const gd = document.querySelector('.js-plotly-plot .choroplethlayer').closest('.js-plotly-plot');
  const [x, y] = gd._fullLayout.geo._subplot.projection([lon, lat]);
  const box = gd.getBoundingClientRect();
  return [box.left + x, box.top + y];
}"""


class Stats:
    """What the sessions saw: error messages, interaction-to-idle seconds per kind of
    interaction, and every URL the pages requested (to catch requests leaving 127.0.0.1)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.idle: dict[str, list[float]] = {"first": [], "url": [], "select": [], "map": [],
                                             "reader first": [], "reader view": []}
        self.requests: list[str] = []


def anchors() -> dict[str, tuple[float, float]]:
    """A point inside every place the map can show (shapely's representative point)."""
    import geo

    points = {}
    for region, level in (("220000", "prefecture"), ("220000", "county"), ("370600", "county")):
        frame = geo.load_boundaries(region, level)
        for code, shape in zip(frame["adcode"], frame["geometry"], strict=True):
            point = shape.representative_point()
            points[code] = (point.x, point.y)
    return points


def permalinks() -> list[str]:
    """Links to every county and Jilin prefecture, the landing page and Yantai (from the
    gazetteer, read directly: no Streamlit cache outside a server)."""
    with (REPO / "data" / "places.csv").open(encoding="utf-8") as handle:
        places = list(csv.DictReader(handle))
    links = [f"?county={p['adcode']}" for p in places if p["level"] == "county"]
    links += [f"?prefecture={p['adcode']}" for p in places
              if p["level"] == "prefecture" and p["parent_adcode"] == "220000"]
    return links + ["", "?region=370600"]


async def settle(page, started: bool = False) -> None:
    """Wait until the page is idle: no stale element, skeleton or running indicator."""
    if not started:  # the rerun may take a moment to start after the click
        try:
            await page.wait_for_function(BUSY_JS, timeout=2_000, polling=50)
        except Exception:  # noqa: BLE001 - a very fast rerun can finish before we look
            pass
    await page.wait_for_function(IDLE_JS, timeout=SETTLE_MS, polling=100)


async def act(page, kind: str, rng: random.Random, url: str, links: list[str],
              points: dict[str, tuple[float, float]]) -> bool:
    """One interaction; False when there was nothing to do (e.g. no map on screen)."""
    if kind == "url":
        # A page load is an interaction: it fails when it does not settle within SETTLE_MS,
        # not at the 30 s click timeout (20 cold first loads share the client's two cores).
        await page.goto(url + rng.choice(links), wait_until="domcontentloaded",
                        timeout=SETTLE_MS)
        await settle(page, started=True)
        return True
    if kind == "select":
        boxes = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]')
        await boxes.nth(rng.choice([1, 2])).click()
        options = page.locator('[role="option"]')
        count = await options.count()
        if count == 0:
            await page.keyboard.press("Escape")
            return False
        await options.nth(rng.randrange(count)).click()
        await settle(page)
        return True
    codes = [c for c in (await page.evaluate(MAP_JS) or []) if c in points]
    if not codes:
        return False
    x, y = await page.evaluate(PIXEL_JS, list(points[rng.choice(codes)]))
    await page.mouse.click(x, y)
    await settle(page)
    return True


async def open_page(browser, stats: Stats, index: int):
    """A fresh browser context and page whose requests and JS errors land in `stats`."""
    context = await browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    context.on("request", lambda request: stats.requests.append(request.url))
    page = await context.new_page()
    page.set_default_timeout(CLICK_MS)
    page.on("pageerror", lambda exc: stats.errors.append(f"session {index}: JS error {exc}"))
    return context, page


async def session(index: int, browser, url: str, until: float, stats: Stats, seed: int,
                  links: list[str], points: dict[str, tuple[float, float]],
                  think: tuple[float, float]) -> None:
    """One user: a permalink, then random interactions until `until` (at least one), each
    after reading the page for `think` seconds (uniform). Any step that fails or hangs is
    counted; a hung page is replaced by a fresh session."""
    rng = random.Random(seed * 1000 + index)
    await asyncio.sleep(index * RAMP_S)
    context, page = await open_page(browser, stats, index)
    kind, acted = "first", False
    try:
        while True:
            start = time.monotonic()
            try:
                async with asyncio.timeout(SETTLE_MS / 1000 + 10):
                    if kind == "first":
                        await act(page, "url", rng, url, links, points)
                        done = True
                    else:
                        done = await act(page, kind, rng, url, links, points)
                    if await page.locator('[data-testid="stException"]').count():
                        stats.errors.append(f"session {index}: exception shown after {kind}")
                if done:
                    stats.idle[kind].append(time.monotonic() - start)
                    if VERBOSE:
                        print(f"session {index:>2} {kind:<6} {time.monotonic() - start:6.2f} s "
                              f"{await page.evaluate('location.search')}", flush=True)
            except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops us
                stats.errors.append(f"session {index}: {kind}: {type(exc).__name__}: "
                                    f"{(str(exc).splitlines() or [''])[0][:120]}")
                await context.close()
                context, page = await open_page(browser, stats, index)
                kind = "first"
                continue
            acted = acted or kind != "first"
            if time.monotonic() >= until and acted:
                break
            await asyncio.sleep(rng.uniform(*think))
            kind = rng.choices(["url", "select", "map"], weights=[2, 4, 4])[0]
    finally:
        await context.close()


async def visit(url: str, paths: list[str]) -> None:
    """One user opening `paths` one after the other, then leaving."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        page = await browser.new_page()
        page.set_default_timeout(SETTLE_MS)
        for path in paths:
            await page.goto(url + path, wait_until="domcontentloaded")
            await settle(page, started=True)
        await browser.close()


async def alone(url: str, seconds: float, seed: int, stats: Stats,
                think: tuple[float, float]) -> None:
    """One user in a browser with the server to themselves for `seconds`, acting as under
    load: what a user feels when nobody else is on."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        await session(0, browser, url, time.monotonic() + seconds, stats, seed, permalinks(),
                      anchors(), think)
        await browser.close()


async def alone_reader(url: str, seconds: float, seed: int, stats: Stats) -> None:
    """One reader with the server to itself, one view straight after another for `seconds`:
    the single-user server time per view that the load's runs are held to. No pause: with
    one user the server is idle between views either way, and the figure gets more samples."""
    await reader(0, url, time.monotonic() + seconds, stats, seed, permalinks(), (0.0, 0.0), 0.0)


async def drive(url: str, sessions: int, seconds: float, seed: int, stats: Stats,
                on_warm, warm_paths: list[str], warm_urls: list[str] | None = None,
                think: tuple[float, float] = (1.0, 5.0)) -> float:
    """Warm up (one visit to `warm_paths` on `url`, or on each of `warm_urls`, the replicas
    behind a proxy: every data cache the sessions will use is filled, so the baseline is the
    servers' steady state), call `on_warm()`, run one browser session and `sessions` - 1
    readers; returns the load's duration."""
    from playwright.async_api import async_playwright

    links, points = permalinks(), anchors()
    for warm_url in warm_urls or [url]:
        await visit(warm_url, warm_paths)
    await asyncio.sleep(1)
    on_warm()
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(
            session(0, browser, url, until, stats, seed, links, points, think),
            *(reader(i, url, until, stats, seed, links, think, RAMP_S)
              for i in range(1, sessions)))
        elapsed = time.monotonic() - started
        await browser.close()
    return elapsed
