"""The curator assistant's pure parts: the reviewed columns a curator edits first, and the
article as safe HTML with its figures highlighted.

The article is user input, so every slice of it is HTML-escaped before the <mark> highlights
are added around the figures (tests/test_hostile_urls.py lists this as a reviewed sink).
"""

from __future__ import annotations

import html

import pandas as pd

# The columns a curator checks first, in the order of the review table.
EDITOR_FIRST = ["reviewed", "confidence", "raw_value", "raw_unit", "metric", "subject",
                "place", "place_evidence", "period", "period_evidence", "zone_id", "scope",
                "status", "qualifier", "excerpt", "note"]
PLACE = "place"  # the editable place column: a gazetteer name, never a typed code


def place_options(places: pd.DataFrame) -> dict[str, str]:
    """Gazetteer label → adcode for the place select: "敦化市 · 延边朝鲜族自治州", so places
    with the same name in two prefectures stay apart; the code never has to be typed."""
    names = dict(zip(places["adcode"], places["name_zh"], strict=True))
    parents = dict(zip(places["adcode"], places["parent_adcode"], strict=True))
    options = {}
    for code in places["adcode"]:
        parent = names.get(parents.get(code) or "", "")
        options[f"{names[code]} · {parent}" if parent else names[code]] = code
    return options


def with_place_names(frame: pd.DataFrame, options: dict[str, str]) -> pd.DataFrame:
    """The candidates with their place as a gazetteer label (the column a curator edits)."""
    labels = {code: label for label, code in options.items()}
    return frame.assign(**{PLACE: frame["place_adcode"].map(labels).fillna("")})


def with_place_codes(edited: pd.DataFrame, options: dict[str, str]) -> pd.DataFrame:
    """The reviewed candidates with place_adcode taken from the chosen gazetteer label."""
    codes = edited[PLACE].map(options)
    return edited.assign(place_adcode=codes.fillna(edited["place_adcode"]))


def highlighted_html(original: str, spans: list[tuple[int, int]], rows: list[dict]) -> str:
    """The article as safe HTML: every piece of text escaped, figures wrapped in <mark>."""
    parts, pos = [], 0
    for (start, end), row in sorted(zip(spans, rows, strict=True), key=lambda item: item[0]):
        if start < pos:
            continue
        title = html.escape(f"{row['fact_id']} {row['metric'] or '?'} {row['place_adcode']}",
                            quote=True)
        parts.append(html.escape(original[pos:start]))
        parts.append(f'<mark title="{title}">{html.escape(original[start:end])}</mark>')
        pos = end
    parts.append(html.escape(original[pos:]))
    return ('<div class="article-text">' + "".join(parts) + "</div>")
