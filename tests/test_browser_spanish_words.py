"""Every page in Spanish, with a place chosen, in a real headless Chromium: no English from source notes or
periods, no ISO dates, and no "(date not given)" beside a figure whose source has a date.

The source notes ("relayed", "quoting …", "as transcribed by …"), the periods ("current", "undated",
"checked …"), the About page's evidence names and row kinds, and the page dates are data turned into words per
language (data/periods.yaml, data/es/sources.yaml); this test reads every text node, label and chart text of
every page (each tab opened in turn) and fails naming the page and the sentence. Screenshots land in
test-artifacts/es-words-<page>.png.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from analysis.i18n import translator
from tests.a11y_helpers import open_page
from tests.browser_helpers import texts_of_every_tab

pytestmark = pytest.mark.browser

PLACE = "state=TX&area=0026420"  # Houston-Pasadena-The Woodlands, TX: a metro area, so every local block shows
# Steps and renewals shown ("+" written %2B: a bare "+" in a URL is a space).
PLAN = "plan=st.working~from.retail~held.cpht%2Bcspt~yrs.2~goal.cpht-adv~to.hospital"
PAGES = {
    "overview": f"?{PLACE}",
    "compare": f"compare?settings=hospital,retail,nuclear&{PLACE}",
    "detail": f"detail?setting=retail&{PLACE}",
    "quiz": f"quiz?answers=patient_contact.0.2~nights.0.3~pay.0.3&{PLACE}",
    "pathways": f"pathways?{PLAN}&{PLACE}",
    "about": f"about?{PLACE}",
}
# English that only a source note, a period or the About page's record kinds would bring onto a Spanish page.
NOTE_WORDS = re.compile(
    r"\b(relayed|relaying|quoting|summarising|summarizing|transcribed|third-party|low authority|news article|"
    r"as read|read in|date not given|undated|current|checked|posting|postings|wages|projections|"
    r"by industry, state and metro area|national files|primary|secondary|corroborated|nonmetro|metro)\b",
    re.IGNORECASE,
)
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NO_DATE = re.compile(r"\((date not given|sin fecha)\)|\((page|página) \)", re.IGNORECASE)
# Names as published that contain one of those words, and file names (oe.data.0.Current) and links.
KEPT = re.compile(r"https?://\S+|\b[\w-]+(\.[\w-]+)+\b")

TEXT_JS = """() => {
  const skip = el => el.closest('[data-testid="stToolbar"],[data-testid="stStatusWidget"],[data-testid="stMainMenu"],'
    + '[data-testid="stDecoration"],[data-testid="stIconMaterial"],script,style,noscript');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (el && !skip(el) && !el.closest('svg')) out.push(walker.currentNode.textContent);
  }
  for (const el of document.querySelectorAll('svg text')) out.push(el.textContent);  // a label drawn over lines
  for (const el of document.querySelectorAll('[aria-label],[title],[alt],[placeholder]'))
    if (!skip(el)) for (const a of ['aria-label', 'title', 'alt', 'placeholder'])
      if (el.getAttribute(a)) out.push(el.getAttribute(a));
  return out.map(t => t.replace(/\\s+/g, ' ').trim()).filter(Boolean);
}"""


def problems_in(texts: list[str]) -> list[str]:
    """Each text with an English note or period word, an ISO date, or a figure left undated."""
    found = []
    for text in texts:
        rest = KEPT.sub(" ", text)
        if NOTE_WORDS.search(rest) or ISO_DAY.search(text) or NO_DATE.search(text):
            found.append(text[:200])
    return sorted(set(found))


def page_texts(page: Page) -> list[str]:
    return texts_of_every_tab(page, TEXT_JS)


def test_spanish_pages_show_no_english_notes_periods_or_iso_dates(page: Page, app_server, artifacts):
    found: dict[str, list[str]] = {}
    for name, path in PAGES.items():
        open_page(page, app_server, path, lang="es")
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        page.screenshot(path=str(artifacts / f"es-words-{name}.png"), full_page=True)
        texts = page_texts(page)
        assert any("Houston" in t for t in texts), f"{name}: the chosen place is not shown"
        if name == "pathways":  # the renewal list of the credentials held is drawn
            assert translator("es").gettext("Renew every") in " ".join(texts), "precondition: renewals shown"
        joined = [t for t in texts if "TheWoodlands" in t]
        bad = problems_in(texts) + [f"lost space: {t}" for t in joined]
        if bad:
            found[name] = bad
    report = "\n".join(f"{name}:\n  " + "\n  ".join(bad) for name, bad in found.items())
    assert not found, "English notes or periods, ISO dates or undated figures on Spanish pages:\n" + report


def test_english_credentials_date_every_figure_whose_source_has_a_date(page: Page, app_server):
    """The at-a-glance and renewal lists read as Detail does: 'as read on …', never '(date not given)'."""
    open_page(page, app_server, f"pathways?{PLAN}")
    texts = page_texts(page)
    assert any("as read on" in t for t in texts), "precondition: a 'current' figure is shown with its day"
    assert any("Renew every" in t for t in texts), "precondition: the renewal list of the credentials held is drawn"
    assert not [t for t in texts if NO_DATE.search(t)], [t for t in texts if NO_DATE.search(t)][:5]


def test_the_check_finds_each_kind_of_problem():
    assert problems_in(["Fuente: BLS (relayed)", "consultado el 2026-11-24", "$129 (sin fecha)", "PTCB (page )"]) == [
        "$129 (sin fecha)",
        "Fuente: BLS (relayed)",
        "PTCB (page )",
        "consultado el 2026-11-24",
    ]
    assert not problems_in(["según se consultó el 24 de noviembre de 2026", "BLS file: oe.data.0.Current"])
