"""The fit quiz in a real headless Chromium: answer -> results -> copy link -> open link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.test_browser_dashboard import CHART, settle

pytestmark = pytest.mark.browser


def test_answer_see_results_share_and_reopen(page: Page, app_server, artifacts):
    page.goto(f"{app_server}/quiz")
    settle(page)
    expect(page.get_by_text("Answer at least one question")).to_be_visible()
    page.get_by_text("Yes. I want detailed, high-stakes work.").click()
    settle(page)
    page.get_by_text("As little as possible.").first.click()
    settle(page)
    expect(page.locator(CHART).first).to_be_visible(timeout=20_000)
    expect(page.get_by_text(re.compile("Best fit:")).first).to_be_visible()
    page.screenshot(path=str(artifacts / "quiz-results-1280.png"), full_page=True)

    page.get_by_text("Put my answers in this page's link").click()
    settle(page)
    expect(page.get_by_text("The link now contains your answers.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"answers=.*technical_work"), timeout=15_000)
    link = page.url
    summary = page.get_by_text(re.compile("Best fit:")).first.inner_text()

    other = page.context.new_page()
    other.goto(link)
    settle(other)
    expect(other.locator(CHART).first).to_be_visible(timeout=20_000)
    expect(other.get_by_label("Yes. I want detailed, high-stakes work.")).to_be_checked()
    assert other.get_by_text(re.compile("Best fit:")).first.inner_text() == summary
    expect(other.locator('[data-testid="stException"]')).to_have_count(0)
    other.set_viewport_size({"width": 375, "height": 812})
    other.screenshot(path=str(artifacts / "quiz-375.png"))
