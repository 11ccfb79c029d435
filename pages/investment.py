"""Investment explorer: where is the money going? Region → prefecture → county → project."""

import streamlit as st

from dashboard.filters import map_basis
from dashboard.i18n import t
from ui import cache, tables, widgets
from ui.context import ctx

context = ctx()
lang, view, vocab = context.lang, context.view, context.vocab

st.title(t("page_investment", lang))
# Presenter mode: breadcrumb and metric share one row and the KPIs sit beside the map, so the
# map fits under the presenter bar on a 1280×720 projector.
with st.container(horizontal=view.present, vertical_alignment="bottom",
                  gap="large" if view.present else "small"):
    widgets.breadcrumb(context)
    metric = widgets.metric_switch(context, "investment", key="inv_metric")

if not view.present:
    widgets.kpi_row(context, metric)
map_col, bar_col = st.columns([1, 1] if view.present else [3, 2], gap="medium")
level, parent, map_facts = widgets.map_setup(context)
values = cache.by_place(map_facts, metric, level, map_basis(view))
with map_col:
    widgets.choropleth(context, values, level, parent, metric)
    left_out = cache.unallocated(map_facts, metric, level)
    if len(left_out):
        tables.lazy_section(f"{t('unallocated', lang)}: {len(left_out)}", "unallocated_open",
                            tables.fact_table, context, left_out)
with bar_col:
    if view.present:
        widgets.kpi_row(context, metric)
    widgets.ranked_bars(context, metric, level, map_facts)

# Tables open on demand: the map, figures and ranking come first (see tables.lazy_section).
projects = cache.projects_table(context.facts)
tables.lazy_section(f"{t('projects_table', lang)} ({len(projects)})", "projects_open",
                    tables.projects_table, context, projects)
tables.place_totals(context)
tables.provenance(context, context.facts)
tables.downloads(context, context.facts, "investment", values, level, parent)
