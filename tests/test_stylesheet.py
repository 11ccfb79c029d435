"""The always-on stylesheet asks nothing of the whole page.

A rule like `body:has(.x) .y` makes Chromium recheck the whole document's style after every
change to the page, so every rerun paid for it (docs/scaling.md, seventh pass). Rules that
depend on a mode go in a sheet that ui/style.py sends only in that mode."""

import re
from pathlib import Path

SHEET = Path(__file__).resolve().parent.parent / "ui" / "style.css"
# a compound selector on the root or body that contains :has(
WHOLE_PAGE_HAS = re.compile(r"(?<![\w-])(html|body|:root)(\[[^\]]*\]|\.[\w-]+|:[\w-]+)*:has\(")


def selectors(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [s.strip() for s in re.findall(r"([^{}]+)\{", css) if not s.strip().startswith("@")]


def test_no_rule_tests_the_whole_page_with_has():
    offending = [s for s in selectors(SHEET.read_text(encoding="utf-8"))
                 if WHOLE_PAGE_HAS.search(s)]
    assert offending == []


def test_the_check_catches_the_rule_it_is_for():
    assert WHOLE_PAGE_HAS.search("body:has(.st-key-present_bar) .block-container")
    assert WHOLE_PAGE_HAS.search("html:has(.st-key-present_bar)")
    assert not WHOLE_PAGE_HAS.search("label:has(input:focus-visible)")
    assert not WHOLE_PAGE_HAS.search(".tbody:has(tr)")
