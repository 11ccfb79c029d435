"""What a reader sees in the page's language, and no stand-in words for missing values: the date
reasons in zh and en, an empty cell (never "None") where a fact has no figure, the quality
map's legend header, the curator uploader's Chinese instructions. Real values from data/."""

import datetime as dt
import io
import json
import zipfile
from zoneinfo import ZoneInfo

import pytest
from app_session import open_page

import loaders
from dashboard import exports
from dashboard.downloads import export_frame, sources_frame

A001_ZH = "繁体字与文末“(完)”显示为中国新闻网通稿"  # data/articles.yaml, a001
A001_EN = "Traditional script and the closing \"(完)\" suggest a China News Service wire"


def captions(at) -> str:
    return " ".join(c.value.replace("\\", "") for c in at.caption)


def test_every_estimated_date_has_its_reason_in_both_languages():
    articles = loaders.load_articles()
    estimated = articles[articles["date_estimated"]]
    assert len(estimated) == 5
    for zh, en in zip(estimated["date_reason"], estimated["date_reason_en"], strict=True):
        assert ord(zh[0]) >= 0x2E80 and en[0].isascii()  # a Chinese one and an English one
    assert not [p for p in loaders.load_problems() if "reason" in p.rule]


def test_a_reason_in_one_language_only_is_reported(data_copy):
    path = data_copy / "articles.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    date_reason_en: >-\n      No date in the text. It gives",
                                 "    note_en: >-\n      No date in the text. It gives", 1),
                    encoding="utf-8")
    found = [p for p in loaders.load_problems(data_copy) if "reason" in p.rule]
    assert [(p.value, p.severity) for p in found] == [("a001", "warning")]


@pytest.mark.parametrize(("lang", "shown", "hidden"), [("zh", A001_ZH, A001_EN),
                                                        ("en", A001_EN, A001_ZH)])
def test_date_reasons_follow_the_page_language(lang, shown, hidden):
    facts_page = captions(open_page("pages/facts.py", lang=lang))
    assert shown in facts_page and hidden not in facts_page
    quality = open_page("pages/quality.py", lang=lang)
    (table,) = [t.value for t in quality.table]
    reasons = " ".join(table[table.columns[1]])  # title (index), date, reason, facts
    assert shown in reasons and hidden not in reasons


def test_facts_grid_leaves_a_missing_base_value_empty():
    at = open_page("pages/facts.py")
    grid = next(e for e in at.dataframe if "原文摘录" in e.value.columns)
    assert grid.proto.HasField("placeholder") and grid.proto.placeholder == ""
    row = grid.value.set_index("ID").loc["a000-001"]  # 敦化医药城: mentioned, no figure
    assert row["数值（基本单位）"] is None or str(row["数值（基本单位）"]) in ("<NA>", "nan")
    assert row["数值"] == "—"


def test_downloads_of_facts_without_a_figure_hold_no_none_text():
    facts = loaders.load_facts()
    assert facts["value"].isna().sum() > 0  # e.g. a000-001, a mentioned place
    frame = export_frame(facts)
    text = exports.to_csv_bytes(frame).decode("utf-8-sig")
    row = next(line for line in text.splitlines() if line.startswith("a000-001,"))
    assert "None" not in text and "<NA>" not in text and ",nan," not in row
    book = exports.to_xlsx_bytes(frame, sources_frame(loaders.load_articles(), facts),
                                 {"region": "220000"}, "cite",
                                 dt.datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")))
    strings = zipfile.ZipFile(io.BytesIO(book)).read("xl/sharedStrings.xml").decode()
    assert ">None<" not in strings and "&lt;NA&gt;" not in strings


@pytest.mark.parametrize(("lang", "header", "hover"),
                         [("zh", "条", "条"), ("en", "facts", " facts")])
def test_quality_map_legend_header_names_facts(lang, header, hover):
    at = open_page("pages/quality.py", prefecture="222400", lang=lang)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    legend = [a["text"] for a in spec["layout"]["annotations"] if a.get("name") == "legend"]
    assert legend[0] == header  # was 个 (read as an arrow) in zh, and nothing in en
    values = next(trace for trace in spec["data"] if trace.get("customdata"))
    assert all(row[2].endswith(hover) for row in values["customdata"])  # "12条" / "12 facts"


def test_curator_uploader_says_in_chinese_what_to_do():
    at = open_page("pages/curator.py")
    (uploader,) = at.get("file_uploader")
    assert "拖入下框" in uploader.proto.label and "Upload" in uploader.proto.label
    assert "Upload = 上传" in uploader.proto.help
