"""Shared page widgets: breadcrumb, KPI row, the map and the ranked bars.

Each lays out results of the pure core (dashboard/): no figure is computed here.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import figures
from dashboard.aggregate import page_metrics
from dashboard.filters import map_basis, map_facts, map_level
from dashboard.fmt import format_value
from dashboard.i18n import t, vocab_label
from dashboard.mapfig import PLOTLY_CONFIG
from geo import short_names
from ui import cache
from ui.context import Context, set_view, step_to

# Presenter mode: the map fits a 1280×720 projector under the presenter bar and one control row.
PRESENT_MAP_HEIGHT = 560


def breadcrumb(context: Context) -> None:
    """Jilin › Yanbian › Dunhua; each crumb steps back up to that level."""
    view = context.view
    crumbs = [(view.region, replace(view, prefecture="", county=""))]
    if view.prefecture:
        crumbs.append((view.prefecture, replace(view, county="")))
    if view.county:
        crumbs.append((view.county, view))
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        for i, (code, target) in enumerate(crumbs):
            last = i == len(crumbs) - 1
            st.button(context.place_name(code), key=f"crumb_{i}", type="tertiary",
                      disabled=last, on_click=step_to, args=(target,),
                      help=None if last else t("breadcrumb_up", context.lang))
            if not last:
                st.markdown("›")


def metric_switch(context: Context, page: str, key: str) -> str:
    """The page's metric control (metrics data/vocab.yaml assigns to `page`), starting on the
    region's default metric; returns the chosen metric."""
    lang, vocab = context.lang, context.vocab
    options = page_metrics(vocab, page)
    default = context.regions[context.view.region]["default_metric"]
    chosen = st.segmented_control(
        t("metric", lang), options, default=default if default in options else None, key=key,
        format_func=lambda m: vocab_label(vocab, "metrics", m, lang),
        label_visibility="collapsed" if context.view.present else "visible")
    return chosen or default


def kpi_row(context: Context, metric: str) -> None:
    lang = context.lang
    numbers = cache.kpis(context.facts, metric)
    # Wider first and last columns: "CNY 99.81 bn" and a date are cut to "CNY 99.81 …" in four
    # equal columns at 1280 px; in presenter mode the row sits beside the map, two by two.
    present = context.view.present
    cols = st.columns(2 if present else [4, 2, 2, 3])
    cols = [*cols, *cols] if present else cols
    cols[0].metric(vocab_label(context.vocab, "metrics", metric, lang) + " · "
                   + t("basis_project", lang).split("（")[0],
                   format_value(numbers["total"], "CNY", lang), help=t("kpi_total_help", lang))
    cols[1].metric(t("kpi_projects", lang), numbers["n_projects"])
    cols[2].metric(t("kpi_counties", lang), numbers["n_counties"])
    latest = numbers["latest_date"]
    cols[3].metric(t("kpi_latest", lang), f"{latest:%Y-%m-%d}" if latest is not None else "—")


def map_setup(context: Context) -> tuple[str, str, pd.DataFrame]:
    """(level, parent, facts) of the page's map."""
    level, parent = map_level(context.view, context.places)
    return level, parent, facts_under(context, parent)


def facts_under(context: Context, parent: str) -> pd.DataFrame:
    """The region's facts under `parent` with every filter but the county (see map_facts)."""
    return map_facts(context.all_facts, context.view, parent)


def layer(context: Context, level: str, parent: str) -> dict:
    return cache.layer(context.regions, context.view.region, level, parent)


def selected_adcode(event) -> str:
    """The adcode of a clicked place in a plotly selection event, or ""."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return ""
    for point in points or []:
        code = point.get("location")
        if code:
            return str(code)
    return ""


def choropleth(context: Context, values: pd.DataFrame, level: str, parent: str, metric: str,
               unit: str = "CNY", height: int = 500, note: str = "", key: str = "map",
               title: str = "", clickable: bool = True) -> None:
    """The map; clicking a prefecture drills down, clicking a county selects it.

    Its title (the metric) and subtitle (the basis, then `note`, e.g. which statuses) are the
    one statement of what is mapped; the colour bar gives the unit. No caption repeats them."""
    lang, view = context.lang, context.view
    metric_label = vocab_label(context.vocab, "metrics", metric, lang) if metric else ""
    basis_label = t(f"basis_{map_basis(view)}", lang) if metric else ""
    subtitle = " · ".join(part for part in (basis_label, note) if part)
    figure = cache.map_figure(
        values[["adcode", "value", "n_facts"]], context.regions, view.region, level, parent,
        context.places, context.units, lang=lang, unit=unit,
        value_label=" · ".join(p for p in (title or metric_label, basis_label) if p),
        selected=view.county, height=PRESENT_MAP_HEIGHT if view.present else height,
        present=view.present, title=title or metric_label, subtitle=subtitle)
    if not clickable:
        st.plotly_chart(figure, config=PLOTLY_CONFIG, width="stretch", key=key)
        return
    nonce = st.session_state.get("map_nonce", 0)
    event = st.plotly_chart(figure, config=PLOTLY_CONFIG, on_select="rerun",
                            selection_mode="points", key=f"{key}_{nonce}", width="stretch")
    code = selected_adcode(event)
    if code and code not in (view.county, view.prefecture):
        step_to(view.with_place(code, context.places, context.regions))
        st.rerun()


def ranked_bars(context: Context, metric: str, level: str, facts: pd.DataFrame,
                unit: str = "CNY") -> None:
    """Places ranked by value; with basis "both", the two bases side by side, never summed."""
    lang, view = context.lang, context.view
    bases = ["project", "place_total"] if view.basis == "both" else [map_basis(view)]
    names = {**context.names, **(short_names(context.places) if lang == "zh" else {})}
    series = {basis: cache.by_place(facts, metric, level, basis) for basis in bases}
    figure = figures.ranked_bars(series, names, metric, context.vocab, lang, unit, view.present)
    if figure is None:
        st.info(t("no_data", lang))
    else:
        st.plotly_chart(figure, config=PLOTLY_CONFIG, width="stretch")


def go_to(view) -> None:
    """A button's callback: change the view (e.g. switch region)."""
    set_view(view)
