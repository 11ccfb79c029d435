"""The floor under an interaction that redraws the map, for bench/interact.py.

The landing page's prefecture map of Jilin (the same cached figure builder, the same options,
selectable like the app's), one metric control between two investment metrics, and nothing
else: no sidebar, KPIs, table or ranking. Switching the metric reruns the script and draws the
map again with other values, which is the least any dashboard interaction costs that changes
what the map shows. bench/interact.py reports its settle time beside the trivial rerun, so the
interaction goal can be read against what Streamlit itself needs to redraw one choropleth.
"""

import streamlit as st

import loaders
from dashboard import aggregate
from dashboard.downloads import source_line
from dashboard.mapfig_layout import plotly_config
from ui import cache

REGION = "220000"
METRICS = {"investment_total": "总投资", "investment_annual_plan": "年度计划投资"}

st.set_page_config(page_title="map rerun", layout="wide")
metric = st.segmented_control("指标", list(METRICS), default="investment_total",
                              format_func=METRICS.get) or "investment_total"
facts, regions, places = loaders.load_facts(), loaders.load_regions(), loaders.load_places()
jilin = facts[facts["region_adcode"] == REGION]
values = aggregate.by_place(jilin, metric, "prefecture", "project")
figure = cache.map_figure(
    values[["adcode", "value", "n_facts"]], regions, REGION, "prefecture", REGION, places,
    loaders.load_vocab()["units"], lang="zh", unit="CNY",
    value_label=METRICS[metric] + " · 项目合计", selected="", height=660, present=False,
    title=METRICS[metric], subtitle="项目合计",
    source=source_line(loaders.load_articles(), jilin["article_id"], "zh"), exported="2026-01-01")
st.plotly_chart(figure, config=plotly_config("zh"), on_select="rerun", selection_mode="points",
                key="map", width="stretch")
cache.freeze_after_first_run()  # as app.py: Streamlit's collection after each run stays short
