"""Which place a figure belongs to, from the place names around it (for loaders.extract).

Mentions come from the whole province of the article's region, so a report whose paragraphs
open with different cities keeps each city's figures. A dateline (新华社长春11月20日电) says
where the news was filed, not what it is about, and is no mention; 全省 / 我省 / 本省 and the
province's full name mean the province, while a bare 吉林 (吉林化纤集团) is branding.

Rules, in order:
1. a place that starts the subject (柳河县…项目 → 柳河县), unless the clause then places it
   in one of that place's counties (长春富维…项目在绿园区开工 → 绿园区);
2. 全州 / 全市 / 全县 in the sentence (before the figure, or anywhere when no place precedes
   it) → the nearest earlier place of that kind;
3. an enumeration of two or more counties before the figure (敦化…、汪清…、和龙…4座电站)
   → their common parent, because a package total is never split between counties;
4. a place elsewhere in the subject or the sentence (nearest before, else after the figure
   but within its clause);
5. the place an earlier mention of the same subject got;
6. the nearest earlier mention in the figure's paragraph (never a previous paragraph's);
7. the section's place (a heading such as `集安市:` or a short heading line), else the
   headline's; else the article's region (the caller's default).

A prefecture name inside a company or project name (国药集团医药物流通化产业园) is branding:
when the section is about one of that prefecture's counties, the county wins.
"""

from __future__ import annotations

import re

from loaders.gazetteer import Gazetteer, Mention

__all__ = ["Places"]

_WHOLE = re.compile(r"全(州|市|县|区)")
_CAPTION = re.compile(r"摄|供图|图片由|记者|本报讯")
_DATELINE = re.compile(r"(?:[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日)?电")
_PROVINCE_WORDS = re.compile(r"全省|我省|本省|省内")
_BRAND = re.compile(r"[^,。;:、“”的]{0,12}?"
                    r"(?:有限公司|公司|集团|药业|科技|企业|银行|大学|学院|医院)")


class Places:
    def __init__(self, text: str, gazetteer: Gazetteer, region: str,
                 sentences: list[tuple[int, int]], breaks: frozenset[int]):
        self.text, self.gaz, self.region = text, gazetteer, region
        self.breaks = breaks
        self.province = gazetteer.ancestors(region)[-1] if region else ""
        self.mentions = self._mentions(gazetteer.find(text, self.province))
        self.paragraphs = sorted({0, *breaks})
        self.sections: list[tuple[int, Mention | None]] = []
        for lo, hi in sentences:
            line = text[lo:hi]
            heading = (hi in breaks or hi == len(text)) and len(line) <= 30 \
                and line[-1:] not in "。!?;" and not _CAPTION.search(line)
            if heading:
                first = self._specific([m for m in self.mentions if lo <= m.start < hi])
                self.sections.append((lo, first))
        for m in self.mentions:
            if text[m.end:m.end + 1] == ":":
                self.sections.append((m.start, m))
        self.sections.sort(key=lambda item: item[0])

    def _mentions(self, found: list[Mention]) -> list[Mention]:
        kept = []
        for k, m in enumerate(found):
            if _DATELINE.match(self.text, m.end):
                continue  # 新华社长春11月20日电: where the news was filed
            if m.level == "province":
                nxt = found[k + 1] if k + 1 < len(found) else None
                if m.name != self.gaz.name_zh.get(m.adcode) or (nxt and nxt.start == m.end) \
                        or _BRAND.match(self.text, m.end):
                    continue  # 吉林化纤集团, 吉林省俊逸药业 (brands); 吉林省延边州 (a prefix)
            kept.append(m)
        if self.province:
            name = self.gaz.name_zh.get(self.province, "")
            kept += [Mention(w.start(), w.end(), name, self.province, "", "province")
                     for w in _PROVINCE_WORDS.finditer(self.text)]
        return sorted(kept, key=lambda m: m.start)

    def _specific(self, mentions: list[Mention]) -> Mention | None:
        """The innermost of places written back to back: 四平市梨树县 → 梨树县."""
        if not mentions:
            return None
        first = mentions[0]
        for nxt in mentions[1:]:
            if nxt.start != first.end or not self._strictly_inside(first, nxt):
                break
            first = nxt
        return first

    def paragraph_start(self, pos: int) -> int:
        return max([b for b in self.paragraphs if b <= pos] or [0])

    def evidence(self, place: Mention | None, how: str) -> str:
        """The phrase that decided a figure's place, and which rule used it."""
        if place is None or how == "region":
            return "article region"
        return f"{place.name} ({how})"

    def section(self, pos: int) -> Mention | None:
        """The place of the last heading before `pos` (None after a heading without a place)."""
        current = None
        for start, mention in self.sections:
            if start >= pos:
                break
            current = mention
        return current

    def heading_starts(self) -> list[int]:
        return [start for start, _ in self.sections]

    def _strictly_inside(self, mention: Mention, section: Mention | None) -> bool:
        return bool(section) and section.adcode != mention.adcode \
            and mention.adcode in self.gaz.ancestors(section.adcode)

    def _branding(self, mention: Mention, pos: int) -> Mention:
        section = self.section(pos)
        return section if self._strictly_inside(mention, section) else mention

    def in_name(self, mention: Mention) -> bool:
        """True when the mention continues a name (…物流通化产业园), not a standalone place."""
        prev = self.text[mention.start - 1:mention.start]
        if mention.start in self.breaks:
            return False  # a paragraph opening with the place
        return bool(prev) and prev not in ",。;:!?、“”(《" and prev not in "在于到和与对"

    def _located(self, mention: Mention, subject: tuple[int, int], hi: int) -> Mention:
        """长春富维…项目在绿园区开工: a place inside the named one, in the same clause, wins."""
        clause = re.search(r"[,。;:!?]", self.text[subject[1]:hi])
        end = subject[1] + clause.start() if clause else hi
        inner = [m for m in self.mentions if subject[1] <= m.start < end
                 and self._strictly_inside(mention, m)]
        return inner[0] if inner else mention

    def _whole(self, lo: int, pos: int) -> Mention | None:
        matches = list(_WHOLE.finditer(self.text, lo, pos))
        if not matches:
            return None
        kind, at = matches[-1].group(1), matches[-1].start()
        for mention in reversed([m for m in self.mentions if m.end <= at]):
            level = self.gaz.level.get(mention.adcode, "")
            name = self.gaz.name_zh.get(mention.adcode, "")
            if mention.level == "zone":
                continue
            if (kind == "州" and level == "prefecture") or (kind == "市" and name.endswith("市")) \
                    or (kind in "县区" and level == "county" and name.endswith(kind)):
                return mention
        return None

    def resolve(self, lo: int, hi: int, pos: int, subject: tuple[int, int] | None,
                remembered: Mention | None) -> tuple[Mention | None, str]:
        """(mention, how) for a figure at `pos` in sentence [lo, hi); how names the rule used."""
        if subject:
            inside = [m for m in self.mentions if subject[0] <= m.start < subject[1]]
            if inside:
                first = self._specific(inside)
                if first.start != subject[0]:
                    return self._branding(first, pos), "subject"
                return self._located(first, subject, hi), "subject"
        here = [m for m in self.mentions if lo <= m.start < hi]
        whole = self._whole(lo, pos if [m for m in here if m.end <= pos] else hi)
        if whole:
            return whole, "whole"
        before = [m for m in here if m.end <= pos]
        counties = sorted({m.adcode for m in before if self.gaz.level.get(m.adcode) == "county"})
        if len(counties) >= 2 and "、" in self.text[before[0].start:pos]:
            code = self.gaz.common_parent(counties)
            return Mention(pos, pos, self.gaz.name_zh.get(code, ""), code, "",
                           self.gaz.level.get(code, "")), "list"
        cuts = [lo + m.end() for m in re.finditer(r"[,;:]", self.text[lo:pos])]
        clause_lo = cuts[-1] if cuts else lo
        in_clause = [m for m in before if m.start >= clause_lo]
        after = [m for m in here
                 if m.start >= pos and not re.search(r"[,;:]", self.text[pos:m.start])]
        if in_clause or after or before:  # a place after the figure counts only within its clause
            chosen = in_clause[-1] if in_clause else after[0] if after else before[-1]
            return (self._branding(chosen, pos) if self.in_name(chosen) else chosen), "sentence"
        if remembered is not None:
            return remembered, "subject"
        paragraph = self.paragraph_start(lo)
        earlier = [m for m in self.mentions if paragraph <= m.start and m.end <= lo]
        if earlier:
            return earlier[-1], "paragraph"
        section = self.section(lo)
        if section is not None:
            return section, "context"
        if any(start < lo for start, _ in self.sections[1:]):
            return None, "region"  # under a heading that names no place
        headline = self.paragraphs[1] if len(self.paragraphs) > 1 else 0
        title = [m for m in self.mentions if m.end <= min(headline, lo)]
        return (title[-1], "headline") if title else (None, "region")
