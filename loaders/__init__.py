"""Loaders: curated files in data/ → pandas DataFrames with proper dtypes.

Public API (cached with st.cache_data, which also works outside a Streamlit run):
    load_articles(), load_facts(), load_places(), load_zones(), load_vocab(),
    load_problems(), conflicts(facts)

The data folder is `data/` beside this package, or $DASHBOARD_DATA_DIR (used to start the
app on another folder, e.g. one with bad rows, and by the tests). Loaders never create
widgets; pages decide how to show problems.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from loaders.facts import FACT_COLUMNS, read_facts
from loaders.problems import Problem
from loaders.reference import REGIONS, Reference, read_reference

# Outside `streamlit run` (the CLI, tests, benches) st.cache_data falls back to a memory cache
# and logs "No runtime found" on every call; that is expected here, not news for the reader.
logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)

REPO_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

__all__ = ["FACT_COLUMNS", "REGIONS", "Problem", "conflicts", "data_dir", "load_articles",
           "load_facts", "load_places", "load_problems", "load_vocab", "load_zones",
           "load_all"]


def data_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_DATA_DIR") or REPO_DATA_DIR)


def _stamp(folder: Path) -> tuple:
    """Cache key part: file names, sizes and mtimes, so an edited file is re-read."""
    return tuple(sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns)
                        for p in folder.rglob("*") if p.is_file() and p.suffix != ".geojson"))


@st.cache_data(show_spinner=False, max_entries=4)
def _load(folder: str, stamp: tuple) -> tuple[Reference, pd.DataFrame, list[Problem]]:
    ref = read_reference(Path(folder))
    facts, problems = read_facts(Path(folder), ref)
    return ref, facts, ref.problems + problems


def load_all(folder: Path | None = None) -> tuple[Reference, pd.DataFrame, list[Problem]]:
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
