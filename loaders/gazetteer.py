"""Place names in article text: data/places.csv names and aliases, data/zones.csv zones.

A figure belongs to a county, prefecture or zone; the article rarely says so next to the
number, so the extractor needs every mention of a place, with its position. Matching is
longest-first and left to right, so 吉林通化国际内陆港务区 is the port zone, not 吉林 + 通化,
and an out-of-scope name still consumes its characters (it is never re-read as a shorter name).
Scope is the article's region and what lies in it: a Yanbian article that mentions 吉林省 or
a company called 吉林铭邦… does not put figures on the province.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from loaders.normalize import normalize_text

__all__ = ["Gazetteer", "Mention"]

# Names that contain a place name but are not that place (a mountain spanning several counties).
# Idioms that read as 白山 / 磐石 are not places either: an alias needs a word boundary.
NOT_PLACES = ("长白山", "白山松水", "白山黑水", "坚如磐石", "稳如磐石", "安如磐石")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    adcode: str
    zone_id: str
    level: str  # province | prefecture | county | zone


class Gazetteer:
    """Names → (adcode, zone_id), with the hierarchy to compute scopes and common parents."""

    def __init__(self, places: pd.DataFrame, zones: pd.DataFrame):
        self.parent = dict(zip(places["adcode"], places["parent_adcode"].fillna(""), strict=True))
        self.level = dict(zip(places["adcode"], places["level"], strict=True))
        self.name_zh = dict(zip(places["adcode"], places["name_zh"], strict=True))
        self.names: dict[str, tuple[str, str, str]] = {}
        for row in places.itertuples():
            for name in [row.name_zh, *str(row.aliases or "").split("|")]:
                self._add(name, row.adcode, "", row.level)
        for row in zones.itertuples():
            for name in [row.name_zh, *str(row.aliases or "").split("|")]:
                self._add(name, row.host_adcode, row.zone_id, "zone")
        for name in NOT_PLACES:
            self.names[name] = ("", "", "")
        self.lengths: dict[str, list[int]] = {}  # first character → name lengths, longest first
        for name in self.names:
            self.lengths.setdefault(name[0], []).append(len(name))
        for sizes in self.lengths.values():
            sizes.sort(reverse=True)

    def _add(self, name: str, adcode: str, zone_id: str, level: str) -> None:
        name = normalize_text(name.strip()) if name else ""
        if len(name) >= 2 and name not in self.names:
            self.names[name] = (adcode, zone_id, level)

    # ---- hierarchy ---------------------------------------------------------------------------
    def ancestors(self, adcode: str) -> list[str]:
        """adcode, its parent, … up to the province."""
        chain = []
        while adcode and adcode not in chain:
            chain.append(adcode)
            adcode = self.parent.get(adcode, "")
        return chain

    def in_scope(self, adcode: str, region: str) -> bool:
        return bool(adcode) and (not region or region in self.ancestors(adcode))

    def common_parent(self, codes: list[str]) -> str:
        """The lowest place containing all `codes` (敦化 + 汪清 → 延边州)."""
        chains = [self.ancestors(c) for c in codes if c]
        if not chains:
            return ""
        shared = [c for c in chains[0] if all(c in chain for chain in chains[1:])]
        return shared[0] if shared else ""

    def prefecture_of(self, adcode: str) -> str:
        return next((c for c in self.ancestors(adcode) if self.level.get(c) == "prefecture"), "")

    # ---- text --------------------------------------------------------------------------------
    def find(self, text: str, region: str = "") -> list[Mention]:
        """Every in-scope place mention in normalised `text`, in order."""
        found, pos = [], 0
        while pos < len(text):
            for size in self.lengths.get(text[pos], ()):
                entry = self.names.get(text[pos:pos + size])
                if entry:
                    adcode, zone_id, level = entry
                    if self.in_scope(adcode, region):
                        found.append(Mention(pos, pos + size, text[pos:pos + size], adcode,
                                             zone_id, level))
                    pos += size
                    break
            else:
                pos += 1
        return found

    def detect_region(self, text: str) -> str:
        """The prefecture mentioned most (counting its counties and zones), else the province.

        Ties go to the prefecture mentioned first, usually the one in the headline or lead.
        """
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        mentions = self.find(text)
        for mention in mentions:
            prefecture = self.prefecture_of(mention.adcode)
            if prefecture:
                counts[prefecture] += 1
                first.setdefault(prefecture, mention.start)
        if counts:
            return max(counts, key=lambda code: (counts[code], -first[code]))
        provinces = [m.adcode for m in mentions if self.level.get(m.adcode) == "province"]
        return Counter(provinces).most_common(1)[0][0] if provinces else ""
