"""The bench's in-page probe calls a page complete for the right reasons: checked on static DOM
snapshots in the suite's shared Chromium (one Playwright per process), never against a clock."""

from __future__ import annotations

import pytest

from bench import page

_SNAPSHOT = """<div data-testid="stApp" data-test-script-state="{state}">
  <div data-testid="stSidebar">{sidebar}</div>
  <div data-testid="stPlotlyChart">{chart}</div>{skeleton}</div>"""


@pytest.mark.parametrize("parts,why", [
    ({}, ""),
    ({"state": "running"}, "script running"),
    ({"sidebar": ""}, "missing " + page.SIDEBAR_SELECT),
    ({"chart": ""}, "chart not drawn"),
    ({"skeleton": '<div data-testid="stSkeleton"></div>'}, "skeleton"),
])
def test_probe_says_why_a_page_is_not_complete(browser, parts, why):
    fields = {"state": "notRunning", "sidebar": '<div data-testid="stSelectbox"></div>',
              "chart": '<svg class="main-svg"></svg>', "skeleton": ""} | parts
    context = browser.new_context()
    page.install(context, (page.SIDEBAR_SELECT,))
    tab = context.new_page()
    tab.set_content(_SNAPSHOT.format(**fields))
    assert tab.evaluate("window.__bench.why()") == why
    context.close()
