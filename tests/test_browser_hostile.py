"""Hostile profile text in a real browser: a counselor's uploaded profile carrying HTML, script and
Markdown tricks is shown as text, adds no element, and makes no request off the machine."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import Page, expect

from analysis.paths import PROFILES_DIR
from tests.test_browser_dashboard import CHART, settle

pytestmark = pytest.mark.browser

EVIL_NAME = '<img src=x onerror="window.__pwned=1">Evil clinic'
EVIL_SHORT = "<b>Evil</b> x"


def evil_profile(tmp_path):
    doc = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))
    doc.update({
        "id": "evil-clinic",
        "name": EVIL_NAME,
        "short_name": EVIL_SHORT,
        "tagline": "<script>window.__pwned=2</script> [click](javascript:window.__pwned=3)",
        "summary": "![tracker](http://203.0.113.9/pixel.png) <iframe src='http://203.0.113.9/'></iframe> plain words",
    })
    doc["ratings"]["patient_contact"]["reason"] = "<svg onload=window.__pwned=4>reason</svg>"
    path = tmp_path / "evil-clinic.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def assert_clean(page: Page) -> None:
    assert page.evaluate("window.__pwned") is None
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('img[src="x"], iframe, svg[onload], script').count() == 0


def test_uploaded_profile_with_html_is_shown_as_text(page: Page, app_server, tmp_path, artifacts):
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(app_server)
    settle(page)
    page.get_by_text("Add a local setting for this session").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(evil_profile(tmp_path)))
    settle(page)
    expect(page.get_by_text(re.compile("Added for this session"))).to_be_visible(timeout=20_000)
    expect(page.get_by_text(EVIL_NAME).first).to_be_visible()  # the markup is visible as plain text
    assert_clean(page)

    # The custom setting joins the comparison, and its labels stay text inside the charts too.
    page.get_by_role("link", name="Compare").click()
    settle(page)
    page.get_by_role("button", name=re.compile("Remove PBM")).click()  # four is the most a comparison holds
    settle(page)
    page.get_by_role("combobox").first.click()
    page.get_by_role("option", name=re.compile("Evil clinic")).click()
    page.keyboard.press("Escape")
    settle(page)
    expect(page.locator(CHART).first).to_be_visible(timeout=20_000)
    page.get_by_role("tab", name="Ratings (editorial)").click()
    settle(page)
    expect(page.locator(".js-plotly-plot").first).to_contain_text(EVIL_SHORT, timeout=20_000)
    assert_clean(page)

    page.get_by_role("link", name="Setting detail").click()
    settle(page)
    page.get_by_role("combobox").first.click()
    page.get_by_role("option", name=re.compile("Evil clinic")).click()
    settle(page)
    expect(page.get_by_text("<svg onload=window.__pwned=4>reason</svg>")).to_be_visible()
    assert_clean(page)
    page.screenshot(path=str(artifacts / "hostile-detail.png"))
    assert outside == [], outside


def test_a_broken_upload_says_what_is_wrong(page: Page, app_server, tmp_path):
    bad = tmp_path / "local.yaml"
    bad.write_text("id: local\nname: [unclosed\n", encoding="utf-8")
    page.goto(app_server)
    settle(page)
    page.get_by_text("Add a local setting for this session").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    settle(page)
    expect(page.get_by_text(re.compile(r"local.yaml: line \d+: malformed YAML"))).to_be_visible(timeout=20_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
