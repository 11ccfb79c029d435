"""AppTest for every page, in Chinese and English, asserting figures from the curated data.

AppTest quirk (Streamlit 1.67): because the repo has a `pages/` folder, PagesManager switches to
the legacy "pages directory" mode on every AppTest run, and every run after the first executes
the page script alone, without app.py's chrome. The fixture below keeps the st.navigation mode,
as the real server has once app.py has run, so reruns and switch_page go through app.py.
"""

import json
import re
from pathlib import Path

import pytest
from app_session import metrics, open_page
from streamlit.testing.v1 import AppTest

from dashboard.registry import PAGES as REGISTRY

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = [spec.script for spec in REGISTRY if spec.key != "curator"]  # curator: test_ingest


def all_metrics(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


# ui/presenter.css's first rule, which hides the sidebar and Streamlit's header.
PRESENTER_SHEET = '[data-testid="stSidebarCollapsedControl"]'


def stylesheets(at: AppTest) -> str:
    return "".join(h.value for h in at.html if h.value.startswith("<style>"))


def markdown(at: AppTest) -> str:
    """The Markdown as a reader sees it: data text is backslash-escaped (fmt.md_escape)."""
    return re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in at.markdown))


def frame(at: AppTest, column: str):
    """The first dataframe with this column."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with column {column!r}")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(page, lang):
    at = open_page(page, lang=lang)
    title = at.title[0].value + at.button(key="crumb_0").label
    has_cjk = any(ord(ch) >= 0x2E80 for ch in title)
    assert has_cjk == (lang == "zh"), title  # 能源 · 吉林省 / Energy · Jilin


def test_energy_page_zh():
    at = open_page("pages/energy.py")
    values = metrics(at)
    assert values["在运装机"] == "140万千瓦"  # Dunhua, operating
    assert values["规划/在建装机"] == "660万千瓦"  # the four-station package, planned
    table = frame(at, "装机容量")
    rows = table.set_index("名称")
    assert rows.loc["国网敦化抽水蓄能电站", "装机容量"] == "140万千瓦"
    package = rows.loc["敦化塔拉河、汪清前河、和龙卧龙湖、安图大沙河4座抽水蓄能电站"]
    assert package["地点"] == "延边朝鲜族自治州（涵盖敦化市、汪清县、和龙市、安图县）"
    assert (package["装机容量"], package["总投资"]) == ("660万千瓦", "456亿元")
    assert (table["装机容量"] == "660万千瓦").sum() == 1  # one package, not four stations
    tonghua = rows.loc["通化抽水蓄能电站"]
    assert (tonghua["装机容量"], tonghua["总投资"]) == ("无数据", "47.6亿元")
    other = frame(at, "指标")
    assert "30万吨/年" in set(other["数值"]) and not other["数值"].str.contains("千瓦").any()


def test_headline_figures_read_row_by_row():
    """Two by two on screen, and in the same order for the keyboard, screen readers and a
    phone: first row left, first row right, then the second row."""
    energy = [label for label, _ in all_metrics(open_page("pages/energy.py"))]
    assert energy == ["在运装机", "规划/在建装机", "电站项目", "装机未报道"]
    landing = all_metrics(open_page("pages/investment.py", prefecture="222400"))
    assert [label for label, _ in landing] == [
        "总投资 · 项目合计", "项目数", "覆盖县区", "最新文章日期"]
    assert landing[0][1] == "544.5亿元"


def test_energy_page_en_and_dunhua_link():
    at = open_page("pages/energy.py", lang="en", county="222403")
    values = metrics(at)
    assert values["Operating capacity"] == "1.4 GW"
    assert values["Planned or under construction"] == "no data"  # the package is not split
    notes = " ".join(i.value for i in at.info)
    assert "Covers Dunhua, Wangqing, Helong, Antu" in notes and "6.6 GW" in notes
    table = frame(at, "Capacity").set_index("Name")
    assert table.loc["Dunhua pumped storage", "Place"] == "Dunhua"


def test_clusters_page_targets_are_targets():
    at = open_page("pages/clusters.py")
    text = markdown(at)
    assert ":orange-badge[目标] 冶金产业集群 · 产值：**目标300亿元** (集群目标)" in text
    assert "「建设医药健康、文旅、人参3个千亿级产业集群」" in text
    assert "增加值：**145.8亿元** (集群报告合计)" in text  # tobacco, reported
    # clusters with no figure at all say so (and never show 0)
    assert text.count(":gray[**无数据**]") == 5
    at.button_group(key="cluster_metric").set_value("output_value").run()
    chart = at.get("plotly_chart")[0].proto
    assert chart.theme == ""  # no Streamlit chart theme: its axes would be measured in the browser
    spec = json.loads(chart.spec)
    (targets,) = spec["data"]  # output value is only ever a target here
    assert targets["marker"]["pattern"]["shape"] == "/"
    assert targets["name"] == "目标/预计（非实际）"
    bars = dict(zip(targets["y"], targets["text"], strict=True))
    assert bars["通化 · 冶金产业集群"] == "目标300亿元"


def test_clusters_page_en():
    at = open_page("pages/clusters.py", lang="en", prefecture="220500")
    text = markdown(at)
    assert "Metallurgy cluster · Output value: **target CNY 30 bn** (Cluster target)" in text
    hosts = set(re.findall(r":small\[Host: ([^\]]+)\]", text))
    assert hosts == {"Tonghua"}  # Tonghua's cards only, not Yanbian's


def test_overview_page():
    at = open_page("pages/overview.py")
    shown = all_metrics(at)
    assert shown[:2] == [("总投资", "4,071亿元"), ("项目数", "465个")]  # Tonghua, planned
    assert ("产值", "339.3亿元") in shown and ("企业数", "319个") in shown  # Yanbian, 2024-H1
    jian = shown.index(("总投资", "187.6亿元"))  # Ji'an, with its plan and project count
    assert shown[jian + 1:jian + 3] == [("年度计划投资", "40.6亿元"), ("项目数", "33个")]
    assert "「重点项目33个,总投资187.6亿元」" in markdown(at)  # the excerpt, one click away


def test_overview_page_en():
    at = open_page("pages/overview.py", lang="en")
    assert ("Total investment", "CNY 18.76 bn") in all_metrics(at)
    assert "### Ji'an" in markdown(at)


def test_facts_page_search_narrows_to_dunhua():
    at = open_page("pages/facts.py")
    everything = len(frame(at, "原文摘录"))
    at.text_input(key="facts_search").input("敦化").run()
    table = frame(at, "原文摘录")
    assert 0 < len(table) < everything
    assert {"a000-009", "a000-012"} <= set(table["ID"])
    hit = (table["名称"].str.contains("敦化") | table["原文摘录"].str.contains("敦化")
           | (table["地点"] == "敦化市"))
    assert hit.all()


def test_facts_page_groups_the_digits_of_base_values_and_keeps_them_numbers():
    at = open_page("pages/facts.py")
    grid = next(e for e in at.dataframe if "原文摘录" in e.value.columns)
    table = grid.value.set_index("ID")
    assert table.loc["a000-009", "数值（基本单位）"] == 1400.0  # 140万千瓦 in MW: sorts as a number
    shown = json.loads(grid.proto.columns)["数值（基本单位）"]["type_config"]
    assert shown == {"type": "number", "format": "localized"}  # 1,400 / 14,580,000,000


def test_facts_page_en_keeps_excerpts_chinese():
    at = open_page("pages/facts.py", lang="en")
    table = frame(at, "Excerpt").set_index("ID")
    assert table.loc["a000-009", "Description (English)"] == "Dunhua pumped storage"
    assert table.loc["a000-009", "Value"] == "1.4 GW"
    assert "140万千瓦" in table.loc["a000-009", "Excerpt"]
    # English subject and metric beside the Chinese excerpt, not a sideways scroll away
    assert list(table.columns[:4]) == ["Description (English)", "Metric", "Value", "Excerpt"]
    captions = " ".join(c.value for c in at.caption)
    assert "Script: Traditional · Region: Yanbian · 25 facts" in captions  # a001
    assert markdown(at).count(":orange-badge[date estimated]") == 4


def test_quality_page_shows_the_cell_park_conflict_and_helong():
    at = open_page("pages/quality.py", prefecture="222400")
    assert ("a000", "7家") in all_metrics(at) and ("a001", "9家") in all_metrics(at)
    text = markdown(at)
    assert "已有7家企业入驻" in text and "等9家企业入驻" in text
    assert "**1**: 和龙市" in text  # the only Yanbian county without a fact of its own


def test_presenter_steps_through_saved_views():
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["present"] = "1"
    at.query_params["step"] = "0"
    at.run()
    assert not at.exception
    assert "延边州的抽水蓄能电站" in markdown(at)  # the saved view's title, in the bar
    assert at.button(key="present_prev").disabled
    # Step 1 is on another page: ▶ is a link to its permalink (one history entry per step).
    (link,) = at.get("page_link")
    assert (link.label, link.proto.query_string) == (
        "下一视图 ▶", "prefecture=220500&present=1&step=1")
    at = AppTest.from_file(APP, default_timeout=90)  # following the link
    at.query_params.update({"prefecture": "220500", "present": "1", "step": "1"})
    at.run()
    assert not at.exception
    assert "通化市的重点项目" in markdown(at)
    assert at.session_state["view"].prefecture == "220500"
    assert at.session_state["view"].step == "1"
    params = {key: at.query_params[key] for key in at.query_params}
    assert params == {"prefecture": "220500", "present": "1", "step": "1"}  # a permalink
    assert [t.value for t in at.title] == ["投资"]
    assert len(at.sidebar) == 0
    assert PRESENTER_SHEET in stylesheets(at)  # hides the sidebar, enlarges type
    at.button(key="present_exit").click().run()
    assert "present" not in at.query_params and len(at.sidebar) > 0
    assert PRESENTER_SHEET not in stylesheets(at)


def test_presenter_bar_names_the_page_when_no_saved_view_is_on_screen():
    """The page's h1 is hidden in presenter mode; the audience still reads which page it is."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["present"] = "1"
    at.run()
    at.switch_page("pages/quality.py")
    at.run()
    assert not at.exception
    bar = [m.value for m in at.markdown if m.value in ("数据质量", "演示模式")]
    assert bar == ["数据质量"]


def test_presenter_step_on_the_same_page_is_a_button():
    """A link to the page already open would not update the address bar, so ▶ from the
    energy page onto the first saved view (on the energy page too) stays a button."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["present"] = "1"
    at.run()
    at.switch_page("pages/energy.py")
    at.run()
    assert not at.get("page_link")
    at.button(key="present_next").click().run()
    assert not at.exception
    assert "延边州的抽水蓄能电站" in markdown(at)
    params = {key: at.query_params[key] for key in at.query_params}
    assert params == {"prefecture": "222400", "present": "1", "step": "0"}


def test_presenter_in_english():
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"present": "1", "step": "2", "lang": "en"})
    at.run()
    assert "Yanbian and Tonghua industry clusters" in markdown(at)
    labels = [link.label for link in at.get("page_link")]
    assert labels == ["◀ Previous", "Next ▶"]  # short: the bar keeps one row


def test_provenance_label_is_plain_text_and_english_facts_have_a_descriptor():
    at = open_page("pages/investment.py", opened=("provenance_open", "unallocated_open"),
                   county="222403", lang="en")
    labels = [e.label for e in at.expander]
    provenance = [label for label in labels if label.startswith("Where each figure comes from")]
    assert provenance, labels
    assert all(ord(char) < 0x2000 for char in provenance[0])  # no emoji to draw as a box
    table = frame(at, "Description (English)")
    names = list(table.columns)
    assert names.index("Description (English)") == names.index("Name") + 1
    assert "Yanbian four pumped storage" in set(table["Description (English)"])


def test_map_has_no_caption_repeating_its_title():
    at = open_page("pages/investment.py")
    assert not [c.value for c in at.caption if "项目合计（按项目所在地汇总）" in c.value]


def test_quality_conflict_in_english_units():
    at = open_page("pages/quality.py", prefecture="222400", lang="en")
    assert ("a000", "7") in all_metrics(at) and ("a001", "9") in all_metrics(at)
    assert "7家" not in [value for _, value in all_metrics(at)]


def test_presenter_short_link_opens_the_saved_view_itself():
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"present": "1", "view": "0"})  # a link from before `step`
    at.run()
    assert not at.exception
    assert at.session_state["view"].prefecture == "222400"
    assert at.session_state["view"].step == "0"
    assert [t.value for t in at.title] == ["能源"]
    assert "延边州的抽水蓄能电站" in markdown(at)


def test_tables_run_only_when_opened_and_follow_the_county():
    """Closed, the projects grid costs the page nothing; opened, it holds Dunhua's projects."""
    closed = open_page("pages/investment.py", county="222403")
    assert not [e for e in closed.dataframe if "总投资" in e.value.columns]
    label = next(e.label for e in closed.expander if e.label.startswith("项目列表"))
    at = open_page("pages/investment.py", opened=("projects_open",), county="222403")
    table = frame(at, "总投资").set_index("名称")
    assert label == f"项目列表 ({len(table)})"
    assert table.loc["国网敦化抽水蓄能电站", "总投资"] == "80亿元"
    assert set(table["地点"]) == {"敦化市"}
