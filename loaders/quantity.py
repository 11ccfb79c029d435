"""Chinese quantities: numbers as written (`4.35`, `一万`, `两`), units (`万千瓦`), base units.

Curated rows keep a figure exactly as the article wrote it (`raw_value`, `raw_unit`) so a
reader can check it against the excerpt; the app needs one comparable number per base unit
(data/vocab.yaml `units`). This module is the single bridge between the two, and its inverse
`format_raw` lets tests prove the bridge loses nothing. Arithmetic is on exact fractions, so
`4.35万平方米` is exactly 43500 m2 and format_raw → parse_quantity gives back the same float.

Resolved ambiguities: a bare multiplier unit (`万`, `亿`, `个亿`) counts things unless the
caller passes the base unit it expects (`1个亿的产值` is money only in context); `半` is not a
number (it is in 上半年, 半导体); durations (`8年`) and lengths (`公里`) have no base unit.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import NamedTuple

# Numbers themselves (Chinese numerals, full-width digits, 万/亿 groups) are read by
# loaders.numerals; QuantityError and parse_number are re-exported so callers keep one import.
from loaders.numerals import CN_CHARS, MULTIPLIERS, QuantityError, exact, parse_number, to_float

__all__ = ["BASE_UNITS", "QUALIFIER_WORDS", "Found", "Quantity", "QuantityError",
           "find_quantities", "format_raw", "parse_number", "parse_quantity", "qualifier_of"]

BASE_UNITS = ("CNY", "MW", "t", "t/yr", "t/day", "t/h", "m2", "mu", "count", "count/h",
              "count/yr", "percent", "pp", "person")


class Quantity(NamedTuple):
    value: float
    unit: str


class Found(NamedTuple):
    """A figure found in text: `text[start:end]` holds the number and unit as written."""

    start: int
    end: int
    raw_value: str
    raw_unit: str
    value: float
    unit: str
    qualifier: str


# ---- units -----------------------------------------------------------------------------------
_COUNT_WORDS = ("个 户 家 项 条 栋 幢 处 座 批 件 台 套 辆 头 只 株 所 间 种 棒 袋 剂 枚 张 部 "
                "支 箱 盒 瓶 份 款 类 次").split()
_RATES = {"t": ("吨",), "count": _COUNT_WORDS}
_PER = {"/年": "yr", "每年": "yr", "/日": "day", "每日": "day", "/天": "day", "每天": "day",
        "/小时": "h", "每小时": "h", "/时": "h", "/h": "h"}
_RATE_UNITS = {"t/yr", "t/day", "t/h", "count/h", "count/yr"}
_F = Fraction
_WORDS: dict[str, tuple[Fraction, str]] = {
    **dict.fromkeys(("元", "人民币"), (_F(1), "CNY")), "瓦": (_F(1, 10**6), "MW"),
    **dict.fromkeys(("千瓦", "kW", "KW"), (_F(1, 1000), "MW")),
    **dict.fromkeys(("兆瓦", "MW"), (_F(1), "MW")),
    **dict.fromkeys(("吉瓦", "GW"), (_F(1000), "MW")),
    "吨": (_F(1), "t"), **dict.fromkeys(("公斤", "千克"), (_F(1, 1000), "t")),
    **dict.fromkeys(("平方米", "平米", "m2"), (_F(1), "m2")), "公顷": (_F(10**4), "m2"),
    **dict.fromkeys(("平方公里", "平方千米", "km2"), (_F(10**6), "m2")), "亩": (_F(1), "mu"),
    **dict.fromkeys(("人", "名", "人次"), (_F(1), "person")),
    **dict.fromkeys(_COUNT_WORDS, (_F(1), "count")),
}
_WORDS.update({word + per: (factor, f"{base}/{_PER[per]}") for base, words in _RATES.items()
               for word in words for per in _PER for factor in [_WORDS[word][0]]
               if f"{base}/{_PER[per]}" in _RATE_UNITS})
# Every unit a figure may carry: a word, optionally after a multiplier (万吨, 亿元, 万千瓦).
_UNITS = {prefix + word: (factor * MULTIPLIERS.get(prefix, 1), base)
          for word, (factor, base) in _WORDS.items() for prefix in ["", *MULTIPLIERS]}
_UNITS.update({"%": (_F(1), "percent"), "个百分点": (_F(1), "pp"), "百分点": (_F(1), "pp"),
               "个亿": (_F(10**8), "count"), "亿": (_F(10**8), "count"),
               "万": (_F(10**4), "count")})
_LONGEST_UNIT = max(map(len, _UNITS))


def _unit(raw_unit: str) -> tuple[Fraction, str, bool]:
    """(factor to base, base unit, is a bare multiplier) for a raw unit, or QuantityError."""
    unit = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(raw_unit)))
    if unit in _UNITS:
        return (*_UNITS[unit], unit == "个亿" or unit in MULTIPLIERS)
    if unit.removeprefix("个") in MULTIPLIERS:
        return Fraction(MULTIPLIERS[unit.removeprefix("个")]), "count", True
    raise QuantityError(f"unknown unit {raw_unit!r}")


def parse_quantity(raw_value: str, raw_unit: str, *, expect: str | None = None) -> Quantity:
    """The figure in its base unit: ("80", "亿元") → Quantity(8e9, "CNY").

    `expect` (a base unit, e.g. the metric's) only decides what a bare multiplier unit counts:
    ("1", "个亿", expect="CNY") is 1e8 CNY; without it, 1e8 count.
    """
    factor, base, bare = _unit(raw_unit)
    return Quantity(to_float(exact(raw_value) * factor, raw_value), expect if bare and expect
                    else base)


_FORMATS = {"CNY": ("万亿元", "亿元", "万元", "元"), "MW": ("万千瓦", "兆瓦", "千瓦"),
            "t": ("万吨", "吨"), "t/yr": ("万吨/年", "吨/年"), "t/day": ("万吨/日", "吨/日"),
            "t/h": ("万吨/小时", "吨/小时"), "m2": ("万平方米", "平方米"), "mu": ("万亩", "亩"),
            "count": ("亿个", "万个", "个"), "count/h": ("万个/小时", "个/小时"),
            "count/yr": ("万个/年", "个/年"), "percent": ("%",), "pp": ("个百分点",),
            "person": ("万人", "人")}


def format_raw(value: float, unit: str) -> tuple[str, str]:
    """(raw_value, raw_unit) as an article would write it: (1.876e10, "CNY") → ("187.6", "亿元").

    Picks the largest natural unit the value reaches, then the shortest decimal that
    parse_quantity turns back into exactly `value`.
    """
    if unit not in _FORMATS:
        raise QuantityError(f"unknown base unit {unit!r}")
    exact = Fraction(value)
    choices = _FORMATS[unit]
    raw_unit = next((u for u in choices if abs(exact) >= _UNITS[u][0]), choices[-1])
    scaled = exact / _UNITS[raw_unit][0]
    digits = len(str(abs(scaled.numerator))) + scaled.denominator.bit_length() + 2
    for precision in [*range(1, 18), digits]:  # the last one is exact (denominator 2^a·5^b)
        with localcontext() as ctx:
            ctx.prec = precision
            number = Decimal(scaled.numerator) / Decimal(scaled.denominator)
        try:
            if float(Fraction(number) * _UNITS[raw_unit][0]) == value:
                break
        except OverflowError:  # rounded up past the largest float: needs more digits
            continue
    text = format(number.normalize(), "f")
    return ("0" if text in ("-0", "0") else text), raw_unit


# ---- qualifiers ------------------------------------------------------------------------------
# Words right before the number / right after the unit; None marks look-alikes (签约 is not 约).
_BEFORE = {"约": "approx", "大约": "approx", "近": "approx", "将近": "approx", "接近": "approx",
           "超过": "at_least", "超": "at_least", "逾": "at_least", "不低于": "at_least",
           "不少于": "at_least", "不超过": "at_most", "不到": "at_most", "不足": "at_most",
           "低于": "at_most", "过": "at_least",
           **dict.fromkeys(("签约", "合约", "节约", "制约", "预约", "履约", "条约", "集约", "公约",
                            "违约", "附近", "最近", "就近", "临近", "邻近", "靠近", "通过", "经过",
                            "不过", "度过", "错过", "透过", "看过", "做过", "走过", "路过"))}
_AFTER = {"左右": "approx", "上下": "approx", "以上": "at_least", "多": "at_least",
          "余": "at_least", "有余": "at_least", "以下": "at_most", "以内": "at_most",
          "之内": "at_most", **dict.fromkeys(("上下游", "余额", "余热", "多元", "多样", "多个",
                                              "多家", "多项", "多种", "多次", "多方"))}
# Words anywhere in the few characters before the number.
_CONTEXT = {"target": ("力争", "目标", "确保", "争取"),
            "expected": ("预计", "将", "可实现", "建成后", "有望", "预期")}
QUALIFIER_WORDS: dict[str, tuple[str, ...]] = {
    q: tuple(w for table in (_BEFORE, _AFTER) for w, t in table.items() if t == q)
    + _CONTEXT.get(q, ()) for q in ("approx", "at_least", "at_most", "target", "expected")}


def _adjacent(table: dict[str, str | None], text: str, at_end: bool) -> str | None:
    words = [w for w in table if (text.endswith(w) if at_end else text.startswith(w))]
    return table[max(words, key=len)] if words else None


def qualifier_of(before: str, after: str) -> str:
    """The vocab qualifier implied by the words around a figure (`近`80亿元 → approx).

    A bound on the number itself (约, 以上, 以内) wins over the mood of the sentence (力争,
    预计): `预计…10亿元以上` is at_least. `达到…目标` counts as target.
    """
    bound = _adjacent(_BEFORE, before, True) or _adjacent(_AFTER, after, False)
    if bound:
        return bound
    if any(w in before for w in _CONTEXT["target"]) or ("达到" in before and "目标" in after):
        return "target"
    return "expected" if any(w in before for w in _CONTEXT["expected"]) else "exact"


# ---- finding figures in text -----------------------------------------------------------------
_NUMBER = re.compile(r"(?<![0-9.A-Za-z])(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
                     rf"|(?<![0-9])[{CN_CHARS}]+")
_FIND_UNITS = {u: v for u, v in _UNITS.items() if u not in MULTIPLIERS}
_NOT_BEFORE = {"个": ("月", "小时", "季度", "工作日", "年头"), "处": ("理",), "瓦": ("时",),
               "W": ("h",), "个亿": ("元",)}  # 100个亿元以上项目: 100 projects, not 1e10
# A bare 亿/万 is money only right after a money word (總投資201億, written without 元).
_MONEY_BEFORE = re.compile(r"(?:投资|投资额|总额|产值|收入|营收|税收|资金|金额|规模)"
                           r"(?:达到?|约|近|超过?)?$")
_RANGE = ("-", "—", "–", "~", "至", "到", "——")
_SENTENCE_END = re.compile(r"[。；;！!？?]")
_PER_YEAR = re.compile(r"(?<![0-9])年(?:产|处理|加工|交易|销售|生产|吞吐|出栏)")
_PER_DAY = re.compile(r"日(?:产|处理|加工)")
_IDIOMS = ("千家万户", "万家灯火", "千千万万", "千万万")


def _unit_at(text: str, pos: int) -> str | None:
    """The longest unit starting at `pos`, unless what follows makes it another word."""
    for length in range(min(_LONGEST_UNIT, len(text) - pos), 0, -1):
        unit = text[pos:pos + length]
        rest = text[pos + length:pos + length + 4]
        if unit in _FIND_UNITS and not any(unit.endswith(k) and rest.startswith(v)
                                           for k, vs in _NOT_BEFORE.items() for v in vs):
            if len(unit) == 1 and rest[:1] == unit:  # 一座座, 一批批: not a figure
                return None
            return unit
    return None


def _read(text: str, match: re.Match) -> tuple | None:
    """(start, end, raw_value, raw_unit or None, infix) for one number in `text`."""
    start, end, word = match.start(), match.end(), match.group()
    previous = text[start - 1:start]
    vague = word[0] in CN_CHARS and previous in ("数", "几", "若")  # 数十家: not a figure
    if previous == "第" or word in ("零", "〇") or vague:
        return None
    if any(text.startswith(idiom, start - i) for idiom in _IDIOMS for i in range(4) if start >= i):
        return None
    splits = [0]
    if word[0] in CN_CHARS and len(word) > 1:  # 一万亿元 → 一万 + 亿元; 五千瓦 → 五 + 千瓦
        splits = [k for k in (2, 1) if word[-k:] in ("万千", "亿千", "万", "亿", "千")] + [0]
    for k in splits:
        numeral, pos = word[:len(word) - k], end - k
        infix = text[pos] if k == 0 and text[pos:pos + 1] in ("多", "余") else ""
        unit = _unit_at(text, pos + len(infix))
        if unit and (k == 0 or word[-1] != "千" or unit[k:k + 1] in ("瓦", "克")):
            try:
                exact(numeral)
            except QuantityError:
                continue
            if numeral == "一" and _UNITS[unit][0] == 1 and _UNITS[unit][1] in ("count", "person"):
                return None  # 一个, 一批, 一家人: an article, not a figure
            return start, pos + len(infix) + len(unit), numeral, unit, infix
    try:
        exact(word)
    except QuantityError:
        return None
    if text[end:end + 1] in ("亿", "万") and word[0] not in CN_CHARS \
            and (end + 1 == len(text) or text[end + 1] in ",。;、)”的和及") \
            and _MONEY_BEFORE.search(text[max(0, start - 8):start]):
        return start, end + 1, word, text[end], ""
    return start, end, word, None, ""


def find_quantities(text: str) -> list[Found]:
    """Every number+unit in normalised text (see normalize_text), in order.

    Numbers without a unit, years, dates (6月29日), ordinals (第二位), vague counts (数十家)
    and `一` used as an article (一批项目) are skipped. Offsets index `text`; a figure's span
    runs from its number to its unit (qualifier words stay outside). `年产30万吨` gives
    raw_unit `万吨/年` (t/yr), as curators write it. A range (`1—3个`, `1万吨至2万吨`) gives
    both ends: the lower at_least, the upper at_most, the lower borrowing the upper's unit.
    """
    tokens: list[tuple] = []
    for match in _NUMBER.finditer(text):  # a token inside the previous one (300多[万]吨) is not
        token = _read(text, match) if not tokens or match.start() >= tokens[-1][1] else None
        tokens += [token] if token else []
    found: list[Found] = []
    for i, (start, end, raw_value, raw_unit, infix) in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        prv = tokens[i - 1] if i else None
        qualifier = None
        if nxt and nxt[3] and text[end:nxt[0]] in _RANGE and (
                raw_unit is None or _UNITS[raw_unit][1] == _UNITS[nxt[3]][1]):
            raw_unit, qualifier = raw_unit or nxt[3], "at_least"
        elif prv and raw_unit and text[prv[1]:start] in _RANGE and (
                prv[3] is None or _UNITS[prv[3]][1] == _UNITS[raw_unit][1]):
            qualifier = "at_most"
        if raw_unit is None:
            continue
        before = _SENTENCE_END.split(text[max(0, start - 6):start])[-1]
        factor, unit = _UNITS[raw_unit]
        clause = re.split(r"[,、:：]", before)[-1]
        if raw_unit + "/年" in _UNITS and _PER_YEAR.search(clause):   # not 个亿
            raw_unit, unit = raw_unit + "/年", _UNITS[raw_unit + "/年"][1]
        elif unit == "t" and _PER_DAY.search(clause):
            raw_unit, unit = raw_unit + "/日", "t/day"
        qualifier = qualifier or qualifier_of(before, infix + text[end:end + 6])
        try:
            value = to_float(exact(raw_value) * factor, raw_value)
        except QuantityError:  # e.g. a 400-digit run: text, not a figure
            continue
        found.append(Found(start, end, raw_value, raw_unit, value, unit, qualifier))
    return found
