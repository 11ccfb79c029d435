"""Candidate facts from an article's text: the extraction assistant behind loaders.ingest.

Every figure `find_quantities` finds becomes a candidate row in the data/facts format, with
metric, subject, place, status, period, scope and excerpt read from the words around it.
Candidates are suggestions for a curator, never facts: each carries a confidence and
`reviewed=false`, and nothing here writes to data/. The rules are general (keywords, sentence
structure, the gazetteer): word lists and the metric rule live in loaders/extract_rules.py,
names in loaders/extract_subject.py, place rules in loaders/extract_place.py. The text is
normalised first (simplified script, no pinyin, no line breaks), so excerpts are passages of
the normalised text, as curated excerpts are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders import extract_rules as rules
from loaders.extract_filters import not_a_figure
from loaders.extract_period import clean_years, period_of
from loaders.extract_place import Places
from loaders.extract_subject import (
    CLAUSE,
    COREF,
    dedupe,
    is_generic,
    names_in,
    place_subject,
    subject_kind,
    subject_span,
)
from loaders.gazetteer import Gazetteer, Mention
from loaders.quantity import Found, QuantityError, find_quantities, parse_quantity, qualifier_of
from loaders.textmap import MappedText, map_text

__all__ = ["CANDIDATE_COLUMNS", "INVESTMENT_CAPACITY_OUTPUT", "Extraction", "extract"]

CANDIDATE_COLUMNS = ["fact_id", "article_id", "subject", "project_id", "place_adcode", "zone_id",
                     "cluster", "metric", "raw_value", "raw_unit", "qualifier", "status", "period",
                     "scope", "excerpt", "note", "value", "unit", "place_level", "confidence",
                     "reviewed", "place_evidence", "period_evidence"]
INVESTMENT_CAPACITY_OUTPUT = ("investment_total", "investment_annual_plan",
                              "investment_completed", "fixed_asset_investment", "capacity_power",
                              "capacity_production", "output_value", "added_value")
MAX_EXCERPT = 120
_WHOLE = re.compile(r"全[州市县区省]")
_PER_YEAR = re.compile(r"(?<![0-9])年(?:可|均|可实现)?(?:产|处理|加工|消耗|生产|销售|交易)")
_QUAL_AFTER = ("左右", "以上", "上下", "以内", "以下", "多", "余")


@dataclass
class Extraction:
    mapped: MappedText
    region: str
    rows: list[dict]
    spans: list[tuple[int, int]]  # normalised span of each row's figure


def _sentences(text: str, breaks: frozenset[int]) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for k, char in enumerate(text):
        if k in breaks and k > start:
            bounds.append((start, k))
            start = k
        if char in "。!?;":
            bounds.append((start, k + 1))
            start = k + 1
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


class _Extractor:
    def __init__(self, mapped: MappedText, gazetteer: Gazetteer, units_of: dict, region: str,
                 year: str):
        self.m, self.text, self.gaz, self.units_of = mapped, mapped.text, gazetteer, units_of
        self.region = region or gazetteer.detect_region(self.text)
        self.sentences = _sentences(self.text, mapped.breaks)
        self.places = Places(self.text, gazetteer, self.region, self.sentences, mapped.breaks)
        self.resets = self.places.heading_starts()
        years = clean_years(self.text)
        self.year = year or (str(max(years)) if years else "")
        self.remembered: dict[str, Mention | None] = {}
        self.statuses: dict[str, str | None] = {}
        self.last: dict[str, tuple[str, int]] = {}  # last named company / project / any, where

    # ---- one figure ------------------------------------------------------------------------
    def candidate(self, found: Found, prev: tuple[Found, dict] | None, lo: int, hi: int):
        text = self.text
        after = text[found.end:found.end + 12]
        window_lo = max(lo, prev[0].end if prev else lo)
        window = text[window_lo:found.start]
        if any(m.start < found.end and found.start < m.end for m in self.places.mentions):
            return None  # 九台区: a numeral inside a place name
        if not_a_figure(text, found, window):
            return None  # a threshold, milestone, scale label, difference, heat capacity, name
        raw_unit, unit, value, raw_value = found.raw_unit, found.unit, found.value, found.raw_value
        clause = CLAUSE.split(window)[-1]
        if _PER_YEAR.search(clause) and (unit == "t" or unit == "count" and raw_unit[-1:] not in
                                         "个家户项座处所名人"):
            raw_unit, unit = raw_unit + "/年", unit + "/yr"  # 预计年产汽车零部件50万件
        metric, confidence, at = rules.figure_metric(text, found, unit, raw_unit, window,
                                                     prev[1] if prev else None, self.units_of)
        if unit == "count" and not metric:
            return None  # 6台, 17栋: machines and buildings, which no metric counts
        if prev and metric == prev[1]["metric"] and prev[1]["unit"].endswith("/yr") \
                and unit in ("t", "count") and at is None:
            raw_unit, unit = raw_unit + "/年", unit + "/yr"
        note, qualifier = (rules.SKIPPED if at is not None and not metric else ""), found.qualifier
        at = None if at == -1 else at
        if found.raw_unit in rules.BARE:
            if metric and "CNY" in self.units_of.get(metric, []):
                value, unit = parse_quantity(raw_value, raw_unit, expect="CNY")
            else:
                metric, confidence = "", 0.2
        if unit == "CNY" and rules.SCALE.match(after):
            qualifier, note = "target", "scale target (…元级)"
        if unit in ("percent", "pp") and rules.negative(window):
            raw_value, value = "-" + raw_value, -value
        if qualifier == "exact":
            clause_lo = max((m.end() for m in CLAUSE.finditer(text, lo, found.start)), default=lo)
            qualifier = qualifier_of(text[clause_lo:found.start], after)
        if qualifier == "exact" and prev and prev[1]["qualifier"] in ("expected", "target") \
                and re.fullmatch(r"[、,和及]?(?:实现)?[^0-9,。;]{0,8}", window):
            qualifier = prev[1]["qualifier"]  # 预计年产…6000吨,真空玉米棒1600万棒
        span = subject_span(text, found, lo, hi, window_lo,
                             window_lo + at if at is not None else found.start)
        name = text[span[0]:span[1]] if span else ""
        if metric.endswith("_count") or not name or is_generic(name):
            name, span = self._coreference(name, found, lo, hi, metric), None
            if not name and prev and prev[1]["scope"] == "project" and not metric.endswith(
                    "_count") and not prev[1]["metric"].endswith("_count"):
                name = prev[1]["subject"]  # …风光储一体化项目预计年内开工,计划投资24亿元
        place, how = self.places.resolve(lo, hi, found.start, span, self.remembered.get(name))
        if name:
            self.remembered.setdefault(name, place)
            self._note_subject(name, found.start)
            confidence += 0.05
        confidence += 0.1 if how in ("subject", "sentence", "list", "whole") else 0.0
        start = window_lo + at if at is not None else found.start
        start -= next((len(w) for w in ("超过", "约", "近", "逾", "超") if text.endswith(
            w, 0, start)), 0)
        return self._row(found, dict(metric=metric, raw_value=raw_value, raw_unit=raw_unit,
                                     value=value, unit=unit, qualifier=qualifier, note=note),
                         place, how, span, name, confidence, lo, hi, start)

    def _note_subject(self, name: str, pos: int) -> None:
        self.last[subject_kind(name)] = self.last["any"] = (name, pos)

    def _coreference(self, name: str, found: Found, lo: int, hi: int, metric: str) -> str:
        """该项目 / 该公司 / no subject → the last named subject, if nothing says otherwise."""
        said = re.search(r"该(公司|企业|项目)", self.text[lo:found.start])
        word = name or (said.group() if said else "")
        kind = "company" if re.search("公司|企业", word) else "project" if word else "any"
        last = self.last.get(kind) or self.last.get("any")
        if not last or metric.endswith("_count") or _WHOLE.search(self.text, lo, hi):
            return ""
        if any(last[1] < start <= found.start for start in self.resets):
            return ""
        if found.start - last[1] > 400:
            return ""
        paragraph = max([b for b in self.m.breaks if b <= lo] or [0])
        if last[1] < paragraph and not word and not re.match(r"该?(?:项目|公司|企业)",
                                                              self.text[paragraph:paragraph + 4]):
            return ""  # an implicit subject does not carry over into a new paragraph
        if word in COREF or (not word and not [m for m in self.places.mentions
                                                 if lo <= m.start < hi]):
            return last[0]
        return ""

    def _row(self, found: Found, fig: dict, place: Mention | None, how: str, span, name: str,
             confidence: float, lo: int, hi: int, start: int) -> dict:
        text = self.text
        adcode = place.adcode if place else self.region
        clause_lo = max((m.end() for m in CLAUSE.finditer(text, lo, found.start)), default=lo)
        zone = place.zone_id if place and (how == "subject" or place.start >= clause_lo) else ""
        sentence = text[lo:hi]
        metric = fig["metric"]
        scope = "project"
        if (metric in ("fixed_asset_investment", "gdp", "fiscal_revenue") or how == "whole"
                or not name or re.search(r"项目[0-9]+个|[0-9]+个[^,。;]{0,12}项目", sentence)
                and not span):
            scope = "place_total"
        if re.search(r"产业集群|产业板块|产业链", text[max(lo, found.start - 20):found.end + 12]):
            scope = "cluster_total"
        base = place.name if place and how not in ("list", "region") and place.name[:1] != "全" \
            else self.gaz.name_zh.get(adcode, "")
        subject = name or place_subject(text, base, found, start, clause_lo)
        status = rules.status_of(text[lo:found.start], text[found.end:hi]) \
            or self.statuses.get(name) or ("target" if fig["qualifier"] == "target" else "reported")
        if name:
            self.statuses.setdefault(name, status)
        if found.start - clause_lo <= 25:
            start = min(start, clause_lo)  # the short clause: 全州319户…, 年可消耗浓硫酸12万吨
        end = found.end + next((len(w) for w in _QUAL_AFTER if text.startswith(w, found.end)), 0)
        if metric.endswith("_count"):
            noun = re.match(r"[^,。;:!?、“”]{0,6}?(?:项目|企业|电站|公司)", text[end:end + 8])
            end += noun.end() if noun else 0
        if span and span[0] >= lo and span[1] <= hi and max(span[1], end) - min(span[0], start) \
                <= 80:
            start, end = min(span[0], start), max(span[1], end)
        excerpt = text[start:end]
        if len(excerpt) > MAX_EXCERPT:
            excerpt = text[max(start, found.start - 60):end][:MAX_EXCERPT]
        paragraph = max([b for b in self.m.breaks if b <= lo] or [0])
        period, period_evidence = period_of(text, paragraph, lo, found.start, self.year)
        if fig["qualifier"] in ("exact", "expected") and re.match(
                r"(?:到|至|力争|争取|确保|目标)20[0-9]{2}年", period_evidence):
            fig["qualifier"] = "target"  # 到2025年…将达到1000万千瓦
        return {
            "article_id": "", "subject": subject, "project_id": "", "place_adcode": adcode,
            "zone_id": zone, "cluster": "", **fig, "status": status,
            "period": period, "scope": scope, "excerpt": excerpt,
            "place_level": self.gaz.level.get(adcode, ""),
            "confidence": round(min(max(confidence, 0.05), 0.95), 2), "reviewed": False,
            "place_evidence": self.places.evidence(place, how),
            "period_evidence": period_evidence,
        }

    def run(self) -> tuple[list[dict], list[tuple[int, int]]]:
        rows, spans = [], []
        founds = find_quantities(self.text)
        for lo, hi in self.sentences:
            prev: tuple[Found, dict] | None = None
            for found in [f for f in founds if lo <= f.start < hi]:
                if found.qualifier == "at_most" and prev and prev[0].qualifier == "at_least" \
                        and spans and spans[-1][0] == prev[0].start:
                    low = rows[-1]
                    low["note"] = "; ".join(filter(None, [low["note"], (
                        f"range {prev[0].raw_value}{prev[0].raw_unit}—{found.raw_value}"
                        f"{found.raw_unit}, lower end recorded")]))
                    begin = self.text.rfind(low["excerpt"], 0, prev[0].end)
                    if begin >= 0 and found.end - begin <= MAX_EXCERPT:
                        low["excerpt"] = self.text[begin:found.end]  # 聚焦1—3个
                    continue  # a range is one figure: its lower end, the upper in the note
                try:
                    row = self.candidate(found, prev, lo, hi)
                except QuantityError:
                    row = None
                if row is not None:
                    if prev and prev[1]["scope"] == row["scope"] == "place_total" \
                            and prev[1]["place_adcode"] == row["place_adcode"]:
                        row["subject"] = prev[1]["subject"]  # 重点项目33个,总投资187.6亿元
                    rows.append(row)
                    spans.append((found.start, found.end))
                    prev = (found, row)
            self._remember_names(lo, hi)
        return dedupe(rows, spans)

    def _remember_names(self, lo: int, hi: int) -> None:
        """The last named project or company in a sentence is what 该项目 may refer to next."""
        for span in names_in(self.text, lo, hi):
            name = self.text[span[0]:span[1]]
            if "any" not in self.last or span[0] > self.last["any"][1]:
                self._note_subject(name, span[0])
                if name not in self.remembered:
                    self.remembered[name] = self.places.resolve(lo, hi, span[0], span, None)[0]
                    self.statuses.setdefault(name, rules.status_of(self.text[lo:span[1]],
                                                                   self.text[span[1]:hi]))


def extract(original: str, gazetteer: Gazetteer, units_of: dict[str, list[str]], *,
            article_id: str = "a999", region: str = "", date: str = "") -> Extraction:
    """Candidate rows (CANDIDATE_COLUMNS) for every figure in `original`, in text order."""
    mapped = map_text(original)
    worker = _Extractor(mapped, gazetteer, units_of, region, (date or "")[:4])
    rows, spans = worker.run()
    for number, row in enumerate(rows, start=1):
        row["fact_id"] = f"{article_id}-{number:03d}"
        row["article_id"] = article_id
    return Extraction(mapped, worker.region, [{c: r[c] for c in CANDIDATE_COLUMNS} for r in rows],
                      spans)
