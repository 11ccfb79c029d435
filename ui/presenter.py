"""Presenter mode's top bar: the saved view's title in big type, the step, ◀ / ▶ and exit.

In presenter mode (`?present=1` or the sidebar toggle) the stylesheet hides the sidebar and
enlarges type; `bar()` steps through data/views.yaml. Every step is a permalink that reopens
the same slide, and one entry in the browser's history, so Back retraces the steps.

Entering or leaving presenter mode rebuilds the page: the control a keyboard user just pressed
(the sidebar toggle, ◀, ▶, exit) is gone and focus would fall back to <body>, sending them to
the top of the tab order. `_keep_focus()` mounts a small static script that puts focus back
on the matching control (see _FOCUS_JS).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

import loaders
from dashboard.fmt import md_escape
from dashboard.i18n import t
from dashboard.registry import BY_KEY
from dashboard.state import to_query
from dashboard.steps import current_step, saved_view_state
from loaders.saved_views import load_saved_views
from ui.context import Context, set_view, step_to, switch_to

# Static JavaScript, nothing from Python in it (tests/test_hostile_urls.py ALLOWED). Installed
# once per tab, it remembers which presenter control was activated (a click, which Enter and
# Space also fire) and, once Streamlit has redrawn and focus has fallen to <body> or onto a
# control now hidden, focuses: after the toggle or ▶, ▶ (◀ after ◀; exit on the last slide;
# a ▶ that is a link still loading is waited for); after exit, the toggle in the sidebar.
# Other focus is never taken: a click anywhere else, or 15 s without a redraw, forgets the
# pending move.
_FOCUS_JS = """
export default function () {
  if (window.__presenterFocus) return;
  window.__presenterFocus = true;
  const BAR = '.st-key-present_bar, .st-key-present_bar_titled';
  const CONTROLS = '.st-key-present_prev, .st-key-present_next, .st-key-present_exit,'
    + ' [class*="st-key-f_present_"]';
  let pending = null, since = 0;
  const shown = el => !!el && el.isConnected && !el.disabled && el.checkVisibility();
  document.addEventListener('click', event => {
    const box = event.target instanceof Element ? event.target.closest(CONTROLS) : null;
    pending = box ? [...box.classList].find(c => c.startsWith('st-key-')).slice(7) : null;
    since = Date.now();
  }, true);
  const target = () => {
    if (!document.querySelector(BAR)) {
      return document.querySelector('[class*="st-key-f_present_"] input');
    }
    const order = pending === 'present_prev' ? ['prev', 'next', 'exit'] : ['next', 'prev', 'exit'];
    for (const k of order) {
      const box = document.querySelector(`.st-key-present_${k}`);
      if (!box) continue;
      const el = box.querySelector('button, a');
      if (!el) return null;  // a link still loading: wait for it rather than skip it
      if (shown(el)) return el;
    }
    return null;
  };
  const restore = () => {
    if (!pending) return;
    if (Date.now() - since > 15000) { pending = null; return; }
    const active = document.activeElement;
    if (active && active !== document.body && shown(active)) return;
    const el = target();
    if (shown(el)) { el.focus(); pending = null; }
  };
  let queued = false;
  new MutationObserver(() => {
    if (!pending || queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; restore(); });
  }).observe(document.body, {childList: true, subtree: true, attributes: true});
}
"""
_focus_keeper = st.components.v2.component("presenter_focus", js=_FOCUS_JS)


def _keep_focus() -> None:
    """Mount the focus keeper (no data, no height; hidden by ui/style.css)."""
    _focus_keeper(key="presenter_focus")


def saved_views() -> list[dict]:
    return load_saved_views(loaders.data_dir() / "views.yaml", BY_KEY)


def _go(context: Context, saved: list[dict], index: int) -> None:
    view = saved_view_state(saved[index], index, context.view, context.parse)
    step_to(view)
    switch_to(BY_KEY[saved[index]["page"]].script, view)


def _open_linked_step(context: Context, saved: list[dict], index: int, page_key: str) -> None:
    """A typed or shortened link (`?present=1&step=2`) opens saved view 2 itself, not the
    current page under its title. Only on a session's first run, so a later map click in
    presenter mode is not snapped back."""
    if st.session_state.get("present_synced"):
        return
    st.session_state["present_synced"] = True
    state = saved_view_state(saved[index], index, context.view, context.parse)
    if state != context.view or page_key != saved[index]["page"]:
        _go(context, saved, index)


def _step_control(context: Context, saved: list[dict], page_key: str, which: str,
                  target: int | None) -> None:
    """◀ or ▶ to saved view `target` (None: disabled).

    A step onto another page is a link to the step's permalink: Streamlit's page switch from
    a button would first write the new query onto the old page's address, leaving a history
    entry (the old page under the next step's view) that Back would then show. A step on the
    same page stays a button, because a link to the page already open does not update the
    address bar."""
    label, key = t(f"{which}_view", context.lang), f"present_{which}"
    if target is None or saved[target]["page"] == page_key:
        if st.button(label, key=key, disabled=target is None):
            _go(context, saved, target)
        return
    view = saved_view_state(saved[target], target, context.view, context.parse)
    with st.container(key=key, width="content"):
        st.page_link(BY_KEY[saved[target]["page"]].script, label=label,
                     query_params=to_query(view))


def bar(context: Context, page_key: str) -> None:
    """The presenter's top bar; nothing outside presenter mode (but the focus keeper)."""
    _keep_focus()
    if not context.view.present:
        return
    lang = context.lang
    saved = saved_views()
    index = current_step(context.view, len(saved))
    if index is not None:
        _open_linked_step(context, saved, index, page_key)
    # The bar names what is on screen, a saved view's title or else the page's (the
    # stylesheet hides the page's own h1, which would push the map down).
    key = "present_bar" if index is None else "present_bar_titled"
    with st.container(horizontal=True, vertical_alignment="center", gap="medium", key=key):
        title = (saved[index]["title"][lang] if index is not None
                 else t(BY_KEY[page_key].title, lang))
        step = (f"{index + 1} / {len(saved)}" if index is not None
                else f"{len(saved)} {t('saved_views', lang)}")  # not on a saved view yet
        with st.container(key="present_title", width="stretch"):
            st.markdown(md_escape(title))
        with st.container(key="present_step", width="content"):
            st.markdown(step)
        _step_control(context, saved, page_key, "prev",
                      None if index is None or index == 0 else index - 1)
        _step_control(context, saved, page_key, "next",
                      None if not saved or index == len(saved) - 1
                      else 0 if index is None else index + 1)
        if st.button(t("exit_present", lang), key="present_exit"):
            set_view(replace(context.view, present=False, step=""))
            st.rerun()
