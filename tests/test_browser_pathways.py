"""The credentials page in a real headless Chromium: a retail CPhT's link opens the where-next view, and on a
phone-width screen the credential map is a list per setting instead of the grid."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_helpers import CHART, settle

pytestmark = pytest.mark.browser

RETAIL_CPHT = "st.working~from.retail~held.cpht~yrs.2~csp.0~hpw.40~gap.0~dip.1~help.0~to.hospital"


def test_retail_cpht_link_shows_what_is_within_reach(page: Page, app_server, artifacts):
    page.goto(f"{app_server}/pathways?plan={RETAIL_CPHT}")
    settle(page)
    # The first tab: every other setting, closest first, one card each.
    expect(page.get_by_text("From Retail / community pharmacy: every other setting, closest first")).to_be_visible(
        timeout=20_000
    )
    hospital = page.get_by_text("Within reach: not yet").first
    expect(hospital).to_be_visible()
    expect(page.get_by_text("Missing: CSPT").first).to_be_visible()
    page.screenshot(path=str(artifacts / "pathways-where-next-1280.png"))
    page.get_by_role("tab", name="Plan toward a setting").click()
    settle(page)
    expect(page.get_by_text("Step 1: PTCB Certified Compounded Sterile Preparation Technician")).to_be_visible(
        timeout=20_000
    )
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


@pytest.mark.parametrize("width, grid_shown", [(390, False), (1280, True)])
def test_credential_map_is_a_list_on_a_phone(page: Page, app_server, artifacts, width, grid_shown):
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 720})
    page.goto(f"{app_server}/pathways")
    settle(page)
    page.get_by_role("tab", name="Credentials at a glance").click()
    settle(page)
    grid = page.locator(".st-key-credential_grid")
    listed = page.locator(".st-key-credential_list")
    if grid_shown:
        expect(grid.locator(CHART).first).to_be_visible(timeout=20_000)
        expect(listed).to_be_hidden()
    else:
        expect(listed.get_by_text("Hospital (inpatient)")).to_be_visible(timeout=20_000)
        expect(grid).to_be_hidden()
        listed.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"pathways-map-{width}.png"), full_page=False)
