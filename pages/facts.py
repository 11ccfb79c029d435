"""Facts and sources: every figure of the current filters with its excerpt, article, outlet and
date, searchable and sortable; then the source articles with their metadata and licence."""

import pandas as pd
import streamlit as st

from dashboard import chrome, review, tables, views
from dashboard.fmt import format_value, md_escape
from dashboard.i18n import t, vocab_label
from loaders.reference import region_of

context = chrome.ctx()
lang, view, vocab = context.lang, context.view, context.vocab
units = vocab["units"]

st.title(t("page_facts", lang))
views.breadcrumb(context)

query = st.text_input(t("search", lang), key="facts_search", help=t("search_help", lang),
                      placeholder="敦化 / Dunhua / 抽水蓄能")
rows = review.search_facts(context.facts, query)
st.caption(f"{len(rows)} / {len(context.facts)} {t('n_results', lang)}")

# Excerpts stay in Chinese; beside them the figure and, in English, an English descriptor and
# metric, so a reader sees subject, metric, value and excerpt without scrolling sideways.
columns = {"ID": rows["fact_id"]}
if lang == "en":
    columns[t("subject_en", lang)] = [review.subject_en(r, vocab)
                                      for r in rows.to_dict("records")]
else:
    columns[t("name", lang)] = rows["subject"]
columns |= {
    t("metric", lang): [vocab_label(vocab, "metrics", m, lang) if m else t("mentioned", lang)
                        for m in rows["metric"]],
    t("value", lang): [format_value(v, u, lang, units, q) if m else "—" for v, u, q, m in
                       zip(rows["value"], rows["unit"], rows["qualifier"], rows["metric"],
                           strict=True)],
    t("excerpt", lang): rows["excerpt"],
}
if lang == "en":
    columns[t("name", lang)] = rows["subject"]
columns |= {
    t("place", lang): [context.place_name(c) for c in rows["place_adcode"]],
    t("base_value", lang): rows["value"].astype("Float64"),
    t("unit", lang): [str(units.get(u, {}).get(lang, u)) if u else "" for u in
                      rows["unit"].fillna("")],
    t("status", lang): [vocab_label(vocab, "statuses", s, lang) for s in rows["status"]],
    t("period", lang): rows["period"],
    t("article", lang): rows["article_title_en" if lang == "en" else "article_title"],
    t("outlet", lang): rows["outlet_en" if lang == "en" else "outlet"],
    t("date", lang): rows["article_date"],
}
st.dataframe(pd.DataFrame(columns), hide_index=True, width="stretch", height=480,
             column_config={t("date", lang): st.column_config.DateColumn(format="YYYY-MM-DD"),
                            t("name", lang): st.column_config.TextColumn(width="medium"),
                            t("excerpt", lang): st.column_config.TextColumn(width="large")},
             key="facts_table")
tables.downloads(context, rows, "facts")

st.subheader(t("articles_list", lang))
articles = context.articles[[region_of(str(r), context.places) == view.region
                             for r in context.articles["region"]]]
counts = context.all_facts.groupby("article_id").size()
grid = st.columns(2, gap="small")
for i, row in enumerate(articles.itertuples()):
    title = row.title_en if lang == "en" else row.title
    outlet = row.outlet_en if lang == "en" else row.outlet
    with grid[i % 2].container(border=True):
        st.markdown(f"**{row.id} · {md_escape(title)}**" + (f" :gray[({t('title_inferred', lang)})]"
                                                  if row.title_inferred else ""))
        estimated = (f" :orange-badge[{t('date_estimated', lang)}]" if row.date_estimated
                     else "")
        st.markdown(f"{md_escape(outlet)} · {row.date:%Y-%m-%d}{estimated}")
        st.caption(f"{t('script', lang)}: {t(f'script_{row.script}', lang)} · "
                   f"{t('region', lang)}: {context.place_name(str(row.region))} · "
                   f"{int(counts.get(row.id, 0))} {t('facts_behind', lang)}")
        if row.date_estimated and row.date_reason:
            st.caption(f"{t('estimated_reason', lang)}: {md_escape(row.date_reason)}")
st.markdown(f"**{t('licence', lang)}**")
for text in dict.fromkeys(str(x).strip() for x in articles["licence"].dropna()):
    st.caption(md_escape(text))
