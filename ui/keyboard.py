"""Keyboard help that Streamlit's widgets lack, as one small script in the page (no outside text in it).

Streamlit draws a popover's content at the end of the page, so after opening "Pay for: …" with Enter or Space the
next Tab went through the rest of the page (44 stops on the Overview) before reaching the place picker in it.
When a popover opens from the keyboard, focus now moves to the first control inside it; Escape closes it and
focus goes back to its button (Streamlit's own behaviour). And when the control that had focus goes away with its
tab (the quiz's "See my results" opens the results tab), focus goes to the tab now open rather than back to the
top of the page; when it went away with its page (New client), focus goes to the new page's title. Only
keyboard use moves focus: opening by mouse or touch moves nothing, so a phone does not pop
its on-screen keyboard up. tests/test_browser_keyboard.py walks the whole app this way.
"""

from __future__ import annotations

# No "<" anywhere in it: the HTML sanitiser would drop the script. The deployment's Content-Security-Policy
# allows it by its hash (bench/proxy.py inline_script_hashes), so any change to it changes the hash.
KEYBOARD_SCRIPT = """(() => {
  if (window.__rxKeyboardHelp) return;
  window.__rxKeyboardHelp = true;
  let byKeyboard = false;
  document.addEventListener('keydown', () => { byKeyboard = true; }, true);
  document.addEventListener('pointerdown', () => { byKeyboard = false; }, true);
  const focusable = 'input:not([disabled]), button:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';
  let last = null, lastTabs = null, lastPage = null;  // the control that had focus, its tabs and its page
  document.addEventListener('focusin', e => {
    last = e.target; lastTabs = e.target.closest('[data-testid="stTabs"]'); lastPage = location.pathname;
  }, true);
  const handled = new WeakSet();  // each opening is handled once: later Tabs move freely
  new MutationObserver(() => {
    // The control used went away with its tab (e.g. "See my results" opens the results): focus the tab now open.
    // Or it went away with its page (New client opens a fresh Overview): focus the new page's title, as a page
    // load would start at the top, and a screen reader reads where the person now is.
    const lost = !document.activeElement || document.activeElement === document.body;
    if (byKeyboard && last && !last.isConnected && lost) {
      const tab = lastTabs && lastTabs.isConnected && lastTabs.querySelector('[role="tab"][aria-selected="true"]');
      const title = location.pathname !== lastPage && document.querySelector('[data-testid="stMain"] h1');
      last = null;
      if (tab) tab.focus();
      else if (title) { title.setAttribute('tabindex', '-1'); title.focus(); }
    }
    const body = document.querySelector('[data-testid="stPopoverBody"]');
    if (!byKeyboard || !body || handled.has(body)) return;
    const first = body.querySelector(focusable);  // the content is drawn a moment after the box
    if (!first) return;
    handled.add(body);
    setTimeout(() => first.focus(), 50);
  }).observe(document.body, {childList: true, subtree: true});
})();"""
