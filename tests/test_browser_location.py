"""Pay where you live in a real headless Chromium: pick Ohio, then Cleveland, at 1280 and 375 px; every page
follows; the link restores the place in a fresh browser; the map draws with the internet cut off.

Screenshots land in test-artifacts/ (location-*.png).
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tests.browser_helpers import animations_done, next_frame, see_results, settle

pytestmark = pytest.mark.browser

CHART = ".js-plotly-plot .main-svg"
STATE_LABEL = "State or territory (type to search)"
AREA_LABEL = "Metro or nonmetro area (optional)"


def choose(page: Page, label: str, typed: str, option: str) -> None:
    """Type into a searchable select box and take the option offered."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def shot(page: Page, anchor, name: str, artifacts) -> None:
    """A viewport screenshot with `anchor` scrolled into view (Streamlit scrolls inside its own container)."""
    anchor.first.evaluate("e => e.scrollIntoView({block: 'center'})")
    next_frame(page)
    page.screenshot(path=str(artifacts / name))


def pick_ohio_then_cleveland(page: Page, artifacts, width: int) -> None:
    page.get_by_role("button", name=re.compile("Pay for: United States")).click()
    choose(page, STATE_LABEL, "Ohio", "Ohio")
    expect(page).to_have_url(re.compile(r"state=OH"), timeout=15_000)
    if not page.get_by_role("combobox", name=AREA_LABEL).is_visible():  # the rerun may close the popover
        page.get_by_role("button", name=re.compile("Pay for: Ohio")).click()
    box = page.get_by_role("combobox", name=AREA_LABEL)
    box.click()
    box.fill("Cleveland")
    page.screenshot(path=str(artifacts / f"location-picker-{width}.png"))
    page.get_by_role("option", name="Cleveland, OH metro area", exact=True).click()
    settle(page)
    expect(page).to_have_url(re.compile(r"area=0017410"), timeout=15_000)
    page.keyboard.press("Escape")  # close the popover
    page.mouse.move(5, 500)  # and leave no tooltip over the navigation
    expect(page.get_by_role("button", name=re.compile("Pay for: Cleveland, OH metro area"))).to_be_visible()


def go(page: Page, name: str) -> None:
    """Open a page from the navigation (at phone width it sits in a collapsed sidebar)."""
    expand = page.locator('[data-testid="stExpandSidebarButton"]')
    if expand.count() and expand.first.is_visible():
        expand.first.click()
    page.get_by_role("link", name=name).first.click()
    settle(page)
    collapse = page.locator('[data-testid="stSidebarCollapseButton"] button, [data-testid="stSidebarCollapseButton"]')
    if page.locator("#stSidebar[data-collapsed='false']").count() and collapse.count():
        collapse.first.click(force=True)
        animations_done(page, "#stSidebar")


def check_every_page(page: Page, artifacts, width: int) -> None:
    """Overview, Compare (pay tab), Setting detail and the quiz each show Cleveland's published median."""
    local = page.get_by_text(re.compile(r"Cleveland, OH metro area, all settings \(May 2025\): median \$39,310")).first
    expect(local).to_be_visible()
    shot(page, page.get_by_role("heading", name="Pay where you live"), f"location-overview-{width}.png", artifacts)
    shot(page, page.locator(".js-plotly-plot", has_text="OH").first, f"location-map-{width}.png", artifacts)
    go(page, "Compare")
    expect(page.get_by_text("Pay in Cleveland, OH metro area")).to_be_visible(timeout=20_000)
    shot(page, page.get_by_text("Pay in Cleveland, OH metro area"), f"location-compare-{width}.png", artifacts)
    assert "state=OH" in page.url and "area=0017410" in page.url
    go(page, "Setting detail")
    expect(page.get_by_text(re.compile(r"In Cleveland, OH metro area, all settings \(May 2025\)"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Rough figure for .* about \$"))).to_be_visible()
    expect(page.get_by_text("Estimate, not a BLS figure").first).to_be_visible()
    shot(page, page.get_by_text(re.compile(r"Rough figure for")), f"location-detail-{width}.png", artifacts)
    go(page, "Fit quiz")
    page.get_by_text("A lot. I like helping people face to face.").first.click()
    settle(page)
    see_results(page)
    expect(page.get_by_text("Pay in Cleveland, OH metro area")).to_be_visible(timeout=20_000)
    shot(page, page.get_by_text("Pay in Cleveland, OH metro area"), f"location-quiz-{width}.png", artifacts)
    assert "state=OH" in page.url and "area=0017410" in page.url


def download_pdf_text(page: Page, artifacts) -> str:
    """The quiz's take-home PDF, downloaded as a person would, as text."""
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=re.compile("Download summary")).click()
    path = artifacts / "location-summary.pdf"
    info.value.save_as(path)
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (375, 812)])
def test_pick_a_state_and_a_metro_and_every_page_follows(
    page: Page, app_server, artifacts, browser: Browser, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_server)
    settle(page)
    pick_ohio_then_cleveland(page, artifacts, width)
    expect(page.locator(".js-plotly-plot", has_text="WA").first).to_be_visible(timeout=20_000)  # the state map
    link = page.url
    check_every_page(page, artifacts, width)
    if width >= 1280:  # the take-home PDF names the place and prints its published figures
        text = download_pdf_text(page, artifacts)
        assert "Pay where you live: Cleveland, OH metro area" in text and "$39,310" in text and "$40,650" in text

    # The link alone restores the place in a fresh browser (no cookies, no session).
    fresh = browser.new_context(viewport={"width": width, "height": height})
    try:
        other = fresh.new_page()
        other.goto(link)
        settle(other)
        expect(other.get_by_role("button", name=re.compile("Pay for: Cleveland, OH metro area"))).to_be_visible()
        expect(other.get_by_text(re.compile(r"median \$39,310")).first).to_be_visible()
        if width < 400:
            width_px = other.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
            assert width_px <= 400
    finally:
        fresh.close()


def test_the_map_draws_with_the_internet_cut_off(page: Page, app_server, artifacts):
    """Every request that is not to the app's own loopback server is refused and recorded."""
    outside: list[str] = []
    server = urlparse(app_server).netloc

    def only_loopback(route):
        if urlparse(route.request.url).netloc == server:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    page.goto(f"{app_server}/?state=CA")
    settle(page)
    grid = page.locator(".js-plotly-plot", has_text="CA").first
    expect(grid).to_be_visible(timeout=20_000)
    expect(grid).to_contain_text("55.1")
    expect(grid).to_contain_text("WA")
    assert grid.locator(".hm, .heatmaplayer image, image").count() >= 1  # the heatmap itself was painted
    page.get_by_text("All states and territories, sortable").click()
    settle(page)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    grid.screenshot(path=str(artifacts / "location-map-offline.png"))
    assert outside == [], outside
