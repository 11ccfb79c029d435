"""The extraction command around the extractor: many articles per process, evidence columns,
a BOM accepted with a warning, and --accept refreshing the registry hashes itself."""

import csv
import io
import time
from pathlib import Path

import pytest

from loaders import registry
from loaders.check import check_problems
from loaders.check import main as check_main
from loaders.ingest import main

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "bench" / "extraction_set"
A005 = """
  - id: a005
    seed_file: a005.txt
    title: 测试
    title_en: Test
    outlet: 测试
    outlet_en: Test
    date: "2024-04-20"
    date_estimated: false
    region: "220100"
    script: simplified
    licence: test
"""


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_many_articles_in_one_process_with_an_article_column(tmp_path, capsys):
    files = sorted(DEV.glob("d*.txt"))
    out = tmp_path / "all.csv"
    started = time.perf_counter()
    assert main([str(f) for f in files] + ["--date", "2024-06-01", "--out", str(out)]) == 0
    elapsed = time.perf_counter() - started
    rows = _rows(out.read_text(encoding="utf-8"))
    assert list(rows[0])[:2] == ["article", "fact_id"]
    assert {r["article"] for r in rows} == {f.name for f in files}
    assert {"place_evidence", "period_evidence"} <= set(rows[0])
    assert "s per article" in capsys.readouterr().err
    assert elapsed < 0.2 * len(files) + 5  # generous: start-up plus at most 0.2 s an article


def test_out_dir_writes_one_csv_per_article(tmp_path):
    files = sorted(DEV.glob("d0[12].txt"))
    assert main([str(f) for f in files] + ["--out-dir", str(tmp_path / "cands")]) == 0
    written = sorted(p.name for p in (tmp_path / "cands").iterdir())
    assert written == ["d01.csv", "d02.csv"]
    rows = _rows((tmp_path / "cands" / "d02.csv").read_text(encoding="utf-8"))
    assert any(r["place_evidence"].startswith("吉林省") for r in rows)


def test_checker_accepts_a_bom_with_a_warning(data_copy, capsys):
    path = data_copy / "facts" / "a002.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    problems = check_problems(data_copy)
    assert [p.severity for p in problems if "BOM" in str(p)] == ["warning"]
    assert check_main([str(data_copy)]) == 0
    assert capsys.readouterr().out.startswith("warning: ")


@pytest.fixture()
def reviewed_csv(data_copy, tmp_path, monkeypatch):
    with (data_copy / "articles.yaml").open("a", encoding="utf-8") as handle:
        handle.write(A005)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    out = tmp_path / "a005.csv"
    article = tmp_path / "a005.txt"
    article.write_text("绿园区汽车零部件项目总投资12亿元,年产汽车座椅30万套。", encoding="utf-8")
    assert main([str(article), "--article-id", "a005", "--date", "2024-04-20",
                 "--out", str(out)]) == 0
    rows = _rows(out.read_text(encoding="utf-8"))
    for row in rows:
        row["reviewed"] = "true"
    return data_copy, out, rows


def test_accept_ignores_extra_columns_takes_a_bom_and_refreshes_the_registry(reviewed_csv,
                                                                               capsys):
    data, out, rows = reviewed_csv
    registry.write(data)  # a registry that matches the copy before the append
    text = io.StringIO()
    writer = csv.DictWriter(text, list(rows[0]) + ["curator_comment"], lineterminator="\n")
    writer.writeheader()
    writer.writerows([dict(r, curator_comment="ok") for r in rows])
    out.write_bytes(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))  # Excel "CSV UTF-8"
    assert main([str(out), "--accept"]) == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "registry hashes refreshed" in captured.out
    written = data / "facts" / "a005.csv"
    assert "place_evidence" not in written.read_text(encoding="utf-8").splitlines()[0]
    assert registry.read(data)["facts/a005.csv"]["sha256"] == registry.sha256(written)
