"""Shared fixtures. The seed articles live outside the repo (../shared/seeds)."""

import os
import shutil
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as _app_test
from hypothesis import settings
from streamlit.runtime.pages_manager import PagesManager

# AppTest resets PagesManager.uses_pages_directory to None before every run; because this app
# has a top-level pages/ folder, that makes every rerun take Streamlit's old "pages directory"
# path, which runs the page file directly and skips app.py (our shared chrome). A real server
# sets the flag to False for good the first time st.navigation runs. Give AppTest a subclass
# to reset, so the real flag stays False as it does in production.
_app_test.PagesManager = type("PagesManagerForAppTest", (PagesManager,), {})
PagesManager.uses_pages_directory = False

# No timed assertions in tests: hypothesis's per-example deadline would fail a correct parser
# on a busy two-core machine. Speed is measured in bench/, against a baseline.
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed articles; mandatory under CI=true, a clear skip elsewhere."""
    from loaders.integrity import find_seeds_dir

    found = find_seeds_dir()
    if found is None:
        message = "seed articles not found at ../shared/seeds (set DASHBOARD_SEEDS_DIR)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — they are mandatory under CI=true")
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def facts():
    import loaders

    return loaders.load_facts()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (without the large geo layers) to corrupt in tests."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("geo"))
    return target
