"""Investment explorer: where is the money going? Region → prefecture → county → project."""

import streamlit as st

from dashboard import aggregate, chrome, memo, tables, views
from dashboard.i18n import t, vocab_label

context = chrome.ctx()
lang, view, vocab = context.lang, context.view, context.vocab

# Sent in this order so the map reaches the browser first (dashboard/progressive.py); the
# containers keep the order on screen: title, breadcrumb and metric, KPIs, then map and ranking.
header = st.container()
# The strip keeps its height while empty, so the map does not move when the KPIs arrive.
kpi_slot = st.container(key="kpi_strip") if not view.present else None
map_col, bar_col = st.columns([1, 1] if view.present else [3, 2], gap="medium")
# The metric control is drawn after the map; its value is already in the session (or default).
metric = st.session_state.get("inv_metric") or "investment_total"
basis = "place_total" if view.basis == "place_total" else "project"
with map_col:
    level, parent = views.map_level(context)
    values = views.map_values(context, metric, basis, level, parent)
    views.choropleth(context, values, level, parent, metric)
with header:
    st.title(t("page_investment", lang))
    # Presenter mode: breadcrumb and metric share one row and the KPIs sit beside the map, so
    # the map fits under the presenter bar on a 1280×720 projector.
    with st.container(horizontal=view.present, vertical_alignment="bottom",
                      gap="large" if view.present else "small"):
        views.breadcrumb(context)
        st.segmented_control(
            t("metric", lang), list(aggregate.INVESTMENT_METRICS), default="investment_total",
            key="inv_metric", format_func=lambda m: vocab_label(vocab, "metrics", m, lang),
            label_visibility="collapsed" if view.present else "visible",
        )
chrome.page_css(view.present)
if context.deferred and kpi_slot:
    kpi_slot.space(chrome.KPI_STRIP_PX)
# On a tab's first run the rest waits until the map has painted (app.py mounts the probe).
if not context.deferred:
    with kpi_slot or bar_col.container():
        views.kpi_row(context, metric)
    with map_col:
        left_out = memo.unallocated(views.map_facts(context, parent), metric, level)
        if len(left_out):
            tables.lazy_section(f"{t('unallocated', lang)}: {len(left_out)}", "unallocated_open",
                                tables.fact_list, context, left_out)
    with bar_col:
        views.ranked_bars(context, metric, level, parent)

    # Tables open on demand: the map, figures and ranking come first (see tables.lazy_section).
    projects = memo.projects_table(context.facts)
    tables.lazy_section(f"{t('projects_table', lang)} ({len(projects)})", "projects_open",
                        tables.projects_table, context, projects)
    tables.place_totals(context)
    tables.provenance(context, context.facts)
    tables.downloads(context, context.facts, "investment", values, level, parent)
