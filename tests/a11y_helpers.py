"""Helpers for the accessibility tests (tests/test_browser_accessibility.py, tests/test_browser_keyboard.py):
waiting for the app by its own state, and running axe-core (bundled with the axe-playwright-python package)."""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from analysis.i18n import translator

# WCAG 2.0 and 2.1, levels A and AA: the rules issue #25 holds the app to.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")  # fail the test; "moderate" and "minor" are reported only
AXE = Axe()

# True once the app is at rest: Streamlit's script run has finished (the run state it keeps on the app's root),
# nothing is still a placeholder or faded as stale, the page's title is drawn, the page stylesheet (ui/style.py,
# which arrives a moment after the first elements) is in, and every chart on screen has drawn.
READY_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"], [data-stale="true"], [data-testid="stStatusWidget"]'))
    return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  if (![...document.querySelectorAll('style')].some(s => s.textContent.includes('stCaptionContainer'))) return false;
  const shown = el => el.offsetParent !== null;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(shown)
           .every(c => c.querySelector('.main-svg'))
      && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].filter(shown)
           .every(c => c.querySelector('svg.marks'));
}"""


def settle(page: Page, timeout_ms: int = 60_000) -> None:
    """Wait until the app is at rest (READY_JS)."""
    page.wait_for_function(READY_JS, timeout=timeout_ms, polling=100)


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
