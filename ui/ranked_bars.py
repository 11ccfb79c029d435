"""The ranked places drawn as HTML: a list of bars, no chart library.

A static st.components.v2 component (ui/ranked_bars.js; no data interpolated into the code;
styled by ui/style.css): an ordered list named by a title, one item per place with its name,
a bar per basis and the value text. Why not plotly: a ranked list needs no axes, and plotly.js
spent some 200 ms of every rerun measuring the chart's tick labels and redrawing it. The text
is the page's own, so it follows the page's type sizes, presenter mode included.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_HERE = Path(__file__).parent
# Unisolated, so the page's stylesheet (ui/style.css) styles the list.
_component = st.components.v2.component(
    "jilin_dashboard.ranked_bars", js=(_HERE / "ranked_bars.js").read_text(encoding="utf-8"),
    isolate_styles=False)


def ranked_list(data: dict, key: str = "ranked_bars") -> None:
    """Draw `data` (dashboard.figures.ranked_rows)."""
    _component(data={**data, "id": key}, key=key)
