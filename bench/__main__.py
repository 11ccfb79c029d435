"""`python -m bench` (`make bench`): every bench, one after the other; non-zero if any misses.

Each bench is also runnable alone (`python -m bench.map --budget 1.2`, `python -m bench.load`).
Here the map options (`--budget`, `--runs`, `--app`, `--path`) are forwarded to bench/map.py,
the load test runs in its short form, and `--only NAME` runs a single bench.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback

# name -> (module, arguments for its main(argv), or None for a main() without arguments)
BENCHES: dict[str, tuple[str, list[str] | None]] = {
    "geo": ("bench.geo_layer", None),
    "extraction": ("bench.extraction", []),
    "map": ("bench.map", []),  # the landing page (app.py) against a trivial plotly page
    "map_component": ("bench.map", ["--app", "bench/map_only_app.py", "--budget", "1.10"]),
    "load": ("bench.load", ["--short"]),
    "scale": ("bench.scale", ["--short"]),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=list(BENCHES), help="run one bench only")
    parser.add_argument(
        "--budget",
        type=float,
        default=1.15,
        help="largest allowed ratio of map to trivial-page paint (default 1.15)",
    )
    parser.add_argument("--runs", type=int, default=7, help="timed map runs per page (default 7)")
    parser.add_argument("--app", default="app.py", help="app to measure (default app.py)")
    parser.add_argument("--path", default="", help="page path and query appended to the URL")
    args = parser.parse_args(argv)
    map_args = ["--budget", str(args.budget), "--runs", str(args.runs), "--app", args.app]
    map_args += ["--path", args.path] if args.path else []
    failed = []
    for name, (module_name, bench_args) in BENCHES.items():
        if args.only and name != args.only:
            continue
        print(f"== {name} ({module_name}) ==", flush=True)
        try:
            module = importlib.import_module(module_name)
            if bench_args is None:
                status = module.main() or 0
            else:
                if name == "map":
                    argv = map_args
                elif name == "map_component":
                    argv = ["--runs", str(args.runs), *bench_args]
                else:
                    argv = list(bench_args)
                status = module.main(argv) or 0
        except SystemExit as exc:  # argparse or sys.exit inside a bench
            status = exc.code if isinstance(exc.code, int) else 1
        except Exception:  # noqa: BLE001 - one broken bench must not hide the others
            traceback.print_exc()
            status = 1
        if status:
            failed.append(name)
    if failed:
        print(f"benches over budget or failing: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
