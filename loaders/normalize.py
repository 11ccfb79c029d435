"""Text normalisation for matching curated excerpts against the source articles.

Curators copy excerpts in simplified script, while some seeds are traditional, carry pinyin
annotations (`項(xiàng)目`), full-width digits and hard-wrapped lines. Comparing the two raw
strings would fail for reasons that say nothing about whether the excerpt is faithful, so both
sides go through `normalize_text` first. It is pure and idempotent, so normalising twice (or
normalising an already-normalised excerpt) never changes the result.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["normalize_text", "strip_pinyin", "to_simplified"]

# A parenthesised run of Latin letters (precomposed or combining tone marks), optionally with a
# tone digit. Whether it is really pinyin is decided in `_is_pinyin`, not by this pattern.
_PAREN_LATIN = re.compile(r"[(（]([a-zà-ÿĀ-ɏ\u0300-\u036f]{1,12})[1-5]?[)）]")
_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in"
          r"|un|vn|ia|ie|iu|ua|uo|ui|ve|ue|er|a|o|e|i|u|v)")
_SYLLABLE = re.compile(_INITIAL + _FINAL)
_TONE_MARKS = {"\u0300", "\u0301", "\u0304", "\u030c"}  # grave, acute, macron, caron
_INVISIBLE = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufeff]+")


def _is_cjk(char: str) -> bool:
    return ("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
            or "\U00020000" <= char <= "\U0003134f")


def _is_pinyin(body: str, previous: str) -> bool:
    """True when `body` is one pinyin syllable annotating the character before it.

    A tone mark makes the annotation unambiguous (seeds even carry `P(guān)` after mojibake).
    A toneless syllable is only taken as pinyin right after a Chinese character and when it is
    longer than one letter, so that list markers like `(a)` and acronyms survive.
    """
    decomposed = unicodedata.normalize("NFD", body).replace("u\u0308", "v")
    marks = {c for c in decomposed if unicodedata.combining(c)}
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    if marks - _TONE_MARKS or not _SYLLABLE.fullmatch(letters):
        return False
    if marks:
        return True
    return len(letters) > 1 and _is_cjk(previous)


def strip_pinyin(text: str) -> str:
    """Drop pinyin annotations: `項(xiàng)目` → `項目`, `(shè)`, `(lv)`; keep `卡森(吉林)`, `(完)`.

    Repeats until nothing changes, so chained annotations (`項(xiàng)(xiang)`) go as well.
    """
    while True:
        def keep_or_drop(match: re.Match, text: str = text) -> str:
            previous = text[match.start() - 1] if match.start() else ""
            return "" if _is_pinyin(match.group(1), previous) else match.group()

        stripped = _PAREN_LATIN.sub(keep_or_drop, text)
        if stripped == text:
            return text
        text = stripped


@lru_cache(maxsize=1)
def _t2s():
    """The OpenCC converter, built on first use (loading its dictionaries takes a moment)."""
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified script with OpenCC's t2s profile."""
    return _t2s().convert(text) if text else text


def _normalize_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    return to_simplified(strip_pinyin(text))


def normalize_text(text: str) -> str:
    """The matching form of `text`: NFKC, no whitespace, no pinyin, simplified script.

    Full-width digits and punctuation become ASCII (`４．３５` → `4.35`), hard-wrapped lines and
    stray spaces vanish. Each step can expose work for another (removing a space lets a
    combining mark compose, t2s is not idempotent for a few characters), so the steps are
    repeated until the text stops changing; that makes the function idempotent by construction.
    """
    text = str(text)
    for _ in range(10):
        again = _normalize_once(text)
        if again == text:
            break
        text = again
    return text
