"""The map reads at a glance: on the landing page it covers a quarter of a 1280×800 screen
with its legend in view; in presenter mode it covers 40 % of a 1280×720 and of a 1920×1080
screen on every saved view with a map, legend in view, and every text is at least 18 px on a
1920×1080 screen (a shared screen is watched shrunk to a laptop window) and 15.75 px on a
1280×720 projector."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.waits import settle

# The union of the map's place outlines, clipped to the map's frame (places around a slide run
# on past it, hidden) and to the viewport, as a share of the viewport.
_DRAWING_SHARE_JS = """() => {
  const paths = [...document.querySelectorAll('.js-plotly-plot .choroplethlayer path')];
  const frame = document.querySelector('.js-plotly-plot .geo > .layer.bg')
    .getBoundingClientRect();
  let x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
  for (const p of paths) {
    const r = p.getBoundingClientRect();
    if (!r.width) continue;
    x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top);
    x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom);
  }
  const w = Math.max(0, Math.min(innerWidth, frame.right, x1) - Math.max(0, frame.left, x0));
  const h = Math.max(0, Math.min(innerHeight, frame.bottom, y1) - Math.max(0, frame.top, y0));
  return w * h / (innerWidth * innerHeight);
}"""
_LEGEND_BOTTOM_JS = """() => {
  const texts = [...document.querySelectorAll('.js-plotly-plot text')]
    .filter(t => ['无数据', 'No data'].includes(t.textContent.trim()));
  return texts.length ? Math.max(...texts.map(t => t.getBoundingClientRect().bottom)) : null;
}"""
_SMALL_TEXT_JS = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('[data-testid=stSidebar]')) continue;
    const r = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!r.width || !r.height || style.visibility === 'hidden') continue;
    if (parseFloat(style.fontSize) < MIN_PX) small.push([style.fontSize, node.textContent.trim()]);
  }
  return small.slice(0, 10);
}"""


def test_landing_map_covers_a_quarter_of_the_screen_with_its_legend(page, app_server):
    page.goto(app_server.url)
    settle(page)
    share = page.evaluate(_DRAWING_SHARE_JS)
    assert share >= 0.25, share
    bottom = page.evaluate(_LEGEND_BOTTOM_JS)
    assert bottom is not None and bottom <= 800, bottom  # "无数据" in the legend, in view


# The saved views (data/views.yaml) with a map: 0 Yanbian's power stations, 1 Tonghua,
# 3 Ji'an (2 is the clusters' bar chart).
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("step", [0, 1, 3])
def test_presenter_map_covers_40_percent_with_its_legend(page, app_server, step, size, lang):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_server.url}?present=1&step={step}&lang={lang}")
    settle(page, 1500)
    # The chart stretches to its box after its first draw: wait for that redraw (at most 5 s).
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"({_DRAWING_SHARE_JS})() >= 0.40", timeout=5000)
    share = page.evaluate(_DRAWING_SHARE_JS)
    assert share >= 0.40, share
    bottom = page.evaluate(_LEGEND_BOTTOM_JS)
    assert bottom is not None and bottom <= size[1], bottom


@pytest.mark.parametrize("step", [0, 1, 2, 3])
def test_presenter_text_is_at_least_18px_on_a_large_screen(page, app_server, step):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_server.url}?present=1&step={step}")
    settle(page, 1500)
    assert page.evaluate(_SMALL_TEXT_JS.replace("MIN_PX", "18")) == []


@pytest.mark.parametrize("path", ["", "overview", "quality", "facts"])
def test_presenter_text_on_a_projector_is_at_least_15_75px(page, app_server, path):
    """At 1280×720 (a projector) the root size is 18 px: Streamlit's smallest text, captions,
    controls and table cells at 0.875 rem, comes to 15.75 px; it was 14 px and less."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_server.url}{path}?present=1")
    settle(page, 1500)
    assert page.evaluate(_SMALL_TEXT_JS.replace("MIN_PX", "15.75")) == []


_DRAWING_BOX_JS = """() => {
  const rects = [...document.querySelectorAll('.js-plotly-plot .choroplethlayer path')]
    .map(p => p.getBoundingClientRect()).filter(r => r.width);
  return [Math.min(...rects.map(r => r.top)), Math.max(...rects.map(r => r.bottom))];
}"""


def test_phone_map_has_no_empty_band_and_ends_within_a_screen_and_a_half(page, app_server):
    """On a 390×844 phone the province is wide and the column narrow: the map's box takes
    only the height the drawing needs, so the drawing follows the legend row closely."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_server.url)
    settle(page, 1500)
    legend_bottom = page.evaluate(_LEGEND_BOTTOM_JS)
    top, bottom = page.evaluate(_DRAWING_BOX_JS)
    assert 0 <= top - legend_bottom <= 40, (legend_bottom, top)
    assert bottom <= 1.5 * 844, bottom


@pytest.mark.parametrize(("lang", "titles"), [
    ("zh", ["下载图片（PNG）", "放大", "缩小", "复原"]),
    ("en", ["Download plot as a PNG", "Zoom in", "Zoom out", "Reset"])])
def test_map_toolbar_speaks_the_page_language(page, app_server, lang, titles):
    page.goto(f"{app_server.url}?lang={lang}")
    settle(page)
    shown = page.evaluate("() => [...document.querySelector('.js-plotly-plot:has(.geolayer)')"
                          ".querySelectorAll('.modebar-btn')].map(b => b.dataset.title)")
    assert shown[:4] == titles  # then Streamlit's own "Fullscreen" (English only)


def test_the_chosen_metric_is_marked_by_more_than_a_tint(page, app_server):
    """In greyscale the selected option's tint is all but gone: a bar under it remains."""
    page.goto(app_server.url)
    settle(page)
    marks = page.evaluate("""() => Object.fromEntries(
      [...document.querySelectorAll('[data-testid=stMain] [role=radio]')].map(
        b => [b.textContent.trim(), getComputedStyle(b).boxShadow]))""")
    assert "inset" in marks["总投资 (33)"], marks
    assert all(shadow == "none" for name, shadow in marks.items() if name != "总投资 (33)"), marks
