"""An article's normalised text with a map back to what the curator pasted.

Extraction works on `normalize_text` output (simplified script, no pinyin, no whitespace,
ASCII digits), because that is the form curated excerpts are written in and checked against.
A curator, though, reads the original: a traditional article with hard-wrapped lines. So the
normalised text keeps, for every character, the index of the original character it came from;
that lets the curator page highlight a figure in the pasted text and lets error messages name
the original line. Normalisation also deletes line breaks, which are the only trace of
headings and paragraphs; `breaks` records where a paragraph or a short unpunctuated line (a
heading, a caption: shorter than the text's usual line) ended, so a heading never runs into
the next sentence while a hard-wrapped sentence stays whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from loaders.normalize import normalize_text, to_simplified

__all__ = ["ArticleError", "MappedText", "decode_article", "map_text", "read_article"]

_INVISIBLE = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufeff]")
_LINE_END = "。！？!?；;:："
SHORT_LINE = 30  # a line this short without any punctuation is a heading or a caption


class ArticleError(ValueError):
    """An article that cannot be read; the message names the file (and line)."""


def decode_article(data: bytes, name: str) -> str:
    """UTF-8 bytes → text, or ArticleError naming the line of the first undecodable byte."""
    if not data.strip():
        raise ArticleError(f"{name}: file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        bad = data[exc.start:exc.start + 4].hex(" ")
        raise ArticleError(f"{name}:{line}: not valid UTF-8 (bytes {bad}); "
                           "save the article as UTF-8") from None
    if not _INVISIBLE.sub("", text):
        raise ArticleError(f"{name}: file is empty (only whitespace)")
    return text


def read_article(path: Path) -> str:
    """Read a UTF-8 article, with a clear ArticleError for a missing, empty or non-UTF-8 file."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: no such file")
    return decode_article(path.read_bytes(), str(path))


@dataclass(frozen=True)
class MappedText:
    original: str
    text: str
    owners: list[int] = field(repr=False)
    breaks: frozenset[int] = field(repr=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span holding text[start:end] (pinyin inside it included)."""
        if not self.text or end <= start:
            return (0, 0)
        return self.owners[start], self.owners[end - 1] + 1

    def line_of(self, position: int) -> int:
        """1-based line in the original of the normalised character at `position`."""
        if not self.owners:
            return 1
        index = self.owners[min(position, len(self.owners) - 1)]
        return self.original.count("\n", 0, index) + 1


def _align(src: str, src_owners: list[int], dst: str, reach: int = 24) -> list[int]:
    """Owners for `dst`, a lightly edited `src` (deletions, substitutions, small rewrites).

    A two-pointer walk. On a mismatch a parenthesised run that the next character follows is
    taken as a deleted annotation (pinyin removal is the usual edit); otherwise the walk resumes
    at the nearest point where two characters agree again.
    """
    owners: list[int] = []
    i = j = 0
    last = src_owners[0] if src_owners else 0
    while j < len(dst):
        if i < len(src) and src[i] == dst[j]:
            last = src_owners[i]
            owners.append(last)
            i, j = i + 1, j + 1
            continue
        close = re.match(r"[(（][^()（）]{1,14}[)）]", src[i:i + 17])
        if close and src[i + close.end():i + close.end() + 1] == dst[j]:
            i += close.end()  # a deleted annotation such as (xiàng)
            continue
        step = next(((di, dj) for total in range(1, reach) for dj in range(0, total + 1)
                     for di in [total - dj]
                     if i + di < len(src) and src[i + di:i + di + 2] == dst[j + dj:j + dj + 2]),
                    None) or (1, 1)  # nothing agrees nearby: a substitution; move on
        di, dj = step
        for k in range(dj):
            last = src_owners[min(i + min(k, max(di - 1, 0)), len(src) - 1)] if src else last
            owners.append(last)
        i, j = i + di, j + dj
    return owners


def _line_breaks(original: str, text: str, owners: list[int]) -> frozenset[int]:
    """Positions in `text` where a heading, caption or other short line ended."""
    lengths = sorted(len(line.strip()) for line in original.splitlines() if line.strip())
    width = lengths[(len(lengths) * 3) // 4] if lengths else 0  # a wrapped text's line width
    breaks = set()
    for k in range(1, len(text)):
        gap = original[owners[k - 1] + 1:owners[k]]
        if "\n" not in gap:
            continue
        line_start = original.rfind("\n", 0, owners[k - 1]) + 1
        line = original[line_start:owners[k - 1] + 1].strip()
        heading = len(line) <= min(SHORT_LINE, 0.8 * width) \
            and not re.search(r"[。，,；;！!？?]", line)
        if heading or line.endswith(tuple(_LINE_END)):
            breaks.add(k)
    return frozenset(breaks)


def map_text(original: str) -> MappedText:
    """Normalise `original` (exactly `normalize_text`) and map every character back."""
    pieces, owners1 = [], []
    for index, char in enumerate(original):
        if _INVISIBLE.fullmatch(char):
            continue
        piece = unicodedata.normalize("NFKC", char)
        pieces.append(piece)
        owners1.extend([index] * len(piece))
    step1 = "".join(pieces)
    step2 = to_simplified(step1)
    owners2 = owners1 if len(step2) == len(step1) else _align(step1, owners1, step2)
    text = normalize_text(original)
    owners = owners2 if text == step2 else _align(step2, owners2, text)
    return MappedText(original, text, owners, _line_breaks(original, text, owners))

