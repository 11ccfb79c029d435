"""The load test's readers without a browser: Streamlit's own websocket protocol, spoken from
Python, so that many users cost the measuring machine almost nothing.

Why: twenty Chromium pages on the two cores they measure took about 100 s to show their first
page (docs/scaling.md): the load generator, not the server, set the figures. A reader here
does what the frontend does when its URL changes (a permalink, the back button): it asks the
server for one script run with the new query string and waits for the run to finish. The
server does the same work as for a browser; nothing is drawn. One real browser among them
(bench/load_sessions.py) still records what a user feels, and catches page errors.
"""

from __future__ import annotations

import asyncio
import random
import time
import urllib.request
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
            ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile error",
            ForwardMsg.FINISHED_EARLY_FOR_RERUN: "stopped for a rerun"}


@dataclass
class Run:
    """What one script run sent back: seconds from request to finish, how it ended, its
    message count and bytes, the exception elements in it and its headline figures (label to
    value), which say whose view it drew."""

    seconds: float
    status: str
    messages: int
    kb: float
    exceptions: list[str] = field(default_factory=list)
    metrics: dict[str, str] = field(default_factory=dict)


def route_cookie(url: str) -> str:
    """The proxy's routing cookie (deploy/nginx.conf.template), got as a browser gets it: from
    the first page request. Empty without a proxy, which sets none."""
    with urllib.request.urlopen(url, timeout=30) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies if c.startswith("st_route="))


class Reader:
    """One user's session over the websocket: `await reader.view("?county=222403")`."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket

    @classmethod
    async def open(cls, url: str) -> Reader:
        cookie = await asyncio.to_thread(route_cookie, url)
        socket = await connect(url.replace("http", "ws", 1) + "_stcore/stream",
                               subprotocols=["streamlit"], max_size=None, open_timeout=60,
                               additional_headers={"Cookie": cookie} if cookie else {})
        return cls(socket)

    async def view(self, query: str, timeout: float = 180.0) -> Run:
        """Ask for one run of the landing page with `query` (without its "?") as the URL's
        query string, and read the server's messages until that run has finished."""
        message = BackMsg()
        message.rerun_script.query_string = query.lstrip("?")
        message.rerun_script.page_script_hash = ""
        start = time.monotonic()
        await self.socket.send(message.SerializeToString())
        count, size, exceptions, metrics = 0, 0, [], {}
        async with asyncio.timeout(timeout):
            while True:
                data = await self.socket.recv()
                count, size = count + 1, size + len(data)
                reply = ForwardMsg()
                reply.ParseFromString(data)
                kind = reply.WhichOneof("type")
                if kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                    element = reply.delta.new_element
                    which = element.WhichOneof("type")
                    if which == "exception":
                        exceptions.append(f"{element.exception.type}: "
                                          f"{element.exception.message[:120]}")
                    elif which == "metric":
                        metrics[element.metric.label] = element.metric.body
                elif kind == "script_finished":
                    return Run(time.monotonic() - start,
                               FINISHED.get(reply.script_finished, "unknown"), count,
                               size / 1024, exceptions, metrics)

    async def close(self) -> None:
        await self.socket.close()


async def reader(index: int, url: str, until: float, stats, seed: int, links: list[str],
                 think: tuple[float, float], ramp: float) -> None:
    """One user without a browser: a permalink, then, after reading it for a moment (`think`
    seconds, uniform), another view, until `until`. Every failed or broken run is an error
    in `stats` (bench/load_sessions.Stats); a failed reader reconnects as a new session."""
    rng = random.Random(seed * 1000 + index)
    await asyncio.sleep(index * ramp)
    kind, socket, acted = "first", None, False
    while True:
        try:
            socket = socket or await Reader.open(url)
            run = await socket.view(rng.choice(links))
            if run.status != "ok" or run.exceptions:
                stats.errors.append(f"reader {index}: {kind}: {run.status} {run.exceptions}")
            stats.idle["reader " + kind].append(run.seconds)
            acted, kind = acted or kind == "view", "view"
        except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops us
            stats.errors.append(f"reader {index}: {kind}: {type(exc).__name__}: "
                                f"{(str(exc).splitlines() or [''])[0][:120]}")
            socket, kind = None, "first"
        if time.monotonic() >= until and acted:
            break
        await asyncio.sleep(rng.uniform(*think))
    if socket:
        await socket.close()
