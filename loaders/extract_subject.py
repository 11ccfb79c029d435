"""What a figure is about: the project or company name around it (for loaders.extract).

Chinese news names a project as one long noun phrase ending in a telling word (…建设项目,
…有限公司, …电站), placed either right after the figure and 的 (总投资6.2亿元的…项目), right
before the metric keyword (…项目总投资70亿元), or around the figure itself (柳河县…年产50万吨
…项目, 双辽200万千瓦风电基地项目). A name runs back to the nearest break: punctuation, 的, a
preposition or verb (在, 推进…), and loses leading verbs (来到, 加快推进…). Generic phrases
(重点项目, 该项目) are not names: the caller resolves them to the last named subject.
"""

from __future__ import annotations

import re

from loaders.quantity import Found

__all__ = ["COREF", "dedupe", "is_generic", "name_before", "names_in", "place_subject",
           "subject_kind", "subject_span"]

CLAUSE = re.compile(r"[,。;:!?“”]")
SUFFIX = re.compile(r"有限责任公司|股份有限公司|有限公司|公司|集团|项目|工程|电站|产业园区|产业园"
                    r"|园区|基地|中心|工厂|医药城|小镇|景区|街区|新城|平台|走廊|大通道|厂")
BREAK = re.compile(r"[,。;:!?、“”《》]|的|在|对|与|和|了|是|为|由|于|等|也|现场|全面|正式|目前"
                   r"|已经|已|正在|正|将|预计|计划|可|累计|总投资|投资|位于|建设现场|签约|开工"
                   r"|[一二三]期|推进|实施|打造|启动|引进|签订|依托|围绕|通过|形成|实现")
_LEAD = re.compile(r"(?:来到|走进|加快推进|推进|加快实施|实施|加快|打造|建设|启动|全力|积极|据|谋划"
                   r"|新建|共建|投资建设)+")
_GENERIC = re.compile(r"(?:[0-9.]+[万亿]?元以上|省市调度|重点|重大|产业|新开工|续建|[0-9]+个"
                      r"|[一二三]期)*(?:重点|重大)?项目")
COREF = ("该项目", "项目", "该公司", "公司", "企业", "该企业")


def is_generic(name: str) -> bool:
    return bool(_GENERIC.fullmatch(name) or SUFFIX.fullmatch(name)) or name in COREF


def subject_kind(name: str) -> str:
    """company or project, from the word the name ends with (…公司年产…项目 is a project)."""
    return "company" if re.search(r"(?:公司|集团|企业)$", name) else "project"


def name_before(text: str, end: int, lo: int) -> tuple[int, int] | None:
    """(start, end) of the name that ends at `end`, found by scanning back to `lo`."""
    pieces = list(BREAK.finditer(text, lo, end))
    start = pieces[-1].end() if pieces else lo
    lead = _LEAD.match(text, start, end)
    start = lead.end() if lead else start
    return (start, end) if end - start >= 2 else None


def _name_after(text: str, start: int, hi: int, strict: bool = False) -> tuple[int, int] | None:
    """(start, end) of a name starting at `start`: up to the first suffix that a break follows.

    `strict`: no break may come before that suffix (the name must run on from `start`).
    """
    clause = CLAUSE.search(text, start, hi)
    stop = clause.start() if clause else hi
    for suffix in SUFFIX.finditer(text, start, stop):
        if strict and BREAK.search(text, start, suffix.start()):
            return None
        if suffix.end() == stop or BREAK.match(text, suffix.end()):
            return (start, suffix.end()) if suffix.end() - start >= 2 else None
    return None


def subject_span(text: str, found: Found, lo: int, hi: int, window_lo: int, keyword: int):
    """The subject's span for a figure in sentence [lo, hi), or None.

    `keyword` is where the metric keyword starts (the figure's start when there is none): a
    name before the figure must end right before it (…建设项目总占地面积4.35万平方米).
    """
    link = re.match(r"(?:[^,。;!?的]{0,25}?)的", text[found.end:hi])
    if link:  # 总投资1亿元的卡森(吉林)…公司在…; 总投资近80亿元、总装机容量140万千瓦的国网…电站
        span = _name_after(text, found.end + link.end(), hi)
        if span and not is_generic(text[span[0]:span[1]]):
            return span
    whole = _name_after(text, found.end, hi, strict=True)
    if whole and found.unit != "count":
        begin = name_before(text, found.start, lo)  # 柳河县…年产50万吨…项目, 双辽200万千瓦…项目
        return (begin[0] if begin else found.start), whole[1]
    ends = [m.end() for m in SUFFIX.finditer(text, window_lo, found.start)
            if 0 <= keyword - m.end() <= 4]
    return name_before(text, ends[-1], window_lo) if ends else None


def names_in(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of the named projects and companies in a sentence (for later 该项目)."""
    spans = []
    for suffix in SUFFIX.finditer(text, lo, hi):
        if suffix.end() < hi and not BREAK.match(text, suffix.end()):
            continue
        span = name_before(text, suffix.end(), lo)
        if span and span[1] - span[0] >= 4 and not is_generic(text[span[0]:span[1]]):
            spans.append(span)
    return spans


def _related(a: str, b: str) -> bool:
    """Two subjects that name the same thing: one ends the other, or a long shared tail."""
    if not a or not b:
        return a == b
    tail = 0
    while tail < min(len(a), len(b)) and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return a.endswith(b) or b.endswith(a) or tail >= 8


def dedupe(rows: list[dict], spans: list) -> tuple[list[dict], list]:
    """Drop a figure repeated later (a photo caption restating the text), keeping the first."""
    kept_rows, kept_spans = [], []
    for row, span in zip(rows, spans, strict=True):
        first = next((k for k, at in zip(kept_rows, kept_spans, strict=True)
                      if row["metric"] and k["metric"] == row["metric"]
                      and span[0] - at[1] > 40  # 过100亿元的3个、过50亿元的3个: two figures
                      and k["unit"] == row["unit"] and k["value"] == row["value"]
                      and k["place_adcode"] == row["place_adcode"]
                      and _related(k["subject"], row["subject"])), None)
        if first is not None:
            first["note"] = "; ".join(filter(None, [first["note"], "repeated later in the text"]))
            continue
        kept_rows.append(row)
        kept_spans.append(span)
    return kept_rows, kept_spans


def place_subject(text: str, base: str, found: Found, start: int, clause_lo: int) -> str:
    """A subject for a figure about a place: 集安市 + 5000万元以上重点项目; 东昌区 + 固定资产投资.

    `base` is the place as written; the phrase is the group noun before the figure in its
    clause, else the noun the figure counts, else the keyword before it.
    """
    nouns = list(re.finditer(r"项目|企业|产业|集群|公司|合作社", text[clause_lo:found.start]))
    phrase = ""
    if nouns:
        span = name_before(text, clause_lo + nouns[-1].end(), clause_lo)
        phrase = re.sub(r"^全[州市县区省]|^[0-9]+[户家个]", "", text[span[0]:span[1]] if span
                        else "")
    if not phrase:
        noun = re.match(r"[^,。;:!?、“”]{0,6}?(?:项目|企业|电站|公司|集群|产业链|生产线)",
                        text[found.end:found.end + 10])
        phrase = noun.group() if noun else text[start:found.start]
    return phrase if phrase.startswith(base) else base + phrase
