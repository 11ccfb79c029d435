"""Facts and sources: every figure of the current filters with its excerpt, article, outlet and
date, searchable and sortable; then the source articles with their metadata and licence."""

import streamlit as st

from dashboard import review, tabular
from dashboard.fmt import md_escape
from dashboard.i18n import localized, t
from ui import tables, widgets
from ui.context import ctx

context = ctx()
lang, view, vocab = context.lang, context.view, context.vocab

st.title(t("page_facts", lang))
widgets.breadcrumb(context)

query = st.text_input(t("search", lang), key="facts_search", help=t("search_help", lang),
                      placeholder="敦化 / Dunhua / 抽水蓄能")
rows = review.search_facts(context.facts, query)
st.caption(f"{len(rows)} / {len(context.facts)} {t('n_results', lang)}")
tables.grid(tabular.fact_search(rows, vocab, context.names, lang), height=480,
            column_config={t("date", lang): st.column_config.DateColumn(format="YYYY-MM-DD"),
                           # 14,580,000,000, not 14580000000: digits grouped, still sortable
                           t("base_value", lang): st.column_config.NumberColumn(
                               format="localized"),
                           t("name", lang): st.column_config.TextColumn(width="medium"),
                           t("excerpt", lang): st.column_config.TextColumn(width="large")},
            key="facts_table")
tables.downloads(context, rows, "facts")

st.header(t("articles_list", lang))
articles = review.region_articles(context.articles, context.places, context.regions,
                                  view.region)
counts = review.facts_per_article(context.all_facts)
grid = st.columns(2, gap="small")
for i, row in enumerate(articles.itertuples()):
    with grid[i % 2].container(border=True):
        inferred = f" :gray[({t('title_inferred', lang)})]" if row.title_inferred else ""
        st.markdown(f"**{row.id} · {md_escape(localized(row, 'title', lang))}**{inferred}")
        estimated = (f" :orange-badge[{t('date_estimated', lang)}]" if row.date_estimated
                     else "")
        st.markdown(f"{md_escape(localized(row, 'outlet', lang))} · {row.date:%Y-%m-%d}"
                    f"{estimated}")
        st.caption(f"{t('script', lang)}: {t(f'script_{row.script}', lang)} · "
                   f"{t('region', lang)}: {context.place_name(str(row.region))} · "
                   f"{int(counts.get(row.id, 0))} {t('facts_behind', lang)}")
        reason = localized(row, "date_reason", lang)
        if row.date_estimated and reason:
            st.caption(f"{t('estimated_reason', lang)}: {md_escape(reason)}")
st.markdown(f"**{t('licence', lang)}**")
for text in review.licences(articles):
    st.caption(md_escape(text))
