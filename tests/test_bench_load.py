"""The load bench's report: which server runs make a page load and which an interaction."""

import pytest

from bench.load import interaction_times, pct


def run(session: str, seconds: float, rerun: bool = False) -> dict:
    return {"session": session, "s": seconds, "rerun": rerun, "ok": True, "error": ""}


def test_a_sessions_first_step_is_its_page_load_and_reruns_join_the_step_they_follow():
    records = [run("a", 0.5), run("b", 0.4), run("a", 0.1, rerun=True), run("b", 0.05),
               run("a", 0.2), run("a", 0.03)]
    loads, steps = interaction_times(records)
    assert loads == [0.5, 0.4]
    assert steps == pytest.approx([0.05, 0.3, 0.03])


def test_percentiles_of_tiny_samples():
    assert pct([0.2], 95) == 0.2
    assert pct([0.1, 0.3], 50) == pytest.approx(0.2)
    assert pct([], 95) != pct([], 95)  # nan: nothing to compare
