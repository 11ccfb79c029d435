"""Interaction settle: from a reader's input event to the page settled again after the rerun.

*Settled* is bench/page.py's "complete" (script not running, no skeleton, every chart and the
map drawn, the page's markers present) after a rerun was observed, i.e. after the app's script
state changed or a message came from the server since the input (a rerun of a few ms can start
and finish within one React commit, leaving the state attribute untouched). The input time is
the `timeStamp` of the first pointerdown/keydown after the probe is armed, so preparation
(hovering the map until its tooltip shows, opening a select box) is not charged; the settle
time is the last mutation batch (or server message) after which the page was settled, read
once it has been quiet for 2 s, so a second rerun or a chart redrawn after the script stopped
is counted. The number of script runs an interaction
caused is reported beside its time (a map click drills down in two).

Each sample starts from a fresh load of the start URL in one warm context (server and HTTP
caches warm): every sample performs the same change from the same state. The baseline is a
click on the button of `bench/trivial_app.py` (a rerun that changes nothing), on a page kept
open in its own context, measured just before each sample (interleaved).

A second reference, the *map redraw floor*, is the metric switch of `bench/map_rerun_app.py`:
the landing page's map alone, redrawn with other values. It has no goal; it shows what part of
an interaction Streamlit and plotly need to redraw the map, and so what the rest of the page
(sidebar, figures, tables) may cost within the goal.

The app's layout is being reworked; a control that cannot be found is reported as
"n/a (not found: …)" and the other interactions still run. Selectors are roles, accessible
names and plotly's own data (a map path is found by its location code), never positions.

Run alone with `python -m bench.interact --runs 5` (or `python -m bench --only interactions`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import summary  # noqa: E402
from bench.page import (  # noqa: E402
    SIDEBAR_SELECT,
    TRIVIAL_MARKERS,
    VIEWPORT,
    NotComplete,
    install,
    progress,
    verdict,
    wait_complete,
)
from bench.server import launch_chromium, running_app, servable  # noqa: E402

GOAL = 2.0
BASELINE = "trivial rerun"
FLOOR = "map redraw floor"
SETTLE_TIMEOUT_MS = 45_000
FIND_TIMEOUT_MS = 5_000
YANBIAN, DUNHUA = "222400", "222403"
APP_MARKERS = (SIDEBAR_SELECT, '[data-testid="stMetric"]', ".js-plotly-plot .choroplethlayer path")


class NotFound(RuntimeError):
    """A control of the interaction is not on the page (the layout changed)."""


# A viewport pixel where the map path of location `code` is the topmost element (a grid over
# its bounding box, nearest the centre first): labels and other shapes cannot take the click.
_MAP_PIXEL_JS = """(code) => {
  const paths = [...document.querySelectorAll('.js-plotly-plot .choroplethlayer path')];
  const path = paths.find(p => p.__data__ && String(p.__data__.loc) === code);
  if (!path) return null;
  path.scrollIntoView({block: 'center'});
  const box = path.getBoundingClientRect();
  let best = null;
  for (let i = 1; i < 16; i++) for (let j = 1; j < 16; j++) {
    const x = box.left + box.width * i / 16, y = box.top + box.height * j / 16;
    const hit = document.elementFromPoint(x, y);
    const d = Math.hypot(i - 8, j - 8);
    if (hit === path && (!best || d < best[2])) best = [x, y, d];
  }
  return best ? [best[0], best[1]] : [box.left + box.width / 2, box.top + box.height / 2];
}"""


def _present(locator, what: str):
    try:
        locator.first.wait_for(state="visible", timeout=FIND_TIMEOUT_MS)
    except Exception as exc:  # noqa: BLE001 - playwright's TimeoutError
        raise NotFound(what) from exc
    return locator.first


def segmented(group: str, option: str, sidebar: bool = False) -> Callable:
    """Click `option` of the segmented control (a radiogroup) labelled `group`."""

    def prepare(page) -> Callable[[], None]:
        scope = page.locator('[data-testid="stSidebar"]') if sidebar else page
        radio = scope.get_by_role("radiogroup", name=group).get_by_role("radio", name=option)
        target = _present(radio, f"{group} → {option}")
        target.scroll_into_view_if_needed()
        return target.click

    return prepare


def map_click(code: str, name: str) -> Callable:
    """Click the choropleth path of location `code`, after hovering it until its tooltip
    names `name` (a tooltip that does not come is tolerated: the click is what is timed)."""

    def prepare(page) -> Callable[[], None]:
        point = page.evaluate(_MAP_PIXEL_JS, code)
        if point is None:
            raise NotFound(f"map path of {code} ({name})")
        x, y = point
        page.mouse.move(x - 3, y)
        page.mouse.move(x, y)
        try:
            page.wait_for_function(
                "(n) => [...document.querySelectorAll('.js-plotly-plot .hoverlayer .hovertext')]"
                ".some(el => el.textContent.includes(n))", arg=name, timeout=FIND_TIMEOUT_MS)
        except Exception:  # noqa: BLE001, S110 - hover is a courtesy, the click still counts
            pass
        return lambda: page.mouse.click(x, y)

    return prepare


def sidebar_select(label: str) -> Callable:
    """Open the sidebar select box `label` and pick its first option other than "all"."""

    def prepare(page) -> Callable[[], None]:
        sidebar = page.locator('[data-testid="stSidebar"]')
        box = _present(sidebar.get_by_role("combobox", name=label), f"sidebar select {label}")
        box.scroll_into_view_if_needed()
        box.click()
        options = page.get_by_role("option")
        _present(options, f"options of {label}")
        current = box.input_value()
        for i in range(options.count()):
            text = options.nth(i).inner_text().strip()
            if text and text != current and not text.startswith(("全部", "All")):
                return options.nth(i).click
        raise NotFound(f"an option of {label} other than all")

    return prepare


@dataclass(frozen=True)
class Interaction:
    name: str
    start: str  # path and query appended to the app's URL
    prepare: Callable  # page -> the input action, called once the probe is armed


METRIC_SWITCH = ("指标", "年度计划投资")  # the landing page's metric control and the option picked
INTERACTIONS = (
    Interaction("metric switch", "", segmented(*METRIC_SWITCH)),
    Interaction("map drill-down", "", map_click(YANBIAN, "延边")),
    Interaction("county select", f"?prefecture={YANBIAN}", map_click(DUNHUA, "敦化")),
    Interaction("sidebar filter", "", sidebar_select("年份")),
    Interaction("language switch", "", segmented("语言", "English", sidebar=True)),
)
# bench/map_rerun_app.py's metric switch: the map redrawn and nothing else (a reference, no goal).
FLOOR_INTERACTION = Interaction(FLOOR, "", segmented(*METRIC_SWITCH))


def settle_ms(page, act: Callable[[], None]) -> tuple[float, int]:
    """Arm the probe, perform `act`; ms from its input event to settled, and script runs."""
    page.evaluate("window.__bench.arm()")
    act()
    settled = wait_complete(page, SETTLE_TIMEOUT_MS)
    start = page.evaluate("window.__bench.input")
    if start is None:
        raise NotComplete("no input event was seen")
    return settled - float(start), int(page.evaluate("window.__bench.runs"))


def sample(page, url: str, interaction: Interaction) -> tuple[float, int]:
    page.bring_to_front()
    page.goto(url, wait_until="commit")
    wait_complete(page)
    return settle_ms(page, interaction.prepare(page))


def run(runs: int = 5, only: list[str] | None = None) -> int:
    """Print the interaction table; 1 if one misses the goal or cannot be measured."""
    from playwright.sync_api import sync_playwright

    chosen = [i for i in INTERACTIONS if not only or i.name in only]
    times: dict[str, list[float]] = {i.name: [] for i in chosen}
    runs_seen: dict[str, list[int]] = {i.name: [] for i in chosen} | {BASELINE: [], FLOOR: []}
    errors: dict[str, str] = {}
    baseline: list[float] = []
    floor: list[float] = []
    with (
        running_app("app.py") as app,
        running_app("bench/trivial_app.py") as base,
        tempfile.TemporaryDirectory() as tmp,
        running_app(servable("bench/map_rerun_app.py", Path(tmp))) as map_only,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        app_context, base_context, floor_context = (browser.new_context(viewport=VIEWPORT)
                                                    for _ in range(3))
        install(app_context, APP_MARKERS)
        install(base_context, TRIVIAL_MARKERS)
        install(floor_context, TRIVIAL_MARKERS)
        app_page, base_page = app_context.new_page(), base_context.new_page()
        floor_page = floor_context.new_page()
        base_page.goto(base.url, wait_until="commit")
        wait_complete(base_page)
        rerun = base_page.get_by_role("button", name="rerun").click
        settle_ms(base_page, rerun)  # warm-up
        sample(floor_page, map_only.url, FLOOR_INTERACTION)  # warm-up
        for interaction in chosen:  # warm-up: the server's caches for every state reached
            try:
                sample(app_page, app.url + interaction.start, interaction)
            except (NotFound, NotComplete) as exc:
                errors[interaction.name] = f"{type(exc).__name__}: {exc}"
        for round_ in range(runs):
            progress(round_, runs)
            ms, script_runs = sample(floor_page, map_only.url, FLOOR_INTERACTION)
            floor.append(ms)
            runs_seen[FLOOR].append(script_runs)
            for interaction in chosen:
                base_page.bring_to_front()
                ms, script_runs = settle_ms(base_page, rerun)
                baseline.append(ms)
                runs_seen[BASELINE].append(script_runs)
                if interaction.name in errors:
                    continue
                try:
                    ms, script_runs = sample(app_page, app.url + interaction.start, interaction)
                    times[interaction.name].append(ms)
                    runs_seen[interaction.name].append(script_runs)
                except (NotFound, NotComplete) as exc:
                    errors[interaction.name] = f"{type(exc).__name__}: {exc}"
        browser.close()
        progress(runs, runs)
    return report(runs, chosen, times, runs_seen, baseline, floor, errors)


def report(runs: int, chosen, times: dict[str, list[float]], runs_seen: dict[str, list[int]],
           baseline: list[float], floor: list[float], errors: dict[str, str]) -> int:
    base_ms = statistics.median(baseline)
    floor_ms = statistics.median(floor)
    print(f"interaction settle (input event -> rerun done, charts drawn), median of {runs}, "
          f"baseline interleaved (of {len(baseline)})")
    print(f"{'interaction':<18}{'median ms':>10}{'ratio':>7}{'goal':>6}  verdict  "
          "script runs  samples ms")
    print(f"{BASELINE:<18}{base_ms:>10,.0f}{1:>7.2f}{'':>6}  {'':<7}  "
          f"{statistics.median(runs_seen[BASELINE]):>11g}  "
          f"{[round(t) for t in baseline[:runs]]}")
    print(f"{FLOOR:<18}{floor_ms:>10,.0f}{floor_ms / base_ms:>7.2f}{'':>6}  {'':<7}  "
          f"{statistics.median(runs_seen[FLOOR]):>11g}  {[round(t) for t in floor]}")
    summary.record("interaction: trivial rerun", f"1.00x ({base_ms:,.0f} ms)")
    summary.record(f"interaction: {FLOOR}", f"{floor_ms / base_ms:.2f}x ({floor_ms:,.0f} ms)")
    missed = False
    for interaction in chosen:
        name = interaction.name
        if name in errors and not times[name]:
            print(f"{name:<18}{'n/a':>10}{'':>7}{GOAL:>6.2f}  n/a      ({errors[name]})")
            summary.record(f"interaction: {name}", "n/a", f"<= {GOAL:.2f}x", "n/a")
            missed = True
            continue
        ms = statistics.median(times[name])
        mark = verdict(ms / base_ms, GOAL)
        missed |= mark != "OK"
        note = f"  (then {errors[name]})" if name in errors else ""
        script_runs = statistics.median(runs_seen[name])
        print(f"{name:<18}{ms:>10,.0f}{ms / base_ms:>7.2f}{GOAL:>6.2f}  {mark:<7}  "
              f"{script_runs:>11g}  {[round(t) for t in times[name]]}{note}")
        summary.record(f"interaction: {name}", f"{ms / base_ms:.2f}x ({ms:,.0f} ms)",
                       f"<= {GOAL:.2f}x", mark)
    return 1 if missed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.interact",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="samples per interaction (default 5)")
    parser.add_argument("--only", action="append", help="only this interaction (repeatable)")
    args = parser.parse_args(argv)
    return run(args.runs, args.only)


if __name__ == "__main__":
    sys.exit(main())
