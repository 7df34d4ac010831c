"""The server never reaches out to the internet, and refuses websockets from other sites or host names.

Streamlit asks an outside service for the machine's public address whenever a websocket arrives
from a foreign origin; `python -m ui.serve` switches that off. A Python audit hook in the server
process records every non-loopback name it resolves or address it connects to."""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

import pytest

from bench.server import Server
from tests.data import ARTIFACTS
from tests.server_helpers import handshake

AUDITED = ("tests/fixtures/audited_serve.py",)


def serve_and_probe(tmp_path: Path, *launcher: str) -> tuple[list[str], list[bytes]]:
    log = tmp_path / "net.log"
    env = {"RX_NET_LOG": str(log)}
    with Server("app.py", env=env, log_path=ARTIFACTS / "offline.log", launcher=(*AUDITED, *launcher)) as server:
        url = server.url
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.status == 200
        # Another site's page in the same browser, before any page of the app has run (app.py also
        # switches the look-up off, but only once it runs).
        statuses = [
            handshake(url, "http://evil.example"),
            handshake(url, "http://evil.example"),
            handshake(url, url),  # the app itself
            # DNS rebinding: evil.example resolved to 127.0.0.1, so Origin and Host agree
            handshake(url, "http://evil.example:8501", host="evil.example:8501"),
        ]
    return (log.read_text().splitlines() if log.exists() else []), statuses


def test_foreign_websockets_are_refused_without_any_outside_lookup(tmp_path):
    outside, statuses = serve_and_probe(tmp_path, "ui.serve")
    forbidden, switching = b"HTTP/1.1 403 Forbidden", b"HTTP/1.1 101 Switching Protocols"
    assert statuses == [forbidden, forbidden, switching, forbidden]
    assert outside == []


@pytest.mark.skipif(sys.platform != "linux", reason="documents Streamlit's own behaviour on the CI platform")
def test_plain_streamlit_would_look_itself_up_outside(tmp_path):
    """Why ui.serve exists: the same probes through `python -m streamlit run` make lookups off the machine."""
    outside, _ = serve_and_probe(tmp_path, "streamlit", "run")
    assert any("checkip.amazonaws.com" in line for line in outside), outside


def test_config_keeps_the_safe_defaults():
    import tomllib

    from analysis.paths import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    assert server["address"] == "127.0.0.1"
    assert set(server["allowedHosts"]) <= {"localhost", "127.0.0.1", "::1"}
    assert server["enableXsrfProtection"] is True and server["enableCORS"] is True
    assert server["maxUploadSize"] <= 1 and server["enableStaticServing"] is False
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
    assert config["runner"]["magicEnabled"] is False
