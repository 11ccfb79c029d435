"""Presenter mode's saved views: a short sequence to step through on a projector.

`data/views.yaml` lists the views (page, query parameters, zh/en title). In presenter mode
(`?present=1` or the sidebar toggle; chrome hides the sidebar) `controls()` draws a top bar
with the view's title in big type and ◀ / ▶ / exit buttons. A step sets the view state and
`view=<index>` and switches page, so every step is a permalink that reopens the same slide.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st
import yaml

import loaders
from dashboard import chrome
from dashboard.i18n import t
from dashboard.state import ViewState, parse_query

PAGE_FILES = {
    "investment": "pages/investment.py",
    "energy": "pages/energy.py",
    "clusters": "pages/clusters.py",
    "overview": "pages/overview.py",
    "facts": "pages/facts.py",
    "quality": "pages/quality.py",
}
PARAM_KEYS = ("region", "prefecture", "county", "year", "cluster", "status", "basis", "article")
BAR_CSS = """<style>
[data-testid="stHeader"] {display: none !important;}
[data-testid="stMainBlockContainer"], .block-container {padding-top: 1.2rem !important;}
.st-key-present_bar {border-bottom: 3px solid #0b1f3a; padding-bottom: 0.4rem;}
.st-key-present_bar button p {font-size: 1.15rem !important; white-space: nowrap !important;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] div {font-weight: 700 !important;
  color: #0b1f3a !important;}
[data-testid="stMetricValue"] {font-size: clamp(1.8rem, 2.4vw, 3rem) !important;}
[data-testid="stMetricValue"] * {overflow: visible !important; text-overflow: clip !important;}
[data-testid="stMetricLabel"] p {color: #1a1a1a !important; font-weight: 600 !important;}
/* CSS-only blocks take no room (each empty block still cost a 1rem gap above the bar) */
[data-testid="stElementContainer"]:has(style) {display: none !important;}
</style>"""
# With a saved view's title in the bar, the page's own h1 would only repeat it smaller.
BAR_CSS_WITH_TITLE = BAR_CSS + """<style>[data-testid="stMain"] h1,
[data-testid="stMain"] [data-testid="stElementContainer"]:has(h1) {display: none !important;}
</style>"""


def views_path() -> Path:
    return loaders.data_dir() / "views.yaml"


def load_views(path: Path | None = None) -> list[dict]:
    """The saved views; a malformed file raises ValueError naming the file, view and field."""
    path = Path(path) if path else views_path()
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: malformed YAML: {exc}") from exc
    entries = data.get("views") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: views: expected a list of views")
    views = []
    for i, entry in enumerate(entries, start=1):
        where = f"{path}: view {i}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected a mapping with page, params, title")
        page = entry.get("page")
        if page not in PAGE_FILES:
            raise ValueError(f"{where}: page: {page!r}: not one of {', '.join(PAGE_FILES)}")
        params = entry.get("params") or {}
        if not isinstance(params, dict) or any(k not in PARAM_KEYS for k in params):
            raise ValueError(f"{where}: params: {params!r}: keys must be among "
                             f"{', '.join(PARAM_KEYS)}")
        title = entry.get("title") or {}
        if not isinstance(title, dict) or not title.get("zh") or not title.get("en"):
            raise ValueError(f"{where}: title: {title!r}: needs zh and en")
        views.append({"page": page, "params": {k: str(v) for k, v in params.items()},
                      "title": {"zh": str(title["zh"]), "en": str(title["en"])}})
    return views


def view_state(entry: dict, index: int, current: ViewState, places, vocab,
               article_ids: set[str]) -> ViewState:
    """The state of saved view `index`, keeping the reader's language and presenter mode."""
    params = {**entry["params"], "lang": current.lang, "present": "1", "view": str(index)}
    state, _ = parse_query(params, places, vocab, article_ids)
    return state


def current_index(view: ViewState, n_views: int) -> int | None:
    if view.view.isdigit() and int(view.view) < n_views:
        return int(view.view)
    return None


def _go(context: chrome.Context, views: list[dict], index: int) -> None:
    entry = views[index]
    state = view_state(entry, index, context.view, context.places, context.vocab,
                       set(context.articles["id"]))
    chrome.set_view(state)
    st.session_state["map_nonce"] = st.session_state.get("map_nonce", 0) + 1
    st.switch_page(PAGE_FILES[entry["page"]])


def _current_page() -> str:
    """The page key of the URL being served ("" when unknown)."""
    try:
        path = st.context.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest) there is no URL
        return ""
    return path if path in PAGE_FILES else "investment"


def _sync_first_load(context: chrome.Context, views: list[dict], index: int) -> None:
    """A typed or shortened link (`?present=1&view=2`) opens saved view 2 itself, not the
    landing page under view 2's title. Only on a session's first run, so a later map click in
    presenter mode is not snapped back."""
    if st.session_state.get("present_synced"):
        return
    st.session_state["present_synced"] = True
    entry = views[index]
    state = view_state(entry, index, context.view, context.places, context.vocab,
                       set(context.articles["id"]))
    page = _current_page()
    if state != context.view or (page and page != entry["page"]):
        _go(context, views, index)


def controls(context: chrome.Context) -> None:
    """The presenter's top bar; does nothing outside presenter mode."""
    if not context.view.present:
        return
    lang = context.lang
    views = load_views()
    index = current_index(context.view, len(views))
    if index is not None:
        _sync_first_load(context, views, index)
    if index is None:
        st.markdown(BAR_CSS, unsafe_allow_html=True)
    else:
        st.markdown(BAR_CSS_WITH_TITLE, unsafe_allow_html=True)
    with st.container(horizontal=True, vertical_alignment="center", gap="medium",
                      key="present_bar"):
        title = views[index]["title"][lang] if index is not None else t("present_mode", lang)
        step = (f"{index + 1} / {len(views)}" if index is not None
                else f"{len(views)} {t('saved_views', lang)}")  # not on a saved view yet
        st.markdown('<div class="present-title" style="font-size: clamp(1.9rem, 2.6vw, 2.6rem); '
                    'font-weight: 700; '
                    'color: #0b1f3a; line-height: 1.15; margin: 0; padding: 0.1rem 0;">'
                    f"{_escape(title)}</div>", unsafe_allow_html=True, width="stretch")
        st.markdown('<span class="present-step" style="font-size: 1.3rem; color: #1a1a1a; '
                    f'white-space: nowrap;">{step}</span>', unsafe_allow_html=True,
                    width="content")
        prev_clicked = st.button(t("prev_view", lang), key="present_prev",
                                 disabled=index is None or index == 0)
        next_clicked = st.button(t("next_view", lang), key="present_next", type="primary",
                                 disabled=not views or index == len(views) - 1)
        exit_clicked = st.button(t("exit_present", lang), key="present_exit")
    if prev_clicked and index:
        _go(context, views, index - 1)
    if next_clicked and views:
        _go(context, views, 0 if index is None else index + 1)
    if exit_clicked:
        chrome.set_view(replace(context.view, present=False, view=""))
        st.rerun()


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))
