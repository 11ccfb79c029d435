"""Baseline for bench/page.py and bench/interact.py: the cheapest Streamlit page that paints one
Plotly chart, with one button whose click does nothing but rerun the script.

The dashboard's page-complete and interaction-settle times are reported as ratios to this
page's, measured in the same run, so a goal says "at most X times what any Streamlit page with
a Plotly chart costs" on any machine. The chart is unchanged by the rerun: the baseline is
Streamlit's own round trip (input event, script run, deltas, idle), nothing of the app's.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="baseline", layout="wide")
st.button("rerun")  # a click reruns the script: the interaction baseline
figure = go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2]))
figure.update_layout(height=560, margin={"l": 0, "r": 0, "t": 0, "b": 0})
st.plotly_chart(figure, config={"displaylogo": False}, width="stretch")
