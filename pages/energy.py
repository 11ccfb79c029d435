"""Energy: power stations by status (operating vs planned/under construction), their investment,
a capacity map, and other energy-related capacity in its own units (never added to MW)."""

import streamlit as st

from dashboard import energy, tabular
from dashboard.fmt import format_value, md_escape
from dashboard.i18n import t
from ui import cache, tables, widgets
from ui.context import ctx

context = ctx()
lang, view, vocab = context.lang, context.view, context.vocab

st.title(t("page_energy", lang))


def group_control() -> str:
    return st.segmented_control(
        t("energy_map_group", lang), list(energy.STATUS_GROUPS), default="operating",
        key="energy_group", format_func=lambda g: t(f"energy_group_{g}", lang),
        label_visibility="collapsed" if view.present else "visible") or "operating"


# Breadcrumb and map switch in one row above the map (beside it in presenter mode), so the
# map starts high on a 1280×800 screen and fills a 1280×720 projector.
controls, map_col, chart_col = widgets.map_layout(context)
with controls:
    widgets.breadcrumb(context)
    group = group_control()

facts = cache.energy_facts(context.facts)
table = cache.stations(context.facts, context.places)


def kpis() -> None:
    """Four headline figures, two by two beside the map, so the map starts high."""
    cols = widgets.two_by_two()
    for col, key, value in (
            (cols[0], "energy_operating",
             format_value(energy.group_capacity(table, "operating"), "MW", lang)),
            (cols[1], "energy_pipeline",
             format_value(energy.group_capacity(table, "pipeline"), "MW", lang)),
            (cols[2], "energy_stations", len(table)),
            (cols[3], "energy_no_capacity", int(table["capacity_mw"].isna().sum()))):
        col.metric(t(key, lang), value)
    st.caption(t("energy_apart", lang))


level, parent, map_facts = widgets.map_setup(context)
region_stations = cache.stations(widgets.facts_under(context, view.prefecture or view.region),
                                  context.places)
for row in energy.packages_covering(region_stations, view.county).itertuples():
    map_col.info(f"**{t('package_touches', lang)}**: "
            f"{md_escape(energy.display_name(row.name, row.project_id, lang))} · "
            f"{energy.place_text(row.place_adcode, row.covers, context.names, lang)} · "
            f"{t('capacity', lang)} {format_value(row.capacity_mw, 'MW', lang)} · "
            f"{t('total_investment', lang)} "
            f"{format_value(row.investment, 'CNY', lang, qualifier=row.investment_qualifier)}"
            f" — {t('package_note', lang)}")

context.counted_metric = "capacity_power"
with map_col:
    shown = widgets.map_view(context, "capacity_power", unit="MW",
                             values=cache.power_by_place(map_facts, level, group),
                             elsewhere=cache.power_elsewhere(map_facts, level, group))
    widgets.choropleth(context, shown.values, level, parent, "capacity_power", unit="MW",
                       note=t(f"energy_group_{group}", lang))
    widgets.no_data_note(context, shown, "capacity_power")
with chart_col:
    kpis()
    widgets.values_table(context, shown)

if table.empty:
    st.info(t("energy_none", lang))
else:
    widgets.bar_chart(context, cache.status_chart(table, vocab, lang, view.present))

st.header(t("energy_station_table", lang))
if table.empty:
    st.info(t("energy_none", lang))
else:
    st.dataframe(tabular.stations(table, vocab, context.names, lang), hide_index=True,
                 width="stretch", column_config={
                     t("name", lang): st.column_config.TextColumn(width="medium"),
                     t("place", lang): st.column_config.TextColumn(width="medium")})
    if (table["place_level"] != "county").any():
        st.caption(t("package_note", lang))

other = cache.other_capacity(context.facts)
st.header(t("energy_other", lang))
if other.empty:
    st.info(t("no_data", lang))
else:
    widgets.bar_chart(context, cache.other_chart(other, vocab, lang, view.present))
    st.dataframe(tabular.other_capacity(other, vocab, context.names, lang), hide_index=True,
                 width="stretch",
                 column_config={t("name", lang): st.column_config.TextColumn(width="medium")})

tables.provenance(context, facts)
tables.downloads(context, facts, "energy", shown, "capacity_power")
