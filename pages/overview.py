"""Overview: the totals the articles report for places (Yanbian's industrial output, Tonghua's
and Ji'an's project lists…), each with its excerpt one click away, and a small map."""

import streamlit as st

import loaders
from dashboard import review
from dashboard.fmt import format_value, md_escape
from dashboard.i18n import localized, region_label, t, vocab_label
from ui import cache, tables, widgets
from ui.context import ctx, set_view, with_region

context = ctx()
lang, view, vocab = context.lang, context.view, context.vocab

st.title(t("page_overview", lang))
widgets.breadcrumb(context)


def source_line(row) -> str:
    star = f" ({t('date_estimated', lang)})" if row.date_estimated else ""
    return (f"「{md_escape(row.excerpt)}」 — {md_escape(localized(row, 'article_title', lang))}"
            f" · {md_escape(localized(row, 'outlet', lang))} · {row.article_date:%Y-%m-%d}{star}")


def card(group: dict, key: str) -> None:
    """One place's reported figures side by side (never added), sources one click away."""
    rows = group["facts"]
    items = list(rows.itertuples())  # once: pandas builds every column's view per call
    with st.container(border=True):
        st.markdown(f"### {context.place_name(group['place_adcode'])}")
        # The subject says what the figures describe (three Yantai cards would otherwise look
        # alike); it stays as written, in Chinese, after the basis.
        what = t("card_subject", lang).format(
            subject=md_escape(group["subject"]),
            scope=vocab_label(vocab, "scopes", "place_total", lang))
        st.caption(f"{what} · {rows['period'].iloc[0]}")
        # width="content" + a wrapping row: a figure moves to the next line rather than being
        # cut to "4,0…" as in equal columns of a narrow card
        with st.container(horizontal=True, wrap=True, gap="medium"):
            for row in items:
                st.metric(vocab_label(vocab, "metrics", row.metric, lang),
                          format_value(row.value, row.unit, lang, context.units, row.qualifier),
                          width="content")
        with st.expander(t("source", lang), key=key):  # one list, not an element per line
            st.markdown("\n".join(f"- **{vocab_label(vocab, 'metrics', row.metric, lang)}**: "
                                   + source_line(row) for row in items))


groups = cache.headlines(context.facts)
left, right = st.columns([1, 1], gap="medium")
with left:
    st.header(f"{region_label(context.regions, view.region, lang)} · "
                 f"{t('overview_headlines', lang)}")
    if not groups:
        st.info(t("no_data", lang))
    for start in range(0, len(groups), 2):  # row by row, so cards side by side line up
        for col, (i, group) in zip(st.columns(2, gap="small"),
                                   enumerate(groups[start:start + 2], start), strict=False):
            with col:
                card(group, f"ov_src_{i}")
with right:
    st.header(t("overview_map", lang))
    shown = widgets.map_view(context, "investment_total")
    widgets.choropleth(context, shown.values, shown.level, shown.parent, "investment_total",
                       height=460, half_width=True)

all_facts = loaders.load_facts()
for code in [c for c in context.regions if c != view.region]:
    st.divider()
    name = region_label(context.regions, code, lang)
    st.header(f"{t('overview_other_region', lang)}: {name}")
    other_groups = cache.headlines(all_facts[all_facts["region_adcode"] == code], limit=3)
    if not other_groups:
        st.info(t("no_data", lang))
    grid = st.columns(3, gap="small")
    for i, group in enumerate(other_groups):
        with grid[i % 3]:
            card(group, f"ov_other_{code}_{i}")
    st.button(f"{t('switch_region', lang)} {name}", key=f"ov_switch_{code}",
              on_click=set_view, args=(with_region(view, code),))

cited = review.headline_facts(groups, context.facts)
tables.provenance(context, cited)
tables.downloads(context, cited, "overview", shown, "investment_total")
