"""The curator assistant's pure parts: the reviewed columns a curator edits first, and the
article as safe HTML with its figures highlighted.

The article is user input, so every slice of it is HTML-escaped before the <mark> highlights
are added around the figures (tests/test_hostile_urls.py lists this as a reviewed sink).
"""

from __future__ import annotations

import html

# The columns a curator checks first, in the order of the review table.
EDITOR_FIRST = ["reviewed", "confidence", "raw_value", "raw_unit", "metric", "subject",
                "place_adcode", "zone_id", "scope", "status", "qualifier", "period", "excerpt",
                "note"]


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
