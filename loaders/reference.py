"""Reference data: vocabularies, articles, places (gazetteer) and development zones.

These small files define what a valid fact may say, so they are read first and their own
problems are collected like any row problem (a broken YAML file names its line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
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
        value = text.split("\n")[line - 1].strip()[:60] if mark else ""
        context, where = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        started = f" ({context} at line {where.line + 1})" if context and where else ""
        problems.append(Problem(display_path(path), line, "-", value, f"malformed YAML: "
                                f"{getattr(exc, 'problem', None) or exc}{started}"))
        return None


def yaml_lines(path: Path) -> dict[tuple, int]:
    """Line of each mapping key and sequence item, by path (("metrics", "gdp"): 31), so a
    problem inside a well-formed YAML file can still name its line. {} if unreadable."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    lines: dict[tuple, int] = {}

    def walk(node: yaml.Node, trail: tuple, depth: int) -> None:
        if depth > 2:
            return
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[(*trail, key.value)] = key.start_mark.line + 1
                walk(value, (*trail, key.value), depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[(*trail, i)] = item.start_mark.line + 1
                walk(item, (*trail, i), depth + 1)

    if root is not None:
        walk(root, (), 0)
    return lines


@dataclass
class Reference:
    """Everything a fact is checked against, with the problems found while reading it."""

    vocab: dict[str, dict] = field(default_factory=dict)
    articles: pd.DataFrame = field(default_factory=pd.DataFrame)
    places: pd.DataFrame = field(default_factory=pd.DataFrame)
    zones: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[Problem] = field(default_factory=list)

    # Lookup sets for the row rules, built once (a set per row made a 230,000-row load
    # quadratic in the gazetteer's size; see bench/scale.py).
    @cached_property
    def adcodes(self) -> frozenset[str]:
        return frozenset(self.places["adcode"]) if "adcode" in self.places else frozenset()

    @cached_property
    def zone_ids(self) -> frozenset[str]:
        return frozenset(self.zones["zone_id"]) if "zone_id" in self.zones else frozenset()

    @cached_property
    def article_ids(self) -> frozenset[str]:
        return frozenset(self.articles["id"]) if "id" in self.articles else frozenset()

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
    lines = yaml_lines(path)
    for section in VOCAB_SECTIONS:
        entries = doc.get(section)
        if not isinstance(entries, dict):
            problems.append(Problem(display_path(path), lines.get((section,), 1), section, "",
                                    "missing section"))
            continue
        vocab[section] = {}
        for key, entry in entries.items():
            rule = _vocab_entry_problem(section, entry, entries if section == "units" else
                                        doc.get("units") or {})
            if rule:
                problems.append(Problem(display_path(path), lines.get((section, key), 1),
                                        section, str(key), rule))
                continue
            vocab[section][str(key)] = entry
    return vocab


def _vocab_entry_problem(section: str, entry: object, units: dict) -> str | None:
    """Entries need zh and en labels; a metric needs unit(s) declared under units."""
    if not isinstance(entry, dict) or not entry.get("zh") or not entry.get("en"):
        return "entry needs zh and en labels"
    if section == "metrics":
        unit = entry.get("unit")
        declared = unit if isinstance(unit, list) else [unit]
        if not unit or any(u not in units for u in declared):
            return f"metric unit {unit!r} is not declared under units"
    return None


def read_articles(data_dir: Path, problems: list[Problem]) -> pd.DataFrame:
    path = data_dir / "articles.yaml"
    doc = read_yaml(path, problems)
    entries = doc.get("articles", []) if isinstance(doc, dict) else []
    entries = entries if isinstance(entries, list) else []
    lines = yaml_lines(path)
    name = display_path(path)
    rows, seen = [], set()
    for i, entry in enumerate(entries):
        entry = entry if isinstance(entry, dict) else {}
        line, label = lines.get(("articles", i), 0), str(entry.get("id", f"#{i + 1}"))
        missing = [f for f in ARTICLE_FIELDS if f not in entry]
        if missing:
            problems.append(Problem(name, line, ",".join(missing), label, "missing field"))
            continue
        if label in seen:
            problems.append(Problem(name, line, "id", label, "duplicate article id"))
            continue
        if pd.isna(pd.to_datetime(str(entry["date"]), errors="coerce", format="ISO8601")):
            problems.append(Problem(name, lines.get(("articles", i, "date"), line), "date",
                                    str(entry["date"]), "not an ISO date (YYYY-MM-DD)"))
            continue
        seen.add(label)
        rows.append({**entry, "id": label})
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


def regions_of(adcodes, places: pd.DataFrame) -> dict[str, str]:
    """{adcode: region or ""} for many codes at once, walking one parents table."""
    parents = dict(zip(places["adcode"], places["parent_adcode"], strict=True))
    out = {}
    for adcode in set(adcodes):
        code, seen = adcode, 0
        while code and code not in REGIONS and seen < 5:
            code, seen = parents.get(code), seen + 1
        out[adcode] = code if code in REGIONS else ""
    return out


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
