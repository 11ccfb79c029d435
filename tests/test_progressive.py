"""Map first (dashboard/progressive.py): a browser tab's first run of the landing page stops
after the map; the probe's trigger makes the next run draw the whole page.

AppTest sends no headers, so it is "not a browser" and always gets the whole page; here
`from_browser` is patched to say it is one.
"""

import json

import pytest
from app_session import APP, metrics, run
from streamlit.testing.v1 import AppTest

from dashboard import progressive


@pytest.fixture()
def browser_tab(monkeypatch):
    monkeypatch.setattr(progressive, "from_browser", lambda: True)


def map_figure(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_first_run_sends_the_map_and_holds_the_rest(browser_tab):
    at = run(county="222403")
    assert at.session_state["_ctx"].deferred is True
    # The map is the Yanbian county map with Dunhua selected, from the curated facts.
    figure = map_figure(at)
    values = dict(zip(figure["data"][0]["locations"], figure["data"][0]["z"], strict=True))
    assert values["222403"] == pytest.approx(80)  # 近80亿元 (a000-008); the map's z is in 亿元
    assert len(at.get("plotly_chart")) == 1  # the ranking waits
    assert not at.metric and not at.selectbox  # KPIs and sidebar filters wait
    assert [b.label for b in at.button][:3] == ["吉林省", "延边朝鲜族自治州", "敦化市"]
    assert at.query_params["county"] == "222403"  # the URL is still synced


def test_the_probes_trigger_draws_the_whole_page(browser_tab):
    at = run(county="222403")
    at.session_state[progressive.PAINTED_KEY] = True  # what the probe's callback does
    at.run()
    assert not at.exception
    assert at.session_state["_ctx"].deferred is False
    assert metrics(at)["总投资 · 项目合计"] == "80亿元"
    assert len(at.get("plotly_chart")) == 2 and len(at.selectbox) >= 7


def test_only_a_session_that_opens_on_a_map_page_waits(browser_tab):
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page("pages/facts.py")
    at.run()
    assert not at.exception
    assert at.session_state["_ctx"].deferred is False
    assert len(at.selectbox) >= 7
    at.switch_page("pages/investment.py")  # later in the same tab: drawn whole at once
    at.run()
    assert not at.exception
    assert at.session_state["_ctx"].deferred is False
    assert metrics(at)["最新文章日期"] == "2024-08-20"


def test_sessions_without_a_browser_get_the_whole_page():
    at = run()
    assert at.session_state["_ctx"].deferred is False
    assert at.session_state[progressive.PAINTED_KEY] is True
    assert metrics(at)["最新文章日期"] == "2024-08-20"
