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
from dashboard.i18n import t, vocab_label
from dashboard.mapfig_layout import plotly_config
from ui import cache

REGION = "220000"
METRICS = ("investment_total", "investment_annual_plan")

st.set_page_config(page_title="map rerun", layout="wide")
vocab = loaders.load_vocab()
label = {m: vocab_label(vocab, "metrics", m, "zh") for m in METRICS}
basis = t("basis_project", "zh")  # the landing page's map basis by default
metric = st.segmented_control(t("metric", "zh"), METRICS, default=METRICS[0],
                              format_func=label.get) or METRICS[0]
facts, regions, places = loaders.load_facts(), loaders.load_regions(), loaders.load_places()
jilin = facts[facts["region_adcode"] == REGION]
values = aggregate.by_place(jilin, metric, "prefecture", "project")
figure = cache.map_figure(
    values[["adcode", "value", "n_facts"]], regions, REGION, "prefecture", REGION, places,
    vocab["units"], lang="zh", unit="CNY", value_label=f"{label[metric]} · {basis}",
    selected="", height=660, present=False, title=label[metric], subtitle=basis,
    source=source_line(loaders.load_articles(), jilin["article_id"], "zh"), exported="2026-01-01")
st.plotly_chart(figure, config=plotly_config("zh"), on_select="rerun", selection_mode="points",
                key="map", width="stretch")
cache.freeze_after_first_run()  # as app.py: Streamlit's collection after each run stays short
