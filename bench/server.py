"""Start and stop a Streamlit app, and launch headless Chromium, for browser tests and benches.

Shared by tests/browser (correctness) and bench/map.py (timings) so both exercise the app the
same way: the repo's own virtualenv, the repo root as working directory (so
.streamlit/config.toml and static/ apply), bound to 127.0.0.1 on a free port.

Chromium is Debian's /usr/bin/chromium (`playwright install` cannot download browsers on the
intranet machines this project targets), started with every background service off so the only
network traffic is the page's own.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def python_executable() -> str:
    """The project's virtualenv python when present (the app's pinned stack), else ours."""
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    """A running `streamlit run`; `url` ends with a slash."""

    app: Path
    port: int
    process: subprocess.Popen
    log_path: Path
    url: str = field(init=False)

    def __post_init__(self) -> None:
        self.url = f"http://127.0.0.1:{self.port}/"

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def start_app(
    app: str | Path = "app.py",
    *,
    port: int | None = None,
    timeout: float = 60.0,
    extra_args: list[str] | None = None,
) -> AppServer:
    """Start `streamlit run <app>` and return once /_stcore/health answers "ok".

    `app` is relative to the repo root unless absolute. Raises RuntimeError with the server's
    log tail when it exits or does not become healthy within `timeout` seconds.
    """
    app = Path(app)
    app = app if app.is_absolute() else REPO / app
    port = port or free_port()
    log = Path(tempfile.mkstemp(prefix=f"streamlit-{app.stem}-", suffix=".log")[1])
    command = [
        python_executable(),
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *(extra_args or []),
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    server = AppServer(app=app, port=port, process=process, log_path=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited ({process.returncode}):\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url + "_stcore/health", timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_app(server)
    raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s:\n{server.log_tail()}")


def stop_app(server: AppServer) -> None:
    """Terminate the server (its own process group only), killing it if it lingers."""
    process = server.process
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    server.log_path.unlink(missing_ok=True)


@contextmanager
def running_app(app: str | Path = "app.py", **kwargs):
    server = start_app(app, **kwargs)
    try:
        yield server
    finally:
        stop_app(server)


def servable(app: str, tmp: Path) -> Path:
    """`app` where Streamlit can serve the base topojson: static files are served from beside
    the main script, so an app outside the repo root runs from `tmp` beside a static/ link."""
    script = (REPO / app).resolve()
    if script.parent == REPO:
        return script
    (tmp / "static").symlink_to(REPO / "static")
    target = tmp / script.name
    target.write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def launch_chromium(playwright):
    """Headless Debian Chromium through Playwright (raises FileNotFoundError when absent)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} not found (apt-get install chromium)")
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )


def external_requests(urls: list[str]) -> list[str]:
    """The URLs that leave this machine: anything but 127.0.0.1/localhost and data:/blob:."""
    outside = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            continue
        if (parts.hostname or "") not in LOCAL_HOSTS:
            outside.append(url)
    return outside
