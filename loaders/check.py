"""`python -m loaders.check [DATA_DIR]`: validate a data folder, print every problem.

Each problem is printed as `file:line: column: value: rule`, problems in the reference files
(vocab.yaml, articles.yaml, places.csv, zones.csv) first, then the facts, by file and line.
Exit status 1 when anything is wrong (warnings included: a BOM is still worth fixing), 0 when
all is well. When the seed articles are beside the project (../shared/seeds), excerpts are also
checked verbatim.
"""

from __future__ import annotations

import sys
from pathlib import Path

from loaders.facts import read_facts
from loaders.integrity import excerpt_problems, find_seeds_dir
from loaders.reference import read_reference


def check(folder: Path) -> list[str]:
    if not folder.is_dir():
        return [f"{folder}:0: -: '': data folder not found"]
    ref = read_reference(folder)
    facts, problems = read_facts(folder, ref)
    seeds = find_seeds_dir()
    if seeds is not None and len(facts):
        problems += excerpt_problems(facts, ref.articles, seeds)
    # Reference files first: a broken vocab.yaml is the cause of what follows in the facts.
    return [str(p) for p in sorted(ref.problems) + sorted(problems)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "data"
    lines = check(folder)
    for line in lines:
        print(line)
    print(f"{len(lines)} problem(s) in {folder}", file=sys.stderr)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
