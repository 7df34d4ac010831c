"""A session belongs to the browser that opened it (ui/serve.py), in one process as `make run` and the container
serve it. The proxied deployment runs the same attack in tests/test_deploy.py.

The attack: a second client presents another browser's live session id in `Sec-WebSocket-Protocol`
(`streamlit, <its own token>, <session id>`), as a browser does when it reconnects. Plain Streamlit hands it the
live session (the victim's state, and the victim's tab stops answering); ui.serve gives it a fresh session.
"""

from __future__ import annotations

import re

import pytest

from bench.proxy import Visitor
from bench.server import Server
from tests.data import ARTIFACTS
from tests.server_helpers import run_async, takeover

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture(scope="module")
def server():
    with Server("app.py", log_path=ARTIFACTS / "session-binding.log") as server:
        yield server


def test_a_client_presenting_another_browsers_session_id_gets_a_fresh_session(server):
    seen = run_async(takeover(server.url))
    assert seen["first"] == [] and seen["stolen"] == []
    assert seen["thief"] and seen["thief"] != seen["victim"], "the thief was attached to the victim's session"
    assert seen["victim_after"] == [], "the victim's tab stopped working"
    assert seen["thief_upload"] == 400  # nor can it put a file into the victim's session
    assert seen["victim_upload"] == 204


def test_the_browser_that_opened_a_session_reconnects_to_it(server):
    """After a dropped connection, and while the server still holds the old one open (a network change)."""
    v = Visitor(server.url)
    v.visit()

    async def reconnect():
        tab = v.tab("", timeout=20)
        await tab.connect()
        await tab.rerun()
        first = tab.session_id
        async with v.tab("", timeout=20, resume=first) as again:  # the old connection still open
            assert (await again.rerun()).errors == []
            while_open = again.session_id
        await tab.close()
        async with v.tab("", timeout=20, resume=first) as later:  # after the drop
            assert (await later.rerun()).errors == []
            return first, while_open, later.session_id

    first, while_open, later = run_async(reconnect())
    assert first == while_open == later
    # Streamlit says "Session with id ... is already connected": the server log names no session
    assert first not in server.log_path.read_text()


def test_a_session_is_not_resumed_without_the_browsers_cookie(server):
    """A client without the XSRF cookie cannot resume anything, not even a session it opened itself."""

    async def cookieless():
        async with Visitor(server.url).tab("", timeout=20) as tab:
            await tab.rerun()
            async with Visitor(server.url).tab("", timeout=20, resume=tab.session_id) as again:
                await again.rerun()
                return tab.session_id, again.session_id

    first, again = run_async(cookieless())
    assert first != again


def test_the_server_log_names_no_session(server):
    run_async(takeover(server.url))
    assert UUID.findall(server.log_path.read_text()) == []


def test_plain_streamlit_hands_the_live_session_over():
    """Why ui.serve binds sessions and checks the port: the same attack against `streamlit run` attaches to the
    victim's session, its log prints the id, and it takes a websocket from another port's page."""
    from tests.server_helpers import handshake

    with Server("app.py", launcher=("-m", "streamlit", "run")) as plain:
        seen = run_async(takeover(plain.url))
        log = plain.log_path.read_text()
        other_port = handshake(plain.url, "http://127.0.0.1:9999")
    assert seen["thief"] == seen["victim"]
    assert seen["victim_after"] != []
    assert seen["victim"] in log
    assert other_port == b"HTTP/1.1 101 Switching Protocols"


def test_downloads_are_not_cached():
    from ui.serve import NO_STORE, GuardMiddleware

    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"cache-control", b"public")]})

    async def send(message):
        sent.append(message)

    run_async(GuardMiddleware(app)({"type": "http", "path": "/media/abc.pdf", "method": "GET"}, None, send))
    assert sent[0]["headers"] == [(b"cache-control", NO_STORE.encode())]


def test_a_websocket_from_another_port_on_this_machine_is_refused(server):
    """Streamlit accepts any Origin on localhost or 127.0.0.1 whatever its port (another local program's page);
    ui.serve requires the Origin's host and port to be the server's own."""
    from tests.server_helpers import handshake

    port = server.url.rsplit(":", 1)[1]
    assert handshake(server.url, server.url) == b"HTTP/1.1 101 Switching Protocols"
    assert handshake(server.url, f"http://localhost:{port}", host=f"localhost:{port}") == (
        b"HTTP/1.1 101 Switching Protocols"
    )
    for origin in ("http://127.0.0.1:9999", f"http://localhost:{port}", f"ftp://127.0.0.1:{port}", "null", ""):
        assert handshake(server.url, origin) == b"HTTP/1.1 403 Forbidden", origin
