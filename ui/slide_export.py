"""Save the page's map as a slide: PNG or SVG at 1920×1080.

Why in the browser: the figure already lives there, and plotly.js exports it (the chart
toolbar's camera does the same for PNG only, and offers no second format). A server-side export
would need a headless browser (kaleido) on the intranet server for every click. The buttons are
a static st.components.v2 component (ui/slide_export.js), so they sit with the other downloads
and are reached with the keyboard like them.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.i18n import t
from dashboard.mapfig import SLIDE_HEIGHT, SLIDE_LAYOUT, SLIDE_WIDTH

_component = st.components.v2.component(
    "jilin_dashboard.slide_export",
    js=(Path(__file__).with_name("slide_export.js")).read_text(encoding="utf-8"),
    isolate_styles=False)


def slide_buttons(lang: str, filename: str, key: str) -> None:
    """PNG and SVG buttons for the map on the page; `filename` without extension."""
    _component(key=key, data={
        "labels": {"png": t("download_slide_png", lang), "svg": t("download_slide_svg", lang)},
        "unavailable": t("slide_unavailable", lang),
        "filename": filename, "layout": list(SLIDE_LAYOUT),
        "size": [SLIDE_WIDTH, SLIDE_HEIGHT]})
