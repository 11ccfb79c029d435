"""Energy: power stations by status (operating vs planned/under construction), their investment,
a capacity map, and other energy-related capacity in its own units (never added to MW)."""

import pandas as pd
import streamlit as st

from dashboard import chrome, energy, tables, views
from dashboard.fmt import format_value, md_escape
from dashboard.i18n import t, vocab_label
from geo.mapfig import PLOTLY_CONFIG

context = chrome.ctx()
lang, view, vocab = context.lang, context.view, context.vocab
units = vocab["units"]

st.title(t("page_energy", lang))


def group_control() -> str:
    return st.segmented_control(
        t("energy_map_group", lang), list(energy.STATUS_GROUPS), default="operating",
        key="energy_group", format_func=lambda g: t(f"energy_group_{g}", lang),
        label_visibility="collapsed" if view.present else "visible") or "operating"


# Presenter mode: breadcrumb and map switch in one row, so the map fits a 1280×720 projector.
with st.container(horizontal=view.present, vertical_alignment="bottom",
                  gap="large" if view.present else "small"):
    views.breadcrumb(context)
    group = group_control() if view.present else ""

facts = energy.energy_facts(context.facts)
table = energy.stations(context.facts, context.places)


def capacity(group: str) -> str:
    values = table.loc[table["status_group"] == group, "capacity_mw"]
    return format_value(values.sum(min_count=1), "MW", lang)


def place_text(row) -> str:
    """The station's place, plus the counties a prefecture-level package names."""
    text = context.place_name(row.place_adcode)
    if not row.covers:
        return text
    names = ("、" if lang == "zh" else ", ").join(context.place_name(c) for c in row.covers)
    return (f"{text}（{t('covers', lang)}{names}）" if lang == "zh"
            else f"{text} ({t('covers', lang)} {names})")


def kpis() -> None:
    """Four headline figures: a row on the page; two by two beside the map in presenter mode,
    so the map fits under the presenter bar."""
    cols = st.columns(2 if view.present else 4)
    cols = [*cols, *cols] if view.present else cols
    cols[0].metric(t("energy_operating", lang), capacity("operating"))
    cols[1].metric(t("energy_pipeline", lang), capacity("pipeline"))
    cols[2].metric(t("energy_stations", lang), len(table))
    cols[3].metric(t("energy_no_capacity", lang), int(table["capacity_mw"].isna().sum()))
    st.caption(t("energy_apart", lang))


if not view.present:
    kpis()

region_stations = energy.stations(views.map_facts(context, view.prefecture or view.region),
                                  context.places)
for row in energy.packages_covering(region_stations, view.county).itertuples():
    name = energy.display_name(row.name, row.project_id, lang)
    st.info(f"**{t('package_touches', lang)}**: {md_escape(name)} · {place_text(row)} · "
            f"{t('capacity', lang)} "
            f"{format_value(row.capacity_mw, 'MW', lang)} · {t('total_investment', lang)} "
            f"{format_value(row.investment, 'CNY', lang, qualifier=row.investment_qualifier)}"
            f" — {t('package_note', lang)}")

map_col, chart_col = st.columns([3, 2], gap="medium")
with map_col:
    group = group or group_control()
    level, parent = views.map_level(context)
    map_source = views.map_facts(context, parent)
    values = energy.power_by_place(map_source, level, group)
    views.choropleth(context, values, level, parent, "capacity_power", unit="MW",
                     note=t(f"energy_group_{group}", lang))
    if level == "county":
        hidden = energy.stations(map_source, context.places)
        hidden = hidden[(hidden["status_group"] == group) & (hidden["place_level"] != "county")
                        & hidden["capacity_mw"].notna()]
        for row in hidden.itertuples():
            st.caption(f"{t('unallocated', lang)}: "
                       f"{md_escape(energy.display_name(row.name, row.project_id, lang))} · "
                       f"{format_value(row.capacity_mw, 'MW', lang)} · {place_text(row)}")
with chart_col:
    if view.present:
        kpis()
    if table.empty:
        st.info(t("energy_none", lang))
    else:
        st.plotly_chart(energy.status_chart(table, vocab, lang, view.present), config=PLOTLY_CONFIG,
                        width="stretch")

st.subheader(t("energy_station_table", lang))
if table.empty:
    st.info(t("energy_none", lang))
else:
    shown = pd.DataFrame({
        t("name", lang): [energy.display_name(n, p, lang) for n, p in
                          zip(table["name"], table["project_id"], strict=True)],
        t("status", lang): [vocab_label(vocab, "statuses", s, lang) for s in table["status"]],
        t("capacity", lang): [format_value(v, "MW", lang, qualifier=q) for v, q in
                              zip(table["capacity_mw"], table["capacity_qualifier"],
                                  strict=True)],
        t("total_investment", lang): [format_value(v, "CNY", lang, qualifier=q) for v, q in
                                      zip(table["investment"], table["investment_qualifier"],
                                          strict=True)],
        t("place", lang): [place_text(row) for row in table.itertuples()],
        t("source", lang): [", ".join(a) for a in table["article_ids"]],
        t("conflict", lang): ["⚠" if c else "" for c in table["conflict"]],
    })
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        t("name", lang): st.column_config.TextColumn(width="medium"),
        t("place", lang): st.column_config.TextColumn(width="medium")})
    if (table["place_level"] != "county").any():
        st.caption(t("package_note", lang))

other = energy.other_capacity(context.facts)
st.subheader(t("energy_other", lang))
if other.empty:
    st.info(t("no_data", lang))
else:
    st.plotly_chart(energy.other_chart(other, vocab, lang, view.present), config=PLOTLY_CONFIG,
                    width="stretch")
    st.dataframe(pd.DataFrame({
        t("name", lang): [energy.display_name(n, p, lang) for n, p in
                          zip(other["subject"], other["project_id"], strict=True)],
        t("value", lang): [format_value(v, u, lang, units, q) for v, u, q in
                           zip(other["value"], other["unit"], other["qualifier"], strict=True)],
        t("place", lang): [context.place_name(c) for c in other["place_adcode"]],
        t("metric", lang): [vocab_label(vocab, "metrics", m, lang) for m in other["metric"]],
        t("status", lang): [vocab_label(vocab, "statuses", s, lang) for s in other["status"]],
        t("excerpt", lang): other["excerpt"],
    }), hide_index=True, width="stretch",
        column_config={t("name", lang): st.column_config.TextColumn(width="medium")})

tables.provenance(context, facts)
tables.downloads(context, facts, "energy", values, level, parent)
