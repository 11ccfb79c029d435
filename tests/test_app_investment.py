"""AppTest for the investment page (the landing page) driven by query params."""

import pytest
from app_session import metrics, run


def test_landing_page_shows_jilin_totals():
    at = run()
    values = metrics(at)
    assert values["项目数"] == "25"  # the projects in the total: Yanbian's 5 and Tonghua's 20
    assert values["覆盖县区"] == "8"
    assert values["总投资 · 项目合计"] == "998.1亿元"
    assert values["最新文章日期"] == "2024-08-20"


def test_county_link_opens_dunhua():
    at = run(county="222403")
    values = metrics(at)
    assert values["总投资 · 项目合计"] == "80亿元"
    assert values["覆盖县区"] == "1"
    params = {key: at.query_params[key] for key in at.query_params}
    assert params == {"prefecture": "222400", "county": "222403"}
    assert [b.label for b in at.button][:3] == ["吉林省", "延边朝鲜族自治州", "敦化市"]


def test_english_uses_english_units_and_names():
    at = run(county="222403", lang="en")
    values = metrics(at)
    assert values["Total investment · project sum"] == "CNY 8 bn"
    assert [b.label for b in at.button][:3] == ["Jilin", "Yanbian", "Dunhua"]


def test_breadcrumb_steps_back_up_to_the_prefecture():
    at = run(county="222403")
    at.button(key="crumb_1").click().run()
    assert not at.exception
    assert "county" not in at.query_params
    assert at.query_params["prefecture"] == "222400"
    assert metrics(at)["覆盖县区"] == "2"  # Yanbian's counties with a total investment figure


def test_invalid_link_values_are_ignored_with_a_notice():
    at = run(county="999999", lang="xx")
    assert metrics(at)["最新文章日期"] == "2024-08-20"
    assert any("999999" in toast.value for toast in at.toast)


@pytest.mark.parametrize(("basis", "counties"), [("project", "6"), ("place_total", "4"),
                                                 ("both", "6")])
def test_every_basis_renders(basis, counties):
    """Tonghua: projects sit in 6 counties; reported place totals cover 4 of them."""
    at = run(prefecture="220500", basis=basis)
    assert metrics(at)["覆盖县区"] == counties


def test_copy_link_control_holds_the_current_permalink():
    assert not run(county="222403", lang="en").sidebar.code  # built only when opened
    at = run(opened=("copy_link_open",), county="222403", lang="en")
    links = [c.value for c in at.sidebar.code]
    assert links == ["?prefecture=222400&county=222403&lang=en"]


def test_a_filter_changed_on_widgets_a_click_has_just_replaced_still_applies():
    """A map click rebuilds the sidebar's widgets under new keys; a select changed in the
    browser before the new ones arrive still carries the old key. Seen under load as an
    uncaught KeyError."""
    at = run()
    old = f"f_prefecture_{at.session_state['widget_gen']}"
    at.session_state["widget_gen"] += 1  # what a click's ui.context.set_view does
    at.selectbox(key=old).select("222400").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["view"].prefecture == "222400"
    assert at.query_params["prefecture"] == "222400"
    assert metrics(at)["总投资 · 项目合计"] == "544.5亿元"  # Yanbian's project sum
