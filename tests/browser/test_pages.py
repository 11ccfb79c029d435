"""Every page in a real browser: no exception, English names with ?lang=en, the CSV download
holds exactly the filtered rows, presenter mode hides the sidebar; screenshots for review.

Screenshots land in artifacts/screenshots/ (pages in both languages at 1280×720, presenter mode
at 1920×1080 and 1280×720) for a person to look at.
"""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

import loaders
from bench.server import start_app, stop_app
from dashboard.filters import filter_facts
from dashboard.registry import PAGES as REGISTRY
from dashboard.state import parse_query
from tests.browser.test_focus import COLOUR_JS, contrast
from tests.browser.test_map_jobs import kpi_total
from tests.browser.waits import IDLE_JS, downloaded, settle

pytestmark = pytest.mark.browser

PAGES = [spec.key for spec in REGISTRY]
ERROR_TEXT = ("Traceback", "This app has encountered an error", "KeyError", "Error:",
              "Page not found")
SIZES = [(1920, 1080), (1280, 720)]
TITLES = {"zh": dict(zip(PAGES, ["投资", "能源", "产业集群", "概览", "事实与来源", "数据质量",
                                "文章录入助手"], strict=True)),
          "en": dict(zip(PAGES, ["Investment", "Energy", "Clusters", "Overview",
                                 "Facts & sources", "Data quality", "Curator assistant"],
                         strict=True))}

@pytest.fixture(scope="module", autouse=True)
def warm_server(browser, app_server):
    """Open the landing page once, so the server has run app.py (see the fresh-server test)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(app_server.url)
    page.wait_for_function(IDLE_JS, timeout=60_000)
    context.close()


def assert_no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.inner_text("body")
    found = [text for text in ERROR_TEXT if text in body]
    assert not found, f"error text on the page: {found}"


def shot(page, screenshots_dir, name: str, full_page: bool = True) -> None:
    """The viewport as a user first sees it; with full_page, also the whole page (Streamlit
    scrolls inside its main container, so the viewport is stretched to its height)."""
    page.screenshot(path=str(screenshots_dir / f"{name}.png"))
    if not full_page:
        return
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(int(height), 12_000)})
    page.wait_for_timeout(800)  # charts resize
    page.screenshot(path=str(screenshots_dir / f"{name}_full.png"))
    page.set_viewport_size(size)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_opens_without_exception(page, app_server, screenshots_dir, lang):
    page.set_viewport_size({"width": 1280, "height": 720})
    for name in PAGES:
        path = "" if name == "investment" else name  # the landing page lives at the root
        page.goto(f"{app_server.url}{path}?lang={lang}")
        settle(page)
        assert_no_exception(page)
        expect(page.locator('[data-testid="stMain"] h1')).to_have_text(TITLES[lang][name])
        shot(page, screenshots_dir, f"page_{name}_{lang}_1280x720")


def test_english_place_names(page, app_server):
    page.goto(f"{app_server.url}energy?lang=en&county=222403")
    settle(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("1.4 GW")
    expect(main.get_by_role("button", name="Yanbian")).to_be_visible()  # breadcrumb
    expect(main).to_contain_text("Covers Dunhua, Wangqing, Helong, Antu")
    assert "敦化市" not in page.inner_text('[data-testid="stSidebar"]')


def test_breadcrumb_names_the_current_place_in_readable_text(page, app_server):
    """The last crumb is a disabled button (it goes nowhere), which Streamlit greys as
    unavailable; it is where the reader is, so it keeps body-text contrast (axe skips
    disabled controls, so it would not catch this)."""
    page.goto(f"{app_server.url}?prefecture=222400&county=222403")
    settle(page)
    here = page.locator('[class*="st-key-crumb_"] button:disabled')
    expect(here).to_have_text("敦化市")
    text, background = here.locator("p").evaluate(f"""p => {{{COLOUR_JS}
      const under = behind(p), [r, g, b, a] = rgba(getComputedStyle(p).color);
      return [[r, g, b].map((c, i) => c * a + under[i] * (1 - a)), under];  // as drawn
    }}""")
    assert contrast(text, background) >= 4.5, (text, background)


def test_landing_page_ranks_places_in_an_html_list(page, app_server):
    """The ranked places are an HTML list named by its title (no plotly chart): Yanbian's
    project sum first."""
    page.goto(app_server.url)
    settle(page)
    ranked = page.get_by_role("list", name="地区排名 · 总投资")
    first = ranked.get_by_role("listitem").first
    expect(first.locator(".ranked-bars-place")).to_have_text("延边朝鲜族自治州")
    expect(first.locator(".ranked-bars-value").first).to_contain_text("544.5亿元")


def test_csv_download_holds_exactly_the_filtered_rows(page, app_server, tmp_path):
    page.goto(f"{app_server.url}?county=222403")
    settle(page)
    page.get_by_role("button", name="下载数据").click()  # the popover builds its buttons on open
    settle(page)
    button = page.locator('[data-testid="stDownloadButton"] button', has_text="下载 CSV")
    _, data = downloaded(page, button, tmp_path / "download.csv")
    assert data.startswith(b"\xef\xbb\xbf"), "CSV lacks the UTF-8 BOM Excel needs"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    facts = loaders.load_facts()
    view, _ = parse_query({"county": "222403"}, loaders.load_places(), None, None,
                          loaders.load_regions())
    expected = filter_facts(facts[facts["region_adcode"] == view.region], view)
    assert sorted(r["fact_id"] for r in rows) == sorted(expected["fact_id"])
    assert {r["place_name_zh"] for r in rows} == {"敦化市"}


def assert_map_fits(page, height: int) -> None:
    """The whole map, colour bar included, is on the projector without scrolling."""
    box = page.locator(".js-plotly-plot").first.bounding_box()
    assert box and box["height"] >= 400, box
    assert box["y"] + box["height"] <= height, f"map cut at {height}px: {box}"


@pytest.mark.parametrize("width,height", SIZES)
def test_presenter_mode(page, app_server, screenshots_dir, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_server.url}energy?prefecture=222400&present=1&view=0")
    settle(page, 1500)
    assert_no_exception(page)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    title = page.locator(".st-key-present_title")
    assert title.inner_text() == "延边州的抽水蓄能电站"
    box = title.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    shot(page, screenshots_dir, f"present_0_{width}x{height}", full_page=False)
    assert_map_fits(page, height)
    page.get_by_role("link", name="下一视图 ▶").click()  # step 1 is on another page
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('step') === '1'", timeout=30_000)
    settle(page, 1500)
    assert page.locator(".st-key-present_title").inner_text() == "通化市的重点项目"
    shot(page, screenshots_dir, f"present_1_{width}x{height}", full_page=False)
    assert_map_fits(page, height)
    page.goto(f"{app_server.url}clusters?present=1&step=2&lang=en")
    settle(page, 1500)
    assert "industry clusters" in page.locator(".st-key-present_title").inner_text()
    shot(page, screenshots_dir, f"present_2_en_{width}x{height}", full_page=False)


def test_presenter_back_retraces_the_steps(page, app_server):
    """Each step is one history entry, so Back shows the step before, not the old page under
    the next step's view (a page switch from a button used to leave that entry)."""
    page.goto(f"{app_server.url}?present=1")
    settle(page)
    title = page.locator(".st-key-present_title")
    for expected in ("延边州的抽水蓄能电站", "通化市的重点项目"):
        page.locator(".st-key-present_next").get_by_text("下一视图 ▶").click()
        page.wait_for_function("(t) => document.querySelector('.st-key-present_title')"
                               "?.innerText === t", arg=expected, timeout=60_000)
        settle(page)
    assert page.url == f"{app_server.url}?prefecture=220500&present=1&step=1"
    assert kpi_total(page) == "453.6亿元"  # Tonghua's projects
    before = page.url
    page.go_back()
    page.wait_for_function("(u) => location.href !== u", arg=before, timeout=60_000)
    settle(page)
    assert page.url == f"{app_server.url}energy?prefecture=222400&present=1&step=0"
    assert title.inner_text() == "延边州的抽水蓄能电站"
    assert_no_exception(page)


def test_permalink_to_a_page_on_a_fresh_server(browser):
    server = start_app("app.py")
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{server.url}energy?prefecture=222400")
        page.wait_for_selector("h1, [data-testid='stException']", timeout=60_000)
        # Wait for the run to end, not a fixed pause: on a cold server and two busy cores the
        # breadcrumb and KPIs could still be arriving a second after the title.
        settle(page, extra_ms=1000)
        assert_no_exception(page)
        assert "能源" in page.locator("h1").first.inner_text()
        assert "prefecture=222400" in page.url
        main = page.locator("[data-testid='stMain']").inner_text()
        assert "延边朝鲜族自治州" in main and "140万千瓦" in main  # Dunhua station, operating
        context.close()
    finally:
        stop_app(server)
