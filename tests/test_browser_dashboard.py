"""The dashboard in a real headless Chromium: pages draw, charts render, links round-trip.

Screenshots land in test-artifacts/ (1280x720 for a projector, 375 px for a phone).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser_helpers import CHART, CHART_BOX, settle

pytestmark = pytest.mark.browser


def test_every_page_opens_without_an_error(page: Page, app_server, artifacts):
    for path, heading in [
        ("", "Pharmacy technician settings"),
        ("compare", "Compare settings"),
        ("detail?setting=nuclear", "Nuclear"),
        ("about", "About the data"),
    ]:
        page.goto(f"{app_server}/{path}")
        settle(page)
        expect(page.get_by_role("heading", name=re.compile(heading)).first).to_be_visible(timeout=15_000)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.goto(app_server)
    settle(page)
    page.screenshot(path=str(artifacts / "overview-1280.png"))


def test_compare_draws_charts_and_the_url_follows_the_selection(page: Page, app_server, artifacts):
    page.goto(f"{app_server}/compare")
    settle(page)
    expect(page.locator(CHART).filter(visible=True).first).to_be_visible(timeout=20_000)
    assert "settings=hospital%2Cretail%2Clong-term-care%2Cindustry-pbm" in page.url
    page.screenshot(path=str(artifacts / "compare-1280.png"))
    # Each tab draws its own chart when opened.
    for tab, text in [
        ("Ratings (editorial)", "Editorial rating"),
        ("Hours", "Nights"),
        ("Tasks", "share of working time"),
        ("Credentials", "CPhT"),
        ("Pay", "USD per year"),
    ]:
        page.get_by_role("tab", name=tab).click()
        settle(page)
        expect(page.locator(CHART_BOX).filter(visible=True).first).to_contain_text(text, timeout=20_000)

    # Remove PBM from the selection: the URL and the charts follow.
    page.get_by_role("button", name=re.compile("Remove PBM")).click()
    settle(page)
    expect(page).to_have_url(re.compile(r"settings=hospital%2Cretail%2Clong-term-care(&|$)"), timeout=15_000)
    expect(page.locator(CHART_BOX).filter(visible=True).first).to_be_visible()
    expect(page.locator(CHART_BOX).filter(visible=True).first).not_to_contain_text("PBM")
    expect(page.locator(CHART_BOX).filter(visible=True).first).to_contain_text("Long-term care")


def test_a_copied_link_reproduces_the_view_and_bad_parts_get_a_notice(page: Page, app_server):
    page.goto(f"{app_server}/compare?settings=nuclear,federal-va,nope&pay=hourly&junk=1")
    settle(page)
    expect(page.get_by_text("Ignored unknown setting(s) in the link: nope.")).to_be_visible()
    expect(page.get_by_text(re.compile("“junk”"))).to_be_visible()
    expect(page.locator(CHART).filter(visible=True).first).to_be_visible(timeout=20_000)
    chart_text = page.locator(CHART_BOX).filter(visible=True).first.inner_text()
    assert "Nuclear" in chart_text and "Federal / VA" in chart_text
    assert "per hour" in chart_text
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_phone_width_layout(page: Page, app_server, artifacts):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{app_server}/compare")
    settle(page)
    expect(page.locator(CHART).filter(visible=True).first).to_be_visible(timeout=20_000)
    page.screenshot(path=str(artifacts / "compare-375.png"))
    # Nothing forces the page wider than the phone.
    width = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert width <= 400


def test_no_request_leaves_the_machine(page: Page, app_server):
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None,
    )
    for path in ["", "compare", "detail", "about"]:
        page.goto(f"{app_server}/{path}")
        settle(page)
        page.wait_for_load_state("networkidle")  # late fetches (fonts, chart assets) have been made too
    assert outside == []
