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
from dashboard import memo
from dashboard.chrome import Context, set_view
from dashboard.filters import filter_facts
from dashboard.fmt import axis_scale, format_value
from dashboard.i18n import t, vocab_label
from geo.mapfig import FONT_FAMILY, PLOTLY_CONFIG, short_names

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
                      disabled=last, on_click=_go, args=(target,),
                      help=None if last else t("breadcrumb_up", context.lang))
            if not last:
                st.markdown("›")


def _go(target) -> None:
    set_view(target)
    st.session_state["map_nonce"] = st.session_state.get("map_nonce", 0) + 1


def kpi_row(context: Context, metric: str) -> None:
    lang = context.lang
    numbers = memo.kpis(context.facts, metric)
    # Wider first and last columns: "CNY 99.81 bn" and a date are cut to "CNY 99.81 …" in four
    # equal columns at 1280 px; in presenter mode the row sits beside the map, two by two.
    present = context.view.present
    cols = st.columns(2 if present else [4, 2, 2, 3])
    cols = [*cols, *cols] if present else cols
    total = numbers["total"]
    cols[0].metric(vocab_label(context.vocab, "metrics", metric, lang) + " · "
                   + t("basis_project", lang).split("（")[0], format_value(total, "CNY", lang),
                   help=t("kpi_total_help", lang))
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
    return memo.by_place(map_facts(context, parent), metric, level, basis)


def layer_for(context: Context, level: str, parent: str) -> dict:
    return geo.layer_under(context.view.region, level, parent)


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
               unit: str = "CNY", height: int = 500, note: str = "") -> None:
    """The map; clicking a prefecture drills down, clicking a county selects it.

    Its title (the metric) and subtitle (the basis, then `note`, e.g. which statuses) are the
    one statement of what is mapped; the colour bar gives the unit. No caption repeats them."""
    lang, view = context.lang, context.view
    basis = "place_total" if view.basis == "place_total" else "project"
    metric_label = vocab_label(context.vocab, "metrics", metric, lang)
    basis_label = t(f"basis_{basis}", lang)
    subtitle = basis_label + (" · " + note if note else "")
    figure = memo.map_figure(
        values[["adcode", "value", "n_facts"]], view.region, level, parent, context.places,
        context.vocab["units"], lang=lang, unit=unit,
        value_label=f"{metric_label} · {basis_label}", selected=view.county,
        height=PRESENT_MAP_HEIGHT if view.present else height, present=view.present,
        title=metric_label, subtitle=subtitle)
    nonce = st.session_state.get("map_nonce", 0)
    event = st.plotly_chart(figure, config=PLOTLY_CONFIG, on_select="rerun",
                            selection_mode="points", key=f"map_{nonce}", width="stretch")
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
    short = short_names(context.places) if lang == "zh" else {}
    size = 18 if view.present else 13  # presenter mode: readable from the back of a room
    figure = go.Figure()
    order: list[str] = []
    top = 0.0
    for basis in bases:
        values = memo.by_place(facts, metric, level, basis)
        if values.empty:
            continue
        names = [short.get(c) or context.place_name(c) for c in values["adcode"]]
        order += [n for n in names if n not in order]
        top = max(top, float((values["value"] / divisor).max()))
        figure.add_bar(
            y=names, x=values["value"] / divisor, orientation="h",
            name=t(f"basis_{basis}", lang),
            text=[format_value(v, unit, lang) for v in values["value"]],
            # outside and level: inside a bar plotly shrank or turned the text sideways
            textposition="outside", textangle=0, cliponaxis=False,
            textfont={"size": size - 1, "color": "#1a1a1a"}, customdata=values["n_facts"],
            hovertemplate="%{y}: %{text} · %{customdata} " + t("facts_behind", lang)
                          + "<extra>%{fullData.name}</extra>")
    if not figure.data:
        st.info(t("no_data", lang))
        return
    ink = {"color": "#1a1a1a", "size": size}
    figure.update_layout(
        title={"text": t("ranked_places", lang) + " · "
               + vocab_label(context.vocab, "metrics", metric, lang),
               "font": {**ink, "size": size + 3}, "yref": "container", "y": 1.0,
               "yanchor": "top", "pad": {"t": 8}},
        barmode="group", height=max(320, (56 if view.present else 40) * len(order) + 150),
        yaxis={"categoryorder": "array", "categoryarray": order[::-1], "tickfont": ink},
        xaxis={"title": {"text": unit_label, "font": ink}, "tickfont": ink,
               "range": [0, (top or 1) * 1.5]},  # room for the value beside the longest bar
        # the legend under the title (room for two rows), where it cannot hit the axis title
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": ink},
        margin={"l": 10, "r": 10, "b": 10,
                "t": int(2 * size + 3 * (size + 8)) if len(figure.data) > 1 else 2 * size + 20},
        font={"family": FONT_FAMILY, **ink})
    st.plotly_chart(figure, config=PLOTLY_CONFIG, width="stretch")
