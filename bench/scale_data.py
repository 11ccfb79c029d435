"""The scale bench's synthetic fact base and the one filter change it times, in pandas and SQL.

Split out of bench/scale.py so that what is generated (copies of the curated facts spread
over every place in China) and what is timed (one rerun's data work, done with the
dashboard's own functions, and the same questions asked of DuckDB) read apart from the
runner that prints the table.
"""

from __future__ import annotations

import os
from dataclasses import replace

os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # no "no runtime" cache warnings

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from dashboard.aggregate import by_place, kpis, projects_table  # noqa: E402
from dashboard.filters import SCOPES_FOR_BASIS, filter_facts, option_counts  # noqa: E402
from dashboard.state import ViewState  # noqa: E402

# The investment page's sidebar filters: (ViewState field, fact column).
SIDEBAR = [("prefecture", "prefecture_adcode"), ("county", "county_adcode"), ("year", "year"),
           ("cluster", "cluster"), ("status", "status"), ("article", "article_id")]
METRIC = "investment_total"


def units() -> pd.DataFrame:
    """Every province, prefecture and county-level unit, with its province."""
    from geo.build import read_index

    rows = [(u.adcode, u.name_zh, u.level, u.parent_adcode) for u in read_index()]
    frame = pd.DataFrame(rows, columns=["adcode", "name_zh", "level", "parent_adcode"])
    frame = frame.drop_duplicates(["adcode", "level"])
    parent = dict(zip(frame["adcode"], frame["parent_adcode"], strict=False))
    province = {}
    for code in frame["adcode"]:
        top, steps = code, 0
        while parent.get(top) and parent[top] != top and steps < 5:  # 500000 is its own parent
            top, steps = parent[top], steps + 1
        province[code] = top
    return frame.assign(province=frame["adcode"].map(province))


def synthetic(base: pd.DataFrame, factor: int, places: pd.DataFrame, seed: int = 1
              ) -> pd.DataFrame:
    """`factor` copies of `base`, each row moved to a random place of its level in China.

    Fact and project ids get the copy's number, so copies never deduplicate into each other;
    the id columns become pandas strings, as loaders.load_facts leaves them.
    """
    rng = np.random.default_rng(seed)
    n = len(base)
    big = pd.concat([base] * factor, ignore_index=True)
    copy = np.repeat(np.arange(factor), n)
    row = np.tile(np.arange(1, n + 1), factor)
    big["fact_id"] = [f"a{k:03d}-{i:03d}" for k, i in zip(copy, row, strict=True)]
    has_pid = big["project_id"] != ""
    suffix = "_" + copy[has_pid].astype(str)
    big.loc[has_pid, "project_id"] = big.loc[has_pid, "project_id"] + suffix
    for level in ("county", "prefecture", "province"):
        rows = (big["place_level"] == level).to_numpy()
        pool = places[places["level"] == level].reset_index(drop=True)
        pick = pool.iloc[rng.integers(0, len(pool), rows.sum())]
        big.loc[rows, "place_adcode"] = pick["adcode"].to_numpy()
        big.loc[rows, "region_adcode"] = pick["province"].to_numpy()
        if level == "county":
            is_pref = pick["parent_adcode"].isin(set(places.loc[places.level == "prefecture",
                                                                "adcode"]))
            big.loc[rows, "prefecture_adcode"] = np.where(is_pref, pick["parent_adcode"], "")
            big.loc[rows, "county_adcode"] = pick["adcode"].to_numpy()
        else:
            big.loc[rows, "prefecture_adcode"] = pick["adcode"].to_numpy() if \
                level == "prefecture" else ""
            big.loc[rows, "county_adcode"] = ""
    big["entity_id"] = np.where(has_pid, big["project_id"], big["place_adcode"] + "|"
                                + big["zone_id"] + "|" + big["subject"] + "|" + copy.astype(str))
    for column in ("fact_id", "project_id", "place_adcode", "region_adcode", "prefecture_adcode",
                   "county_adcode", "entity_id"):
        big[column] = big[column].astype("string")
    return big


# ---- one filter change -------------------------------------------------------------------

def pandas_change(facts: pd.DataFrame, view: ViewState) -> pd.DataFrame:
    """One rerun's data work on the investment page; returns the map's values per place."""
    region = facts[facts["region_adcode"] == view.region]
    for key, column in SIDEBAR:
        option_counts(region, view, key, column)
    filtered = filter_facts(region, view)
    kpis(filtered, METRIC)
    level = "county" if view.prefecture else "prefecture"
    values = by_place(filter_facts(region, replace(view, county="")), METRIC, level, "project")
    projects_table(filtered)
    return values


def _where(view: ViewState, skip: str = "") -> tuple[str, list]:
    """The SQL filter and parameters for `view`, leaving out filter `skip` (an option count
    ignores its own filter, as option_counts does)."""
    clauses, params = ["region_adcode = ?"], [view.region]
    for key, column in SIDEBAR:
        value = getattr(view, key)
        if value and key != skip:
            clauses.append(f"{column} = ?")
            params.append(int(value) if key == "year" else value)
    if view.basis != "both" and skip != "basis":
        scopes = SCOPES_FOR_BASIS[view.basis]
        clauses.append(f"scope IN ({', '.join('?' * len(scopes))})")
        params += list(scopes)
    return " AND ".join(clauses), params


# The latest fact per entity, metric and year: dashboard deduplication as a window function.
DEDUPED = ("SELECT * FROM {t} WHERE {w} AND metric <> '' QUALIFY row_number() OVER ("
           "PARTITION BY entity_id, metric, year ORDER BY article_date DESC, fact_id) = 1")


def duck_change(con, view: ViewState) -> pd.DataFrame:
    """pandas_change's questions asked of DuckDB; returns the same map values to compare."""
    t = "nation" if view.region == "100000" else "facts"
    for key, column in SIDEBAR:
        w, p = _where(view, skip=key)
        con.execute(f"SELECT CAST({column} AS VARCHAR) v, count(*) FROM {t} WHERE {w} "
                    f"AND CAST({column} AS VARCHAR) <> '' GROUP BY v", p).fetchall()
    w, p = _where(view)
    con.execute(f"WITH d AS ({DEDUPED.format(t=t, w=w)}) SELECT (SELECT sum(value) FROM d "
                f"WHERE metric = ? AND scope = 'project'), (SELECT count(DISTINCT project_id) "
                f"FROM {t} WHERE {w} AND scope = 'project' AND project_id <> ''), (SELECT "
                f"count(DISTINCT county_adcode) FROM {t} WHERE {w} AND county_adcode <> ''), "
                f"(SELECT max(article_date) FROM {t} WHERE {w})",
                p + [METRIC] + p + p + p).fetchall()
    column = "county_adcode" if view.prefecture else "prefecture_adcode"
    wm, pm = _where(replace(view, county=""))
    values = con.execute(
        f"WITH d AS ({DEDUPED.format(t=t, w=wm)}) SELECT {column} AS adcode, sum(value) AS "
        f"value, count(*) AS n_facts, count(DISTINCT entity_id) AS n_projects FROM d WHERE "
        f"metric = ? AND scope = 'project' AND {column} <> '' GROUP BY 1 ORDER BY 2 DESC",
        pm + [METRIC]).df()
    con.execute(f"SELECT entity_id, arg_max(subject, article_date), max(value) FILTER (WHERE "
                "metric = 'investment_total'), max(value) FILTER (WHERE metric = "
                f"'investment_annual_plan') FROM {t} WHERE {w} AND scope = 'project' AND "
                "entity_id <> '' GROUP BY entity_id", p).fetchall()
    return values


def views(facts: pd.DataFrame) -> list[tuple[str, ViewState]]:
    """A province with many counties, Jilin, and the whole country as one region."""
    out = []
    counts = facts[facts["county_adcode"] != ""].groupby("region_adcode")["county_adcode"]
    biggest = str(counts.nunique().idxmax())
    for region in (biggest, "220000", "100000"):
        rows = facts if region == "100000" else facts[facts["region_adcode"] == region]
        prefecture = rows.loc[rows["prefecture_adcode"] != "", "prefecture_adcode"].mode()[0]
        county = rows.loc[rows["prefecture_adcode"] == prefecture, "county_adcode"]
        county = county[county != ""].mode()[0]
        base = ViewState(region=region)
        out += [(f"{region} region", base),
                (f"{region} +prefecture", replace(base, prefecture=prefecture)),
                (f"{region} +county", replace(base, prefecture=prefecture, county=county)),
                (f"{region} +year 2024", replace(base, prefecture=prefecture, year="2024")),
                (f"{region} +status", replace(base, status="under_construction"))]
    return out
