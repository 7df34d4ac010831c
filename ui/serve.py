"""Serve the app offline and with its sessions bound to their browsers: `python -m ui.serve app.py [options]`.

Takes the same options as `streamlit run`, and changes five things before the server starts:

* **No outside look-ups.** Streamlit asks http(s)://checkip.amazonaws.com for the machine's public address
  when a websocket arrives from a foreign origin (to decide whether that origin is the machine itself),
  again on every such connection while the look-up fails, and at start-up when server.address is a
  wildcard. No config option turns this off, so the look-up is replaced by "unknown": foreign origins are
  then simply refused. The same goes for its local-address probe (a UDP socket "connected" to 8.8.8.8).
  app.py calls `keep_offline()` too, so a plain `streamlit run app.py` also stops looking after the first
  page view.
* **A session belongs to the browser that opened it.** Streamlit lets a websocket name a session to
  reconnect to (the third entry of `Sec-WebSocket-Protocol`) and, for anonymous visitors, hands over any
  live or recently dropped session whose id it is given: another browser that learns the id gets the
  person's answers and the person's tab stops working. Here every new session records a keyed digest of
  its browser's XSRF token (the `_streamlit_xsrf` cookie Streamlit sets before the page connects), and a
  reconnect resumes a session only when the connecting browser presents the same token; anything else gets
  a fresh session and the original is left untouched. A browser's legitimate reconnect after a dropped
  connection carries its cookie, so it resumes as before. Uploads into a session (`PUT
  /_stcore/upload_file/<session id>/...`) are held to the same rule.
* **Websocket Origin must be this server.** Streamlit accepts an Origin whose host is localhost or
  127.0.0.1 on any port (another local program's page); here the Origin's host and port must equal the
  request's Host, with an http or https scheme.
* **Downloads are not cached.** `/media/...` answers (the take-home PDF) carry `Cache-Control: no-store,
  private`.
* **No session ids in the server's log.** Streamlit's log lines name session ids (e.g. "Session with id ...
  is already connected"); they are replaced by `<session>`.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import sys
import weakref
from urllib.parse import urlsplit

from streamlit import net_util

XSRF_COOKIE = "_streamlit_xsrf"
OWNER_ATTR = "_rx_owner"  # set on each AppSession: digest of the XSRF token of the browser that opened it
_KEY = os.urandom(32)  # per process: the digests mean nothing outside it and nothing is written anywhere
_SESSIONS: weakref.WeakValueDictionary = weakref.WeakValueDictionary()  # session id -> AppSession
_UPLOAD_PATH = re.compile(r"/_stcore/upload_file/([^/]+)/")
_UUID = re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")
NO_STORE = "no-store, private"


def _unknown_address() -> None:
    return None


def keep_offline() -> None:
    """Never ask an outside service for this machine's address (idempotent, cheap)."""
    net_util.get_external_ip = _unknown_address
    net_util.get_internal_ip = _unknown_address


# --- who owns a session ------------------------------------------------------------------------------------


def browser_key(cookies) -> str | None:
    """Keyed digest of the browser's XSRF token (the cookie's unmasked token), or None without a valid one."""
    from streamlit.web.server.starlette.starlette_app_utils import decode_xsrf_token_string

    token, _ = decode_xsrf_token_string((cookies or {}).get(XSRF_COOKIE) or "")
    if not token:
        return None
    return hmac.new(_KEY, token, hashlib.sha256).hexdigest()


def owned_by(session, key: str | None) -> bool:
    owner = getattr(session, OWNER_ATTR, None)
    return key is not None and owner is not None and hmac.compare_digest(owner, key)


def _bind_sessions() -> None:
    """Wrap Streamlit's session manager so that only the opening browser can resume a session."""
    from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

    original = WebsocketSessionManager.connect_session
    if getattr(original, "_rx_bound", False):
        return

    def connect_session(self, client, script_data, user_info, existing_session_id=None, session_id_override=None):
        key = browser_key(client.client_context.cookies)
        if existing_session_id:
            info = self.get_session_info(existing_session_id)
            if info is None or not owned_by(info.session, key):
                existing_session_id = None  # not this browser's session (or gone): a fresh one
        session_id = original(
            self,
            client,
            script_data,
            user_info,
            existing_session_id=existing_session_id,
            session_id_override=session_id_override,
        )
        info = self.get_session_info(session_id)
        if info is not None:
            if getattr(info.session, OWNER_ATTR, None) is None:
                setattr(info.session, OWNER_ATTR, key)
            _SESSIONS[session_id] = info.session
        return session_id

    connect_session._rx_bound = True
    WebsocketSessionManager.connect_session = connect_session


# --- websocket Origin --------------------------------------------------------------------------------------


def origin_matches_host(origin: str | None, host: str | None) -> bool:
    """The Origin is this very server: http(s), and host and port equal to the Host header's."""
    if not origin or not host:
        return False
    try:
        parts = urlsplit(origin)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and not parts.path.strip("/")
        and not parts.query
        and parts.username is None
        and parts.netloc.lower() == host.strip().lower()
    )


def _strict_origin() -> None:
    from streamlit.web.server.starlette import starlette_websocket

    if getattr(starlette_websocket._is_origin_allowed, "_rx_strict", False):
        return

    def is_origin_allowed(origin: str | None, host: str | None) -> bool:
        return starlette_websocket.is_host_allowed(host) and origin_matches_host(origin, host)

    is_origin_allowed._rx_strict = True
    starlette_websocket._is_origin_allowed = is_origin_allowed


# --- uploads and downloads ---------------------------------------------------------------------------------


class GuardMiddleware:
    """ASGI middleware: uploads only into the uploading browser's own session; /media answers not cached."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        match = _UPLOAD_PATH.search(path)
        if match and scope.get("method") != "OPTIONS":
            session = _SESSIONS.get(match.group(1))
            if session is not None:
                from starlette.requests import HTTPConnection

                if not owned_by(session, browser_key(HTTPConnection(scope).cookies)):
                    from starlette.responses import PlainTextResponse

                    # the same answer as for an id that does not exist: no telling whose it is
                    await PlainTextResponse("Invalid session_id", status_code=400)(scope, receive, send)
                    return
        if "/media/" not in path:
            await self.app(scope, receive, send)
            return

        async def send_no_store(message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                message = {**message, "headers": [*headers, (b"cache-control", NO_STORE.encode())]}
            await send(message)

        await self.app(scope, receive, send_no_store)


def _guard_http() -> None:
    from starlette.middleware import Middleware
    from streamlit.web.server.starlette import starlette_app

    original = starlette_app.create_streamlit_middleware
    if getattr(original, "_rx_guarded", False):
        return

    def create_streamlit_middleware():
        return [Middleware(GuardMiddleware), *original()]

    create_streamlit_middleware._rx_guarded = True
    starlette_app.create_streamlit_middleware = create_streamlit_middleware


# --- logs ---------------------------------------------------------------------------------------------------


class RedactSessionIds(logging.Filter):
    """Replace anything shaped like a session id (a UUID) in a log record by <session>."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _UUID.search(message):
            record.msg, record.args = _UUID.sub("<session>", message), None
        return True


_REDACT = RedactSessionIds()


def _redact_logs() -> None:
    from streamlit import logger as st_logger

    original = st_logger.setup_formatter
    if getattr(original, "_rx_redacting", False):
        return

    def setup_formatter(log: logging.Logger) -> None:
        original(log)
        log.streamlit_console_handler.addFilter(_REDACT)

    setup_formatter._rx_redacting = True
    st_logger.setup_formatter = setup_formatter
    st_logger.update_formatter()  # loggers made before this point get the filter too


def harden() -> None:
    """Everything above; call before the server starts. Fails loudly if Streamlit's internals have moved."""
    keep_offline()
    try:
        _redact_logs()
        _bind_sessions()
        _strict_origin()
        _guard_http()
    except (ImportError, AttributeError) as exc:
        raise SystemExit(
            f"ui.serve: this Streamlit version cannot be hardened as expected ({exc}); "
            "refusing to serve without session binding. Install the version in requirements.txt."
        ) from exc


def main(argv: list[str] | None = None) -> None:
    harden()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
