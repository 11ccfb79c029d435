"""Number formatting: the Chinese way (亿元, 万千瓦) or in English units, never both mixed.

Display units come from data/vocab.yaml (`display_zh`, `display_factor_zh`, …) so that names and
units are declared once. Money is scaled to the reader: 187.6亿元 / CNY 18.76 bn.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from dashboard.i18n import t

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:<>$&=\"'])")

QUALIFIER_PREFIX = {
    "zh": {"approx": "约", "at_least": "≥", "at_most": "≤", "target": "目标", "expected": "预计"},
    "en": {"approx": "≈", "at_least": "≥", "at_most": "≤", "target": "target ",
           "expected": "exp. "},
}


def md_escape(text: object) -> str:
    """Data-derived text as literal Markdown.

    Subjects, excerpts, outlets and titles come from data files that curators (or an uploaded
    article) control. Streamlit renders st.markdown/st.caption as Markdown, where `![x](url)`
    would fetch from another host and `:red[...]` would restyle; escaping every ASCII
    punctuation mark keeps them text. Chinese punctuation is untouched.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def _trim(number: float, decimals: int) -> str:
    text = f"{number:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _decimals(scaled: float) -> int:
    magnitude = abs(scaled)
    if magnitude >= 100:
        return 1
    if magnitude >= 1:
        return 2
    return 3


def format_money(value: float, lang: str = "zh") -> str:
    if lang == "zh":
        if abs(value) >= 1e8:
            return f"{_trim(value / 1e8, _decimals(value / 1e8))}亿元"
        if abs(value) >= 1e4:
            return f"{_trim(value / 1e4, _decimals(value / 1e4))}万元"
        return f"{_trim(value, 0)}元"
    if abs(value) >= 1e9:
        return f"CNY {_trim(value / 1e9, _decimals(value / 1e9))} bn"
    if abs(value) >= 1e6:
        return f"CNY {_trim(value / 1e6, _decimals(value / 1e6))} m"
    return f"CNY {_trim(value, 0)}"


def format_power(value: float, lang: str = "zh") -> str:
    if lang == "zh":
        return f"{_trim(value / 10, 2)}万千瓦"
    if abs(value) >= 1000:
        return f"{_trim(value / 1000, 2)} GW"
    return f"{_trim(value, 1)} MW"


def format_value(
    value: float | None, unit: str, lang: str = "zh", units: Mapping[str, Mapping] | None = None,
    qualifier: str = "",
) -> str:
    """A base-unit value as a reader expects it; "无数据"/"no data" for missing values."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return t("no_data_value", lang)
    if math.isnan(value):
        return t("no_data_value", lang)
    prefix = QUALIFIER_PREFIX.get(lang, {}).get(qualifier, "")
    if unit == "CNY":
        return prefix + format_money(value, lang)
    if unit == "MW":
        return prefix + format_power(value, lang)
    spec = (units or {}).get(unit, {})
    label = spec.get(f"display_{lang}", unit)
    factor = float(spec.get(f"display_factor_{lang}", 1) or 1)
    scaled = value / factor
    if unit in ("percent", "pp"):
        number = _trim(scaled, 2)
        return prefix + (f"{number}%" if unit == "percent" else
                         (f"{number}个百分点" if lang == "zh" else f"{number} pp"))
    if factor != 1 and abs(scaled) < 1:
        label = spec.get(lang, unit)
        scaled = value
    number = _trim(scaled, _decimals(scaled) if scaled != int(scaled) else 0)
    sep = "" if lang == "zh" else " "
    return f"{prefix}{number}{sep}{label}".strip()


def axis_scale(unit: str, lang: str) -> tuple[float, str]:
    """Divisor and axis-title unit for charts of one base unit (亿元 axis, CNY bn axis…)."""
    if unit == "CNY":
        return (1e8, "亿元") if lang == "zh" else (1e9, "CNY bn")
    if unit == "MW":
        return (10, "万千瓦") if lang == "zh" else (1, "MW")
    return 1, unit
