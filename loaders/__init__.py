"""Loaders: curated files in data/ → validated pandas DataFrames with proper dtypes.

Public API: load_all(), load_facts(), load_articles(), load_places(), load_zones(),
load_vocab(), load_regions(), load_problems(), conflicts(facts), data_dir().

The data folder is `data/` beside this package, or $DASHBOARD_DATA_DIR (used to start the
app on another folder, e.g. one with bad rows or a third region, and by the tests). Reads are
memoised per folder and re-done when a file's size or mtime changes, with the standard library
only: the command-line tools and the tests import no web framework. Loaders never create
widgets; the UI decides how to show problems.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from loaders.facts import FACT_COLUMNS, read_facts
from loaders.problems import Problem
from loaders.reference import Reference, read_reference

REPO_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

__all__ = ["FACT_COLUMNS", "Problem", "Reference", "conflicts", "data_dir", "load_all",
           "load_articles", "load_facts", "load_places", "load_problems", "load_regions",
           "load_vocab", "load_zones"]


def data_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_DATA_DIR") or REPO_DATA_DIR)


def _stamp(folder: Path) -> tuple:
    """Cache key part: file names, sizes and mtimes, so an edited file is re-read."""
    return tuple(sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns)
                        for p in folder.rglob("*") if p.is_file() and p.suffix != ".geojson"))


@lru_cache(maxsize=4)
def _load(folder: str, stamp: tuple) -> tuple[Reference, pd.DataFrame, list[Problem]]:
    ref = read_reference(Path(folder))
    facts, problems = read_facts(Path(folder), ref)
    return ref, facts, ref.problems + problems


def load_all(folder: Path | None = None) -> tuple[Reference, pd.DataFrame, list[Problem]]:
    """(reference data, facts, problems) of a data folder. Shared: treat as read-only."""
    folder = Path(folder) if folder else data_dir()
    return _load(str(folder), _stamp(folder))


def load_facts(folder: Path | None = None) -> pd.DataFrame:
    """Every valid fact, one row per figure (or per mentioned project), base units in `value`."""
    return load_all(folder)[1]


def load_problems(folder: Path | None = None) -> list[Problem]:
    """Every problem found while loading (rejected rows are errors, kept data warnings)."""
    return load_all(folder)[2]


def load_articles(folder: Path | None = None) -> pd.DataFrame:
    return load_all(folder)[0].articles


def load_places(folder: Path | None = None) -> pd.DataFrame:
    return load_all(folder)[0].places


def load_zones(folder: Path | None = None) -> pd.DataFrame:
    return load_all(folder)[0].zones


def load_vocab(folder: Path | None = None) -> dict[str, dict]:
    return load_all(folder)[0].vocab


def load_regions(folder: Path | None = None) -> dict[str, dict]:
    """The regions of data/regions.yaml (adcode → names, levels, layers, default metric)."""
    return load_all(folder)[0].regions


def conflicts(facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Figures that disagree between articles about the same subject, metric and year.

    The same entity (a project_id, or a place total with the same place and subject) reported
    with different values by different articles is a conflict; the app flags it and shows
    both versions rather than silently picking one.
    """
    facts = load_facts() if facts is None else facts
    measured = facts[facts["metric"] != ""]
    rows = []
    for (entity, metric, year), group in measured.groupby(
        ["entity_id", "metric", "year"], sort=True
    ):
        if group["article_id"].nunique() < 2 or group["value"].nunique() < 2:
            continue
        rows.append({
            "entity_id": entity, "metric": metric, "year": year,
            "subject": " / ".join(dict.fromkeys(group["subject"])),
            "values": list(group["value"].astype(float)),
            "raw": [f"{v}{u}" for v, u in zip(group["raw_value"], group["raw_unit"],
                                              strict=True)],
            "fact_ids": list(group["fact_id"]), "article_ids": list(group["article_id"]),
            "excerpts": list(group["excerpt"]),
        })
    columns = ["entity_id", "metric", "year", "subject", "values", "raw", "fact_ids",
               "article_ids", "excerpts"]
    return pd.DataFrame(rows, columns=columns)
