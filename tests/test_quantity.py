"""The quantity parser turns every curated figure into its base unit, and find_quantities lets
the integrity tests check an excerpt really holds the figure: both are pinned to exact values
on the forms the articles use, and hypothesis checks the round trips and robustness."""

import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from loaders.normalize import normalize_text
from loaders.quantity import (
    BASE_UNITS,
    QUALIFIER_WORDS,
    Found,
    Quantity,
    QuantityError,
    find_quantities,
    format_raw,
    parse_number,
    parse_quantity,
    qualifier_of,
)

VOCAB = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "vocab.yaml")
                       .read_text(encoding="utf-8"))


# ---- parse_number --------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("4.35", 4.35), ("1,000", 1000), ("31483", 31483), ("４．３５", 4.35), ("-3", -3),
    ("0.5", 0.5), ("１，２３４", 1234), (" 80 ", 80), ("−3", -3),
    ("一", 1), ("两", 2), ("二", 2), ("十", 10), ("十二", 12), ("二十", 20), ("三百", 300),
    ("一千二百", 1200), ("一万", 10_000), ("一万亿", 10**12), ("两千", 2000), ("〇", 0),
    ("零", 0), ("一千零五", 1005), ("一百零八", 108), ("三百五", 350), ("两万五", 25_000),
    ("一亿五", 150_000_000), ("三亿五千万", 350_000_000), ("千万", 10**7), ("百", 100),
    ("二〇二四", 2024), ("一十二", 12), ("负三", -3),
    ("1.2万", 12_000), ("5000万", 5 * 10**7), ("1.2万亿", 1.2e12), ("3千", 3000),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", [
    "", "abc", "半", "一半", "十四五", "百千亿", "1.2.3", "1,00", "4.35元", "万千",
    "1e5", "二十二十", "一万万五", "nan", "inf",
])
def test_parse_number_rejects(text):
    with pytest.raises(QuantityError, match="number|numeral|multiplier"):
        parse_number(text)


def test_quantity_error_is_a_value_error_and_names_the_text():
    assert issubclass(QuantityError, ValueError)
    with pytest.raises(QuantityError, match="abc"):
        parse_number("abc")
    with pytest.raises(QuantityError, match="公里"):
        parse_quantity("122", "公里")
    with pytest.raises(QuantityError, match="too"):
        parse_number("9" * 400 + "亿")


# ---- parse_quantity ------------------------------------------------------------------------
UNIT_EXAMPLES = [
    ("80", "亿元", 8.0e9, "CNY"), ("一万", "亿元", 1e12, "CNY"), ("1.2", "万亿元", 1.2e12, "CNY"),
    ("3", "千亿元", 3e11, "CNY"), ("7000", "万元", 7e7, "CNY"), ("1000", "元", 1000, "CNY"),
    ("5000", "万人民币", 5e7, "CNY"),
    ("2", "亿", 2e8, "count"), ("3", "万", 3e4, "count"), ("1", "个亿", 1e8, "count"),
    ("140", "万千瓦", 1400, "MW"), ("500", "千瓦", 0.5, "MW"), ("30", "兆瓦", 30, "MW"),
    ("1.5", "吉瓦", 1500, "MW"), ("2", "GW", 2000, "MW"), ("660", "万千瓦", 6600, "MW"),
    ("12", "万吨", 120_000, "t"), ("6000", "吨", 6000, "t"),
    ("7400", "吨/日", 7400, "t/day"), ("7400", "吨每日", 7400, "t/day"),
    ("10", "万吨/日", 100_000, "t/day"), ("10", "万吨每日", 100_000, "t/day"),
    ("500", "吨/年", 500, "t/yr"), ("30", "万吨/年", 300_000, "t/yr"),
    ("10", "吨/小时", 10, "t/h"),
    ("4.35", "万平方米", 43_500, "m2"), ("7800", "平方米", 7800, "m2"),
    ("300", "公顷", 3_000_000, "m2"), ("110", "亩", 110, "mu"), ("2", "万亩", 20_000, "mu"),
    ("1600", "万棒", 16_000_000, "count"), ("8", "棒", 8, "count"),
    ("2", "万棒/小时", 20_000, "count/h"), ("700", "万袋", 7_000_000, "count"),
    ("80", "亿剂", 8e9, "count"), ("500", "件/年", 500, "count/yr"), ("500", "件", 500, "count"),
    ("4", "座", 4, "count"), ("两", "个", 2, "count"), ("十", "个", 10, "count"),
    ("319", "户", 319, "count"), ("9", "家", 9, "count"), ("10", "项", 10, "count"),
    ("21", "条", 21, "count"), ("8", "栋", 8, "count"), ("225", "处", 225, "count"),
    ("一", "批", 1, "count"),
    ("270", "人", 270, "person"), ("2700", "名", 2700, "person"), ("3", "万人", 30_000, "person"),
    ("60.6", "%", 60.6, "percent"), ("-3", "%", -3, "percent"), ("21", "％", 21, "percent"),
    ("3.4", "个百分点", 3.4, "pp"),
]


@pytest.mark.parametrize(("raw_value", "raw_unit", "value", "unit"), UNIT_EXAMPLES)
def test_parse_quantity_units(raw_value, raw_unit, value, unit):
    assert parse_quantity(raw_value, raw_unit) == Quantity(value, unit)


def test_parse_quantity_is_exact_decimal_arithmetic():
    assert parse_quantity("4.35", "万平方米").value == 43_500.0   # not 43499.999999999996
    assert parse_quantity("339.3", "亿元").value == 33_930_000_000.0
    assert parse_quantity("0.1", "千瓦").value == 0.0001


def test_bare_multiplier_takes_the_expected_unit():
    assert parse_quantity("1", "个亿", expect="CNY") == Quantity(1e8, "CNY")
    assert parse_quantity("2", "万", expect="person") == Quantity(2e4, "person")
    assert parse_quantity("2", "万吨", expect="CNY") == Quantity(2e4, "t")  # only bare ones


@pytest.mark.parametrize("raw_unit", ["公里", "米", "年", "", "美元", "吨/周", "万%", "个/日"])
def test_parse_quantity_unknown_unit(raw_unit):
    with pytest.raises(QuantityError, match="unknown unit"):
        parse_quantity("3", raw_unit)


def test_base_units_are_the_vocab_units():
    reported = {u for u, spec in VOCAB["units"].items() if not spec.get("display_only")}
    assert set(BASE_UNITS) == reported
    assert set(VOCAB["units"]) - reported == {"fact"}  # facts counted, on the quality map


# ---- format_raw ----------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "unit", "raw"), [
    (1.876e10, "CNY", ("187.6", "亿元")), (1e12, "CNY", ("1", "万亿元")),
    (5e7, "CNY", ("5000", "万元")), (300, "CNY", ("300", "元")), (1400, "MW", ("140", "万千瓦")),
    (5, "MW", ("5", "兆瓦")), (0.5, "MW", ("500", "千瓦")), (43_500, "m2", ("4.35", "万平方米")),
    (7400, "t/day", ("7400", "吨/日")), (3e5, "t/yr", ("30", "万吨/年")),
    (3.4, "pp", ("3.4", "个百分点")),
    (-3, "percent", ("-3", "%")), (0, "count", ("0", "个")), (2.5e4, "person", ("2.5", "万人")),
])
def test_format_raw_examples(value, unit, raw):
    assert format_raw(value, unit) == raw


def test_format_raw_unknown_unit():
    with pytest.raises(QuantityError, match="kWh"):
        format_raw(1, "kWh")


@given(st.sampled_from(BASE_UNITS), st.floats(allow_nan=False, allow_infinity=False))
def test_format_raw_round_trips_exactly(unit, value):
    assert parse_quantity(*format_raw(value, unit)) == Quantity(value, unit)


# ---- Chinese numerals ----------------------------------------------------------------------
_CN_DIGITS = "零一二三四五六七八九"


def to_chinese_numeral(n: int) -> str:
    """Standard reading of a non-negative int: 10005 → 一万零五, 10**12 → 一万亿."""
    if n >= 10**8 or n >= 10**4:
        size, char = (10**8, "亿") if n >= 10**8 else (10**4, "万")
        high, low = divmod(n, size)
        text = to_chinese_numeral(high) + char
        if low:
            text += ("零" if low < size // 10 else "") + to_chinese_numeral(low)
        return text
    if n == 0:
        return "零"
    text, gap = "", False
    for size, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // size % 10
        if digit:
            text += ("零" if gap else "") + _CN_DIGITS[digit] + char
            gap = False
        elif text:
            gap = True
    return text


def test_to_chinese_numeral_helper():
    assert to_chinese_numeral(10005) == "一万零五"
    assert to_chinese_numeral(10**12) == "一万亿"
    assert to_chinese_numeral(1200) == "一千二百"
    assert to_chinese_numeral(100_010_000) == "一亿零一万"


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_parse_number_reads_chinese_numerals(n):
    text = to_chinese_numeral(n)
    assert parse_number(text) == float(n)   # the float nearest n (n may exceed 2**53)
    if text.startswith("一十"):
        assert parse_number(text[1:]) == float(n)   # 十二, not 一十二
    if text.startswith("二") and text[1:2] in ("千", "万", "亿", "百"):
        assert parse_number("两" + text[1:]) == float(n)


@given(st.integers(min_value=0, max_value=10**15))
def test_parse_number_reads_arabic_with_grouping(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


# ---- qualifiers ----------------------------------------------------------------------------
@pytest.mark.parametrize(("before", "after", "qualifier"), [
    ("总投资近", "、总装机", "approx"), ("面积约", "", "approx"), ("大约", "", "approx"),
    ("将近", "", "approx"), ("比例", "左右", "approx"),
    ("交易额超过", "", "at_least"), ("超", "", "at_least"), ("逾", "", "at_least"),
    ("", "以上重点项目", "at_least"), ("", "多户", "at_least"), ("", "余元", "at_least"),
    ("建设周期", "以上", "at_least"), ("生产总值过", "的1个", "at_least"),
    ("不超过", "", "at_most"), ("", "以内", "at_most"), ("可降至", "以下", "at_most"),
    ("力争", "", "target"), ("目标是", "", "target"), ("确保", "", "target"),
    ("达到", "的目标", "target"),
    ("预计", "", "expected"), ("将", "", "expected"), ("预计可实现产值", "", "expected"),
    ("建成后产值", "", "expected"), ("有望突破", "", "expected"),
    ("总投资", "的项目", "exact"), ("签约", "个项目", "exact"), ("通过", "", "exact"),
    ("附近", "", "exact"), ("", "余额", "exact"), ("", "多元化", "exact"),
    ("预计实现产值", "以上", "at_least"),            # a bound beats the mood
])
def test_qualifier_of(before, after, qualifier):
    assert qualifier_of(before, after) == qualifier


def test_qualifier_words_cover_the_vocab():
    assert set(QUALIFIER_WORDS) | {"exact"} == set(VOCAB["qualifiers"])
    for word, qualifier in [("近", "approx"), ("左右", "approx"), ("以上", "at_least"),
                            ("余", "at_least"), ("以内", "at_most"), ("力争", "target"),
                            ("预计", "expected")]:
        assert word in QUALIFIER_WORDS[qualifier]


# ---- find_quantities -----------------------------------------------------------------------
def figures(text: str) -> list[tuple[str, str, float, str, str]]:
    return [(f.raw_value, f.raw_unit, f.value, f.unit, f.qualifier) for f in find_quantities(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("总投资近80亿元、总装机容量140万千瓦的国网敦化",
     [("80", "亿元", 8e9, "CNY", "approx"), ("140", "万千瓦", 1400, "MW", "exact")]),
    ("安图大沙河4座电站", [("4", "座", 4, "count", "exact")]),
    ("可消耗浓硫酸12万吨", [("12", "万吨", 120_000, "t", "exact")]),
    ("实现产值339.3亿元,同比增长2.6%",
     [("339.3", "亿元", 3.393e10, "CNY", "exact"), ("2.6", "%", 2.6, "percent", "exact")]),
    ("开工率60.6%。", [("60.6", "%", 60.6, "percent", "exact")]),
    ("人均增收1000余元", [("1000", "元", 1000, "CNY", "at_least")]),
    ("种植300多公顷甜糯玉米", [("300", "公顷", 3e6, "m2", "at_least")]),
    ("木耳规模达到700多万袋", [("700", "万袋", 7e6, "count", "at_least")]),
    ("延边州30余户民族特色", [("30", "户", 30, "count", "at_least")]),
    ("计划实施5000万元以上重点项目33个",
     [("5000", "万元", 5e7, "CNY", "at_least"), ("33", "个", 33, "count", "exact")]),
    ("交易额超过600亿元", [("600", "亿元", 6e10, "CNY", "at_least")]),
    ("含水率可降至60%以下", [("60", "%", 60, "percent", "at_most")]),
    ("50%左右", [("50", "%", 50, "percent", "approx")]),
    ("力争实现产值100亿元", [("100", "亿元", 1e10, "CNY", "target")]),
    ("预计可实现产值20亿元", [("20", "亿元", 2e9, "CNY", "expected")]),
    ("同比提高3.4个百分点", [("3.4", "个百分点", 3.4, "pp", "exact")]),
    ("实现日产能7400吨", [("7400", "吨/日", 7400, "t/day", "exact")]),
    ("年产30万吨新能源负极材料", [("30", "万吨/年", 300_000, "t/yr", "exact")]),
    ("2024年产量30万吨", [("30", "万吨", 300_000, "t", "exact")]),
    ("可实现年产80亿剂动物疫苗", [("80", "亿剂/年", 8e9, "count/yr", "expected")]),
    ("污水处理能力10万吨每日", [("10", "万吨每日", 100_000, "t/day", "exact")]),
    ("2万棒/小时真空糯玉米", [("2", "万棒/小时", 20_000, "count/h", "exact")]),
    ("规划用地面积110亩", [("110", "亩", 110, "mu", "exact")]),
    ("总投资一万亿元", [("一万", "亿元", 1e12, "CNY", "exact")]),
    ("形成了两个产业平台,培育十家企业", [("两", "个", 2, "count", "exact"),
                                         ("十", "家", 10, "count", "exact")]),
    ("装机五千瓦", [("五", "千瓦", 0.005, "MW", "exact")]),
    ("新增两千个岗位", [("两千", "个", 2000, "count", "exact")]),
    ("聚焦1—3个主导产业", [("1", "个", 1, "count", "at_least"),
                         ("3", "个", 3, "count", "at_most")]),
    ("负极材料1万吨至2万吨", [("1", "万吨", 1e4, "t", "at_least"),
                            ("2", "万吨", 2e4, "t", "at_most")]),
    ("300亿元至500亿元级", [("300", "亿元", 3e10, "CNY", "at_least"),
                           ("500", "亿元", 5e10, "CNY", "at_most")]),
    ("共1,000个", [("1,000", "个", 1000, "count", "exact")]),
    ("力争是要达到1个亿的产值", [("1", "个亿", 1e8, "count", "target")]),
    ("5000万人民币", [("5000", "万人民币", 5e7, "CNY", "exact")]),
    ("年产1个亿", [("1", "个亿", 1e8, "count", "exact")]),
    ("年产值2亿元", [("2", "亿元", 2e8, "CNY", "exact")]),
    # not figures: years, dates, ordinals, durations, vague counts, idioms, 一 as an article
    ("2024年中国品牌日,6月29日,8月上旬开始收获", []),
    ("位列吉林省第二位,第1个", []),
    ("建设周期8年以上,3个月,4500小时", []),
    ("数十家海鲜店铺,千家万户", []),
    ("一座座产业园区,一批批重大项目,一个项目,一家人", []),
    ("汽车及零部件,“十四五”期间,1234工作思路", []),
    ("年发电量20万千瓦时", []),
    ("投资1亿美元", []),
])
def test_find_quantities(text, expected):
    assert figures(text) == expected


def test_find_quantities_offsets():
    text = "总投资近80亿元、总装机容量140万千瓦"
    first, second = find_quantities(text)
    assert first == Found(4, 8, "80", "亿元", 8e9, "CNY", "approx")
    assert text[second.start:second.end] == "140万千瓦"
    text = "种植300多公顷甜糯玉米"
    (found,) = find_quantities(text)
    assert text[found.start:found.end] == "300多公顷"


@pytest.mark.parametrize(("raw", "expected"), [
    ("總投資近80億元", [("80", "亿元", 8e9, "CNY", "approx")]),
    ("項(xiàng)目總投資7億元", [("7", "亿元", 7e8, "CNY", "exact")]),
    ("總占地面積４．３５萬平方米", [("4.35", "万平方米", 43_500, "m2", "exact")]),
    ("投资规模456亿元，装机66\n0万千瓦", [("456", "亿元", 4.56e10, "CNY", "exact"),
                                       ("660", "万千瓦", 6600, "MW", "exact")]),
])
def test_find_quantities_on_normalised_traditional_text(raw, expected):
    assert figures(normalize_text(raw)) == expected


def _check_found(text: str) -> None:
    for found in find_quantities(text):
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start:found.end].startswith(found.raw_value)
        assert parse_quantity(found.raw_value, found.raw_unit) == (found.value, found.unit)
        assert found.unit in BASE_UNITS and math.isfinite(found.value)
        assert found.qualifier in VOCAB["qualifiers"]


@given(st.text())
def test_find_quantities_never_raises_on_any_text(text):
    _check_found(text)


_FRAGMENTS = st.sampled_from([
    "0", "1", "7", "12", ".", ",", "3.5", "1,000", "-", "—", "至", "到", "~", "年", "月", "日",
    "第", "数", "多", "余", "以上", "左右", "近", "约", "超过", "力争", "预计", "。", ",", "、",
    "亿", "万", "千", "百", "十", "两", "一", "零", "〇", "五", "元", "亿元", "万元", "吨", "万吨",
    "/年", "每日", "/小时", "千瓦", "万千瓦", "瓦", "时", "平方米", "亩", "公顷", "个", "户", "家",
    "座", "批", "人", "名", "民币", "%", "个百分点", "剂", "棒", "年产", "日产", "项目", "总投资",
    "GW", "h", "W", "a", "第二", "半", "千家万户", "9" * 30, "亿" * 12,
])


@given(st.lists(_FRAGMENTS, max_size=40).map("".join))
def test_find_quantities_never_raises_on_figure_like_text(text):
    _check_found(text)


@given(st.sampled_from(BASE_UNITS), st.floats(min_value=1e-6, max_value=1e15))
def test_find_quantities_finds_a_formatted_figure(unit, value):
    raw_value, raw_unit = format_raw(value, unit)
    found = find_quantities(f"其中共有{raw_value}{raw_unit},")
    assert [(f.value, f.unit, f.qualifier) for f in found] == [(value, unit, "exact")]
