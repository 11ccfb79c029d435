"""Page complete: how long a first visit waits until the whole page is there and usable.

A page is *complete* when Streamlit's script is not running, no skeleton is left, every Plotly
chart has drawn its SVG (and a choropleth its paths), and the page's own markers exist (sidebar
select boxes on every dashboard page; KPI figures and the map on the landing page). The first
map paint alone (the old bench/map.py) missed what a reader waits for next: filters and KPIs.

How it is timed, and why:
- A probe installed before any page script (`PROBE_JS`) re-checks completeness on every DOM
  mutation batch and keeps the time of the *last* batch after which the page was complete,
  measured with `performance.now()`, i.e. from navigation start. Python then waits until the
  page has been complete and quiet for `QUIET_MS` (2 s: on a loaded 2-core machine the app
  was seen idle for 0.9 s between a map click's two runs): a second run or a chart drawn
  after the script stopped moves the stamp later instead of being missed. Hover labels and
  Streamlit's header/toolbar/running indicator do not count as the page changing.
- Each sample is a fresh browser context (cold HTTP cache, a first visit); one unrecorded
  warm-up per page fills the server's caches, as on a server that has been up a while.
- The baseline, `bench/trivial_app.py` (one Plotly chart), is measured in the same run,
  interleaved with the pages (T P1 T P2 … each round) so machine drift hits both alike.

Run alone with `python -m bench.page --runs 5` (or through `python -m bench --only pages`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import summary  # noqa: E402
from bench.server import external_requests, launch_chromium, running_app  # noqa: E402
from bench.summary import verdict  # noqa: E402

VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 90_000
QUIET_MS = 2_000
LANDING_GOAL, PAGE_GOAL = 1.20, 1.30
SIDEBAR_SELECT = '[data-testid="stSidebar"] [data-testid="stSelectbox"]'
TRIVIAL_MARKERS = ('[data-testid="stPlotlyChart"] .main-svg',)

# window.__bench: `ready()` says whether the page is complete now (or why not, `why()`);
# `complete` is the performance.now() of the last mutation batch after which it was;
# `last` is the time of the last relevant mutation (for the quiet window). After `arm()`
# (bench/interact.py) the next pointerdown/keydown is the input and a complete page only
# counts once the script state has changed since then (a rerun was observed).
PROBE_JS = """
(markers) => {
  const B = window.__bench = {markers, complete: undefined, last: performance.now(),
                              input: undefined, armed: false, stateChanges: 0, messages: 0,
                              runs: 0};
  const STATE = 'data-test-script-state';
  B.why = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return 'no stApp';
    const state = app.dataset.testScriptState;
    if (state !== 'notRunning') return 'script ' + state;
    if (document.querySelector('[data-testid="stSkeleton"]')) return 'skeleton';
    for (const m of B.markers) if (!document.querySelector(m)) return 'missing ' + m;
    for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
      if (!chart.querySelector('.main-svg')) return 'chart not drawn';
      const gd = chart.querySelector('.js-plotly-plot');
      const traces = (gd && (gd._fullData || gd.data)) || [];
      const choropleth = traces.some(t => t.type === 'choropleth' && t.visible !== false
                                          && (t.locations || []).length);
      if (choropleth && !chart.querySelector('.choroplethlayer path')) return 'map not painted';
    }
    if (B.input !== undefined && B.stateChanges + B.messages === 0) return 'no rerun yet';
    return '';
  };
  B.ready = () => B.why() === '';
  // Hover labels and Streamlit's header (running indicator) are not the page.
  const ignored = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    return !!el && !!el.closest(
      '.hoverlayer, [data-testid="stHeader"], [data-testid="stToolbar"], '
      + '[data-testid="stStatusWidget"], [data-testid="stDecoration"]');
  };
  const onMutations = (records) => {
    let relevant = false;
    for (const r of records) {
      if (r.type === 'attributes') {
        if (B.input !== undefined) B.stateChanges++;
        if (r.oldValue === 'notRunning') B.runs++;  // a script run started
        relevant = true;
      }
      else if (!ignored(r.target)) relevant = true;
    }
    if (relevant) touch();
  };
  const touch = () => {
    const now = performance.now();
    B.last = now;
    B.complete = B.ready() ? now : undefined;
  };
  // A quick rerun can start and finish within one React commit: the state attribute never
  // changes. Streamlit's messages from the server still say a run happened (and when).
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => setTimeout(() => {
        if (B.input !== undefined) B.messages++;
        touch();
      }, 0));
    }
  };
  const observer = new MutationObserver(onMutations);
  observer.observe(document, {childList: true, subtree: true, attributes: true,
                              attributeOldValue: true, attributeFilter: [STATE]});
  const stamp = (event) => {
    if (!B.armed) return;
    B.armed = false;
    B.input = event.timeStamp;
    B.stateChanges = 0;
    B.messages = 0;
    B.runs = 0;
    B.complete = undefined;
  };
  window.addEventListener('pointerdown', stamp, true);
  window.addEventListener('keydown', stamp, true);
  B.arm = () => { B.armed = true; B.input = undefined; B.complete = undefined; };
}
"""

# Complete, and no relevant mutation for `quiet` ms: nothing more is coming.
_DONE_JS = """(quiet) => { const B = window.__bench;
  return !!B && B.complete !== undefined && B.ready() && performance.now() - B.last >= quiet; }"""


class NotComplete(RuntimeError):
    """The page did not become complete in time; the message says which condition failed."""


def install(context, markers: tuple[str, ...]) -> None:
    """Install the probe in every page `context` opens, before the page's own scripts."""
    context.add_init_script(f"({PROBE_JS})({json.dumps(list(markers))})")


def wait_complete(page, timeout_ms: int = TIMEOUT_MS) -> float:
    """performance.now() at which the page became complete (last time, after a quiet window)."""
    try:
        page.wait_for_function(_DONE_JS, arg=QUIET_MS, timeout=timeout_ms, polling=100)
    except Exception as exc:  # noqa: BLE001 - playwright's TimeoutError and page errors alike
        why = page.evaluate("window.__bench ? window.__bench.why() : 'no probe'")
        raise NotComplete(f"not complete after {timeout_ms / 1000:.0f} s: {why}") from exc
    return float(page.evaluate("window.__bench.complete"))


def complete_ms(browser, url: str, markers: tuple[str, ...]) -> tuple[float, list[str]]:
    """Milliseconds from navigation start to complete, in a fresh context; and its requests."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        install(context, markers)
        page = context.new_page()
        page.goto(url, wait_until="commit")
        return wait_complete(page), requests
    finally:
        context.close()


@dataclass(frozen=True)
class Target:
    """A page to time: its row label, URL path (appended to the app's URL) and markers."""

    name: str
    path: str
    markers: tuple[str, ...]
    goal: float


def page_targets(only: list[str] | None = None) -> list[Target]:
    """Every page of dashboard/registry.py; the landing page at `/`, the others at their key."""
    from dashboard.registry import PAGES

    targets = []
    for spec in PAGES:
        if only and spec.key not in only:
            continue
        markers: tuple[str, ...] = (SIDEBAR_SELECT,)
        if spec.default:
            markers += ('[data-testid="stMetric"]', ".js-plotly-plot .choroplethlayer path")
        targets.append(Target(f"{spec.key} (/)" if spec.default else spec.key,
                              "" if spec.default else spec.key, markers,
                              LANDING_GOAL if spec.default else PAGE_GOAL))
    return targets


def progress(done: int, total: int) -> None:
    """Rounds done, on stderr, on one line: a 5-round run takes minutes on a busy machine."""
    end = "\n" if done == total else ""
    print(f"\r  round {done}/{total}", end=end, file=sys.stderr, flush=True)


def median_or_none(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def run(runs: int = 5, only: list[str] | None = None) -> int:
    """Print the page-complete table; 1 if a page misses its goal, fails or leaves 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    targets = page_targets(only)
    times: dict[str, list[float]] = {t.name: [] for t in targets}
    trivial: list[float] = []
    errors: dict[str, str] = {}
    outside: list[str] = []
    with (
        running_app("app.py") as app,
        running_app("bench/trivial_app.py") as base,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        for target in targets:  # warm-up: imports, st.cache_data, the figure caches
            try:
                complete_ms(browser, app.url + target.path, target.markers)
            except NotComplete as exc:
                errors[target.name] = str(exc)
        complete_ms(browser, base.url, TRIVIAL_MARKERS)
        for round_ in range(runs):
            progress(round_, runs)
            for target in targets:
                ms, requests = complete_ms(browser, base.url, TRIVIAL_MARKERS)
                trivial.append(ms)
                if target.name in errors:
                    continue
                try:
                    ms, requests = complete_ms(browser, app.url + target.path, target.markers)
                except NotComplete as exc:
                    errors[target.name] = str(exc)
                    continue
                times[target.name].append(ms)
                outside += external_requests(requests)
        browser.close()
        progress(runs, runs)
    base_ms = statistics.median(trivial)
    print(f"page complete, fresh context each, median of {runs} (trivial: of {len(trivial)}), "
          "interleaved with the trivial page")
    print(f"{'page':<18}{'median ms':>10}{'ratio':>7}{'goal':>6}  verdict  runs ms")
    print(f"{'trivial plotly':<18}{base_ms:>10,.0f}{1:>7.2f}{'':>6}  {'':<7}  "
          f"{[round(t) for t in trivial[:runs]]}")
    summary.record("page complete: trivial plotly", f"1.00x ({base_ms:,.0f} ms)")
    missed = False
    for target in targets:
        ms = median_or_none(times[target.name])
        ratio = ms / base_ms if ms is not None else None
        mark = verdict(ratio, target.goal)
        missed |= mark != "OK"
        if target.name in errors:
            print(f"{target.name:<18}{'n/a':>10}{'':>7}{target.goal:>6.2f}  n/a      "
                  f"({errors[target.name]})")
            summary.record(f"page complete: {target.name}", "n/a", f"<= {target.goal:.2f}x",
                           "n/a")
            continue
        print(f"{target.name:<18}{ms:>10,.0f}{ratio:>7.2f}{target.goal:>6.2f}  {mark:<7}  "
              f"{[round(t) for t in times[target.name]]}")
        summary.record(f"page complete: {target.name}", f"{ratio:.2f}x ({ms:,.0f} ms)",
                       f"<= {target.goal:.2f}x", mark)
    if outside:
        print(f"FAIL: {len(set(outside))} request(s) left 127.0.0.1: {sorted(set(outside))[:5]}")
        return 1
    return 1 if missed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.page",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="samples per page (default 5)")
    parser.add_argument("--page", action="append", help="only this registry key (repeatable)")
    args = parser.parse_args(argv)
    return run(args.runs, args.page)


if __name__ == "__main__":
    sys.exit(main())
