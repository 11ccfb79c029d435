"""The period of one figure, from the words nearest to it (for loaders.extract).

Periods leak when a year is remembered too long, so each figure looks for its own:

1. a target year in its sentence (到2025年, 力争2027年) makes a target for that year;
2. otherwise the nearest year word before it in its sentence: an explicit year (2023年),
   or 今年 / 去年 / 上年 resolved against the article's year;
3. otherwise a year stated earlier in the same paragraph; otherwise the article's year.

A comparison year (比2020年, 较上年, 比去年同期, 与2022年相比) and the years of a range
(2020年—2025年陆续建设) describe something else and never set a period. A part of the year
in the sentence (上半年, 一季度, 前三季度) narrows the year to 2024-H1, 2024-Q1 or
2024-Q1/2024-Q3.
"""

from __future__ import annotations

import re

__all__ = ["clean_years", "period_of"]

_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})年")
_RANGE = r"[—\-–~至到]{1,2}"
_TARGET_BEFORE = re.compile(r"(?:到|至|力争|预计|计划|争取|确保|目标)$")
_COMPARE_BEFORE = re.compile(r"(?:比|较|与|同|和|跟|相比|对比|高于|低于|超过)$")
_COMPARE_AFTER = re.compile(r"^(?:同期|相比|比|水平|增长|下降|的水平|底前|前|以前)")
_RELATIVE = re.compile(r"今年|本年|当年|去年|上年|上一年|明年")
_PART = re.compile(r"(?<!前)([一二三四1-4])季度|上半年|下半年|前三季度|前三个季度")


def _kind(text: str, match: re.Match) -> str:
    """year | target | other (comparison, range end, deadline) for a year match."""
    before = text[max(0, match.start() - 4):match.start()]
    after = text[match.end():match.end() + 4]
    ahead, behind = text[match.end():match.end() + 8], text[max(0, match.start() - 8):match.start()]
    if re.match(_RANGE + r"20[0-9]{2}年", ahead) or re.search(r"20[0-9]{2}年" + _RANGE + "$",
                                                            behind):
        return "other"  # 2020年—2025年
    if _TARGET_BEFORE.search(before) and not _COMPARE_AFTER.match(after):
        return "target"
    if _COMPARE_BEFORE.search(before) or _COMPARE_AFTER.match(after):
        return "other"
    return "year"


def clean_years(text: str) -> list[int]:
    """Years in `text` that state when something happened (no targets, comparisons, ranges)."""
    return [int(m.group(1)) for m in _YEAR.finditer(text) if _kind(text, m) == "year"]


def _relative(text: str, match: re.Match, year: int) -> int | None:
    word = match.group()
    before, after = text[max(0, match.start() - 2):match.start()], text[match.end():match.end() + 2]
    if re.search(r"(?:比|较|与|同)$", before) or after.startswith("同期"):
        return None  # 比去年同期: a comparison
    if word in ("去年", "上年", "上一年"):
        return year - 1
    return year + 1 if word == "明年" else year


def _part(sentence: str) -> str:
    found = list(_PART.finditer(sentence))
    if not found:
        return ""
    word = found[-1].group()
    if word.startswith("前三"):
        return "Q1/Q3"
    if word in ("上半年", "下半年"):
        return "H1" if word == "上半年" else "H2"
    return "Q" + str("一二三四".find(word[0]) + 1 if word[0] in "一二三四" else word[0])


def _with_part(year: int, part: str) -> str:
    if part == "Q1/Q3":
        return f"{year}-Q1/{year}-Q3"
    return f"{year}-{part}" if part else str(year)


def period_of(text: str, paragraph: int, lo: int, pos: int, article_year: str) -> tuple[str, str]:
    """(period, evidence) for a figure at `pos` in the sentence starting at `lo`.

    `paragraph` is where the figure's paragraph starts; the evidence is the phrase that decided
    (empty when only the article's year was used).
    """
    sentence = text[lo:pos]
    base = int(article_year) if article_year else None
    marks = []  # (end, year, kind, phrase)
    for m in _YEAR.finditer(text, lo, pos):
        kind = _kind(text, m)
        if kind != "other":
            marks.append((m.end(), int(m.group(1)), kind, text[max(lo, m.start() - 1):m.end()]))
    if base is not None:
        for m in _RELATIVE.finditer(text, lo, pos):
            year = _relative(text, m, base)
            if year is not None:
                marks.append((m.end(), year, "year", m.group()))
    part = _part(sentence)
    part_word = (list(_PART.finditer(sentence)) or [None])[-1]
    evidence = part_word.group() if part_word else ""
    if marks:
        end, year, kind, phrase = max(marks)
        if part_word and lo + part_word.end() <= end - len(phrase):
            part, evidence = "", ""  # 今年下半年…2025年是全运营年: the part is another year's
        if kind == "target":
            return str(year), phrase
        return _with_part(year, part), " ".join(dict.fromkeys(filter(None, [phrase, evidence])))
    earlier = [m for m in _YEAR.finditer(text, paragraph, lo) if _kind(text, m) == "year"]
    if earlier:
        return _with_part(int(earlier[-1].group(1)), part), earlier[-1].group()
    if base is not None:
        return _with_part(base, part), evidence
    return "", ""
