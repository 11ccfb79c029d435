"""Read curated facts (data/facts/*.csv), validate every row, and enrich the valid ones.

Validation is a declarative schema of column rules (the pandera idea, without its
first-failure-per-column reporting): every rule runs on every row, every failure becomes a
`Problem` naming file, line, column and value, and a row is kept unless one of *its* cells is
wrong. So one bad row never hides the others and never loses the valid ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from loaders.normalize import normalize_text
from loaders.problems import Problem, display_path, read_csv_rows
from loaders.quantity import QuantityError, parse_number, parse_quantity
from loaders.reference import Reference, regions_of

FACT_COLUMNS = ["fact_id", "article_id", "subject", "project_id", "place_adcode", "zone_id",
                "cluster", "metric", "raw_value", "raw_unit", "qualifier", "status", "period",
                "scope", "excerpt", "note"]
REQUIRED = ["fact_id", "article_id", "subject", "place_adcode", "qualifier", "status", "period",
            "scope", "excerpt"]
MAX_EXCERPT = 120
PERIOD = re.compile(r"^\d{4}(-(H[12]|Q[1-4]|\d{2}(-\d{2})?))?(/\d{4}(-(H[12]|Q[1-4]|\d{2}))?)?$")
FACT_ID = re.compile(r"^a\d{3}-\d{3}$")
PROJECT_ID = re.compile(r"^[a-z0-9_]+$")

Rule = Callable[[str, dict[str, str], Reference], str | None]


_SINGULAR = {"clusters": "cluster", "metrics": "metric", "qualifiers": "qualifier",
             "scopes": "scope", "statuses": "status", "units": "unit"}


def _in_vocab(section: str) -> Rule:
    def rule(value: str, row: dict[str, str], ref: Reference) -> str | None:
        if value and value not in ref.vocab.get(section, {}):
            return f"unknown {_SINGULAR.get(section, section)} (see vocab.yaml)"
        return None
    return rule


def _adcode(value: str, row: dict[str, str], ref: Reference) -> str | None:
    if not re.fullmatch(r"\d{6}", value):
        return "adcode must be 6 digits"
    if value not in ref.adcodes:
        return "unknown adcode (not in places.csv)"
    return None


def _zone(value: str, row: dict[str, str], ref: Reference) -> str | None:
    if value and value not in ref.zone_ids:
        return "unknown zone (not in zones.csv)"
    return None


def _article(value: str, row: dict[str, str], ref: Reference) -> str | None:
    if value not in ref.article_ids:
        return "article id with no article in articles.yaml"
    return None


def _pattern(regex: re.Pattern, what: str) -> Rule:
    def rule(value: str, row: dict[str, str], ref: Reference) -> str | None:
        return None if not value or regex.fullmatch(value) else f"not a valid {what}"
    return rule


def _metric_needs_value(value: str, row: dict[str, str], ref: Reference) -> str | None:
    if row.get("metric") and not value:
        return "metric given but no raw_value"
    if value and not row.get("metric"):
        return "raw_value given but no metric"
    return None


def _number(value: str, row: dict[str, str], ref: Reference) -> str | None:
    if not value:
        return None
    try:
        parse_number(value)
    except QuantityError as exc:
        return f"unparseable number: {exc}"
    except (ValueError, ArithmeticError) as exc:  # never let one odd cell stop the checker
        return f"unparseable number: {type(exc).__name__}"
    return None


def _unit(value: str, row: dict[str, str], ref: Reference) -> str | None:
    """Checked only when raw_value is a number, so each mistake is reported once, in its cell."""
    raw, metric = row.get("raw_value", ""), row.get("metric", "")
    if not raw or _number(raw, row, ref):
        return None
    try:
        quantity = parse_quantity(raw, value, expect=_expected_unit(metric, ref))
    except (ValueError, ArithmeticError) as exc:
        return f"unknown unit: {exc}"
    if metric in ref.vocab.get("metrics", {}) and quantity.unit not in ref.metric_units(metric):
        return (f"unit {quantity.unit} does not match metric {metric} "
                f"(expects {', '.join(ref.metric_units(metric))})")
    return None


def _expected_unit(metric: str, ref: Reference) -> str | None:
    """A metric with one base unit tells the parser how to read a bare 亿 (1个亿的产值 is money)."""
    if metric not in ref.vocab.get("metrics", {}):
        return None
    units = ref.metric_units(metric)
    return units[0] if len(units) == 1 else None


def _excerpt(value: str, row: dict[str, str], ref: Reference) -> str | None:
    if len(value) > MAX_EXCERPT:
        return f"excerpt longer than {MAX_EXCERPT} characters"
    raw = row.get("raw_value", "").lstrip("-")
    if raw and normalize_text(raw) not in normalize_text(value):
        return "excerpt does not contain the figure (raw_value)"
    return None


def _no_replacement_char(value: str, row: dict[str, str], ref: Reference) -> str | None:
    return "contains undecodable bytes (file not UTF-8?)" if "\ufffd" in value else None


COLUMN_RULES: dict[str, list[Rule]] = {
    "fact_id": [_pattern(FACT_ID, "fact_id (aNNN-NNN)")],
    "article_id": [_article],
    "project_id": [_pattern(PROJECT_ID, "project_id (snake_case)")],
    "place_adcode": [_adcode],
    "zone_id": [_zone],
    "cluster": [_in_vocab("clusters")],
    "metric": [_in_vocab("metrics")],
    "raw_value": [_metric_needs_value, _number],
    "raw_unit": [_unit],
    "qualifier": [_in_vocab("qualifiers")],
    "status": [_in_vocab("statuses")],
    "period": [_pattern(PERIOD, "period (2024, 2024-H1, 2024-06-29, 2021/2023)")],
    "scope": [_in_vocab("scopes")],
    "excerpt": [_excerpt],
}


def validate_rows(
    path: Path, rows: list[tuple[int, dict[str, str]]], ref: Reference, seen_ids: dict[str, str]
) -> tuple[list[dict[str, str]], list[Problem]]:
    """Apply every rule to every row; return the valid rows and all problems."""
    name = display_path(path)
    valid, problems = [], []
    for line, row in rows:
        row = {k: (v or "").strip() for k, v in row.items()}
        row_problems = []
        garbled = next((c for c in FACT_COLUMNS if _no_replacement_char(row.get(c, ""), row, ref)),
                       None)
        if garbled:  # one problem per row: every cell of a mis-encoded row is noise
            problems.append(Problem(name, line, garbled, row[garbled],
                                    "contains undecodable bytes (file not UTF-8?)"))
            continue
        for column in FACT_COLUMNS:
            value = row.get(column, "")
            if column in REQUIRED and not value:
                row_problems.append(Problem(name, line, column, value, "required value missing"))
                continue
            for rule in COLUMN_RULES.get(column, []):
                message = rule(value, row, ref)
                if message:
                    row_problems.append(Problem(name, line, column, value, message))
                    break
        fact_id = row.get("fact_id", "")
        if fact_id in seen_ids:
            row_problems.append(Problem(name, line, "fact_id", fact_id,
                                        f"duplicate fact_id (first at {seen_ids[fact_id]})"))
        elif fact_id:
            seen_ids[fact_id] = f"{name}:{line}"
        if row_problems:
            problems.extend(row_problems)
        else:
            valid.append({**row, "source_file": name, "source_line": line})
    return valid, problems


def read_facts(data_dir: Path, ref: Reference) -> tuple[pd.DataFrame, list[Problem]]:
    """All valid facts from data_dir/facts/*.csv, enriched, plus every problem found."""
    problems: list[Problem] = []
    valid: list[dict[str, str]] = []
    seen_ids: dict[str, str] = {}
    files = sorted((data_dir / "facts").glob("*.csv"))
    if not files:
        problems.append(Problem(display_path(data_dir / "facts"), 0, "-", "", "no fact files"))
    unusable = unusable_reference(ref)
    for path in files:
        rows = read_csv_rows(path, FACT_COLUMNS, problems)
        if unusable and rows:
            # Without the vocabulary (or articles, places) every row would fail every rule;
            # say so once per file so the real error, in the reference file, stays visible.
            problems.append(Problem(display_path(path), rows[0][0], "-", f"{len(rows)} rows",
                                    f"not checked: {unusable} could not be read (see its "
                                    "problem)"))
            continue
        good, bad = validate_rows(path, rows, ref, seen_ids)
        valid.extend(good)
        problems.extend(bad)
    return enrich(pd.DataFrame(valid, columns=FACT_COLUMNS + ["source_file", "source_line"]),
                  ref), problems


def unusable_reference(ref: Reference) -> str:
    """Name of a reference file too broken to check facts against, or ""."""
    sections = ("metrics", "units", "clusters", "statuses", "qualifiers", "scopes")
    if any(not ref.vocab.get(s) for s in sections):
        return "vocab.yaml"
    if ref.articles.empty:
        return "articles.yaml"
    if ref.places.empty:
        return "places.csv"
    return ""


def enrich(frame: pd.DataFrame, ref: Reference) -> pd.DataFrame:
    """Add base-unit values, place names and levels, regions and article metadata."""
    quantities = [parse_quantity(v, u, expect=_expected_unit(m, ref)) if v else None
                  for v, u, m in zip(frame["raw_value"], frame["raw_unit"], frame["metric"],
                                     strict=True)]
    frame["value"] = pd.array([q.value if q else None for q in quantities], dtype="Float64")
    frame["unit"] = [q.unit if q else "" for q in quantities]
    places = ref.places.set_index("adcode")
    frame["place_level"] = frame["place_adcode"].map(places["level"])
    frame["place_name_zh"] = frame["place_adcode"].map(places["name_zh"])
    frame["place_name_en"] = frame["place_adcode"].map(places["name_en"])
    parent = places["parent_adcode"]
    frame["prefecture_adcode"] = [
        code if level == "prefecture" else (parent.get(code) if level == "county" else "")
        for code, level in zip(frame["place_adcode"], frame["place_level"], strict=True)
    ]
    frame["county_adcode"] = frame["place_adcode"].where(frame["place_level"] == "county", "")
    frame["region_adcode"] = frame["place_adcode"].map(regions_of(frame["place_adcode"],
                                                                 ref.places, ref.regions))
    frame["year"] = pd.array([int(p[:4]) for p in frame["period"]], dtype="Int64")
    # entity: the thing measured. Projects share project_id across articles; place totals are
    # the same entity when place, zone and subject agree (curators write the same subject).
    frame["entity_id"] = [
        pid or f"{place}|{zone}|{subject}"
        for pid, place, zone, subject in zip(frame["project_id"], frame["place_adcode"],
                                             frame["zone_id"], frame["subject"], strict=True)
    ]
    articles = ref.articles.set_index("id")
    if articles.empty:  # a broken articles.yaml: no fact is valid, but keep the columns' dtypes
        articles = pd.DataFrame({"date": pd.Series([pd.NaT], dtype="datetime64[us]"),
                                 "date_estimated": [False]}, index=["-"])
        articles[["title", "title_en", "outlet", "outlet_en"]] = ""
    frame["article_title"] = frame["article_id"].map(articles["title"])
    frame["article_title_en"] = frame["article_id"].map(articles["title_en"])
    frame["outlet"] = frame["article_id"].map(articles["outlet"])
    frame["outlet_en"] = frame["article_id"].map(articles["outlet_en"])
    frame["article_date"] = frame["article_id"].map(articles["date"])
    frame["date_estimated"] = frame["article_id"].map(articles["date_estimated"]).astype(bool)
    text_columns = [c for c in frame.columns
                    if c not in ("value", "year", "article_date", "date_estimated",
                                 "source_line")]
    frame[text_columns] = frame[text_columns].astype("string").fillna("")
    frame["source_line"] = frame["source_line"].astype("int64")
    return frame.reset_index(drop=True)
