"""What the real-browser tests share (a plain module: tests import it, not conftest): waiting until the app is at
rest by its own state, never by a clock, and the few steps several tests take (the quiz's results, its PDF).

How `settle` knows a rerun is still to come: a widget change sends Streamlit a "rerun" message over its websocket
and the page's run state (`data-test-script-state` on the app's root) says "notRunning" until the server answers.
WATCH_RERUNS counts the rerun messages the page sends, and marks them answered when the run state changes or the
server says a script run has finished (a fast run can start and end within one redraw, leaving the state as it
was); while a rerun is asked for and not yet answered, the app is not at rest.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, TimeoutError, expect

# A drawn chart: Plotly's, or Vega-Lite's (the pay chart); and the element holding either, with its text.
CHART = '.js-plotly-plot .main-svg, [data-testid="stVegaLiteChart"] svg.marks'
CHART_BOX = '.js-plotly-plot, [data-testid="stVegaLiteChart"]'

# A BackMsg whose first byte is 0x5A (field 11, length-delimited) is a rerun request: protobuf writes the one
# field set of BackMsg's `type` first, and `rerun_script` is field 11 (streamlit/proto/BackMsg.proto). A ForwardMsg
# carrying field 6, `script_finished`, ends a run; status 2 (FINISHED_EARLY_FOR_RERUN) means another run follows.
# Answered is set two frames after that message, once Streamlit has drawn what the run sent.
WATCH_RERUNS = """(() => {
  if (window.__rxRuns) return;
  const runs = (window.__rxRuns = { asked: 0, seen: 0 });
  const answered = n => { runs.seen = Math.max(runs.seen, n); };
  const finished = buffer => {  // the script_finished status of a ForwardMsg, or -1
    const b = new Uint8Array(buffer);
    let i = 0;
    const varint = () => { let v = 0, shift = 0, x; do { x = b[i++]; v += (x & 0x7f) * 2 ** shift; shift += 7; }
                                                    while (x & 0x80 && i < b.length); return v; };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
      if (field === 6 && wire === 0) return varint();
      if (wire === 0) varint(); else if (wire === 1) i += 8; else if (wire === 5) i += 4;
      else if (wire === 2) { const n = varint(); i += n; } else return -1;
    }
    return -1;
  };
  const watched = new WeakSet();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!watched.has(this)) {
      watched.add(this);
      this.addEventListener('message', e => {
        const status = e.data instanceof ArrayBuffer ? finished(e.data) : -1;
        if (status >= 0 && status !== 2) {
          const n = runs.asked;
          requestAnimationFrame(() => requestAnimationFrame(() => answered(n)));
        }
      });
    }
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data)
      : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
    if (bytes && bytes[0] === 0x5a) runs.asked += 1;
    return send.apply(this, arguments);
  };
  new MutationObserver(() => answered(runs.asked))
    .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-test-script-state'] });
})()"""

# What keeps the app from being at rest, as a list of reasons (empty: at rest): no rerun asked for and not yet
# seen, Streamlit's script run finished, nothing a placeholder or faded as stale, every chart on screen drawn, and
# each selector in `needs` matching a shown element. With `app`, also the page's title and the app's stylesheet
# (ui/style.py, which arrives a moment after the first elements).
NOT_READY = """(arg) => {
  const [needs, app] = arg || [[], true];
  const why = [];
  const runs = window.__rxRuns;
  if (runs && runs.seen < runs.asked) why.push(`a rerun asked for and not yet run (${runs.seen}/${runs.asked})`);
  const root = document.querySelector('[data-testid="stApp"]');
  const state = root && root.dataset.testScriptState;
  if (state !== 'notRunning') why.push(`script run state ${state}`);
  for (const busy of ['stSkeleton', 'stStatusWidget'])
    if (document.querySelector(`[data-testid="${busy}"]`)) why.push(busy);
  if (document.querySelector('[data-stale="true"]')) why.push('stale elements');
  const shown = el => el.getClientRects().length > 0;  // not inside a closed tab, expander or popover
  if (app && !document.querySelector('[data-testid="stMain"] h1')) why.push('no page title');
  if (app && ![...document.querySelectorAll('style')].some(s => s.textContent.includes('stCaptionContainer')))
    why.push('no app stylesheet');
  for (const sel of needs) if (![...document.querySelectorAll(sel)].some(shown)) why.push(`nothing shown for ${sel}`);
  if (![...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(shown)
        .every(c => c.querySelector('.main-svg'))) why.push('a Plotly chart not drawn');
  if (![...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].filter(shown)
        .every(c => c.querySelector('svg.marks'))) why.push('a Vega-Lite chart not drawn');
  return why;
}"""
READY = f"(arg) => ({NOT_READY})(arg).length === 0"


def settle(page: Page, *needs: str, app: bool = True, timeout_ms: int = 60_000) -> None:
    """Wait until the app is at rest (READY) and each CSS selector in `needs` shows an element. `app=False` for a
    page that is not the app (a test fixture script: no title, no stylesheet)."""
    page.evaluate(WATCH_RERUNS)  # after a page load; pages opened through the `page` fixture have it from the start
    try:
        page.wait_for_function(READY, arg=[list(needs), app], timeout=timeout_ms, polling=100)
    except TimeoutError as e:
        raise AssertionError(f"the app is not at rest: {page.evaluate(NOT_READY, [list(needs), app])}") from e


def next_frame(page: Page) -> None:
    """Wait until the browser has drawn the next two frames (what a hover or a scroll changes is on screen)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def animations_done(page: Page, selector: str) -> None:
    """Wait until every CSS transition and animation in `selector` has finished (a sidebar sliding shut)."""
    page.locator(selector).first.evaluate("e => Promise.all(e.getAnimations({subtree: true}).map(a => a.finished))")


def open_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    settle(page)


def see_results(page: Page) -> None:
    """The button under the quiz's questions that opens the results tab; waits for the results' chart."""
    page.get_by_role("button", name="See my results").click()
    settle(page, CHART)


def quiz_to_pdf(page: Page, base_url: str, client_name: str, query: str = ""):
    """Answer two questions, type a client name, download the summary; returns the Download. `query`: a link's
    query string to open the quiz with (e.g. "?state=OH" for a place)."""
    page.goto(f"{base_url}/quiz{query}")
    settle(page)
    page.get_by_text("Yes. I want a big part of my day to be sterile work.").click()
    settle(page)
    page.get_by_text("As little as possible.").first.click()
    settle(page)
    see_results(page)
    page.get_by_label("Client name (optional)").fill(client_name)
    page.keyboard.press("Enter")
    settle(page)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=re.compile("Download summary")).click()
    return info.value


PRESENTATION_TYPE = (
    "getComputedStyle(document.querySelector('[data-testid=\"stAppViewContainer\"]')).fontSize === '24px'"
)


def open_view(page: Page, base_url: str, path: str, heading: str, viewport) -> None:
    """Open one page at one size (bench/screens.py's views) and wait until it is at rest by its own state, its
    heading shown and its web fonts in (they change text widths, so clipping is measured after them). In
    presentation view the switch is turned on as a counselor would, and the room's larger type awaited."""
    page.set_viewport_size({"width": viewport.width, "height": viewport.height})
    page.goto(f"{base_url}/{path}")
    settle(page)
    page.get_by_role("heading", name=re.compile(re.escape(heading))).first.wait_for()
    if viewport.presentation:
        page.get_by_text("Presentation view", exact=True).first.click()
        page.wait_for_function(PRESENTATION_TYPE)
        settle(page)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_function(CHARTS_AT_REST)


# Charts draw after the page settles (Vega-Lite renders asynchronously, and again at the room's larger type): at
# rest when every chart's size and text are the same two frames apart.
CHARTS_AT_REST = """() => new Promise(done => {
  const shape = () => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg, .js-plotly-plot .main-svg')]
    .map(svg => { const box = svg.getBoundingClientRect(); return `${box.width}x${box.height}:${svg.textContent}`; })
    .join('|');
  const before = shape();
  requestAnimationFrame(() => requestAnimationFrame(() => done(before === shape())));
})"""


def full_page_screenshot(page: Page, path, viewport) -> None:
    """A PNG of the whole page: the window grown to the content's height first (Streamlit scrolls inside its own
    container, so the browser's full-page capture would stop at the first screen), then put back."""
    height = page.evaluate("Math.ceil(document.querySelector('[data-testid=\"stMain\"]').scrollHeight)")
    page.set_viewport_size({"width": viewport.width, "height": max(viewport.height, min(height, 16000))})
    next_frame(page)  # the charts have redrawn at the new size
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": viewport.width, "height": viewport.height})
    next_frame(page)


@pytest.fixture(scope="module")
def shared_context(browser, browser_context_args):
    """One browser context for a module's pages (import this fixture with `page` below): Streamlit's scripts and
    Plotly's bundle are fetched and compiled once, then come from its cache."""
    context = browser.new_context(**browser_context_args)
    yield context
    context.close()


@pytest.fixture(name="page")
def page_in_shared_context(shared_context):
    """Each test still opens a page of its own: a fresh tab, a fresh Streamlit session."""
    tab = shared_context.new_page()
    yield tab
    tab.close()


def texts_of_every_tab(page: Page, text_js: str) -> list[str]:
    """The page's texts by `text_js`, opening each tab in turn (a closed tab draws nothing)."""
    texts = page.evaluate(text_js)
    tabs = page.get_by_role("tab")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        expect(tabs.nth(i)).to_have_attribute("aria-selected", "true")
        settle(page)
        texts += page.evaluate(text_js)
    return texts
