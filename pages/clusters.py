"""Industry clusters: Yanbian's ten clusters and Tonghua's cluster targets. What is reported is
drawn solid; targets are outlined and labelled, never shown as achieved output."""

import streamlit as st

from dashboard import cluster_text as text
from dashboard import clusters as cl
from dashboard.fmt import md_escape
from dashboard.i18n import t, vocab_label
from dashboard.mapfig import plotly_config
from ui import tables, widgets
from ui.context import ctx

context = ctx()
lang, view, vocab = context.lang, context.view, context.vocab
facts = context.facts

st.title(t("page_clusters", lang))
widgets.breadcrumb(context)

model = cl.cluster_view(context.facts, vocab, context.places, view.region, view.prefecture,
                       view.county, view.cluster)


def label(cluster: str) -> str:
    return vocab_label(vocab, "clusters", cluster, lang)


def figure_line(row) -> str:
    return text.figure_line(row, vocab, lang)


def statement_line(row) -> str:
    return text.statement_line(row, vocab, context.names, lang)


def target(line: str) -> str:
    return f":orange-badge[{t('target_badge', lang)}] {line}"


for row in model.statements[~model.forward].itertuples():
    st.markdown(statement_line(row))  # reported, not targets: shown apart from the goals

if not model.ids:
    st.info(t("no_clusters", lang))
else:
    options = cl.chart_metrics(model.figures)
    if options:
        metric = st.segmented_control(
            t("chart_metric", lang), options, default=options[0], key="cluster_metric",
            format_func=lambda m: vocab_label(vocab, "metrics", m, lang),
            label_visibility="collapsed" if view.present else "visible") or options[0]
        chart_labels = cl.short_labels(vocab, model.ids, context.places, lang)
        st.plotly_chart(cl.cluster_chart(model.figures, model.ids, metric, vocab, lang,
                                         chart_labels, view.present),
                        config=plotly_config(lang), width="stretch")
        st.caption(t("cluster_chart_note", lang))
    else:
        st.info(t("no_data", lang))

    targets = model.figures[model.figures["kind"] == "target"]
    goals = model.statements[model.forward]
    if len(targets) or len(goals):
        with st.container(border=True):
            st.header(t("cluster_targets", lang))
            st.caption(t("cluster_targets_note", lang))
            for row in goals.itertuples():
                st.markdown(target(statement_line(row)))
            for row in targets.itertuples():
                st.markdown(target(f"{label(row.cluster)} · {figure_line(row)}"))

    st.header(t("cluster_cards", lang))
    grid = st.columns(3, gap="small")
    for i, cluster in enumerate(model.ids):
        card = model.card(cluster)
        host = str(vocab["clusters"][cluster].get("region", ""))
        with grid[i % 3].container(border=True):
            st.markdown(f"### {label(cluster)}")
            st.caption(f"{t('host', lang)}: {context.place_name(host)}")
            if all(card[k].empty for k in ("reported", "targets", "others", "mentions")):
                st.markdown(f":gray[**{t('no_data', lang)}**]")
            for row in card["reported"].itertuples():
                st.markdown(figure_line(row))
            for row in card["targets"].itertuples():
                st.markdown(target(figure_line(row)))
            for row in card["mentions"].itertuples():
                st.markdown(target(f"「{md_escape(row.excerpt)}」"))
            if len(card["others"]):
                st.caption(f"{t('cluster_other', lang)}: {len(card['others'])}")
            if card["projects"]:
                st.caption(f"{t('cluster_projects', lang)}: {len(card['projects'])}")
            if len(card["facts"]):
                with st.expander(f"{t('excerpt', lang)} ({len(card['facts'])})"):
                    for row in card["facts"].itertuples():
                        st.markdown(text.excerpt_line(row, vocab, lang))

    tables.provenance(context, model.shown)
    tables.downloads(context, model.shown, "clusters")
