"""One AppTest session of app.py, shared by the page tests (not a test module itself)."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run(opened: tuple[str, ...] = (), **params) -> AppTest:
    """Run app.py with `params` as the query string; `opened` names lazy sections
    (tables.lazy_section keys) a reader has opened, since their content runs only when open."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    for key in opened:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(page: str, opened: tuple[str, ...] = (), **params) -> AppTest:
    """Run app.py, then switch to `page` (a script path from dashboard/registry.py)."""
    at = run(opened, **params)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}
