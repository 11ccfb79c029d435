"""The map's discrete legend: one swatch per class with its range, then a hatched "no data".

Drawn with layout shapes and annotations rather than plotly's trace legend, because a trace
legend cannot show a hatch (the no-data pattern) and would toggle traces on click. The legend
sits in its own column right of the drawing, top-aligned, so it is in view with the map and
never covers a place. Positions are in pixels from the drawing's top-right corner, so the
legend keeps its size however wide the page is.
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.theme import INK

__all__ = ["legend_items", "legend_width"]

ROW_EM = 1.5  # one legend row, in legend font sizes
SWATCH_EM = 1.0  # swatch side, in legend font sizes
GAP_EM = 0.5  # swatch to text, and drawing to legend, in legend font sizes
HATCH_STEP_EM = 0.25  # hatch line spacing inside the no-data swatch
NO_DATA_GAP_ROWS = 0.4  # extra space that sets "no data" apart from the classes
WIDE_CHAR_EM = 1.0  # a CJK character
NARROW_CHAR_EM = 0.6  # a digit or Latin letter (cautious)


def text_width(text: str, font_px: float) -> float:
    """Estimated width of `text` in px (the server cannot measure fonts)."""
    return sum(font_px * (WIDE_CHAR_EM if ord(char) > 0x2E80 else NARROW_CHAR_EM)
               for char in text)


def legend_width(title: str, entries: Sequence[str], font_px: float) -> int:
    """Right margin the legend needs: gap, swatch, gap, the longest text, gap."""
    longest = max([text_width(title, font_px)] +
                  [font_px * (SWATCH_EM + GAP_EM) + text_width(e, font_px) for e in entries])
    return round(longest + 3 * GAP_EM * font_px)


def _hatch_path(left: float, bottom: float, side: float, step: float) -> str:
    """Diagonal lines (↗) clipped to the square [left, left+side] × [bottom, bottom+side]."""
    moves = []
    offset = -side + step
    while offset < side:
        x0, y0 = max(0.0, offset), max(0.0, -offset)
        x1, y1 = min(side, side + offset), min(side, side - offset)
        moves.append(f"M{left + x0:.1f},{bottom + y0:.1f}L{left + x1:.1f},{bottom + y1:.1f}")
        offset += step
    return "".join(moves)


def _swatch(row_top: float, font_px: float, fill: str, line: dict | None = None) -> dict:
    side = font_px * SWATCH_EM
    left = font_px * GAP_EM
    top = -row_top - (font_px * ROW_EM - side) / 2
    return {"type": "rect", "xref": "paper", "yref": "paper", "xsizemode": "pixel",
            "ysizemode": "pixel", "xanchor": 1, "yanchor": 1, "x0": left, "x1": left + side,
            "y0": top - side, "y1": top, "fillcolor": fill,
            "line": line or {"width": 0}, "layer": "above"}


def _text(text: str, row_top: float, font_px: float, indent: float, colour: str = INK) -> dict:
    return {"text": text, "xref": "paper", "yref": "paper", "x": 1, "y": 1,
            "xanchor": "left", "yanchor": "middle", "xshift": indent,
            "yshift": -row_top - font_px * ROW_EM / 2, "showarrow": False, "align": "left",
            "font": {"size": font_px, "color": colour}, "name": "legend"}


def legend_items(title: str, colours: Sequence[str], ranges: Sequence[str], no_data: str,
                 font_px: float, *, no_data_fill: str, hatch_colour: str,
                 border: str) -> tuple[list[dict], list[dict]]:
    """(shapes, annotations) of the legend: title (the unit), classes low to high, no data."""
    indent = font_px * (2 * GAP_EM + SWATCH_EM)
    row = font_px * ROW_EM
    annotations = [_text(title, 0, font_px, font_px * GAP_EM)] if title else []
    shapes = []
    top = row if title else 0.0
    for colour, text in zip(colours, ranges, strict=True):
        shapes.append(_swatch(top, font_px, colour))
        annotations.append(_text(text, top, font_px, indent))
        top += row
    top += row * NO_DATA_GAP_ROWS if colours else 0
    box = _swatch(top, font_px, no_data_fill, {"color": border, "width": 1})
    shapes.append(box)
    shapes.append({**box, "type": "path", "fillcolor": "rgba(0,0,0,0)",
                   "line": {"color": hatch_colour, "width": 1},
                   "path": _hatch_path(box["x0"], box["y0"], box["x1"] - box["x0"],
                                       font_px * HATCH_STEP_EM)})
    for key in ("x0", "x1", "y0", "y1"):
        shapes[-1].pop(key)
    annotations.append(_text(no_data, top, font_px, indent))
    return shapes, annotations
