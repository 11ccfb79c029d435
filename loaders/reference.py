"""Reference data: vocabularies, articles, places (gazetteer) and development zones.

These small files define what a valid fact may say, so they are read first and their own
problems are collected like any row problem (a broken YAML file names its line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from loaders.problems import Problem, display_path, read_csv_rows, read_text

PLACE_COLUMNS = ["adcode", "name_zh", "name_en", "level", "parent_adcode", "aliases"]
ZONE_COLUMNS = ["zone_id", "name_zh", "name_en", "host_adcode", "aliases", "note"]
ARTICLE_FIELDS = ["id", "seed_file", "title", "title_en", "outlet", "outlet_en", "date",
                  "date_estimated", "region", "script", "licence"]
VOCAB_SECTIONS = ["units", "metrics", "clusters", "statuses", "qualifiers", "scopes",
                  "place_levels"]

# The dashboard's regions: a region is any adcode whose units are drawn on the map.
# Adding a region is configuration: list it here and build its layer with `make geo`.
REGIONS = {"220000": {"zh": "吉林省", "en": "Jilin"}, "370600": {"zh": "烟台市", "en": "Yantai"}}


def read_yaml(path: Path, problems: list[Problem]) -> object | None:
    """Parse YAML, turning syntax errors into a Problem that names the line."""
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        problems.append(Problem(display_path(path), line, "-", "", f"malformed YAML: "
                                f"{getattr(exc, 'problem', None) or exc}"))
        return None


@dataclass
class Reference:
    """Everything a fact is checked against, with the problems found while reading it."""

    vocab: dict[str, dict] = field(default_factory=dict)
    articles: pd.DataFrame = field(default_factory=pd.DataFrame)
    places: pd.DataFrame = field(default_factory=pd.DataFrame)
    zones: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[Problem] = field(default_factory=list)

    def metric_units(self, metric: str) -> list[str]:
        unit = self.vocab["metrics"][metric]["unit"]
        return unit if isinstance(unit, list) else [unit]


def read_vocab(data_dir: Path, problems: list[Problem]) -> dict[str, dict]:
    path = data_dir / "vocab.yaml"
    doc = read_yaml(path, problems)
    vocab: dict[str, dict] = {s: {} for s in VOCAB_SECTIONS}
    if not isinstance(doc, dict):
        if doc is not None:
            problems.append(Problem(display_path(path), 1, "-", "", "expected a mapping"))
        return vocab
    for section in VOCAB_SECTIONS:
        entries = doc.get(section)
        if not isinstance(entries, dict):
            problems.append(Problem(display_path(path), 1, section, "", "missing section"))
            continue
        vocab[section] = {str(k): v for k, v in entries.items()}
    return vocab


def read_articles(data_dir: Path, problems: list[Problem]) -> pd.DataFrame:
    path = data_dir / "articles.yaml"
    doc = read_yaml(path, problems)
    entries = doc.get("articles", []) if isinstance(doc, dict) else []
    rows = []
    for i, entry in enumerate(entries):
        missing = [f for f in ARTICLE_FIELDS if f not in (entry or {})]
        if missing:
            problems.append(Problem(display_path(path), 0, ",".join(missing),
                                    str((entry or {}).get("id", f"#{i + 1}")), "missing field"))
            continue
        rows.append(entry)
    frame = pd.DataFrame(rows, columns=ARTICLE_FIELDS + ["title_inferred", "outlet_inferred",
                                                         "date_reason"])
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    for col in ("date_estimated", "title_inferred", "outlet_inferred"):
        frame[col] = frame[col].fillna(False).astype(bool)
    for col in ("region",):
        frame[col] = frame[col].astype(str)
    return frame


def read_places(data_dir: Path, problems: list[Problem]) -> pd.DataFrame:
    rows = read_csv_rows(data_dir / "places.csv", PLACE_COLUMNS, problems)
    frame = pd.DataFrame([r for _, r in rows], columns=PLACE_COLUMNS).astype("string")
    frame["aliases"] = frame["aliases"].fillna("")
    return frame


def read_zones(data_dir: Path, problems: list[Problem]) -> pd.DataFrame:
    rows = read_csv_rows(data_dir / "zones.csv", ZONE_COLUMNS, problems)
    return pd.DataFrame([r for _, r in rows], columns=ZONE_COLUMNS).astype("string")


def read_reference(data_dir: Path) -> Reference:
    problems: list[Problem] = []
    return Reference(
        vocab=read_vocab(data_dir, problems),
        articles=read_articles(data_dir, problems),
        places=read_places(data_dir, problems),
        zones=read_zones(data_dir, problems),
        problems=problems,
    )


def region_of(adcode: str, places: pd.DataFrame) -> str | None:
    """The dashboard region (see REGIONS) an adcode lies in, walking up the gazetteer."""
    parents = dict(zip(places["adcode"], places["parent_adcode"], strict=True))
    seen = 0
    code: str | None = adcode
    while code and seen < 5:
        if code in REGIONS:
            return code
        code = parents.get(code)
        seen += 1
    return None
