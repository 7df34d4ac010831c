"""Every page readable where people read it, measured in a real browser: a phone (375x812), a laptop or
projector (1280x720) and a large room screen in presentation view (1920x1080).

Fails on: anything that needs sideways scrolling, labels cut off with an ellipsis or drawn over each other
or outside their chart, any text below 4.5:1 contrast (WCAG AA; captions and chart labels included), and
in presentation view type under 18 px on the first screen. The checks and the list of pages live in
bench/screens.py, shared with `make screenshots`. Screenshots of every view land in
test-artifacts/readability/ for a person to look at.

What cannot be measured here: text drawn inside images (heatmap cells are rasters; their colours are
checked in tests/test_figures.py) and inside the data grid's canvas.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from bench.screens import LAPTOP, PAGES, PHONE, ROOM, VIEWPORTS, audit
from tests.browser_helpers import full_page_screenshot, open_view, page_in_shared_context, settle, shared_context  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser
BASE_FONT_PX = "parseFloat(getComputedStyle(document.querySelector('[data-testid=\"stAppViewContainer\"]')).fontSize)"


# Known and owned elsewhere: the Credentials page's credential grid is a data grid about 1,500 px wide, so it
# scrolls sideways at 1280 px and on a phone until its list view lands. Strict: this fails once it is fixed,
# so the mark is taken off then.
KNOWN: set[tuple[str, str]] = set()  # (page, viewport) pairs known to fail, each with a reason
VIEWS = [
    pytest.param(
        name,
        path,
        heading,
        vp,
        id=f"{name}-{vp.name}",
        marks=[pytest.mark.xfail(strict=True, reason="credential grid wider than the window")]
        if (name, vp.name) in KNOWN
        else [],
    )
    for name, path, heading in PAGES
    for vp in VIEWPORTS
]


@pytest.mark.parametrize("name,path,heading,viewport", VIEWS)
def test_page_is_readable(page: Page, app_server, artifacts, name, path, heading, viewport):
    open_view(page, app_server, path, heading, viewport)
    problems = audit(page, viewport)
    (artifacts / "readability").mkdir(exist_ok=True)
    full_page_screenshot(page, artifacts / "readability" / f"{name}-{viewport.name}.png", viewport)
    assert not problems, "\n".join(f"{p['kind']}: {p['text']!r} — {p['detail']}" for p in problems)


def test_the_check_catches_what_it_is_for(page: Page, app_server):
    """The audit must be able to fail: faded text, a label cut off and a page wider than the phone."""
    open_view(page, app_server, "about", "About the data", PHONE)
    page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMainBlockContainer"]');
        main.insertAdjacentHTML('afterbegin',
          '<p id="faded" style="color:#999">faded caption</p>' +
          '<div id="cut" style="width:60px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis">' +
          'a long label cut off</div>' +
          '<div id="wide" style="width:900px;height:4px"></div>');
    }""")
    kinds = {(p["kind"], p["text"]) for p in audit(page, PHONE)}
    assert ("low contrast", "faded caption") in kinds
    assert ("clipped label", "a long label cut off") in kinds
    assert any(kind == "sideways scrolling" for kind, _ in kinds)


def test_presentation_view_keeps_navigation_and_survives_new_client(page: Page, app_server):
    open_view(page, app_server, "quiz", "fit", ROOM.__class__("narrow room", 700, 900, presentation=True))
    # Below 768 px Streamlit moves the page links into its menu; the menu button must still be there.
    menu = page.locator(
        '[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"], '
        '[data-testid="stNavigation"], header [data-testid="stTopNavLinkContainer"]'
    )
    assert menu.count() > 0 and menu.first.is_visible()
    size = page.evaluate(BASE_FONT_PX)
    assert size >= 22
    page.get_by_role("button", name="New client").click()
    page.get_by_role("button", name="Yes, clear everything").click()
    page.get_by_role("heading", name="Pharmacy technician settings").first.wait_for(timeout=30_000)
    settle(page)  # the run after New client has finished and the stylesheet is in
    after = page.evaluate(BASE_FONT_PX)
    assert after == size, "presentation view dropped back to normal type after New client"
    assert page.get_by_role("switch", name="Presentation view").is_checked()


def test_tracking_tags_are_dropped_silently_and_the_compare_tab_is_in_the_link(page: Page, app_server):
    open_view(
        page,
        app_server,
        "compare?utm_source=newsletter&utm_medium=email&fbclid=abc&tab=ratings",
        "Compare settings",
        LAPTOP,
    )
    assert page.locator('[data-testid="stAlert"]').count() == 0  # no notice box for tracking tags
    assert page.get_by_role("tab", name="Ratings (editorial)").get_attribute("aria-selected") == "true"
    assert "utm_source" not in page.url and "tab=ratings" in page.url
    page.get_by_role("tab", name="Tasks").click()
    page.wait_for_function("location.search.includes('tab=tasks')", timeout=20_000)
