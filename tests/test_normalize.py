"""normalize_text decides whether a curated excerpt is verbatim in its article, so each step
(NFKC, pinyin removal, t2s, whitespace) is pinned here on the forms the seeds really contain."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.normalize import normalize_text, strip_pinyin, to_simplified


@pytest.mark.parametrize(("raw", "expected"), [
    ("項(xiàng)目", "項目"),
    ("建設(shè)", "建設"),
    ("(shè)", ""),                      # tone mark: pinyin wherever it stands
    ("相P(guān)消耗品", "相P消耗品"),    # after mojibake in seed 001
    ("綠(lǜ)色", "綠色"),                # ü with tone
    ("綠(lü)色", "綠色"),
    ("女(nv)", "女"),                    # toneless ü written v
    ("項(xiang)目", "項目"),              # toneless after a Chinese character
    ("項(xiang4)目", "項目"),             # tone digit
    ("項（xiàng）目", "項目"),           # full-width parentheses
    ("經(jīng)濟(jì)", "經濟"),
    ("項(xiàng)(xiang)目", "項目"),        # chained annotations
])
def test_strip_pinyin_removes_annotations(raw, expected):
    assert strip_pinyin(raw) == expected


@pytest.mark.parametrize("kept", [
    "卡森(吉林)细胞资源库", "增长4.2%。(完)", "布尔哈通河(一期)", "振兴县(区)域经济",
    "方案(a)", "(xiang)", "IGBT(igbt)", "LNG(lng)", "(Xiàng)", "Python (version)",
])
def test_strip_pinyin_keeps_ordinary_parentheses(kept):
    assert strip_pinyin(kept) == kept


def test_to_simplified():
    assert to_simplified("總投資近80億元") == "总投资近80亿元"
    assert to_simplified("延邊州產業發展") == "延边州产业发展"
    assert to_simplified("") == ""


@pytest.mark.parametrize(("raw", "expected"), [
    ("總投資近80億元", "总投资近80亿元"),
    ("項(xiàng)目總投資7億元", "项目总投资7亿元"),
    ("總占地面積４．３５萬平方米", "总占地面积4.35万平方米"),        # full-width digits
    ("全州３１９户，实现产值３３９．３亿元", "全州319户,实现产值339.3亿元"),
    ("投资规模456亿元，装机66\n0万千瓦", "投资规模456亿元,装机660万千瓦"),  # hard wrap
    ("延吉高新区中高压IGBT功能开关和全芯微科技集成电路封测2个项目",
     "延吉高新区中高压IGBT功能开关和全芯微科技集成电路封测2个项目"),
    ("  吹响冲锋号 \r\n\t力争\u3000三年\u200b ", "吹响冲锋号力争三年"),
    ("卡森(吉林)細(xì)胞", "卡森(吉林)细胞"),
    ("开工率６０．６％", "开工率60.6%"),
])
def test_normalize_text_examples(raw, expected):
    assert normalize_text(raw) == expected


def test_normalize_text_matches_excerpt_against_traditional_seed_text():
    seed = ("延吉高新區(qū)細(xì)胞產(chǎn)業(yè)園基礎(chǔ)設(shè)施建設(shè)項(xiàng)目"
            "總占地面積4.35萬平方米,總建築面積12.28萬平方米")
    excerpt = "细胞产业园基础设施建设项目总占地面积4.35万平方米"
    assert normalize_text(excerpt) in normalize_text(seed)


_PIECES = st.sampled_from([
    "項", "(xiàng)", "(xiang)", "(", ")", "（", "）", "萬", "億", "總", "ü", "u\u0308", "\u0301",
    "e", "a", "(lǜ)", "４", "．", " ", "\n", "\u3000", "\u200b", "薴", "苧", "卡森(吉林)", "1",
    "％", "ﾊﾟ", "㎡", "Ⅻ", "ﬁ", "\u00a0",
])


@given(st.text())
def test_normalize_text_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_normalize_text_is_idempotent_on_tricky_mixtures(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert not any(c.isspace() for c in once)
    assert unicodedata.normalize("NFKC", once) == once
