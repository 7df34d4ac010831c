"""The fit quiz in a real headless Chromium: answer -> results -> copy link -> open link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser_helpers import CHART, open_tab, see_results, settle

pytestmark = pytest.mark.browser


def test_answer_see_results_share_and_reopen(page: Page, app_server, artifacts):
    page.goto(f"{app_server}/quiz")
    settle(page)
    expect(page.get_by_text("Answer at least one question")).to_be_visible()
    expect(page.get_by_role("button", name="See my results")).to_have_count(0)
    page.get_by_text("Yes. I want a big part of my day to be sterile work.").click()
    settle(page)
    page.get_by_text("As little as possible.").first.click()
    settle(page)
    standing = page.locator("p", has_text="Best fits so far:").inner_text()
    expect(page.locator(CHART)).to_have_count(0)  # answering draws the questions, not the results
    see_results(page)
    expect(page.get_by_text(re.compile("Best fit:")).first).to_be_visible()
    first = shown_ranking(page)[0]
    assert f"1. {first} (" in standing or f"=1. {first} (" in standing, (standing, first)
    page.screenshot(path=str(artifacts / "quiz-results-1280.png"), full_page=True)

    page.get_by_text("Put my answers in this page's link").click()
    settle(page)
    expect(page.get_by_text("The link now contains your answers.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"answers=.*sterile_work"), timeout=15_000)
    link = page.url
    summary = page.get_by_text(re.compile("Best fit:")).first.inner_text()

    other = page.context.new_page()
    other.goto(link)
    settle(other)
    expect(other.locator(CHART).first).to_be_visible(timeout=20_000)  # a link with answers opens on the results
    assert other.get_by_text(re.compile("Best fit:")).first.inner_text() == summary
    open_tab(other, "Questions")
    expect(other.get_by_label("Yes. I want a big part of my day to be sterile work.")).to_be_checked()
    expect(other.locator('[data-testid="stException"]')).to_have_count(0)
    other.set_viewport_size({"width": 375, "height": 812})
    other.screenshot(path=str(artifacts / "quiz-375.png"))


def shown_ranking(page: Page) -> list[str]:
    """Setting names in the "why each setting scored" list, in order (labels like "=2. Hospital — 88/100")."""
    labels = page.locator('[data-testid="stExpander"] summary').all_inner_texts()
    found = [re.search(r"(?:^|\n)=?\d+\. (.+?) — \d+/100", t) for t in labels]
    return [m.group(1).strip() for m in found if m]


def shown_shortlist(page: Page) -> list[str]:
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Shortlist for the summary")
    tags = box.locator(".react-aria-ComboBox [data-tag-index]")  # the chips (a hidden <template> copy is skipped)
    return [tags.nth(i).get_attribute("aria-label") for i in range(tags.count())]


def test_keyboard_answers_keep_the_shortlist_and_the_pdf_on_the_current_top_three(page: Page, app_server, artifacts):
    """Answering with the keyboard (quick arrow keys, each a rerun that may cut the last one short) used
    to leave the shortlist on an earlier top three, and the PDF was built from that stale list."""
    from pypdf import PdfReader

    page.goto(f"{app_server}/quiz")
    settle(page)
    expect(page.get_by_text(re.compile(r"0 of \d+ questions answered"))).to_be_visible()
    page.get_by_label("Yes. I want a big part of my day to be sterile work.").focus()
    page.keyboard.press("Space")
    settle(page)
    see_results(page)
    first_top = shown_ranking(page)[:3]
    open_tab(page, "Questions")
    # Patient contact by arrow keys, quickly: "A lot" -> "Some" -> "As little as possible".
    page.get_by_label("A lot. I like helping people face to face.").focus()
    page.keyboard.press("Space")
    for label in ["Some, now and then.", "As little as possible."]:
        page.keyboard.press("ArrowDown")  # the next key only once the radio has moved: no rerun waited for
        expect(page.get_by_label(label)).to_be_checked()
    settle(page)
    page.get_by_label("Mostly on my own.").focus()
    page.keyboard.press("Space")
    expect(page.get_by_label("Mostly on my own.")).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_label("A mix of both.")).to_be_checked()
    settle(page)
    expect(page.get_by_text(re.compile(r"3 of \d+ questions answered"))).to_be_visible()
    see_results(page)
    top = shown_ranking(page)[:3]
    assert top != first_top, "the answers should move the ranking, or this test checks nothing"
    assert shown_shortlist(page) == top
    expect(page.get_by_text("The shortlist follows your top three until you change it.")).to_be_visible()

    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=re.compile("Download summary")).click()
    path = artifacts / "quiz-keyboard-summary.pdf"
    info.value.save_as(path)
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    in_pdf = re.findall(r"^(.+?) \u2014 fit \d+/100", text, flags=re.MULTILINE)
    assert in_pdf == top, "the PDF's shortlist is the one on the page"


def test_on_a_phone_the_points_table_fits_without_sideways_scrolling(page: Page, app_server, artifacts):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{app_server}/quiz")
    settle(page)
    page.get_by_text("Yes. I want a big part of my day to be sterile work.").click()
    settle(page)
    page.get_by_text("I want the highest pay I can get.").click()
    settle(page)
    see_results(page)
    table = page.locator('[data-testid="stExpander"] table').first
    expect(table).to_be_visible(timeout=20_000)
    table.scroll_into_view_if_needed()
    fits = table.evaluate("t => t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1")
    headers = table.locator("th").all_inner_texts()
    assert headers == ["Your answer", "Match", "Weight", "Points"]
    assert fits, "the points table runs past the right edge of a 375 px screen"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    page.screenshot(path=str(artifacts / "quiz-points-375.png"), full_page=False)
