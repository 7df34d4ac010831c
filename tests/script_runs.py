"""Waiting in a browser test for the script run an action causes, read from the app's own messages.

A test that clicks and then waits for the page to be "at rest" can look before the run it caused has even started
(the page is still at rest from the run before), and the run-state attribute on the app's root is not reliable for
this: a fast run's "running" is often never drawn. Streamlit's server ends every run with a `script_finished`
message on the page's websocket; `Runs.after` waits for that message, then for the page to be at rest.
"""

from __future__ import annotations

from collections.abc import Callable

from google.protobuf.message import DecodeError
from playwright.sync_api import Page, WebSocket
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.a11y_helpers import settle

# A run that completed (the whole page, or a fragment); not one cut short by the next rerun.
COMPLETED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


def run_completed(payload: str | bytes) -> bool:
    """Whether a websocket frame from the server is the message that ends a completed script run."""
    if isinstance(payload, str):
        return False
    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except DecodeError:
        return False
    return msg.WhichOneof("type") == "script_finished" and msg.script_finished in COMPLETED


class Runs:
    """The app's script runs in one browser page. Open pages with `open` so the page's websocket is known."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.socket: WebSocket | None = None
        page.on("websocket", self._watch)

    def _watch(self, socket: WebSocket) -> None:
        if "/_stcore/stream" in socket.url:
            self.socket = socket

    def open(self, url: str) -> None:
        """Go to `url` and wait until its first run has finished and the page is at rest."""
        with self.page.expect_websocket(lambda s: "/_stcore/stream" in s.url) as opened:
            self.page.goto(url)
        self.socket = opened.value
        settle(self.page)

    def after(self, action: Callable[[], object], timeout_ms: int = 60_000) -> None:
        """Do `action`, wait for the script run it starts to complete, then for the page to be at rest.
        Fails if the action starts no run."""
        assert self.socket is not None, "open the page with Runs.open first"
        with self.socket.expect_event("framereceived", predicate=run_completed, timeout=timeout_ms):
            action()
        settle(self.page)
