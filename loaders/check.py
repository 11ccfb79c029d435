"""`python -m loaders.check [DATA_DIR]`: validate a data folder, print every problem.

Each problem is printed as `file:line: column: value: rule`, problems in the reference files
(vocab.yaml, articles.yaml, places.csv, zones.csv) first, then the facts, by file and line.
Exit status 1 when anything is wrong, 0 when all is well or when there are only warnings:
a UTF-8 BOM (Excel's "CSV UTF-8" writes one) is stripped, its rows load, and the line is
printed with a `warning:` prefix. When the seed articles are beside the project
(../shared/seeds), excerpts are also checked verbatim.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders.facts import read_facts
from loaders.integrity import excerpt_problems, find_seeds_dir
from loaders.problems import Problem
from loaders.reference import read_reference


def check(folder: Path) -> list[str]:
    return [str(p) for p in check_problems(folder)]


def check_problems(folder: Path) -> list[Problem]:
    if not folder.is_dir():
        return [Problem(str(folder), 0, "-", "", "data folder not found")]
    ref = read_reference(folder)
    facts, problems = read_facts(folder, ref)
    seeds = find_seeds_dir()
    if seeds is not None and len(facts):
        problems += excerpt_problems(facts, ref.articles, seeds)
    # Reference files first: a broken vocab.yaml is the cause of what follows in the facts.
    return sorted(ref.problems) + sorted(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders.check",
                                     description=__doc__.split("\n")[0].split(": ", 1)[1])
    parser.add_argument("folder", nargs="?", type=Path,
                        default=Path(__file__).resolve().parent.parent / "data",
                        help="the data folder (default: the project's data/)")
    folder = parser.parse_args(argv).folder
    problems = check_problems(folder)
    for problem in problems:
        print(("warning: " if problem.severity != "error" else "") + str(problem))
    errors = sum(p.severity == "error" for p in problems)
    print(f"{errors} problem(s), {len(problems) - errors} warning(s) in {folder}",
          file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
