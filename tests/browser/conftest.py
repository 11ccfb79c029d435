"""Browser fixtures: one app server and one headless Chromium per session, a fresh page per test.

Every request a page makes is recorded, so any test can assert that nothing left 127.0.0.1
(users sit on intranets; a CDN request there means a blank map). Chromium is Debian's
/usr/bin/chromium: under CI=true its absence fails the run, elsewhere it skips with a message.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # `bench` is a top-level package of the repo
    sys.path.insert(0, str(REPO))

from bench.server import CHROMIUM, launch_chromium, start_app, stop_app  # noqa: E402

# The app under test; override to point the suite at another app (e.g. a throwaway map page).
APP = os.environ.get("BROWSER_TEST_APP", "app.py")
ARTIFACTS = REPO / "artifacts"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} not found: run `bash scripts/ensure_browser.sh` (apt-get chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " — browser tests are mandatory under CI=true")
    pytest.skip(message)


@pytest.fixture(scope="session")
def app_server():
    """The app, started once for the whole browser suite."""
    _need_chromium()
    server = start_app(APP)
    yield server
    stop_app(server)


@pytest.fixture(scope="session")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture()
def requests_log() -> list[str]:
    """URLs of every request the test's page made, in order."""
    return []


@pytest.fixture()
def page(browser, requests_log, app_server):
    """A page in a fresh context (cold cache, 1280×800) whose requests land in requests_log."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    context.on("request", lambda request: requests_log.append(request.url))
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    target = ARTIFACTS / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    return target
