"""One test per failure pattern of issue 16: place, period and metric are decided per figure.

The sentences are written for these tests; codes are those of data/places.csv.
"""

from loaders.extract_period import period_of
from loaders.ingest import candidates


def rows(text: str, date: str = "2024-06-01") -> list[dict]:
    return candidates(text, date=date).rows


def by_raw(text: str, date: str = "2024-06-01") -> dict[str, dict]:
    return {r["raw_value"] + r["raw_unit"]: r for r in rows(text, date)}


# ---- 1. one place per figure, not one per article ---------------------------------------------
def test_each_paragraph_keeps_its_own_city():
    found = by_raw("吉林市新开工项目30个,总投资90亿元。吉林市的化纤项目总投资8亿元。\n\n"
                   "四平市新开工项目12个,总投资40亿元。\n\n白城市新开工项目9个,总投资27亿元。\n")
    assert found["90亿元"]["place_adcode"] == "220200"
    assert found["40亿元"]["place_adcode"] == "220300"
    assert found["12个"]["place_adcode"] == "220300"
    assert found["27亿元"]["place_adcode"] == "220800"
    assert found["27亿元"]["place_evidence"].startswith("白城市")


def test_place_from_the_paragraph_not_the_previous_one():
    found = by_raw("延边州项目建设提速\n\n在和龙市,矿泉水项目总投资2亿元。\n\n"
                   "另一个冷链物流中心总投资1亿元。\n")
    assert found["2亿元"]["place_adcode"] == "222406"
    assert found["1亿元"]["place_adcode"] == "222400"  # the county does not carry over


# ---- 2. words that are not places; province totals; datelines ---------------------------------
def test_idiom_is_not_a_place():
    found = by_raw("长春市新闻\n\n白山松水间,全省亿元以上项目完成投资900亿元。\n")
    assert found["900亿元"]["place_adcode"] == "220000"


def test_province_words_and_dateline():
    found = by_raw("新华社长春5月3日电 今年一季度,吉林省固定资产投资同比增长4.5%。"
                   "我省新能源装机容量达到2100万千瓦。长春市固定资产投资同比增长6%。")
    assert found["4.5%"]["place_adcode"] == "220000"
    assert found["2100万千瓦"]["place_adcode"] == "220000"
    assert found["6%"]["place_adcode"] == "220100"


def test_province_name_in_a_company_is_branding():
    found = by_raw("吉林市化工园区建设提速\n\n吉林化纤集团新项目总投资20亿元。\n")
    assert found["20亿元"]["place_adcode"] == "220200"


# ---- 3. county detail ------------------------------------------------------------------------
def test_county_project_keeps_its_county():
    found = by_raw("延边州推进项目建设\n\n"
                   "和龙市的边境产业园内,年产3万吨矿泉水项目总投资1.2亿元。\n")
    assert found["1.2亿元"]["place_adcode"] == "222406"
    assert found["3万吨/年"]["place_adcode"] == "222406"


def test_paragraph_opening_with_a_place_is_not_a_name():
    found = by_raw("和龙市:园区扩容\n延边州今年实施重点项目200个,总投资500亿元。\n")
    assert found["500亿元"]["place_adcode"] == "222400"


def test_nested_places_written_back_to_back_give_the_inner_one():
    found = by_raw("四平市梨树县做强玉米产业\n\n其中,玉米深加工项目总投资15亿元。\n\n"
                   "辽源市东丰县梅花鹿项目总投资4.8亿元。\n")
    assert found["15亿元"]["place_adcode"] == "220322"
    assert found["4.8亿元"]["place_adcode"] == "220421"


# ---- 4. periods ------------------------------------------------------------------------------
def test_year_range_and_comparison_year_do_not_set_the_period():
    found = by_raw("海上风电项目2020年—2025年陆续建设,规划装机容量200万千瓦。"
                   "今年,该项目完成投资30亿元,比2020年增长40%。光伏装机容量比去年同期增长20%。",
                   date="2024-09-01")
    assert found["200万千瓦"]["period"] == "2024"
    assert found["40%"]["period"] == "2024"
    assert found["20%"]["period"] == "2024"


def test_target_year_and_relative_words():
    found = by_raw("到2025年,全市新能源装机容量将达到800万千瓦。今年上半年,全市完成投资60亿元。"
                   "去年全市产值120亿元。", date="2024-08-01")
    assert found["800万千瓦"]["period"] == "2025"
    assert found["60亿元"]["period"] == "2024-H1"
    assert found["120亿元"]["period"] == "2023"
    assert found["800万千瓦"]["period_evidence"].endswith("2025年")
    assert found["800万千瓦"]["qualifier"] == "target"


def test_first_three_quarters_and_quarter():
    assert period_of("前三季度,全省投资增长5%", 0, 0, 12, "2024")[0] == "2024-Q1/2024-Q3"
    assert period_of("今年一季度,产值50亿元", 0, 0, 10, "2024")[0] == "2024-Q1"
    assert period_of("比2022年增长5%", 0, 0, 9, "2024")[0] == "2024"


# ---- 5. false figures and wrong metrics ------------------------------------------------------
def test_thresholds_and_milestones_are_not_figures():
    found = by_raw("全省5000万元以上项目开复工1200个,亿元以上工业项目完成投资300亿元,"
                   "地区生产总值首次突破万亿元。")
    assert set(found) == {"1200个", "300亿元"}
    assert found["1200个"]["metric"] == "project_count"


def test_count_of_projects_above_a_threshold_is_a_count():
    found = by_raw("白山市今年有80个亿元以上项目纳入调度。")
    assert found["80个"]["metric"] == "project_count" and found["80个"]["value"] == 80


def test_scale_labels_heat_capacity_machines_and_differences_are_not_figures():
    assert [r["raw_value"] + r["raw_unit"] for r in rows(
        "白城市谋划建设2个千万千瓦级基地。供热项目新建3台70MW热水锅炉,供热能力900MW,"
        "新建厂房17栋。全市新增企业30家,比上年增加12个。")] == ["2个", "30家"]


def test_plan_completed_and_tax_metrics():
    found = by_raw("抚松县人参项目总投资15亿元,今年计划完成投资4亿元,已完成投资2亿元,"
                   "年预计投资3.5亿元,建成后可实现8600万元税收。")
    assert found["15亿元"]["metric"] == "investment_total"
    assert found["4亿元"]["metric"] == "investment_annual_plan"
    assert found["2亿元"]["metric"] == "investment_completed"
    assert found["3.5亿元"]["metric"] == "investment_annual_plan"
    assert found["8600万元"]["metric"] == "tax"


def test_traditional_total_without_yuan():
    row = by_raw("臨江市今年實施重點項目40個,總投資180億。")["180亿"]
    assert (row["value"], row["unit"], row["metric"]) == (1.8e10, "CNY", "investment_total")
