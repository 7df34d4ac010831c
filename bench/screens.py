"""Every page at the sizes people read it: a phone, a laptop or room projector, and a large screen in
presentation view. One place for the list of views, how to open one in a real browser, and a check of what
a reader would trip over: sideways scrolling, labels cut off or drawn over each other, text below WCAG AA
contrast (4.5:1), and type too small for the back of a room in presentation view.

Used by `make screenshots` (docs/screenshots.py) and tests/test_browser_readability.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_CONTRAST = 4.5  # WCAG 2 AA for body text; held for every text here, large or small
MIN_ROOM_PX = 18  # smallest type on the first screen in presentation view (captions included)


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    presentation: bool = False


PHONE = Viewport("phone", 375, 812)
LAPTOP = Viewport("laptop", 1280, 720)
ROOM = Viewport("room", 1920, 1080, presentation=True)
VIEWPORTS = (PHONE, LAPTOP, ROOM)

# (name, URL path and query, a heading that shows the page has drawn)
PAGES = (
    ("overview", "", "Pharmacy technician settings"),
    ("compare", "compare", "Compare settings"),
    ("compare-ratings", "compare?tab=ratings", "Compare settings"),
    ("compare-tasks", "compare?tab=tasks", "Compare settings"),
    ("detail", "detail?setting=hospital", "Hospital"),
    ("quiz", "quiz", "fit"),
    ("credentials", "pathways", "redential"),
    ("about", "about", "About the data"),
)


def settle(page, heading: str = "", timeout_ms: int = 60_000) -> None:
    """Wait for the page's heading, the end of the script run, and the charts' first paint."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    if heading:
        page.get_by_role("heading", name=re.compile(re.escape(heading))).first.wait_for(timeout=timeout_ms)
    page.wait_for_timeout(500)
    # Finished: no running indicator, no placeholder, nothing faded as stale, and the page stopped changing.
    page.wait_for_function(
        """() => {
        const busy = document.querySelector(
            '[data-testid="stStatusWidget"], [data-testid="stSkeleton"], [data-stale="true"]');
        const size = document.querySelectorAll('[data-testid="stMain"] *').length;
        const same = window.__lastSize === size;
        window.__lastSize = size;
        return !busy && same;
    }""",
        timeout=timeout_ms,
        polling=700,
    )
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        ".filter(c => c.offsetParent).every(c => c.querySelector('.main-svg'))"
        " && [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
        ".filter(c => c.offsetParent).every(c => c.querySelector('svg.marks text'))",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(800)


def open_view(page, base_url: str, path: str, heading: str, viewport: Viewport) -> None:
    """Open one page at one size; in presentation view switch the toggle on as a counselor would."""
    page.set_viewport_size({"width": viewport.width, "height": viewport.height})
    page.goto(f"{base_url}/{path}")
    settle(page, heading)
    if viewport.presentation:
        page.get_by_text("Presentation view", exact=True).first.click(timeout=30_000)
        page.wait_for_timeout(300)
        settle(page, heading)


# Runs in the page; returns a list of {kind, text, detail}. Each kind is one thing a reader would trip over.
AUDIT_JS = r"""
([minContrast, minRoomPx, presentation]) => {
  const problems = [];
  const seen = new Set();
  const add = (kind, el, detail) => {
    const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80);
    const key = kind + '|' + text + '|' + detail;
    if (!seen.has(key)) { seen.add(key); problems.push({kind, text, detail}); }
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const closed = el.closest('details:not([open])');  // inside a closed expander (its summary line is shown)
    if (closed && !el.closest('summary')) return false;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  const rgba = (s) => {
    const m = s && s.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => {  // top composited over an opaque colour
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]);
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  // The colour behind an HTML element: its own and its ancestors' backgrounds, composited over white.
  const htmlBackground = (el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage && s.backgroundImage !== 'none' && !s.backgroundImage.startsWith('url')) return null;
      const c = rgba(s.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  // The colour behind SVG text in a chart: the last filled shape drawn before it under its centre.
  const svgBackground = (el) => {
    const plot = el.closest('.js-plotly-plot') || el.ownerSVGElement;
    const r = el.getBoundingClientRect();
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    let fill = null, raster = false;
    for (const shape of plot.querySelectorAll('rect, path, image')) {
      if (!(shape.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      const b = shape.getBoundingClientRect();
      if (cx < b.left || cx > b.right || cy < b.top || cy > b.bottom) continue;
      if (shape.tagName === 'image') { raster = true; fill = null; continue; }
      const s = getComputedStyle(shape);
      const c = rgba(s.fill);
      const a = c ? c[3] * parseFloat(s.fillOpacity || '1') * parseFloat(s.opacity || '1') : 0;
      if (c && a > 0) { fill = [c[0], c[1], c[2], a]; raster = false; }
    }
    if (raster) return null;  // text on a heatmap image: plotly picks a contrasting colour per cell
    const page = htmlBackground(plot);
    return fill && page ? over(fill, page) : page;
  };

  const vw = document.documentElement.clientWidth;
  if (document.scrollingElement.scrollWidth > vw + 1) {
    add('sideways scrolling', document.body,
        `page is ${document.scrollingElement.scrollWidth}px wide in a ${vw}px window`);
  }
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  for (const el of main.querySelectorAll('*')) {
    if (!visible(el)) continue;
    const s = getComputedStyle(el);
    const sideways = (s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 2;
    if (sideways && el.clientWidth > 0) {
      add('sideways scrolling', el, `${el.scrollWidth}px of content in ${el.clientWidth}px`);
    }
    if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim()) {
      add('clipped label', el, `${el.scrollWidth}px of text in ${el.clientWidth}px`);
    }
  }
  // Anything reaching past the edge of the window (outside any scrolling or clipping box): the outermost only.
  const clips = (e) => { for (let a = e.parentElement; a && a !== main; a = a.parentElement) {
    const o = getComputedStyle(a).overflowX; if (o !== 'visible') return true; } return false; };
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.right <= vw + 1 || !visible(el) || clips(el)) continue;
    const p = el.parentElement && el.parentElement.getBoundingClientRect();
    if (p && p.right > vw + 1 && el.parentElement !== main) continue;
    add('sideways scrolling', el, `reaches ${Math.round(r.right)}px in a ${vw}px window`);
  }
  // Every piece of text: its contrast with what is behind it, and its size on a projector.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const checked = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || checked.has(el) || !n.textContent.trim()) continue;
    checked.add(el);
    if (el.closest('script, style, noscript, [aria-hidden="true"], .modebar, .hoverlayer')) continue;
    const s = getComputedStyle(el);
    if (/Material Symbols|Material Icons/.test(s.fontFamily)) continue;  // icons, not text
    if (!visible(el)) continue;
    const isSvg = el instanceof SVGElement;
    const fg = rgba(isSvg ? s.fill : s.color);
    if (!fg) continue;
    fg[3] *= (isSvg ? parseFloat(s.fillOpacity || '1') : 1) * opacity(el);
    const bg = isSvg ? svgBackground(el) : htmlBackground(el);
    if (bg) {
      const c = ratio(over(fg, bg), bg);
      const behind = `rgb(${bg.slice(0, 3).map(Math.round)})`;
      if (c < minContrast) add('low contrast', el, `${c.toFixed(2)}:1 (${s.color || s.fill} on ${behind})`);
    }
    if (presentation) {
      const r = el.getBoundingClientRect();
      const size = parseFloat(s.fontSize);
      if (r.top < window.innerHeight && r.bottom > 0 && size < minRoomPx) add('small for the room', el, `${size}px`);
    }
  }
  // Chart text: inside its chart, and not drawn over other chart text.
  for (const plot of document.querySelectorAll('.js-plotly-plot, [data-testid="stVegaLiteChart"]')) {
    const box = plot.getBoundingClientRect();
    const texts = [...plot.querySelectorAll('text')].filter(t => t.textContent.trim() && visible(t)
      && !t.closest('.hoverlayer'));
    const rects = texts.map(t => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      const r = rects[i];
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        add('clipped label', t, 'chart text outside its chart');
      }
      for (let j = i + 1; j < texts.length; j++) {
        const q = rects[j];
        const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
        const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
        if (w > 3 && h > 3 && !t.contains(texts[j]) && !texts[j].contains(t)) {
          add('labels overlap', t, `over “${texts[j].textContent.trim().slice(0, 40)}”`);
        }
      }
    });
  }
  return problems;
}
"""


def screenshot(page, path, viewport: Viewport, full_page: bool = True) -> None:
    """A PNG of the page; full_page grows the window to the content's height first (Streamlit scrolls inside
    its own container, so the browser's own full-page capture would stop at the first screen)."""
    if full_page:
        height = page.evaluate("Math.ceil(document.querySelector('[data-testid=\"stMain\"]').scrollHeight)")
        page.set_viewport_size({"width": viewport.width, "height": max(viewport.height, min(height, 16000))})
        page.wait_for_timeout(600)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": viewport.width, "height": viewport.height})


def audit(page, viewport: Viewport) -> list[dict]:
    """What a reader at this size would trip over on the page as it is now."""
    return page.evaluate(AUDIT_JS, [MIN_CONTRAST, MIN_ROOM_PX, viewport.presentation])
