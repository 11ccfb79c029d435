"""Numbers as Chinese articles write them: `4.35`, `1,000`, `４．３５`, `1.2万`, `一万亿`, `两千`.

Split out of loaders/quantity.py so that the numeral grammar (digit groups split by 万 and 亿,
colloquial `三百五` = 350, `二〇二四` read digit by digit) can be read and tested apart from
units and from finding figures in text. Values are exact fractions, never floats, so that a
unit factor applied later (`4.35` × 万) loses nothing; `to_float` is the only rounding step.
loaders.quantity re-exports QuantityError and parse_number, so callers keep one import.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

__all__ = ["CN_CHARS", "MULTIPLIERS", "QuantityError", "exact", "parse_number", "to_float"]


class QuantityError(ValueError):
    """A number or unit this module cannot read; the message names the offending text."""


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
# Every character a Chinese numeral may contain (loaders.quantity scans text for runs of them).
CN_CHARS = "".join(_DIGITS) + "十百千万亿"
MULTIPLIERS = {"十": 10, "百": 100, "千": 10**3, "万": 10**4, "十万": 10**5, "百万": 10**6,
               "千万": 10**7, "亿": 10**8, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11,
               "万亿": 10**12}
_ARABIC = re.compile(r"([+-]?)((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)([十百千万亿]*)")


def _section(text: str, top: bool) -> int:
    """A numeral below 10 000 (`一千零五`, `二十`, colloquial `三百五` = 350)."""
    total, last, pending, zero = 0, 10**4, None, False
    for i, char in enumerate(text):
        if char in "零〇" and pending is None:
            zero = True
        elif char in _DIGITS and pending is None:
            pending = _DIGITS[char]
        elif char in _SMALL and _SMALL[char] < last and (pending is not None or top and i == 0):
            total += (1 if pending is None else pending) * _SMALL[char]
            last, pending, zero = _SMALL[char], None, False
        else:
            raise QuantityError(f"not a Chinese numeral: {text!r}")
    if pending is not None:
        total += pending * (last // 10 if last in (100, 1000) and not zero else 1)
    return total


def _chinese(text: str, top: bool = True) -> int:
    """Chinese numeral → int; 万 and 亿 split the numeral into groups (`一万亿` = 10**12)."""
    if len(text) > 1 and all(c in _DIGITS for c in text):  # read digit by digit: 二〇二四
        return int("".join(str(_DIGITS[c]) for c in text))
    for big, size in (("亿", 10**8), ("万", 10**4)):
        if big in text:
            left, right = text[:text.rindex(big)], text[text.rindex(big) + 1:]
            if (not left and not top) or (big == "万" and "万" in left):
                raise QuantityError(f"not a Chinese numeral: {text!r}")
            high = _chinese(left, top) if left else 1
            if len(right) == 1 and right in _DIGITS and _DIGITS[right]:  # 两万五 = 25 000
                return high * size + _DIGITS[right] * size // 10
            low = _chinese(right, False) if right else 0
            if low >= size:
                raise QuantityError(f"not a Chinese numeral: {text!r}")
            return high * size + low
    return _section(text, top)


def exact(text: str) -> Fraction:
    """The number in `text` as an exact fraction (see parse_number)."""
    s = unicodedata.normalize("NFKC", str(text)).strip().replace("\u2212", "-")
    match = _ARABIC.fullmatch(s)
    if match:
        sign, digits, mult = match.groups()
        if mult and mult not in MULTIPLIERS:
            raise QuantityError(f"unknown multiplier {mult!r} in {text!r}")
        try:
            value = Fraction(digits.replace(",", "")) * MULTIPLIERS.get(mult, 1)
        except ValueError as exc:  # more digits than int() accepts
            raise QuantityError(f"number too long: {text[:40]!r}") from exc
        return -value if sign == "-" else value
    sign = -1 if s[:1] in ("-", "负") else 1
    body = s[1:] if sign < 0 else s
    if 0 < len(body) <= 60 and all(c in CN_CHARS for c in body):
        return Fraction(sign * _chinese(body))
    raise QuantityError(f"not a number: {text!r}")


def parse_number(text: str) -> float:
    """`4.35`, `1,000`, `４．３５`, `-3`, `一万亿`, `两千`, `十二`, `1.2万` → float."""
    return to_float(exact(text), text)


def to_float(value: Fraction, text: str) -> float:
    """`value` as the nearest float; QuantityError (naming `text`) past the largest float."""
    try:
        return float(value)
    except OverflowError as exc:
        raise QuantityError(f"number too large: {text[:40]!r}") from exc
