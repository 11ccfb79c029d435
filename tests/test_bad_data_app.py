"""The app started on a data folder with bad rows (DASHBOARD_DATA_DIR) serves every valid row
and says, on every page, which rows it rejected (file:line), instead of failing or hiding them.
"""

import csv
import io
import shutil
from pathlib import Path

import pytest
from app_session import run
from streamlit.testing.v1 import AppTest

import loaders

REPO = Path(__file__).resolve().parent.parent
# (file, line, column, bad value, fact_id of the row, its region)
BAD_ROWS = [
    ("a001.csv", 4, "place_adcode", "999999", "a001-003", "220000"),
    ("a002.csv", 10, "status", "finished", "a002-009", "220000"),
    ("a003.csv", 5, "raw_unit", "英亩", "a003-004", "220000"),
    ("a004.csv", 3, "metric", "gdp_count", "a004-002", "370600"),
]
BANNER_ZH = "⚠ 部分数据行未通过校验，未显示："


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    fields = next(csv.reader([lines[line - 1]]))
    fields[header.index(column)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(fields)
    lines[line - 1] = buf.getvalue()[:-1]
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def clean() -> dict[str, set[str]]:
    facts = loaders.load_facts(REPO / "data")
    return {region: set(group["fact_id"]) for region, group in facts.groupby("region_adcode")}


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad") / "data"
    shutil.copytree(REPO / "data", folder, ignore=shutil.ignore_patterns("geo"))
    for name, line, column, value, _, _ in BAD_ROWS:
        set_cell(folder / "facts" / name, line, column, value)
    a000 = folder / "facts" / "a000.csv"  # a BOM is a warning: rows load, no rejection listed
    a000.write_bytes(b"\xef\xbb\xbf" + a000.read_bytes())
    return folder


@pytest.fixture(scope="module")
def on_bad_data(bad_dir):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DATA_DIR", str(bad_dir))
        yield bad_dir


def banner(at: AppTest):
    found = [e for e in at.expander if e.label.startswith(BANNER_ZH)
             or e.label.startswith("⚠ Some data rows")]
    assert len(found) == 1, [e.label for e in at.expander]
    return found[0]


def test_every_valid_row_is_served(on_bad_data, clean):
    at = run()
    served = set(at.session_state["_ctx"].all_facts["fact_id"])
    rejected = {row[4] for row in BAD_ROWS if row[5] == "220000"}
    assert served == clean["220000"] - rejected
    assert len(served) == len(clean["220000"]) - 3


def test_warning_lists_each_rejected_row_by_file_and_line(on_bad_data):
    at = run()
    expander = banner(at)
    assert expander.label == f"{BANNER_ZH} 4"
    text = "\n".join(t.value for t in expander.text)
    for name, line, column, value, _, _ in BAD_ROWS:
        assert f"{on_bad_data / 'facts' / name}:{line}: {column}: {value!r}" in text, text
    assert "BOM" not in text  # warnings are not rejections
    assert len(text.splitlines()) == 4


def test_yantai_serves_its_valid_rows_and_shows_the_same_warning(on_bad_data, clean):
    at = run(region="370600")
    served = set(at.session_state["_ctx"].all_facts["fact_id"])
    assert served == clean["370600"] - {"a004-002"}
    assert banner(at).label == f"{BANNER_ZH} 4"


def test_figures_of_untouched_rows_are_unchanged(on_bad_data):
    at = run(county="222403")  # Dunhua: 国网敦化抽水蓄能电站 总投资近80亿元 (a000-008)
    values = {m.label: m.value for m in at.metric}
    assert values["总投资 · 项目合计"] == "80亿元"


def test_other_pages_show_the_warning_too(on_bad_data):
    at = run()
    for page in sorted(p.name for p in (REPO / "pages").glob("*.py")):
        at.switch_page(f"pages/{page}")
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert banner(at).label == f"{BANNER_ZH} 4", page


def test_broken_vocab_yaml_opens_with_the_yaml_line_listed(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder, ignore=shutil.ignore_patterns("geo"))
    vocab = folder / "vocab.yaml"
    lines = vocab.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("  gdp:")) + 1
    lines[n - 1] += "}"
    vocab.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    at = run()
    text = "\n".join(t.value for t in banner(at).text)
    assert text.splitlines()[0].startswith(f"{vocab}:{n}: -: ")
    assert "malformed YAML" in text
    assert len(at.session_state["_ctx"].all_facts) == 0
