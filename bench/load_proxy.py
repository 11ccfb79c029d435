"""The load test's servers: one timed app (as before), or R timed replicas behind nginx.

Split out of bench/load.py so that `python -m bench.load --proxy --replicas R` measures the
deployment `make serve` runs (deploy/replicas.py: nginx with cookie-hash stickiness in front of
R `streamlit run` processes), with each replica's reruns timed and its memory read, while
`--short` and the default run keep their single server with no proxy.
"""

from __future__ import annotations

import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.load_server import rss_mb, start_timed_app
from bench.server import stop_app


class Fleet:
    """R timed app processes, with nginx in front of them when `proxy` is true."""

    def __init__(self, replicas: int = 1, proxy: bool = False) -> None:
        self.logs = [Path(tempfile.mkstemp(prefix="reruns-", suffix=".jsonl")[1])
                     for _ in range(replicas)]
        self.servers, self.proxy = [], None
        try:
            with ThreadPoolExecutor(max_workers=replicas) as pool:
                futures = [pool.submit(start_timed_app, log) for log in self.logs]
            errors = []
            for future in futures:
                try:
                    self.servers.append(future.result())
                except RuntimeError as exc:
                    errors.append(str(exc))
            if errors:
                raise RuntimeError("\n".join(errors))
            if proxy:
                from deploy.replicas import start_nginx

                self.proxy = start_nginx([server.port for server in self.servers])
        except BaseException:
            self.stop()
            raise

    @property
    def url(self) -> str:
        return self.proxy.url if self.proxy else self.servers[0].url

    def rss(self) -> list[float]:
        """Each replica's resident set in MB, in replica order."""
        return [rss_mb(server.process.pid) for server in self.servers]

    def line_counts(self) -> list[int]:
        return [len(log.read_text().splitlines()) for log in self.logs]

    def records(self, skip: list[int]) -> list[dict]:
        """Every timed run after the first `skip[i]` lines of replica i's log."""
        return [json.loads(line) for log, n in zip(self.logs, skip, strict=True)
                for line in log.read_text().splitlines()[n:]]

    def dead(self) -> list[str]:
        return [server.url for server in self.servers if server.process.poll() is not None]

    def browsers_per_replica(self) -> dict[str, int]:
        """How many browsers (sticky st_route cookies) nginx sent to each replica."""
        if not self.proxy:
            return {}
        seen: dict[str, str] = {}
        for line in (self.proxy.run_dir / "access.log").read_text().splitlines():
            if "upstream=" in line and "route=" in line:
                upstream = line.split("upstream=")[1].split()[0].rstrip(",")
                seen.setdefault(line.split("route=")[1].split()[0], upstream)
        counts = {f"127.0.0.1:{server.port}": 0 for server in self.servers}
        for upstream in seen.values():
            counts[upstream] = counts.get(upstream, 0) + 1
        return counts

    def stop(self) -> None:
        if self.proxy is not None:
            from deploy.replicas import stop_nginx

            stop_nginx(self.proxy)
        for server in self.servers:
            stop_app(server)
        for log in self.logs:
            log.unlink(missing_ok=True)
