"""A whole counselor session leaves no file behind: not in the checkout, not in the server's home or
temporary folder, not in the browser's home.

The server and the browser each get a home and a temporary folder of their own for this test, so the
check sees exactly what they write, and whatever other programs write to the user's real home folder
(editors, shells, package caches) cannot fail it.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import BrowserType

from bench.server import ROOT
from tests.browser_helpers import quiz_to_pdf, settle
from tests.server_helpers import own_server

pytestmark = pytest.mark.browser

# Written by the test run itself, not by the app.
IGNORED = ("test-artifacts", ".pytest_cache", ".hypothesis", "__pycache__")


def snapshot(*roots: Path) -> dict[str, float]:
    files: dict[str, float] = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in IGNORED and not d.startswith("ms-playwright")]
            for name in filenames:
                path = os.path.join(dirpath, name)
                try:
                    files[path] = os.stat(path).st_mtime_ns
                except OSError:
                    pass
    return files


def own_folders(base: Path) -> dict[str, str]:
    """Environment giving a process its own home, temporary and XDG folders under `base`."""
    env = {
        "HOME": base / "home",
        "TMPDIR": base / "tmp",
        "XDG_CONFIG_HOME": base / "home" / ".config",
        "XDG_CACHE_HOME": base / "home" / ".cache",
        "XDG_DATA_HOME": base / "home" / ".local" / "share",
    }
    for folder in env.values():
        folder.mkdir(parents=True, exist_ok=True)
    return {k: str(v) for k, v in env.items()}


@pytest.fixture
def short_tmp():
    """A temporary folder with a short path: Chromium's socket path under TMPDIR must stay under 108 bytes."""
    with tempfile.TemporaryDirectory(prefix="rx-kept-") as folder:
        yield Path(folder)


def test_a_full_session_leaves_nothing_behind(
    browser_type: BrowserType, browser_type_launch_args, browser_context_args, short_tmp
):
    server_env = own_folders(short_tmp / "server")
    browser_env = own_folders(short_tmp / "browser")
    browser = browser_type.launch(**browser_type_launch_args, env={**os.environ, **browser_env})
    watched = [ROOT, Path(server_env["HOME"]), Path(server_env["TMPDIR"]), Path(browser_env["HOME"])]
    log = ROOT / "test-artifacts" / "nothing-kept-server.log"
    try:
        page = browser.new_context(**browser_context_args).new_page()
        with own_server("app.py", env={"PYTHONDONTWRITEBYTECODE": "1", **server_env}, log_path=log) as server:
            url = server.url
            page.goto(url)
            settle(page)
            before = snapshot(*watched)
            download = quiz_to_pdf(page, url, "Private Person")
            assert Path(download.path()).read_bytes().startswith(b"%PDF")  # the browser's own temp download
            page.goto(f"{url}/compare?settings=retail,nuclear")
            settle(page)
            page.get_by_role("button", name=re.compile("New client")).click()
            settle(page)
            page.get_by_role("button", name="Yes, clear everything").click()
            settle(page)
            after = snapshot(*watched)
    finally:
        browser.close()
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert changed == [], f"the session wrote: {changed[:10]}"
    assert not any(Path(server_env["TMPDIR"]).iterdir()), "the server left files in its temporary folder"
    assert "Private Person" not in log.read_text()
