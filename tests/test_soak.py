"""Bounded soak: 20 simulated browser tabs rerun the Compare page on a real server for ~20 s.

A leak guard, not a benchmark (bench/load.py prints the figures): no errors, every tab got runs
done, and memory ends within a generous margin of where it started. A second, short test proves
the websocket client notices a page that raises, a missing page, and a healthy page, so the soak
test can fail. Everything runs against servers these tests start on 127.0.0.1 and stop again.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import sys

import pytest

from bench.load import run_soak
from bench.server import Server
from bench.ws_client import StreamlitTab

if not sys.platform.startswith("linux"):
    pytest.skip("memory readings come from /proc (Linux only)", allow_module_level=True)

pytestmark = pytest.mark.soak  # run by `make soak` and as CI's own step, not in the default run

SOAK_SECONDS = 20
SESSIONS = 20
MEMORY_MARGIN_MB = 100

THREE_PAGES = """
import streamlit as st

def home():
    st.title("Home")

def fine():
    st.title("Fine")
    st.markdown("all good")

def broken():
    st.title("Broken")
    raise RuntimeError("the page failed on purpose")

st.navigation([st.Page(home, title="Home", default=True), st.Page(fine, title="Fine", url_path="fine"),
               st.Page(broken, title="Broken", url_path="broken")]).run()
"""


def in_own_thread(fn, *args, **kwargs):
    """Run fn in a fresh thread: Playwright's sync API may have left an event loop running in this one,
    and asyncio.run() refuses to start inside a running loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def test_twenty_sessions_on_compare_stay_healthy():
    r = in_own_thread(run_soak, SOAK_SECONDS, "compare", sessions=SESSIONS, sample_every=5, probe=False)
    summary = (
        f"runs={r['runs']} min/session={r['min_runs_per_session']} errors={r['errors']} "
        f"{r['error_examples']} rss start={r['rss_mb_start']:.0f} end={r['rss_mb_end']:.0f} MB "
        f"samples={[round(s['rss_mb']) for s in r['samples']]}"
    )
    assert r["errors"] == 0, summary
    assert r["min_runs_per_session"] >= 1, "a session got no run done in the window: " + summary
    assert r["runs"] >= SESSIONS, summary
    assert r["rss_mb_end"] <= r["rss_mb_start"] + MEMORY_MARGIN_MB, "server memory grew: " + summary


def test_client_reports_page_errors(tmp_path):
    """The same client against a tiny app: a raising page and a missing page are errors, a plain page is not."""
    app = tmp_path / "three_pages.py"
    app.write_text(THREE_PAGES)

    async def runs(url: str, page: str) -> list[list[str]]:
        async with StreamlitTab(url, page, timeout=30) as tab:
            return [(await tab.rerun()).errors for _ in range(2)]

    # cwd = project root: the app's own config (client.showErrorDetails = "none") applies, so this
    # also shows that a redacted exception is still seen.
    with Server(app) as server:
        fine = in_own_thread(asyncio.run, runs(server.url, "fine"))
        broken = in_own_thread(asyncio.run, runs(server.url, "broken"))
        missing = in_own_thread(asyncio.run, runs(server.url, "no-such-page"))
    assert fine == [[], []]
    assert all(any(e.startswith("exception element") for e in errs) for errs in broken), broken
    assert any(e.startswith("page_not_found") for e in missing[0]), missing
    assert all(errs for errs in missing), missing
