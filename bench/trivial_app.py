"""Baseline for bench/map.py: the cheapest Streamlit page that paints one Plotly chart.

The map's time to first paint is reported as a ratio to this page's, measured in the same run,
so the budget says "the map costs at most X % more than any Plotly chart" on any machine.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="baseline", layout="wide")
figure = go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2]))
figure.update_layout(height=560, margin={"l": 0, "r": 0, "t": 0, "b": 0})
st.plotly_chart(figure, config={"displaylogo": False}, width="stretch")
