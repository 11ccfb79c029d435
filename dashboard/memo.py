"""The aggregations a page repeats on every rerun, memoised across reruns and sessions.

Why: a rerun holds the GIL in the very process that serves the page's JavaScript, so pandas
work on a visit delays the map's first paint (bench/map.py: a second of server work after the
chart costs the trivial page about 0.6 s of paint). The functions themselves stay pure and are
tested without Streamlit in dashboard/aggregate.py and loaders; here st.cache_data keys them on
their arguments' content. Hashing the curated facts takes about 5 ms; each aggregation 20-40 ms.
Results are small frames, so the per-entry cost is small and the caches are bounded.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import geo
import loaders
from dashboard import aggregate
from geo.mapfig import choropleth_figure, label_points, short_names

_OPTIONS = {"max_entries": 256, "show_spinner": False}

by_place = st.cache_data(aggregate.by_place, **_OPTIONS)
unallocated = st.cache_data(aggregate.unallocated, **_OPTIONS)
projects_table = st.cache_data(aggregate.projects_table, **_OPTIONS)
kpis = st.cache_data(aggregate.kpis, **_OPTIONS)
conflicts = st.cache_data(loaders.conflicts, **_OPTIONS)


@st.cache_resource(max_entries=8, show_spinner=False)
def map_figure(values: pd.DataFrame, region: str, level: str, parent: str, places: pd.DataFrame,
               units: dict, **options) -> go.Figure:
    """The choropleth for one view (geo.mapfig.choropleth_figure over the places under
    `parent`). Building and validating a plotly figure takes ~60 ms and the map is the first
    thing a page sends, so the figure is shared (cache_resource: one object, no copy); callers
    hand it to st.plotly_chart, which copies it, and never change it. A Jilin county figure
    holds about 1 MB of Python objects, so at most 8 are kept (~8 MB at worst)."""
    layer = geo.layer_under(region, level, parent)
    labels = label_points(layer, options.get("lang", "zh"), short_names(places))
    return choropleth_figure(values, layer, labels=labels, units=units, **options)
