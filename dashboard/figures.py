"""Bar charts built from aggregated frames: DataFrame in, plotly Figure out.

Layout numbers are named here once: a bar row's height, the room a title and legend need, and
how much wider than the longest bar the axis runs so its value label fits beside it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.fmt import axis_scale, format_value
from dashboard.i18n import t, vocab_label
from dashboard.theme import FONT_FAMILY, INK, STEADY_TICKS

BAR_ROW_PX = {False: 40, True: 56}  # one bar (or group) per row; bigger on a projector
CHART_CHROME_PX = 150  # title, axis and legend around the bars
MIN_CHART_PX = 320
VALUE_ROOM = 1.5  # the axis runs to 1.5x the longest bar: its value label sits outside it
BAR_TEXT_PX = {False: 13, True: 18}


def chart_height(n_rows: int, present: bool) -> int:
    return max(MIN_CHART_PX, BAR_ROW_PX[present] * n_rows + CHART_CHROME_PX)


def ranked_bars(series: Mapping[str, pd.DataFrame], names: Mapping[str, str], metric: str,
                vocab: Mapping, lang: str, unit: str = "CNY", present: bool = False
                ) -> go.Figure | None:
    """Places ranked by value, one trace per basis (`series`: basis → by_place frame); with
    two bases the bars stand side by side, never summed. None when there is nothing to draw."""
    divisor, unit_label = axis_scale(unit, lang)
    size = BAR_TEXT_PX[present]
    figure = go.Figure()
    order: list[str] = []
    top = 0.0
    for basis, values in series.items():
        if values.empty:
            continue
        labels = [names.get(c, c) for c in values["adcode"]]
        order += [n for n in labels if n not in order]
        top = max(top, float((values["value"] / divisor).max()))
        figure.add_bar(
            y=labels, x=values["value"] / divisor, orientation="h",
            name=t(f"basis_{basis}", lang),
            text=[format_value(v, unit, lang) for v in values["value"]],
            # outside and level: inside a bar plotly shrank or turned the text sideways
            textposition="outside", textangle=0, cliponaxis=False,
            textfont={"size": size, "color": INK}, customdata=values["n_facts"],
            hovertemplate="%{y}: %{text} · %{customdata} " + t("facts_behind", lang)
                          + "<extra>%{fullData.name}</extra>")
    if not figure.data:
        return None
    ink = {"color": INK, "size": size}
    two_rows = len(figure.data) > 1  # a legend under the title needs room for two rows
    figure.update_layout(
        title={"text": t("ranked_places", lang) + " · "
               + vocab_label(vocab, "metrics", metric, lang),
               "font": {**ink, "size": size + 3}, "yref": "container", "y": 1.0,
               "yanchor": "top", "pad": {"t": 8}},
        barmode="group", height=chart_height(len(order), present),
        yaxis={"categoryorder": "array", "categoryarray": order[::-1], "tickfont": ink,
               **STEADY_TICKS},
        xaxis={"title": {"text": unit_label, "font": ink}, "tickfont": ink,
               "range": [0, (top or 1) * VALUE_ROOM], **STEADY_TICKS},
        # the legend under the title, where it cannot hit the axis title
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": ink},
        margin={"l": 10, "r": 10, "b": 10,
                "t": 2 * size + 3 * (size + 8) if two_rows else 2 * size + 20},
        font={"family": FONT_FAMILY, **ink})
    return figure
