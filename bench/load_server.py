"""The load test's server side: the app started with every script run timed, and its memory.

Split out of bench/load.py. The app runs in a child process started as
`python -m bench.load --serve LOG -- <streamlit args>` (bench/load.py hands that option to
`serve`), so the timing wrapper is installed inside the server, where the reruns happen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench.server import REPO, AppServer, free_port, python_executable, stop_app


def serve(log_path: str, streamlit_args: list[str]) -> None:
    """Run `streamlit run` in this process with every script run timed into `log_path`."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    original = script_runner.exec_func_with_error_handling
    lock = threading.Lock()
    sink = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the server

    def timed(func, ctx):
        start = time.perf_counter()
        result = original(func, ctx)
        record = {"t": time.time(), "s": time.perf_counter() - start, "ok": result[1],
                  "session": getattr(ctx, "session_id", ""),
                  "rerun": result[2] is not None, "error": repr(result[4]) if result[4] else ""}
        with lock:
            sink.write(json.dumps(record) + "\n")
            sink.flush()
        return result

    script_runner.exec_func_with_error_handling = timed
    sys.argv = ["streamlit", "run", *streamlit_args]
    sys.exit(cli.main())


def start_timed_app(log: Path, timeout: float = 60.0) -> AppServer:
    """Like bench.server.start_app, but through `serve` so that reruns are timed."""
    port = free_port()
    out = Path(tempfile.mkstemp(prefix="streamlit-load-", suffix=".log")[1])
    command = [python_executable(), "-m", "bench.load", "--serve", str(log), "--",
               str(REPO / "app.py"), "--server.port", str(port), "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false"]
    with out.open("wb") as sink:
        process = subprocess.Popen(command, cwd=REPO, stdout=sink, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONPATH": str(REPO)},
                                   start_new_session=True)
    server = AppServer(app=REPO / "app.py", port=port, process=process, log_path=out)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url + "_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return server
        except OSError:
            time.sleep(0.2)
    stop_app(server)
    raise RuntimeError(f"server not healthy after {timeout:.0f} s:\n{server.log_tail()}")


def rss_mb(pid: int) -> float:
    """The process's resident set in MB (VmRSS from /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")
