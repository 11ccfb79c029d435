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
REASON_FIELDS = ["date_reason", "date_reason_en"]  # why the date is what it is, zh and en
VOCAB_SECTIONS = ["units", "metrics", "clusters", "statuses", "qualifiers", "scopes",
                  "place_levels"]
REGION_FIELDS = ["zh", "en", "slug", "levels", "layers", "default_metric"]
MAP_LEVELS = ("prefecture", "county")


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
    regions: dict[str, dict] = field(default_factory=dict)
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


def read_regions(data_dir: Path, problems: list[Problem]) -> dict[str, dict]:
    """The regions of data/regions.yaml, in file order; a broken entry is a problem naming its
    line, and the other regions still load."""
    path = data_dir / "regions.yaml"
    doc = read_yaml(path, problems)
    entries = doc.get("regions") if isinstance(doc, dict) else None
    if not isinstance(entries, dict) or not entries:
        if doc is not None:
            problems.append(Problem(display_path(path), 1, "regions", "", "expected a mapping "
                                    "of region adcodes"))
        return {}
    lines = yaml_lines(path)
    regions: dict[str, dict] = {}
    for code, entry in entries.items():
        line = lines.get(("regions", code), 1)
        rule = _region_problem(str(code), entry)
        if rule:
            problems.append(Problem(display_path(path), line, "regions", str(code), rule))
            continue
        regions[str(code)] = {**entry, "adcode": str(code)}
    return regions


def _region_problem(code: str, entry: object) -> str | None:
    if len(code) != 6 or not code.isdigit():
        return "region key must be a 6-digit adcode (quote it)"
    if not isinstance(entry, dict):
        return "expected a mapping with " + ", ".join(REGION_FIELDS)
    missing = [f for f in REGION_FIELDS if not entry.get(f)]
    if missing:
        return "missing " + ", ".join(missing)
    levels, layers = entry["levels"], entry["layers"]
    if not isinstance(levels, list) or any(level not in MAP_LEVELS for level in levels):
        return f"levels must be a list of {', '.join(MAP_LEVELS)}"
    if not isinstance(layers, dict) or any(level not in layers for level in levels):
        return "layers needs a file for every level"
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
        if entry["date_estimated"] and not all(str(entry.get(f) or "").strip()
                                               for f in REASON_FIELDS):
            problems.append(Problem(name, line, ",".join(REASON_FIELDS), label,
                                    "an estimated date needs its reason in zh and in en",
                                    severity="warning"))
        rows.append({**entry, "id": label})
    frame = pd.DataFrame(rows, columns=ARTICLE_FIELDS + ["title_inferred", "outlet_inferred",
                                                         *REASON_FIELDS])
    frame[REASON_FIELDS] = frame[REASON_FIELDS].fillna("").astype(str)
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
        regions=read_regions(data_dir, problems),
        articles=read_articles(data_dir, problems),
        places=read_places(data_dir, problems),
        zones=read_zones(data_dir, problems),
        problems=problems,
    )


def regions_of(adcodes, places: pd.DataFrame, regions) -> dict[str, str]:
    """{adcode: region or ""} for many codes at once, walking one parents table; `regions` is
    the collection of region adcodes (data/regions.yaml)."""
    parents = dict(zip(places["adcode"], places["parent_adcode"], strict=True))
    return {adcode: _walk_up(adcode, parents, regions) for adcode in set(adcodes)}


def region_of(adcode: str, places: pd.DataFrame, regions) -> str:
    """The dashboard region an adcode lies in, walking up the gazetteer ("" when none)."""
    parents = dict(zip(places["adcode"], places["parent_adcode"], strict=True))
    return _walk_up(adcode, parents, regions)


def _walk_up(adcode: str, parents: dict, regions) -> str:
    code, seen = adcode, 0
    while code and code not in regions and seen < 5:
        code, seen = parents.get(code), seen + 1
    return code if code in regions else ""
