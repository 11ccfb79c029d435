"""Run N app replicas behind nginx on one port: `python -m deploy.replicas --replicas 2`.

Why: a Streamlit session lives in one process, so one process is one core's worth of users.
Several replicas behind a sticky reverse proxy use every core; the URL is the only view state,
so any replica can open any permalink, and a browser whose replica dies reconnects to another
one and gets the same view back.

The replicas are `streamlit run app.py` started from the repo root (so .streamlit/config.toml
applies) through bench.server.start_app, the same helper the browser tests use, each bound to
127.0.0.1 (reachable only through the proxy). nginx is Debian's package, run as a plain process
with its own prefix in a run directory (config, pid, logs, temp files): no system service and
no root needed on ports above 1024. Open-source nginx only has passive health checks, so this
script waits for every replica's /_stcore/health before it starts nginx.

`make serve REPLICAS=N PORT=8080` runs this module; tests/browser/test_replicas.py and
`python -m bench.load --proxy` use `start_replicas` and `start_nginx`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import AppServer, free_port, start_app, stop_app  # noqa: E402

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
FIRST_PORT = 8601


def nginx_binary() -> str | None:
    """Debian installs nginx in /usr/sbin, which is not on every user's PATH."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )


def render(ports: list[int], listen: str, run_dir: Path) -> str:
    """The nginx configuration for replicas on 127.0.0.1:`ports`, listening on `listen`."""
    servers = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in ports
    )
    return (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("@@SERVERS@@", servers)
        .replace("@@LISTEN@@", listen)
        .replace("@@RUN_DIR@@", str(run_dir))
    )


@dataclass
class Proxy:
    """A running nginx; `url` ends with a slash."""

    process: subprocess.Popen
    run_dir: Path
    url: str
    owns_run_dir: bool

    def log_tail(self, name: str = "error.log", lines: int = 40) -> str:
        try:
            text = (self.run_dir / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def start_nginx(
    ports: list[int],
    *,
    port: int | None = None,
    host: str = "127.0.0.1",
    run_dir: Path | None = None,
    timeout: float = 20.0,
) -> Proxy:
    """Start nginx in the foreground of its own process group; return once it accepts."""
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx not found: bash scripts/ensure_nginx.sh (apt nginx)")
    port = port or free_port()
    owns = run_dir is None
    run_dir = Path(run_dir or tempfile.mkdtemp(prefix="nginx-replicas-"))
    (run_dir / "tmp").mkdir(parents=True, exist_ok=True)
    # Started as root, nginx workers run as `nobody`: they must be able to write temp files.
    run_dir.chmod(0o755)
    (run_dir / "tmp").chmod(0o777)
    conf = run_dir / "nginx.conf"
    conf.write_text(render(ports, f"{host}:{port}", run_dir), encoding="utf-8")
    command = [binary, "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "error.log"),
               "-g", "daemon off;"]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    probe = "127.0.0.1" if host in ("0.0.0.0", "") else host  # noqa: S104 - a probe target
    proxy = Proxy(process=process, run_dir=run_dir, url=f"http://{probe}:{port}/",
                  owns_run_dir=owns)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited ({process.returncode}):\n{proxy.log_tail()}")
        try:
            socket.create_connection((probe, port), timeout=1).close()
            return proxy
        except OSError:
            time.sleep(0.1)
    stop_nginx(proxy)
    raise RuntimeError(f"nginx not listening after {timeout:.0f} s:\n{proxy.log_tail()}")


def stop_nginx(proxy: Proxy, keep_logs: bool = False) -> None:
    """Stop nginx (master and workers: its own process group) and remove a temporary run dir."""
    if proxy.process.poll() is None:
        try:
            os.killpg(proxy.process.pid, signal.SIGTERM)
            proxy.process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proxy.process.pid, signal.SIGKILL)
            proxy.process.wait(timeout=5)
    if proxy.owns_run_dir and not keep_logs:
        shutil.rmtree(proxy.run_dir, ignore_errors=True)


def start_replicas(count: int, first_port: int | None = None, **kwargs) -> list[AppServer]:
    """Start `count` replicas in parallel, each healthy on return; all stopped on failure.

    `first_port` None picks free ports (tests, benches); otherwise first_port, first_port+1...
    """
    ports = [first_port + i if first_port else free_port() for i in range(count)]
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(start_app, "app.py", port=port, **kwargs) for port in ports]
    servers, errors = [], []
    for future in futures:
        try:
            servers.append(future.result())
        except RuntimeError as exc:
            errors.append(str(exc))
    if errors:
        stop_replicas(servers)
        raise RuntimeError("replica failed to start:\n" + "\n".join(errors))
    return servers


def stop_replicas(servers: list[AppServer]) -> None:
    for server in servers:
        stop_app(server)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.replicas",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080, help="the proxy's port")
    parser.add_argument("--host", default="0.0.0.0", help="the proxy's address")  # noqa: S104
    parser.add_argument("--first-port", type=int, default=FIRST_PORT,
                        help="replica i listens on 127.0.0.1:FIRST_PORT+i")
    parser.add_argument("--run-dir", type=Path, default=None,
                        help="nginx prefix (config, pid, logs); default a temporary directory")
    args = parser.parse_args(argv)
    servers = start_replicas(args.replicas, args.first_port)
    try:
        proxy = start_nginx([s.port for s in servers], port=args.port, host=args.host,
                            run_dir=args.run_dir)
    except (RuntimeError, FileNotFoundError):
        stop_replicas(servers)
        raise
    stopping, reported = [], set()
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    print(f"serving {proxy.url} -> " + ", ".join(s.url for s in servers), flush=True)
    print(f"nginx config and logs: {proxy.run_dir}", flush=True)
    try:
        while not stopping and proxy.process.poll() is None:
            for server in servers:
                if server.process.poll() is not None and server.port not in reported:
                    reported.add(server.port)
                    print(f"replica {server.url} exited ({server.process.returncode}); nginx "
                          "sends its users to the others", flush=True)
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        stop_nginx(proxy, keep_logs=args.run_dir is not None)
        stop_replicas(servers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
