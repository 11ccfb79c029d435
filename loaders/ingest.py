"""`python -m loaders.ingest ARTICLE.txt`: candidate facts from a news article, for a curator.

    python -m loaders.ingest article.txt [--article-id a005] [--date 2024-08-01] [--out FILE]
    python -m loaders.ingest a.txt b.txt … [--date …] [--out FILE | --out-dir DIR]
    python -m loaders.ingest reviewed.csv --accept [--article-id a005]

The first form prints candidate rows (the data/facts columns plus value, unit, place_level,
confidence and reviewed=false) as CSV; it never touches data/. The curator checks them (in a
spreadsheet or on the curator page), sets reviewed=true on the rows to keep, and runs the
second form, which validates those rows with the loader's own rules and only then appends them
to data/facts/<article-id>.csv and refreshes the registry hashes (data/registry.yaml). Any
problem is printed as file:line: column: value: rule and nothing is written, so a half-reviewed
file can never reach the dashboard. Columns that are not fact columns (place_evidence,
period_evidence, value, confidence…) are ignored.

Many articles in one call share one start-up (the gazetteer and vocabulary are read once): the
candidates go to one CSV with an `article` column (the file name) first, or with --out-dir to
one CSV per article.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
from functools import lru_cache
from pathlib import Path

import loaders
from loaders import registry
from loaders.extract import CANDIDATE_COLUMNS, Extraction, extract
from loaders.facts import FACT_COLUMNS, validate_rows
from loaders.gazetteer import Gazetteer
from loaders.problems import Problem, display_path, read_csv_rows
from loaders.reference import Reference, read_reference
from loaders.textmap import ArticleError, read_article

__all__ = ["accept", "candidates", "candidates_csv", "main"]

TRUE = {"true", "1", "yes", "y", "是", "x", "✓"}
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _reference(folder: Path) -> tuple[Reference, Gazetteer, dict[str, list[str]]]:
    """Gazetteer and metric units of a data folder, re-read when one of its files changes."""
    stamp = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in
                  (folder / "places.csv", folder / "zones.csv", folder / "vocab.yaml"))
    return _read_reference(str(folder), stamp)


@lru_cache(maxsize=4)
def _read_reference(folder: str, stamp: tuple) -> tuple[Reference, Gazetteer,
                                                        dict[str, list[str]]]:
    ref = read_reference(Path(folder))
    units_of = {metric: ref.metric_units(metric) for metric in ref.vocab.get("metrics", {})}
    return ref, Gazetteer(ref.places, ref.zones), units_of


def candidates(text: str, *, article_id: str = "a999", region: str = "", date: str = "",
               folder: Path | None = None) -> Extraction:
    """Candidate rows for an article's text (see loaders.extract); reads data/ only."""
    _, gazetteer, units_of = _reference(Path(folder or loaders.data_dir()))
    return extract(text, gazetteer, units_of, article_id=article_id, region=region, date=date)


def candidates_csv(rows: list[dict], article: str | None = None, header: bool = True) -> str:
    """CSV of candidate rows; with `article`, an `article` column (the file name) comes first."""
    out = io.StringIO()
    columns = (["article"] if article is not None else []) + CANDIDATE_COLUMNS
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    if header:
        writer.writeheader()
    for row in rows:
        writer.writerow({**row, "reviewed": str(row["reviewed"]).lower(),
                         "value": repr(float(row["value"])),
                         **({"article": article} if article is not None else {})})
    return out.getvalue()


def _restore(value: str) -> str:
    """Undo the apostrophe a spreadsheet export puts before '-3' (formula-injection guard)."""
    return value[1:] if value.startswith("'") and value[1:].startswith(_DANGEROUS) else value


def _existing_ids(folder: Path) -> dict[str, str]:
    seen: dict[str, str] = {}
    for path in sorted((folder / "facts").glob("*.csv")):
        for line, row in read_csv_rows(path, FACT_COLUMNS, []):
            seen.setdefault(row.get("fact_id", "").strip(), f"{display_path(path)}:{line}")
    return seen


def accept(path: Path, article_id: str = "", folder: Path | None = None
           ) -> tuple[Path | None, int, list[Problem]]:
    """Validate the reviewed rows of a candidate CSV and append them to the article's file.

    Returns (file written or None, rows written, problems). Nothing is written when any
    problem is an error.
    """
    folder = Path(folder or loaders.data_dir())
    problems: list[Problem] = []
    rows = read_csv_rows(Path(path), FACT_COLUMNS + ["reviewed"], problems)
    name = display_path(Path(path))
    keep = set(FACT_COLUMNS) | {"reviewed"}
    kept = [(line, {k: _restore((v or "").strip()) for k, v in row.items() if k in keep})
            for line, row in rows if (row.get("reviewed") or "").strip().lower() in TRUE]
    if rows and not kept:
        problems.append(Problem(name, 1, "reviewed", "", "no row has reviewed=true; "
                                "mark the rows you checked"))
    ids = {row["article_id"] for _, row in kept}
    article_id = article_id or (ids.pop() if len(ids) == 1 else "")
    if not article_id and kept:
        problems.append(Problem(name, kept[0][0], "article_id", ",".join(sorted(ids)),
                                "rows from several articles: pass --article-id"))
    for line, row in kept:
        if article_id and row["article_id"] != article_id:
            problems.append(Problem(name, line, "article_id", row["article_id"],
                                    f"row does not belong to --article-id {article_id}"))
    ref = read_reference(folder)
    problems.extend(ref.problems)
    _, bad = validate_rows(Path(path), kept, ref, _existing_ids(folder))
    problems.extend(bad)
    if any(p.severity == "error" for p in problems) or not kept:
        return None, 0, problems
    target = folder / "facts" / f"{article_id}.csv"
    new = not target.exists()
    with target.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FACT_COLUMNS, extrasaction="ignore", lineterminator="\n")
        if new:
            writer.writeheader()
        for _, row in kept:
            writer.writerow(row)
    if (folder / registry.REGISTRY.name).exists():
        registry.write(folder)  # the new hash, so the curator never runs `make registry`
    return target, len(kept), problems


def _accept_main(args) -> int:
    if not args.file[0].is_file():
        print(f"error: {args.file[0]}: no such file", file=sys.stderr)
        return 2
    target, count, problems = accept(args.file[0], args.article_id)
    for problem in problems:
        print(("warning: " if problem.severity != "error" else "") + str(problem),
              file=sys.stderr)
    if target is None:
        print(f"refused: {sum(p.severity == 'error' for p in problems)} problem(s); "
              "nothing written", file=sys.stderr)
        return 1
    print(f"wrote {count} reviewed row(s) to {display_path(target)}; registry hashes refreshed")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders.ingest",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path, nargs="+", help="articles (.txt, UTF-8) or, with "
                        "--accept, one reviewed candidate CSV")
    parser.add_argument("--article-id", default="", help="id in data/articles.yaml (e.g. a005)")
    parser.add_argument("--date", default="", help="publication date, ISO (sets the period)")
    parser.add_argument("--region", default="", help="adcode of the article's region "
                        "(default: the prefecture mentioned most)")
    parser.add_argument("--out", type=Path, help="write the CSV here instead of stdout")
    parser.add_argument("--out-dir", type=Path, help="one CSV per article in this folder")
    parser.add_argument("--accept", action="store_true", help="validate the reviewed rows of "
                        "FILE and append them to data/facts/<article-id>.csv")
    args = parser.parse_args(argv)
    if args.accept:
        return _accept_main(args)
    started = time.perf_counter()
    _reference(Path(loaders.data_dir()))  # start-up: gazetteer and vocabulary, read once
    ready = time.perf_counter()
    many = len(args.file) > 1
    chunks, total, empty, status = [], 0, False, 0
    for path in args.file:
        try:
            text = read_article(path)
        except ArticleError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 2
            continue
        result = candidates(text, article_id=args.article_id or "a999", region=args.region,
                            date=args.date)
        total += len(result.rows)
        empty = empty or any(not row["period"] for row in result.rows)
        if args.out_dir:
            args.out_dir.mkdir(parents=True, exist_ok=True)
            (args.out_dir / f"{path.stem}.csv").write_text(candidates_csv(result.rows),
                                                          encoding="utf-8")
        else:
            chunks.append(candidates_csv(result.rows, path.name if many else None,
                                         header=not chunks))
    done = time.perf_counter()
    if status and not many:
        return status
    if empty:
        print("note: no year in the text for some figures and no --date: their period is empty",
              file=sys.stderr)
    output = "".join(chunks)
    if args.out:
        args.out.write_text(output, encoding="utf-8")
        print(f"{total} candidate(s) written to {args.out}", file=sys.stderr)
    elif args.out_dir:
        print(f"{total} candidate(s) written to {args.out_dir}", file=sys.stderr)
    else:
        sys.stdout.write(output)
    if many:
        print(f"{len(args.file)} articles: start-up {ready - started:.3f} s, "
              f"{(done - ready) / len(args.file):.3f} s per article", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
