"""The map component alone, for bench/map.py: Jilin's county choropleth of investment (project
basis, from the fact base) with its labels, as app.py's pages build it, and nothing else.

Issue-level budget: the map itself costs at most 10 % more first paint than any Plotly chart
(bench/trivial_app.py); the landing page around it has its own budget (bench/map.py on app.py).
"""

import streamlit as st

import geo
import loaders
from dashboard import aggregate
from dashboard.mapfig import PLOTLY_CONFIG, choropleth_figure
from geo import label_points, short_names

st.set_page_config(page_title="map component", layout="wide")


@st.cache_resource
def figure():
    facts = loaders.load_facts()
    jilin = facts[facts["region_adcode"] == "220000"]
    values = aggregate.by_place(jilin, "investment_total", "county", "project")
    layer = geo.layer_geojson("220000", "county")
    labels = label_points(layer, "zh", short_names(loaders.load_places()))
    return choropleth_figure(values, layer, labels=labels, units=loaders.load_vocab()["units"],
                             height=560, title="总投资", subtitle="项目合计")


st.plotly_chart(figure(), config=PLOTLY_CONFIG, width="stretch")
