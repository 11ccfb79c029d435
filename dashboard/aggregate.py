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
import pyarrow as pa

BASIS_PROJECT = "project"
BASIS_PLACE_TOTAL = "place_total"
VALUE_COLUMNS = ["adcode", "value", "n_facts", "n_projects", "fact_ids"]
BY_PLACE_COLUMNS = ["fact_id", "metric", "scope", "value", "unit", "place_level",
                    "place_adcode", "zone_id", "county_adcode", "prefecture_adcode"]


def page_metrics(vocab: dict, page: str) -> list[str]:
    """The metrics data/vocab.yaml assigns to a page's metric switch (`page: investment`)."""
    return [m for m, entry in vocab["metrics"].items() if entry.get("page") == page]


def dedupe(facts: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """One figure per entity, metric, year and unit: the newest article's.

    A figure repeated across articles is counted once (from the newest article); `n_sources`
    says how many articles report it and `conflict` flags articles that disagree, so a
    disagreement is shown, not hidden. Different figures in the same article (a phase and the
    whole project, graphitised product and anode material) are different things and all stay.
    `columns` limits the rows returned to the columns a caller needs (at scale, taking every
    column of 100,000s of kept rows is most of the cost).
    """
    keys = ["entity_id", "metric", "year", "unit"]
    # Work on a narrow frame and take the wide rows once at the end: with Arrow-backed
    # strings every sort or mask of the full 30-column frame costs a copy, and every groupby on
    # string keys factorises them again (bench/scale.py). So the keys become one integer group
    # id and the article an integer code, once.
    measured = (facts["metric"] != "").to_numpy()
    narrow = facts.loc[measured, keys + ["article_id", "article_date", "fact_id", "value"]]
    wide = facts if columns is None else facts[list(dict.fromkeys([*columns, *keys]))]
    if narrow.empty:
        return wide.iloc[[]].assign(n_sources=pd.Series(dtype="int64"),
                                     conflict=pd.Series(dtype=bool))
    narrow = pd.DataFrame({
        "_row": np.flatnonzero(measured),  # positions: the index may repeat
        "_gid": narrow.groupby(keys, dropna=False, sort=False).ngroup().to_numpy(),
        "_art": pd.factorize(narrow["article_id"])[0],
        "article_date": narrow["article_date"].to_numpy(),
        "fact_id": narrow["fact_id"].to_numpy(),
        "value": narrow["value"].to_numpy(dtype="float64", na_value=np.nan),
    })
    narrow = narrow.sort_values(["article_date", "fact_id"], ascending=[False, True])
    newest = narrow.groupby("_gid")["_art"].transform("first")
    # Articles agree when each reports the same set of values: every value of the key appears
    # in every article of the key.
    pairs = narrow.drop_duplicates(["_gid", "_art", "value"])
    n_articles = pairs.groupby("_gid")["_art"].transform("nunique")
    with_value = pairs.groupby(["_gid", "value"], dropna=False)["_art"].transform("nunique")
    stats = pairs.assign(partial=with_value < n_articles).groupby("_gid").agg(
        n_sources=("_art", "nunique"), conflict=("partial", "any"))
    kept = narrow[narrow["_art"] == newest].drop_duplicates(["_gid", "value"])
    out = wide.iloc[kept["_row"].to_numpy()].reset_index(drop=True)
    out["n_sources"] = stats["n_sources"].reindex(kept["_gid"]).to_numpy(dtype="int64")
    out["conflict"] = stats["conflict"].reindex(kept["_gid"]).to_numpy(dtype=bool)
    return out


def _level_column(level: str) -> str:
    return "county_adcode" if level == "county" else "prefecture_adcode"


def by_place(facts: pd.DataFrame, metric: str, level: str, basis: str) -> pd.DataFrame:
    """Value per place at `level` ("county" or "prefecture") for one metric on one basis.

    Returns columns adcode, value, n_facts, n_projects, fact_ids. Places without any figure are
    absent (the map draws them as "no data", which is not zero). A metric whose figures come in
    several units raises instead of adding them up.
    """
    rows = dedupe(facts[facts["metric"] == metric], BY_PLACE_COLUMNS)
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
    projects at scale, bench/scale.py): Arrow cuts the sorted values at the group starts.
    Order within a group is the frame's order."""
    if frame.empty:
        return pd.Series([], index=pd.Index([], dtype=object), dtype=object)
    codes, keys = pd.factorize(frame[key])
    order = np.argsort(codes, kind="stable")
    values = pa.array(frame[column], type=pa.string()).take(pa.array(order))
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    offsets = pa.array(np.r_[starts, len(order)].astype(np.int32))
    lists = pa.ListArray.from_arrays(offsets, values).to_pylist()
    index = pd.Index(np.asarray(keys, dtype=object)[sorted_codes[starts]], dtype=object)
    return pd.Series(lists, index=index, dtype=object)


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
    """Headline numbers for the filtered facts: the project sum of `metric`, the projects in
    it and the counties with a figure of it. The counts follow the metric as the map does, so
    they agree with the map and its table whichever metric is shown."""
    deduped = dedupe(facts[facts["metric"] == metric], ["value", "scope", "project_id",
                                                         "county_adcode"])
    project_rows = deduped[deduped["scope"] == "project"]
    projects = project_rows.loc[project_rows["project_id"] != "", "project_id"]
    counties = deduped.loc[deduped["county_adcode"] != "", "county_adcode"]
    dates = facts["article_date"].dropna()
    return {
        "total": float(project_rows["value"].sum()) if len(project_rows) else None,
        "n_projects": int(projects.nunique()),
        "n_counties": int(counties.nunique()),
        "latest_date": dates.max() if len(dates) else None,
    }
