"""What a download holds: the fact rows with their sources, the articles behind them, and how
to cite them. dashboard/exports.py turns these frames into CSV, XLSX and GeoJSON bytes."""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import localized, t

EXPORT_COLUMNS = ["fact_id", "article_id", "subject", "project_id", "place_adcode",
                  "place_name_zh", "place_name_en", "place_level", "zone_id", "cluster",
                  "metric", "value", "unit", "raw_value", "raw_unit", "qualifier", "status",
                  "period", "scope", "excerpt", "article_title", "outlet", "article_date",
                  "date_estimated"]
SOURCE_COLUMNS = ["id", "title", "title_en", "outlet", "outlet_en", "date", "date_estimated",
                  "seed_file", "licence"]


def export_frame(facts: pd.DataFrame) -> pd.DataFrame:
    frame = facts[EXPORT_COLUMNS].copy()
    frame["value"] = frame["value"].astype("float64")
    frame["article_date"] = frame["article_date"].dt.strftime("%Y-%m-%d")
    return frame


def sources_frame(articles: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    frame = articles.loc[articles["id"].isin(facts["article_id"]), SOURCE_COLUMNS].copy()
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    return frame


def citation(lang: str) -> str:
    return t("citation", lang)


def source_line(articles: pd.DataFrame, article_ids, lang: str) -> str:
    """"延边日报 2024-07-15; 通化日报 2023-04-20": the articles behind a chart, for the line a
    saved image carries (outlet and date; * marks an estimated date)."""
    used = articles[articles["id"].isin(set(article_ids))].sort_values("date")
    items = [f"{localized(row, 'outlet', lang)} {row.date:%Y-%m-%d}"
             f"{'*' if row.date_estimated else ''}" for row in used.itertuples()]
    return "; ".join(items)  # the figure's note line says 来源 / Sources
