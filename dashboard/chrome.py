"""Shared chrome: URL state, sidebar filters, language, presenter mode, attribution.

Rendered once per run by app.py, before the page. The canonical view lives in
st.session_state["view"]; widgets are seeded from it each run and write back through
callbacks; at the end of the run the view is written to the URL, so every view is a permalink.
Pages read the prepared context with `ctx()` and only lay out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

import loaders
from dashboard.filters import cleared, filter_facts, option_counts
from dashboard.fmt import md_escape
from dashboard.i18n import place_labels, t, vocab_label
from dashboard.state import BASES, ViewState, parse_query, to_query

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Context:
    view: ViewState
    facts: pd.DataFrame  # filtered by every sidebar filter
    all_facts: pd.DataFrame  # the region's facts, unfiltered
    places: pd.DataFrame
    vocab: dict
    articles: pd.DataFrame
    problems: list
    lang: str
    notices: list[str]
    # The first run of a map page in a new browser tab: the page draws down to its map and
    # leaves the rest to the next run (dashboard/progressive.py); app.py sets it.
    deferred: bool = False
    names: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Built once per run: tables name a place per row (hundreds of lookups per page).
        self.names = place_labels(self.places, self.lang)

    def place_name(self, adcode: str) -> str:
        return self.names.get(adcode, adcode)


def _view() -> ViewState:
    return st.session_state["view"]


def set_view(view: ViewState) -> None:
    """Change the view from code (map click, breadcrumb, presenter step, clear).

    Widgets are keyed by a generation number, so bumping it recreates them showing the new
    view instead of fighting their remembered values.
    """
    st.session_state["view"] = view
    st.session_state["widget_gen"] = st.session_state.get("widget_gen", 0) + 1


def wkey(key: str) -> str:
    return f"f_{key}_{st.session_state.get('widget_gen', 0)}"


def _on_change(key: str) -> None:
    value = st.session_state[wkey(key)]
    if key == "lang" and value not in ("zh", "en"):
        return  # a segmented control can be deselected; keep the current language
    view = replace(_view(), **{key: value if value is not None else ""})
    if key == "region":
        view = replace(view, prefecture="", county="")
    if key == "prefecture":
        view = replace(view, county="")
    st.session_state["view"] = _validated(view)


def _validated(view: ViewState) -> ViewState:
    """The view as a permalink would restore it: a widget value that is no longer an option
    (a stale selectbox after a region change, a label instead of a code) is dropped, so the
    URL only ever carries codes."""
    ref, _, _ = loaders.load_all()
    clean, _ = parse_query(to_query(view), ref.places, ref.vocab, set(ref.articles["id"]))
    return clean


def _clear() -> None:
    set_view(cleared(_view()))


def _init_view(places: pd.DataFrame, vocab: dict, article_ids: set[str]) -> list[str]:
    if "view" in st.session_state:
        return []
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    view, notices = parse_query(params, places, vocab, article_ids)
    set_view(view)
    return notices


def _select(label: str, key: str, options: list[str], names: dict[str, str],
            counts: pd.Series, lang: str) -> None:
    """A sidebar selectbox whose options show how many facts each would leave."""
    total = int(counts.sum())
    current = getattr(_view(), key)
    if current and current not in options:
        options = options + [current]

    def fmt(code: str) -> str:
        n = total if code == "" else int(counts.get(code, 0))
        name = t("all", lang) if code == "" else names.get(code, code)
        return f"{name} ({n})"

    st.selectbox(label, [""] + options, index=([""] + options).index(current), key=wkey(key),
                 format_func=fmt, on_change=_on_change, args=(key,))


def _sidebar(region_facts: pd.DataFrame, ref_places: pd.DataFrame, vocab: dict,
             articles: pd.DataFrame, lang: str) -> None:
    view = _view()
    names = place_labels(ref_places, lang)
    with st.sidebar:
        st.segmented_control(t("language", lang), ["zh", "en"], key=wkey("lang"),
                             default=view.lang,
                             format_func=lambda v: "中文" if v == "zh" else "English",
                             on_change=_on_change, args=("lang",))
        st.toggle(t("present_mode", lang), value=view.present, key=wkey("present"),
                  on_change=_on_change, args=("present",))
        st.selectbox(t("region", lang), list(loaders.REGIONS), key=wkey("region"),
                     index=list(loaders.REGIONS).index(view.region),
                     format_func=lambda c: loaders.REGIONS[c]["en" if lang == "en" else "zh"],
                     on_change=_on_change, args=("region",))
        st.subheader(t("filters", lang))
        st.caption(t("filter_counts_hint", lang))
        prefectures = ref_places[(ref_places["parent_adcode"] == view.region)
                                 & (ref_places["level"] == "prefecture")]["adcode"].tolist()
        if prefectures:
            _select(t("prefecture", lang), "prefecture", prefectures, names,
                    option_counts(region_facts, view, "prefecture", "prefecture_adcode"), lang)
        parent = view.prefecture or view.region
        counties = ref_places[(ref_places["parent_adcode"] == parent)
                              & (ref_places["level"] == "county")]["adcode"].tolist()
        _select(t("county", lang), "county", counties, names,
                option_counts(region_facts, view, "county", "county_adcode"), lang)
        years = sorted(region_facts["year"].dropna().astype(str).unique(), reverse=True)
        _select(t("year", lang), "year", years, {y: y for y in years},
                option_counts(region_facts, view, "year", "year"), lang)
        clusters = [c for c, e in vocab["clusters"].items()
                    if str(e.get("region", ""))[:2] == view.region[:2]]
        _select(t("cluster", lang), "cluster", clusters,
                {c: vocab_label(vocab, "clusters", c, lang) for c in clusters},
                option_counts(region_facts, view, "cluster", "cluster"), lang)
        statuses = list(vocab["statuses"])
        _select(t("status", lang), "status", statuses,
                {s: vocab_label(vocab, "statuses", s, lang) for s in statuses},
                option_counts(region_facts, view, "status", "status"), lang)
        st.radio(t("basis", lang), list(BASES), key=wkey("basis"),
                 index=list(BASES).index(view.basis),
                 format_func=lambda b: t(f"basis_{b}", lang), on_change=_on_change,
                 args=("basis",))
        ids = articles["id"].tolist()
        titles = dict(zip(ids, articles["title_en" if lang == "en" else "title"], strict=True))
        _select(t("article", lang), "article", ids, titles,
                option_counts(region_facts, view, "article", "article_id"), lang)
        st.button(t("clear_filters", lang), on_click=_clear, width="stretch")
        # In a popover whose content runs only when opened: st.code and its copy button cost
        # the page's first paint nothing until someone wants the link (bench/map.py).
        link = st.popover(t("copy_link", lang), icon=":material/link:", width="stretch",
                          key="copy_link_open", on_change="rerun")
        with link:
            if link.open:
                st.caption(t("link_hint", lang))
                st.code(permalink(_view()), language=None, wrap_lines=True)


def permalink(view: ViewState) -> str:
    query = urlencode(to_query(view))
    try:
        base = st.context.url.split("?")[0]
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest) there is no URL
        base = ""
    return f"{base}?{query}" if query else base or "?"


# Less empty space above the title, so the map starts higher on a 1280×720 screen.
# Metric labels wrap instead of ending in "…" ("Total investment · Sum of projects located…").
# The KPI strip is as tall as its tallest row (82-90 px at 1024-1920 px in zh and en), and as
# tall while it waits for the KPIs (a space of the same height), so the map under it stays put
# when they arrive (dashboard/progressive.py).
KPI_STRIP_PX = 92
PAGE_CSS = f"""<style>.block-container {{padding-top: 2.5rem;}}
    .st-key-kpi_strip {{min-height: {KPI_STRIP_PX}px;}}
    [data-testid="stMetricLabel"] * {{white-space: normal !important; overflow: visible !important;
                                     text-overflow: clip !important;}}
    </style>"""
# Presenter mode: no sidebar, a minimal toolbar and big high-contrast type.
PRESENT_CSS = """<style>
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
    [data-testid="stToolbar"], [data-testid="stDecoration"] {display: none !important;}
    .block-container {padding-top: 1rem; max-width: 100% !important;}
    [data-testid="stMetricValue"] {font-size: clamp(1.8rem, 2.5vw, 3rem) !important;
                                   color: #0b1f3a;}
    [data-testid="stMetricValue"] * {overflow: visible !important; text-overflow: clip !important;}
    [data-testid="stMetricLabel"] p {font-size: 1.3rem !important;}
    h1 {font-size: 2.6rem !important;}
    </style>"""


def page_css(present: bool) -> None:
    """The page's CSS, through st.html rather than st.markdown: a style-only body goes to the
    event container (it takes no space) and skips the Markdown HTML parser, 190 KB of
    JavaScript the browser would otherwise evaluate before the map (bench/map.py). app.py
    sets it before a page; a map-first page sets it right after its map is sent."""
    st.html(PAGE_CSS)
    if present:
        st.html(PRESENT_CSS)


def render() -> Context:
    """Prepare the view and draw the shared chrome; returns the page context."""
    ref, facts, problems = loaders.load_all()
    places, vocab, articles = ref.places, ref.vocab, ref.articles
    notices = _init_view(places, vocab, set(articles["id"]))
    if notices:
        st.session_state["notices"] = notices
    view = _view()
    region_facts = facts[facts["region_adcode"] == view.region]
    for notice in st.session_state.pop("notices", []):
        st.toast(t("notice_prefix", view.lang) + notice)
    context = Context(view=view, facts=filter_facts(region_facts, view), all_facts=region_facts,
                      places=places, vocab=vocab, articles=articles, problems=problems,
                      lang=view.lang, notices=notices)
    st.session_state["_ctx"] = context
    return context


def sidebar(context: Context) -> None:
    """Filters, language and presenter toggle. Drawn after the page so the map reaches the
    browser first (the sidebar's widgets still apply on the next run, via their callbacks)."""
    if not context.view.present:
        _sidebar(context.all_facts, context.places, context.vocab, context.articles,
                 context.lang)


def sync_url() -> None:
    """Write the view into the URL (after the page ran, so clicks are included)."""
    wanted = to_query(_view())
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def ctx() -> Context:
    """The context app.py prepared for this run.

    A top-level pages/ folder puts a fresh Streamlit server in its legacy pages-directory mode,
    so the very first request for a deep link such as /energy?prefecture=222400 runs the page
    without app.py. Switch the server to st.navigation and rerun the same page through app.py.
    """
    context = st.session_state.get("_ctx")
    if context is None:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return context


def data_problems_banner(context: Context) -> None:
    """Rejected rows are never silently dropped: say so on every page and list them."""
    errors = [p for p in context.problems if p.severity == "error"]
    if not errors:
        return
    rows = len({(p.file, p.line) for p in errors})  # one row can break several rules
    with st.expander(f"⚠ {t('data_problems', context.lang)} {rows}", expanded=False):
        st.text("\n".join(str(p) for p in errors[:200]))


def footer(context: Context) -> None:
    """Sources and licences on every page (Datasette style)."""
    lang = context.lang
    used = context.articles[context.articles["id"].isin(context.facts["article_id"].unique())]
    names = [md_escape(row.outlet_en if lang == "en" else row.outlet) + " "
             f"{row.date:%Y-%m-%d}{'*' if row.date_estimated else ''}"
             for row in used.itertuples()]
    st.divider()
    st.caption(t("attribution", lang) + (" " + t("sources", lang) + ": " + "; ".join(names)
                                         if names else "")
               + (" (*" + t("date_estimated", lang) + ")" if used["date_estimated"].any()
                  else ""))
