"""Logic behind the overview, facts and data-quality pages: headline figures, fact search,
English descriptors, counties without data, estimated dates, counts by article and metric.

Pure functions of DataFrames, tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard import aggregate
from dashboard.fmt import format_value
from dashboard.i18n import localized, t, vocab_label
from loaders.normalize import to_simplified
from loaders.reference import region_of

HEADLINE_MONEY = ("output_value", "investment_total", "gdp", "fiscal_revenue", "added_value")
HEADLINE_ORDER = ("investment_total", "output_value", "gdp", "fiscal_revenue", "added_value",
                  "fixed_asset_investment", "investment_annual_plan", "enterprise_count",
                  "project_count", "growth_rate", "share", "place_count")
LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


def headlines(facts: pd.DataFrame, limit: int = 6) -> list[dict]:
    """The places' own reported totals, grouped by what they describe (place and subject):
    e.g. Yanbian's 319 enterprises with 339.3亿元 output, Ji'an's 33 projects worth 187.6亿元.

    Groups holding a money figure come first (prefectures before counties, larger first);
    a region without any (Yantai) falls back to its other place totals, targets included.
    Figures within a group are side by side, never added.
    """
    totals = aggregate.dedupe(facts[facts["scope"] == "place_total"])
    if totals.empty:
        return []
    groups = []
    for (place, subject), group in totals.groupby(["place_adcode", "subject"], sort=False):
        money = group.loc[group["metric"].isin(HEADLINE_MONEY), "value"]
        rank = [HEADLINE_ORDER.index(m) if m in HEADLINE_ORDER else 99 for m in group["metric"]]
        groups.append({
            "place_adcode": place, "subject": subject,
            "place_level": group["place_level"].iloc[0],
            "money": float(money.max()) if len(money) else None,
            "facts": group.assign(_rank=rank).sort_values(["_rank", "fact_id"])
                          .drop(columns="_rank").reset_index(drop=True),
        })
    with_money = [g for g in groups if g["money"] is not None]
    chosen = with_money or groups
    chosen.sort(key=lambda g: (LEVEL_RANK.get(g["place_level"], 3), -(g["money"] or 0),
                               g["facts"]["fact_id"].iloc[0]))
    return chosen[:limit]


def headline_facts(groups: list[dict], facts: pd.DataFrame) -> pd.DataFrame:
    """The facts behind `headlines` groups (none: an empty frame shaped like `facts`)."""
    return pd.concat([g["facts"] for g in groups]) if groups else facts.iloc[0:0]


def subject_en(row: Mapping, vocab: Mapping) -> str:
    """An English descriptor for a fact: subjects are Chinese as written, so this is built
    from the project id (English snake_case), the cluster, or the place and metric."""
    project = str(row.get("project_id") or "")
    if project:
        return project.replace("_", " ").capitalize()
    place = str(row.get("place_name_en") or row.get("place_adcode") or "")
    cluster = str(row.get("cluster") or "")
    what = (vocab_label(vocab, "clusters", cluster, "en") if cluster
            else vocab_label(vocab, "scopes", str(row.get("scope") or ""), "en"))
    metric = str(row.get("metric") or "")
    metric_text = vocab_label(vocab, "metrics", metric, "en") if metric else "mention"
    return f"{place} · {what} · {metric_text}"


def search_facts(facts: pd.DataFrame, query: str) -> pd.DataFrame:
    """Facts whose subject, excerpt, place name (zh/en), project id or fact id contains every
    word of `query`, case-insensitively; traditional characters match their simplified form."""
    words = [w for w in (query or "").strip().lower().split() if w]
    if not words or facts.empty:
        return facts
    haystack = (facts["subject"].fillna("") + " " + facts["excerpt"].fillna("") + " "
                + facts["place_name_zh"].fillna("") + " " + facts["place_name_en"].fillna("")
                + " " + facts["project_id"].fillna("") + " " + facts["fact_id"].fillna(""))
    haystack = haystack.str.lower()
    mask = pd.Series(True, index=facts.index)
    for word in words:
        variants = {word, to_simplified(word)}
        hit = pd.Series(False, index=facts.index)
        for variant in variants:
            hit |= haystack.str.contains(variant, regex=False)
        mask &= hit
    return facts[mask]


def counties_without_data(facts: pd.DataFrame, places: pd.DataFrame, parent: str) -> list[str]:
    """County adcodes under `parent` (a region or prefecture, walking down) that no fact is
    located in. Figures reported only for their prefecture do not count for its counties."""
    children = places.groupby("parent_adcode")["adcode"].agg(list).to_dict()
    levels = dict(zip(places["adcode"], places["level"], strict=True))
    counties, todo = [], [parent]
    while todo:
        code = todo.pop(0)
        for child in children.get(code, []):
            if levels.get(child) == "county":
                counties.append(child)
            else:
                todo.append(child)
    present = set(facts["county_adcode"].dropna())
    return [c for c in counties if c not in present]


def facts_per_county(facts: pd.DataFrame) -> pd.DataFrame:
    """How many facts are located in each county (adcode, value, n_facts), for a map of where
    the articles say something; counties without any are absent (drawn as no data)."""
    counts = facts[facts["county_adcode"] != ""].groupby("county_adcode").size()
    return pd.DataFrame({"adcode": counts.index.astype(str),
                         "value": counts.to_numpy().astype(float),
                         "n_facts": counts.to_numpy()})


def region_articles(articles: pd.DataFrame, places: pd.DataFrame, regions, region: str
                    ) -> pd.DataFrame:
    """The articles about `region` (an article's own region may be one of its prefectures)."""
    inside = [region_of(str(code), places, regions) == region for code in articles["region"]]
    return articles[inside]


def facts_per_article(facts: pd.DataFrame) -> pd.Series:
    return facts.groupby("article_id").size()


def licences(articles: pd.DataFrame) -> list[str]:
    """The distinct licence notes of `articles`, in order."""
    return list(dict.fromkeys(str(x).strip() for x in articles["licence"].dropna()))


def conflicts_shown(clashes: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The conflicts (loaders.conflicts) that involve at least one of `facts`."""
    shown = set(facts["fact_id"])
    return clashes[clashes["fact_ids"].map(lambda ids: bool(set(ids) & shown))]


def conflict_figures(row, facts: pd.DataFrame, units: Mapping, lang: str) -> list[str]:
    """A conflict's figures: as written for Chinese readers (7家), in their units for others."""
    if lang == "zh":
        return list(row.raw)
    fact_units = dict(zip(facts["fact_id"], facts["unit"], strict=True))
    return [format_value(v, fact_units.get(f, ""), lang, units)
            for v, f in zip(row.values, row.fact_ids, strict=True)]


def article_line(articles: pd.DataFrame, article_id: str, lang: str) -> str:
    """"a003 · 标题 · 媒体 · 2023-04-01 (日期为估计)": an article in one line."""
    row = articles.set_index("id").loc[article_id]
    star = f" ({t('date_estimated', lang)})" if row["date_estimated"] else ""
    return (f"{article_id} · {localized(row, 'title', lang)} · {localized(row, 'outlet', lang)}"
            f" · {row['date']:%Y-%m-%d}{star}")


def estimated_dates(facts: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Articles whose date is an estimate, with the reason and how many shown facts use it."""
    counts = facts.groupby("article_id").size()
    rows = articles[articles["date_estimated"] & articles["id"].isin(counts.index)].copy()
    rows["n_facts"] = rows["id"].map(counts).astype("int64")
    return rows[["id", "title", "title_en", "date", "date_reason", "date_reason_en",
                 "n_facts"]].reset_index(drop=True)


def counts_pivot(facts: pd.DataFrame, vocab: Mapping, lang: str, mentioned: str) -> pd.DataFrame:
    """Number of facts per article (rows) and metric (columns), with totals."""
    if facts.empty:
        return pd.DataFrame()
    labels = facts["metric"].map(lambda m: vocab_label(vocab, "metrics", m, lang) if m
                                 else mentioned)
    table = pd.crosstab(facts["article_id"], labels, margins=True, margins_name="Σ")
    table.index.name = None
    table.columns.name = None
    return table
