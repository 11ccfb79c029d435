"""axe-core on every page, in Chinese and English, and in presenter mode (issue 14).

The dashboard is read on government intranets, some readers with low vision or on washed-out
projectors; WCAG 2.1 AA is the bar. axe-core (bundled by axe-playwright-python, so nothing is
fetched from the web) runs over the whole page: the viewport is stretched to the main
container's height first, because Streamlit scrolls inside that container and axe skips the
colour contrast of text it cannot see. A serious or critical violation fails the test; the
message names the rule, its impact, how many nodes and the first few targets, so the fix can
start from the failure alone.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from dashboard.registry import PAGES
from tests.browser.waits import settle

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
# Headings that skip a level (h1 → h3) confuse screen-reader navigation; axe files the rule
# under best practice (moderate), so it is switched on by name and fails at any impact.
ALWAYS_BLOCKING = {"heading-order"}
MAX_HEIGHT = 12_000  # px; Chromium's screenshots and layout stay sane below this
# The landing page lives at the root; the others at their registry key.
PATHS = {spec.key: ("" if spec.default else spec.key) for spec in PAGES}


def stretch_to_full_height(page) -> None:
    """Make the viewport as tall as the page, so every node is on screen for axe."""
    height = page.evaluate(
        "() => Math.max(document.querySelector('[data-testid=\"stMain\"]').scrollHeight,"
        " document.querySelector('[data-testid=\"stSidebar\"]')?.scrollHeight || 0)")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(int(height), MAX_HEIGHT)})
    page.wait_for_timeout(800)  # charts redraw at the new size
    settle(page, 300)


def run_axe(page) -> list[dict]:
    """axe's violations for the whole document: WCAG 2.x A and AA rules, and heading order."""
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"],
         "rules": {rule: {"enabled": True} for rule in ALWAYS_BLOCKING}})
    return results["violations"]


def describe(violations: list[dict], per_rule: int = 5) -> str:
    """One line per rule, then its first nodes: the end of the CSS target and axe's reason
    (for colour contrast: the ratio, foreground and background)."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {len(v['nodes'])} nodes")
        for node in v["nodes"][:per_rule]:
            target = " ".join(map(str, node["target"]))[-90:]
            reason = " ".join(node.get("failureSummary", "").split())
            reason = reason.removeprefix("Fix any of the following: ")[:170]
            lines.append(f"    …{target} — {reason}")
    return "\n".join(lines)


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING or v["id"] in ALWAYS_BLOCKING]


def audit(page, url: str) -> list[dict]:
    page.goto(url)
    settle(page)
    stretch_to_full_height(page)
    return run_axe(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("key", list(PATHS))
def test_no_serious_axe_violations(page, app_server, key, lang):
    violations = audit(page, f"{app_server.url}{PATHS[key]}?lang={lang}")
    print(f"\n[axe] {key} {lang}:\n{describe(violations)}")  # shown with -s or on failure
    bad = blocking(violations)
    assert not bad, f"axe on {key} ({lang}):\n{describe(bad)}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_serious_axe_violations_in_presenter_mode(page, app_server, lang):
    violations = audit(page, f"{app_server.url}?present=1&step=0&lang={lang}")
    print(f"\n[axe] present {lang}:\n{describe(violations)}")
    bad = blocking(violations)
    assert not bad, f"axe in presenter mode ({lang}):\n{describe(bad)}"
