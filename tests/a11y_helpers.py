"""Helpers for the accessibility tests (tests/test_browser_accessibility.py, tests/test_browser_keyboard.py):
waiting for the app by its own state, and running axe-core (bundled with the axe-playwright-python package)."""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from analysis.i18n import translator
from tests.browser_helpers import READY, settle

# WCAG 2.0 and 2.1, levels A and AA: the rules issue #25 holds the app to.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")  # fail the test; "moderate" and "minor" are reported only
AXE = Axe()

# Waiting until the app is at rest is tests/browser_helpers.py's `settle` (kept importable from here).
READY_JS = READY


def text(lang: str, message: str) -> str:
    """One of the app's messages as the app shows it in `lang`."""
    return translator(lang).gettext(message)


def open_page(page: Page, base_url: str, path: str, lang: str = "en") -> None:
    """Open `path` (URL path and query) in `lang`, and wait until it is at rest and says its language."""
    if lang != "en":
        path += ("&" if "?" in path else "?") + f"lang={lang}"
    page.goto(f"{base_url}/{path}")
    settle(page)
    expect(page.locator("html")).to_have_attribute("lang", lang)


def presentation_on(page: Page, lang: str) -> None:
    """Switch presentation view on as a counselor would, and wait for its larger type."""
    page.get_by_text(text(lang, "Presentation view"), exact=True).first.click()  # the switch's label
    page.wait_for_function(
        "getComputedStyle(document.querySelector('[data-testid=\"stAppViewContainer\"]')).fontSize === '24px'"
    )
    settle(page)


def axe_violations(page: Page, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the page as it is (or only `rules`)."""
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    return AXE.run(page, options={"runOnly": run_only, "resultTypes": ["violations"]}).response["violations"]


def describe(violations: list[dict], nodes: int = 4) -> str:
    """A readable list: rule, impact, what it asks, and the first few elements with axe's reason."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} elements): {v['help']}")
        for node in v["nodes"][:nodes]:
            reason = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:140]}\n      {reason[:300]}")
    return "\n".join(lines)


def save_report(path: Path, violations: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(describe(violations, nodes=50) or "no violations\n")
