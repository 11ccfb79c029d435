"""The one place the stylesheet (ui/style.css) enters the page.

Through st.html rather than st.markdown: a style-only body goes to the event container (it
takes no room) and skips the Markdown HTML parser. The theme (colours, font) is in
.streamlit/config.toml; this sheet only adds what the theme cannot say.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

from dashboard.i18n import t
from dashboard.theme import css_variables

STYLESHEET = Path(__file__).with_name("style.css")


@lru_cache(maxsize=2)
def _css(lang: str) -> str:
    label = t("sidebar_label", lang).replace('"', "")
    return (f"<style>{css_variables()}\n:root {{--sidebar-label: \"{label}\";}}\n"
            f"{STYLESHEET.read_text(encoding='utf-8')}</style>")


def apply(lang: str) -> None:
    st.html(_css(lang))
