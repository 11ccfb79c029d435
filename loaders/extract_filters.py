"""Numbers with a unit that are not figures of the dashboard (for loaders.extract).

Each rule names a kind of phrase, never an article's wording: a threshold that defines a class
of projects (5000万元以上项目, 亿元以上工业项目, 生产总值过2000亿元的), a milestone crossed
(首次突破万亿元), a scale label (千万千瓦级基地, 百万吨级), a difference (比上年增加122个),
heat rather than generating capacity (58MW热水锅炉, 供热能力900MW), and numbers inside quoted
names. A curator never has to delete these from the candidate list.
"""

from __future__ import annotations

import re

from loaders.numerals import CN_CHARS
from loaders.quantity import Found

__all__ = ["not_a_figure"]

_THRESHOLD = re.compile(r"^(?:以上|及以上)的?[^,。;:、0-9]{0,8}?(?:项目|企业|工程|工业|产业)")
_CROSSED = re.compile(r"(?:突破|迈上|跨越|跨上|跃上|站上|超过|超|过|破)$")
_DIFFERENCE = re.compile(r"(?:增加|减少|多出|少了|多了|增长了?|下降了?)$")
_HEAT = re.compile(r"锅炉|供热|供暖|采暖|热水|蒸汽|热源|热负荷")
_QUOTED = re.compile(r"“[^”,。]{0,8}$")
_CLAUSE = re.compile(r"[,。;:!?]")


def _clause_around(text: str, found: Found) -> str:
    starts = [m.end() for m in _CLAUSE.finditer(text, max(0, found.start - 40), found.start)]
    lo = starts[-1] if starts else max(0, found.start - 40)
    end = _CLAUSE.search(text, found.end)
    return text[lo:end.start() if end else len(text)]


def not_a_figure(text: str, found: Found, window: str) -> str | None:
    """Why the number at `found` is not a figure (None when it is one).

    `window` is the text between the previous figure of the sentence and this one.
    """
    after = text[found.end:found.end + 14]
    bare = all(ch in CN_CHARS[-5:] for ch in found.raw_value)  # 万亿元, 千万千瓦: no digits
    if found.unit == "CNY" and (_THRESHOLD.match(after) or (
            window.endswith("过") and re.match(r"的[0-9一二两三四五六七八九十]", after))):
        return "threshold"  # 5000万元以上重点项目, 过2000亿元的1个
    if bare and _CROSSED.search(window):
        return "milestone"  # 首次突破万亿元
    if found.unit != "CNY" and after.startswith("级"):
        return "scale label"  # 3个千万千瓦级基地
    if found.unit == "count" and _DIFFERENCE.search(window):
        return "difference"  # 比上年增加122个
    if found.unit == "MW" and _HEAT.search(_clause_around(text, found)):
        return "heat capacity"  # 2台58MW热水锅炉, 供热能力900MW
    if _QUOTED.search(window) and re.match(r"[^“,。]{0,6}”", after):
        return "name"  # “千万头肉牛工程”
    return None
