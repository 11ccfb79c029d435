"""`python -m loaders.check`: every kind of bad input is named by file, line, column and value.

Each test corrupts one thing in a fresh copy of data/ (the `data_copy` fixture) and asserts the
exact problem line a curator would read, that the problem stays on the corrupted line, and that
the other rows still load (principle 6: one bad row never hides or loses the others).
"""

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import loaders
from loaders.check import check
from loaders.check import main as check_main
from loaders.problems import display_path

REPO = Path(__file__).resolve().parent.parent
CLEAN_COUNT = len(loaders.load_facts())
ROWS = {a: len(loaders.load_facts().query("article_id == @a")) for a in
        ("a000", "a001", "a002", "a003", "a004")}  # each facts/aNNN.csv holds its article's rows
# facts/a001.csv line 4: a001-003, 延吉高新区细胞产业园 investment_total 7 亿元, "…项目总投资7亿元"
LINE = 4


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    """Rewrite one cell of a one-physical-line row, leaving every other byte as it was."""
    lines = read_lines(path)
    header = next(csv.reader([lines[0]]))
    fields = next(csv.reader([lines[line - 1]]))
    assert len(fields) == len(header), "row spans several lines; pick another"
    fields[header.index(column)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(fields)  # "\n" so that newlines get quoted
    lines[line - 1] = buf.getvalue()[:-1]
    path.write_text("\n".join(lines), encoding="utf-8")


def prefix(path: Path, line: int, column: str, value: str) -> str:
    """The start of the message the checker must print: `file:line: column: 'value': `."""
    return f"{display_path(path)}:{line}: {column}: {value!r}: "


def only(lines: list[str], start: str, rule: str) -> None:
    """Exactly one message starts with `start` and names `rule`."""
    hits = [line for line in lines if line.startswith(start)]
    assert len(hits) == 1 and rule in hits[0], (start, rule, lines)


def valid_count(folder: Path) -> int:
    return len(loaders.load_facts(folder))


def run_checker(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaders.check", str(folder)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)


def test_clean_data_exits_0_and_prints_nothing():
    result = run_checker(REPO / "data")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "0 problem(s)" in result.stderr


def test_bad_row_exits_1_and_prints_file_line_column_value(data_copy):
    path = data_copy / "facts" / "a001.csv"
    set_cell(path, LINE, "place_adcode", "999999")
    result = run_checker(data_copy)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:4: place_adcode: '999999': unknown adcode (not in places.csv)"]


def test_missing_folder_is_a_problem_not_a_traceback(tmp_path):
    result = run_checker(tmp_path / "nope")
    assert result.returncode == 1 and "data folder not found" in result.stdout
    assert "Traceback" not in result.stderr


CELL_CASES = [
    # column, bad value, column reported, value reported, rule
    ("place_adcode", "999999", "place_adcode", "999999", "unknown adcode"),
    ("place_adcode", "22240", "place_adcode", "22240", "adcode must be 6 digits"),
    ("raw_value", "7.0.1", "raw_value", "7.0.1", "unparseable number"),
    ("raw_unit", "万千瓦", "raw_unit", "万千瓦", "unit MW does not match metric investment_total"),
    ("raw_unit", "亿英镑", "raw_unit", "亿英镑", "unknown unit"),
    ("metric", "investment_sum", "metric", "investment_sum", "unknown metric"),
    ("cluster", "yb_rockets", "cluster", "yb_rockets", "unknown cluster"),
    ("status", "finished", "status", "finished", "unknown status (see vocab.yaml)"),
    ("article_id", "a009", "article_id", "a009", "article id with no article"),
    ("period", "2024-13-45x", "period", "2024-13-45x", "not a valid period"),
    ("excerpt", "", "excerpt", "", "required value missing"),
]


@pytest.mark.parametrize(("column", "bad", "reported", "value", "rule"), CELL_CASES,
                         ids=[f"{c[0]}={c[1]}" for c in CELL_CASES])
def test_bad_cell_is_named_and_only_its_row_is_rejected(data_copy, column, bad, reported, value,
                                                        rule):
    path = data_copy / "facts" / "a001.csv"
    set_cell(path, LINE, column, bad)
    lines = check(data_copy)
    only(lines, prefix(path, LINE, reported, value), rule)
    assert all(line.startswith(f"{display_path(path)}:{LINE}: ") for line in lines), lines
    assert valid_count(data_copy) == CLEAN_COUNT - 1


def test_excerpt_without_the_figure(data_copy):
    path = data_copy / "facts" / "a001.csv"
    set_cell(path, LINE, "raw_value", "9")  # the excerpt says 项目总投资7亿元
    lines = check(data_copy)
    excerpt = "美容针剂、保健品、生物制药等衍生产品,项目总投资7亿元"
    assert lines == [prefix(path, LINE, "excerpt", excerpt)
                     + "excerpt does not contain the figure (raw_value)"]


def test_duplicate_fact_id_names_both_places(data_copy):
    path = data_copy / "facts" / "a001.csv"
    set_cell(path, LINE, "fact_id", "a001-002")
    lines = check(data_copy)
    assert lines == [prefix(path, LINE, "fact_id", "a001-002")
                     + f"duplicate fact_id (first at {display_path(path)}:3)"]
    assert valid_count(data_copy) == CLEAN_COUNT - 1


def test_duplicate_fact_id_across_files(data_copy):
    other = data_copy / "facts" / "a004.csv"
    set_cell(other, 2, "fact_id", "a001-001")
    lines = check(data_copy)
    only(lines, prefix(other, 2, "fact_id", "a001-001"),
         f"duplicate fact_id (first at {display_path(data_copy / 'facts' / 'a001.csv')}:2)")


def test_missing_column(data_copy):
    path = data_copy / "facts" / "a001.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    drop = rows[0].index("scope")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([r[:drop] + r[drop + 1:] for r in rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    assert check(data_copy) == [prefix(path, 1, "scope", "") + "missing column"]
    assert valid_count(data_copy) == CLEAN_COUNT - ROWS["a001"]


def test_unterminated_quote_in_the_last_row(data_copy):
    path = data_copy / "facts" / "a004.csv"
    lines = read_lines(path)
    last = max(i for i, line in enumerate(lines) if line)
    lines[last] = lines[last].replace(",", ',"', 1)  # a field opens a quote that never closes
    path.write_text("\n".join(lines), encoding="utf-8")
    assert check(data_copy) == [prefix(path, last + 1, "-", lines[last][:60])
                                + "malformed CSV: unterminated quote (the quoted field never "
                                  "closes)"]
    assert valid_count(data_copy) == CLEAN_COUNT - 1


def test_stray_quote_mid_file_does_not_swallow_the_rows_after_it(data_copy):
    path = data_copy / "facts" / "a001.csv"
    lines = read_lines(path)
    lines[5] = lines[5].replace(",已有", ',"已有', 1)  # line 6, a001-005
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = check(data_copy)
    assert len(problems) == 1 and problems[0].startswith(f"{display_path(path)}:6: -: ")
    assert "malformed CSV" in problems[0]
    facts = loaders.load_facts(data_copy)
    assert len(facts) == CLEAN_COUNT - 1
    assert "a001-006" in set(facts["fact_id"]) and "a001-005" not in set(facts["fact_id"])


def test_truncated_last_row(data_copy):
    path = data_copy / "facts" / "a002.csv"
    lines = read_lines(path)
    last = max(i for i, line in enumerate(lines) if line)
    cut = ",".join(lines[last].split(",")[:9])  # the file ends after raw_value
    lines[last:] = [cut]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert check(data_copy) == [prefix(path, last + 1, "-", cut[:60])
                                + "expected 16 fields, found 9 (truncated row or unquoted comma?)"]
    assert valid_count(data_copy) == CLEAN_COUNT - 1


def test_multiline_field_keeps_later_line_numbers_right(data_copy):
    path = data_copy / "facts" / "a001.csv"
    set_cell(path, 3, "note", "line one\nline two")  # row 3 now spans lines 3-4
    set_cell(path, LINE + 1, "place_adcode", "999999")  # a001-003 is now on line 5
    assert check(data_copy) == [prefix(path, LINE + 1, "place_adcode", "999999")
                                + "unknown adcode (not in places.csv)"]


def test_crlf_line_endings_load_cleanly(data_copy):
    path = data_copy / "facts" / "a001.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert check(data_copy) == []
    assert valid_count(data_copy) == CLEAN_COUNT


def not_checked(folder: Path, what: str) -> list[str]:
    return [prefix(folder / "facts" / f"{a}.csv", 2, "-", f"{n} rows")
            + f"not checked: {what} could not be read (see its problem)"
            for a, n in ROWS.items()]


def test_malformed_vocab_yaml_names_the_line(data_copy):
    path = data_copy / "vocab.yaml"
    lines = read_lines(path)
    n = next(i for i, line in enumerate(lines) if line.startswith("  gdp:")) + 1
    lines[n - 1] += "}"  # an extra closing brace
    path.write_text("\n".join(lines), encoding="utf-8")
    section = lines.index("metrics:") + 2  # the block mapping the parser was in
    # The cause first, then one line per facts file instead of one "unknown metric" per cell.
    assert check(data_copy) == [
        prefix(path, n, "-", lines[n - 1].strip()[:60])
        + "malformed YAML: expected <block end>, but found '}' (while parsing a block mapping "
          f"at line {section})",
        *not_checked(data_copy, "vocab.yaml")]
    assert valid_count(data_copy) == 0


def test_unclosed_brace_in_vocab_names_where_it_opened(data_copy):
    path = data_copy / "vocab.yaml"
    lines = read_lines(path)
    n = next(i for i, line in enumerate(lines) if line.startswith("  gdp:")) + 1
    lines[n - 1] = lines[n - 1].rstrip("}")
    path.write_text("\n".join(lines), encoding="utf-8")
    first = check(data_copy)[0]
    assert first.startswith(f"{display_path(path)}:{n + 1}: -: 'fiscal_revenue:")
    assert first.endswith(f"(while parsing a flow mapping at line {n})")


def test_malformed_articles_yaml_names_the_line(data_copy):
    path = data_copy / "articles.yaml"
    lines = read_lines(path)
    n = next(i for i, line in enumerate(lines) if line.strip().startswith("date:")) + 1
    lines[n - 1] += " x"  # date: "2024-07-15" x
    path.write_text("\n".join(lines), encoding="utf-8")
    assert check(data_copy) == [
        prefix(path, n, "-", 'date: "2024-07-15" x') + "malformed YAML: expected <block end>, "
        "but found '<scalar>' (while parsing a block mapping at line 25)",
        *not_checked(data_copy, "articles.yaml")]


def test_bad_article_date_names_its_line_and_rejects_its_facts(data_copy):
    path = data_copy / "articles.yaml"
    lines = read_lines(path)
    n = next(i for i, line in enumerate(lines) if line.strip().startswith("date:")) + 1
    lines[n - 1] = '    date: "2024-02-30"'
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = check(data_copy)
    only(problems, prefix(path, n, "date", "2024-02-30"), "not an ISO date")
    facts = loaders.load_facts(data_copy)
    assert "a000" not in set(facts["article_id"]) and len(facts) == CLEAN_COUNT - ROWS["a000"]


def test_gbk_encoded_facts_file(data_copy):
    path = data_copy / "facts" / "a003.csv"
    rows = len([line for line in read_lines(path)[1:] if line])
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    problems = [p for p in check(data_copy) if p.startswith(display_path(path))]
    first = problems[0]
    assert first.startswith(f"{display_path(path)}:2: -: 'a003-001,a003,集安市5000万元以上重点项目")
    assert first.endswith("not valid UTF-8 (looks like GBK/GB18030, e.g. an Excel 'CSV' export); "
                          "save as UTF-8")
    # Then each garbled row once (not once per cell), with its own line number.
    assert len(problems) == 1 + rows
    assert problems[1].startswith(f"{display_path(path)}:2: ") and "undecodable" in problems[1]
    facts = loaders.load_facts(data_copy)
    assert "a003" not in set(facts["article_id"]) and len(facts) == CLEAN_COUNT - rows


def test_utf8_bom_is_a_warning_and_the_rows_still_load(data_copy):
    path = data_copy / "facts" / "a001.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check(data_copy) == [prefix(path, 1, "-", "BOM") + "file starts with a UTF-8 BOM; "
                                "save as UTF-8 without BOM"]
    assert valid_count(data_copy) == CLEAN_COUNT
    result = run_checker(data_copy)  # accepted (Excel's "CSV UTF-8" writes a BOM), but said
    assert result.returncode == 0 and result.stdout.startswith("warning: ")


def test_empty_file(data_copy):
    path = data_copy / "facts" / "a004.csv"
    rows = len([line for line in read_lines(path)[1:] if line])
    path.write_text("", encoding="utf-8")
    assert check(data_copy) == [prefix(path, 1, "-", "") + "file is empty"]
    assert valid_count(data_copy) == CLEAN_COUNT - rows


def test_every_problem_line_has_the_documented_shape(data_copy):
    """`file:line: column: 'value': rule` for a folder with many different problems at once."""
    path = data_copy / "facts" / "a001.csv"
    for line, (column, bad) in enumerate([("place_adcode", "999999"), ("status", "x"),
                                          ("metric", "y"), ("cluster", "z")], start=2):
        set_cell(path, line, column, bad)
    (data_copy / "facts" / "a004.csv").write_text("", encoding="utf-8")
    problems = check(data_copy)
    assert len(problems) == 5
    shape = re.compile(r"^(?P<file>\S+\.csv):(?P<line>\d+): (?P<column>[a-z_-]+): '.*': \S.*$")
    found = [shape.match(problem) for problem in problems]
    assert all(found), problems
    assert [(m["line"], m["column"]) for m in found] == [
        ("2", "place_adcode"), ("3", "status"), ("4", "metric"), ("5", "cluster"), ("1", "-")]


def test_help_is_help_not_a_folder_name(capsys):
    """`--help` used to be taken for a data folder and answered "data folder not found"."""
    with pytest.raises(SystemExit) as exited:
        check_main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m loaders.check [-h] [folder]")
    assert "not found" not in out
