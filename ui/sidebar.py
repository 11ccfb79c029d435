"""The sidebar: language, presenter mode, region and the filters, each option with the number
of facts it would leave, one control to clear them all, and the copy-link control."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard.i18n import LANG_NAMES, localized, region_label, t, vocab_label
from dashboard.state import BASES
from ui import cache
from ui.context import Context, clear_filters, current_view, permalink, validated, wkey


def _on_change(key: str, widget: str) -> None:
    """Apply a changed widget to the view. `widget` is the key the widget was drawn with: a
    click that rebuilt the widgets (a new generation, see ui.context.set_view) may land while
    the browser still shows the old ones, and the user's change must still count."""
    value = st.session_state[widget]
    if key == "lang" and value not in LANG_NAMES:
        return  # a segmented control can be deselected; keep the current language
    view = replace(current_view(), **{key: value if value is not None else ""})
    if key == "region":
        view = replace(view, prefecture="", county="")
    if key == "prefecture":
        view = replace(view, county="")
    st.session_state["view"] = validated(view)


def _editing(key: str) -> dict:
    """The keyword arguments that make a widget edit view field `key`: its key in this widget
    generation, and the callback told that same key."""
    widget = wkey(key)
    return {"key": widget, "on_change": _on_change, "args": (key, widget)}


def _select(label: str, key: str, options: list[str], names: dict[str, str],
            counts: pd.Series, lang: str) -> None:
    """A selectbox whose options show how many facts each would leave."""
    total = int(counts.sum())
    current = getattr(current_view(), key)
    if current and current not in options:
        options = options + [current]

    def fmt(code: str) -> str:
        n = total if code == "" else int(counts.get(code, 0))
        name = t("all", lang) if code == "" else names.get(code, code)
        return f"{name} ({n})"

    st.selectbox(label, [""] + options, index=([""] + options).index(current),
                 format_func=fmt, **_editing(key))


def _children(places: pd.DataFrame, parent: str, level: str) -> list[str]:
    return places[(places["parent_adcode"] == parent) & (places["level"] == level)][
        "adcode"].tolist()


def sidebar(context: Context) -> None:
    """Drawn on every page but in presenter mode (which hides the sidebar)."""
    view, lang, vocab = context.view, context.lang, context.vocab
    if view.present:
        return
    # count what the map shows, not every fact
    counts = cache.filter_counts(context.all_facts, view, context.counted_metric)
    with st.sidebar:
        st.segmented_control(t("language", lang), list(LANG_NAMES), default=view.lang,
                             format_func=LANG_NAMES.get, **_editing("lang"))
        st.toggle(t("present_mode", lang), value=view.present, **_editing("present"))
        # Streamlit keeps a widget's format_func as long as the session: it may hold the
        # shared region table, never the run's context (see ui.context.open_place).
        regions = context.regions
        codes = list(regions)
        st.selectbox(t("region", lang), codes, index=codes.index(view.region),
                     format_func=lambda c: region_label(regions, c, lang),
                     **_editing("region"))
        st.subheader(t("filters", lang))
        st.caption(t("filter_counts_metric_hint", lang).format(
            metric=vocab_label(vocab, "metrics", context.counted_metric, lang))
            if context.counted_metric else t("filter_counts_hint", lang))
        prefectures = _children(context.places, view.region, "prefecture")
        if prefectures:
            _select(t("prefecture", lang), "prefecture", prefectures, context.names,
                    counts["prefecture"], lang)
        counties = _children(context.places, view.prefecture or view.region, "county")
        _select(t("county", lang), "county", counties, context.names,
                counts["county"], lang)
        years = cache.years(context.all_facts, context.counted_metric)
        _select(t("year", lang), "year", years, {y: y for y in years},
                counts["year"], lang)
        clusters = [c for c, e in vocab["clusters"].items()
                    if str(e.get("region", ""))[:2] == view.region[:2]]
        _select(t("cluster", lang), "cluster", clusters,
                {c: vocab_label(vocab, "clusters", c, lang) for c in clusters},
                counts["cluster"], lang)
        statuses = list(vocab["statuses"])
        _select(t("status", lang), "status", statuses,
                {s: vocab_label(vocab, "statuses", s, lang) for s in statuses},
                counts["status"], lang)
        st.radio(t("basis", lang), list(BASES), index=list(BASES).index(view.basis),
                 format_func=lambda b: t(f"basis_{b}", lang), **_editing("basis"))
        titles = {row.id: localized(row, "title", lang) for row in context.articles.itertuples()}
        _select(t("article", lang), "article", list(titles), titles,
                counts["article"], lang)
        st.button(t("clear_filters", lang), on_click=clear_filters, args=(view,),
                  width="stretch")
        # In a popover whose content runs only when opened: the code block and its copy
        # button cost nothing until someone wants the link.
        link = st.popover(t("copy_link", lang), icon=":material/link:", width="stretch",
                          key="copy_link_open", on_change="rerun")
        with link:
            if link.open:
                st.caption(t("link_hint", lang))
                st.code(permalink(current_view()), language=None, wrap_lines=True)
