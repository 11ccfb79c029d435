"""Checks against the source articles themselves (../shared/seeds), when they are present.

The seeds are not part of the repository (only short excerpts are), so these checks run
wherever the seeds sit beside the project: always in CI, optionally elsewhere.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from loaders.normalize import normalize_text
from loaders.problems import Problem

REPO = Path(__file__).resolve().parent.parent


def find_seeds_dir() -> Path | None:
    """$DASHBOARD_SEEDS_DIR, else ../shared/seeds beside the repository, else None."""
    candidates = [os.environ.get("DASHBOARD_SEEDS_DIR"), REPO.parent / "shared" / "seeds"]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


@lru_cache(maxsize=16)
def normalized_seed(path: Path) -> str:
    return normalize_text(path.read_text(encoding="utf-8"))


def excerpt_problems(facts: pd.DataFrame, articles: pd.DataFrame, seeds: Path) -> list[Problem]:
    """Every excerpt must be verbatim in its article after normalisation (t2s, no pinyin,
    no whitespace, NFKC)."""
    seed_files = dict(zip(articles["id"], articles["seed_file"], strict=True))
    problems = []
    for row in facts.itertuples():
        seed = seeds / seed_files.get(row.article_id, "")
        if not seed.is_file():
            problems.append(Problem(row.source_file, row.source_line, "article_id",
                                    row.article_id, f"seed file {seed.name} not found"))
            continue
        if normalize_text(row.excerpt) not in normalized_seed(seed):
            problems.append(Problem(row.source_file, row.source_line, "excerpt", row.excerpt,
                                    f"excerpt not found verbatim in {seed.name}"))
    return problems
