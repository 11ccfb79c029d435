"""The page context: the view (from the URL), the facts it selects and the reference data.

app.py calls `prepare()` once per run, before the page. The canonical view lives in
st.session_state["view"]; widgets are seeded from it each run and write back through
callbacks; at the end of the run `sync_url()` writes it to the URL, so every view is a
permalink. Pages read the prepared context with `ctx()` and only lay out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

import loaders
from dashboard.filters import cleared, filter_facts
from dashboard.i18n import place_labels, t
from dashboard.state import ViewState, parse_query, to_query


@dataclass
class Context:
    view: ViewState
    facts: pd.DataFrame  # filtered by every sidebar filter
    all_facts: pd.DataFrame  # the region's facts, unfiltered
    places: pd.DataFrame
    vocab: dict
    articles: pd.DataFrame
    regions: dict
    problems: list
    notices: list[str]
    # The metric the page's map shows, set by its metric switch: the sidebar counts follow it.
    counted_metric: str = ""
    names: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Built once per run: tables name a place per row (hundreds of lookups per page).
        self.names = place_labels(self.places, self.lang)

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def units(self) -> dict:
        return self.vocab["units"]

    def place_name(self, adcode: str) -> str:
        return self.names.get(adcode, adcode)

    def parse(self, params: dict) -> tuple[ViewState, list[str]]:
        """A query string (or saved view's parameters) as a view of this data."""
        return parse_query(params, self.places, self.vocab, set(self.articles["id"]),
                           self.regions)


def current_view() -> ViewState:
    return st.session_state["view"]


def set_view(view: ViewState) -> None:
    """Change the view from code (map click, breadcrumb, presenter step, clear).

    Widgets are keyed by a generation number, so bumping it recreates them showing the new
    view instead of fighting their remembered values.
    """
    st.session_state["view"] = view
    st.session_state["widget_gen"] = st.session_state.get("widget_gen", 0) + 1


def wkey(key: str) -> str:
    """The key of the widget that edits view field `key` in this widget generation."""
    return f"f_{key}_{st.session_state.get('widget_gen', 0)}"


def validated(view: ViewState) -> ViewState:
    """The view as a permalink would restore it: a widget value that is no longer an option
    (a stale selectbox after a region change) is dropped, so the URL only carries codes."""
    ref, _, _ = loaders.load_all()
    clean, _ = parse_query(to_query(view), ref.places, ref.vocab, set(ref.articles["id"]),
                           ref.regions)
    return clean


def _url_params() -> dict[str, str]:
    return {key: st.query_params.get(key) for key in st.query_params}


def _init_view(ref) -> list[str]:
    """The view from the URL on a session's first run, and whenever the URL changed without
    us: Back and Forward (Streamlit reruns with the history entry's query string) or a link
    opened in the same session. Otherwise the session's view stands: widgets changed it, and
    sync_url() will write it."""
    if "view" in st.session_state and _url_params() == st.session_state.get("synced_query"):
        return []
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    view, notices = parse_query(params, ref.places, ref.vocab, set(ref.articles["id"]),
                                ref.regions)
    if view != st.session_state.get("view"):
        set_view(view)
    st.session_state["synced_query"] = to_query(view)
    return notices


def prepare() -> Context:
    """Read the data and the view; returns the context every page of this run shares."""
    ref, facts, problems = loaders.load_all()
    notices = _init_view(ref)
    view = current_view()
    for notice in notices:
        st.toast(t("notice_prefix", view.lang) + notice)
    region_facts = facts[facts["region_adcode"] == view.region]
    context = Context(view=view, facts=filter_facts(region_facts, view), all_facts=region_facts,
                      places=ref.places, vocab=ref.vocab, articles=ref.articles,
                      regions=ref.regions, problems=problems, notices=notices)
    st.session_state["_ctx"] = context
    return context


def ctx() -> Context:
    """The context app.py prepared for this run (see `leave_pages_directory_mode`)."""
    context = st.session_state.get("_ctx")
    if context is None:
        leave_pages_directory_mode()
    return context


def leave_pages_directory_mode() -> None:
    """The project's only use of a private Streamlit API.

    A top-level pages/ folder puts a fresh Streamlit server in its legacy pages-directory mode,
    so the very first request for a deep link such as /energy?prefecture=222400 runs the page
    script without app.py, and so without a context. Switch the server to st.navigation and
    rerun the same request through app.py (tests/browser/test_pages.py opens a deep link on a
    fresh server)."""
    PagesManager.uses_pages_directory = False
    st.rerun()


def permalink(view: ViewState) -> str:
    query = urlencode(to_query(view))
    try:
        base = st.context.url.split("?")[0]
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest) there is no URL
        base = ""
    return f"{base}?{query}" if query else base or "?"


def sync_url() -> None:
    """Write the view into the URL (after the page ran, so clicks are included). Streamlit
    pushes a history entry when the query string changes, so each user step is one entry and
    Back undoes it; runs that change nothing add none."""
    wanted = to_query(current_view())
    if _url_params() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state["synced_query"] = wanted


def step_to(view: ViewState) -> None:
    """Go to `view` and redraw the map (a new map key drops the old map's selection)."""
    set_view(view)
    st.session_state["map_nonce"] = st.session_state.get("map_nonce", 0) + 1


def open_place(code: str) -> None:
    """Open a clicked place (a prefecture drills down, a county is selected), as the last step
    of a map or table callback, which run before the next run's script.

    The place is looked up in the context of the run that drew the clicked widget, read here
    rather than bound into the callback: Streamlit keeps every widget's callback for as long
    as the session lives, and a bound context kept each run's frames alive with it, so a
    session's memory, and the collector's walk over it, grew with every view it opened."""
    context = ctx()
    view = context.view
    if code and code not in (view.county, view.prefecture):
        step_to(view.with_place(code, context.places, context.regions))


def switch_to(script: str, view: ViewState) -> None:
    """Open another page on `view`. st.switch_page clears the query string unless given one,
    and the URL is the view's source of truth (see _init_view)."""
    st.session_state["synced_query"] = to_query(view)
    st.switch_page(script, query_params=to_query(view))


def clear_filters(view: ViewState) -> None:
    set_view(cleared(view))


def with_region(view: ViewState, region: str) -> ViewState:
    return replace(view, region=region, prefecture="", county="", cluster="")
