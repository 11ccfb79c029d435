"""Keyboard focus is visible and is not lost (issue 14; WCAG 2.4.7, 1.4.11 and 2.4.3).

A reader who cannot use a mouse Tabs through the landing page: at every stop the focused
control (or, for radios, the toggle and selectboxes, the label or box that stands for a hidden
<input>) must carry a ring at least 2px wide whose colour has 3:1 contrast with the background
behind it, and with the control itself when the ring touches it. Entering and leaving presenter
mode redraws the page; focus must land on a control, not fall back to <body>.
"""

from __future__ import annotations

import pytest

from tests.browser.waits import settle

MIN_CONTRAST = 3.0
MAX_TABS = 80
# Every kind of control on the landing page; each must be reached at least once by Tab.
KINDS = {"page link", "segmented button", "radio", "toggle", "selectbox", "button",
         "expander"}

# Colour helpers for a test's page script: `rgba(css)` parses a computed colour into
# [r, g, b, a]; `behind(el)` is the colour drawn under an element.
COLOUR_JS = """
  const rgba = text => {
    const m = text && text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  // The colour behind an element: its ancestors' backgrounds, composited, over white.
  const behind = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let out = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse())
      out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
    return out;
  };
"""

# The focused element, what kind of control it is, and its focus ring: the first of the
# element and three ancestors with an outline (or a box-shadow ring) at least 2px wide, its
# colour, the colour of what the ring sits on, and the control's own background.
FOCUS_JS = """() => {
  const active = document.activeElement;
  if (!active || active === document.body) return null;
  const again = active.dataset.focusSeen === '1';  // Tab has come round
  active.dataset.focusSeen = '1';
  const testid = el => el.closest('[data-testid]')?.dataset.testid || '';
  let kind = active.tagName.toLowerCase();
  if (active.dataset.testid === 'stSidebarNavLink') kind = 'page link';
  else if (active.getAttribute('role') === 'radio' && active.tagName === 'BUTTON')
    kind = 'segmented button';
  else if (active.type === 'radio') kind = 'radio';
  else if (active.getAttribute('role') === 'switch') kind = 'toggle';
  else if (active.getAttribute('role') === 'combobox') kind = 'selectbox';
  else if (active.tagName === 'SUMMARY') kind = 'expander';
  else if (active.tagName === 'BUTTON') kind = 'button';
  ${COLOUR_JS}
  let ring = null;
  for (let e = active, i = 0; e && i < 4 && !ring; e = e.parentElement, i++) {
    const cs = getComputedStyle(e);
    const width = parseFloat(cs.outlineWidth);
    if (cs.outlineStyle !== 'none' && width >= 2) {
      ring = {el: e, color: rgba(cs.outlineColor), width, offset: parseFloat(cs.outlineOffset)};
    } else if (cs.boxShadow && cs.boxShadow !== 'none') {
      const spread = parseFloat(cs.boxShadow.replace(/rgba?\\([^)]*\\)/, '').trim()
        .split(/\\s+/)[3] || '0');
      if (spread >= 2) ring = {el: e, color: rgba(cs.boxShadow), width: spread, offset: 0};
    }
  }
  const visible = active.checkVisibility({opacityProperty: true, visibilityProperty: true})
    || active.closest('label')?.checkVisibility();
  const label = (active.getAttribute('aria-label') || active.innerText
    || active.closest('label')?.innerText || '').trim().split('\\n')[0].slice(0, 40);
  if (!ring) return {kind, label, testid: testid(active), visible, again, ring: null};
  const page = behind(ring.el.parentElement);
  const own = behind(ring.el);
  const [r, g, b, a] = ring.color;
  const color = [r * a + page[0] * (1 - a), g * a + page[1] * (1 - a), b * a + page[2] * (1 - a)];
  return {kind, label, testid: testid(active), visible, again,
          ring: {color, width: ring.width, offset: ring.offset, page, own}};
}""".replace("  ${COLOUR_JS}\n", COLOUR_JS)


def luminance(rgb) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ring_problem(stop: dict) -> str | None:
    """Why this focus stop's ring is not visible enough, or None."""
    ring = stop["ring"]
    if ring is None:
        return "no focus ring (outline or box-shadow of 2px or more)"
    against_page = contrast(ring["color"], ring["page"])
    if against_page < MIN_CONTRAST:
        return f"ring {against_page:.2f}:1 against the background"
    # A ring drawn away from the control (outline-offset) never touches its fill.
    if ring["offset"] < 1:
        against_own = contrast(ring["color"], ring["own"])
        if against_own < MIN_CONTRAST:
            return f"ring {against_own:.2f}:1 against the control"
    return None


def tab_stops(page) -> list[dict]:
    """Tab from the top of the page until focus comes back round, enters a table's cells, or
    MAX_TABS presses."""
    stops: list[dict] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        page.wait_for_timeout(120)  # Streamlit paints focus styles on the next frame
        stop = page.evaluate(FOCUS_JS)
        if stop is None:
            continue
        # Back at a stop already seen: round the page. In a table's cells: the grid (glide)
        # draws its cell ring on the canvas, out of CSS's reach, and Tab walks the cells.
        if stop["again"] or stop["kind"] == "td":
            break
        stops.append(stop)
    return stops


# The landing page has every kind of control in KINDS; facts and the curator add tables, a
# text input, a text area and a file upload.
@pytest.mark.parametrize("path", ["", "facts", "curator"])
def test_every_tab_stop_shows_a_visible_focus_ring(page, app_server, path):
    page.goto(app_server.url + path)
    settle(page)
    stops = tab_stops(page)
    for stop in stops:  # the route Tab took, shown with -s or on failure
        print(stop["kind"], stop["label"], stop["testid"], stop["visible"], ring_problem(stop))
    kinds = {stop["kind"] for stop in stops}
    if not path:
        assert KINDS <= kinds, f"Tab never reached: {KINDS - kinds} (reached {sorted(kinds)})"
    problems = [f"{s['kind']} «{s['label']}» ({s['testid']}): {ring_problem(s)}"
                for s in stops if s["visible"] and ring_problem(s)]
    assert not problems, "focus not visible:\n" + "\n".join(problems)


def test_page_link_ring_in_the_sidebar(page, app_server):
    """The sidebar's grey: the issue measured page links' focus at 1.11:1 there."""
    page.goto(app_server.url)
    settle(page)
    page.locator('[data-testid="stSidebarNavLink"]').nth(1).focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    stop = page.evaluate(FOCUS_JS)
    assert stop["kind"] == "page link"
    assert ring_problem(stop) is None, ring_problem(stop)


ACTIVE_JS = """() => {
  const a = document.activeElement;
  return !!a && a !== document.body && a.checkVisibility();
}"""


def test_presenter_mode_keeps_keyboard_focus(page, app_server):
    page.goto(app_server.url)
    settle(page)
    toggle = page.locator('[class*="st-key-f_present_"] input')
    toggle.focus()
    page.keyboard.press("Space")
    page.locator(".st-key-present_bar, .st-key-present_bar_titled").first.wait_for()
    settle(page)
    page.wait_for_function(ACTIVE_JS, timeout=10_000)
    focused = page.evaluate("document.activeElement.closest('[class*=\"st-key-present_\"]')"
                            "?.className || ''")
    assert "st-key-present_next" in focused, f"focus after entering: {focused!r}"

    page.locator(".st-key-present_exit button").focus()
    page.keyboard.press("Enter")
    page.locator('[data-testid="stSidebar"]').wait_for(state="visible")
    settle(page)
    page.wait_for_function(ACTIVE_JS, timeout=10_000)
    role = page.evaluate("document.activeElement.getAttribute('role')")
    assert role == "switch", "focus after leaving is not on the presenter toggle"
    stop = page.evaluate(FOCUS_JS)
    assert ring_problem(stop) is None, ring_problem(stop)
