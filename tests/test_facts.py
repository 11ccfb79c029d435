"""Integrity of the curated fact base, against real figures and the seed articles."""

import pandas as pd
import pytest

import loaders
from loaders.normalize import normalize_text
from loaders.quantity import find_quantities


def test_at_least_120_facts_from_all_five_articles(facts):
    assert len(facts) >= 120, len(facts)
    assert set(facts["article_id"]) == {"a000", "a001", "a002", "a003", "a004"}
    assert facts["article_id"].value_counts().min() >= 10


def test_curated_data_loads_without_problems():
    assert [str(p) for p in loaders.load_problems()] == []


def test_required_columns_and_dtypes(facts):
    for column in ["fact_id", "article_id", "excerpt", "place_adcode", "place_level", "subject",
                   "project_id", "cluster", "metric", "value", "unit", "raw_value", "raw_unit",
                   "qualifier", "status", "period", "scope"]:
        assert column in facts.columns, column
    assert facts["value"].dtype == "Float64"
    assert pd.api.types.is_datetime64_any_dtype(facts["article_date"])
    assert facts["fact_id"].is_unique
    assert set(facts["place_level"]) <= {"county", "prefecture", "province"}
    assert facts["excerpt"].str.len().max() <= 120


def test_every_excerpt_is_verbatim_in_its_article(facts, seeds_dir):
    from loaders.integrity import excerpt_problems

    problems = excerpt_problems(facts, loaders.load_articles(), seeds_dir)
    assert [str(p) for p in problems] == []


def test_figure_parsed_from_excerpt_equals_value(facts):
    """The quantity parser, run on the excerpt, finds the curated figure in base units."""
    mismatches = []
    for row in facts[facts["metric"] != ""].itertuples():
        found = find_quantities(normalize_text(row.excerpt))
        raw = normalize_text(row.raw_value.lstrip("-"))
        candidates = [f for f in found if normalize_text(f.raw_value) == raw]
        values = {abs(f.value) for f in candidates}
        if not any(abs(abs(row.value) - v) <= 1e-6 * max(1, v) for v in values):
            mismatches.append((row.fact_id, row.raw_value, row.raw_unit, float(row.value),
                               [(f.raw_value, f.raw_unit, f.value) for f in found]))
    assert mismatches == []


def test_adcodes_metrics_clusters_statuses_are_known(facts):
    places = set(loaders.load_places()["adcode"])
    vocab = loaders.load_vocab()
    assert set(facts["place_adcode"]) <= places
    assert set(facts["metric"]) - {""} <= set(vocab["metrics"])
    assert set(facts["cluster"]) - {""} <= set(vocab["clusters"])
    assert set(facts["status"]) <= set(vocab["statuses"])
    assert set(facts["qualifier"]) <= set(vocab["qualifiers"])
    assert set(facts["scope"]) <= set(vocab["scopes"])
    for row in facts[facts["metric"] != ""].itertuples():
        units = vocab["metrics"][row.metric]["unit"]
        assert row.unit in (units if isinstance(units, list) else [units]), row.fact_id


def test_real_figures(facts):
    def one(**where):
        rows = facts
        for key, value in where.items():
            rows = rows[rows[key] == value]
        assert len(rows) >= 1, where
        return rows.iloc[0]

    jian = one(place_adcode="220582", metric="investment_total", scope="place_total")
    assert jian["value"] == pytest.approx(187.6e8)
    dunhua = one(project_id="dunhua_pumped_storage", metric="capacity_power")
    assert dunhua["value"] == 1400 and dunhua["place_adcode"] == "222403"
    cost = one(project_id="dunhua_pumped_storage", metric="investment_total")
    assert cost["value"] == 80e8 and cost["qualifier"] == "approx"
    four = one(project_id="yanbian_four_pumped_storage", metric="capacity_power")
    assert four["value"] == 6600 and four["place_adcode"] == "222400"


def test_a_figure_repeated_across_articles_is_one_project(facts):
    """The same project figure in two articles shares a project_id (never counted twice)."""
    projects = facts[(facts["scope"] == "project") & (facts["metric"] != "")]
    grouped = projects.groupby(["metric", "value", "place_adcode"])
    for key, group in grouped:
        if group["article_id"].nunique() > 1:
            assert group["project_id"].nunique() == 1, (key, list(group["fact_id"]))
    four = facts[(facts["project_id"] == "yanbian_four_pumped_storage")
                 & (facts["metric"] == "investment_total")]
    assert set(four["article_id"]) == {"a000", "a002"}


def test_conflicts_lists_the_yanji_cell_park_enterprise_counts(facts):
    table = loaders.conflicts(facts)
    park = table[(table["entity_id"] == "yanji_cell_park")
                 & (table["metric"] == "enterprise_count")]
    assert len(park) == 1
    assert sorted(park.iloc[0]["values"]) == [7.0, 9.0]
    assert set(park.iloc[0]["article_ids"]) == {"a000", "a001"}


def test_mentioned_projects_are_kept_without_value(facts):
    mentioned = facts[facts["metric"] == ""]
    assert len(mentioned) >= 20
    assert mentioned["value"].isna().all()
    projects = mentioned[mentioned["scope"] == "project"]
    assert (projects["project_id"] != "").all()


def test_traditional_article_contributes_simplified_excerpts(facts):
    a001 = facts[facts["article_id"] == "a001"]
    assert len(a001) >= 10
    assert not a001["excerpt"].str.contains("項|資|億").any()
