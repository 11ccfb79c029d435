"""Industry clusters: Yanbian's ten clusters and Tonghua's cluster targets. What is reported is
drawn solid; targets are outlined and labelled, never shown as achieved output."""

import streamlit as st

from dashboard import clusters as cl
from dashboard.i18n import t, vocab_label
from ui import cache, tables, widgets
from ui.context import ctx

context = ctx()
lang, view, vocab = context.lang, context.view, context.vocab
where = (context.facts, vocab, context.places, view.region, view.prefecture, view.county,
         view.cluster)

st.title(t("page_clusters", lang))
widgets.breadcrumb(context)

model = cache.cluster_view(*where)
text = cache.cluster_page_text(*where, lang)

if text.reported:  # reported, not targets: shown apart from the goals
    st.markdown(text.reported)

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
        widgets.bar_chart(context, cache.cluster_chart(model.figures, model.ids, metric, vocab,
                                                       lang, chart_labels, view.present))
        st.caption(t("cluster_chart_note", lang))
    else:
        st.info(t("no_data", lang))

    if text.targets:
        with st.container(border=True):
            st.header(t("cluster_targets", lang))
            st.caption(t("cluster_targets_note", lang))
            st.markdown(text.targets)

    st.header(t("cluster_cards", lang))
    grid = st.columns(3, gap="small")
    for i, card in enumerate(text.cards):
        with grid[i % 3].container(border=True):
            st.markdown(card.body)
            if card.excerpts:
                with st.expander(card.excerpts_label):
                    st.markdown(card.excerpts)

    tables.provenance(context, model.shown)
    tables.downloads(context, model.shown, "clusters")
