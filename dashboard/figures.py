"""The ranked places as plain data: DataFrame in, rows of text and bar lengths out.

Why not a plotly chart: a ranked list needs no axes, and plotly.js measured the chart's tick
labels and redrew it on every rerun of the landing page (some 200 ms of the browser's time).
The list is drawn as HTML by ui/ranked_bars.py; this module decides what it says.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.fmt import format_value
from dashboard.i18n import t, vocab_label


def ranked_rows(series: Mapping[str, pd.DataFrame], names: Mapping[str, str], metric: str,
                vocab: Mapping, lang: str, unit: str = "CNY") -> dict | None:
    """Places ranked by value (`series`: basis → aggregate.by_place frame, each sorted
    high to low). A place comes where its first basis ranks it; with two bases it carries
    a bar for each, side by side and never summed. Every bar's `share` is its value over
    the largest value shown, so both bases share one scale. Places without a value are not
    listed. None when there is nothing to list.

    Returns {"title", "legend": [{"basis", "label"}] (only with two bases),
    "rows": [{"adcode", "place", "bars": [{"basis", "label", "value_text", "share"}]}]}."""
    shown = {basis: frame for basis, frame in series.items() if not frame.empty}
    if not shown:
        return None
    top = max(float(frame["value"].max()) for frame in shown.values())
    rows: dict[str, dict] = {}
    for basis, frame in shown.items():
        label = t(f"basis_{basis}", lang)
        for code, value in zip(frame["adcode"], frame["value"], strict=True):
            row = rows.setdefault(code, {"adcode": code, "place": names.get(code, code),
                                         "bars": []})
            row["bars"].append({
                "basis": basis, "label": label, "value_text": format_value(value, unit, lang),
                "share": min(1.0, max(0.0, float(value) / top)) if top > 0 else 0.0})
    return {
        "title": t("ranked_places", lang) + " · " + vocab_label(vocab, "metrics", metric, lang),
        "legend": ([{"basis": basis, "label": t(f"basis_{basis}", lang)} for basis in shown]
                   if len(shown) > 1 else []),
        "rows": list(rows.values()),
    }
