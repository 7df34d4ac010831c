"""A whole counselor session writes no file outside the system's temporary folders."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from bench.server import ROOT, Server
from tests.test_browser_dashboard import settle
from tests.test_browser_session import quiz_to_pdf

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


def test_a_full_session_writes_nothing_outside_temp(page: Page):
    watched = [ROOT, Path.home()]  # the checkout (wherever it is) and the home folder; not the temp folders
    log = ROOT / "test-artifacts" / "nothing-kept-server.log"
    with Server("app.py", env={"PYTHONDONTWRITEBYTECODE": "1"}, log_path=log) as server:
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
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert changed == [], f"the session wrote: {changed[:10]}"
    assert "Private Person" not in log.read_text()
