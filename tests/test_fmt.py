"""Number formatting and Markdown escaping, on figures from the curated data."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

import loaders
from dashboard.fmt import format_value, md_escape


def _fact(fact_id: str):
    facts = loaders.load_facts()
    return facts[facts["fact_id"] == fact_id].iloc[0]


def test_dunhua_station_investment_reads_the_chinese_way_and_in_english():
    row = _fact("a000-008")  # 国网敦化抽水蓄能电站 总投资近80亿元
    vocab = loaders.load_vocab()
    assert row["value"] == 8e9
    assert format_value(row["value"], row["unit"], "zh", vocab["units"], row["qualifier"]) \
        == "约80亿元"
    assert "8" in format_value(row["value"], row["unit"], "en", vocab["units"])


def test_markdown_payloads_become_literal_text():
    escaped = md_escape('![p](http://203.0.113.7/x.png) :red[x] <b>总投资187.6亿元</b>')
    assert "![" not in escaped and "](" not in escaped and ":red[" not in escaped
    assert "<b>" not in escaped
    assert re.sub(r"\\(.)", r"\1", escaped) \
        == '![p](http://203.0.113.7/x.png) :red[x] <b>总投资187.6亿元</b>'


@given(st.text(max_size=200))
def test_md_escape_round_trips_and_leaves_no_bare_markup(text):
    escaped = md_escape(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text.replace("\n", " ")
    assert not re.search(r"(?<!\\)[\[\]()<>*_`:!]", escaped.replace("\\\\", ""))
