"""Per-figure scores of the extraction assistant: recall, place, metric, period, precision.

A figure of the gold is found when a candidate has its value and base unit (at the curated
spot for the seeds, in text order for the development set); the place (exact adcode), metric
and period of that candidate are then scored separately, so a wrong metric costs metric
accuracy, not recall. Precision is found candidates / candidates: on the development set every
candidate counts (each of its figures is in the gold), on the seeds only candidates whose metric
is in the investment, capacity and output group, because the seed curators deliberately skipped
social and environmental figures.

The development set (bench/extraction_set) holds short articles written for this bench, never
copied from anywhere, each with hand-made gold per figure in gold.csv and its date in
articles.csv: it covers the failure patterns of issue 16 (multi-city reports, province totals
under a dateline, county projects, year ranges and comparison years, thresholds, scale labels,
heat capacity, plan and completed investment, traditional script without 元).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import loaders
from loaders.extract import INVESTMENT_CAPACITY_OUTPUT as GROUP
from loaders.ingest import candidates

DEV_SET = Path(__file__).resolve().parent / "extraction_set"
FIGURE_GOALS = {"recall": 0.95, "place": 0.90, "metric": 0.90, "period": 0.90,
                "precision": 0.90}
SCORED = ("place", "metric", "period", "scope")


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    candidates: int = 0
    hits: int = 0  # candidates that are a gold figure
    right: dict = field(default_factory=lambda: dict.fromkeys(SCORED, 0))
    wrong: list = field(default_factory=list)  # (article, field, raw, expected, got)
    missed: list = field(default_factory=list)
    extra: list = field(default_factory=list)

    def add(self, other: Tally) -> Tally:
        total = Tally(self.gold + other.gold, self.found + other.found,
                      self.candidates + other.candidates, self.hits + other.hits)
        total.right = {k: self.right[k] + other.right[k] for k in SCORED}
        total.wrong, total.missed = self.wrong + other.wrong, self.missed + other.missed
        total.extra = self.extra + other.extra
        return total

    def scores(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else float("nan")

        return {"recall": ratio(self.found, self.gold),
                **{k: ratio(self.right[k], self.found) for k in SCORED},
                "precision": ratio(self.hits, self.candidates)}

    def judge(self, article: str, gold: dict, cand: dict) -> None:
        self.found += 1
        raw = f"{cand['raw_value']}{cand['raw_unit']}"
        for key, column in (("place", "place_adcode"), ("metric", "metric"),
                            ("period", "period"), ("scope", "scope")):
            if str(cand[column]) == str(gold[column]):
                self.right[key] += 1
            else:
                self.wrong.append((article, key, raw, gold[column], cand[column]))


def score_dev(folder: Path = DEV_SET, use_date: bool = True) -> Tally:
    """Scores on the development set (one .txt per article, gold.csv, articles.csv)."""
    dates = {r["file"]: r["date"] for r in csv.DictReader(
        (folder / "articles.csv").open(encoding="utf-8"))}
    gold_rows = list(csv.DictReader((folder / "gold.csv").open(encoding="utf-8")))
    tally = Tally()
    for name in sorted(dates):
        text = (folder / name).read_text(encoding="utf-8")
        rows = candidates(text, article_id="a999", date=dates[name] if use_date else "").rows
        used: set[int] = set()
        gold = [g for g in gold_rows if g["article"] == name]
        tally.gold += len(gold)
        tally.candidates += len(rows)
        for g in gold:
            hit = next((i for i, c in enumerate(rows) if i not in used and c["unit"] == g["unit"]
                        and _same(float(c["value"]), float(g["value"]))), None)
            if hit is None:
                tally.missed.append((name, f"{g['raw_value']}{g['raw_unit']}", g["metric"]))
                continue
            used.add(hit)
            tally.hits += 1
            tally.judge(name, g, rows[hit])
        tally.extra += [(name, f"{c['raw_value']}{c['raw_unit']}", c["metric"])
                        for i, c in enumerate(rows) if i not in used]
    return tally


def score_seeds(seeds: Path, use_date: bool = True) -> Tally:
    """Scores on the seed articles against the curated facts in data/facts."""
    from bench.extraction import ARTICLES, _positions

    facts = loaders.load_facts()
    meta = loaders.load_articles().set_index("id")
    tally = Tally()
    for article in ARTICLES:
        original = (seeds / meta.loc[article, "seed_file"]).read_text(encoding="utf-8")
        date = f"{meta.loc[article, 'date']:%Y-%m-%d}" if use_date else ""
        result = candidates(original, article_id=article, date=date)
        cands = [dict(row, start=span[0]) for row, span in zip(result.rows, result.spans,
                                                               strict=True)]
        curated = facts[(facts["article_id"] == article) & (facts["metric"] != "")]
        seen: set[tuple] = set()
        used: set[int] = set()
        for fact in curated.itertuples():
            spots = _positions(result.mapped.text, fact.excerpt, float(fact.value), fact.raw_unit)
            key = (round(float(fact.value), 6), fact.unit, frozenset(spots))
            if key in seen:
                continue
            seen.add(key)
            tally.gold += 1
            fitting = [i for i, c in enumerate(cands) if i not in used and c["start"] in spots
                       and c["unit"] == fact.unit and _same(float(c["value"]), float(fact.value))]
            hit = next((i for i in fitting if cands[i]["metric"] == fact.metric),
                       fitting[0] if fitting else None)
            if hit is None:
                tally.missed.append((article, f"{fact.raw_value}{fact.raw_unit}", fact.metric))
                continue
            used.add(hit)
            tally.judge(article, fact._asdict(), cands[hit])
        in_group = [i for i, c in enumerate(cands) if c["metric"] in GROUP]
        tally.candidates += len(in_group)
        tally.hits += sum(i in used for i in in_group)
        tally.extra += [(article, f"{cands[i]['raw_value']}{cands[i]['raw_unit']}",
                         cands[i]["metric"]) for i in in_group if i not in used]
    return tally


def table(tallies: dict[str, Tally]) -> str:
    head = f"{'':<12}" + "".join(f"{k:>10}" for k in ("recall", *SCORED, "precision")) + \
        f"{'figures':>9}{'cands':>7}"
    lines = [head]
    for label, tally in tallies.items():
        s = tally.scores()
        lines.append(f"{label:<12}" + "".join(f"{s[k]:>10.3f}" for k in
                                              ("recall", *SCORED, "precision"))
                     + f"{tally.gold:>9}{tally.candidates:>7}")
    return "\n".join(lines)


def details(tally: Tally) -> str:
    lines = [f"missed ({len(tally.missed)}):"]
    lines += [f"   {a} {raw} {metric}" for a, raw, metric in tally.missed]
    lines.append(f"wrong ({len(tally.wrong)}):")
    lines += [f"   {a} {key:<7}{raw:<14} expected {exp!s:<22} got {got}"
              for a, key, raw, exp, got in tally.wrong]
    lines.append(f"extra candidates ({len(tally.extra)}):")
    lines += [f"   {a} {raw} {metric or '(no metric)'}" for a, raw, metric in tally.extra]
    return "\n".join(lines)


def summary(tally: Tally) -> tuple[str, bool]:
    s = tally.scores()
    ok = all(s[k] >= goal for k, goal in FIGURE_GOALS.items())
    line = " ".join(f"{k}={s[k]:.3f}" for k in ("recall", "place", "metric", "period",
                                                "precision"))
    return f"SUMMARY dev+seeds {line} ({tally.gold} figures) goals {'met' if ok else 'NOT met'}", ok
