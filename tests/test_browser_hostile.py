"""Hostile profile text in a real browser: a counselor's uploaded profile carrying HTML, script and
Markdown tricks is shown as text, adds no element, and makes no request off the machine."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import Page, expect

from analysis.paths import PROFILES_DIR
from bench.proxy import app_scripts
from tests.browser_helpers import CHART, next_frame, settle
from tests.hostile_text import EVIL_HOST

pytestmark = pytest.mark.browser

EVIL_NAME = '<img src=x onerror="window.__pwned=1">Evil clinic'
EVIL_SHORT = "<b>Evil</b> x"


def evil_profile(tmp_path):
    doc = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))
    doc.update(
        {
            "id": "evil-clinic",
            "name": EVIL_NAME,
            "short_name": EVIL_SHORT,
            "tagline": "<script>window.__pwned=2</script> [click](javascript:window.__pwned=3)",
            "summary": "![tracker](http://203.0.113.9/pixel.png) "
            "<iframe src='http://203.0.113.9/'></iframe> plain words",
        }
    )
    doc["ratings"]["patient_contact"]["reason"] = "<svg onload=window.__pwned=4>reason</svg>"
    path = tmp_path / "evil-clinic.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def assert_clean(page: Page) -> None:
    assert page.evaluate("window.__pwned") is None
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('img[src="x"], iframe, svg[onload]').count() == 0
    # Scripts: only the app's own (the page language and the keyboard help, bench/proxy.py app_scripts).
    scripts = main.locator("script").evaluate_all("els => els.map(e => e.textContent)")
    assert set(scripts) <= set(app_scripts()), scripts


def test_uploaded_profile_with_html_is_shown_as_text(page: Page, app_server, tmp_path, artifacts):
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None,
    )
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
    expect(page.locator(CHART).filter(visible=True).first).to_be_visible(timeout=20_000)
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


# --- Crafted links and a hostile upload on every page -----------------------------------------------

PAGES = ["", "compare", "detail", "quiz", "pathways", "about"]  # "" is the Overview
MARKDOWN_IMAGE = f"![](//{EVIL_HOST}/x)"
CRAFTED = [
    # (page, parameter, value, what the notice must quote): each is dropped with an inert notice
    *[(p, MARKDOWN_IMAGE, "1", MARKDOWN_IMAGE) for p in PAGES],  # an unknown parameter whose *name* is Markdown
    ("compare", "settings", MARKDOWN_IMAGE, MARKDOWN_IMAGE),
    ("detail", "setting", MARKDOWN_IMAGE, MARKDOWN_IMAGE),
    ("pathways", "plan", f"held.{MARKDOWN_IMAGE}", MARKDOWN_IMAGE),
    ("quiz", "answers", f"pace.{MARKDOWN_IMAGE}", "pace"),
    ("", f"[Session expired: log in](//{EVIL_HOST}/login)", "1", "[Session expired: log in](//"),
    ("compare", "settings", r"$\Huge\color{red}{HACKED}$", r"$\Huge\color{red}{HACKED}$"),
    ("about", f"<img src=//{EVIL_HOST}/x onerror=alert(1)>", "1", "<img src=//"),
    ("detail", "setting", ":material/warning: :red[alert] www.evil.example", ":material/warning: :red[alert]"),
]
FROM_OUTSIDE = (
    f'img[src*="{EVIL_HOST}"], a[href*="{EVIL_HOST}"], [style*="{EVIL_HOST}"], a[href*="evil.example"], '
    "iframe, script[src], .katex"
)


class Watch:
    """Everything a page does that outside text must never cause: requests off the machine, dialogs."""

    def __init__(self, page: Page):
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        page.on(
            "request",
            lambda r: (
                self.outside.append(r.url)
                if not r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
                else None
            ),
        )
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def assert_clean(self, page: Page, where: str) -> None:
        main = page.locator('[data-testid="stMain"]')
        made = main.locator(FROM_OUTSIDE).evaluate_all("els => els.map(e => e.outerHTML.slice(0, 120))")
        assert made == [], f"{where}: elements made from outside text: {made}"
        assert page.evaluate("window.__pwned") is None, where
        assert page.locator('[data-testid="stException"]').count() == 0, where
        assert self.outside == [], f"{where}: requests left the machine: {self.outside}"
        assert self.dialogs == [], f"{where}: dialogs opened: {self.dialogs}"


def test_crafted_links_on_every_page_make_inert_notices(page: Page, app_server, artifacts):
    watch = Watch(page)
    for path, name, value, quoted in CRAFTED:
        url = f"{app_server}/{path}?{quote(name, safe='')}={quote(value, safe='')}"
        page.goto(url)
        settle(page)
        where = f"/{path}?{name}={value}"
        notices = page.locator('[data-testid="stAlert"]')
        expect(notices.first).to_be_visible(timeout=20_000)
        shown = " ".join(notices.all_inner_texts()).replace("\u2060", "")
        assert quoted in shown, f"{where}: notice does not quote {quoted!r} as text: {shown!r}"
        watch.assert_clean(page, where)
    page.goto(f"{app_server}/?{quote(MARKDOWN_IMAGE, safe='')}=1")
    settle(page)
    page.screenshot(path=str(artifacts / "hostile-link-notice.png"))


def test_hostile_upload_on_every_page(page: Page, app_server, tmp_path, artifacts):
    from tests.hostile_text import hostile_profile_doc

    watch = Watch(page)
    doc = hostile_profile_doc(yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8")))
    path = tmp_path / "markdown-everywhere.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    evil_name = re.compile(re.escape("[Session expired: log in]"))

    page.goto(app_server)
    settle(page)
    page.get_by_text("Add a local setting for this session").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    settle(page)
    expect(page.get_by_text(re.compile("Added for this session"))).to_be_visible(timeout=20_000)
    watch.assert_clean(page, "overview")

    page.get_by_role("link", name="Compare").click()
    settle(page)
    page.get_by_role("button", name=re.compile("Remove PBM")).click()  # four is the most a comparison holds
    settle(page)
    page.get_by_role("combobox").first.click()
    page.get_by_role("option", name=evil_name).click()
    page.keyboard.press("Escape")
    settle(page)
    for tab in ["Pay", "Ratings (editorial)", "Hours", "Tasks", "Credentials"]:
        page.get_by_role("tab", name=tab).click()
        settle(page)
        expect(page.locator(CHART).filter(visible=True).first).to_be_visible(timeout=20_000)
        hover_over_chart(page)
        watch.assert_clean(page, f"compare, {tab}")
        if tab == "Pay":  # the Vega-Lite chart's tooltips: outside text shown as text, no element made of it
            tips = pay_tooltips(page)
            assert any(EVIL_HOST in tip for tip in tips), tips
            watch.assert_clean(page, "compare, Pay tooltips")
    page.screenshot(path=str(artifacts / "hostile-compare.png"))

    page.get_by_role("link", name="Setting detail").click()
    settle(page)
    page.get_by_role("combobox").first.click()
    page.get_by_role("option", name=evil_name).click()
    settle(page)
    expect(page.get_by_role("heading", name=evil_name)).to_be_visible()
    watch.assert_clean(page, "detail")
    page.screenshot(path=str(artifacts / "hostile-detail-everything.png"), full_page=True)

    for link in ["Fit quiz", "Credentials", "About the data", "Overview"]:
        page.get_by_role("link", name=link).click()
        settle(page)
        if page.locator(CHART).filter(visible=True).count():
            hover_over_chart(page)
        watch.assert_clean(page, link)


def pay_tooltips(page: Page) -> list[str]:
    """Hover every range and median of the pay chart (Vega-Lite) and read its tooltip: the text shown, after
    checking the tooltip holds nothing but its table."""
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    tooltip = page.locator("#vg-tooltip-element")
    texts = []
    for mark in chart.locator('g.role-mark path:not([opacity="0"]), g.role-mark line').all():
        mark.hover(force=True)
        next_frame(page)
        if tooltip.count():
            made = tooltip.locator(":not(table, tbody, tr, td)").evaluate_all("els => els.map(e => e.outerHTML)")
            assert made == [], f"pay chart tooltip made elements: {made}"
            texts.append(tooltip.inner_text())
    return texts


def hover_over_chart(page: Page) -> None:
    """Sweep the mouse over the first chart so that every hover label is drawn at least once."""
    shown = page.locator(CHART).filter(visible=True)
    box = shown.first.bounding_box() if shown.count() else None
    if not box:
        return
    for fx in (0.2, 0.35, 0.5, 0.65, 0.8):
        for fy in (0.2, 0.35, 0.5, 0.65, 0.8):
            page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            next_frame(page)


def test_inert_text_renders_as_typed_in_every_sink(page: Page):
    """Every hostile text through `inert` into st.markdown, st.caption, st.info, st.table and a widget
    label reads exactly as typed (invisible characters aside) and makes no element or request."""
    from analysis.presentation.safe_text import visible
    from tests.data import ARTIFACTS
    from tests.hostile_text import HOSTILE, PLAIN_LABEL
    from tests.server_helpers import own_server

    watch = Watch(page)
    with own_server("tests/fixtures/inert_probe.py", log_path=ARTIFACTS / "inert-probe.log") as server:
        page.goto(server.url)
        settle(page, f".st-key-probe_{len(HOSTILE) - 1}", app=False)  # a test page: no title, no stylesheet
        for i, text in enumerate(HOSTILE):
            box = page.locator(f".st-key-probe_{i}")
            want = " ".join(visible(text).split())
            sinks = box.locator('[data-testid="stMarkdownContainer"]:not(th *), td, [data-testid="stWidgetLabel"]')
            for got in sinks.all_inner_texts():
                assert " ".join(got.replace("\u2060", "").split()) == want, (i, text, got)
            made = box.locator(
                "a, img, iframe, script, .katex, h1, h2, h3, h4, blockquote, ul, ol, pre, code, strong, "
                "em, del, hr, [data-testid='stIconMaterial'], input[type='checkbox'] ~ * img"
            )
            assert made.count() == 0, (i, text, made.evaluate_all("els => els.map(e => e.outerHTML.slice(0, 80))"))
        # A label's source is also the control's accessible name: an ordinary question reads with no backslash.
        plain = page.locator(".st-key-plain_label").get_by_role("checkbox")
        assert plain.get_attribute("aria-label") == PLAIN_LABEL, plain.get_attribute("aria-label")
        watch.assert_clean(page, "inert probe")
