"""Batch ingest: `python -m loaders.ingest a.txt b.txt …` in one process, time per article.

The goal is at most 0.2 s per article once the process has started: reading the gazetteer and
the vocabularies is paid once per batch, not once per article. The bench runs the real command
in a subprocess on every article it has (the five seeds and the development set), writing the
candidates to a temporary folder, and reads the start-up and per-article times the command
itself reports on stderr; the process's wall time is printed beside them.

Run alone with `python -m bench.ingest`.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import summary  # noqa: E402
from loaders.integrity import find_seeds_dir  # noqa: E402

GOAL_S = 0.2
_TIMES = re.compile(r"(\d+) articles: start-up ([\d.]+) s, ([\d.]+) s per article")


def articles() -> list[Path]:
    """The seed articles (when present) and the extraction development set."""
    seeds = find_seeds_dir()
    found = sorted(seeds.glob("*.txt")) if seeds else []
    return found + sorted((ROOT / "bench" / "extraction_set").glob("*.txt"))


def parse(stderr: str) -> tuple[int, float, float]:
    """(articles, start-up s, s per article) from the command's own report."""
    found = _TIMES.search(stderr)
    if not found:
        raise ValueError(f"no timing line in the ingest output: {stderr[-300:]!r}")
    return int(found[1]), float(found[2]), float(found[3])


def run() -> int:
    files = articles()
    if len(files) < 2:
        print(f"FAIL: {len(files)} article(s) found; a batch needs two or more")
        return 1
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "loaders.ingest", *map(str, files), "--out-dir", out],
            cwd=ROOT, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
    if done.returncode:
        print(f"FAIL: loaders.ingest exited {done.returncode}: {done.stderr[-500:]}")
        return 1
    count, startup, per_article = parse(done.stderr)
    mark = summary.verdict(per_article, GOAL_S)
    print(f"python -m loaders.ingest on {count} articles in one process: wall {wall:.2f} s "
          f"(interpreter and imports included), start-up {startup:.3f} s, "
          f"{per_article:.3f} s per article (goal <= {GOAL_S} s) -> {mark}")
    summary.record("ingest: per article after start-up", f"{per_article:.3f} s ({count} articles)",
                   f"<= {GOAL_S} s", mark)
    return 0 if mark == "OK" else 1


def main(argv: list[str] | None = None) -> int:
    return run()


if __name__ == "__main__":
    sys.exit(main())
