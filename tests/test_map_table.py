"""The map's table: every place of the map, largest first, no-data places after, the figures
on no one place as a row of their own, so the download adds up to the KPI on screen."""

import math

import geo
import loaders
from dashboard import aggregate
from dashboard.filters import filter_facts, map_facts
from dashboard.i18n import place_labels
from dashboard.map_table import download_frame, map_rows, total
from dashboard.state import ViewState

FACTS = loaders.load_facts()
JILIN = FACTS[FACTS["region_adcode"] == "220000"]
NAMES = place_labels(loaders.load_places(), "zh")


def rows_for(view: ViewState, level: str, parent: str, metric: str = "investment_total"):
    facts = map_facts(JILIN, view, parent)
    values = aggregate.by_place(facts, metric, level, "project")
    elsewhere = aggregate.unallocated(facts, metric, level)
    layer = geo.layer_under("220000", level, parent)
    return map_rows(values, layer, NAMES, elsewhere, "project", "CNY", "zh",
                    loaders.load_vocab()["units"])


def test_province_table_lists_every_prefecture_and_adds_up_to_the_kpi():
    rows = rows_for(ViewState(), "prefecture", "220000")
    assert len(rows) == 9
    assert list(rows["place"][:2]) == ["延边朝鲜族自治州", "通化市"]  # 544.5亿, 453.6亿
    assert rows["figure"].iloc[0] == "544.5亿元"
    assert (rows["kind"] == "no_data").sum() == 7 and set(rows["figure"][2:]) == {"无数据"}
    kpi = aggregate.kpis(filter_facts(JILIN, ViewState()), "investment_total")["total"]
    assert math.isclose(total(rows), kpi) and round(kpi / 1e8, 4) == 998.0837


def test_yanbian_table_keeps_the_package_as_its_own_row():
    view = ViewState(prefecture="222400")
    rows = rows_for(view, "county", "222400")
    assert rows["place"].iloc[0] == "敦化市" and rows["figure"].iloc[0] == "80亿元"
    last = rows.iloc[-1]
    assert last["kind"] == "elsewhere" and last["value"] == 45_650_000_000.0  # 456亿 + 0.5亿
    assert set(last["fact_ids"]) == {"a001-011", "a002-021"}
    kpi = aggregate.kpis(filter_facts(JILIN, view), "investment_total")["total"]
    assert math.isclose(total(rows), kpi)  # 88亿 on the map + 456.5亿 reported for Yanbian


def test_download_headers_carry_language_and_units():
    rows = rows_for(ViewState(), "prefecture", "220000")
    vocab = loaders.load_vocab()
    zh = download_frame(rows, "investment_total", vocab, "zh")
    assert list(zh.columns[:4]) == ["地点", "行政区划代码", "总投资 (亿元)", "总投资 (元)"]
    assert zh["总投资 (亿元)"].iloc[0] == 544.5 and zh["总投资 (元)"].iloc[0] == 5.445e10
    en = download_frame(rows, "investment_total", vocab, "en")
    assert "Total investment (CNY bn)" in en.columns and "Fact IDs" in en.columns
    assert math.isnan(en["Total investment (CNY)"].iloc[-1])  # no data stays empty, not 0
