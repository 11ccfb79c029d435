"""Waiting for Streamlit the way a reader does: until the run has ended and every chart has
drawn. Shared by the browser tests (no fixed sleeps as assertions, only as settling time)."""

from __future__ import annotations

# Streamlit is done when the script has finished a run and the page title is there.
IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === 'notRunning'
    && document.querySelector('[data-testid="stMain"] h1') !== null;
}"""


# Charts mount lazily after the run ends: wait until every Plotly chart has drawn its SVG, and
# a map its geo frame too (plotly draws that in a later step than the chart's first SVG).
CHARTS_DRAWN_JS = """() => !document.querySelector('[data-testid="stSkeleton"]')
  && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(chart => {
       const plot = chart.querySelector('.js-plotly-plot');
       if (!plot || !chart.querySelector('.main-svg')) return false;
       const geos = plot._fullLayout?._subplots?.geo ?? [];
       return plot.querySelectorAll('.geo > .layer.bg').length >= geos.length;
     })"""


def settle(page, extra_ms: int = 600) -> None:
    page.wait_for_function(IDLE_JS, timeout=60_000)
    page.wait_for_timeout(extra_ms)
    page.wait_for_function(IDLE_JS, timeout=60_000)
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=60_000)


def downloaded(page, button, path) -> tuple[str, bytes]:
    """Click `button`, wait for the file it downloads and save it to `path`: (the browser's
    suggested file name, the file's bytes)."""
    with page.expect_download() as info:
        button.click()
    info.value.save_as(path)
    return info.value.suggested_filename, path.read_bytes()
