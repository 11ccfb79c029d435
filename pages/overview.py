"""Overview: the totals the articles report for places (Yanbian's industrial output, Tonghua's
and Ji'an's project lists…), each with its excerpt one click away, and a small map."""

from dataclasses import replace

import pandas as pd
import streamlit as st

import loaders
from dashboard import chrome, review, tables, views
from dashboard.fmt import format_value, md_escape
from dashboard.i18n import t, vocab_label

context = chrome.ctx()
lang, view, vocab = context.lang, context.view, context.vocab
units = vocab["units"]

st.title(t("page_overview", lang))
views.breadcrumb(context)


def region_name(code: str) -> str:
    return loaders.REGIONS[code]["en" if lang == "en" else "zh"]


def source_line(row) -> str:
    outlet = row.outlet_en if lang == "en" else row.outlet
    title = row.article_title_en if lang == "en" else row.article_title
    star = f" ({t('date_estimated', lang)})" if row.date_estimated else ""
    return (f"「{md_escape(row.excerpt)}」 — {md_escape(title)} · {md_escape(outlet)} · "
            f"{row.article_date:%Y-%m-%d}{star}")


def card(group: dict, key: str) -> None:
    """One place's reported figures side by side (never added), sources one click away."""
    rows = group["facts"]
    with st.container(border=True):
        st.markdown(f"#### {context.place_name(group['place_adcode'])}")
        # The subject says what the figures describe (three Yantai cards would otherwise
        # look alike); it stays as written, in Chinese, in both languages.
        what = (md_escape(group["subject"]) if lang == "zh"
                else f"{vocab_label(vocab, 'scopes', 'place_total', lang)}: "
                     f"{md_escape(group['subject'])}")
        st.caption(f"{what} · {rows['period'].iloc[0]}")
        # width="content" + a wrapping row: a figure moves to the next line rather than
        # being cut to "4,0…" as in equal columns of a narrow card
        with st.container(horizontal=True, wrap=True, gap="medium"):
            for row in rows.itertuples():
                st.metric(vocab_label(vocab, "metrics", row.metric, lang),
                          format_value(row.value, row.unit, lang, units, row.qualifier),
                          width="content")
        with st.expander(t("source", lang), key=key):
            for row in rows.itertuples():
                st.markdown(f"- **{vocab_label(vocab, 'metrics', row.metric, lang)}**: "
                            + source_line(row))


groups = review.headlines(context.facts)
left, right = st.columns([3, 2], gap="medium")
with left:
    st.subheader(f"{region_name(view.region)} · {t('overview_headlines', lang)}")
    if not groups:
        st.info(t("no_data", lang))
    for start in range(0, len(groups), 2):  # row by row, so cards side by side line up
        for col, (i, group) in zip(st.columns(2, gap="small"),
                                   enumerate(groups[start:start + 2], start), strict=False):
            with col:
                card(group, f"ov_src_{i}")
with right:
    st.subheader(t("overview_map", lang))
    level, parent = views.map_level(context)
    basis = "place_total" if view.basis == "place_total" else "project"
    values = views.map_values(context, "investment_total", basis, level, parent)
    views.choropleth(context, values, level, parent, "investment_total", height=380)

all_facts = loaders.load_facts()
for code in [c for c in loaders.REGIONS if c != view.region]:
    st.divider()
    st.subheader(f"{t('overview_other_region', lang)}: {region_name(code)}")
    other_groups = review.headlines(all_facts[all_facts["region_adcode"] == code], limit=3)
    if not other_groups:
        st.info(t("no_data", lang))
    grid = st.columns(3, gap="small")
    for i, group in enumerate(other_groups):
        with grid[i % 3]:
            card(group, f"ov_other_{code}_{i}")
    st.button(f"{t('switch_region', lang)} {region_name(code)}", key=f"ov_switch_{code}",
              on_click=chrome.set_view,
              args=(replace(view, region=code, prefecture="", county="", cluster=""),))

shown = pd.concat([g["facts"] for g in groups]) if groups else context.facts.iloc[0:0]
tables.provenance(context, shown)
tables.downloads(context, shown, "overview", values, level, parent)
