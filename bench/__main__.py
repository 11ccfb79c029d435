"""`python -m bench` (`make bench`): every bench, one after the other; non-zero if any misses.

What a reader waits for comes first: every page complete (bench/page.py) and each interaction
settled (bench/interact.py), as ratios to a trivial Streamlit page measured in the same run.
Then the map component's own first paint (bench/map.py), the geo layer, the extraction set,
batch ingest, the full load run through nginx with 1 and then 2 replicas (about ten minutes;
`--quick` runs the short smoke load instead) and the short scale run. It ends with every
goal's figure on one screen (bench/summary.py). `--runs N` sets the samples of the browser
benches (pages, interactions, map component); `--only NAME` runs a single bench. Each bench
also runs alone: `python -m bench.page`, `python -m bench.interact`, `python -m bench.load`, ...
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback

from bench import summary

# name -> (module, arguments for its main(argv), or None for a main() without arguments);
# "{runs}" is replaced by --runs.
BENCHES: dict[str, tuple[str, list[str] | None]] = {
    "pages": ("bench.page", ["--runs", "{runs}"]),
    "interactions": ("bench.interact", ["--runs", "{runs}"]),
    "map_component": (
        "bench.map",
        ["--app", "bench/map_only_app.py", "--budget", "1.10", "--runs", "{runs}"],
    ),
    "geo": ("bench.geo_layer", None),
    "extraction": ("bench.extraction", []),
    "ingest": ("bench.ingest", []),
    "load": ("bench.load", ["--compare-replicas"]),
    "scale": ("bench.scale", ["--short"]),
}


QUICK = {"load": ["--short"]}  # --quick: the smoke load instead of the full one (about ten minutes)


def bench_argv(name: str, runs: int, quick: bool = False) -> list[str] | None:
    """A bench's arguments with `--runs` filled in (`quick`: the short load)."""
    args = QUICK.get(name, BENCHES[name][1]) if quick else BENCHES[name][1]
    if args is None:
        return None
    return [arg.replace("{runs}", str(runs)) for arg in args]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=list(BENCHES), help="run one bench only")
    parser.add_argument("--runs", type=int, default=5,
                        help="samples per page, interaction and map paint (default 5)")
    parser.add_argument("--quick", action="store_true",
                        help="the short smoke load (3 sessions, one server) instead of the full "
                        "20 sessions through nginx with 1 and 2 replicas")
    args = parser.parse_args(argv)
    # Ratios cancel a slow machine, not a busy one: say how busy it was.
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    failed = []
    for name, (module_name, _) in BENCHES.items():
        if args.only and name != args.only:
            continue
        print(f"== {name} ({module_name}) ==", flush=True)
        try:
            module = importlib.import_module(module_name)
            forwarded = bench_argv(name, args.runs, args.quick)
            status = (module.main() if forwarded is None else module.main(forwarded)) or 0
        except SystemExit as exc:  # argparse or sys.exit inside a bench
            status = exc.code if isinstance(exc.code, int) else 1
        except Exception:  # noqa: BLE001 - one broken bench must not hide the others
            traceback.print_exc()
            status = 1
        if status:
            failed.append(name)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    if summary.LINES:
        print("== every goal, from the tables above ==")
        print(summary.render(summary.LINES))
    if failed:
        print(f"benches over budget or failing: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
