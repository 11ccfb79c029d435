"""Where an interaction's (or a first visit's) time goes: server script, websocket, browser.

`python -m bench.profile_interact --runs 3 [--only "metric switch"]` plays bench/interact.py's
interactions against the app started with every script run timed (bench/load_server.py) and,
in the page, records each websocket message (arrival time and size) and the main thread's long
tasks (PerformanceObserver, tasks over 50 ms). Per interaction it prints medians of:

- `to run`: input event until the script run started (client event, websocket, queueing),
- `script`: the server's wall time for the run(s) the input caused,
- `msgs`/`KB`: websocket messages and bytes received from the input to settled,
- `after`: last message to settled, i.e. what the browser still did once the server was done
  (React commit, Plotly redraw, the page's components),
- `long`: the main thread's long tasks between input and settled (busy browser time),
- `settle`: bench/interact.py's settle time.

`--pages` does the same for a first visit of every page (fresh context each, as bench/page.py):
`to run` is then from navigation start, `after` from the last message to complete.

A diagnostic, not a budget: the timings share the machine with the browser that renders them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.interact import APP_MARKERS, INTERACTIONS, settle_ms  # noqa: E402
from bench.load_server import start_timed_app  # noqa: E402
from bench.page import VIEWPORT, install, page_targets, wait_complete  # noqa: E402
from bench.server import launch_chromium, stop_app  # noqa: E402

# Every websocket message (time, bytes) and long task (start, duration), from navigation start.
RECORDER_JS = """
(() => {
  const R = window.__rec = {messages: [], long: []};
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const d = e.data;
        R.messages.push([performance.now(), d.byteLength ?? d.size ?? d.length ?? 0]);
      });
    }
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) R.long.push([e.startTime, e.duration]);
    }).observe({type: 'longtask', buffered: true});
  } catch (e) {}
})();
"""


def _runs_between(log: Path, start: float, end: float) -> list[dict]:
    """Script runs (bench/load_server.py records) that ended between two epoch times."""
    records = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    return [r for r in records if start <= r["t"] <= end + 0.05]


def measure(page, url: str, interaction, log: Path) -> dict:
    page.goto(url, wait_until="commit")
    wait_complete(page)
    act = interaction.prepare(page)
    origin = page.evaluate("performance.timeOrigin")
    page.evaluate("window.__rec.messages = []; window.__rec.long = []")
    settle, _ = settle_ms(page, act)
    start = page.evaluate("window.__bench.input")
    end = start + settle
    rec = page.evaluate("window.__rec")
    messages = [(t, n) for t, n in rec["messages"] if start <= t <= end + 1]
    long_ms = sum(min(s + d, end) - max(s, start) for s, d in rec["long"]
                  if s + d > start and s < end)
    time.sleep(0.1)  # the log line is written once the run returns
    runs = _runs_between(log, (origin + start) / 1000, (origin + end) / 1000)
    script = sum(r["s"] for r in runs) * 1000
    first_run_start = ((runs[0]["t"] - runs[0]["s"]) * 1000 - origin - start) if runs else None
    return {"settle": settle, "script": script, "runs": len(runs),
            "to_run": first_run_start, "msgs": len(messages),
            "kb": sum(n for _, n in messages) / 1024,
            "after": end - messages[-1][0] if messages else None, "long": long_ms,
            "sizes": sorted((round(n / 1024, 1) for _, n in messages), reverse=True)[:5]}


def measure_page(browser, url: str, markers, log: Path) -> dict:
    """A first visit of `url` in a fresh context, split like `measure`."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        install(context, markers)
        context.add_init_script(RECORDER_JS)
        page = context.new_page()
        page.goto(url, wait_until="commit")
        end = wait_complete(page)
        origin = page.evaluate("performance.timeOrigin")
        rec = page.evaluate("window.__rec")
        time.sleep(0.1)
        runs = _runs_between(log, origin / 1000, (origin + end) / 1000)
    finally:
        context.close()
    messages = [(t, n) for t, n in rec["messages"] if t <= end + 1]
    return {"settle": end, "script": sum(r["s"] for r in runs) * 1000, "runs": len(runs),
            "to_run": ((runs[0]["t"] - runs[0]["s"]) * 1000 - origin) if runs else None,
            "msgs": len(messages), "kb": sum(n for _, n in messages) / 1024,
            "after": end - messages[-1][0] if messages else None,
            "long": sum(min(s + d, end) - s for s, d in rec["long"] if s < end),
            "sizes": sorted((round(n / 1024, 1) for _, n in messages), reverse=True)[:5]}


def _print(name: str, rows: list[dict]) -> None:
    def med(key):
        values = [r[key] for r in rows if r[key] is not None]
        return statistics.median(values) if values else float("nan")

    print(f"{name:<16}{med('to_run'):>8.0f}{med('script'):>8.0f}{med('runs'):>5.0f}"
          f"{med('msgs'):>5.0f}{med('kb'):>7.1f}{med('after'):>7.0f}{med('long'):>7.0f}"
          f"{med('settle'):>8.0f}  {rows[-1]['sizes']}", flush=True)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(prog="python -m bench.profile_interact",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", action="append")
    parser.add_argument("--pages", action="store_true", help="first visits, not interactions")
    args = parser.parse_args(argv)
    chosen = [i for i in INTERACTIONS if not args.only or i.name in args.only]
    log = Path(tempfile.mkstemp(prefix="profile-runs-", suffix=".jsonl")[1])
    app = start_timed_app(log)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            print(f"{'page' if args.pages else 'interaction':<16}{'to run':>8}{'script':>8}"
                  f"{'runs':>5}{'msgs':>5}{'KB':>7}{'after':>7}{'long':>7}{'settle':>8}  "
                  "largest messages KB")
            if args.pages:
                for target in page_targets(args.only):
                    url = app.url + target.path
                    measure_page(browser, url, target.markers, log)  # warm-up
                    _print(target.name, [measure_page(browser, url, target.markers, log)
                                         for _ in range(args.runs)])
                browser.close()
                return 0
            context = browser.new_context(viewport=VIEWPORT)
            install(context, APP_MARKERS)
            context.add_init_script(RECORDER_JS)
            page = context.new_page()
            for interaction in chosen:
                measure(page, app.url + interaction.start, interaction, log)  # warm-up
                _print(interaction.name, [measure(page, app.url + interaction.start,
                                                  interaction, log)
                                          for _ in range(args.runs)])
            browser.close()
    finally:
        stop_app(app)
        log.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
