"""Investment explorer: where is the money going? Region → prefecture → county → project."""

import streamlit as st

from dashboard.i18n import t
from ui import tables, widgets
from ui.context import ctx

context = ctx()
lang, view = context.lang, context.view

st.title(t("page_investment", lang))
controls, map_col, side_col = widgets.map_layout(context)
with controls:
    widgets.breadcrumb(context)
    metric = widgets.metric_switch(context, "investment", key="inv_metric")

shown = widgets.map_view(context, metric)
with map_col:
    widgets.choropleth(context, shown.values, shown.level, shown.parent, metric)
    widgets.no_data_note(context, shown, metric)
with side_col:
    widgets.kpi_row(context, metric, shown)
    widgets.values_table(context, shown)

widgets.ranked_bars(context, shown)
# Tables open on demand: the map, figures and ranking come first (see tables.lazy_section).
tables.projects(context)
tables.place_totals(context)
tables.provenance(context, context.facts)
tables.downloads(context, context.facts, "investment", shown, metric)
