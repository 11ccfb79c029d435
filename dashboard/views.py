"""Streamlit building blocks shared by pages: breadcrumb, KPI row, map, ranked bars.

Everything here lays out results of the pure functions in dashboard/aggregate.py and
geo/mapfig.py; no figure is computed in a page.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import geo
from dashboard import aggregate
from dashboard.chrome import Context, set_view
from dashboard.filters import filter_facts
from dashboard.fmt import axis_scale, format_value
from dashboard.i18n import t, vocab_label
from geo.mapfig import PLOTLY_CONFIG, choropleth_figure, label_points


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
                      disabled=last, on_click=_go, args=(target,),
                      help=None if last else t("breadcrumb_up", context.lang))
            if not last:
                st.markdown("›")


def _go(target) -> None:
    set_view(target)
    st.session_state["map_nonce"] = st.session_state.get("map_nonce", 0) + 1


def kpi_row(context: Context, metric: str) -> None:
    lang = context.lang
    numbers = aggregate.kpis(context.facts, metric)
    cols = st.columns(4)
    total = numbers["total"]
    cols[0].metric(vocab_label(context.vocab, "metrics", metric, lang) + " · "
                   + t("basis_project", lang).split("（")[0],
                   format_value(total, "CNY", lang))
    cols[1].metric(t("kpi_projects", lang), numbers["n_projects"])
    cols[2].metric(t("kpi_counties", lang), numbers["n_counties"])
    latest = numbers["latest_date"]
    cols[3].metric(t("kpi_latest", lang), f"{latest:%Y-%m-%d}" if latest is not None else "—")


def map_level(context: Context) -> tuple[str, str]:
    """(level, parent): a province shows prefectures until one is chosen, then its counties."""
    view, places = context.view, context.places
    has_prefectures = ((places["parent_adcode"] == view.region)
                       & (places["level"] == "prefecture")).any()
    if has_prefectures and not view.prefecture:
        return "prefecture", view.region
    return "county", view.prefecture or view.region


def map_facts(context: Context, parent: str) -> pd.DataFrame:
    """Facts for the map: every filter but the county, so sibling counties stay comparable."""
    view = context.view
    prefecture = parent if parent != view.region else ""
    return filter_facts(context.all_facts, replace(view, county="", prefecture=prefecture))


def map_values(context: Context, metric: str, basis: str, level: str, parent: str
               ) -> pd.DataFrame:
    return aggregate.by_place(map_facts(context, parent), metric, level, basis)


def layer_for(context: Context, level: str, parent: str) -> dict:
    layer = geo.layer_geojson(context.view.region, level)
    if parent == context.view.region:
        return layer
    features = [f for f in layer["features"] if f["properties"]["parent_adcode"] == parent]
    return {**layer, "features": features}


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
               unit: str = "CNY", height: int = 500) -> None:
    """The map; clicking a prefecture drills down, clicking a county selects it."""
    lang, view = context.lang, context.view
    layer = layer_for(context, level, parent)
    basis = "place_total" if view.basis == "place_total" else "project"
    label = (vocab_label(context.vocab, "metrics", metric, lang) + " · "
             + t(f"basis_{basis}", lang))
    figure = choropleth_figure(
        values, layer, lang=lang, unit=unit, value_label=label,
        labels=label_points(layer, lang), selected=view.county,
        height=820 if view.present else height, present=view.present,
        units=context.vocab["units"], title=label)
    nonce = st.session_state.get("map_nonce", 0)
    event = st.plotly_chart(figure, config=PLOTLY_CONFIG, on_select="rerun",
                            selection_mode="points", key=f"map_{nonce}", width="stretch")
    st.caption(label)
    code = selected_adcode(event)
    if code and code not in (view.county, view.prefecture):
        set_view(view.with_place(code, context.places))
        st.session_state["map_nonce"] = nonce + 1
        st.rerun()


def ranked_bars(context: Context, metric: str, level: str, parent: str,
                unit: str = "CNY") -> None:
    """Places ranked by value; with basis "both", the two bases side by side, never summed."""
    lang, view = context.lang, context.view
    facts = map_facts(context, parent)
    bases = ["project", "place_total"] if view.basis == "both" else (
        ["place_total"] if view.basis == "place_total" else ["project"])
    divisor, unit_label = axis_scale(unit, lang)
    figure = go.Figure()
    order: list[str] = []
    for basis in bases:
        values = aggregate.by_place(facts, metric, level, basis)
        if values.empty:
            continue
        names = [context.place_name(c) for c in values["adcode"]]
        order += [n for n in names if n not in order]
        figure.add_bar(
            y=names, x=values["value"] / divisor, orientation="h",
            name=t(f"basis_{basis}", lang),
            text=[format_value(v, unit, lang) for v in values["value"]],
            textposition="auto",
            customdata=values["n_facts"],
            hovertemplate="%{y}: %{text} · %{customdata} " + t("facts_behind", lang)
                          + "<extra>%{fullData.name}</extra>")
    if not figure.data:
        st.info(t("no_data", lang))
        return
    figure.update_layout(
        title=t("ranked_places", lang) + " · " + vocab_label(context.vocab, "metrics", metric,
                                                               lang),
        barmode="group", height=max(320, 40 * len(order) + 120),
        yaxis={"categoryorder": "array", "categoryarray": order[::-1]},
        xaxis_title=unit_label, legend={"orientation": "h", "y": -0.2},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        font={"family": "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"})
    st.plotly_chart(figure, config=PLOTLY_CONFIG, width="stretch")
