"""Colour classes for the choropleth: skewed regional figures read as ranks, not as one outlier.

News figures per county are heavily skewed (one large project beside a handful of small ones).
A linear colour scale paints everything but the outlier the same pale tint, so values are put
into classes instead: quantile classes (each class holds about as many places), with break
values rounded to the "nicest" number between the two neighbouring values, so the legend reads
"5–10亿元" and not "5.37–9.81亿元".

The palette is ColorBrewer's YlGnBu (colour-blind safe, sequential), picked so that adjacent
classes differ clearly in luminance (also on a greyscale print) and the lowest class is clearly
tinted: a value of 0 never looks like "no data", which is white with a hatch.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["CLASS_PALETTES", "MAX_CLASSES", "NO_DATA_FILL", "breaks", "class_labels",
           "classify", "contrast", "ink_for", "luminance", "palette"]

MAX_CLASSES = 5  # more classes than a reader can match by eye against a legend
# ColorBrewer YlGnBu, thinned so that neighbours differ by ≥ 1.4:1 in luminance; none falls in
# the band where neither white nor near-black text reaches 4.5:1 (luminance ≈ 0.18–0.22).
CLASS_PALETTES: dict[int, list[str]] = {
    1: ["#41b6c4"],
    2: ["#c7e9b4", "#225ea8"],
    3: ["#c7e9b4", "#1d91c0", "#081d58"],
    4: ["#c7e9b4", "#41b6c4", "#225ea8", "#081d58"],
    5: ["#c7e9b4", "#41b6c4", "#1d91c0", "#225ea8", "#081d58"],
}
NO_DATA_FILL = "#ffffff"  # drawn with a hatch on top, so it stays distinct in greyscale
INK_DARK = "#1a1a1a"
INK_LIGHT = "#ffffff"
# Break steps, nicest first within one power of ten: 10, 5, 2 (then the next power down).
_STEPS = (1.0, 0.5, 0.2)


def palette(n_classes: int) -> list[str]:
    return CLASS_PALETTES[max(1, min(n_classes, MAX_CLASSES))]


def _nice_between(low: float, high: float) -> float:
    """The roundest number in (low, high]: fewest significant digits, 1/5/2 preferred, the one
    nearest the middle of the gap (geometric middle for positive values) among equals."""
    if high <= low:
        return high
    middle = math.sqrt(low * high) if low > 0 else (low + high) / 2
    top = math.floor(math.log10(max(abs(low), abs(high)))) + 1
    for exponent in range(top, top - 12, -1):
        for factor in _STEPS:
            step = factor * 10.0 ** exponent
            first, last = math.floor(low / step) + 1, math.floor(high / step)
            if first <= last:
                best = min(range(first, last + 1), key=lambda k: abs(k * step - middle))
                return round(best * step, 12)
    return high


def breaks(values: Sequence[float], max_classes: int = MAX_CLASSES) -> list[float]:
    """Lower bounds of classes 2..k (k = min(max_classes, distinct values)), ascending.

    Quantile classes over the distinct values, so one outlier takes one class and the rest
    spread over the others; each break is a round number between two neighbouring values.
    """
    distinct = sorted({float(v) for v in values if v is not None and not math.isnan(v)})
    k = min(max_classes, len(distinct))
    cuts = sorted({round(j * len(distinct) / k) for j in range(1, k)}) if k > 1 else []
    return [_nice_between(distinct[i - 1], distinct[i]) for i in cuts if 0 < i < len(distinct)]


def classify(value: float, bounds: Sequence[float]) -> int:
    """Class index of `value`: 0 below the first break, len(bounds) at or above the last."""
    return sum(1 for bound in bounds if value >= bound)


def _number(value: float) -> str:
    text = f"{value:,.2f}" if abs(value) < 100 else f"{value:,.1f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def class_labels(low: float, high: float, bounds: Sequence[float],
                 counted: bool = False) -> list[str]:
    """One range per class in display units: "4.2–5", "5–10", …, "100–135.3"; the outer ends
    are the smallest and largest value shown. A break belongs to the class it starts.

    `counted` values (whole numbers of facts or projects, unscaled) with whole breaks read
    as whole ranges, "1–4", "5–7", …: "1–5, 5–8" would leave a reader guessing where a 5
    goes."""
    whole = counted and all(float(v).is_integer() for v in bounds)
    ends = [bound - 1 for bound in bounds] if whole else list(bounds)
    labels = []
    for start, end in zip([low, *bounds], [*ends, high], strict=True):
        labels.append(_number(start) if math.isclose(start, end) else
                      f"{_number(start)}–{_number(end)}")
    return labels


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio (1–21) of two #rrggbb colours."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ink_for(fill: str) -> str:
    """The text colour (near-black or white) with the higher contrast on `fill`."""
    return max((INK_DARK, INK_LIGHT), key=lambda ink: contrast(ink, fill))
