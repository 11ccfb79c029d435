"""What import-linter cannot see: app.py and pages/ are scripts, not packages. Pages only lay
out (they import the UI package and the pure core, never each other or app.py), every page
file is in the one registry, and nothing imports a page."""

import ast
from pathlib import Path

import pytest

from dashboard.registry import PAGES

REPO = Path(__file__).resolve().parent.parent
LAYOUT_IMPORTS = {"streamlit", "ui", "dashboard", "loaders"}  # what a page may import
STDLIB_OK = {"datetime", "hashlib"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_every_page_file_is_registered_and_every_entry_has_a_file():
    files = {f"pages/{p.name}" for p in (REPO / "pages").glob("*.py")}
    assert files == {spec.script for spec in PAGES}
    assert sum(spec.default for spec in PAGES) == 1


@pytest.mark.parametrize("script", [spec.script for spec in PAGES])
def test_pages_import_only_the_ui_and_the_core(script):
    roots = imported_roots(REPO / script)
    assert roots <= LAYOUT_IMPORTS | STDLIB_OK, roots - LAYOUT_IMPORTS - STDLIB_OK
    assert not roots & {"pages", "app", "geo"}


def test_nothing_imports_app_or_pages():
    for folder in ("ui", "dashboard", "loaders", "geo", "pages"):
        for path in (REPO / folder).rglob("*.py"):
            assert not imported_roots(path) & {"app", "pages"}, path


def test_pages_hold_no_language_branches():
    """Translations live in dashboard/i18n.py; a page asks for a string, never branches."""
    for spec in PAGES:
        text = (REPO / spec.script).read_text(encoding="utf-8")
        assert 'lang == "en"' not in text and 'lang == "zh"' not in text, spec.script
