"""Energy view logic: which facts are about energy, one row per power station, capacity by status.

Pure functions of the facts DataFrame, tested without Streamlit. Rules they keep:
- capacity in MW is never added to tonnes of anode material: power stations and other
  energy-related production capacity are separate tables;
- operating capacity and planned / under-construction capacity are separate groups, never one
  total (a planned station is not generating power);
- a package of stations reported for a prefecture stays one row on the prefecture, with the
  counties its name mentions listed, never split between them.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import aggregate
from dashboard.fmt import axis_scale, format_value
from dashboard.i18n import t, vocab_label
from dashboard.theme import (
    FONT_FAMILY,
    INK,
    INK_MUTED,
    INK_STRONG,
    MODEBAR,
    STEADY_TICKS,
    bar_label,
    bar_row_px,
    unmeasured_bar_axes,
)

ENERGY_CLUSTERS = ("yb_new_energy", "th_new_energy")
ENERGY_WORDS = ("抽水蓄能", "电站", "负极", "石墨", "新能源")
STATION_WORDS = ("抽水蓄能", "电站")
# Status groups for capacity: what generates power now vs what is still to come.
STATUS_GROUPS = {
    "operating": ("operating", "completed", "trial"),
    "pipeline": ("planned", "signed", "under_construction"),
}
GROUP_STYLE = {
    "operating": {"color": "#1f4e79"},
    "pipeline": {"color": "rgba(255,255,255,0)", "line": {"color": "#2b8cbe", "width": 2},
                 "pattern": {"shape": "/", "fgcolor": "#2b8cbe", "size": 8, "solidity": 0.3}},
}
OTHER_CAPACITY_METRICS = ("capacity_production", "production_volume")
STATION_COLUMNS = ["project_id", "name", "place_adcode", "place_level", "status",
                   "status_group", "capacity_mw", "capacity_qualifier", "investment",
                   "investment_qualifier", "covers", "fact_ids", "article_ids", "conflict"]


def _has_word(subjects: pd.Series, words: tuple[str, ...]) -> pd.Series:
    return subjects.fillna("").str.contains("|".join(words), regex=True)


def energy_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """The energy set: projects with a power capacity, the new-energy clusters, and subjects
    about pumped storage, power stations, anode material, graphite or new energy.

    A project matched by one of its facts brings all its facts (another article may name it
    differently), so a station's investment comes along with its capacity.
    """
    matched = ((facts["metric"] == "capacity_power") | facts["cluster"].isin(ENERGY_CLUSTERS)
               | _has_word(facts["subject"], ENERGY_WORDS))
    projects = set(facts.loc[matched & (facts["project_id"] != ""), "project_id"])
    matched |= facts["project_id"].isin(projects) & (facts["project_id"] != "")
    return facts[matched.fillna(False)]


def status_group(status: str) -> str:
    for group, statuses in STATUS_GROUPS.items():
        if status in statuses:
            return group
    return "other"


def covered_places(subject: str, places: pd.DataFrame, parent: str) -> list[str]:
    """Adcodes of the counties under `parent` whose name or alias the subject mentions,
    in the order the subject names them (e.g. a package of four stations)."""
    found: list[tuple[int, str]] = []
    counties = places[(places["parent_adcode"] == parent) & (places["level"] == "county")]
    for row in counties.itertuples():
        names = [row.name_zh] + [a for a in str(row.aliases or "").split("|") if a]
        positions = [subject.find(n) for n in names if n and subject.find(n) >= 0]
        if positions:
            found.append((min(positions), row.adcode))
    return [code for _, code in sorted(found)]


def _latest(group: pd.DataFrame) -> pd.Series:
    return group.sort_values(["article_date", "fact_id"], ascending=[False, True]).iloc[0]


def stations(facts: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """One row per power-station project of the energy set: capacity (MW) and total investment
    of the same project_id, each counted once (newest article), NaN when not reported."""
    energy = energy_facts(facts)
    projects = energy[energy["project_id"] != ""]
    is_station = (projects["metric"] == "capacity_power") | _has_word(projects["subject"],
                                                                      STATION_WORDS)
    ids = list(dict.fromkeys(projects.loc[is_station, "project_id"]))
    deduped = aggregate.dedupe(projects[projects["project_id"].isin(ids)])
    rows = []
    for project_id in ids:
        group = projects[projects["project_id"] == project_id]
        head = _latest(group)
        figures = deduped[deduped["entity_id"] == project_id].set_index("metric")
        capacity = figures.loc["capacity_power"] if "capacity_power" in figures.index else None
        invest = figures.loc["investment_total"] if "investment_total" in figures.index else None
        name = max(group["subject"], key=len)
        covers = (covered_places(name, places, head["place_adcode"])
                  if head["place_level"] != "county" else [])
        rows.append({
            "project_id": project_id, "name": name, "place_adcode": head["place_adcode"],
            "place_level": head["place_level"], "status": head["status"],
            "status_group": status_group(head["status"]),
            "capacity_mw": float(capacity["value"]) if capacity is not None else float("nan"),
            "capacity_qualifier": capacity["qualifier"] if capacity is not None else "",
            "investment": float(invest["value"]) if invest is not None else float("nan"),
            "investment_qualifier": invest["qualifier"] if invest is not None else "",
            "covers": covers, "fact_ids": list(group["fact_id"]),
            "article_ids": sorted(set(group["article_id"])),
            "conflict": bool(figures["conflict"].any()) if len(figures) else False,
        })
    table = pd.DataFrame(rows, columns=STATION_COLUMNS)
    return table.sort_values(["capacity_mw", "investment"], ascending=False,
                             na_position="last", ignore_index=True)


def power_by_place(facts: pd.DataFrame, level: str, group: str) -> pd.DataFrame:
    """Capacity per place at `level` for one status group (operating or pipeline), project
    basis. A package reported for a prefecture has no county and is absent at county level."""
    statuses = STATUS_GROUPS.get(group, ())
    rows = facts[facts["status"].isin(statuses)]
    values = aggregate.by_place(rows, "capacity_power", level, "project")
    # by_place can return a phantom ("", 0) row when every figure lacks a place at this level
    return values[(values["adcode"] != "") & (values["n_facts"] > 0)].reset_index(drop=True)


def power_elsewhere(facts: pd.DataFrame, level: str, group: str) -> pd.DataFrame:
    """Capacity figures of one status group that no place at `level` holds (a package of
    stations reported for the prefecture): a row of the map's table, never split."""
    rows = facts[facts["status"].isin(STATUS_GROUPS.get(group, ()))]
    return aggregate.unallocated(rows, "capacity_power", level)


def other_capacity(facts: pd.DataFrame) -> pd.DataFrame:
    """Energy-related production capacity and output in their own units (t/yr, t…): anode
    material, graphite electrodes. Never added to MW."""
    energy = energy_facts(facts)
    rows = energy[energy["metric"].isin(OTHER_CAPACITY_METRICS)]
    # The same figure repeated by a newer article counts once; distinct figures of one project
    # (5万吨 of graphitised product and 1万吨 of anode material) both stay.
    rows = rows.sort_values(["article_date", "fact_id"], ascending=[False, True])
    rows = rows.drop_duplicates(["entity_id", "metric", "unit", "value", "qualifier"])
    return rows.sort_values(["metric", "unit", "value"], ascending=[True, True, False],
                            ignore_index=True)


def display_name(name: str, project_id: str, lang: str) -> str:
    """Subjects are Chinese as written; in English the project id (English) stands in."""
    if lang == "en" and project_id:
        return project_id.replace("_", " ").capitalize()
    return name


def place_text(place: str, covers: list[str], names: dict[str, str], lang: str) -> str:
    """A station's place, plus the counties a prefecture-level package names:
    延边州（涵盖敦化市、汪清县） / Yanbian (covers Dunhua, Wangqing)."""
    if not covers:
        return names.get(place, place)
    listed = t("list_sep", lang).join(names.get(c, c) for c in covers)
    return t("covers_place", lang).format(place=names.get(place, place), covers=listed)


def group_capacity(table: pd.DataFrame, group: str) -> float:
    """Capacity of one status group (NaN when no station of it reports one)."""
    return table.loc[table["status_group"] == group, "capacity_mw"].sum(min_count=1)


def packages_covering(table: pd.DataFrame, county: str) -> pd.DataFrame:
    """Stations reported for a prefecture whose name includes `county` (shown, not split)."""
    if not county or table.empty:
        return table.iloc[0:0]
    return table[table["covers"].map(lambda codes: county in codes)]


def status_chart(table: pd.DataFrame, vocab: dict, lang: str, present: bool = False
                 ) -> go.Figure:
    """Capacity per status, one segment per station; operating solid, planned or under
    construction outlined; a station without a reported capacity is named, not drawn as 0."""
    divisor, unit_label = axis_scale("MW", lang)
    size = 20 if present else 14
    statuses = [s for s in vocab["statuses"] if s in set(table["status"])]
    top = table.groupby("status")["capacity_mw"].sum().max() / divisor if len(table) else 0
    labels = {s: vocab_label(vocab, "statuses", s, lang) for s in statuses}
    figure = go.Figure()
    for row in table[table["capacity_mw"].notna()].itertuples():
        name = display_name(row.name, row.project_id, lang)
        figure.add_bar(
            y=[labels[row.status]], x=[row.capacity_mw / divisor], orientation="h",
            name=name, marker=GROUP_STYLE.get(row.status_group, {"color": "#999"}),
            text=[format_value(row.capacity_mw, "MW", lang, qualifier=row.capacity_qualifier)],
            textposition="outside", textangle=0, cliponaxis=False,
            textfont={"color": INK_STRONG, "size": size + 1},
            hovertemplate=f"{name}<br>%{{text}}<extra></extra>", showlegend=False)
    for row in table[table["capacity_mw"].isna()].itertuples():
        name = display_name(row.name, row.project_id, lang)
        figure.add_annotation(
            x=0, y=labels[row.status], xanchor="left", xshift=6, showarrow=False, align="left",
            text=f"{t('energy_no_capacity', lang)}:<br>{name}",
            font={"color": INK_MUTED, "size": size - 1})
    order = [labels[s] for s in statuses]
    figure.update_layout(
        barmode="stack", height=max(240, (100 if present else 70) * len(order) + 110),
        yaxis={"categoryorder": "array", "categoryarray": order[::-1],
               "tickfont": {"size": size, "color": INK}, **STEADY_TICKS},
        # "Capacity (MW)": the full metric name was cut off in the narrow chart column
        xaxis={"title": {"text": f"{t('capacity', lang)} ({unit_label})",
                         "font": {"size": size, "color": INK}},
               "range": [0, (top or 1) * 1.35], "tickfont": {"size": size - 2, "color": INK},
               **STEADY_TICKS},
        margin={"r": 20, "t": 40},  # left and bottom: unmeasured_bar_axes
        font={"family": FONT_FAMILY, "size": size, "color": INK}, modebar=MODEBAR,
        title={"text": t("energy_by_status", lang), "x": 0.01,
               "font": {"size": size + 2, "color": INK}})
    unmeasured_bar_axes(figure, order, size, size - 2)
    return figure


def other_chart(rows: pd.DataFrame, vocab: dict, lang: str, present: bool = False
                ) -> go.Figure:
    """Production capacity of the energy set in one unit (the most common one, e.g. t/yr), one
    bar per figure; output and other units stay in the table (one axis, one unit)."""
    units = vocab["units"]
    if (rows["metric"] == "capacity_production").any():
        rows = rows[rows["metric"] == "capacity_production"]
    unit = rows["unit"].mode().iloc[0]
    part = rows[rows["unit"] == unit]
    spec = units.get(unit, {})
    factor = float(spec.get(f"display_factor_{lang}", 1) or 1)
    size = 20 if present else 13
    names = [bar_label(display_name(n, p, lang), size)
             for n, p in zip(part["subject"], part["project_id"], strict=True)]
    figure = go.Figure()
    figure.add_bar(
        y=names, x=part["value"] / factor, orientation="h", marker={"color": "#5e3c99"},
        text=[format_value(v, unit, lang, units, q)
              for v, q in zip(part["value"], part["qualifier"], strict=True)],
        textposition="auto", hovertemplate="%{y}: %{text}<extra></extra>",
        # explicit inks: white inside the purple bar (8.6:1), near-black beside it
        insidetextfont={"color": "#ffffff"}, outsidetextfont={"color": INK})
    metric = vocab_label(vocab, "metrics", part["metric"].iloc[0], lang)
    figure.update_layout(
        height=max(220, bar_row_px(names, size, least=48, pad=16) * len(part) + 110),
        yaxis={"autorange": "reversed",
               "tickfont": {"size": size, "color": INK}, **STEADY_TICKS},
        xaxis={"title": {"text": f"{metric} ({spec.get(f'display_{lang}', unit)})",
                         "font": {"size": size, "color": INK}},
               "tickfont": {"size": size - 1, "color": INK}, **STEADY_TICKS},
        # the top keeps the toolbar's row clear of the first bar and its label
        margin={"r": 20, "t": 40},  # left and bottom: unmeasured_bar_axes
        font={"family": FONT_FAMILY, "size": size, "color": INK}, modebar=MODEBAR)
    unmeasured_bar_axes(figure, names, size, size - 1)
    return figure
