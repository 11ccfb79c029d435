"""Hostile input in a real browser: nothing a link or a data file says can run as script, open a
dialog, or make the page fetch from another host.

1. A mangled permalink (script tag, unknown language and region, repeated county) opens Dunhua
   with notices, no exception and no dialog.
2. A data folder whose subject, excerpt, note and outlet carry HTML and Markdown payloads
   (script tags, `<img onerror>`, a Markdown image on a TEST-NET address) is served by a second
   server; every page renders it as text. Requests to other hosts are aborted and recorded.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from bench.server import external_requests, start_app, stop_app

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
HOSTILE_URL = "?county=<script>alert(1)</script>&lang=xx&region=999999&county=222403"
OUTSIDE = "http://203.0.113.7"  # TEST-NET-3: documentation-only, never routed
PAYLOAD = (f'<img src=x onerror="window.__xss=1;alert(1)">![p]({OUTSIDE}/md.png)'
           "<script>window.__xss=2;alert(2)</script>")
# Dunhua pumped storage (a000-008): shown on every page that lists projects or excerpts.
ROW_FILE, ROW_LINE = "a000.csv", 9
PAGES = ["", "energy", "clusters", "overview", "facts", "quality", "curator"]
PROBE_JS = """() => ({
  exceptions: document.querySelectorAll('[data-testid="stException"]').length,
  xss: window.__xss === undefined ? null : window.__xss,
  onerror: document.querySelectorAll('[onerror]').length,
  scripts: [...document.querySelectorAll('script')].filter(
      s => /alert\\(|__xss/.test(s.textContent)).length,
  images: [...document.images].map(i => i.getAttribute('src')).filter(
      s => s && /203\\.0\\.113|^x$/.test(s)),
  text: document.body.innerText,
})"""


def settle(page) -> None:
    """Wait for the first script run to finish (title drawn, no 'running' indicator)."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=45_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"] button')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')",
        timeout=45_000)
    page.wait_for_timeout(500)  # late-mounting components (charts, toasts)


def watch(page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def test_hostile_permalink_opens_dunhua_safely(page, app_server, requests_log):
    dialogs = watch(page)
    page.goto(app_server.url + HOSTILE_URL)
    settle(page)
    page.get_by_role("button", name="敦化市").first.wait_for(timeout=30_000)
    probe = page.evaluate(PROBE_JS)
    assert dialogs == []
    assert probe["exceptions"] == 0 and probe["xss"] is None
    assert probe["onerror"] == 0 and probe["scripts"] == 0
    assert "<script>" not in probe["text"] and "alert(1)" not in probe["text"]
    assert "80亿元" in probe["text"]  # 国网敦化抽水蓄能电站 总投资近80亿元
    params = page.evaluate("Object.fromEntries(new URLSearchParams(location.search))")
    assert params == {"prefecture": "222400", "county": "222403"}  # the cleaned permalink
    assert external_requests(requests_log) == []


def _poison(folder: Path) -> None:
    path = folder / "facts" / ROW_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    fields = next(csv.reader([lines[ROW_LINE - 1]]))
    assert fields[0] == "a000-008"
    for column in ("subject", "note"):
        fields[header.index(column)] += PAYLOAD
    excerpt = header.index("excerpt")
    fields[excerpt] = fields[excerpt][:30] + "<b>" + PAYLOAD[:60]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(fields)
    lines[ROW_LINE - 1] = buf.getvalue()[:-1]
    path.write_text("\n".join(lines), encoding="utf-8")
    articles = folder / "articles.yaml"
    text = articles.read_text(encoding="utf-8")
    outlet = next(line for line in text.split("\n") if line.strip().startswith("outlet:"))
    text = text.replace(outlet, outlet.rstrip() + f" '![o]({OUTSIDE}/outlet.png)'"
                        if not outlet.rstrip().endswith(("'", '"')) else outlet, 1)
    articles.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, app_server):
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(REPO / "data", folder, ignore=shutil.ignore_patterns("geo"))
    _poison(folder)
    old = os.environ.get("DASHBOARD_DATA_DIR")
    os.environ["DASHBOARD_DATA_DIR"] = str(folder)
    try:
        server = start_app("app.py")
    finally:
        if old is None:
            os.environ.pop("DASHBOARD_DATA_DIR", None)
        else:
            os.environ["DASHBOARD_DATA_DIR"] = old
    yield server
    stop_app(server)


def test_hostile_data_is_shown_as_text_on_every_page(browser, hostile_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    requested: list[str] = []

    def route(route) -> None:
        url = route.request.url
        if external_requests([url]):
            requested.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(30_000)
    dialogs = watch(page)
    seen, problems = [], []
    try:
        for path in [p for p in PAGES if p == "" or (REPO / "pages" / f"{p}.py").is_file()]:
            page.goto(f"{hostile_server.url}{path}?county=222403")
            settle(page)
            # Excerpts sit in expanders whose content runs only when opened: open each as a
            # reader would, and let the rerun it triggers draw the content.
            for i in range(page.locator("[data-testid='stExpander'] summary").count()):
                page.locator("[data-testid='stExpander'] summary").nth(i).click()
                settle(page)
            probe = page.evaluate(PROBE_JS)
            bad = {key: probe[key] for key in ("exceptions", "xss", "onerror", "scripts", "images")
                   if probe[key]}
            if bad:
                problems.append((path or "investment", bad))
            seen.append((path, "国网敦化抽水蓄能电站" in probe["text"]))
    finally:
        context.close()
    assert problems == [], problems  # every page, not just the first failing one
    assert dialogs == []
    assert requested == [], f"pages fetched from outside: {sorted(set(requested))}"
    assert any(shown for _, shown in seen), f"the poisoned row was never displayed: {seen}"
