"""Data quality: where articles disagree, where there is no data, which dates are estimates,
how many facts each article gives per metric, and which rows the loader rejected."""

import streamlit as st

from dashboard import review, tabular
from dashboard.fmt import md_escape
from dashboard.i18n import t, vocab_label
from ui import cache, tables, widgets
from ui.context import ctx

context = ctx()
lang, view, vocab = context.lang, context.view, context.vocab

st.title(t("page_quality", lang))
widgets.breadcrumb(context)

# 1. Conflicts between articles: both versions, each with its excerpt.
st.header("⚠ " + t("quality_conflicts", lang))
clashes = review.conflicts_shown(cache.conflicts(context.all_facts), context.facts)
if clashes.empty:
    st.success(t("quality_no_conflicts", lang))
for row in clashes.itertuples():
    figures = review.conflict_figures(row, context.all_facts, context.units, lang)
    with st.container(border=True):
        st.markdown(f"**{md_escape(row.subject)}** · "
                    f"{vocab_label(vocab, 'metrics', row.metric, lang)} · {row.year}")
        for col, figure, fact_id, article_id, excerpt in zip(
                st.columns(len(row.raw)), figures, row.fact_ids, row.article_ids,
                row.excerpts, strict=True):
            col.metric(article_id, figure)
            col.markdown(f"「{md_escape(excerpt)}」")
            col.caption(f"{fact_id} · "
                        + md_escape(review.article_line(context.articles, article_id, lang)))

# 2. Counties without any fact located in them, listed and drawn as "no data".
st.header(t("quality_counties", lang))
parent = view.prefecture or view.region
located = widgets.facts_under(context, parent)
missing = review.counties_without_data(located, context.places, parent)
st.caption(t("quality_counties_note", lang))
left, right = st.columns([2, 3], gap="medium")
with left:
    names = t("list_sep", lang).join(context.place_name(c) for c in missing)
    st.markdown(f"**{len(missing)}**: {names}" if missing else t("none_found", lang))
with right:
    widgets.choropleth(context, review.facts_per_county(located), "county", parent, "",
                       unit="fact", height=420, key="quality_map",
                       title=t("quality_map_title", lang), clickable=False)

# 3. Facts whose article date is an estimate.
st.header(t("quality_estimated", lang))
estimated = review.estimated_dates(context.facts, context.articles)
if estimated.empty:
    st.success(t("none_found", lang))
else:
    st.table(tabular.estimated_dates(estimated, lang))  # st.table wraps the long reasons

# 4. Counts by article and metric.
st.header(t("quality_pivot", lang))
pivot = review.counts_pivot(context.facts, vocab, lang, t("mentioned", lang))
if pivot.empty:
    st.info(t("no_data", lang))
else:
    table = pivot.T
    table.index.name = t("metric", lang)
    tables.grid(table, hide_index=False, height=min(700, 38 + 35 * len(table)),
                column_config={"_index": st.column_config.TextColumn(width="medium")})

# 5. What the loader rejected or warned about.
st.header(t("quality_problems", lang))
if not context.problems:
    st.success(t("quality_no_problems", lang))
else:
    tables.grid(tabular.problems(context.problems))

tables.downloads(context, context.facts, "quality")
