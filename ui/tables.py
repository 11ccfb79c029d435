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

from dashboard import exports, tabular
from dashboard.downloads import citation, export_frame, sources_frame
from dashboard.filters import active_filters
from dashboard.fmt import md_escape
from dashboard.i18n import t, vocab_label
from dashboard.map_table import download_frame
from ui import cache
from ui.context import Context
from ui.slide_export import slide_buttons

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def grid(frame: pd.DataFrame, **options) -> None:
    """st.dataframe with a missing value (a fact with no figure) drawn as an empty cell:
    left to itself, the grid writes the word "None" there, which reads as a value."""
    st.dataframe(frame, placeholder="", **{"hide_index": True, "width": "stretch", **options})


def lazy_section(label: str, key: str, render: Callable[..., None], *args) -> None:
    """An expander whose content runs only while it is open.

    Why: a data grid is the heaviest thing a page sends after the map; closed, it costs
    nothing. The open state belongs to the session (keyed), so a table a user opened stays
    open across map clicks and filters; it is also passed as `expanded`, because the label
    (with its count) is part of the expander's identity and a new count would otherwise
    remount it closed.
    """
    box = st.expander(label, expanded=bool(st.session_state.get(key)), key=key,
                      on_change="rerun")
    with box:
        if box.open:
            render(*args)


def projects_table(context: Context, table: pd.DataFrame) -> None:
    """Lays out `table` (cache.projects_table of the page's facts)."""
    if table.empty:
        st.info(t("no_data", context.lang))
        return
    shown = tabular.projects(table, context.vocab, context.names, context.lang)
    grid(shown, height=min(600, 38 + 35 * len(shown)),
         column_config={t("name", context.lang): st.column_config.TextColumn(width="large")})


def place_totals(context: Context) -> None:
    """Totals the articles report for places (never mixed with project sums)."""
    totals = context.facts[(context.facts["scope"] == "place_total")
                           & (context.facts["metric"] != "")]
    if totals.empty:
        return
    lazy_section(f"{t('basis_place_total', context.lang)} ({len(totals)})", "place_totals_open",
                 fact_table, context, totals)


def fact_table(context: Context, facts: pd.DataFrame) -> None:
    shown = tabular.facts(facts, context.vocab, context.names, context.lang)
    grid(shown, height=min(500, 38 + 35 * len(shown)))


def provenance(context: Context, facts: pd.DataFrame) -> None:
    """Every figure on the page with excerpt, article, outlet and date; conflicts flagged.

    One click away on every page; drawn only when opened (see lazy_section)."""
    measured = facts[facts["metric"] != ""]
    lang = context.lang
    lazy_section(f"{t('provenance', lang)} ({len(measured)} {t('n_figures_unit', lang)})",
                 "provenance_open", _provenance_body, context, facts, measured)


def _provenance_body(context: Context, facts: pd.DataFrame, measured: pd.DataFrame) -> None:
    lang = context.lang
    fact_table(context, measured)
    clashes = cache.conflicts(context.all_facts)
    shown = set(facts["fact_id"])
    clashes = clashes[clashes["fact_ids"].apply(lambda ids: bool(set(ids) & shown))]
    for row in clashes.itertuples():
        st.warning(f"⚠ {t('conflict', lang)}: {md_escape(row.subject)} · "
                   f"{vocab_label(context.vocab, 'metrics', row.metric, lang)} · "
                   + " vs ".join(f"{raw} ({a}: {md_escape(e)})" for raw, a, e in
                                 zip(row.raw, row.article_ids, row.excerpts, strict=True)))


def projects(context: Context) -> None:
    """The projects of the filtered facts, one row each, on demand."""
    table = cache.projects_table(context.facts)
    lazy_section(f"{t('projects_table', context.lang)} ({len(table)})", "projects_open",
                 projects_table, context, table)


def downloads(context: Context, facts: pd.DataFrame, page: str, shown=None,
              metric: str = "") -> None:
    """What the page shows, as files: the map's values (exactly the table beside the map:
    CSV with a BOM and XLSX, headers in the page's language with units; GeoJSON), then the
    facts behind them (CSV, XLSX with sources and citation).

    In a popover whose content runs only when opened, so the buttons cost a page nothing
    until someone wants a file; files are built only when a button is clicked (callables)."""
    lang = context.lang
    box = st.popover(f"{t('downloads', lang)} ({len(facts)} {t('n_facts_unit', lang)})",
                     icon=":material/download:", key=f"dl_open_{page}", on_change="rerun")
    with box:
        if box.open:
            _download_buttons(context, facts, page, shown, metric)


def _download_buttons(context: Context, facts: pd.DataFrame, page: str, shown,
                      metric: str) -> None:
    lang, view = context.lang, context.view
    filters = {"page": page, "region": view.region, **active_filters(view)}
    slug = context.regions[view.region]["slug"]
    today = datetime.now().date()
    stamp = datetime.now(ZoneInfo("Asia/Shanghai"))
    sources = sources_frame(context.articles, facts)
    if shown is not None:
        values = download_frame(shown.rows, metric, context.vocab, lang)
        name = exports.export_filename(f"{slug}-map-{metric}", active_filters(view), "csv",
                                       today)
        st.caption(t("map_table", lang))
        st.download_button(t("download_map_csv", lang), lambda: exports.to_csv_bytes(values),
                           file_name=name, mime="text/csv", key=f"dl_map_csv_{page}",
                           on_click="ignore", width="stretch")
        st.download_button(
            t("download_map_xlsx", lang),
            lambda: exports.to_xlsx_bytes(values, sources, {**filters, "metric": metric},
                                          citation(lang), stamp, lang=lang),
            file_name=name.replace(".csv", ".xlsx"), mime=XLSX_MIME,
            key=f"dl_map_xlsx_{page}", on_click="ignore", width="stretch")
        shapes = cache.layer(context.regions, view.region, shown.level, shown.parent)
        geo_values = shown.values[["adcode", "value", "n_facts"]]
        st.download_button(
            t("download_geojson", lang),
            lambda: exports.to_geojson_bytes(shapes, geo_values, ["value", "n_facts"]),
            file_name=name.replace(".csv", ".geojson"), mime="application/geo+json",
            key=f"dl_geojson_{page}", on_click="ignore", width="stretch")
        slide_buttons(lang, name.removesuffix(".csv"), key=f"dl_slide_{page}")
        st.caption(t("download_facts_title", lang))
    names = {ext: exports.export_filename(slug, active_filters(view), ext, today)
             for ext in ("csv", "xlsx")}
    frame = export_frame(facts)
    st.caption(t("downloads_hint", lang))
    st.download_button(t("download_csv", lang), lambda: exports.to_csv_bytes(frame),
                       file_name=names["csv"], mime="text/csv", key=f"dl_csv_{page}",
                       on_click="ignore", width="stretch")
    st.download_button(
        t("download_xlsx", lang),
        lambda: exports.to_xlsx_bytes(frame, sources, filters, citation(lang), stamp,
                                      lang=lang),
        file_name=names["xlsx"], key=f"dl_xlsx_{page}", mime=XLSX_MIME, on_click="ignore",
        width="stretch")
