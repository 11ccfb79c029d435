"""The three jobs in a real browser: select a place with the keyboard, step back with the
browser's Back, and download exactly what the map shows."""

from __future__ import annotations

import csv
import io
import math

import pytest

import loaders
from dashboard import aggregate
from dashboard.filters import filter_facts
from dashboard.state import ViewState
from tests.browser.waits import downloaded, settle

DUNHUA = "222403"


def kpi_total(page) -> str:
    return page.locator("[data-testid=stMetricValue]").first.inner_text()


def keyboard_to_dunhua(page) -> int:
    """From page load to 敦化市 selected, as a keyboard user: the skip link, then the map's
    table (Yanbian is its first row, Dunhua the first row of Yanbian's). Returns presses."""
    presses = 0
    # The table and its skip link mount after the run; a reader sees them before pressing.
    page.wait_for_selector("#map-table-skip", state="attached", timeout=60_000)
    page.wait_for_selector("table.map-table tbody tr[tabindex='0']", timeout=60_000)
    focused = {  # what each press must have reached before the next one
        "Tab": "() => document.activeElement && document.activeElement.id === 'map-table-skip'",
        "Enter": "() => document.activeElement && document.activeElement.tagName === 'TR'",
    }
    for key in ("Tab", "Enter"):  # the skip link, then into the table
        page.keyboard.press(key)
        presses += 1
        page.wait_for_function(focused[key], timeout=60_000)
    page.keyboard.press("Enter")  # open Yanbian, the table's first row
    presses += 1
    page.wait_for_function("() => location.search.includes('prefecture=222400')",
                           timeout=60_000)
    settle(page)
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused.startswith("敦化市"), focused  # focus came back to the table
    page.keyboard.press("Enter")
    presses += 1
    page.wait_for_function(f"() => location.search.includes('county={DUNHUA}')", timeout=60_000)
    settle(page)
    return presses


@pytest.mark.parametrize("present", ["", "&present=1"])
def test_keyboard_selects_dunhua_in_at_most_ten_presses(page, app_server, present):
    page.goto(f"{app_server.url}?lang=zh{present}")
    settle(page)
    assert keyboard_to_dunhua(page) <= 10
    assert kpi_total(page) == "80亿元"  # Dunhua's pumped-storage station (a000-008)
    table = page.locator("table.map-table")
    assert table.locator("caption").inner_text().startswith("地图数值表")
    assert table.locator('tr[aria-current="true"] th').inner_text() == "敦化市"


def test_back_and_forward_step_through_drill_downs(page, app_server):
    page.goto(app_server.url)
    settle(page)
    keyboard_to_dunhua(page)
    page.go_back()
    page.wait_for_function("() => !location.search.includes('county=')", timeout=60_000)
    settle(page)
    assert "prefecture=222400" in page.url
    assert kpi_total(page) == "544.5亿元"  # Yanbian: 88亿 in counties + 456.5亿 for the whole
    page.go_back()
    page.wait_for_function("() => location.search === ''", timeout=60_000)
    settle(page)
    assert kpi_total(page) == "998.1亿元"
    page.go_forward()
    page.wait_for_function("() => location.search.includes('prefecture=222400')",
                           timeout=60_000)
    settle(page)
    assert kpi_total(page) == "544.5亿元"


@pytest.mark.parametrize(("query", "view"), [
    ("", ViewState()), ("?prefecture=222400", ViewState(prefecture="222400"))])
def test_map_values_download_adds_up_to_the_kpi(page, app_server, tmp_path, query, view):
    page.goto(f"{app_server.url}{query}")
    settle(page)
    shown = kpi_total(page)
    page.get_by_role("button", name="下载数据").click()
    button = page.get_by_role("button", name="下载地图数值 CSV")
    button.wait_for(timeout=60_000)
    _, data = downloaded(page, button, tmp_path / "map.csv")
    assert data.startswith(b"\xef\xbb\xbf"), "CSV lacks the UTF-8 BOM Excel needs"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    base = [float(r["总投资 (元)"]) for r in rows if r["总投资 (元)"]]
    facts = loaders.load_facts()
    kpi = aggregate.kpis(filter_facts(facts[facts["region_adcode"] == "220000"], view),
                         "investment_total")["total"]
    assert math.isclose(sum(base), kpi)
    assert shown == f"{round(kpi / 1e8, 1):g}亿元"
    assert rows[0]["地点"] == ("延边朝鲜族自治州" if not query else "敦化市")


@pytest.mark.parametrize(("fmt", "head"), [("SVG", b"<svg"), ("PNG", b"\x89PNG")])
def test_map_saves_as_a_1920x1080_slide(page, app_server, tmp_path, fmt, head):
    """The slide carries the map's title, legend, source line and export date."""
    page.goto(f"{app_server.url}?prefecture=220500")
    settle(page)
    page.get_by_role("button", name="下载数据").click()
    button = page.get_by_role("button", name=f"地图图片 {fmt}（1920×1080）")
    button.wait_for(timeout=60_000)
    name, data = downloaded(page, button, tmp_path / f"map.{fmt.lower()}")
    assert name.startswith("jilin-map-investment-total_220500")
    assert name.endswith(f".{fmt.lower()}")
    assert data.startswith(head)
    if fmt == "PNG":
        assert int.from_bytes(data[16:20], "big") == 1920  # IHDR width
        assert int.from_bytes(data[20:24], "big") == 1080
        return
    svg = data.decode("utf-8")
    assert 'width="1920"' in svg and 'height="1080"' in svg
    assert 'viewBox="0 0 1280 720"' in svg  # drawn at its design size, type scaled with it
    for text in ("总投资", "项目合计", "无数据", "100–135.3", "柳河县", "来源：通化日报",
                 "导出："):
        assert text in svg, text
