"""The extraction assistant (loaders.ingest) reads every unit, qualifier, metric word, script
and layout on sentences written for these tests, finds the curated figures of the seeds, handles
unseen articles (tests/fixtures/articles), writes to data/ only through a validated --accept,
and the curator page shows and escapes what it found."""

import csv
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import loaders
from dashboard.exports import to_csv_bytes
from loaders.facts import validate_rows
from loaders.ingest import candidates, main
from loaders.normalize import normalize_text
from loaders.quantity import format_raw
from loaders.reference import read_reference

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "tests" / "fixtures" / "articles"


def rows(text: str, **options) -> list[dict]:
    return candidates(text, **options).rows


def one(text: str, **options) -> dict:
    found = rows(text, **options)
    assert len(found) == 1, [(r["raw_value"], r["raw_unit"], r["metric"]) for r in found]
    return found[0]


# ---- units and metric keywords ---------------------------------------------------------------
@pytest.mark.parametrize(("text", "raw", "unit", "value", "metric"), [
    ("该项目总投资12亿元。", "12亿元", "CNY", 1.2e9, "investment_total"),
    ("今年年度计划投资3.5亿元。", "3.5亿元", "CNY", 3.5e8, "investment_annual_plan"),
    ("项目已完成投资8000万元。", "8000万元", "CNY", 8e7, "investment_completed"),
    ("项目累计投资2.6亿元。", "2.6亿元", "CNY", 2.6e8, "investment_completed"),
    ("一季度完成固定资产投资9.8亿元。", "9.8亿元", "CNY", 9.8e8, "fixed_asset_investment"),
    ("电站总装机容量120万千瓦。", "120万千瓦", "MW", 1200, "capacity_power"),
    ("风机单机容量5兆瓦。", "5兆瓦", "MW", 5, "capacity_power"),
    ("工厂年产水泥200万吨。", "200万吨/年", "t/yr", 2e6, "capacity_production"),
    ("企业产能达到50万吨/年。", "50万吨/年", "t/yr", 5e5, "capacity_production"),
    ("矿泉水日产能3000吨。", "3000吨/日", "t/day", 3000, "capacity_production"),
    ("新增污水处理能力5万吨每日。", "5万吨每日", "t/day", 5e4, "capacity_production"),
    ("新建10吨/小时生产线。", "10吨/小时", "t/h", 10, "capacity_production"),
    ("预计年产汽车零部件50万件。", "50万件/年", "count/yr", 5e5, "capacity_production"),
    ("全年实现产值45亿元。", "45亿元", "CNY", 4.5e9, "output_value"),
    ("力争达到1个亿的产值。", "1个亿", "CNY", 1e8, "output_value"),
    ("实现工业增加值30亿元。", "30亿元", "CNY", 3e9, "added_value"),
    ("每年利税5000万元。", "5000万元", "CNY", 5e7, "tax"),
    ("上缴税金2亿元。", "2亿元", "CNY", 2e8, "tax"),
    ("实现营业收入3亿元。", "3亿元", "CNY", 3e8, "revenue"),
    ("年销售收入1.2亿元。", "1.2亿元", "CNY", 1.2e8, "revenue"),
    ("市场交易额600亿元。", "600亿元", "CNY", 6e10, "trade_value"),
    ("年交易量200万吨。", "200万吨/年", "t/yr", 2e6, "trade_volume"),
    ("新签约项目12个。", "12个", "count", 12, "project_count"),
    ("建设4座电站。", "4座", "count", 4, "project_count"),
    ("全县规上工业企业150户。", "150户", "count", 150, "enterprise_count"),
    ("园区已有8家企业入驻。", "8家", "count", 8, "enterprise_count"),
    ("同比增长12.5%。", "12.5%", "percent", 12.5, "growth_rate"),
    ("同比下降3%。", "-3%", "percent", -3, "growth_rate"),
    ("比上年提高2个百分点。", "2个百分点", "pp", 2, "growth_rate"),
    ("项目占地300亩。", "300亩", "mu", 300, "area"),
    ("总建筑面积5.6万平方米。", "5.6万平方米", "m2", 56000, "area"),
    ("种植甜玉米200公顷。", "200公顷", "m2", 2e6, "area"),
    ("可安置就业500人。", "500人", "person", 500, "jobs"),
    ("开工率85%。", "85%", "percent", 85, "share"),
    ("前期手续完成率60%。", "60%", "percent", 60, "share"),
    ("市场占有率30%。", "30%", "percent", 30, "share"),
    ("年可消耗废酸8万吨。", "8万吨/年", "t/yr", 8e4, "intake_capacity"),  # an input
    ("新增3条包装生产线。", "3条", "count", 3, "line_count"),
    ("5项省级政策试点落地。", "5项", "count", 5, "pilot_count"),
])
def test_unit_and_metric(text, raw, unit, value, metric):
    row = one(text)
    assert (row["raw_value"] + row["raw_unit"], row["unit"], row["metric"]) == (raw, unit, metric)
    assert row["value"] == pytest.approx(value)
    assert row["reviewed"] is False and 0 < row["confidence"] <= 1


@pytest.mark.parametrize(("text", "qualifier"), [
    ("项目总投资约10亿元。", "approx"), ("项目总投资近10亿元。", "approx"),
    ("项目总投资10亿元左右。", "approx"), ("项目总投资超过10亿元。", "at_least"),
    ("项目总投资10亿元以上。", "at_least"), ("项目总投资10多亿元。", "at_least"),
    ("项目总投资不到10亿元。", "at_most"), ("力争实现产值10亿元。", "target"),
    ("预计实现产值10亿元。", "expected"), ("项目总投资10亿元。", "exact"),
])
def test_qualifier(text, qualifier):
    assert one(text)["qualifier"] == qualifier


def test_range_is_one_figure_with_its_upper_end_in_the_note():
    row = one("今年预计生产负极材料1万吨至2万吨。")
    assert (row["raw_value"], row["qualifier"], row["metric"]) == ("1", "at_least",
                                                                   "production_volume")
    assert "2万吨" in row["note"] and row["excerpt"].endswith("1万吨至2万吨")


@pytest.mark.parametrize(("text", "status"), [
    ("总投资5亿元的物流园项目昨日签约。", "signed"),
    ("总投资5亿元的物流园项目正式开工。", "under_construction"),
    ("在建的物流园项目总投资5亿元。", "under_construction"),
    ("总投资5亿元的物流园项目全面投产。", "operating"),
    ("总投资5亿元的物流园项目开始试生产。", "trial"),
    ("谋划总投资5亿元的物流园项目。", "planned"),
    ("规划建设总投资5亿元的物流园项目。", "planned"),
    ("总投资5亿元的物流园项目顺利竣工。", "completed"),
])
def test_status(text, status):
    assert one(text)["status"] == status


def test_period_from_text_and_date():
    assert one("2023年,全县完成固定资产投资10亿元。")["period"] == "2023"
    assert one("上半年,全州实现产值20亿元。", date="2024-07-01")["period"] == "2024-H1"
    assert one("一季度完成固定资产投资1.4亿元。", date="2023-04-20")["period"] == "2023-Q1"
    assert one("全州实现产值20亿元。", date="2024-07-01")["period"] == "2024"


# ---- scripts and layout ----------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "延吉市重点项目总投资12亿元。",
    "延吉市重點項目總投資12億元。",
    "延吉市重點項(xiàng)目總投(tóu)資12億元。",
    "延吉市重点项目总投资１２亿元。",
    "延吉市重点项目总投\n资12 亿元。",
])
def test_scripts_and_layout_give_the_same_candidate(text):
    row = one(text)
    assert (row["raw_value"], row["raw_unit"], row["metric"], row["place_adcode"]) == \
        ("12", "亿元", "investment_total", "222401")
    assert row["excerpt"] == "延吉市重点项目总投资12亿元"


# ---- places, subjects, scope and what is not a figure ----------------------------------------
def test_places():
    zone = one("延吉高新区新建项目总投资3亿元。")
    assert (zone["place_adcode"], zone["zone_id"]) == ("222401", "yanji_hitech")
    package = rows("延边州规划推进敦化、汪清两座电站,投资规模100亿元。")
    assert {r["place_adcode"] for r in package} == {"222400"}  # never split between counties
    located = one("总投资10亿元的长春华晟汽车配件项目在绿园区开工。")
    assert located["place_adcode"] == "220106"  # the clause names the county
    context = rows("延边州召开工业经济会议。\n\n会议指出,今年预计实现产值100亿元。")
    assert context[0]["place_adcode"] == "222400"
    company = one("吉林铭远新材料公司在敦化市投资5亿元建设新厂。")
    assert company["place_adcode"] == "222403"  # 吉林 is the company's name, not the place


def test_subject_and_scope():
    total = rows("今年,集安市计划实施重点项目33个,总投资187.6亿元。")
    assert [(r["metric"], r["scope"], r["place_adcode"]) for r in total] == [
        ("project_count", "place_total", "220582"), ("investment_total", "place_total", "220582")]
    named = rows("来到总投资6.2亿元的清河人参产业园建设项目现场。该项目占地110亩。")
    assert [(r["subject"], r["scope"]) for r in named] == [
        ("清河人参产业园建设项目", "project"), ("清河人参产业园建设项目", "project")]


@pytest.mark.parametrize("text", [
    "计划实施5000万元以上重点项目。",  # a threshold
    "位于九台区的物流园。",  # a numeral inside a place name
    "围绕“千万头肉牛工程”推进。",  # a programme's name
    "6月29日,项目投产。",  # a date
])
def test_not_figures(text):
    assert rows(text) == []


# ---- hypothesis: format_raw → text → extractor gives the value back ----------------------------
TEMPLATES = {"CNY": "该项目总投资{}。", "MW": "电站总装机容量{}。", "t/yr": "企业产能达到{}。",
             "m2": "总建筑面积{}。", "percent": "同比增长{}。", "person": "可安置就业{}。"}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(TEMPLATES)), st.integers(min_value=1, max_value=10**10),
       st.sampled_from([1, 10, 100, 10_000]))
def test_format_raw_round_trips_through_the_extractor(unit, number, divisor):
    value = number / divisor if unit not in ("person",) else float(number)
    raw_value, raw_unit = format_raw(value, unit)
    row = one(TEMPLATES[unit].format(raw_value + raw_unit))
    assert (row["value"], row["unit"]) == (value, unit)


# ---- seeds (golden) --------------------------------------------------------------------------
def _seed(seeds_dir: Path, article: str) -> list[dict]:
    meta = loaders.load_articles().set_index("id").loc[article]
    text = (seeds_dir / meta["seed_file"]).read_text(encoding="utf-8")
    return candidates(text, article_id=article, date=f"{meta['date']:%Y-%m-%d}").rows


def _find(found: list[dict], raw: str, metric: str) -> dict:
    match = [r for r in found if r["raw_value"] + r["raw_unit"] == raw and r["metric"] == metric]
    assert match, f"{raw} {metric} not among the candidates"
    return match[0]


def test_golden_a003(seeds_dir):
    found = _seed(seeds_dir, "a003")
    total = _find(found, "187.6亿元", "investment_total")
    assert (total["place_adcode"], total["scope"], total["period"]) == ("220582", "place_total",
                                                                        "2023")
    assert _find(found, "40.6亿元", "investment_annual_plan")["place_adcode"] == "220582"
    park = _find(found, "6.2亿元", "investment_total")
    assert (park["subject"], park["scope"]) == ("中国·清河人参高新技术产业园区建设项目", "project")
    assert _find(found, "11.6万平方米", "area")["place_adcode"] == "220502"  # 东昌区, not 通化
    assert _find(found, "148亿元", "investment_total")["place_adcode"] == "220500"
    assert not [r for r in found if r["raw_value"] == "5000"]  # 5000万元以上: a threshold


def test_golden_a000_and_traditional_a001(seeds_dir):
    a000 = _seed(seeds_dir, "a000")
    power = _find(a000, "140万千瓦", "capacity_power")
    assert (power["place_adcode"], power["subject"]) == ("222403", "国网敦化抽水蓄能电站")
    assert _find(a000, "80亿元", "investment_total")["qualifier"] == "approx"
    assert _find(a000, "456亿元", "investment_total")["place_adcode"] == "222400"
    assert _find(a000, "7400吨/日", "capacity_production")["place_adcode"] == "222426"
    a001 = _seed(seeds_dir, "a001")
    area = _find(a001, "4.35万平方米", "area")
    assert (area["place_adcode"], area["zone_id"]) == ("222401", "yanji_hitech")
    target = _find(a001, "1个亿", "output_value")
    assert (target["value"], target["qualifier"], target["period"]) == (1e8, "target", "2025")


def test_bench_goals_are_met(seeds_dir):
    from bench.extraction import GOALS, GROUP, evaluate, scores

    result = scores(evaluate(seeds_dir), GROUP)
    assert all(result[key] >= goal for key, goal in GOALS.items()), result


# ---- the command on unseen articles ----------------------------------------------------------
EXPECTED = {  # (raw, metric, place_adcode, scope) that must be among the candidates
    "changchun_auto_parts.txt": [
        ("26.5亿元", "investment_total", "220106", "project"),
        ("320亩", "area", "220106", "project"),
        ("60万套/年", "capacity_production", "220106", "project"),
        ("45亿元", "output_value", "220106", "project"),
        ("318亿元", "investment_total", "220106", "place_total"),
        ("96亿元", "investment_annual_plan", "220106", "place_total"),
        ("12.3亿元", "fixed_asset_investment", "220106", "place_total"),
        ("3.2亿元", "investment_completed", "220113", "project")],
    "baishan_mineral_water.txt": [
        ("100万吨/年", "capacity_production", "220621", "project"),
        ("12.8亿元", "investment_total", "220621", "project"),
        ("15亿元", "output_value", "220621", "project"),
        ("23.6亿元", "output_value", "220621", "place_total"),
        ("6亿元", "investment_total", "220622", "project")],
    "siping_wind_farm.txt": [
        ("200万千瓦", "capacity_power", "220382", "project"),
        ("86亿元", "investment_total", "220382", "project"),
        ("50万千瓦", "capacity_power", "220322", "project"),
        ("24亿元", "investment_total", "220322", "project"),
        ("480万千瓦", "capacity_power", "220300", "place_total")],
}


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_command_on_unseen_articles(name, tmp_path, capsys):
    out = tmp_path / "candidates.csv"
    assert main([str(ARTICLES / name), "--date", "2024-06-20", "--out", str(out)]) == 0
    found = _csv(out.read_text(encoding="utf-8"))
    got = {(r["raw_value"] + r["raw_unit"], r["metric"], r["place_adcode"], r["scope"])
           for r in found}
    assert set(EXPECTED[name]) <= got
    assert list(found[0]) == ["fact_id", "article_id", "subject", "project_id", "place_adcode",
                              "zone_id", "cluster", "metric", "raw_value", "raw_unit",
                              "qualifier", "status", "period", "scope", "excerpt", "note",
                              "value", "unit", "place_level", "confidence", "reviewed",
                              "place_evidence", "period_evidence"]
    assert {r["reviewed"] for r in found} == {"false"}
    original = normalize_text((ARTICLES / name).read_text(encoding="utf-8"))
    for row in found:  # excerpts are short verbatim passages holding the figure
        assert len(row["excerpt"]) <= 120 and row["excerpt"] in original
        assert normalize_text(row["raw_value"].lstrip("-")) in row["excerpt"]
    ref = read_reference(REPO / "data")
    measured = [(i, {**r, "article_id": "a000"}) for i, r in enumerate(found, 2) if r["metric"]]
    assert validate_rows(out, measured, ref, {})[1] == []  # the loader accepts them as written


def test_command_as_a_module_prints_csv():
    result = subprocess.run([sys.executable, "-m", "loaders.ingest",
                             str(ARTICLES / "siping_wind_farm.txt")], capture_output=True,
                            text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert any(r["raw_value"] == "86" and r["metric"] == "investment_total"
               for r in _csv(result.stdout))


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    (b"", "file is empty"),
    (b" \n\n", "file is empty"),
    ("第一行\n第二行\n".encode() + "第三行总投资5亿元".encode("gbk"), ":3: not valid UTF-8"),
])
def test_command_rejects_bad_input(content, message, tmp_path, capsys):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    assert main([str(path)]) == 2
    assert message in capsys.readouterr().err


# ---- --accept ---------------------------------------------------------------------------------
A005 = """
  - id: a005
    <<: *defaults
    seed_file: changchun_auto_parts.txt
    title: 绿园区汽车零部件产业园项目开工
    title_en: Auto-parts park starts in Lüyuan
    outlet: 测试
    outlet_en: Test
    date: "2024-04-20"
    date_estimated: false
    region: "220100"
    script: simplified
"""


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def reviewed(data_copy, tmp_path, monkeypatch):
    """A data/ copy that knows article a005, and a candidate CSV for it with two rows reviewed."""
    with (data_copy / "articles.yaml").open("a", encoding="utf-8") as handle:
        handle.write(A005)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    before = _snapshot(data_copy)
    out = tmp_path / "a005.csv"
    assert main([str(ARTICLES / "changchun_auto_parts.txt"), "--article-id", "a005", "--date",
                 "2024-04-20", "--out", str(out)]) == 0
    assert _snapshot(data_copy) == before  # nothing written without --accept
    found = _csv(out.read_text(encoding="utf-8"))
    for row in found:
        row["reviewed"] = "true" if row["raw_value"] + row["raw_unit"] in ("26.5亿元",
                                                                          "18.6万平方米") \
            else "false"
    return data_copy, out, found


def _write(path: Path, found: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(found[0]))
        writer.writeheader()
        writer.writerows(found)


def test_accept_writes_only_reviewed_valid_rows(reviewed, capsys):
    data, out, found = reviewed
    out.write_bytes(to_csv_bytes(pd.DataFrame(found)))  # as the curator page downloads it
    assert main([str(out), "--accept"]) == 0
    written = list(csv.DictReader((data / "facts" / "a005.csv").open(encoding="utf-8")))
    assert [(r["raw_value"], r["metric"]) for r in written] == [
        ("26.5", "investment_total"), ("18.6", "area")]
    facts = loaders.load_facts(data)
    new = facts[facts["article_id"] == "a005"]
    assert sorted(new["value"].astype(float)) == [1.86e5, 2.65e9]
    assert not [p for p in loaders.load_problems(data) if p.severity == "error"]
    assert main([str(out), "--accept"]) == 1  # accepting twice: duplicate fact_ids, refused
    assert "duplicate fact_id" in capsys.readouterr().err


def test_accept_refuses_invalid_rows(reviewed, capsys):
    data, out, found = reviewed
    before = _snapshot(data)
    found[0]["metric"] = "bogus"
    found[1]["place_adcode"] = "999999"
    _write(out, found)
    assert main([str(out), "--accept"]) == 1
    err = capsys.readouterr().err
    assert f"{out}:2: metric: 'bogus': unknown metric" in err
    assert "refused" in err and _snapshot(data) == before
    for row in found:
        row["reviewed"] = "false"
    _write(out, found)
    assert main([str(out), "--accept"]) == 1
    assert "no row has reviewed=true" in capsys.readouterr().err and _snapshot(data) == before


# ---- the curator page ------------------------------------------------------------------------
def _page():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/curator.py")
    return app.run()


def test_curator_page_shows_escaped_highlights_and_candidates():
    app = _page()
    text = (ARTICLES / "changchun_auto_parts.txt").read_text(encoding="utf-8")
    app.text_area(key="curator_text").input("<b>标题</b>\n" + text).run()
    assert not app.exception and not app.error
    table = app.data_editor[0].value
    first = table.iloc[0]
    assert (first["raw_value"], first["raw_unit"], first["metric"], first["place_adcode"]) == \
        ("26.5", "亿元", "investment_total", "220106")
    assert table.loc[table["raw_value"] == "12.3", "metric"].tolist() == ["fixed_asset_investment"]
    assert first["place"] == "绿园区 · 长春市"  # edited by name through the gazetteer select
    assert first["place_evidence"]  # the phrase that decided the place is shown
    page = next(m.value for m in app.get("html") if "<mark" in m.value)
    assert "&lt;b&gt;标题&lt;/b&gt;" in page and "<b>" not in page
    assert '>26.5亿元</mark>' in page
    assert app.get("download_button")


def test_curator_page_rejects_non_utf8_upload():
    app = _page()
    app.file_uploader(key="curator_upload").upload(
        "gbk.txt", "总投资5亿元".encode("gbk"), "text/plain").run()
    assert any("not valid UTF-8" in e.value for e in app.error)


def test_curator_place_labels_map_back_to_codes():
    from dashboard.curation import place_options, with_place_codes, with_place_names

    options = place_options(loaders.load_places())
    assert options["敦化市 · 延边朝鲜族自治州"] == "222403"
    frame = with_place_names(pd.DataFrame({"place_adcode": ["222403", "220106"]}), options)
    assert frame["place"].tolist() == ["敦化市 · 延边朝鲜族自治州", "绿园区 · 长春市"]
    frame.loc[1, "place"] = "珲春市 · 延边朝鲜族自治州"  # the curator picks another place
    assert with_place_codes(frame, options)["place_adcode"].tolist() == ["222403", "222404"]
