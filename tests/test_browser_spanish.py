"""Every page in Spanish, in a real headless Chromium at 1280 px and 375 px: no English left in the UI.

The check reads every text node, tooltip-free label and chart text on the page (collapsed expanders and
closed tabs included, by opening each tab), removes the names that stay in English on purpose (publications,
publishers, credential names as PTCB and NHA publish them, the language picker's "English"), and fails on any
common English word that is left, naming the page, the width and the sentence. Screenshots land in
test-artifacts/es-<page>-<width>.png.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from analysis.loading.loader import load_catalogs
from analysis.local_pay import SOURCE
from tests.browser_helpers import settle, texts_of_every_tab

pytestmark = pytest.mark.browser

# Words that only English uses (none is a Spanish word in this app's texts).
ENGLISH = re.compile(
    r"\b(the|and|of|to|with|your|you|for|from|this|that|which|are|is|was|were|not|each|than|what|how|when|where|"
    r"who|will|it|its|be|by|or|at|an|on|in|into|about|our|we|they|their|has|have|pay|per year|per hour|jobs|"
    r"setting|settings|hours|week|weeks|year|years|no published figure|median|wage|shift|shifts|rating|ratings|"
    r"source|sources|download|choose|show|open|close|compare|overview|credentials|quiz)\b",
    re.IGNORECASE,
)
# Streamlit's own accessibility labels (the framework ships them in English only; they are not our text).
STREAMLIT_CHROME = [
    "Skip to main content",
    "Link to heading",
    "Help for ",
    "Download as CSV",
    "Download as PNG",
    "Show data",
    "Show/hide columns",
    "Search",
    "Fullscreen",
    "Open",
    "Choose date",
    "year, ",
    "month, ",
    "day, ",
]
# Names that stay in English: catalogued publications and publishers, credential names, and these.
KEPT_NAMES = [
    *STREAMLIT_CHROME,
    "English",
    "Rx Settings Explorer",
    "high school",
    "per diem",
    "travel",
    "managed care",
    "apprenticeship",
    "registered apprenticeship",
    "board of pharmacy",
    "nursing homes",
    "tech-check-tech",
    "CPhT (or CPhT-Adv)",
    "Certified Pharmacy Technician Educator",
    "Advanced Certified Pharmacy Technician",
    "Compounded Sterile Preparation Technician",
    "PTCB Certified Pharmacy Technician",
    "Wisconsin Act 100",
    # PTCB's program and certificate names, kept as published beside their Spanish explanation.
    "Technician Product Verification",
    "Medication History",
    "Hazardous Drug Management",
    "Billing and Reimbursement",
    "Controlled Substances Diversion Prevention",
    "Immunization Administration",
    "Point-of-Care Testing",
    "Medication Therapy Management",
    "Regulatory Compliance",
    "Supply Chain and Inventory Management",
    "Nonsterile Compounding",
]
PAGES = {
    "overview": "",
    "compare": "compare?settings=hospital,retail,nuclear",
    "detail": "detail?setting=hospital",
    "quiz": "quiz?answers=patient_contact.0.2~nights.0.3~pay.0.3",
    "pathways": "pathways",
    "about": "about",
}

TEXT_JS = """() => {
  const skip = el => el.closest('[data-testid="stToolbar"],[data-testid="stStatusWidget"],[data-testid="stMainMenu"],'
    + '[data-testid="stDecoration"],[data-testid="stIconMaterial"],[data-testid="stIconEmoji"],script,style,noscript');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || skip(el)) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label],[title],[alt],[placeholder]')) {
    if (skip(el)) continue;
    for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {
      const v = el.getAttribute(a);
      if (v) out.push(v.replace(/\\s+/g, ' ').trim());
    }
  }
  return out;
}"""


def kept_names() -> list[str]:
    catalogs = load_catalogs()
    names = set(KEPT_NAMES)
    for src in catalogs.sources.values():
        # The title as published; the Spanish page adds its note in Spanish: "Where do … work? (cita …)".
        names |= {src.title, src.title.split(" (")[0], src.publisher, src.url}
    for cred in catalogs.credentials.values():
        names |= {cred.name, cred.issuer, cred.short_name}
    names.add(SOURCE)
    return sorted(names, key=len, reverse=True)


def english_left(texts: list[str], names: list[str]) -> list[str]:
    found = []
    for text in texts:
        if re.fullmatch(r"[A-Z]{2}", text.strip()):  # a state's postal code on the tile map (IN, OR)
            continue
        rest = text
        for name in names:
            rest = rest.replace(name, " ")
        rest = re.sub(r"https?://\S+|\b[\w.-]+\.(com|org|gov|edu|net)\b|\b\w+(_\w+)+\b|\b[a-z]+\.[a-z_.]+\b", " ", rest)
        if ENGLISH.search(rest):
            found.append(text[:160])
    return sorted(set(found))


def page_texts(page: Page) -> list[str]:
    return texts_of_every_tab(page, TEXT_JS)


@pytest.mark.parametrize("width", [1280, 375])
def test_every_page_in_spanish_leaves_no_english(page: Page, app_server, artifacts, width):
    page.set_viewport_size({"width": width, "height": 900 if width < 600 else 720})
    names = kept_names()
    problems: dict[str, list[str]] = {}
    for name, path in PAGES.items():
        sep = "&" if "?" in path else "?"
        page.goto(f"{app_server}/{path}{sep}lang=es")
        settle(page)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        page.screenshot(path=str(artifacts / f"es-{name}-{width}.png"), full_page=True)
        texts = page_texts(page)
        assert sum(len(t) for t in texts) > 500, f"{name} @ {width}px: the page drew almost nothing"
        left = english_left(texts, names)
        if left:
            problems[name] = left
    report = "\n".join(f"{name} @ {width}px:\n  " + "\n  ".join(left) for name, left in problems.items())
    assert not problems, "English left in the Spanish UI:\n" + report


def test_the_check_finds_english_and_spares_kept_names():
    names = kept_names()
    assert english_left(["Pay per year for each setting"], names)
    assert not english_left(
        ["Salario anual mediano, todas las industrias", "PTCB Certified Pharmacy Technician"], names
    )
    assert not english_left(["English", "IN", "OR"], names)
    assert english_left(["in", "Fees or dues"], names)
