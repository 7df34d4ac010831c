"""A counselor session end to end in a real headless Chromium:
quiz -> shortlist -> download the PDF -> New client, and the PDF's pages rendered to PNG."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser_helpers import quiz_to_pdf, settle

pytestmark = pytest.mark.browser


def test_full_session_download_and_reset(page: Page, app_server, artifacts):
    download = quiz_to_pdf(page, app_server, "Zoë Ñúñez–Ørsted")
    pdf_path = artifacts / "session-summary.pdf"
    download.save_as(pdf_path)
    data = pdf_path.read_bytes()
    assert data.startswith(b"%PDF")
    reader = PdfReader(pdf_path)
    assert len(reader.pages) <= 2
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Zoë Ñúñez–Ørsted" in text
    assert "not a test" in text
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf_path), str(artifacts / "session-summary")], check=True)

    # New client: confirm, and everything about this person is gone, URL included.
    page.get_by_role("button", name=re.compile("New client")).click()
    settle(page)
    page.get_by_role("button", name="Yes, clear everything").click()
    settle(page)
    expect(page.get_by_role("heading", name=re.compile("side by side"))).to_be_visible(timeout=15_000)
    assert "?" not in page.url
    page.get_by_role("link", name="Fit quiz").click()  # same browser session, not a fresh load
    settle(page)
    expect(page.get_by_text(re.compile(r"^0 of \d+ questions answered"))).to_be_visible(timeout=15_000)
    expect(page.get_by_label("Yes. I want a big part of my day to be sterile work.")).not_to_be_checked()
