"""The map's discrete legend: one swatch per class with its range, then a hatched "no data".

Drawn with layout shapes and annotations rather than plotly's trace legend, because a trace
legend cannot show a hatch (the no-data pattern) and would toggle traces on click. The legend
is in view with the map and never covers a place: for a tall layer (the drawing is limited by
the plot's height, so width is spare) it is a column right of the drawing; for a wide layer
(limited by width) it is one or two rows between the subtitle and the drawing. Positions are
in pixels from a corner of the drawing, so the legend keeps its size however wide the page is.
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.theme import INK, text_width

__all__ = ["legend_items", "legend_width"]

ROW_EM = 1.5  # one legend row, in legend font sizes
SWATCH_EM = 1.0  # swatch side, in legend font sizes
GAP_EM = 0.5  # swatch to text, and drawing to legend, in legend font sizes
HATCH_STEP_EM = 0.25  # hatch line spacing inside the no-data swatch
NO_DATA_GAP_ROWS = 0.4  # extra space that sets "no data" apart from the classes
ROW_INDENT_PX = 8  # rows start where the title does
ROW_GAP_PX = 6  # between the legend rows and the drawing
ROW_TOP_GAP_PX = 10  # between the subtitle and the legend rows


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


def _swatch(row_top: float, left: float, font_px: float, anchor: tuple[float, float],
            fill: str, line: dict) -> dict:
    """A square swatch `left` px right of the anchor, in the row starting `row_top` px below
    it (negative: above)."""
    side = font_px * SWATCH_EM
    top = -row_top - (font_px * ROW_EM - side) / 2
    return {"type": "rect", "xref": "paper", "yref": "paper", "xsizemode": "pixel",
            "ysizemode": "pixel", "xanchor": anchor[0], "yanchor": anchor[1], "x0": left,
            "x1": left + side, "y0": top - side, "y1": top, "fillcolor": fill,
            "line": line, "layer": "above"}


def _text(text: str, row_top: float, left: float, font_px: float,
          anchor: tuple[float, float]) -> dict:
    return {"text": text, "xref": "paper", "yref": "paper", "x": anchor[0], "y": anchor[1],
            "xanchor": "left", "yanchor": "middle", "xshift": left,
            "yshift": -row_top - font_px * ROW_EM / 2, "showarrow": False, "align": "left",
            "font": {"size": font_px, "color": INK}, "name": "legend"}


def _entries(title: str, colours: Sequence[str], ranges: Sequence[str],
             no_data: str) -> list[tuple[str | None, str]]:
    """(swatch colour or None for text only or "hatch", text), in reading order."""
    return ([(None, title)] if title else []) + list(zip(colours, ranges, strict=True)) + [
        ("hatch", no_data)]


def _column(entries, font_px: float) -> tuple[list[tuple[float, float]], int, int]:
    """Positions (left, row_top) of a column right of the drawing, its width and height."""
    row, gap = font_px * ROW_EM, font_px * GAP_EM
    places, top = [], 0.0
    for colour, _ in entries:
        top += row * NO_DATA_GAP_ROWS if colour == "hatch" and len(entries) > 2 else 0
        places.append((gap, top))
        top += row
    title = entries[0][1] if entries[0][0] is None else ""
    width = legend_width(title, [text for colour, text in entries if colour is not None],
                         font_px)
    return places, width, 0


def _row(entries, font_px: float, width_px: float) -> tuple[list[tuple[float, float]], int, int]:
    """Positions of rows above the drawing (wrapped at `width_px`), and the height they add."""
    row, gap = font_px * ROW_EM, font_px * GAP_EM
    spans = [(0 if colour is None else font_px * (SWATCH_EM + GAP_EM)) + text_width(text, font_px)
             for colour, text in entries]
    lines, x = [[]], ROW_INDENT_PX
    for span in spans:
        if lines[-1] and x + span > width_px:
            lines.append([])
            x = ROW_INDENT_PX
        lines[-1].append(x)
        x += span + 2 * gap
    height = len(lines) * row + ROW_GAP_PX
    places = [(left, r * row - height) for r, line in enumerate(lines) for left in line]
    return places, 0, round(height + ROW_TOP_GAP_PX)


def legend_items(title: str, colours: Sequence[str], ranges: Sequence[str], no_data: str,
                 font_px: float, *, no_data_fill: str, hatch_colour: str, border: str,
                 row_width: float | None = None) -> tuple[list[dict], list[dict], int, int]:
    """(shapes, annotations, right margin, extra top margin) of the legend: the unit, the
    classes low to high, then no data. A column right of the drawing, or (`row_width` px
    given) rows above it."""
    entries = _entries(title, colours, ranges, no_data)
    if row_width:
        places, right, top = _row(entries, font_px, row_width)
        anchor = (0, 1)
    else:
        places, right, top = _column(entries, font_px)
        anchor = (1, 1)
    indent = font_px * (SWATCH_EM + GAP_EM)
    shapes, annotations = [], []
    for (colour, text), (left, row_top) in zip(entries, places, strict=True):
        if colour is None:
            annotations.append(_text(text, row_top, left, font_px, anchor))
            continue
        fill = no_data_fill if colour == "hatch" else colour
        # Every swatch is outlined: the lightest class is near white, and on the white page
        # (or a greyscale printout) an unframed light square reads as nothing there.
        box = _swatch(row_top, left, font_px, anchor, fill, {"color": border, "width": 1})
        shapes.append(box)
        if colour == "hatch":
            hatch = {**box, "type": "path", "fillcolor": "rgba(0,0,0,0)",
                     "line": {"color": hatch_colour, "width": 1},
                     "path": _hatch_path(box["x0"], box["y0"], box["x1"] - box["x0"],
                                         font_px * HATCH_STEP_EM)}
            for key in ("x0", "x1", "y0", "y1"):
                hatch.pop(key)
            shapes.append(hatch)
        annotations.append(_text(text, row_top, left + indent, font_px, anchor))
    return shapes, annotations, right, top
