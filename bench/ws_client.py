"""A small Streamlit client that behaves like one browser tab, for load tests on loopback.

It speaks the app's own websocket protocol (Streamlit 1.67, Starlette/uvicorn server):

* connect to ``ws://127.0.0.1:PORT/_stcore/stream`` with subprotocol ``streamlit`` and a same-origin
  ``Origin`` header (the server rejects other origins). The browser also puts its XSRF token and, when it
  reconnects, its session id in the ``Sec-WebSocket-Protocol`` list (``streamlit, <token>, <session id>``);
  a tab given ``resume=<session id>`` does the same, with the token from its ``_streamlit_xsrf`` cookie
  (``python -m ui.serve`` resumes a session only for the browser that opened it); otherwise it sends
  just ``streamlit``;
* send ``BackMsg.rerun_script`` (a ``ClientState``): the first run names the page by its URL path
  (``page_name="compare"``), later runs by the ``page_script_hash`` the server resolved, like the
  browser does after the ``navigation`` message; the query string the app wrote (``page_info_changed``)
  is sent back, and so are the hashes of cacheable messages already received (the browser's message
  cache), so the server sends small references instead of re-sending big elements;
* read ``ForwardMsg`` until the ``script_finished`` of that run.

An error is: an ``exception`` element in the run's output (``st.exception`` and uncaught exceptions;
warnings shown as exceptions are counted separately), a compile error, ``page_not_found``, a
``script_finished`` status other than success, or no ``script_finished`` within the timeout.

Only ever point it at a server you started yourself on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Self
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

STATUS_NAMES = {v: k for k, v in ForwardMsg.ScriptFinishedStatus.items()}


@dataclass
class RunResult:
    """One script run as the tab saw it."""

    ok: bool
    seconds: float
    status: str = ""
    messages: int = 0
    bytes: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # markdown bodies, when collect_text=True


class StreamlitTab:
    """One simulated browser tab: ``async with StreamlitTab(url, page) as tab: await tab.rerun()``."""

    def __init__(
        self,
        base_url: str,
        page: str = "",
        *,
        timeout: float = 30.0,
        use_message_cache: bool = True,
        collect_text: bool = False,
        headers: dict[str, str] | None = None,
        resume: str = "",
        origin: str | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"loopback only, got {base_url!r}")
        self.origin = origin if origin is not None else f"{parts.scheme}://{parts.netloc}"
        self.resume = resume  # a session id to reconnect to, as a browser does after a dropped connection
        self.ws_url = f"ws://{parts.netloc}/_stcore/stream"
        self.page = page
        self.timeout = timeout
        self.use_message_cache = use_message_cache
        self.collect_text = collect_text
        self.headers = dict(headers or {})  # e.g. a Cookie header, to keep a proxy's session affinity
        self.session_id = ""  # the server's id of this tab's session (uploads name it)
        self._ws = None
        self.page_script_hash = ""  # the page the server resolved (navigation message)
        self.query_string = ""
        self._cached: dict[str, bool] = {}  # hash of a cacheable message -> does it carry an exception
        self.runs = 0
        self.errors: list[str] = []

    async def __aenter__(self) -> Self:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    def _subprotocols(self) -> list[str]:
        if not self.resume:
            return ["streamlit"]
        cookies = SimpleCookie()
        cookies.load(self.headers.get("Cookie", ""))
        xsrf = cookies["_streamlit_xsrf"].value if "_streamlit_xsrf" in cookies else "no-token"
        return ["streamlit", xsrf, self.resume]

    async def connect(self) -> None:
        self._ws = await asyncio.wait_for(
            connect(
                self.ws_url,
                origin=self.origin or None,
                subprotocols=self._subprotocols(),
                max_size=None,
                open_timeout=self.timeout,
                ping_interval=None,
                additional_headers=self.headers or None,
            ),
            self.timeout,
        )
        if self._ws.subprotocol != "streamlit":
            raise ConnectionError(f"server chose subprotocol {self._ws.subprotocol!r}")

    async def close(self) -> None:
        if self._ws is not None:
            ws, self._ws = self._ws, None
            try:
                await asyncio.wait_for(ws.close(), 5)
            except (TimeoutError, OSError):
                pass

    def _rerun_msg(self) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        if self.page_script_hash:
            state.page_script_hash = self.page_script_hash
        else:
            state.page_name = self.page
        state.widget_states.SetInParent()
        if self.use_message_cache:
            state.cached_message_hashes.extend(self._cached)
        return msg.SerializeToString()

    async def rerun(self) -> RunResult:
        """Ask for one run and read until its ``script_finished``; never raises for app errors."""
        if self._ws is None:
            raise RuntimeError("not connected")
        start = time.perf_counter()
        result = RunResult(ok=False, seconds=0.0)
        run_id = None
        deadline = start + self.timeout
        try:
            await self._ws.send(self._rerun_msg())
        except Exception as exc:  # the server closed the connection (stopped, restarted)
            result.errors.append(f"connection lost: {type(exc).__name__}: {exc}")
            result.seconds = time.perf_counter() - start
            self.runs += 1
            self.errors.extend(result.errors)
            return result
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                result.errors.append(f"timeout: no script_finished within {self.timeout:g} s")
                break
            try:
                data = await asyncio.wait_for(self._ws.recv(), left)
            except TimeoutError:
                continue
            except Exception as exc:  # noqa: BLE001 - any failure here means the connection is gone
                result.errors.append(f"connection lost: {type(exc).__name__}: {exc}")
                break
            result.messages += 1
            result.bytes += len(data)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if self.use_message_cache and fwd.metadata.cacheable and fwd.hash:
                self._cached[fwd.hash] = _exception_of(fwd) is not None
            if kind == "new_session":
                run_id = fwd.metadata.run.script_run_id or None
                self.session_id = fwd.new_session.initialize.session_id or self.session_id
            elif kind == "navigation":
                self.page_script_hash = fwd.navigation.page_script_hash
                if self.page:
                    known = {p.url_pathname: p.page_script_hash for p in fwd.navigation.app_pages}
                    if known.get(self.page) not in (None, fwd.navigation.page_script_hash):
                        result.errors.append(f"asked for page {self.page!r}, server ran another")
                    elif self.page not in known:
                        result.errors.append(f"no page {self.page!r}; pages: {sorted(known)}")
            elif kind == "page_info_changed":
                self.query_string = fwd.page_info_changed.query_string
            elif kind == "page_not_found":
                result.errors.append(f"page_not_found: {fwd.page_not_found.page_name!r}")
            elif kind == "session_event" and fwd.session_event.HasField("script_compilation_exception"):
                exc = fwd.session_event.script_compilation_exception
                result.errors.append(f"compile error: {exc.type}: {exc.message}")
            elif kind == "delta" or kind == "ref_hash":
                exc = _exception_of(fwd)
                if kind == "ref_hash" and self._cached.get(fwd.ref_hash):
                    result.errors.append("exception element (cached)")
                elif exc is not None:
                    text = f"exception element: {exc.type}: {exc.message}".strip()
                    (result.warnings if exc.is_warning else result.errors).append(text)
                elif self.collect_text and kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                    el = fwd.delta.new_element
                    if el.WhichOneof("type") == "markdown":
                        result.texts.append(el.markdown.body)
            elif kind == "script_finished":
                this_run = fwd.metadata.run.script_run_id or None
                if run_id is not None and this_run is not None and this_run != run_id:
                    continue  # the end of an older run (or of an error pseudo-run): keep reading
                result.status = STATUS_NAMES.get(fwd.script_finished, str(fwd.script_finished))
                if fwd.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    result.errors.append(f"script_finished: {result.status}")
                break
        result.seconds = time.perf_counter() - start
        result.ok = not result.errors
        self.runs += 1
        self.errors.extend(result.errors)
        return result


def _exception_of(fwd: ForwardMsg):
    if fwd.WhichOneof("type") != "delta" or fwd.delta.WhichOneof("type") != "new_element":
        return None
    el = fwd.delta.new_element
    return el.exception if el.WhichOneof("type") == "exception" else None


async def _demo(url: str, page: str, runs: int) -> None:
    async with StreamlitTab(url, page, collect_text=True) as tab:
        for _ in range(runs):
            r = await tab.rerun()
            print(
                f"{r.status or '-':<24} {r.seconds * 1000:7.1f} ms  {r.messages:3d} msgs {r.bytes:8d} B"
                f"  errors={r.errors} warnings={r.warnings}"
            )


if __name__ == "__main__":
    import argparse

    p = argparse.ArgumentParser(description="Rerun one page of a Streamlit app on loopback a few times.")
    p.add_argument("url", help="e.g. http://127.0.0.1:8501 (loopback only)")
    p.add_argument("--page", default="", help="URL path of the page, e.g. compare; empty = default page")
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args()
    asyncio.run(_demo(a.url, a.page, min(a.runs, 1000)))
