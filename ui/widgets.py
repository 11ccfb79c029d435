"""Shared page widgets: breadcrumb, KPI row, the map and the ranked bars.

Each lays out results of the pure core (dashboard/): no figure is computed here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from dashboard.aggregate import page_metrics
from dashboard.downloads import source_line
from dashboard.figures import ranked_rows
from dashboard.filters import map_basis, map_facts, map_level
from dashboard.fmt import format_value
from dashboard.i18n import t, vocab_label
from dashboard.map_table import map_rows
from dashboard.mapfig import PRESENT_FIGURE_PX, plotly_config
from dashboard.mapfig_layout import HALF_COLUMN_PX, fitted_height
from dashboard.registry import BY_KEY
from ui import cache
from ui.context import Context, open_place, step_to, switch_to
from ui.map_table import map_table
from ui.ranked_bars import ranked_list
from ui.tables import fact_table, lazy_section

# The map's height: at 1280×800 the map starts about 200 px down and its title, legend and
# source line take about 150 px of the figure; this leaves the drawing most of the screen's
# height with the legend in view. In presenter mode the map fills the screen's height under
# the presenter bar (ui/style.css sizes its box; this is the height the layout plans for).
MAP_HEIGHT = 660


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


def map_layout(context: Context) -> tuple:
    """(controls, map column, side column) of a page with a map. Normally the controls
    (breadcrumb, metric) run in a row above the map and the figures stand beside it. In
    presenter mode the map is the slide: it takes most of the width and the screen's height
    right under the presenter bar, and the controls move to the top of the side column."""
    if context.view.present:
        map_col, side_col = st.columns([5, 2], gap="medium")
        return (side_col.container(horizontal=True, vertical_alignment="bottom", gap="small",
                                   wrap=True), map_col, side_col)
    controls = st.container(horizontal=True, vertical_alignment="bottom", gap="medium",
                            wrap=True)
    map_col, side_col = st.columns([2, 1], gap="medium")
    return controls, map_col, side_col


@dataclass
class MapView:
    """What one page's map shows: its level and parent, the facts under it, the value per
    place, and the same as the table beside the map (dashboard.map_table.map_rows)."""

    metric: str
    level: str
    parent: str
    facts: pd.DataFrame
    values: pd.DataFrame
    elsewhere: pd.DataFrame
    rows: pd.DataFrame
    unit: str = "CNY"


def map_view(context: Context, metric: str, unit: str = "CNY",
             values: pd.DataFrame | None = None, elsewhere: pd.DataFrame | None = None
             ) -> MapView:
    """The map of `metric` on the view's basis; pages with their own aggregation (energy's
    status groups) pass `values` and `elsewhere`."""
    level, parent = map_level(context.view, context.places)
    facts = facts_under(context, parent)
    basis = map_basis(context.view)
    if values is None:
        values = cache.by_place(facts, metric, level, basis)
    if elsewhere is None:
        elsewhere = (cache.unallocated(facts, metric, level) if basis == "project"
                     else facts.iloc[0:0])
    rows = map_rows(values, layer(context, level, parent), context.names, elsewhere, basis,
                    unit, context.lang, context.units)
    return MapView(metric, level, parent, facts, values, elsewhere, rows, unit)


def metric_switch(context: Context, page: str, key: str) -> str:
    """The page's metric control (metrics data/vocab.yaml assigns to `page`), starting on the
    region's default metric; each option says how many facts of it the map has, so a metric
    with nothing here reads "(0)" before anyone picks it. Returns the chosen metric, which
    the sidebar's counts then follow."""
    lang, vocab = context.lang, context.vocab
    options = page_metrics(vocab, page)
    default = context.regions[context.view.region]["default_metric"]
    level, parent = map_level(context.view, context.places)
    counts = facts_under(context, parent)["metric"].value_counts()
    chosen = st.segmented_control(
        t("metric", lang), options, default=default if default in options else None, key=key,
        format_func=lambda m: f"{vocab_label(vocab, 'metrics', m, lang)} ({counts.get(m, 0)})",
        help=t("metric_counts_hint", lang),
        label_visibility="collapsed" if context.view.present else "visible")
    context.counted_metric = chosen or default
    return chosen or default


def two_by_two() -> list:
    """Four cells, two rows of two, in reading order. Two columns of two would put the
    second row's first figure before the first row's second one for the keyboard, screen
    readers and a phone, which stacks the columns."""
    return [*st.columns(2), *st.columns(2)]


def kpi_row(context: Context, metric: str, shown: MapView | None = None) -> None:
    """Four headline figures, two by two beside the map. The total is on the project basis
    and equals the sum of the map's table (its row of figures on no one place included); the
    projects are those in it and the counties those with a figure of the metric."""
    lang = context.lang
    numbers = cache.kpis(context.facts, metric)
    cols = two_by_two()
    cols[0].metric(vocab_label(context.vocab, "metrics", metric, lang) + " · "
                   + t("basis_project_short", lang),
                   format_value(numbers["total"], "CNY", lang), help=t("kpi_total_help", lang))
    cols[1].metric(t("kpi_projects", lang), numbers["n_projects"],
                   help=t("kpi_projects_help", lang))
    cols[2].metric(t("kpi_counties", lang), numbers["n_counties"],
                   help=t("kpi_counties_help", lang))
    latest = numbers["latest_date"]
    cols[3].metric(t("kpi_latest", lang), f"{latest:%Y-%m-%d}" if latest is not None else "—")


def values_table(context: Context, shown: MapView, clickable: bool = True) -> None:
    """The map's values as a table (keyboard and screen readers), then the facts behind its
    row of figures that sit on no one place."""
    map_table(context, shown.rows, clickable=clickable)
    if len(shown.elsewhere):
        lazy_section(f"{t('unallocated', context.lang)}: {len(shown.elsewhere)}",
                     "unallocated_open", fact_table, context, shown.elsewhere)


def no_data_note(context: Context, shown: MapView, metric: str) -> None:
    """When nothing on the map has a figure, say what is known instead, with a way to it."""
    if shown.rows["value"].notna().any():
        return
    lang, view = context.lang, context.view
    place = context.place_name(view.county or shown.parent)
    here = context.facts
    st.info(t("nothing_for", lang).format(
        place=place, metric=vocab_label(context.vocab, "metrics", metric, lang),
        basis=t(f"basis_{map_basis(view)}", lang)) + " "
        + t("facts_mention", lang).format(n=len(here)))
    if len(here) and st.button(t("see_facts", lang), key="see_facts", icon=":material/list:"):
        switch_to(BY_KEY["facts"].script, view)


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
               unit: str = "CNY", height: int = MAP_HEIGHT, note: str = "", key: str = "map",
               title: str = "", clickable: bool = True, half_width: bool = False) -> None:
    """The map; clicking a prefecture drills down, clicking a county selects it. A page
    that gives the map half its width says so (`half_width`), so names are thinned for it.

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
        selected=view.county, height=PRESENT_FIGURE_PX if view.present else height,
        present=view.present, title=title or metric_label, subtitle=subtitle,
        source=source_line(context.articles, context.facts["article_id"], lang),
        exported=f"{datetime.now(ZoneInfo('Asia/Shanghai')):%Y-%m-%d}",
        column_px=HALF_COLUMN_PX[view.present] if half_width else None)
    # The chart stretches to its box, which ui/style.css sizes: in presenter mode to the
    # screen, on a phone to what the drawing needs at the screen's width, else the figure's.
    if view.present:
        box = st.container(key="present_map")
    else:
        box = st.container(key=f"mapbox_{key}")
        fit = fitted_height(figure)
        st.html(f"<style>.st-key-mapbox_{key} {{--map-h: {figure.layout.height}px; "
                f"--map-text: {fit['text']:.0f}px; --map-side: {fit['side']:.0f}px; "
                f"--map-ratio: {fit['ratio']:.4f};}}</style>")
    size = {"width": "stretch", "height": "stretch"}
    if not clickable:
        box.plotly_chart(figure, config=plotly_config(lang), key=key, **size)
        return
    chart_key = f"{key}_{st.session_state.get('map_nonce', 0)}"
    box.plotly_chart(figure, config=plotly_config(lang), on_select=partial(map_clicked, chart_key),
                     selection_mode="points", key=chart_key, **size)


def map_clicked(widget_key: str) -> None:
    """A map click, as a callback: it changes the view before the run that follows, so a
    click costs one run (not a run that notices the click and a second one to draw it)."""
    open_place(selected_adcode(st.session_state.get(widget_key)))


def bar_chart(context: Context, figure) -> None:
    """A bar chart of dashboard/ (energy, clusters), without Streamlit's chart theme: its
    axis settings would make plotly.js measure every label (dashboard.theme.unmeasured_bar_axes
    plans the margins instead)."""
    st.plotly_chart(figure, config=plotly_config(context.lang), width="stretch", theme=None)


def ranked_bars(context: Context, shown: MapView) -> None:
    """The map's places ranked by value; with basis "both", the two bases side by side, never
    summed. The map's own values are reused, not aggregated again. Full place names: the list
    wraps them, and they match the map's table beside it."""
    lang, view = context.lang, context.view
    series = {map_basis(view): shown.values}
    if view.basis == "both":
        series["place_total"] = cache.by_place(shown.facts, shown.metric, shown.level,
                                               "place_total")
    data = ranked_rows(series, context.names, shown.metric, context.vocab, lang, shown.unit)
    if data is None:
        st.info(t("no_data", lang))
    else:
        ranked_list(data)

