"""Interaction speed a person feels: headless Chromium, from a click until the page has settled.

    python -m bench.interaction [--repeat 5] [--json]

For three interactions on the app (add a setting on Compare, switch a tab on Compare, answer a quiz
question) and the same kind of interaction on a one-widget, one-chart page, the time from the click
reaching the page until its last visible change (no DOM change for QUIET_MS and no script running).
Tabs and answers are clicked back and forth on one page load (after an untimed first click); adding
a setting reloads the page each time. Prints the medians and each ratio app / one-widget page with its target
(<= 1.5x). Figures, not
pass/fail. Serves both on 127.0.0.1 itself and stops them at the end.

From Python: run_interactions(repeat) -> list of rows (bench/run.py can print them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.server import CHROMIUM_ARGS, ROOT, Server

TARGET_RATIO = 1.5
QUIET_MS = 400  # no DOM change for this long (and no script running) = settled

# The yardstick: one widget and one chart, each interaction kind on its own (?w=multiselect|tabs|radio).
ONE_WIDGET_PAGE = """import plotly.graph_objects as go
import streamlit as st

kind = st.query_params.get("w", "radio")
names = ["Retail", "Hospital", "Nuclear", "Mail order"]


def chart(values):
    st.plotly_chart(go.Figure(go.Bar(x=list(values), y=[len(v) for v in values])), key="chart")


if kind == "multiselect":
    chart(st.multiselect("Settings", names, default=names[:2]))
elif kind == "tabs":
    for i, tab in enumerate(st.tabs(["One", "Two"], key="tab", on_change="rerun")):  # lazy, like Compare
        with tab:
            if tab.open:
                chart(names[: 2 + i])
else:
    chart(names[: 1 + ["A", "B"].index(st.radio("Answer", ["A", "B"]))])
"""

# Page-side clock: when the click reached the page, and the last DOM change after it.
OBSERVE = """() => {
  if (window.__rx) return;
  window.__rx = {click: 0, last: performance.now()};
  document.addEventListener('pointerdown', () => { window.__rx.click = performance.now(); }, true);
  new MutationObserver(() => { window.__rx.last = performance.now(); })
    .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""
SETTLED = f"""() => window.__rx && window.__rx.click > 0 && performance.now() - window.__rx.last > {QUIET_MS}
  && !document.querySelector('[data-testid="stStatusWidget"]')"""


class RunWatcher:
    """Counts the script runs the server reports finished on this page's websocket (ForwardMsg
    script_finished). A click is timed only once its run has finished: a page whose server is still
    working shows no DOM change, and must not look settled."""

    def __init__(self, page) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.finished = 0
        early = ForwardMsg.FINISHED_EARLY_FOR_RERUN

        def on_frame(payload) -> None:
            if isinstance(payload, (bytes, bytearray)):
                msg = ForwardMsg.FromString(bytes(payload))
                if msg.WhichOneof("type") == "script_finished" and msg.script_finished != early:
                    self.finished += 1

        page.on("websocket", lambda ws: ws.on("framereceived", on_frame))

    def wait_for_run(self, page, since: int, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while self.finished <= since:
            if time.monotonic() > deadline:
                raise TimeoutError("the server reported no finished script run after the click")
            page.wait_for_timeout(10)  # lets Playwright deliver websocket events


def _settle(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]')
    page.evaluate(OBSERVE)
    page.wait_for_function(
        f"() => performance.now() - window.__rx.last > {QUIET_MS} "
        "&& !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=60_000,
    )


def _timed(page, click, runs: RunWatcher) -> float:
    """ms from the click reaching the page to the page's last change after the run it started finished."""
    page.evaluate("() => { window.__rx.click = 0; }")
    before = runs.finished
    click()
    runs.wait_for_run(page, before)
    page.wait_for_function(SETTLED, timeout=60_000, polling=50)
    return page.evaluate("() => Math.max(0, window.__rx.last - window.__rx.click)")


def _add_option(page, label: str, option: str):
    def click():
        page.get_by_label(label).click()
        page.get_by_role("option", name=option).click()

    return click


def _measure(page, runs: RunWatcher, url: str, repeat: int, click_for, *, reload: bool) -> list[float]:
    """`repeat` timed clicks after an untimed one (a warm-up: the server's first session and caches); with
    reload=False all on one page load."""
    times = []
    page.goto(url)
    _settle(page)
    _timed(page, click_for(-1), runs)
    for i in range(repeat):
        if reload:
            page.goto(url)
            _settle(page)
        times.append(_timed(page, click_for(i), runs))
    return times


def run_interactions(
    repeat: int = 5, *, chromium: str | None = None, app_dir: Path = ROOT, only: str = ""
) -> list[dict]:
    """`app_dir`: serve app.py from there (a copy with a change to try); `only`: interactions whose name
    contains this text."""
    from playwright.sync_api import sync_playwright

    chromium = chromium or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return [{"name": "interactions in Chromium", "skipped": "no chromium installed"}]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        script = Path(tmp) / "one_widget_page.py"
        script.write_text(ONE_WIDGET_PAGE)
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        runs = RunWatcher(page)
        try:
            with Server(script, cwd=tmp) as small, Server("app.py", cwd=app_dir) as app:

                def radio(i):
                    return lambda: page.get_by_text(["A", "B"][i % 2], exact=True).click()

                def quiz(i):
                    options = ["A lot. I like helping people face to face.", "As little as possible."]
                    return lambda: page.get_by_text(options[i % 2]).first.click()

                def tab(names):  # back and forth between two tabs; the warm-up (i = -1) leaves the first
                    return lambda i: lambda: page.get_by_role("tab", name=names[i % 2]).click()

                compare = f"{app.url}/compare?settings=retail,hospital"
                # (name, reload before each click, (app page, click), (one-widget page, the same kind of click))
                plan = [
                    (
                        "add a setting on Compare",
                        True,
                        (compare, lambda i: _add_option(page, "Settings to compare (2 to 4)", "Nuclear pharmacy")),
                        (f"{small.url}/?w=multiselect", lambda i: _add_option(page, "Settings", "Nuclear")),
                    ),
                    (
                        "switch a tab on Compare (Pay to Ratings)",
                        False,
                        (compare, tab(["Pay", "Ratings (editorial)"])),
                        (f"{small.url}/?w=tabs", tab(["One", "Two"])),
                    ),
                    ("answer a quiz question", False, (f"{app.url}/quiz", quiz), (f"{small.url}/?w=radio", radio)),
                ]
                cases = [
                    (
                        name,
                        _measure(page, runs, app_url, repeat, app_click, reload=reload),
                        _measure(page, runs, small_url, repeat, small_click, reload=reload),
                    )
                    for name, reload, (app_url, app_click), (small_url, small_click) in plan
                    if not only or only in name
                ]
        finally:
            browser.close()
    rows = []
    for name, app_ms, small_ms in cases:
        a, s = statistics.median(app_ms), statistics.median(small_ms)
        rows.append(
            {
                "name": name,
                "app_ms": a,
                "one_widget_ms": s,
                "ratio": a / s if s else float("nan"),
                "target_ratio": TARGET_RATIO,
                "app_all_ms": [round(x) for x in app_ms],
                "one_widget_all_ms": [round(x) for x in small_ms],
            }
        )
    return rows


def print_rows(rows: list[dict]) -> None:
    print(
        f"Click until settled, headless Chromium (median; settled = no DOM change for {QUIET_MS} ms, not counted;"
        f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: other work on the machine slows both pages)"
    )
    print(f"  {'interaction':<42} {'app ms':>7} {'1-widget ms':>11} {'ratio':>6}   target")
    for r in rows:
        if "skipped" in r:
            print(f"  {r['name']}: skipped ({r['skipped']})")
            continue
        ok = "ok" if r["ratio"] <= r["target_ratio"] else "MISSED"
        print(
            f"  {r['name']:<42} {r['app_ms']:>7.0f} {r['one_widget_ms']:>11.0f} {r['ratio']:>5.2f}x"
            f"   <= {r['target_ratio']:g}x: {ok}   (app runs {r['app_all_ms']}, 1-widget {r['one_widget_all_ms']})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="serve app.py from this folder (a copy to try)")
    parser.add_argument("--only", default="", help="only interactions whose name contains this, e.g. tab")
    args = parser.parse_args()
    t0 = time.monotonic()
    rows = run_interactions(max(1, min(args.repeat, 50)), app_dir=args.app_dir, only=args.only)
    print(json.dumps(rows, indent=2)) if args.json else print_rows(rows)
    print(f"  ({time.monotonic() - t0:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
