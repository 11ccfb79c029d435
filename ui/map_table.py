"""The map's values as a keyboard- and screen-reader-friendly table beside the map.

A static st.components.v2 component (ui/map_table.js, no data interpolated into the code;
styled by ui/style.css): a real <table> with a caption, column headers and one row header per
place; each row with a place is focusable, arrow keys move between rows and Enter opens a
prefecture or selects a county, exactly like a map click. A skip link, first in the page's
tab order, jumps to it.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from ui.context import Context, open_place

_HERE = Path(__file__).parent
# Unisolated, so the page's stylesheet (ui/style.css) styles the table and its focus.
_component = st.components.v2.component(
    "jilin_dashboard.map_table", js=(_HERE / "map_table.js").read_text(encoding="utf-8"),
    isolate_styles=False)


def _payload(context: Context, rows: pd.DataFrame, clickable: bool) -> dict:
    lang = context.lang
    projects, facts = t("n_projects_col", lang), t("n_facts_col", lang)
    return {
        "caption": t("map_table", lang),
        "hint": t("map_table_hint", lang) if clickable else "",
        "skip": t("skip_to_table", lang),
        "headers": [t("place", lang), t("value", lang), projects, facts],
        "rows": [{
            "key": row.adcode if clickable and row.kind != "elsewhere" else "",
            "kind": row.kind,
            "selected": bool(row.adcode) and row.adcode == context.view.county,
            "label": f"{row.place}: {row.figure}, {projects} {row.n_projects}, "
                     f"{facts} {row.n_facts}",
            "cells": [row.place, row.figure, str(row.n_projects), str(row.n_facts)],
        } for row in rows.itertuples()],
    }


def map_table(context: Context, rows: pd.DataFrame, key: str = "map_table",
              clickable: bool = True) -> None:
    """Draw `rows` (dashboard.map_table.map_rows); Enter or a click on a place opens it."""
    _component(data=_payload(context, rows, clickable), key=key,
               on_chosen_change=partial(_chosen, key))


def _chosen(key: str) -> None:
    """Enter on a row, as a callback: the view changes before the next run, so choosing a
    place costs one run."""
    state = st.session_state.get(key)
    code = getattr(state, "chosen", None) or (state.get("chosen") if isinstance(state, dict)
                                               else None)
    open_place(str(code) if code else "")
