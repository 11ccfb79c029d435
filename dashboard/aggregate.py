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

import numpy as np
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
    keys = ["entity_id", "metric", "year", "unit"]
    # Work on a narrow frame and take the wide rows once at the end: with Arrow-backed
    # strings every sort or mask of the full 30-column frame costs a copy (bench/scale.py).
    measured = (facts["metric"] != "").to_numpy()
    narrow = facts.loc[measured, keys + ["article_id", "article_date", "fact_id", "value"]]
    narrow = narrow.assign(_row=np.flatnonzero(measured))  # positions: the index may repeat
    if narrow.empty:
        return facts.iloc[narrow["_row"]].assign(n_sources=pd.Series(dtype="int64"),
                                              conflict=pd.Series(dtype=bool))
    narrow = narrow.sort_values(["article_date", "fact_id"], ascending=[False, True])
    newest = narrow.groupby(keys, dropna=False)["article_id"].transform("first")
    # Articles agree when each reports the same set of values: every value of the key appears
    # in every article of the key.
    pairs = narrow.drop_duplicates(keys + ["article_id", "value"])
    n_articles = pairs.groupby(keys, dropna=False)["article_id"].transform("nunique")
    with_value = pairs.groupby(keys + ["value"], dropna=False)["article_id"].transform("nunique")
    stats = pairs.assign(partial=with_value < n_articles).groupby(keys, dropna=False).agg(
        n_sources=("article_id", "nunique"), conflict=("partial", "any"))
    kept = narrow[narrow["article_id"] == newest].drop_duplicates(keys + ["value"])
    info = kept[keys].merge(stats.reset_index(), on=keys, how="left")
    out = facts.iloc[kept["_row"].to_numpy()].reset_index(drop=True)
    out["n_sources"] = info["n_sources"].to_numpy()
    out["conflict"] = info["conflict"].to_numpy(dtype=bool)
    return out


def _level_column(level: str) -> str:
    return "county_adcode" if level == "county" else "prefecture_adcode"


def by_place(facts: pd.DataFrame, metric: str, level: str, basis: str) -> pd.DataFrame:
    """Value per place at `level` ("county" or "prefecture") for one metric on one basis.

    Returns columns adcode, value, n_facts, n_projects, fact_ids. Places without any figure are
    absent (the map draws them as "no data", which is not zero). A metric whose figures come in
    several units raises instead of adding them up.
    """
    rows = dedupe(facts)
    rows = rows[rows["metric"] == metric]
    units = set(rows["unit"])
    if len(units) > 1:  # t/yr and t/day (or lines and tonnes) are not one quantity
        raise ValueError(f"{metric} comes in several units {sorted(units)}; map one at a time")
    if basis == BASIS_PROJECT:
        rows = rows[rows["scope"] == "project"]
        column = _level_column(level)
        rows = rows[rows[column] != ""].assign(adcode=rows[column])
        grouped = rows.groupby("adcode").agg(
            value=("value", "sum"), n_facts=("fact_id", "count"),
            n_projects=("entity_id", "nunique"), fact_ids=("fact_id", list))
    elif basis == BASIS_PLACE_TOTAL:
        # A development zone's total (港务区: 16.76亿元) is reported under its host's code but
        # is not the host's own total; it stays in the place-totals table, off the map.
        rows = rows[(rows["scope"] == "place_total") & (rows["place_level"] == level)
                    & (rows["zone_id"] == "")]
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


def _lists(frame: pd.DataFrame, key: str, column: str) -> pd.Series:
    """`frame.groupby(key)[column].agg(list)` without a Python call per group (100,000s of
    projects at scale, bench/scale.py); order within a group is the frame's order."""
    codes, keys = pd.factorize(frame[key])
    order = np.argsort(codes, kind="stable")
    values = frame[column].to_numpy(dtype=object)[order]
    starts = np.flatnonzero(np.diff(codes[order])) + 1
    return pd.Series([part.tolist() for part in np.split(values, starts)] if len(values) else [],
                     index=pd.Index(np.asarray(keys, dtype=object)[np.unique(codes[order])]),
                     dtype=object)


def projects_table(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per project: name, place, status, cluster, total and annual-plan investment."""
    columns = ["entity_id", "subject", "place_adcode", "status", "cluster", "article_date",
               "fact_id", "article_id", "metric", "value", "unit", "year"]
    projects = facts.loc[(facts["scope"] == "project") & (facts["entity_id"] != ""), columns]
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
    table["fact_ids"] = _lists(projects, "entity_id", "fact_id").reindex(table.index)
    articles = projects.drop_duplicates(["entity_id", "article_id"]).sort_values("article_id")
    table["article_ids"] = _lists(articles, "entity_id", "article_id").reindex(table.index)
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
