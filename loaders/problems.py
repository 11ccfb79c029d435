"""Problems found in data files, reported the same way everywhere.

Principle 6: bad input gets a clear error naming file, line, column and value, and one bad row
never hides the others or loses the valid ones. Every reader and validator therefore *collects*
`Problem`s instead of raising, and the caller decides (the app shows them, the checker prints
them and exits 1, the tests assert there are none).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: `file:line: column: value: rule`.

    `severity` is "error" when the row (or file) was rejected and "warning" when the data was
    still loaded (e.g. a UTF-8 BOM that was stripped).
    """

    file: str
    line: int
    column: str
    value: str
    rule: str
    severity: str = "error"

    def __str__(self) -> str:
        value = self.value if len(self.value) <= 80 else self.value[:77] + "..."
        return f"{self.file}:{self.line}: {self.column}: {value!r}: {self.rule}"


def display_path(path: Path) -> str:
    """A short, stable file name for messages: relative to the working directory if possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """Read a UTF-8 file, reporting (not raising on) empty files, BOMs and bad encodings.

    Undecodable bytes become U+FFFD so that every other line still loads; rows that contain
    them are rejected later by the row validators, with their own line numbers.
    """
    name = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, 0, "-", "", f"cannot read file: {exc.strerror}"))
        return None
    if not raw.strip():
        problems.append(Problem(name, 1, "-", "", "file is empty"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(name, 1, "-", "BOM", "file starts with a UTF-8 BOM; save as UTF-8 without BOM",
                    severity="warning")
        )
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(name, line, "-", _undecodable(raw, exc.start),
                                f"not valid UTF-8{_guess_encoding(raw)}; save as UTF-8"))
        return raw.decode("utf-8", errors="replace")


def _undecodable(raw: bytes, start: int) -> str:
    """The offending line as the curator would see it: decoded as GB18030 if that works
    (a spreadsheet's "ANSI" export on a Chinese Windows), else the bad bytes in hex."""
    begin = raw.rfind(b"\n", 0, start) + 1
    end = raw.find(b"\n", start)
    line = raw[begin : end if end >= 0 else len(raw)].rstrip(b"\r")
    try:
        return line.decode("gb18030")[:60]
    except UnicodeDecodeError:
        return raw[start : start + 4].hex(" ")


def _guess_encoding(raw: bytes) -> str:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return " (wrong encoding?)"
    return " (looks like GBK/GB18030, e.g. an Excel 'CSV' export)"


def read_csv_rows(
    path: Path, required: list[str], problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    """Parse a CSV file into (line number, row dict) pairs, collecting structural problems.

    Line numbers are those of the row's first physical line, as an editor shows them, so a
    curator can jump straight to it. Rows with the wrong number of fields (a truncated file,
    an unquoted comma) are reported and skipped; all other rows are returned.
    """
    name = display_path(path)
    text = read_text(path, problems)
    if text is None:
        return []
    lines = text.split("\n")
    physical = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    reader = csv.reader(iter(physical), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        problems.append(Problem(name, 1, "-", "", f"malformed CSV header: {exc}"))
        return []
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    for column in missing:
        problems.append(Problem(name, 1, column, "", "missing column"))
    if missing:
        return []
    base, start = 0, reader.line_num + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # Report the row where the broken record starts, then resume parsing on the next
            # physical line, so one stray quote never swallows the rest of the file.
            problems.append(Problem(name, start, "-", physical[start - 1].rstrip("\r\n")[:60],
                                    _csv_rule(exc)))
            base, start = start, start + 1
            reader = csv.reader(iter(physical[base:]), strict=True)
            continue
        line, start = start, base + reader.line_num + 1
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            problems.append(
                Problem(name, line, "-", ",".join(fields)[:60],
                        f"expected {len(header)} fields, found {len(fields)} "
                        "(truncated row or unquoted comma?)")
            )
            continue
        rows.append((line, dict(zip(header, fields, strict=True))))
    return rows


def _csv_rule(exc: csv.Error) -> str:
    message = str(exc)
    if "unexpected end of data" in message:
        return "malformed CSV: unterminated quote (the quoted field never closes)"
    return f"malformed CSV: {message}"
