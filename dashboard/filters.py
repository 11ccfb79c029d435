"""Shared filters: view state → the facts a page may show.

Pure functions of DataFrames so they are tested without Streamlit. Place filters are exact:
a county filter shows facts located in that county, never a prefecture figure split between
its counties.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from dashboard.state import ViewState

SCOPES_FOR_BASIS = {
    "project": ("project",),
    "place_total": ("place_total", "cluster_total"),
    "both": ("project", "place_total", "cluster_total"),
}
FILTER_KEYS = ("prefecture", "county", "year", "cluster", "status", "basis", "article")
# The sidebar's select boxes and the fact column whose values are their options.
COUNTED_COLUMNS = {"prefecture": "prefecture_adcode", "county": "county_adcode", "year": "year",
                   "cluster": "cluster", "status": "status", "article": "article_id"}


def filter_facts(facts: pd.DataFrame, state: ViewState, skip: str = "") -> pd.DataFrame:
    """Facts matching every filter in `state` (except the one named by `skip`)."""
    mask = facts["region_adcode"] == state.region
    if state.prefecture and skip != "prefecture":
        mask &= (facts["prefecture_adcode"] == state.prefecture)
    if state.county and skip != "county":
        mask &= facts["county_adcode"] == state.county
    if state.year and skip != "year":
        mask &= facts["year"].astype("string") == state.year
    if state.cluster and skip != "cluster":
        mask &= facts["cluster"] == state.cluster
    if state.status and skip != "status":
        mask &= facts["status"] == state.status
    if state.basis != "both" and skip != "basis":
        mask &= facts["scope"].isin(SCOPES_FOR_BASIS[state.basis])
    if state.article and skip != "article":
        mask &= facts["article_id"] == state.article
    return facts[mask.fillna(False)]


def option_counts(facts: pd.DataFrame, state: ViewState, key: str, column: str) -> pd.Series:
    """How many facts each option of one filter would leave, given all the other filters."""
    others = filter_facts(facts, state, skip=key)
    values = others[column].astype("string")
    return values[values != ""].value_counts().sort_index()


def filter_counts(facts: pd.DataFrame, state: ViewState, metric: str = ""
                  ) -> dict[str, pd.Series]:
    """option_counts of every sidebar select box (COUNTED_COLUMNS), counting only the facts of
    `metric` when one is given (the sidebar counts what the map shows)."""
    if metric:
        facts = facts[facts["metric"] == metric]
    return {key: option_counts(facts, state, key, column)
            for key, column in COUNTED_COLUMNS.items()}


def years(facts: pd.DataFrame, metric: str = "") -> list[str]:
    """The years the facts (of `metric`, when given) report, newest first."""
    if metric:
        facts = facts[facts["metric"] == metric]
    return sorted(facts["year"].dropna().astype(str).unique(), reverse=True)


def cleared(state: ViewState) -> ViewState:
    """One control clears every filter; region, language and presenter mode stay."""
    return replace(state, prefecture="", county="", year="", cluster="", status="", basis="both",
                   article="")


def active_filters(state: ViewState) -> dict[str, str]:
    values = {key: str(getattr(state, key)) for key in FILTER_KEYS}
    if values["basis"] == "both":
        values["basis"] = ""
    return {k: v for k, v in values.items() if v}


def map_level(view: ViewState, places: pd.DataFrame) -> tuple[str, str]:
    """(level, parent) of the map: a province shows prefectures until one is chosen, then its
    counties; a prefecture-level region shows its counties."""
    has_prefectures = ((places["parent_adcode"] == view.region)
                       & (places["level"] == "prefecture")).any()
    if has_prefectures and not view.prefecture:
        return "prefecture", view.region
    return "county", view.prefecture or view.region


def map_facts(region_facts: pd.DataFrame, view: ViewState, parent: str) -> pd.DataFrame:
    """Facts for a map under `parent`: every filter but the county, so sibling counties stay
    comparable (a selected county is outlined, not alone on the map)."""
    prefecture = parent if parent != view.region else ""
    return filter_facts(region_facts, replace(view, county="", prefecture=prefecture))


def map_basis(view: ViewState) -> str:
    """The one basis a map can show: place totals when asked for, else project sums."""
    return "place_total" if view.basis == "place_total" else "project"
