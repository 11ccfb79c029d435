"""Industry clusters: Yanbian's ten clusters and Tonghua's cluster targets. What is reported is
drawn solid; targets are outlined and labelled, never shown as achieved output."""

import streamlit as st

from dashboard import chrome, tables, views
from dashboard import clusters as cl
from dashboard.fmt import format_value, md_escape
from dashboard.i18n import t, vocab_label
from geo.mapfig import PLOTLY_CONFIG

context = chrome.ctx()
lang, view, vocab = context.lang, context.view, context.vocab
units = vocab["units"]
facts = context.facts

st.title(t("page_clusters", lang))
views.breadcrumb(context)

ids = cl.visible_clusters(vocab, context.places, facts, view.region, view.prefecture,
                          view.county, view.cluster)
cluster_facts = facts[facts["cluster"].isin(ids)]
figures = cl.cluster_figures(cluster_facts)
statements = cl.cluster_statements(facts)


def label(cluster: str) -> str:
    return vocab_label(vocab, "clusters", cluster, lang)


def figure_line(row) -> str:
    value = format_value(row.value, row.unit, lang, units, row.qualifier)
    if row.kind == "target":
        basis = t(f"cluster_basis_{row.basis}_target", lang)
    else:
        basis = t(f"cluster_basis_{row.basis}", lang)
    if row.basis == "project" and row.kind == "reported":
        word = t("n_projects", lang)
        n = row.n_projects
        basis += (f" · {n}{word}" if lang == "zh"
                  else f" · {n} {word.rstrip('s') if n == 1 else word}")
    flag = " ⚠ " + t("conflict", lang) if row.conflict else ""
    colon = "：" if lang == "zh" else ": "
    return f"{vocab_label(vocab, 'metrics', row.metric, lang)}{colon}**{value}** ({basis}){flag}"


def excerpt_line(row) -> str:
    """One fact in a card's excerpt list: subject, figure (if any), excerpt, article."""
    figure_text = ""
    if row.metric:
        value = format_value(row.value, row.unit, lang, units, row.qualifier)
        figure_text = f" · {vocab_label(vocab, 'metrics', row.metric, lang)} {value}"
    return (f"- **{md_escape(row.subject)}**{figure_text} 「{md_escape(row.excerpt)}」 · "
            f"{row.article_id}")


def statement_line(row) -> str:
    """A statement about a place's clusters as a whole ("十大产业集群", "21条产业链")."""
    value = format_value(row.value, row.unit, lang, units, row.qualifier)
    what = (md_escape(row.subject) if lang == "zh" else
            f"{context.place_name(row.place_adcode)} · "
            f"{vocab_label(vocab, 'metrics', row.metric, lang)}")
    colon = "：" if lang == "zh" else ": "
    return f"{what}{colon}**{value}** — 「{md_escape(row.excerpt)}」"


forward = cl.is_forward(statements)
for row in statements[~forward].itertuples():
    st.markdown(statement_line(row))  # reported, not targets: shown apart from the goals

if not ids:
    st.info(t("no_clusters", lang))
else:
    options = cl.chart_metrics(figures)
    if options:
        metric = st.segmented_control(
            t("chart_metric", lang), options, default=options[0], key="cluster_metric",
            format_func=lambda m: vocab_label(vocab, "metrics", m, lang)) or options[0]
        chart_labels = cl.short_labels(vocab, ids, context.places, lang)
        st.plotly_chart(cl.cluster_chart(figures, ids, metric, vocab, lang, chart_labels,
                                         view.present),
                        config=PLOTLY_CONFIG, width="stretch")
        st.caption(t("cluster_chart_note", lang))
    else:
        st.info(t("no_data", lang))

    targets = figures[figures["kind"] == "target"]
    goal_facts = statements[forward]
    if len(targets) or len(goal_facts):
        with st.container(border=True):
            st.subheader(t("cluster_targets", lang))
            st.caption(t("cluster_targets_note", lang))
            for row in goal_facts.itertuples():
                st.markdown(f":orange-badge[{t('target_badge', lang)}] " + statement_line(row))
            for row in targets.itertuples():
                st.markdown(f":orange-badge[{t('target_badge', lang)}] {label(row.cluster)} · "
                            + figure_line(row))

    st.subheader(t("cluster_cards", lang))
    order = sorted(ids, key=lambda c: (c not in set(figures["cluster"]), ids.index(c)))
    grid = st.columns(3, gap="small")
    for i, cluster in enumerate(order):
        own = figures[figures["cluster"] == cluster]
        reported, aims = own[own["kind"] == "reported"], own[own["kind"] == "target"]
        others = cl.other_figures(cluster_facts, cluster)
        mentions = cl.target_mentions(cluster_facts, cluster)
        projects = cl.mentioned_projects(cluster_facts, cluster)
        host = str(vocab["clusters"][cluster].get("region", ""))
        with grid[i % 3].container(border=True):
            st.markdown(f"#### {label(cluster)}")
            st.caption(f"{t('host', lang)}: {context.place_name(host)}")
            if reported.empty and aims.empty and others.empty and mentions.empty:
                st.markdown(f":gray[**{t('no_data', lang)}**]")
            for row in reported.itertuples():
                st.markdown(figure_line(row))
            for row in aims.itertuples():
                st.markdown(f":orange-badge[{t('target_badge', lang)}] " + figure_line(row))
            for row in mentions.itertuples():
                st.markdown(f":orange-badge[{t('target_badge', lang)}] "
                            f"「{md_escape(row.excerpt)}」")
            if len(others):
                st.caption(f"{t('cluster_other', lang)}: {len(others)}")
            if projects:
                st.caption(f"{t('cluster_projects', lang)}: {len(projects)}")
            rows = cluster_facts[cluster_facts["cluster"] == cluster]
            if len(rows):
                with st.expander(f"{t('excerpt', lang)} ({len(rows)})"):
                    for row in rows.itertuples():
                        st.markdown(excerpt_line(row))

    shown = cluster_facts
    if len(statements):
        shown = facts[facts["fact_id"].isin(set(cluster_facts["fact_id"])
                                            | set(statements["fact_id"]))]
    tables.provenance(context, shown)
    tables.downloads(context, shown, "clusters")
