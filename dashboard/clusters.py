"""Industry-cluster view logic: what each cluster reports, kept apart from what it aims for.

Pure functions (tested without Streamlit). Rules:
- a target (status target, or qualifier target/expected) is never shown as achieved output:
  figures carry `kind` "reported" or "target" and the chart draws targets as outlined bars;
- a cluster's own total (scope cluster_total/place_total) and the sum of its projects are two
  bases, never added; several totals for one cluster are not added (the largest is shown);
- targets are never summed; rates and shares are never summed;
- a cluster without figures has no row here, so the page says "no data", never 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import aggregate
from dashboard.fmt import axis_scale, format_value
from dashboard.i18n import t, vocab_label
from dashboard.theme import (
    FONT_FAMILY,
    INK,
    INK_MUTED,
    MODEBAR,
    STEADY_TICKS,
    bar_label,
    bar_row_px,
    unmeasured_bar_axes,
)
from loaders.reference import region_of

# Metrics that may be summed over a cluster's projects (money and counts of one kind).
CLUSTER_METRICS = ("output_value", "added_value", "revenue", "tax", "investment_total",
                   "investment_completed", "enterprise_count", "project_count")
FORWARD_QUALIFIERS = ("target", "expected")
STATEMENT_METRICS = ("cluster_count", "chain_count")
FIGURE_COLUMNS = ["cluster", "metric", "unit", "basis", "kind", "value", "qualifier",
                  "n_facts", "n_projects", "fact_ids", "conflict"]
COLORS = {"cluster_total": "#1f4e79", "project": "#6baed6", "target": "#d95f02"}


def region_clusters(vocab: Mapping, region: str, places: pd.DataFrame) -> list[str]:
    """Cluster ids whose host place lies in `region`, in vocabulary order."""
    return [c for c, entry in vocab.get("clusters", {}).items()
            if region_of(str(entry.get("region", "")), places, {region}) == region]


def visible_clusters(vocab: Mapping, places: pd.DataFrame, facts: pd.DataFrame, region: str,
                     prefecture: str = "", county: str = "", cluster: str = "") -> list[str]:
    """The clusters a page shows under the filters: the region's, or the prefecture's, or (for
    a county) those with a fact there; a chosen cluster alone."""
    ids = region_clusters(vocab, region, places)
    if cluster:
        return [c for c in ids if c == cluster]
    if prefecture:
        ids = [c for c in ids if str(vocab["clusters"][c].get("region", "")) == prefecture]
    if county:
        present = set(facts["cluster"])
        ids = [c for c in ids if c in present]
    return ids


def is_forward(facts: pd.DataFrame) -> pd.Series:
    """Targets and expectations: status target, or qualifier target/expected."""
    return (facts["status"] == "target") | facts["qualifier"].isin(FORWARD_QUALIFIERS)


def cluster_figures(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster × metric × unit × basis × kind, for CLUSTER_METRICS."""
    rows = aggregate.dedupe(facts[(facts["cluster"] != "") & facts["metric"].isin(CLUSTER_METRICS)])
    if rows.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    rows = rows.assign(
        basis=rows["scope"].map(lambda s: "project" if s == "project" else "cluster_total"),
        kind=is_forward(rows).map({True: "target", False: "reported"}))
    out = []
    for key, group in rows.groupby(["cluster", "metric", "unit", "basis", "kind"], sort=False):
        summed = key[3] == "project" and key[4] == "reported"
        qualifiers = set(group["qualifier"])
        if summed:
            value = float(group["value"].sum())
            qualifier = qualifiers.pop() if len(qualifiers) == 1 else (
                "at_least" if "at_least" in qualifiers else "")
            qualifier = "" if qualifier == "exact" else qualifier
        else:
            top = group.sort_values("value", ascending=False).iloc[0]
            value, qualifier = float(top["value"]), top["qualifier"]
        out.append(dict(zip(FIGURE_COLUMNS, [*key, value, qualifier, len(group),
                                              group.loc[group["scope"] == "project",
                                                        "entity_id"].nunique(),
                                              list(group["fact_id"]),
                                              bool(group["conflict"].any())], strict=True)))
    return pd.DataFrame(out, columns=FIGURE_COLUMNS)


def other_figures(facts: pd.DataFrame, cluster: str) -> pd.DataFrame:
    """A cluster's figures that are listed one by one, never summed (rates, areas, capacity)."""
    rows = facts[(facts["cluster"] == cluster) & (facts["metric"] != "")
                 & ~facts["metric"].isin(CLUSTER_METRICS)]
    rows = rows.sort_values(["article_date", "fact_id"], ascending=[False, True])
    return rows.drop_duplicates(["entity_id", "metric", "unit", "value"])


def target_mentions(facts: pd.DataFrame, cluster: str) -> pd.DataFrame:
    """Targets stated in words only (e.g. one of "3个千亿级产业集群"): no metric, an excerpt."""
    return facts[(facts["cluster"] == cluster) & (facts["metric"] == "") & is_forward(facts)]


def mentioned_projects(facts: pd.DataFrame, cluster: str) -> list[str]:
    rows = facts[(facts["cluster"] == cluster) & (facts["scope"] == "project")
                 & (facts["entity_id"] != "") & ~is_forward(facts)]
    names = rows.sort_values("fact_id").groupby("entity_id", sort=False)["subject"].first()
    return list(names)


def cluster_statements(facts: pd.DataFrame) -> pd.DataFrame:
    """Statements about clusters as a whole (how many clusters of what size), e.g. the target
    "3个千亿级产业集群": facts with a cluster-count metric, whatever their cluster."""
    return facts[facts["metric"].isin(STATEMENT_METRICS)].sort_values("fact_id")


def chart_metrics(figures: pd.DataFrame) -> list[str]:
    """Metrics with at least one figure, most widely reported first (ties: vocabulary order)."""
    if figures.empty:
        return []
    counts = figures.groupby("metric")["cluster"].nunique()
    return sorted(counts.index, key=lambda m: (-counts[m], CLUSTER_METRICS.index(m)))


def chart_rows(figures: pd.DataFrame, clusters: list[str], metric: str) -> pd.DataFrame:
    """Bars for one metric: each cluster's figures (one per basis/kind) and its sort key;
    clusters with nothing for this metric get value NaN (drawn as "no data")."""
    rows = figures[figures["metric"] == metric]
    if rows["unit"].nunique() > 1:  # one axis, one unit: keep the most common
        rows = rows[rows["unit"] == rows["unit"].mode().iloc[0]]
    best = rows.groupby("cluster")["value"].max()
    missing = [c for c in clusters if c not in best.index]
    empty = pd.DataFrame({"cluster": missing, "metric": metric, "value": float("nan")})
    out = pd.concat([rows, empty], ignore_index=True) if missing else rows.copy()
    out["sort"] = out["cluster"].map(best).fillna(-1.0)
    return out.sort_values(["sort", "cluster"], ascending=[False, True], ignore_index=True)


def _scale(unit: str, lang: str, units: Mapping | None) -> tuple[float, str]:
    divisor, label = axis_scale(unit, lang)
    if divisor == 1 and units and unit in units:
        spec = units[unit]
        divisor = float(spec.get(f"display_factor_{lang}", 1) or 1)
        label = str(spec.get(f"display_{lang}", unit)) or str(spec.get(lang, unit))
    return divisor, label


def short_labels(vocab: Mapping, clusters: list[str], places: pd.DataFrame, lang: str
                 ) -> dict[str, str]:
    """Cluster names, prefixed with their host's short name when clusters of several hosts are
    shown together (Yanbian's 新能源产业集群 and Tonghua's 新能源产业 are different clusters)."""
    names = {c: vocab_label(vocab, "clusters", c, lang) for c in clusters}
    hosts = {c: str(vocab["clusters"][c].get("region", "")) for c in clusters}
    if len(set(hosts.values())) < 2:
        return names
    short = {}
    for row in places[places["adcode"].isin(set(hosts.values()))].itertuples():
        aliases = [a for a in str(row.aliases or "").split("|") if a]
        short[row.adcode] = row.name_en if lang == "en" else (aliases[0] if aliases
                                                              else row.name_zh)
    return {c: f"{short.get(hosts[c], hosts[c])} · {names[c]}" for c in clusters}


def cluster_chart(figures: pd.DataFrame, clusters: list[str], metric: str, vocab: Mapping,
                  lang: str, labels: Mapping[str, str] | None = None,
                  present: bool = False) -> go.Figure:
    """Sorted horizontal bars: solid for reported figures (cluster total dark, project sum
    light), outlined and hatched for targets; "no data" written where nothing is reported."""
    rows = chart_rows(figures, clusters, metric)
    unit = next((u for u in rows["unit"].dropna() if u), "CNY")
    units = vocab.get("units", {})
    divisor, unit_label = _scale(unit, lang, units)
    size = 20 if present else 14
    names = {c: bar_label((labels or {}).get(c) or vocab_label(vocab, "clusters", c, lang), size)
             for c in rows["cluster"]}
    order = list(dict.fromkeys(names[c] for c in rows["cluster"]))
    figure = go.Figure()
    for basis, kind, style in (("cluster_total", "reported", "cluster_total"),
                               ("project", "reported", "project"),
                               (None, "target", "target")):
        part = rows[(rows["kind"] == kind) & ((rows["basis"] == basis) if basis else True)]
        if part.empty:
            continue
        label = (t("target_label", lang) if kind == "target"
                 else t(f"cluster_basis_{basis}", lang))
        marker = ({"color": "rgba(255,255,255,0)", "line": {"color": COLORS["target"],
                                                            "width": 2},
                   "pattern": {"shape": "/", "fgcolor": COLORS["target"], "size": 8,
                               "solidity": 0.25}}
                  if kind == "target" else {"color": COLORS[style]})
        figure.add_bar(
            y=[names[c] for c in part["cluster"]], x=part["value"] / divisor, orientation="h",
            name=label, marker=marker, textposition="outside", cliponaxis=False,
            textfont={"size": size, "color": INK},
            text=[format_value(v, unit, lang, units, q) for v, q in
                  zip(part["value"], part["qualifier"], strict=True)],
            hovertemplate="%{y}: %{text}<extra>" + label + "</extra>")
    no_data = rows[rows["value"].isna()]
    for cluster in no_data["cluster"]:
        figure.add_annotation(x=0, y=names[cluster], text=t("no_data", lang), showarrow=False,
                              xanchor="left", font={"color": INK_MUTED, "size": size - 1})
    metric_label = vocab_label(vocab, "metrics", metric, lang)
    figure.update_layout(
        barmode="group",
        height=max(300, bar_row_px(order, size, least=46 if present else 34, pad=8) * len(order)
                   + 140),
        yaxis={"categoryorder": "array", "categoryarray": order[::-1],
               "tickfont": {"size": size, "color": INK}, **STEADY_TICKS},
        xaxis={"title": {"text": f"{metric_label} ({unit_label})" if unit_label
                         else metric_label, "font": {"size": size, "color": INK}},
               "rangemode": "tozero", "tickfont": {"size": size - 2, "color": INK},
               **STEADY_TICKS},
        # From the chart's left edge, not the bars': on a phone the labels take half the
        # width, and a legend starting at the bars wrapped under the chart's toolbar.
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "xref": "container",
                "font": {"size": size, "color": INK}},
        margin={"r": 90, "t": 40},  # left and bottom: unmeasured_bar_axes
        font={"family": FONT_FAMILY, "size": size, "color": INK}, modebar=MODEBAR,
        bargap=0.25)
    unmeasured_bar_axes(figure, order, size, size - 2)
    return figure


@dataclass
class ClusterView:
    """What the clusters page shows under the filters, prepared in one place."""

    ids: list[str]  # the clusters shown, in card order (those with figures first)
    facts: pd.DataFrame  # the facts of those clusters
    figures: pd.DataFrame  # cluster_figures of them
    statements: pd.DataFrame  # statements about clusters as a whole
    forward: pd.Series  # which statements are targets
    shown: pd.DataFrame  # every fact the page cites (provenance, downloads)
    cards: dict[str, dict]  # each cluster's card (see `card`)


def card(facts: pd.DataFrame, figures: pd.DataFrame, cluster: str
         ) -> dict[str, pd.DataFrame | list[str]]:
    """One cluster's card: reported figures, targets, target mentions, other figures,
    mentioned projects and every fact (for its excerpt list)."""
    own = figures[figures["cluster"] == cluster]
    return {"reported": own[own["kind"] == "reported"],
            "targets": own[own["kind"] == "target"],
            "mentions": target_mentions(facts, cluster),
            "others": other_figures(facts, cluster),
            "projects": mentioned_projects(facts, cluster),
            "facts": facts[facts["cluster"] == cluster]}


def cluster_view(facts: pd.DataFrame, vocab: Mapping, places: pd.DataFrame, region: str,
                 prefecture: str = "", county: str = "", cluster: str = "") -> ClusterView:
    ids = visible_clusters(vocab, places, facts, region, prefecture, county, cluster)
    cluster_facts = facts[facts["cluster"].isin(ids)]
    figures = cluster_figures(cluster_facts)
    statements = cluster_statements(facts)
    with_figures = set(figures["cluster"])
    ids = sorted(ids, key=lambda c: (c not in with_figures, ids.index(c)))
    cited = set(cluster_facts["fact_id"]) | set(statements["fact_id"])
    return ClusterView(ids=ids, facts=cluster_facts, figures=figures, statements=statements,
                       forward=is_forward(statements),
                       shown=facts[facts["fact_id"].isin(cited)],
                       cards={c: card(cluster_facts, figures, c) for c in ids})
