"""Load test: N concurrent browser sessions change filters and click the map for T seconds.

`python -m bench.load` (20 sessions, 60 s, 120 s cool-down) or `python -m bench.load --short`
(3 sessions, 5 s, 10 s cool-down; under a minute). Exit status 1 on any error (and, in the full
run, when a memory goal is missed).

What is measured, and why this way:

* **Rerun time on the server.** The app is started by this module (`--serve`), which wraps
  Streamlit's `exec_func_with_error_handling` - the call that executes app.py (and the page) for
  one rerun - and appends its wall time to a JSON-lines log. That is the server's cost of a
  filter change, free of browser rendering and of the client's own CPU use (20 Chromium pages
  on the same two cores would otherwise dominate). Runs cut short by a newer interaction
  (Streamlit stops a stale run when the user clicks again) are counted apart, not timed.
* **Interaction to idle in the browser**: from the click to the page having no stale element,
  no skeleton and no running indicator. Reported for context; it includes client CPU.
* **Errors**: uncaught exceptions in a rerun (server log), exception boxes in the page, uncaught
  JavaScript errors, requests leaving 127.0.0.1, and interactions that never settle (3 min).
* **Memory**: the server's resident set (VmRSS from /proc/<pid>/status) cold, after a warm-up
  visit to both regions at every level (imports and st.cache_data filled: the baseline), every
  second under load, and every 10 s of the cool-down. Streamlit keeps a disconnected session
  for server.disconnectedSessionTTL (120 s by default) so that a reconnecting tab finds its
  state, and evicts expired ones lazily, the next time its session store is used; so one more
  visit after the cool-down shows the memory once they are gone.

Sessions act at random (seeded): 20 % open a permalink (`?county=`, `?prefecture=`, Yantai),
40 % pick a prefecture or county in the sidebar, 40 % click a place on the map.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import (  # noqa: E402
    REPO,
    AppServer,
    external_requests,
    free_port,
    launch_chromium,
    python_executable,
    stop_app,
)

# 20 Chromium pages draw their Plotly maps on the same two cores as the server: a cold start
# of all 20 takes about 90 s to settle on such a machine, so an interaction only counts as
# an error (hung) after 3 minutes.
SETTLE_MS = 180_000
CLICK_MS = 30_000  # an element that cannot be clicked for 30 s is an error
WARM_PATHS = ["", "?prefecture=222400", "?county=222403", "?region=370600",
              "?region=370600&county=370613"]
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


# ---- server side -------------------------------------------------------------------------

def serve(log_path: str, streamlit_args: list[str]) -> None:
    """Run `streamlit run` in this process with every script run timed into `log_path`."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    original = script_runner.exec_func_with_error_handling
    lock = threading.Lock()
    sink = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the server

    def timed(func, ctx):
        start = time.perf_counter()
        result = original(func, ctx)
        record = {"t": time.time(), "s": time.perf_counter() - start, "ok": result[1],
                  "session": getattr(ctx, "session_id", ""),
                  "rerun": result[2] is not None, "error": repr(result[4]) if result[4] else ""}
        with lock:
            sink.write(json.dumps(record) + "\n")
            sink.flush()
        return result

    script_runner.exec_func_with_error_handling = timed
    sys.argv = ["streamlit", "run", *streamlit_args]
    sys.exit(cli.main())


def start_timed_app(log: Path, timeout: float = 60.0) -> AppServer:
    """Like bench.server.start_app, but through `serve` so that reruns are timed."""
    port = free_port()
    out = Path(tempfile.mkstemp(prefix="streamlit-load-", suffix=".log")[1])
    command = [python_executable(), "-m", "bench.load", "--serve", str(log), "--",
               str(REPO / "app.py"), "--server.port", str(port), "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false"]
    with out.open("wb") as sink:
        process = subprocess.Popen(command, cwd=REPO, stdout=sink, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONPATH": str(REPO)},
                                   start_new_session=True)
    server = AppServer(app=REPO / "app.py", port=port, process=process, log_path=out)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url + "_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return server
        except OSError:
            time.sleep(0.2)
    stop_app(server)
    raise RuntimeError(f"server not healthy after {timeout:.0f} s:\n{server.log_tail()}")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


# ---- client side -------------------------------------------------------------------------

class Stats:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.idle: dict[str, list[float]] = {"first": [], "url": [], "select": [], "map": []}
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
        await page.goto(url + rng.choice(links), wait_until="domcontentloaded")
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
    context = await browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    context.on("request", lambda request: stats.requests.append(request.url))
    page = await context.new_page()
    page.set_default_timeout(CLICK_MS)
    page.on("pageerror", lambda exc: stats.errors.append(f"session {index}: JS error {exc}"))
    return context, page


async def session(index: int, browser, url: str, until: float, stats: Stats, seed: int,
                  links: list[str], points: dict[str, tuple[float, float]]) -> None:
    """One user: a permalink, then random interactions until `until` (at least one). Any step
    that fails or hangs is counted; a hung page is replaced by a fresh session."""
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


async def drive(url: str, sessions: int, seconds: float, seed: int, stats: Stats,
                on_warm, warm_paths: list[str]) -> float:
    """Warm up (one visit to `warm_paths`: every data cache the sessions will use is filled,
    so the baseline is the server's steady state), call `on_warm()`, run the sessions;
    returns the load's duration."""
    from playwright.async_api import async_playwright

    links, points = permalinks(), anchors()
    await visit(url, warm_paths)
    await asyncio.sleep(1)
    on_warm()
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(*(session(i, browser, url, until, stats, seed, links, points)
                               for i in range(sessions)))
        elapsed = time.monotonic() - started
        await browser.close()
    return elapsed


# ---- report --------------------------------------------------------------------------------

def interaction_times(records: list[dict]) -> list[float]:
    """Sum each session's runs that follow one another through a rerun request (an st.rerun
    in a callback, or a newer click that cut the run short) into one interaction."""
    chains, open_chain = [], {}
    for record in records:
        total = open_chain.pop(record["session"], 0.0) + record["s"]
        if record["rerun"]:
            open_chain[record["session"]] = total
        else:
            chains.append(total)
    return chains


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else values[0]


def run(sessions: int, seconds: float, cooldown: float, seed: int, rss_goal: float,
        warm_paths: list[str]) -> int:
    log = Path(tempfile.mkstemp(prefix="reruns-", suffix=".jsonl")[1])
    server = start_timed_app(log)
    pid = server.process.pid
    stats, samples = Stats(), []
    try:
        cold = rss_mb(pid)
        stop = threading.Event()
        baseline: dict[str, float] = {}

        def sample() -> None:
            while not stop.wait(1.0):
                samples.append(rss_mb(pid))

        def on_warm() -> None:
            baseline["warm"] = rss_mb(pid)
            baseline["skip"] = len(log.read_text().splitlines())
            threading.Thread(target=sample, daemon=True).start()

        load_seconds = asyncio.run(drive(server.url, sessions, seconds, seed, stats, on_warm,
                                         warm_paths))
        stop.set()
        warm, skip = baseline["warm"], int(baseline["skip"])
        started = time.monotonic() - load_seconds
        after = []
        for waited in range(0, int(cooldown) + 1, 10 if cooldown >= 30 else 5):
            time.sleep(max(0.0, started + load_seconds + waited - time.monotonic()))
            after.append((waited, rss_mb(pid)))
        records = [json.loads(line) for line in log.read_text().splitlines()[skip:]]
        # Streamlit evicts expired sessions lazily, when the session store is next used: one
        # more visit after the cool-down shows what the server holds once they are gone.
        asyncio.run(visit(server.url, [""]))
        time.sleep(2)
        purged = rss_mb(pid)
        if server.process.poll() is not None:
            stats.errors.append("server died")
    finally:
        stop_app(server)
        log.unlink(missing_ok=True)
    done = [r["s"] for r in records if not r["rerun"] and r["ok"]]
    cut = sum(1 for r in records if r["rerun"])
    chains = interaction_times(records)
    stats.errors += [f"server: uncaught {r['error']}" for r in records if r["error"]]
    outside = external_requests(stats.requests)
    stats.errors += [f"request left 127.0.0.1: {u}" for u in sorted(set(outside))]
    print(f"sessions {sessions} x {seconds:.0f} s (ran {load_seconds:.1f} s), seed {seed}")
    print(f"server script runs: {len(done)} complete, {cut} ended by a rerun request; complete "
          f"runs p50 {pct(done, 50) * 1000:.0f} ms, p95 {pct(done, 95) * 1000:.0f} ms, "
          f"max {max(done, default=float('nan')) * 1000:.0f} ms")
    print(f"server time per interaction (a run plus the reruns it triggered): n={len(chains)}, "
          f"p50 {pct(chains, 50) * 1000:.0f} ms, p95 {pct(chains, 95) * 1000:.0f} ms")
    for kind, values in stats.idle.items():
        print(f"browser {kind:<6} n={len(values):<4} interaction->idle p50 "
              f"{pct(values, 50):.2f} s, p95 {pct(values, 95):.2f} s")
    peak = max(samples, default=warm)
    end = after[-1][1]
    print(f"server RSS MB: cold {cold:.0f}, warm baseline {warm:.0f}, under load max {peak:.0f} "
          f"mean {statistics.fmean(samples) if samples else warm:.0f}, cool-down "
          + ", ".join(f"{w}s {mb:.0f}" for w, mb in after)
          + f"; after one more visit (evicts sessions past their TTL) {purged:.0f}")
    memory_ok = peak <= rss_goal and end <= warm * 1.10
    print(f"goals: errors {len(stats.errors)} (0), RSS under load {peak:.0f} MB "
          f"(<= {rss_goal:.0f}), after {after[-1][0]} s {end:.0f} MB vs warm {warm:.0f} MB "
          f"({(end / warm - 1) * 100:+.1f} %, <= +10 %) -> {'OK' if memory_ok else 'MISSED'}")
    for error in stats.errors[:20]:
        print("ERROR", error)
    return 1 if stats.errors else 0 if memory_ok else 2


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--serve"]:
        serve(argv[1], argv[3:] if argv[2:3] == ["--"] else argv[2:])
    parser = argparse.ArgumentParser(prog="python -m bench.load",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cooldown", type=float, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rss-goal", type=float, default=400, help="MB under load")
    parser.add_argument("--short", action="store_true", help="3 sessions, 5 s, 10 s cool-down")
    args = parser.parse_args(argv)
    if args.short:
        args.sessions, args.seconds, args.cooldown = 3, 5, 10
    warm = [""] if args.short else WARM_PATHS
    status = run(args.sessions, args.seconds, args.cooldown, args.seed, args.rss_goal, warm)
    # --short is a smoke test: only errors fail it; memory goals are for the full run.
    return (1 if status == 1 else 0) if args.short else (1 if status else 0)


if __name__ == "__main__":
    sys.exit(main())
