"""Load test: N concurrent users change the view and click the map for T seconds.

`python -m bench.load` (20 sessions, 60 s, 120 s cool-down) or `python -m bench.load --short`
(3 sessions, 5 s, 10 s cool-down; under a minute). `--proxy --replicas R` runs the same load
through nginx in front of R replicas (deploy/, bench/load_proxy.py); `--compare-replicas` runs
it with 1, then 2 replicas and prints both reports. Exit status 1 on any error (and, in the full
run, when a memory or p95 goal is missed).

What is measured, and why this way:

* **Who the users are.** One is a real browser (bench/load_sessions.py): it opens permalinks,
  picks places in the sidebar and clicks the map, and records what a user feels. The other
  N - 1 are readers without a browser (bench/load_protocol.py): they speak Streamlit's
  websocket protocol and ask for one view after another by its URL, as the frontend does for a
  permalink or the back button, so the server does the same work and the measuring machine
  draws nothing. Twenty Chromium pages on the two cores they measured took some 100 s to show
  a first page: that load measured its own generator.
* **Users read.** After each view a user pauses `--think` seconds (uniform, 1 to 5 by default)
  before the next click. `--think 0 0` is a stress run instead: every user clicks again the
  moment a view has arrived.
* **Rerun time on the server.** The app is started by this module (`--serve`), which wraps
  Streamlit's `exec_func_with_error_handling` - the call that executes app.py (and the page) for
  one rerun - and appends its wall time to a JSON-lines log. That is the server's cost of a
  view, free of browser rendering. Runs cut short by a newer interaction (Streamlit stops a
  stale run when the user clicks again) are counted apart, not timed.
* **One user alone**, after the cool-down: one reader asking for views one after another for
  up to 30 s with the server to itself. The goal holds the load's p95 server time per
  interaction to twice this single-user p95, from the same run. Then the browser user alone,
  for what a user feels without the others (reported beside the same under load).
* **Errors**: uncaught exceptions in a rerun (server log), exception elements in a reader's
  view, exception boxes in the page, uncaught JavaScript errors, requests leaving 127.0.0.1,
  and interactions that never settle (3 min).
* **Memory**: the server's resident set (VmRSS from /proc/<pid>/status) cold, after a warm-up
  visit to both regions at every level (imports and st.cache_data filled: the baseline), every
  second under load, and every 10 s of the cool-down. Streamlit keeps a disconnected session
  for server.disconnectedSessionTTL (120 s by default, 30 s in this app's config) so that a
  reconnecting tab finds its state, and evicts expired ones lazily, the next time its session
  store is used; so one more visit after the cool-down shows the memory once they are gone.

The browser user acts at random (seeded): 20 % open a permalink (`?county=`, `?prefecture=`,
Yantai), 40 % pick a prefecture or county in the sidebar, 40 % click a place on the map. A
reader picks one of the same permalinks each time.

Layout: bench/load_server.py starts the timed server and reads its memory, bench/load_sessions.py
and bench/load_protocol.py play the users; this module runs them, then turns the logs into the
report.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import summary  # noqa: E402
from bench.load_proxy import Fleet  # noqa: E402
from bench.load_server import serve  # noqa: E402
from bench.load_sessions import Stats, alone, alone_reader, drive, visit  # noqa: E402
from bench.server import external_requests  # noqa: E402

# The full run's warm-up: both regions at every level, so the baseline has every cache filled.
WARM_PATHS = ["", "?prefecture=222400", "?county=222403", "?region=370600",
              "?region=370600&county=370613"]
ALONE_S = 30  # the single-user phase, at most (never longer than the load itself)
P95_GOAL = 2.0  # the load's p95 per interaction, at most this many times the single user's


# ---- report --------------------------------------------------------------------------------

def interaction_times(records: list[dict]) -> tuple[list[float], list[float]]:
    """(page loads, interactions): each session's runs that follow one another through a
    rerun request (an st.rerun in a callback, or a newer click that cut the run short) summed
    into one step; a session's first step is its page load, every later one an interaction."""
    loads, steps, open_chain, seen = [], [], {}, set()
    for record in records:
        session = record["session"]
        total = open_chain.pop(session, 0.0) + record["s"]
        if record["rerun"]:
            open_chain[session] = total
            continue
        (steps if session in seen else loads).append(total)
        seen.add(session)
    return loads, steps


def pct(values: list[float], q: float) -> float:
    """The q-th percentile, tolerant of the short run's tiny samples (nan when empty)."""
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else values[0]


def split_cores(fleet: Fleet) -> str:
    """Put the servers on every core but the first and this process (so the users' browsers,
    started later) on the first: the users then stop taking the server's CPU, as if they sat
    at machines of their own. What it did, for the report."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return "cores not split (one core)"
    for server in fleet.servers:
        for task in Path(f"/proc/{server.process.pid}/task").iterdir():
            os.sched_setaffinity(int(task.name), cores[1:])
    os.sched_setaffinity(0, cores[:1])
    return f"browsers on core {cores[0]}, server(s) on {cores[1:]}"


def run(sessions: int, seconds: float, cooldown: float, seed: int, rss_goal: float,
        warm_paths: list[str], replicas: int = 1, proxy: bool = False,
        split: bool = False, think: tuple[float, float] = (1.0, 5.0)) -> int:
    """Start the timed app (R replicas behind nginx with `proxy`), load it, cool down, print
    the report; 1 on errors, 2 when only a memory or p95 goal is missed, else 0. Memory figures are
    the replicas' sum; the goal under load applies to each replica."""
    fleet = Fleet(replicas, proxy)
    stats, samples, per_replica = Stats(), [], []
    try:
        if split:
            where_cpu = split_cores(fleet)
        cold = sum(fleet.rss())
        stop = threading.Event()
        baseline: dict[str, object] = {}

        def sample() -> None:
            while not stop.wait(1.0):
                each = fleet.rss()
                per_replica.append(each)
                samples.append(sum(each))

        def on_warm() -> None:
            baseline["warm"] = sum(fleet.rss())
            baseline["skip"] = fleet.line_counts()
            threading.Thread(target=sample, daemon=True).start()

        # Each replica is warmed directly: through the proxy one browser reaches one replica.
        load_seconds = asyncio.run(drive(fleet.url, sessions, seconds, seed, stats, on_warm,
                                         warm_paths, [s.url for s in fleet.servers], think))
        stop.set()
        warm, skip = float(baseline["warm"]), baseline["skip"]
        started = time.monotonic() - load_seconds
        after = []
        for waited in range(0, int(cooldown) + 1, 10 if cooldown >= 30 else 5):
            time.sleep(max(0.0, started + load_seconds + waited - time.monotonic()))
            after.append((waited, sum(fleet.rss())))
        records = fleet.records(skip)
        # Streamlit evicts expired sessions lazily, when the session store is next used: one
        # more visit after the cool-down shows what the server holds once they are gone.
        asyncio.run(visit(fleet.url, [""]))
        time.sleep(2)
        purged = sum(fleet.rss())
        # Last, so that it changes neither the baseline nor the cool-down: one user alone, a
        # reader for the server's figure, then the browser for what a user feels.
        alone_skip, solo = fleet.line_counts(), Stats()
        asyncio.run(alone_reader(fleet.url, min(seconds, ALONE_S), seed, solo))
        solo_records = fleet.records(alone_skip)
        asyncio.run(alone(fleet.url, min(seconds, ALONE_S), seed, solo, think))
        stats.errors += [f"single user: {e}" for e in solo.errors]
        stats.requests += solo.requests
        stats.errors += [f"server died: {url}" for url in fleet.dead()]
        browsers = fleet.browsers_per_replica()
    finally:
        fleet.stop()
    done = [r["s"] for r in records if not r["rerun"] and r["ok"]]
    cut = sum(1 for r in records if r["rerun"])
    loads, chains = interaction_times(records)
    _, solo_chains = interaction_times(solo_records)
    stats.errors += [f"server: uncaught {r['error']}" for r in records + solo_records
                     if r["error"]]
    outside = external_requests(stats.requests)
    stats.errors += [f"request left 127.0.0.1: {u}" for u in sorted(set(outside))]
    where = f"{replicas} replica(s) behind nginx" if proxy else "one server, no proxy"
    if split:
        where += f"; {where_cpu}"
    pause = f"pausing {think[0]:g}-{think[1]:g} s between views" if think[1] else "no pause"
    print(f"sessions {sessions} x {seconds:.0f} s (ran {load_seconds:.1f} s; 1 browser, "
          f"{sessions - 1} readers; {pause}), seed {seed}, {where}")
    print(f"server script runs: {len(done)} complete, {cut} ended by a rerun request; complete "
          f"runs p50 {pct(done, 50) * 1000:.0f} ms, p95 {pct(done, 95) * 1000:.0f} ms, "
          f"max {max(done, default=float('nan')) * 1000:.0f} ms")
    print(f"server time per page load: n={len(loads)}, p50 {pct(loads, 50) * 1000:.0f} ms; per "
          f"interaction (a run plus the reruns it triggered): n={len(chains)}, "
          f"p50 {pct(chains, 50) * 1000:.0f} ms, p95 {pct(chains, 95) * 1000:.0f} ms")
    for kind, values in stats.idle.items():
        if values:
            print(f"{'' if kind.startswith('reader') else 'browser '}{kind:<12} n={len(values):<4}"
                  f" to idle p50 {pct(values, 50):.2f} s, p95 {pct(values, 95):.2f} s; alone "
                  f"p50 {pct(solo.idle[kind], 50):.2f} s, p95 {pct(solo.idle[kind], 95):.2f} s")
    print(f"single user alone (after the cool-down): server time per view "
          f"n={len(solo_chains)}, p50 {pct(solo_chains, 50) * 1000:.0f} ms, "
          f"p95 {pct(solo_chains, 95) * 1000:.0f} ms")
    peak = max(samples, default=warm)
    peak_each = [max(column) for column in zip(*per_replica, strict=True)] or [warm]
    if proxy:
        print("per replica: sessions routed (with the one after the cool-down) "
              + ", ".join(f"{u} {n}" for u, n in browsers.items())
              + "; RSS MB max under load " + ", ".join(f"{mb:.0f}" for mb in peak_each))
    end = after[-1][1]
    print(f"server RSS MB: cold {cold:.0f}, warm baseline {warm:.0f}, under load max {peak:.0f} "
          f"mean {statistics.fmean(samples) if samples else warm:.0f}, cool-down "
          + ", ".join(f"{w}s {mb:.0f}" for w, mb in after)
          + f"; after one more visit (evicts sessions past their TTL) {purged:.0f}")
    loaded, alone_p95, most = pct(chains, 95), pct(solo_chains, 95), max(peak_each)
    slower = loaded / alone_p95
    p95_mark = summary.verdict(slower if solo_chains else None, P95_GOAL)
    most_mark, end_mark = summary.verdict(most, rss_goal), summary.verdict(end / warm, 1.10)
    memory_mark = "OK" if most_mark == end_mark == "OK" else "MISS"
    print(f"goals: errors {len(stats.errors)} (0), interaction p95 under load "
          f"{loaded * 1000:.0f} ms vs {alone_p95 * 1000:.0f} ms alone "
          f"({slower:.2f}x, <= {P95_GOAL:.2f}x) -> {p95_mark}; "
          f"RSS under load {most:.0f} MB "
          f"per replica (<= {rss_goal:.0f}), after {after[-1][0]} s {end:.0f} MB vs warm "
          f"{warm:.0f} MB ({(end / warm - 1) * 100:+.1f} %, <= +10 %) -> {memory_mark}")
    for error in stats.errors[:20]:
        print("ERROR", error)
    label = (f"load {sessions} users, {replicas} replica{'s' if replicas > 1 else ''}"
             + (" (nginx)" if proxy else ""))
    summary.record(f"{label}: errors", f"{len(stats.errors)}", "0",
                   summary.verdict(len(stats.errors), 0))
    summary.record(f"{label}: p95 vs one user",
                   f"{slower:.2f}x ({loaded * 1000:,.0f} vs {alone_p95 * 1000:,.0f} ms)",
                   f"<= {P95_GOAL:.2f}x", p95_mark)
    summary.record(f"{label}: RSS per replica", f"{most:.0f} MB", f"<= {rss_goal:.0f} MB",
                   most_mark)
    summary.record(f"{label}: RSS {after[-1][0]} s after",
                   f"{(end / warm - 1) * 100:+.1f} % ({end:.0f} vs warm {warm:.0f} MB)",
                   "<= +10 %", end_mark)
    return 1 if stats.errors else 0 if memory_mark == p95_mark == "OK" else 2


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--serve"]:
        serve(argv[1], argv[3:] if argv[2:3] == ["--"] else argv[2:])
    parser = argparse.ArgumentParser(prog="python -m bench.load",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cooldown", type=float, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rss-goal", type=float, default=400, help="MB under load")
    parser.add_argument("--short", action="store_true", help="3 sessions, 5 s, 10 s cool-down")
    parser.add_argument("--proxy", action="store_true",
                        help="through nginx in front of --replicas app processes (deploy/)")
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--compare-replicas", action="store_true",
                        help="through nginx with 1, then 2 replicas; both reports")
    parser.add_argument("--split-cores", action="store_true",
                        help="the users on the first core, the server(s) on the others")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 5.0), metavar=("MIN", "MAX"),
                        help="seconds a user reads a view before the next click (uniform); "
                             "0 0: no pause, a stress run")
    args = parser.parse_args(argv)
    if args.short:
        args.sessions, args.seconds, args.cooldown = 3, 5, 10
    warm = [""] if args.short else WARM_PATHS
    if args.compare_replicas:
        statuses = []
        for replicas in (1, 2):
            print(f"== through nginx, {replicas} replica(s)", flush=True)
            statuses.append(run(args.sessions, args.seconds, args.cooldown, args.seed,
                                args.rss_goal, warm, replicas, proxy=True,
                                split=args.split_cores, think=tuple(args.think)))
        status = max(statuses)
    else:
        status = run(args.sessions, args.seconds, args.cooldown, args.seed, args.rss_goal,
                     warm, args.replicas, args.proxy or args.replicas > 1, args.split_cores,
                     tuple(args.think))
    # --short is a smoke test: only errors fail it; the other goals are for the full run.
    return (1 if status == 1 else 0) if args.short else (1 if status else 0)


if __name__ == "__main__":
    sys.exit(main())
