"""A chosen place survives language switches and page changes, in a real headless Chromium.

Choose Florida in Spanish (with the picker, or by opening a link that names it), switch to English and back, and
open every page after each switch: the place stays in the "Pay for" button and in the link (`state=FL`) each time.
Waits only on the app's own state (the script-run attribute Streamlit puts on its root element, the URL, the
button's text), never on a clock.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PAGES = ["compare", "detail", "quiz", "pathways", "about", ""]  # URL paths; "" is the Overview, opened last
PAY_FOR = {"en": "Pay for: Florida", "es": "Pago en: Florida"}
LANGUAGE_NAME = {"en": "English", "es": "Español"}


def idle(page: Page) -> None:
    """Streamlit has finished the script run it was asked for (callers first wait for what the run changes)."""
    expect(page.locator(IDLE)).to_have_count(1, timeout=30_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def place_kept(page: Page, lang: str) -> None:
    """Florida is in the picker's button and in the link."""
    expect(page.get_by_role("button", name=re.compile(PAY_FOR[lang]))).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"[?&]state=FL(&|$)"))
    idle(page)


def switch_language(page: Page, lang: str) -> None:
    page.get_by_role("radio", name=LANGUAGE_NAME[lang]).click()
    expect(page.get_by_role("radio", name=LANGUAGE_NAME[lang])).to_be_checked()
    expect(page.locator("html")).to_have_attribute("lang", lang, timeout=30_000)
    place_kept(page, lang)


def go(page: Page, path: str) -> None:
    """Open a page from the top navigation (found by its address, the same in both languages)."""
    page.locator(f'a[data-testid="stTopNavLink"][href$="/{path}"]').click()
    expect(page).to_have_url(re.compile(rf"/{path}(\?|$)"))
    idle(page)


def choose_florida(page: Page) -> None:
    page.get_by_role("button", name=re.compile("Pago en: Estados Unidos")).click()
    box = page.get_by_role("combobox", name="Estado o territorio (escriba para buscar)")
    box.click()
    box.fill("Florida")
    page.get_by_role("option", name="Florida", exact=True).click()
    page.keyboard.press("Escape")  # close the popover
    place_kept(page, "es")


@pytest.mark.parametrize("how", ["picker", "link"])
def test_a_place_survives_language_switches_and_page_changes(page: Page, app_server, how):
    """Florida, chosen with the picker or opened from a link, is kept through ES→EN→ES→EN and every page."""
    page.goto(f"{app_server}/?lang=es" + ("&state=FL" if how == "link" else ""))
    expect(page.locator("html")).to_have_attribute("lang", "es", timeout=60_000)
    idle(page)
    if how == "picker":
        choose_florida(page)
    place_kept(page, "es")
    for lang in ["en", "es", "en"]:
        switch_language(page, lang)
        for path in PAGES:
            go(page, path)
            place_kept(page, lang)
