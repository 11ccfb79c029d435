"""The extraction assistant's vocabulary: which words around a figure say what it measures.

Kept apart from the extraction pipeline (loaders/extract.py) so the word lists can be read and
extended in one place. The rules are deliberately plain: the nearest keyword before a figure
that fits the figure's unit wins, the longest keyword breaks ties (年度计划投资 beats 计划投资
beats 投资), and a keyword never reaches past another figure of the same kind. Count units
look at the noun that follows (12个项目, 7家企业) before the words in front. Everything a rule
cannot decide is left empty for the curator, with a low confidence, rather than guessed.
"""

from __future__ import annotations

import re

__all__ = ["COUNT_NOUNS", "MONEY", "SKIP", "SKIPPED", "STATUS_WORDS", "UNIT_DEFAULTS", "WORDS",
           "count_metric", "figure_metric", "keyword_metric", "status_of"]

MONEY = {
    "年度计划投资": "investment_annual_plan", "年度投资计划": "investment_annual_plan",
    "年计划投资": "investment_annual_plan", "年度投资": "investment_annual_plan",
    # what a project is to spend this year: 今年计划完成投资, 年预计投资, 今年预计完成投资
    "计划完成投资": "investment_annual_plan", "预计完成投资": "investment_annual_plan",
    "年预计投资": "investment_annual_plan", "年度预计投资": "investment_annual_plan",
    "今年计划投资": "investment_annual_plan", "年内计划投资": "investment_annual_plan",
    "完成投资": "investment_completed", "累计投资": "investment_completed",
    "累计完成投资": "investment_completed", "已投资": "investment_completed",
    "完成投资额": "investment_completed", "累计完成": "investment_completed",
    "固定资产投资": "fixed_asset_investment",
    "总投资": "investment_total", "投资总额": "investment_total", "计划投资": "investment_total",
    "投资规模": "investment_total", "总金额": "investment_total", "投资": "investment_total",
    "协议投资": "investment_total", "签约额": "investment_total", "签约金额": "investment_total",
    "合同额": "investment_total",
    "产值": "output_value", "总产值": "output_value",
    "增加值": "added_value",
    "利税": "tax", "税金": "tax", "税收": "tax", "纳税": "tax", "缴税": "tax",
    "营业收入": "revenue", "销售收入": "revenue", "主营业务收入": "revenue", "营收": "revenue",
    "销售额": "revenue", "收入": "revenue",
    "一般公共预算收入": "fiscal_revenue", "财政收入": "fiscal_revenue",
    "增收": "income", "人均收入": "income",
    "交易额": "trade_value", "成交额": "trade_value", "贸易额": "trade_value",
    "进出口额": "trade_value", "进出口总额": "trade_value",
    "地区生产总值": "gdp", "生产总值": "gdp", "GDP": "gdp",
}
# Social and environmental figures: recognised so they are not mistaken for capacity.
SKIP = ("排放", "减排", "减少排放", "节约", "节能", "减少", "消纳", "降碳", "草籽", "绿化")
WORDS = {
    **MONEY,
    "装机": "capacity_power", "装机容量": "capacity_power", "发电能力": "capacity_power",
    "年产": "capacity_production", "产能": "capacity_production",
    "日产能": "capacity_production", "生产能力": "capacity_production",
    "处理能力": "capacity_production", "年处理": "capacity_production",
    "加工能力": "capacity_production", "年加工": "capacity_production",
    "规模": "capacity_production", "投产": "capacity_production",
    "设计能力": "capacity_production", "生产线": "capacity_production",
    "产量": "production_volume", "生产": "production_volume", "产出": "production_volume",
    "交易量": "trade_volume", "吞吐量": "trade_volume",
    "消耗": "intake_capacity", "年消耗": "intake_capacity",  # an input (年可消耗浓硫酸12万吨)
    "增长": "growth_rate", "增速": "growth_rate", "同比": "growth_rate", "增幅": "growth_rate",
    "提高": "growth_rate", "提升": "growth_rate", "下降": "growth_rate", "降低": "growth_rate",
    "率": "share", "占比": "share", "比重": "share", "比例": "share", "占有率": "share",
    "开工率": "share", "完成率": "share", "覆盖率": "share",
    "就业": "jobs", "安置": "jobs", "岗位": "jobs", "用工": "jobs",
    "占地": "area", "建筑面积": "area", "面积": "area", "用地": "area",
    **dict.fromkeys(SKIP, ""),
}
NEGATIVE = ("下降", "降低", "减少")
# The metric a base unit implies when no keyword says otherwise ("" = ask the curator).
UNIT_DEFAULTS = {"MW": "capacity_power", "t/yr": "capacity_production",
                 "t/day": "capacity_production", "t/h": "capacity_production",
                 "count/h": "capacity_production", "count/yr": "capacity_production",
                 "m2": "area", "mu": "area", "percent": "share", "pp": "growth_rate",
                 "person": "people", "t": "capacity_production", "CNY": "", "count": ""}
COUNT_NOUNS = [
    (r"重点项目|项目|工程|电站|片区|基地", "project_count"),
    (r"企业|公司|合作社|示范社(?!区)|名店|商户|工厂", "enterprise_count"),
    (r"产业集群|集群|产业板块|板块", "cluster_count"), (r"产业链", "chain_count"),
    (r"生产线", "line_count"), (r"前期手续|手续", "approval_count"), (r"试点", "pilot_count"),
]
_COUNT_NOUN = re.compile("|".join(f"(?:{p})" for p, _ in COUNT_NOUNS))
_CLAUSE_END = re.compile(r"[,。;:!?、]")

STATUS_WORDS = {
    "试生产": "trial", "试运营": "trial", "试运行": "trial", "试产": "trial",
    "签约": "signed", "签订": "signed", "签署": "signed",
    "竣工": "completed", "建成": "completed", "完工": "completed", "落成": "completed",
    "投产": "operating", "运营": "operating", "投入运行": "operating", "运转": "operating",
    "投入使用": "operating", "达产": "operating", "投产发电": "operating",
    "并网": "operating",
    "开工": "under_construction", "在建": "under_construction", "施工": "under_construction",
    "建设": "under_construction", "封顶": "under_construction", "推进": "under_construction",
    "加快实施": "under_construction", "续建": "under_construction", "安装": "under_construction",
    "谋划": "planned", "规划": "planned", "计划": "planned", "筹建": "planned",
    "备案": "planned", "前期": "planned", "计划实施": "planned", "规划建设": "planned",
    "计划建设": "planned", "拟建": "planned",
    "力争": "target", "目标": "target",
}
_FUTURE = ("预计", "即将", "将", "计划", "力争", "争取", "有望")
SCALE = re.compile(r"(?:(?:至|到|—|-|~)[0-9.]+[十百千万亿]*元)?级(?:产业|的)")
BARE = ("个亿", "个万", "亿", "万")  # a bare multiplier: money only when a money word says so
SKIPPED = "social/environmental figure: no dashboard metric"


def _nearest(text: str, words, fits=lambda w: True) -> tuple[str, int] | None:
    """(word, end offset) of the keyword ending nearest the end of `text`; longest on ties."""
    best = None
    for word in words:
        if not fits(word):
            continue
        end = text.rfind(word)
        if end >= 0:
            end += len(word)
            if best is None or (end, len(word)) > (best[1], len(best[0])):
                best = (word, end)
    return best


def keyword_metric(window: str, unit: str, units_of: dict[str, list[str]],
                   money_ok: bool = False) -> tuple[str, int, int] | None:
    """(metric, start, end) of the nearest fitting keyword in `window` (text before a figure).

    `money_ok` lets a bare multiplier (1个亿) take a money keyword. A SKIP word gives ("", d).
    """
    def fits(word: str) -> bool:
        metric = WORDS[word]
        if not metric:  # 减少排放90吨 is skipped; 同比减少5% is a growth rate
            return unit not in ("percent", "pp")
        return unit in units_of.get(metric, []) or (money_ok and "CNY" in units_of.get(metric, []))

    found = _nearest(window, WORDS, fits)
    if found is None:
        return None
    word, end = found
    return WORDS[word], end - len(word), end


def money_after(after: str) -> str | None:
    """A money keyword right after the figure: 1个亿的产值, 5亿元的投资."""
    match = re.match(r"(?:左右|以上|多|余)?的?(" + "|".join(sorted(MONEY, key=len, reverse=True))
                     + ")", after)
    return MONEY[match.group(1)] if match else None


# Count words that number projects, firms, places or lines; 台, 栋, 套… number machines and
# buildings, which no dashboard metric counts.
COUNTING_UNITS = "个项家户座处条所批"
_PLACE_THRESHOLD = re.compile(r"过[0-9.]+[万亿]*元的$")


def count_metric(before: str, after: str, raw_unit: str) -> str:
    """Metric of a count (个, 家, 户, 座…): the noun after it, else the nearest noun before.

    A count right after a threshold (生产总值过1000亿元的2个) numbers places; 6台 or 17栋
    count machines or buildings and get no metric.
    """
    if raw_unit[-1:] not in COUNTING_UNITS:
        return ""
    if _PLACE_THRESHOLD.search(before):
        return "place_count"
    clause = _CLAUSE_END.split(after, maxsplit=1)[0][:16]
    match = _COUNT_NOUN.search(clause)
    if match is None:
        nouns = list(_COUNT_NOUN.finditer(_CLAUSE_END.split(before)[-1][-8:]))
        match = nouns[-1] if nouns else None
    if match is not None:
        return next(m for p, m in COUNT_NOUNS if re.fullmatch(p, match.group()))
    return "enterprise_count" if raw_unit.endswith("家") else ""


def negative(window: str) -> bool:
    """True when the figure is a fall (下降3%): curators record it as -3."""
    found = _nearest(window[-4:], NEGATIVE)
    return found is not None


def status_of(before: str, after: str) -> str | None:
    """The status the nearest status word implies; words about the future count less.

    `建成后`/`投产后` describe what will happen, so they are skipped; a future operating or
    completion word (预计下半年投产) means the project is still being built.
    """
    candidates = []
    for word, status in STATUS_WORDS.items():
        for match in re.finditer(re.escape(word), before + after):
            start, end = match.start(), match.end()
            text = before + after
            if text[end:end + 1] == "后" or text[end:end + 2] == "之后":
                continue
            future = any(text[max(0, start - 6):start].endswith(w) or
                         w in text[max(0, start - 6):start] for w in _FUTURE)
            distance = len(before) - end if end <= len(before) else start - len(before)
            candidates.append((future, abs(distance), -len(word), status))
    if not candidates:
        return None
    future, _, _, status = min(candidates)
    if future and status in ("operating", "completed", "trial"):
        return "under_construction"
    return status


def figure_metric(text: str, found, unit: str, raw_unit: str, window: str, prev: dict | None,
                  units_of: dict[str, list[str]]) -> tuple[str, float, int | None]:
    """(metric, confidence, keyword offset in `window`) for a figure; window is the text
    between the previous figure of the sentence (or its start) and this one.

    The offset is -1 when the figure continues a skipped list (排放颗粒物90吨、二氧化硫750吨).
    """
    after = text[found.end:found.end + 12]
    money_ok = found.raw_unit in BARE
    if unit == "CNY" and SCALE.match(after):
        return "output_value", 0.7, None
    if money_ok and money_after(after):
        return money_after(after), 0.8, None
    if unit == "count":
        metric = count_metric(window, text[found.end:found.end + 20], raw_unit)
        if metric:
            return metric, 0.7, None
    hit = keyword_metric(window, unit, units_of, money_ok)
    if hit and unit == "count" and len(window) - hit[2] > 8:
        hit = None  # a count is measured by the noun next to it, not a distant verb
    if hit:
        return hit[0], (0.85 if len(window) - hit[2] <= 3 else 0.7) if hit[0] else 0.2, hit[1]
    if unit == "CNY" and money_after(after):
        return money_after(after), 0.7, None  # 年可实现8600万元税收: the noun follows
    if prev and re.fullmatch(r"[、,和及]?[^0-9,。;]{0,8}", window):
        fits = units_of.get(prev["metric"], [])
        if unit in fits or f"{unit}/yr" in fits:
            return prev["metric"], 0.6, None  # 年产…6000吨,真空玉米棒1600万棒
        if not prev["metric"] and prev["note"] == SKIPPED:
            return "", 0.15, -1
    metric = UNIT_DEFAULTS.get(unit, "")
    return metric, (0.55 if metric else 0.2), None
