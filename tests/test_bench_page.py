"""The bench's own helpers: which pages and interactions it times, how it judges a ratio, and
that its in-page probe calls a page complete for the right reasons. No timed assertions: the
probe is checked on static DOM snapshots, never against a clock."""

from __future__ import annotations

from bench import __main__ as bench_main
from bench import interact, page
from dashboard.registry import PAGES


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


def test_main_forwards_runs_and_keeps_the_short_load_and_scale_runs():
    assert bench_main.bench_argv(["--runs", "{runs}"], 3) == ["--runs", "3"]
    assert bench_main.bench_argv(None, 3) is None
    assert {"pages", "interactions", "map_component"} <= set(bench_main.BENCHES)
    assert bench_main.BENCHES["load"] == ("bench.load", ["--short"])
    assert bench_main.BENCHES["scale"] == ("bench.scale", ["--short"])
