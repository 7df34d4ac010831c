"""Serve the app with Streamlit's own outbound look-up switched off: `python -m ui.serve app.py [options]`.

Takes the same options as `streamlit run`. Streamlit asks http(s)://checkip.amazonaws.com for the
machine's public address when a websocket arrives from a foreign origin (to decide whether that
origin is the machine itself), again on every such connection while the look-up fails, and at start-up
when server.address is a wildcard. No config option turns this off, so the look-up is replaced by
"unknown" before the server starts: foreign origins are then simply refused. The same goes for its
local-address probe (a UDP socket "connected" to 8.8.8.8; no packet, but no reason to try either). app.py calls
`keep_offline()` too, so a plain `streamlit run app.py` also stops looking after the first page view.
"""

from __future__ import annotations

import sys

from streamlit import net_util


def _unknown_address() -> None:
    return None


def keep_offline() -> None:
    """Never ask an outside service for this machine's address (idempotent, cheap)."""
    net_util.get_external_ip = _unknown_address
    net_util.get_internal_ip = _unknown_address


def main(argv: list[str] | None = None) -> None:
    keep_offline()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
