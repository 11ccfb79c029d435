"""Industry clusters: Yanbian's ten clusters and Tonghua's cluster targets. What is reported is
drawn solid; targets are outlined and labelled, never shown as achieved output."""

import streamlit as st

from dashboard import cluster_text as text
from dashboard import clusters as cl
from dashboard.fmt import md_escape
from dashboard.i18n import t, vocab_label
from ui import cache, tables, widgets
from ui.context import ctx

context = ctx()
lang, view, vocab = context.lang, context.view, context.vocab
facts = context.facts

st.title(t("page_clusters", lang))
widgets.breadcrumb(context)

model = cache.cluster_view(context.facts, vocab, context.places, view.region, view.prefecture,
                       view.county, view.cluster)


def label(cluster: str) -> str:
    return vocab_label(vocab, "clusters", cluster, lang)


def figure_line(row) -> str:
    return text.figure_line(row, vocab, lang)


def statement_line(row) -> str:
    return text.statement_line(row, vocab, context.names, lang)


def target(line: str) -> str:
    return f":orange-badge[{t('target_badge', lang)}] {line}"


def lines(items) -> str:
    """Lines as one Markdown block, one paragraph each: a card is a few elements, not one per
    line (the page has some 300 lines; each element costs the browser a render)."""
    return "\n\n".join(items)


reported = model.statements[~model.forward]
if len(reported):  # reported, not targets: shown apart from the goals
    st.markdown(lines(statement_line(row) for row in reported.itertuples()))

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
        widgets.bar_chart(context, cl.cluster_chart(model.figures, model.ids, metric, vocab,
                                                    lang, chart_labels, view.present))
        st.caption(t("cluster_chart_note", lang))
    else:
        st.info(t("no_data", lang))

    targets = model.figures[model.figures["kind"] == "target"]
    goals = model.statements[model.forward]
    if len(targets) or len(goals):
        with st.container(border=True):
            st.header(t("cluster_targets", lang))
            st.caption(t("cluster_targets_note", lang))
            st.markdown(lines([*(target(statement_line(row)) for row in goals.itertuples()),
                               *(target(f"{label(row.cluster)} · {figure_line(row)}")
                                 for row in targets.itertuples())]))

    st.header(t("cluster_cards", lang))
    grid = st.columns(3, gap="small")
    for i, cluster in enumerate(model.ids):
        card = model.cards[cluster]
        host = str(vocab["clusters"][cluster].get("region", ""))
        with grid[i % 3].container(border=True):
            st.markdown(f"### {label(cluster)}")
            st.caption(f"{t('host', lang)}: {context.place_name(host)}")
            if all(card[k].empty for k in ("reported", "targets", "others", "mentions")):
                st.markdown(f":gray[**{t('no_data', lang)}**]")
            shown = [*(figure_line(row) for row in card["reported"].itertuples()),
                     *(target(figure_line(row)) for row in card["targets"].itertuples()),
                     *(target(f"「{md_escape(row.excerpt)}」")
                       for row in card["mentions"].itertuples())]
            if shown:
                st.markdown(lines(shown))
            counts = [f"{t(key, lang)}: {n}" for key, n in (
                ("cluster_other", len(card["others"])),
                ("cluster_projects", len(card["projects"]))) if n]
            if counts:
                st.caption("  \n".join(counts))
            if len(card["facts"]):
                with st.expander(f"{t('excerpt', lang)} ({len(card['facts'])})"):
                    st.markdown(lines(text.excerpt_line(row, vocab, lang)
                                      for row in card["facts"].itertuples()))

    tables.provenance(context, model.shown)
    tables.downloads(context, model.shown, "clusters")
