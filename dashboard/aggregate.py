"""Honest aggregation: explicit basis, no double counting, no mixing of metrics.

Two bases, never summed together (principle 2):
- "project": the sum of project figures located in a place (scope=project), each project
  counted once even when several articles report it;
- "place_total": the totals the articles report for the place itself (scope=place_total),
  e.g. "33 key projects, total 187.6亿元". Several totals for one place are not added (they
  may overlap); the largest is shown and all are listed.
Different metrics (total, annual plan, completed) are separate calls and never add up.
"""

from __future__ import annotations

import pandas as pd

BASIS_PROJECT = "project"
BASIS_PLACE_TOTAL = "place_total"
INVESTMENT_METRICS = ("investment_total", "investment_annual_plan", "investment_completed",
                      "fixed_asset_investment")
VALUE_COLUMNS = ["adcode", "value", "n_facts", "n_projects", "fact_ids"]


def dedupe(facts: pd.DataFrame) -> pd.DataFrame:
    """One figure per entity, metric, year and unit: the newest article's.

    A figure repeated across articles is counted once (from the newest article); `n_sources`
    says how many articles report it and `conflict` flags articles that disagree, so a
    disagreement is shown, not hidden. Different figures in the same article (a phase and the
    whole project, graphitised product and anode material) are different things and all stay.
    """
    measured = facts[facts["metric"] != ""].copy()
    if measured.empty:
        return measured.assign(n_sources=pd.Series(dtype="int64"),
                               conflict=pd.Series(dtype=bool))
    keys = ["entity_id", "metric", "year", "unit"]
    measured = measured.sort_values(["article_date", "fact_id"], ascending=[False, True])
    newest = measured.groupby(keys, dropna=False)["article_id"].transform("first")
    # Articles agree when each reports the same set of values: every value of the key appears
    # in every article of the key. Vectorised, so 100,000s of rows stay fast (bench/scale.py).
    pairs = measured.drop_duplicates(keys + ["article_id", "value"])
    n_articles = pairs.groupby(keys, dropna=False)["article_id"].transform("nunique")
    with_value = pairs.groupby(keys + ["value"], dropna=False)["article_id"].transform("nunique")
    stats = pairs.assign(partial=with_value < n_articles).groupby(keys, dropna=False).agg(
        n_sources=("article_id", "nunique"), conflict=("partial", "any"))
    kept = measured[measured["article_id"] == newest].drop_duplicates(keys + ["value"])
    return kept.merge(stats.reset_index(), on=keys, how="left")


def _level_column(level: str) -> str:
    return "county_adcode" if level == "county" else "prefecture_adcode"


def by_place(facts: pd.DataFrame, metric: str, level: str, basis: str) -> pd.DataFrame:
    """Value per place at `level` ("county" or "prefecture") for one metric on one basis.

    Returns columns adcode, value, n_facts, n_projects, fact_ids. Places without any figure are
    absent (the map draws them as "no data", which is not zero).
    """
    rows = dedupe(facts)
    rows = rows[rows["metric"] == metric]
    if basis == BASIS_PROJECT:
        rows = rows[rows["scope"] == "project"]
        column = _level_column(level)
        rows = rows[rows[column] != ""].assign(adcode=rows[column])
        grouped = rows.groupby("adcode").agg(
            value=("value", "sum"), n_facts=("fact_id", "count"),
            n_projects=("entity_id", "nunique"), fact_ids=("fact_id", list))
    elif basis == BASIS_PLACE_TOTAL:
        rows = rows[(rows["scope"] == "place_total") & (rows["place_level"] == level)]
        rows = rows.assign(adcode=rows["place_adcode"]).sort_values("value", ascending=False)
        grouped = rows.groupby("adcode").agg(
            value=("value", "max"), n_facts=("fact_id", "count"),
            n_projects=("entity_id", "nunique"), fact_ids=("fact_id", list))
    else:
        raise ValueError(f"unknown basis {basis!r}; use 'project' or 'place_total'")
    grouped = grouped.reset_index()
    grouped["value"] = grouped["value"].astype("float64")
    return grouped[VALUE_COLUMNS].sort_values("value", ascending=False, ignore_index=True)


def unallocated(facts: pd.DataFrame, metric: str, level: str) -> pd.DataFrame:
    """Project figures that cannot be drawn at `level` (e.g. a package of four stations in four
    counties, reported only for the prefecture). Listed beside the map, never split."""
    rows = dedupe(facts)
    rows = rows[(rows["metric"] == metric) & (rows["scope"] == "project")]
    return rows[rows[_level_column(level)] == ""]


def projects_table(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per project: name, place, status, cluster, total and annual-plan investment."""
    projects = facts[(facts["scope"] == "project") & (facts["entity_id"] != "")]
    if projects.empty:
        return pd.DataFrame(columns=["project", "name", "place_adcode", "status", "cluster",
                                     "investment_total", "investment_annual_plan", "fact_ids",
                                     "article_ids", "conflict"])
    latest = projects.sort_values(["article_date", "fact_id"], ascending=[False, True])
    head = latest.drop_duplicates("entity_id").set_index("entity_id")
    deduped = dedupe(projects)
    table = pd.DataFrame({
        "project": head.index,
        "name": head["subject"].to_numpy(),
        "place_adcode": head["place_adcode"].to_numpy(),
        "status": head["status"].to_numpy(),
        "cluster": head["cluster"].to_numpy(),
    }).set_index("project")
    for metric in ("investment_total", "investment_annual_plan"):
        values = deduped[deduped["metric"] == metric].groupby("entity_id")["value"].max()
        table[metric] = values.reindex(table.index).astype("Float64")
    grouped = projects.groupby("entity_id")
    table["fact_ids"] = grouped["fact_id"].agg(list).reindex(table.index)
    articles = projects.drop_duplicates(["entity_id", "article_id"]).sort_values("article_id")
    table["article_ids"] = articles.groupby("entity_id")["article_id"].agg(list).reindex(
        table.index)
    conflicts = deduped.groupby("entity_id")["conflict"].any() if len(deduped) else pd.Series()
    table["conflict"] = conflicts.reindex(table.index).fillna(False).astype(bool)
    table = table.reset_index()
    return table.sort_values("investment_total", ascending=False, na_position="last",
                             ignore_index=True)


def kpis(facts: pd.DataFrame, metric: str = "investment_total") -> dict[str, object]:
    """Headline numbers for the filtered facts, each on the project basis."""
    deduped = dedupe(facts)
    project_rows = deduped[(deduped["metric"] == metric) & (deduped["scope"] == "project")]
    projects = facts.loc[(facts["scope"] == "project") & (facts["project_id"] != ""),
                         "project_id"]
    counties = facts.loc[facts["county_adcode"] != "", "county_adcode"]
    dates = facts["article_date"].dropna()
    return {
        "total": float(project_rows["value"].sum()) if len(project_rows) else None,
        "n_projects": int(projects.nunique()),
        "n_counties": int(counties.nunique()),
        "latest_date": dates.max() if len(dates) else None,
    }
