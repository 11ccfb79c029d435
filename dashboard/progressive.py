"""Map first, then the rest: a browser session's first run of a map page stops after the map.

Why: on a first visit the browser must load and evaluate plotly.js (4.7 MB) before the map can
paint, and every other element sent by the same run (sidebar widgets, KPI cards, the ranking
chart, expanders, the footer) is rendered by the same main thread in the meantime. Measured
with `python -m bench --only map` on two cores: the full landing page painted its map at
1.31x the time of a trivial Plotly page, the map alone at 1.0x. So the first run sends the
title, breadcrumb, metric choice and map, and mounts `wait_for_paint`'s component. Its script
waits until the map's first path is in the DOM and the frame that shows it has been drawn (or
`FALLBACK_MS` at most, should the map never draw), then asks for one rerun; that run and every
later one draw the whole page.

Sessions without a browser (AppTest, which sends no HTTP headers) always get the whole page.
"""

from __future__ import annotations

import streamlit as st

PAINTED_KEY = "map_painted"
FALLBACK_MS = 8000
_PROBE_JS = """
export default function ({ setTriggerValue }) {
  let sent = false;
  const send = () => { if (!sent) { sent = true; setTriggerValue("painted", true); } };
  const painted = () => document.querySelector(".js-plotly-plot .choroplethlayer path");
  // Ask for the rest only after the frame that shows the map, so it cannot delay that paint.
  const afterPaint = () => requestAnimationFrame(() => setTimeout(send, 0));
  if (painted()) { afterPaint(); return; }
  const observer = new MutationObserver(() => {
    if (painted()) { observer.disconnect(); afterPaint(); }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => { observer.disconnect(); send(); }, FALLBACK_MS);
}
""".replace("FALLBACK_MS", str(FALLBACK_MS))
# Static JavaScript, no data from Python (see tests/test_hostile_urls.py, which lists this sink).
_probe = st.components.v2.component("jilin_dashboard.map_painted", js=_PROBE_JS)


def from_browser() -> bool:
    """Whether this run serves a browser tab (AppTest and bare runs send no headers)."""
    try:
        return bool(st.context.headers.get("User-Agent"))
    except Exception:  # noqa: BLE001 - no request context: not a browser
        return False


def pending(map_page: bool) -> bool:
    """True on a browser session's first run when it opens on a map page, until the map has
    painted. Only a session's first page waits: once anything has been drawn whole, later
    pages and reruns never lose their sidebar for a moment."""
    if st.session_state.get(PAINTED_KEY):
        return False
    if not (map_page and from_browser()):
        st.session_state[PAINTED_KEY] = True
        return False
    return True


def _painted() -> None:
    st.session_state[PAINTED_KEY] = True


def wait_for_paint() -> None:
    """Mount the probe; its trigger marks the map painted and starts the full run."""
    _probe(key="map_painted_probe", on_painted_change=_painted)
