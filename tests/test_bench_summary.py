"""`python -m bench` ends with every goal on one screen, and batch ingest is one of them."""

import pytest

from bench import ingest, summary


def test_the_summary_shows_each_recorded_figure_under_its_goal_in_order():
    lines = [summary.Line("page complete: trivial plotly", "1.00x (1,643 ms)", "", ""),
             summary.Line("page complete: energy", "1.65x (2,712 ms)", "<= 1.30x", "MISS"),
             summary.Line("ingest: per article after start-up", "0.007 s (25 articles)",
                          "<= 0.2 s", "OK")]
    rows = summary.render(lines).splitlines()
    assert rows[0].split() == ["goal", "measured", "target", "verdict"]
    assert rows[2].split()[-2:] == ["1.30x", "MISS"]
    assert rows[1].rstrip().endswith("1,643 ms)")  # a reference figure: no target, no verdict
    assert [row.split(":")[0] for row in rows[1:]] == ["page complete", "page complete",
                                                      "ingest"]
    # the columns line up: every figure starts where the header's "measured" does
    start = rows[0].index("measured")
    assert [row[start:].split("  ")[0] for row in rows[1:]] == [
        "1.00x (1,643 ms)", "1.65x (2,712 ms)", "0.007 s (25 articles)"]
    assert summary.render([]) == ""


def test_ingest_reads_the_commands_own_timing_line():
    stderr = "note: something\n25 articles: start-up 0.062 s, 0.007 s per article\n"
    assert ingest.parse(stderr) == (25, 0.062, 0.007)
    with pytest.raises(ValueError, match="no timing line"):
        ingest.parse("1 candidate(s) written")


def test_the_ingest_bench_batches_the_seeds_and_the_development_set(seeds_dir):
    files = ingest.articles()
    assert len([f for f in files if f.parent == seeds_dir]) == 5
    assert len(files) == 5 + 20


def test_the_ingest_bench_runs_the_real_command_and_records_its_figure(monkeypatch):
    """No timed assertion: the verdict must agree with the figure, whatever the figure is."""
    monkeypatch.setattr(summary, "LINES", [])
    status = ingest.run()
    (line,) = summary.LINES
    assert (line.goal, line.target) == ("ingest: per article after start-up", "<= 0.2 s")
    assert line.figure.endswith(" s (25 articles)")
    seconds = float(line.figure.split(" s ")[0])
    assert line.verdict == ("OK" if seconds <= ingest.GOAL_S else "MISS")
    assert status == (0 if line.verdict == "OK" else 1)
