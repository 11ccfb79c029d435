"""Pure logic of the energy, clusters, overview, facts and quality pages, on the curated data.

Each test states a figure from the articles, so a regression in selection or aggregation fails
with the number a reader would have seen.
"""

import math

import pytest

import geo
import loaders
from dashboard import cluster_text, energy, review, steps
from dashboard import clusters as cl
from dashboard.registry import BY_KEY
from dashboard.theme import BAR_LABEL_EM, text_width
from loaders.saved_views import load_saved_views

JILIN, YANTAI, YANBIAN, TONGHUA, DUNHUA = "220000", "370600", "222400", "220500", "222403"
PACKAGE = "yanbian_four_pumped_storage"


@pytest.fixture(scope="module")
def places():
    return loaders.load_places()


@pytest.fixture(scope="module")
def vocab():
    return loaders.load_vocab()


@pytest.fixture(scope="module")
def jilin(facts):
    return facts[facts["region_adcode"] == JILIN]


@pytest.fixture(scope="module")
def stations(jilin, places):
    return energy.stations(jilin, places).set_index("project_id")


# --- energy -------------------------------------------------------------------------------

def test_energy_set_selects_stations_anode_and_graphite_but_not_unrelated(jilin):
    ids = set(energy.energy_facts(jilin)["fact_id"])
    assert {"a000-008", "a000-009", "a000-012", "a002-022", "a003-058"} <= ids  # stations
    assert {"a003-085", "a003-092", "a003-057"} <= ids  # anode material and graphite
    assert "a003-084" in ids  # 中溢's investment comes along with its project
    assert "a003-002" not in ids  # Ji'an's 187.6亿元 of key projects is not energy


def test_stations_pair_capacity_and_investment_per_project(stations):
    assert sorted(stations.index) == ["dunhua_pumped_storage", "tonghua_pumped_storage", PACKAGE]
    dunhua = stations.loc["dunhua_pumped_storage"]
    assert (dunhua.capacity_mw, dunhua.status_group, dunhua.place_adcode) == (
        1400.0, "operating", DUNHUA)
    assert dunhua.investment == 8e9 and dunhua.investment_qualifier == "approx"  # 近80亿元
    tonghua = stations.loc["tonghua_pumped_storage"]
    assert math.isnan(tonghua.capacity_mw)  # not reported: no data, not 0
    assert tonghua.investment == 4.76e9  # 47.6亿元


def test_four_station_package_stays_one_row_on_the_prefecture(stations):
    package = stations.loc[PACKAGE]
    assert package.place_adcode == YANBIAN and package.capacity_mw == 6600.0
    assert package.investment == 4.56e10  # 456亿元, reported by a000 and a002, counted once
    assert package.covers == [DUNHUA, "222424", "222406", "222426"]  # Dunhua Wangqing Helong Antu
    assert package.article_ids == ["a000", "a002"] and not package.conflict


def test_capacity_by_status_never_adds_operating_and_planned(stations):
    table = stations.reset_index()
    assert energy.group_capacity(table, "operating") == 1400.0
    assert energy.group_capacity(table, "pipeline") == 6600.0  # planned; not added to 1400
    building = table[table["status"] == "under_construction"]
    assert len(building) == 1 and math.isnan(building["capacity_mw"].iloc[0])
    assert math.isnan(energy.group_capacity(building, "pipeline"))  # no data, not 0


def test_capacity_map_values_do_not_split_the_package(jilin):
    assert energy.power_by_place(jilin, "county", "pipeline").empty
    prefecture = energy.power_by_place(jilin, "prefecture", "pipeline")
    assert prefecture[["adcode", "value"]].values.tolist() == [[YANBIAN, 6600.0]]
    county = energy.power_by_place(jilin, "county", "operating")
    assert county[["adcode", "value"]].values.tolist() == [[DUNHUA, 1400.0]]


def test_packages_covering_a_county(stations):
    table = stations.reset_index()
    assert energy.packages_covering(table, "222406")["project_id"].tolist() == [PACKAGE]
    assert energy.packages_covering(table, "222401").empty  # Yanji is not in the package


def test_other_capacity_keeps_its_own_units(jilin):
    other = energy.other_capacity(jilin)
    assert "MW" not in set(other["unit"])
    per_year = other[other["unit"] == "t/yr"].set_index("fact_id")["value"].to_dict()
    assert per_year == {"a003-057": 500000.0, "a003-085": 300000.0, "a003-092": 300000.0}
    # two different output figures of one project both stay (5万吨 and ≥1万吨)
    assert {"a003-086", "a003-087"} <= set(other["fact_id"])


def test_status_chart_names_the_station_without_capacity(stations, vocab):
    figure = energy.status_chart(stations.reset_index(), vocab, "zh")
    assert sorted(sum((list(bar.x) for bar in figure.data), [])) == [140.0, 660.0]  # 万千瓦
    notes = [a.text for a in figure.layout.annotations]
    assert notes == ["装机未报道:<br>通化抽水蓄能电站"]


def test_bar_charts_plan_their_margins_so_plotly_measures_nothing(stations, figures, places,
                                                                 vocab):
    """The labels fit the margin planned on the server (plotly's automargin, which measured
    every label in the browser, is off), and the value axis keeps room for its title."""
    ids = cl.region_clusters(vocab, JILIN, places)
    en, zh = (cl.short_labels(vocab, ids, places, lang) for lang in ("en", "zh"))
    english = cl.cluster_chart(figures, ids, "investment_total", vocab, "en", en)
    for chart, size in ((energy.status_chart(stations.reset_index(), vocab, "zh"), 14),
                        (english, 14),
                        (cl.cluster_chart(figures, ids, "investment_total", vocab, "zh", zh,
                                          present=True), 20)):
        layout = chart.layout
        assert layout.xaxis.automargin is False and layout.yaxis.automargin is False
        lines = [line for label in layout.yaxis.categoryarray for line in label.split("<br>")]
        assert layout.margin.l >= max(text_width(line, size) for line in lines)
        assert layout.margin.b >= 2 * (size - 2) + size
    assert max(english.layout.yaxis.categoryarray, key=len) == (
        "Tonghua · Health and<br>pharmaceuticals<br>cluster")


def test_every_chart_toolbar_has_dark_icons_on_white(stations, figures, places, vocab, jilin):
    """The toolbar's icons were pale on a grey box: they looked disabled, under 3:1."""
    from dashboard.mapfig import choropleth_figure
    from dashboard.mapfig_classes import contrast

    ids = cl.region_clusters(vocab, JILIN, places)
    capacity = energy.power_by_place(jilin, "prefecture", "operating")
    charts = [energy.status_chart(stations.reset_index(), vocab, "zh"),
              energy.other_chart(energy.other_capacity(jilin), vocab, "zh"),
              cl.cluster_chart(figures, ids, "investment_total", vocab, "zh"),
              choropleth_figure(capacity, geo.layer_under(JILIN, "prefecture", JILIN),
                                unit="MW")]
    for chart in charts:
        bar = chart.layout.modebar
        assert bar.bgcolor == "rgba(255,255,255,0.9)"
        assert contrast(bar.color, "#ffffff") >= 4.5 and contrast(bar.activecolor, "#ffffff") >= 4.5


def test_long_project_names_wrap_whole_so_a_phone_keeps_room_for_the_bars(jilin, vocab):
    """A bar's label is the project's full name in even lines, none wider than BAR_LABEL_EM
    characters: the longest name took a phone's whole chart width and left no bar."""
    other = energy.other_capacity(jilin)
    figure = energy.other_chart(other, vocab, "zh")
    labels = list(figure.data[0].y)
    assert "柳河县中温年产50万吨<br>新能源电池负极材料配<br>套特种石墨建设项目" in labels
    shown = {label.replace("<br>", "") for label in labels}
    assert shown == set(other[other["unit"] == "t/yr"]["subject"])
    assert max(text_width(line, 13) for label in labels for line in label.split("<br>")) <= (
        BAR_LABEL_EM * 13)
    assert figure.layout.margin.l <= BAR_LABEL_EM * 13 + 13


# --- clusters -----------------------------------------------------------------------------

def test_region_clusters(places, vocab):
    ids = cl.region_clusters(vocab, JILIN, places)
    assert len([c for c in ids if c.startswith("yb_")]) == 11
    assert len([c for c in ids if c.startswith("th_")]) == 9
    assert cl.region_clusters(vocab, YANTAI, places) == []
    assert cl.visible_clusters(vocab, places, loaders.load_facts(), JILIN,
                               prefecture=TONGHUA)[0] == "th_health_pharma"


@pytest.fixture(scope="module")
def figures(jilin):
    return cl.cluster_figures(jilin)


def figure(figures, cluster, metric, kind):
    rows = figures[(figures["cluster"] == cluster) & (figures["metric"] == metric)
                   & (figures["kind"] == kind)]
    return rows.iloc[0] if len(rows) == 1 else None


def test_reported_cluster_totals(figures):
    tobacco = figure(figures, "yb_food_tobacco", "added_value", "reported")
    assert tobacco.value == 1.458e10 and tobacco.basis == "cluster_total"  # 145.8亿元
    assert figure(figures, "yb_food_tobacco", "tax", "reported").value == 1.14e10  # 114亿元
    water = figure(figures, "yb_mineral_water", "enterprise_count", "reported")
    assert water.value == 6


def test_targets_are_targets_never_reported_output(figures):
    metallurgy = figure(figures, "th_metallurgy", "output_value", "target")
    assert metallurgy.value == 3e10 and metallurgy.qualifier == "target"  # 300亿元至500亿元级
    assert figure(figures, "th_metallurgy", "output_value", "reported") is None
    assert set(figures.loc[figures["qualifier"].isin(["target", "expected"]), "kind"]) == {
        "target"}


def test_conflicting_enterprise_count_is_flagged(figures):
    cell_park = figure(figures, "yb_medical_beauty", "enterprise_count", "reported")
    assert cell_park.value == 9 and cell_park.conflict  # 7 (a000) vs 9 (a001)


def test_clusters_without_figures_are_no_data_not_zero(figures, places, vocab):
    ids = cl.region_clusters(vocab, JILIN, places)
    rows = cl.chart_rows(figures, ids, "output_value")
    pharma = rows[rows["cluster"] == "yb_pharma"]
    assert len(pharma) == 1 and math.isnan(pharma["value"].iloc[0])
    assert "yb_pharma" not in set(figures["cluster"])
    chart = cl.cluster_chart(figures, ids, "output_value", vocab, "en")
    assert all(bar.marker.pattern.shape == "/" for bar in chart.data)  # all output: targets
    assert "No data" in {a.text for a in chart.layout.annotations}


def test_cluster_statements_are_targets(jilin):
    statements = cl.cluster_statements(jilin)
    forward = cl.is_forward(statements)
    # 3个千亿级, 2个300-500亿元级 clusters and 6个百亿元级 segments are Tonghua's targets ...
    assert statements[forward].set_index("fact_id")["value"].to_dict() == {
        "a003-016": 3.0, "a003-017": 2.0, "a003-020": 6.0}
    # ... while Tonghua's 21条产业链 are reported, not a goal
    assert statements[~forward].set_index("fact_id")["value"].to_dict() == {
        "a003-095": 21.0}


def test_cluster_page_text_of_tonghua(jilin, places, vocab):
    """The text the clusters page shows, built once per view: Tonghua's cluster targets are
    badged as targets, never as output, and its reported statement stands apart."""
    model = cl.cluster_view(jilin, vocab, places, JILIN, TONGHUA)
    names = dict(zip(places["adcode"], places["name_zh"], strict=True))
    text = cluster_text.page_text(model, vocab, names, "zh")
    assert text.reported == "通化市产业链：**21个** — 「围绕构建现代产业体系,锚定21条产业链」"
    assert ":orange-badge[目标] 冶金产业集群 · 产值：**目标300亿元** (集群目标)" in text.targets
    assert "锚定21条产业链" not in text.targets
    cards = {card.body.splitlines()[0]: card for card in text.cards}
    # only a target: its card's one figure is badged too
    assert cards["### 冶金产业集群"].body == ("### 冶金产业集群\n\n:small[所在地: 通化市]\n\n"
                                     ":orange-badge[目标] 产值：**目标300亿元** (集群目标)")
    # a card without any fact has no excerpt list (and the page draws no empty expander)
    assert all((card.excerpts == "") == card.excerpts_label.endswith("(0)")
               for card in text.cards)


# --- overview, facts, quality -------------------------------------------------------------

def test_headlines_of_jilin(jilin):
    groups = {(g["place_adcode"], m): v for g in review.headlines(jilin)
              for m, v in zip(g["facts"]["metric"], g["facts"]["value"], strict=True)}
    assert groups[(YANBIAN, "output_value")] == 3.393e10  # 339.3亿元, first half 2024
    assert groups[(YANBIAN, "enterprise_count")] == 319
    assert groups[("220582", "investment_total")] == 1.876e10  # Ji'an 187.6亿元
    assert groups[(TONGHUA, "investment_total")] == 4.071e11  # 4071亿元
    assert groups[(TONGHUA, "project_count")] == 465


def test_headlines_of_yantai_fall_back_to_targets(facts):
    groups = review.headlines(facts[facts["region_adcode"] == YANTAI])
    assert groups and all(g["money"] is None for g in groups)


def test_search_is_case_insensitive_and_script_tolerant(jilin):
    dunhua = review.search_facts(jilin, "敦化")
    assert {"a000-009", "a000-012"} <= set(dunhua["fact_id"])
    assert not dunhua["fact_id"].str.startswith("a003").any()
    assert set(review.search_facts(jilin, "DUNHUA")["fact_id"]) >= {"a000-009"}
    assert len(review.search_facts(jilin, "琿春")) == len(review.search_facts(jilin, "珲春")) > 0
    assert len(review.search_facts(jilin, "")) == len(jilin)


def test_counties_without_data(jilin, places):
    # Helong has no fact of its own: the four-station package names it but stays on Yanbian
    assert review.counties_without_data(jilin, places, YANBIAN) == ["222406"]
    assert "220582" not in review.counties_without_data(jilin, places, JILIN)


def test_counts_pivot_and_estimated_dates(jilin, vocab, facts):
    pivot = review.counts_pivot(jilin, vocab, "en", "Mentioned")
    assert pivot.loc["Σ", "Σ"] == len(jilin)
    assert pivot.loc["a000", "Installed power capacity"] == 2
    estimated = review.estimated_dates(jilin, loaders.load_articles())
    assert estimated.set_index("id")["n_facts"].sum() == len(jilin)


def test_subject_en_uses_project_id_or_place(jilin, vocab):
    rows = jilin.set_index("fact_id")
    assert review.subject_en(rows.loc["a000-009"].to_dict(), vocab) == "Dunhua pumped storage"
    assert review.subject_en(rows.loc["a003-002"].to_dict(), vocab) == (
        "Ji'an · Place total · Total investment")


# --- presenter's saved views --------------------------------------------------------------

def test_saved_views(places, vocab):
    views = load_saved_views(loaders.data_dir() / "views.yaml", BY_KEY)
    assert [v["page"] for v in views] == ["energy", "investment", "clusters", "investment"]
    assert views[0]["params"] == {"prefecture": YANBIAN}
    from dashboard.state import ViewState, parse_query

    def parse(params):
        return parse_query(params, places, vocab, set(), loaders.load_regions())

    state = steps.saved_view_state(views[3], 3, ViewState(lang="en"), parse)
    assert (state.county, state.prefecture, state.step, state.present, state.lang) == (
        "220582", TONGHUA, "3", True, "en")
    assert steps.current_step(state, len(views)) == 3


def test_bad_views_file_names_file_view_and_field(tmp_path):
    path = tmp_path / "views.yaml"
    path.write_text("views:\n  - page: energy\n    title: {zh: 能源, en: Energy}\n"
                    "  - page: nowhere\n    title: {zh: x, en: x}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"views.yaml: view 2: page: 'nowhere'"):
        load_saved_views(path, BY_KEY)
