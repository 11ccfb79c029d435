"""Data quality: where articles disagree, where there is no data, which dates are estimates,
how many facts each article gives per metric, and which rows the loader rejected."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import chrome, memo, review, tables, views
from dashboard.filters import filter_facts
from dashboard.fmt import format_value, md_escape
from dashboard.i18n import t, vocab_label
from geo.mapfig import PLOTLY_CONFIG, choropleth_figure, label_points, short_names

context = chrome.ctx()
lang, view, vocab = context.lang, context.view, context.vocab
articles = context.articles.set_index("id")

st.title(t("page_quality", lang))
views.breadcrumb(context)


def article_line(article_id: str) -> str:
    row = articles.loc[article_id]
    title = row["title_en"] if lang == "en" else row["title"]
    outlet = row["outlet_en"] if lang == "en" else row["outlet"]
    star = f" ({t('date_estimated', lang)})" if row["date_estimated"] else ""
    return f"{article_id} · {md_escape(title)} · {md_escape(outlet)} · {row['date']:%Y-%m-%d}{star}"


# 1. Conflicts between articles: both versions, each with its excerpt.
st.subheader("⚠ " + t("quality_conflicts", lang))
clashes = memo.conflicts(context.all_facts)
shown_ids = set(context.facts["fact_id"])
clashes = clashes[clashes["fact_ids"].map(lambda ids: bool(set(ids) & shown_ids))]
if clashes.empty:
    st.success(t("quality_no_conflicts", lang))
fact_units = dict(zip(context.all_facts["fact_id"], context.all_facts["unit"], strict=True))
for row in clashes.itertuples():
    # Chinese readers see the figure as written (7家); English readers get it in their units.
    shown_values = (row.raw if lang == "zh" else
                    [format_value(v, fact_units.get(f, ""), lang, vocab["units"])
                     for v, f in zip(row.values, row.fact_ids, strict=True)])
    with st.container(border=True):
        metric = vocab_label(vocab, "metrics", row.metric, lang)
        st.markdown(f"**{md_escape(row.subject)}** · {metric} · {row.year}")
        for col, raw, fact_id, article_id, excerpt in zip(
                st.columns(len(row.raw)), shown_values, row.fact_ids, row.article_ids,
                row.excerpts, strict=True):
            col.metric(article_id, raw)
            col.markdown(f"「{md_escape(excerpt)}」")
            col.caption(f"{fact_id} · {article_line(article_id)}")

# 2. Counties without any fact located in them, listed and drawn as "no data".
st.subheader(t("quality_counties", lang))
parent = view.prefecture or view.region
located = filter_facts(context.all_facts, replace(view, county=""))
missing = review.counties_without_data(located, context.places, parent)
st.caption(t("quality_counties_note", lang))
left, right = st.columns([2, 3], gap="medium")
with left:
    st.markdown(f"**{len(missing)}**: " + ("、" if lang == "zh" else ", ").join(
        context.place_name(c) for c in missing) if missing else t("none_found", lang))
with right:
    counts = located[located["county_adcode"] != ""].groupby("county_adcode").size()
    values = pd.DataFrame({"adcode": counts.index, "value": counts.to_numpy().astype(float),
                           "n_facts": counts.to_numpy()})
    layer = views.layer_for(context, "county", parent)
    # 60 county names over a province overlap into a smudge: name them only when few
    few = len(layer["features"]) <= 20
    figure = choropleth_figure(values, layer, lang=lang, unit="count",
                               value_label=t("n_results", lang),
                               title=t("quality_map_title", lang),
                               labels=(label_points(layer, lang, short_names(context.places))
                                       if few else None), height=420,
                               units=vocab["units"], present=view.present)
    st.plotly_chart(figure, config=PLOTLY_CONFIG, width="stretch", key="quality_map")

# 3. Facts whose article date is an estimate.
st.subheader(t("quality_estimated", lang))
estimated = review.estimated_dates(context.facts, context.articles)
if estimated.empty:
    st.success(t("none_found", lang))
else:
    # st.table wraps the long reasons instead of cutting them off
    st.table(pd.DataFrame({
        t("title", lang): (estimated["id"] + " · "
                           + estimated["title_en" if lang == "en" else "title"]),
        t("date", lang): estimated["date"].dt.strftime("%Y-%m-%d"),
        t("estimated_reason", lang): estimated["date_reason"],
        t("n_facts_col", lang): estimated["n_facts"].astype(str),
    }).set_index(t("title", lang)))

# 4. Counts by article and metric.
st.subheader(t("quality_pivot", lang))
pivot = review.counts_pivot(context.facts, vocab, lang, t("mentioned", lang))
if pivot.empty:
    st.info(t("no_data", lang))
else:
    table = pivot.T
    table.index.name = t("metric", lang)
    st.dataframe(table, width="stretch", height=min(700, 38 + 35 * len(table)),
                 column_config={"_index": st.column_config.TextColumn(width="medium")})

# 5. What the loader rejected or warned about.
st.subheader(t("quality_problems", lang))
if not context.problems:
    st.success(t("quality_no_problems", lang))
else:
    st.dataframe(pd.DataFrame({
        "severity": [p.severity for p in context.problems],
        "file:line": [f"{p.file}:{p.line}" for p in context.problems],
        "column": [p.column for p in context.problems],
        "value": [p.value for p in context.problems],
        "rule": [p.rule for p in context.problems],
    }), hide_index=True, width="stretch")

tables.downloads(context, context.facts, "quality")
