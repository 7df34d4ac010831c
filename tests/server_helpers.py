"""Steps the server tests share (a plain module: tests import it): a raw websocket handshake, a session
take-over attempt, and running a coroutine beside Playwright's event loop."""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import contextlib
import os
import socket
import time
from collections.abc import Iterator

from bench.proxy import Visitor
from bench.server import Server
from tests.data import ROOT

PROFILE = (ROOT / "settings_profiles" / "retail.yaml").read_bytes()  # an upload any session accepts


@contextlib.contextmanager
def own_server(script: str = "app.py", attempts: int = 3, **options) -> Iterator[Server]:
    """`with Server(...)`, making sure the started server is really the one answering on its port. `free_port()`
    lets the port go before Streamlit binds it, so a parallel test worker (or any program) can take it in between;
    the health check would then be answered by that other server while ours fails to bind. Streamlit logs
    "Uvicorn server started on ADDRESS:PORT" once it holds its port: without that line, ours lost the race and
    starts again on another port."""
    for _ in range(attempts):
        server = Server(script, **options)
        with server:
            if _holds_its_port(server):
                yield server
                return
    raise RuntimeError(f"no port of its own for {script} after {attempts} attempts:\n{server.log_tail()}")


def _holds_its_port(server: Server, timeout: float = 15) -> bool:
    started = f"server started on 127.0.0.1:{server.port}"
    deadline = time.monotonic() + timeout
    while server.proc.poll() is None and time.monotonic() < deadline:
        if started in server.log_path.read_text(errors="replace"):
            return True
        time.sleep(0.2)
    return False


def handshake(url: str, origin: str, host: str | None = None) -> bytes:
    """Open Streamlit's websocket with the given Origin (and Host) header; return the status line."""
    address, port = url.removeprefix("http://").split(":")
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host or f'{address}:{port}'}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        f"Origin: {origin}\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection((address, int(port)), timeout=10) as conn:
        conn.sendall(request.encode())
        return conn.recv(1000).split(b"\r\n")[0]


def run_async(coro):
    """Run a coroutine to its end in a thread of its own (Playwright's sync API may hold this thread's loop)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def takeover(url: str) -> dict:
    """The victim opens a session; a thief presents its id (tests/test_session_binding.py). What each gets."""
    victim, thief = Visitor(url), Visitor(url)
    victim.visit()
    if "rx_route" in victim.cookies:  # behind the proxy: reach the victim's replica (its own XSRF cookie)
        thief.cookies["rx_route"] = victim.cookies["rx_route"]
    thief.visit()
    async with victim.tab("compare", timeout=20) as victim_tab:
        first = await victim_tab.rerun()
        async with thief.tab("", timeout=20, resume=victim_tab.session_id) as thief_tab:
            stolen = await thief_tab.rerun()
            victim_after = await victim_tab.rerun()
            upload = thief.upload(victim_tab.session_id, "local.yaml", PROFILE)
            own_upload = victim.upload(victim_tab.session_id, "local.yaml", PROFILE)
            return {
                "victim": victim_tab.session_id,
                "thief": thief_tab.session_id,
                "first": first.errors,
                "stolen": stolen.errors,
                "victim_after": victim_after.errors,
                "thief_upload": upload[0],
                "victim_upload": own_upload[0],
            }
