"""The work a page repeats on every rerun, memoised across reruns and sessions.

Why: a rerun holds the GIL in the very process that serves every other session, so pandas work
on one reader's click delays everyone's page. The functions stay pure and are tested without
Streamlit (dashboard/, loaders/, geo/); here st.cache_data keys them on their arguments'
content. Results are small frames, so the caches are bounded and cheap.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import pickle
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import geo
import loaders
from dashboard import aggregate, cluster_text, clusters, energy, filters, review
from dashboard.i18n import place_labels
from dashboard.mapfig import choropleth_figure
from loaders.ingest import candidates


def frame_digest(frame: pd.DataFrame) -> bytes:
    """A frame's cache key: a digest of its labels and of each column's values. Exact (equal
    digests mean equal frames) and several times cheaper than Streamlit's default, which
    hashes every row with pandas: some 6 ms for a region's facts, and a rerun of the landing
    page hashes about ten frames.

    Column by column, not the frame's pickle: a pickle also carries what equal frames need not
    share, and then every session missed the caches its first run had filled. A nullable
    number column (Float64, Int64) keeps arbitrary values under its missing entries, and those
    differ between equal frames; they are zeroed here."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(pickle.dumps((list(frame.columns), frame.index), protocol=5))
    for _, column in frame.items():
        values = column.array
        numpy_dtype = getattr(values.dtype, "numpy_dtype", None)
        if numpy_dtype is not None:  # a masked (nullable) array: values, then the mask
            values = (values.to_numpy(dtype=numpy_dtype, na_value=0), values.isna())
        digest.update(pickle.dumps(values, protocol=5))
    return digest.digest()


def mapping_digest(mapping: dict) -> bytes:
    """A plain dict's cache key: a digest of its pickle. Exact, and far cheaper than Streamlit's
    default, which walks the dict item by item: some 3 ms for the vocabulary, passed to
    several cached functions per run. Equal dicts built in another order only miss."""
    return hashlib.blake2b(pickle.dumps(mapping, protocol=5), digest_size=16).digest()


HASH_FUNCS = {pd.DataFrame: frame_digest, dict: mapping_digest}
_OPTIONS = {"max_entries": 256, "show_spinner": False, "hash_funcs": HASH_FUNCS}
# A province's 60 county names overlap into a smudge: a map names its places when at most
# this many are drawn (a prefecture's counties, a province's prefectures); hover names all.
MAX_LABELLED_PLACES = 20

@functools.cache
def freeze_after_first_run() -> None:
    """Move what the process's first run leaves alive into the collector's permanent
    generation, once.

    Why: a full collection holds the GIL, so every session waits for it. The first run
    imports pandas, geopandas and plotly, builds plotly's validators and loads the data:
    objects that live as long as the process and that every later full collection (Python's
    own, and Streamlit's after each run where runner.postScriptGC is on) would walk again,
    some 100 ms each. Later runs' garbage is still collected (only what exists now is frozen,
    after one full collection); reference counting still frees frozen objects that are
    dropped.
    Two sessions' first runs may both get here; freezing twice does no harm."""
    gc.collect()
    gc.freeze()


by_place = st.cache_data(aggregate.by_place, **_OPTIONS)
unallocated = st.cache_data(aggregate.unallocated, **_OPTIONS)
projects_table = st.cache_data(aggregate.projects_table, **_OPTIONS)
kpis = st.cache_data(aggregate.kpis, **_OPTIONS)
conflicts = st.cache_data(loaders.conflicts, **_OPTIONS)
headlines = st.cache_data(review.headlines, **_OPTIONS)
filter_counts = st.cache_data(filters.filter_counts, **_OPTIONS)
years = st.cache_data(filters.years, **_OPTIONS)
energy_facts = st.cache_data(energy.energy_facts, **_OPTIONS)
stations = st.cache_data(energy.stations, **_OPTIONS)
power_by_place = st.cache_data(energy.power_by_place, **_OPTIONS)
power_elsewhere = st.cache_data(energy.power_elsewhere, **_OPTIONS)
other_capacity = st.cache_data(energy.other_capacity, **_OPTIONS)
# Figures, and the clusters page's view and text, are shared objects (cache_resource: no copy
# per run; unpickling the clusters view's two dozen frames was a fifth of that page's run).
# Callers only read them; st.plotly_chart copies a figure it is given.
_SHARED = {"max_entries": 32, "show_spinner": False, "hash_funcs": HASH_FUNCS}
status_chart = st.cache_resource(energy.status_chart, **_SHARED)
other_chart = st.cache_resource(energy.other_chart, **_SHARED)
cluster_view = st.cache_resource(clusters.cluster_view, **_SHARED)
cluster_chart = st.cache_resource(clusters.cluster_chart, **_SHARED)


@st.cache_resource(**_SHARED)
def cluster_page_text(facts: pd.DataFrame, vocab: dict, places: pd.DataFrame, region: str,
                      prefecture: str, county: str, cluster: str,
                      lang: str) -> cluster_text.PageText:
    """The clusters page's text for one view and language (dashboard.cluster_text)."""
    model = cluster_view(facts, vocab, places, region, prefecture, county, cluster)
    return cluster_text.page_text(model, vocab, place_labels(places, lang), lang)


def layer(regions: dict, region: str, level: str, parent: str) -> dict:
    """The boundary layer of `region` at `level` under `parent`, from the file
    data/regions.yaml names for it. Shared and read-only (geo caches it)."""
    path = Path(loaders.data_dir()) / regions[region]["layers"][level]
    return geo.layer_under(region, level, parent, path)


@st.cache_resource(max_entries=8, show_spinner=False, hash_funcs=HASH_FUNCS)
def map_figure(values: pd.DataFrame, regions: dict, region: str, level: str, parent: str,
               places: pd.DataFrame, units: dict, **options) -> go.Figure:
    """The choropleth for one view. Building and validating a plotly figure of a province's
    counties takes tens of milliseconds and holds about 1 MB of Python objects, so the figure
    is shared (cache_resource: one object, no copy; st.plotly_chart copies it and callers never
    change it) and at most 8 are kept."""
    shapes = layer(regions, region, level, parent)
    short = geo.short_names(places)
    labels = (geo.label_points(shapes, options.get("lang", "zh"), short)
              if len(shapes["features"]) <= MAX_LABELLED_PLACES else None)
    # A slide fills the screen: a drilled-down map shows the prefectures around it.
    around = (around_layer(regions, region, parent)
              if options.get("present") and parent != region else None)
    return choropleth_figure(values, shapes, labels=labels, units=units, around=around,
                             short=short, **options)


def around_layer(regions: dict, region: str, parent: str) -> dict | None:
    """The region's other prefectures, around the prefecture `parent`."""
    if "prefecture" not in regions[region]["layers"]:
        return None
    everything = layer(regions, region, "prefecture", region)
    return {**everything, "features": [f for f in everything["features"]
                                       if str(f["properties"]["adcode"]) != parent]}


@st.cache_data(show_spinner=False, max_entries=8)
def extract_candidates(text: str, article_id: str, date: str) -> tuple:
    """(region, candidate rows, the same as the review table's frame, spans in the original
    text, original text) of an article."""
    result = candidates(text, article_id=article_id, date=date)
    spans = [result.mapped.span(start, end) for start, end in result.spans]
    return (result.region, result.rows, pd.DataFrame(result.rows), spans,
            result.mapped.original)

