"""The bench's own helpers: which pages and interactions it times, how it judges a ratio, and
that its in-page probe calls a page complete for the right reasons. No timed assertions: the
probe is checked on static DOM snapshots, never against a clock."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench import __main__ as bench_main
from bench import interact, page
from dashboard.registry import PAGES

REPO = Path(__file__).resolve().parent.parent


def test_every_registry_page_is_timed_with_its_goal():
    targets = page.page_targets()
    assert [t.path for t in targets] == ["" if s.default else s.key for s in PAGES]
    landing = next(t for t in targets if t.path == "")
    assert landing.goal == page.LANDING_GOAL == 1.20
    assert '[data-testid="stMetric"]' in landing.markers
    assert all(page.SIDEBAR_SELECT in t.markers for t in targets)
    assert {t.goal for t in targets if t.path} == {page.PAGE_GOAL} == {1.30}
    assert [t.path for t in page.page_targets(["energy"])] == ["energy"]


def test_verdict():
    assert page.verdict(1.2, 1.2) == "OK"
    assert page.verdict(1.21, 1.2) == "MISS"
    assert page.verdict(None, 1.2) == "n/a"


def test_the_five_interactions_of_the_issue():
    assert [i.name for i in interact.INTERACTIONS] == [
        "metric switch", "map drill-down", "county select", "sidebar filter", "language switch"]
    assert interact.GOAL == 2.0


def test_main_forwards_runs_and_runs_the_full_load_through_nginx_unless_quick():
    assert bench_main.bench_argv("pages", 3) == ["--runs", "3"]
    assert bench_main.bench_argv("geo", 3) is None
    assert {"pages", "interactions", "map_component", "ingest"} <= set(bench_main.BENCHES)
    # the issue's load goals need 20 sessions, through the proxy with 1 and 2 replicas
    assert bench_main.bench_argv("load", 5) == ["--compare-replicas"]
    assert bench_main.bench_argv("load", 5, quick=True) == ["--short"]
    assert bench_main.bench_argv("scale", 5, quick=True) == ["--short"]


def test_the_map_redraw_floor_is_the_landing_maps_metric_switch():
    """bench/map_rerun_app.py must make the landing page's switch (same control and option,
    same map before and after), or the floor would time something else."""
    at = AppTest.from_file(str(REPO / "bench" / "map_rerun_app.py"), default_timeout=60).run()
    assert not at.exception
    control = at.segmented_control[0]
    label, option = interact.METRIC_SWITCH
    assert (control.label, control.options) == (label, ["总投资", option])
    before = json.loads(at.get("plotly_chart")[0].proto.spec)
    # Yanbian and Tonghua are the prefectures with project totals of total investment.
    assert before["data"][0]["locations"] == ["222400", "220500"]
    assert before["layout"]["title"]["text"] == "总投资"
    after = json.loads(control.set_value("investment_annual_plan").run()
                       .get("plotly_chart")[0].proto.spec)
    assert after["layout"]["title"]["text"] == option
    assert after["data"][0]["locations"] == []  # no project sums of annual plans: no data
    assert len(after["data"][1]["locations"]) == 9  # every prefecture in the no-data trace
