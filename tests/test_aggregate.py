"""Filter → aggregate on the real fact base: honest bases, no double counting."""

from dataclasses import replace

import pandas as pd
import pytest

import loaders
from dashboard import aggregate
from dashboard.filters import cleared, filter_facts, option_counts
from dashboard.state import ViewState

JILIN = ViewState()


def test_jian_reported_total_is_187_6_yi(facts):
    totals = aggregate.by_place(filter_facts(facts, JILIN), "investment_total", "county",
                                "place_total")
    jian = totals.set_index("adcode").loc["220582"]
    assert jian["value"] == pytest.approx(187.6e8)


def test_county_filter_on_dunhua_shows_the_pumped_storage_station(facts):
    dunhua = filter_facts(facts, replace(JILIN, prefecture="222400", county="222403"))
    station = dunhua[dunhua["project_id"] == "dunhua_pumped_storage"]
    capacity = station[station["metric"] == "capacity_power"]
    cost = station[station["metric"] == "investment_total"]
    assert capacity["value"].tolist() == [1400.0]  # 140万千瓦 = 1,400 MW
    assert cost["value"].tolist() == [80e8] and cost["qualifier"].tolist() == ["approx"]
    assert set(dunhua["county_adcode"]) == {"222403"}


def test_prefecture_package_is_not_split_between_counties(facts):
    """The four Yanbian stations (6,600 MW, 456亿元) are on the prefecture only."""
    yanbian = filter_facts(facts, replace(JILIN, prefecture="222400"))
    by_county = aggregate.by_place(yanbian, "capacity_power", "county", "project")
    assert by_county.set_index("adcode")["value"].to_dict() == {"222403": 1400.0}
    left = aggregate.unallocated(yanbian, "capacity_power", "county")
    assert left["project_id"].tolist() == ["yanbian_four_pumped_storage"]
    by_prefecture = aggregate.by_place(yanbian, "capacity_power", "prefecture", "project")
    assert by_prefecture.set_index("adcode").loc["222400", "value"] == 1400.0 + 6600.0


def test_repeated_project_counted_once(facts):
    """456亿元 is reported by a000 and a002: the prefecture sum holds it once."""
    yanbian = filter_facts(facts, replace(JILIN, prefecture="222400"))
    rows = yanbian[(yanbian["project_id"] == "yanbian_four_pumped_storage")
                   & (yanbian["metric"] == "investment_total")]
    assert len(rows) == 2
    deduped = aggregate.dedupe(rows)
    assert len(deduped) == 1 and deduped.iloc[0]["n_sources"] == 2
    assert not deduped.iloc[0]["conflict"]


def test_bases_and_metrics_never_mix(facts):
    jilin = filter_facts(facts, JILIN)
    project = aggregate.by_place(jilin, "investment_total", "county", "project")
    totals = aggregate.by_place(jilin, "investment_total", "county", "place_total")
    plan = aggregate.by_place(jilin, "investment_annual_plan", "county", "place_total")
    jian_project = project.set_index("adcode")["value"].get("220582", 0.0)
    assert jian_project < 187.6e8  # project sum is its own basis, not the 187.6 total
    assert plan.set_index("adcode").loc["220582", "value"] == pytest.approx(40.6e8)
    assert totals.set_index("adcode").loc["220582", "value"] == pytest.approx(187.6e8)
    with pytest.raises(ValueError):
        aggregate.by_place(jilin, "investment_total", "county", "both")


def test_no_data_places_are_absent_not_zero(facts):
    values = aggregate.by_place(filter_facts(facts, JILIN), "investment_total", "county",
                                "project")
    assert "220102" not in set(values["adcode"])  # Changchun Nanguan: no article covers it
    assert (values["value"] > 0).all()


def test_projects_table_has_one_row_per_project(facts):
    table = aggregate.projects_table(filter_facts(facts, replace(JILIN, prefecture="220500")))
    assert table["project"].is_unique
    zhongyi = table.set_index("project").loc["zhongyi_anode_material"]
    assert zhongyi["investment_total"] == pytest.approx(70e8)
    assert zhongyi["place_adcode"] == "220524"


def test_kpis_for_tonghua(facts):
    numbers = aggregate.kpis(filter_facts(facts, replace(JILIN, prefecture="220500")))
    assert numbers["n_projects"] == 20
    assert numbers["n_counties"] == 6
    assert str(numbers["latest_date"])[:10] == "2023-04-20"


@pytest.mark.parametrize("metric", ["investment_total", "investment_completed"])
def test_kpi_counts_follow_the_metric_as_the_map_does(facts, metric):
    """The projects beside the total are the map's: a reader who sees 25 projects and two
    prefectures of 5 and 20 on the map's table must not find 81 (every metric's) above it."""
    jilin = filter_facts(facts, JILIN)
    numbers = aggregate.kpis(jilin, metric)
    mapped = aggregate.by_place(jilin, metric, "prefecture", "project")
    assert numbers["n_projects"] == mapped["n_projects"].sum()
    assert numbers["total"] == pytest.approx(mapped["value"].sum())
    assert (numbers["n_projects"], numbers["n_counties"]) == {
        "investment_total": (25, 8), "investment_completed": (1, 2)}[metric]


def test_option_counts_match_filtering(facts):
    counts = option_counts(facts, JILIN, "prefecture", "prefecture_adcode")
    for code, n in counts.items():
        assert len(filter_facts(facts, replace(JILIN, prefecture=code))) == n
    assert counts["220500"] == (facts["prefecture_adcode"] == "220500").sum()


def test_clear_resets_filters_but_keeps_region_and_language():
    view = ViewState(region="370600", county="370613", lang="en", year="2021", status="target")
    assert cleared(view) == ViewState(region="370600", lang="en")


def test_yantai_has_its_own_facts(facts):
    yantai = filter_facts(facts, ViewState(region="370600"))
    assert len(yantai) >= 20 and set(yantai["article_id"]) == {"a004"}


def test_two_figures_in_one_article_are_kept_and_not_a_conflict(facts):
    # a003: 石墨化产品5万吨 and 负极材料1万吨 are different products, both this year
    rows = aggregate.dedupe(facts)
    zhongyi = rows[(rows["entity_id"] == "zhongyi_anode_material")
                   & (rows["metric"] == "production_volume")]
    assert sorted(zhongyi["value"]) == [10_000.0, 50_000.0]
    assert not zhongyi["conflict"].any()
    flagged = rows[rows["conflict"]]
    assert flagged["subject"].tolist() == ["延吉高新区细胞产业园"]  # 7家 (a000) vs 9家 (a001)
    assert flagged["value"].tolist() == [9.0]  # the newer article's figure, flagged


def test_zone_total_is_not_its_host_prefectures_total(facts):
    """港务区's expected 16.76亿元 of fixed-asset investment is reported under Tonghua's code
    (220500) but is the zone's figure: the place-total map leaves Tonghua as "no data"."""
    jilin = filter_facts(facts, JILIN)
    zone = jilin[(jilin["fact_id"] == "a003-071")]
    assert zone["value"].tolist() == [16.76e8] and zone["zone_id"].tolist() == ["tonghua_port"]
    totals = aggregate.by_place(jilin, "fixed_asset_investment", "prefecture", "place_total")
    assert "220500" not in set(totals["adcode"])


def test_a_metric_in_several_units_is_never_summed(facts):
    """Production capacity comes in t/yr, t/day, t/h and items: adding them is meaningless."""
    jilin = filter_facts(facts, JILIN)
    with pytest.raises(ValueError, match="several units"):
        aggregate.by_place(jilin, "capacity_production", "county", "project")


def test_acid_intake_is_not_output_capacity(facts):
    """Zijin's plant takes 12万吨 of acid a year and makes 20万吨 of ferrous sulfate: only the
    20万吨 is production capacity (a sum would show Hunchun at 32万吨)."""
    zijin = facts[facts["project_id"] == "zijin_ferrous_sulfate"]
    by_metric = zijin.groupby("metric")["value"].sum().to_dict()
    assert by_metric == {"capacity_production": 20e4, "intake_capacity": 12e4}


def test_investment_page_metrics_come_from_the_vocabulary():
    from dashboard.aggregate import page_metrics

    assert page_metrics(loaders.load_vocab(), "investment") == [
        "investment_total", "investment_annual_plan", "investment_completed",
        "fixed_asset_investment"]


def test_filter_counts_are_option_counts_of_the_metric(facts):
    """The sidebar's one cached call gives what its six option counts gave, on the facts of
    the map's metric when one is given."""
    from dashboard.filters import COUNTED_COLUMNS, filter_counts, years

    for metric in ("", "investment_total"):
        subset = facts[facts["metric"] == metric] if metric else facts
        counts = filter_counts(facts, JILIN, metric)
        assert set(counts) == set(COUNTED_COLUMNS)
        for key, column in COUNTED_COLUMNS.items():
            pd.testing.assert_series_equal(counts[key], option_counts(subset, JILIN, key, column))
        assert years(facts, metric) == sorted(subset["year"].dropna().astype(str).unique(),
                                              reverse=True)
