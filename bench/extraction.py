"""How well does the extraction assistant find the curated figures? `python -m bench.extraction`

The default output scores per figure (recall, place, metric, period, scope, precision) on the
development set and the seeds (bench/extraction_figures.py) and ends with one SUMMARY line;
`--seeds-report` adds the older seed report below, `--verbose` lists every miss.

Runs loaders.ingest on the five seed articles and compares its candidates with the curated
facts in data/facts. A curated figure is located in the article through its verbatim excerpt;
a candidate matches it when it sits at that place in the text with the same value, base unit
and metric. Curated rows that describe one figure several times (百亿元级 for three segments)
count once. Reported:

- recall: curated figures matched / curated figures;
- precision: matched candidates / candidates, counted only over candidates whose metric is in
  the investment, capacity and output group, because the curators deliberately skipped social
  and environmental figures (so an "extra" 空气优良率 is not a mistake);
- place accuracy: of matched figures, the share with the curated place_adcode.

Goals (exit status 1 when missed): recall ≥ 0.9 and precision ≥ 0.8 on the group, place
accuracy ≥ 0.85. Misses are listed by kind so the next improvement is obvious.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import loaders  # noqa: E402
from bench.extraction_figures import details, score_dev, score_seeds, summary, table  # noqa: E402
from loaders.extract import INVESTMENT_CAPACITY_OUTPUT as GROUP  # noqa: E402
from loaders.ingest import candidates  # noqa: E402
from loaders.integrity import find_seeds_dir  # noqa: E402
from loaders.normalize import normalize_text  # noqa: E402
from loaders.quantity import find_quantities, parse_quantity  # noqa: E402

GOALS = {"recall": 0.9, "precision": 0.8, "place_accuracy": 0.85}
ARTICLES = ("a000", "a001", "a002", "a003", "a004")


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _positions(text: str, excerpt: str, value: float, raw_unit: str) -> set[int]:
    """Where in `text` the curated figure (value, any unit spelling) sits, via its excerpt."""
    excerpt = normalize_text(excerpt)
    spots, start = set(), text.find(excerpt)
    while start >= 0:
        for found in find_quantities(excerpt):
            try:
                base = parse_quantity(found.raw_value, found.raw_unit, expect="CNY").value \
                    if found.raw_unit.startswith("个") else found.value
            except ValueError:
                base = found.value
            if _same(abs(base), abs(value)):
                spots.add(start + found.start)
        start = text.find(excerpt, start + 1)
    return spots


def evaluate(seeds: Path, articles: tuple[str, ...] = ARTICLES) -> dict:
    """Per-figure outcomes for every article: matches, misses and unmatched candidates."""
    facts = loaders.load_facts()
    meta = loaders.load_articles().set_index("id")
    matches, misses, extras = [], [], []
    for article in articles:
        original = (seeds / meta.loc[article, "seed_file"]).read_text(encoding="utf-8")
        result = candidates(original, article_id=article,
                            date=f"{meta.loc[article, 'date']:%Y-%m-%d}")
        text = result.mapped.text
        cands = [dict(row, start=span[0]) for row, span in zip(result.rows, result.spans,
                                                               strict=True)]
        curated = facts[(facts["article_id"] == article) & (facts["metric"] != "")]
        seen: set[tuple] = set()
        used: set[int] = set()
        for fact in curated.itertuples():
            spots = _positions(text, fact.excerpt, float(fact.value), fact.raw_unit)
            key = (round(float(fact.value), 6), fact.unit, fact.metric, frozenset(spots))
            if key in seen:
                continue  # the same figure curated for several subjects
            seen.add(key)
            hit = next((i for i, c in enumerate(cands) if i not in used and c["start"] in spots
                        and c["metric"] == fact.metric and c["unit"] == fact.unit
                        and _same(float(c["value"]), float(fact.value))), None)
            if hit is not None:
                used.add(hit)
                matches.append({"article": article, "fact": fact, "cand": cands[hit]})
                continue
            near = [c for c in cands if c["start"] in spots]
            kind = ("not located (excerpt)" if not spots else "no candidate" if not near
                    else "wrong unit" if all(c["unit"] != fact.unit for c in near)
                    else "metric left empty" if not any(c["metric"] for c in near)
                    else "wrong metric")
            misses.append({"article": article, "fact": fact, "kind": kind,
                           "got": ", ".join(f"{c['raw_value']}{c['raw_unit']} {c['metric']}"
                                            for c in near)})
        located = {s for f in curated.itertuples()
                   for s in _positions(text, f.excerpt, float(f.value), f.raw_unit)}
        for i, cand in enumerate(cands):
            if i not in used:
                kind = "wrong metric/unit" if cand["start"] in located else "not curated"
                extras.append({"article": article, "cand": cand, "kind": kind})
    return {"matches": matches, "misses": misses, "extras": extras}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def scores(outcome: dict, group: tuple[str, ...] | None) -> dict[str, float]:
    def in_group(metric: str) -> bool:
        return group is None or metric in group

    matches = [m for m in outcome["matches"] if in_group(m["fact"].metric)]
    misses = [m for m in outcome["misses"] if in_group(m["fact"].metric)]
    extras = [e for e in outcome["extras"] if e["cand"]["metric"] and in_group(e["cand"]["metric"])]
    hits = [m for m in outcome["matches"] if in_group(m["cand"]["metric"])]
    right_place = sum(m["cand"]["place_adcode"] == m["fact"].place_adcode for m in matches)
    return {"recall": _ratio(len(matches), len(matches) + len(misses)),
            "precision": _ratio(len(hits), len(hits) + len(extras)),
            "place_accuracy": _ratio(right_place, len(matches)),
            "curated": len(matches) + len(misses), "candidates": len(hits) + len(extras)}


def report(outcome: dict, verbose: bool = False) -> bool:
    print(f"{'':<28}{'recall':>8}{'precision':>11}{'place acc.':>12}{'curated':>9}"
          f"{'cands':>7}")
    rows = {"all metrics": scores(outcome, None),
            "investment/capacity/output": scores(outcome, GROUP)}
    for label, s in rows.items():
        print(f"{label:<28}{s['recall']:>8.3f}{s['precision']:>11.3f}"
              f"{s['place_accuracy']:>12.3f}{s['curated']:>9}{s['candidates']:>7}")
    print("(precision over all metrics counts social/environmental figures the curators skipped)")
    group = rows["investment/capacity/output"]
    print("\nMisses by kind (curated figures not matched):")
    for kind, count in Counter(m["kind"] for m in outcome["misses"]).most_common():
        print(f"  {count:>3}  {kind}")
    for m in outcome["misses"]:
        f = m["fact"]
        print(f"       {m['article']} {f.fact_id} {f.raw_value}{f.raw_unit} {f.metric} "
              f"[{m['kind']}] got: {m['got'] or '-'}")
    wrong = [m for m in outcome["matches"] if m["cand"]["place_adcode"] != m["fact"].place_adcode]
    print(f"\nWrong places ({len(wrong)} of {len(outcome['matches'])} matched):")
    for m in wrong:
        f = m["fact"]
        print(f"       {m['article']} {f.fact_id} {f.raw_value}{f.raw_unit} curated "
              f"{f.place_adcode}, got {m['cand']['place_adcode']}")
    extras = [e for e in outcome["extras"] if e["cand"]["metric"] in GROUP or verbose]
    print(f"\nCandidates not matching a curated figure ({'all' if verbose else 'group only'}):")
    for kind, count in Counter(e["kind"] for e in extras).most_common():
        print(f"  {count:>3}  {kind}")
    for e in extras:
        c = e["cand"]
        print(f"       {e['article']} {c['raw_value']}{c['raw_unit']} {c['metric'] or '(none)'} "
              f"[{e['kind']}] {c['excerpt'][:50]}")
    ok = all(group[k] >= GOALS[k] for k in GOALS)
    print(f"\nGoals recall ≥ {GOALS['recall']}, precision ≥ {GOALS['precision']} (group), "
          f"place accuracy ≥ {GOALS['place_accuracy']}: {'met' if ok else 'NOT met'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every unmatched candidate")
    parser.add_argument("--seeds-report", action="store_true",
                        help="also print the seed report against the curated facts (by metric)")
    parser.add_argument("--no-date", action="store_true",
                        help="score without the article dates (periods from the text only)")
    args = parser.parse_args(argv)
    seeds = find_seeds_dir()
    if seeds is None:
        print("seed articles not found (../shared/seeds or $DASHBOARD_SEEDS_DIR)")
        return 2
    started = time.perf_counter()
    ok = True
    if args.seeds_report:
        ok = report(evaluate(seeds), args.verbose)
        print()
    dev, seed = score_dev(use_date=not args.no_date), score_seeds(seeds, not args.no_date)
    elapsed = time.perf_counter() - started
    both = dev.add(seed)
    print(table({"dev set": dev, "seeds": seed, "combined": both}))
    if args.verbose:
        print(details(both))
    line, met = summary(both)
    print(f"({elapsed:.2f} s)")
    print(line)
    return 0 if ok and met else 1


if __name__ == "__main__":
    sys.exit(main())
