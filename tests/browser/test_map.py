"""The map in a real browser: it paints, it stays on 127.0.0.1, a click selects a county, and it
fits the screen. Run by `make test` (marker `browser`); timings live in bench/map.py only.

Clicks go to a computed pixel: the place's representative point (always inside the polygon)
projected with the plot's own d3 projection, so the test does not depend on the layout.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import geo
import loaders
from bench.server import external_requests
from dashboard import aggregate
from dashboard.filters import filter_facts
from dashboard.state import parse_query
from tests.browser.waits import settle

pytestmark = pytest.mark.browser

PATHS = ".js-plotly-plot .choroplethlayer path"
YANBIAN = "222400"
DUNHUA = "222403"

# Client (viewport) coordinates of a lon/lat on the map: the geo subplot's projection gives
# pixels relative to the plot's top-left corner (margins included).
_PIXEL_JS = """([lon, lat]) => {
  const gd = document.querySelector('.js-plotly-plot .choroplethlayer').closest('.js-plotly-plot');
  const [x, y] = gd._fullLayout.geo._subplot.projection([lon, lat]);
  const box = gd.getBoundingClientRect();
  return [box.left + x, box.top + y];
}"""
_MAP_READY_JS = """(minimum) => {
  const layer = document.querySelector('.js-plotly-plot .choroplethlayer');
  const gd = layer && layer.closest('.js-plotly-plot');
  return !!(gd && gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot
            && layer.querySelectorAll('path').length >= minimum);
}"""


def representative_point(region: str, level: str, adcode: str) -> tuple[float, float]:
    frame = geo.load_boundaries(region, level)
    point = frame.loc[frame["adcode"] == adcode, "geometry"].iloc[0].representative_point()
    return point.x, point.y


def n_features(region: str, level: str, parent: str = "") -> int:
    features = geo.layer_geojson(region, level)["features"]
    return sum(1 for f in features if not parent or f["properties"]["parent_adcode"] == parent)


def wait_for_map(page, minimum: int = 1) -> int:
    """Wait until the choropleth has at least `minimum` paths; return how many it has."""
    page.wait_for_selector(PATHS, state="attached", timeout=45_000)
    page.wait_for_function(_MAP_READY_JS, arg=minimum, timeout=30_000)
    return page.locator(PATHS).count()


def query(page) -> dict[str, list[str]]:
    # page.url misses history.replaceState, which is how Streamlit writes st.query_params
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def click_place(page, lon: float, lat: float, expect_name: str) -> None:
    """Hover until the tooltip names the place (proves the pixel is right), then click."""
    page.locator(".js-plotly-plot .choroplethlayer").first.scroll_into_view_if_needed()
    x, y = page.evaluate(_PIXEL_JS, [lon, lat])
    page.mouse.move(x - 3, y)
    page.mouse.move(x, y)
    page.wait_for_function(
        "(name) => [...document.querySelectorAll('.js-plotly-plot .hoverlayer .hovertext')]"
        ".some(el => el.textContent.includes(name))",
        arg=expect_name,
        timeout=10_000,
    )
    page.mouse.click(x, y)


_GRID_ROWS_JS = """() => [...document.querySelectorAll("[data-testid='stDataFrame'] [role=row]")]
  .map(row => [...row.querySelectorAll('[role=gridcell]')].map(cell => cell.textContent))
  .filter(cells => cells.length)"""


def open_projects_table(page) -> None:
    """Open the projects table (its content runs only when open) and wait for its rows."""
    page.locator("[data-testid='stExpander'] summary", has_text="项目列表").click()
    page.wait_for_function(f"({_GRID_ROWS_JS})().length > 0", timeout=30_000)


def project_places(page) -> dict[str, str]:
    """Project name -> place, as the projects grid shows them (its accessible cells)."""
    header = page.evaluate("""() => [...document.querySelectorAll(
        "[data-testid='stDataFrame'] [role=columnheader]")].map(c => c.textContent)""")
    place = header.index("地点") if "地点" in header else 3
    return {row[0]: row[place] for row in page.evaluate(_GRID_ROWS_JS)}


def assert_local_only(requests_log: list[str]) -> None:
    outside = external_requests(requests_log)
    assert not outside, f"{len(outside)} request(s) left 127.0.0.1: {outside[:5]}"


def test_landing_map_paints(page, app_server):
    page.goto(app_server.url)
    count = wait_for_map(page)
    prefectures, counties = n_features("220000", "prefecture"), n_features("220000", "county")
    assert count == prefectures or count >= counties, (
        f"{count} choropleth paths: expected the {prefectures} Jilin prefectures or "
        f"the {counties} counties"
    )
    labels = page.locator(".js-plotly-plot .scattergeo text, .js-plotly-plot .textpoint text")
    assert labels.count() >= min(count, prefectures), "place-name labels are missing"


def test_no_request_leaves_localhost(page, app_server, requests_log):
    page.goto(app_server.url)
    wait_for_map(page)
    assert any("/app/static/topojson/" in url for url in requests_log), (
        "plotly.js did not fetch its base topojson from app/static/topojson/ "
        "(is PLOTLY_CONFIG passed to st.plotly_chart?)"
    )
    assert_local_only(requests_log)
    lon, lat = representative_point("220000", "prefecture", YANBIAN)
    click_place(page, lon, lat, "延边")
    page.wait_for_timeout(2_000)  # let the rerun and any lazy loads happen
    wait_for_map(page)
    assert_local_only(requests_log)


def test_click_selects_county(page, app_server, requests_log):
    page.goto(f"{app_server.url}?prefecture={YANBIAN}")
    expected = n_features("220000", "county", parent=YANBIAN)
    count = wait_for_map(page, minimum=expected)
    assert count == expected, f"Yanbian view shows {count} paths, expected {expected} counties"
    lon, lat = representative_point("220000", "county", DUNHUA)
    click_place(page, lon, lat, "敦化市")
    page.wait_for_function(
        "(code) => new URLSearchParams(location.search).get('county') === code",
        arg=DUNHUA,
        timeout=20_000,
    )
    assert query(page)["county"] == [DUNHUA]
    # the redrawn map outlines the selected county (one extra path in the outline trace)
    wait_for_map(page, minimum=expected + 1)
    assert_local_only(requests_log)


def test_county_click_filters_the_projects_table(page, app_server):
    page.goto(f"{app_server.url}?prefecture={YANBIAN}")
    wait_for_map(page, minimum=n_features("220000", "county", parent=YANBIAN))
    open_projects_table(page)
    before = project_places(page)  # the rows in view (the grid draws only those)
    assert len(set(before.values())) > 1, before  # Yanbian: projects in several places
    lon, lat = representative_point("220000", "county", DUNHUA)
    click_place(page, lon, lat, "敦化市")
    page.wait_for_function(
        "(code) => new URLSearchParams(location.search).get('county') === code",
        arg=DUNHUA, timeout=20_000)
    page.wait_for_function(  # the open table follows the click: only Dunhua's projects
        f"() => {{ const rows = ({_GRID_ROWS_JS})();"
        " return rows.length > 0 && rows.every(row => row.includes('敦化市')); }",
        timeout=30_000)
    after = project_places(page)
    assert set(after.values()) == {"敦化市"}, after
    facts = loaders.load_facts()
    view, _ = parse_query({"county": DUNHUA}, loaders.load_places(), None, None,
                          loaders.load_regions())
    expected = aggregate.projects_table(filter_facts(facts[facts["region_adcode"] == view.region],
                                                     view))
    assert set(after) == set(expected["name"]) and "国网敦化抽水蓄能电站" in after


@pytest.mark.parametrize("width,height", [(1280, 800), (1920, 1080)])
def test_screenshot_fits_viewport(page, app_server, screenshots_dir, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_server.url)
    wait_for_map(page)
    page.wait_for_timeout(500)  # fonts and labels settle
    plot = page.locator(PATHS).first.locator(
        "xpath=ancestor::div[contains(@class,'js-plotly-plot')]"
    )
    box = plot.bounding_box()
    page.screenshot(path=str(screenshots_dir / f"map_{width}x{height}.png"))
    assert box is not None and box["width"] > 0.3 * width, f"map too small: {box}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (
        f"map clipped horizontally: x={box['x']:.0f}, width={box['width']:.0f}, viewport {width}"
    )


_AT_PAINT_JS = """() => {
  const seen = () => {
    if (window.__atPaint !== undefined) return;
    const plot = document.querySelector('.js-plotly-plot .choroplethlayer path');
    if (!plot) return;
    window.__atPaint = {
      mapTop: document.querySelector('.js-plotly-plot').getBoundingClientRect().top,
    };
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true});
}"""


def test_the_map_stays_put_while_the_page_fills_in(page, app_server, requests_log):
    """The map does not move once it has painted: the KPIs and the sidebar arrive beside it,
    in whichever order the browser renders them, and the page ends with Dunhua's figures.

    (Whether the KPIs are already there when the map paints is a race, not a property: they
    come after the map in element order and the map's paint waits for plotly.js, which a warm
    browser cache serves at once.)"""
    page.add_init_script(f"({_AT_PAINT_JS})()")
    page.goto(f"{app_server.url}?county={DUNHUA}")
    wait_for_map(page)
    page.wait_for_selector("[data-testid=stSidebar] [data-testid=stSelectbox]", timeout=30_000)
    settle(page)
    at_paint = page.evaluate("window.__atPaint")
    assert page.locator("[data-testid=stMetric]").count() == 4
    total = page.locator("[data-testid=stMetric]").first.inner_text()
    assert "80亿元" in total, total  # Dunhua's pumped-storage station, 近80亿元 (a000-008)
    top = page.locator(".js-plotly-plot").first.bounding_box()["y"]
    assert abs(top - at_paint["mapTop"]) <= 1, (at_paint["mapTop"], top)
    assert_local_only(requests_log)
