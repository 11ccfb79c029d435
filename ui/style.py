"""The one place the stylesheets enter the page: ui/style.css always, ui/presenter.css only in
presenter mode (so no rule has to ask the page whether the presenter bar is there).

Through st.html rather than st.markdown: a style-only body goes to the event container (it
takes no room) and skips the Markdown HTML parser. The theme (colours, font) is in
.streamlit/config.toml; these sheets only add what the theme cannot say.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

from dashboard.i18n import t
from dashboard.theme import css_variables

STYLESHEET = Path(__file__).with_name("style.css")
PRESENTER = Path(__file__).with_name("presenter.css")


@lru_cache(maxsize=4)
def _css(lang: str, present: bool) -> str:
    label = t("sidebar_label", lang).replace('"', "")
    sheets = [STYLESHEET] + ([PRESENTER] if present else [])
    return (f"<style>{css_variables()}\n:root {{--sidebar-label: \"{label}\";}}\n"
            + "\n".join(sheet.read_text(encoding="utf-8") for sheet in sheets) + "</style>")


def apply(lang: str, present: bool) -> None:
    st.html(_css(lang, present))
