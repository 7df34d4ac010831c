"""Benchmark: prints how long the hot paths take. `python -m bench.run [--json] [--quick] [--strict]`.

Targets are printed beside each figure for a person to read; --strict exits 1 when a timed one is missed.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

from analysis.loading.frames import build_frames
from analysis.loading.loader import load_catalogs, load_profiles

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, repeat: int, clock=time.perf_counter) -> list[float]:
    """Milliseconds of each of `repeat` calls: wall-clock, or with `clock=time.process_time` CPU time (this process,
    every thread), which is what a rerun costs the server and far steadier on a machine shared with other work."""
    out = []
    for _ in range(repeat):
        start = clock()
        fn()
        out.append((clock() - start) * 1000)
    return out


def _synthetic_folder(n: int) -> Path:
    """n profiles made by copying the bundled ones under new ids (a temp folder, removed by the OS)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=f"rx-profiles-{n}-"))
    bundled = sorted((ROOT / "settings_profiles").glob("*.yaml"))
    for i in range(n):
        src = bundled[i % len(bundled)]
        text = src.read_text(encoding="utf-8").replace(f"id: {src.stem}\n", f"id: synthetic-{i}\n", 1)
        (folder / f"synthetic-{i}.yaml").write_text(text, encoding="utf-8")
    return folder


def bench_scaling(repeat: int) -> list[dict]:
    """Load + validate time for synthetic sets: growth should be linear."""
    catalogs = load_catalogs()
    rows = []
    for n, reps, target in [(100, max(3, repeat // 4), "-"), (1000, 3, "<= 1000 ms")]:
        folder = _synthetic_folder(n)
        result = load_profiles([folder], catalogs)
        assert len(result.profiles) == n, [str(p) for p in result.problems[:3]]
        ms = statistics.median(timed(lambda folder=folder: load_profiles([folder], catalogs), reps))
        rows.append(
            {
                "name": f"load + validate {n} synthetic profiles",
                "median_ms": ms,
                "target": target,
                "per_profile_ms": ms / n,
            }
        )
    return rows


def bench_quiz_and_pdf(repeat: int) -> list[dict]:
    from analysis.presentation.summary_pdf import answers_summary, build_summary_pdf
    from analysis.quiz import dimension_values, load_quiz, ranking_flip_change, score

    result = load_profiles()
    quiz = load_quiz()
    values = dimension_values(result.profiles, result.catalogs.national, quiz)
    names = {p.id: p.name for p in result.profiles}
    # Every question answered, options rotating (not one column: that is straight-lining), mixed weights.
    answers = {q.id: i % len(q.options) for i, q in enumerate(quiz.questions)}
    weights = {q.id: i % 4 for i, q in enumerate(quiz.questions) if i % 3 == 0}
    score_ms = statistics.median(timed(lambda: score(quiz, values, names, answers, weights), max(repeat, 50)))
    flip_ms = statistics.median(
        timed(lambda: ranking_flip_change(quiz, values, names, answers, weights), max(repeat // 2, 10))
    )
    outcome = score(quiz, values, names, answers, weights)

    def pdf() -> bytes:
        return build_summary_pdf(
            ranking=outcome.ranking,
            profiles=result.by_id(),
            catalogs=result.catalogs,
            client_name="Zoë Ñúñez–Ørsted",
            quiz_answers_summary=answers_summary(quiz, answers, weights),
        )

    pdf()  # warm: font files into the OS cache
    pdf_ms = statistics.median(timed(pdf, 10))
    return [
        {
            "name": f"quiz scoring, all {len(names)} settings, {len(answers)} answers",
            "median_ms": score_ms,
            "target": "< 5 ms",
        },
        {"name": "quiz: smallest change to first place", "median_ms": flip_ms, "target": "-"},
        {"name": "take-home PDF build", "median_ms": pdf_ms, "target": "< 300 ms"},
    ]


HELLO_CHART = (
    'import plotly.graph_objects as go\nimport streamlit as st\nst.title("Hello")\n'
    "st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])))\n"
)


def bench_cold_render() -> list[dict]:
    """Cold first render in headless Chromium (until the first chart is drawn): Compare vs a one-chart page."""
    import shutil
    import tempfile

    from playwright.sync_api import sync_playwright

    from bench.server import CHROMIUM_ARGS, Server

    chromium = shutil.which("chromium")
    if not chromium:
        return [{"name": "cold render in Chromium", "median_ms": float("nan"), "target": "skipped: no chromium"}]
    args = CHROMIUM_ARGS

    def first_chart_ms(url: str, runs: int = 3) -> float:
        out = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=args)
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 720})  # empty cache each time
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url)
                page.wait_for_selector(
                    '.js-plotly-plot .main-svg, [data-testid="stVegaLiteChart"] svg.marks', timeout=60_000
                )
                out.append((time.perf_counter() - start) * 1000)
                context.close()
            browser.close()
        return statistics.median(out)

    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello_chart.py"
        hello.write_text(HELLO_CHART)
        with Server(hello, cwd=tmp) as server:
            hello_ms = first_chart_ms(server.url)
    with Server("app.py") as server:
        compare_ms = first_chart_ms(server.url + "/compare")
    return [
        {"name": "cold render: one-chart hello page (yardstick)", "median_ms": hello_ms, "target": "-"},
        {
            "name": "cold render: compare page, first chart drawn",
            "median_ms": compare_ms,
            "ratio_to_hello": compare_ms / hello_ms,
            "target": "-",
        },
    ]


def bench_capacity(seconds: float) -> list[dict]:
    """Script runs per second with 1, 10 and 20 simulated sessions (websocket, 127.0.0.1), and memory,
    with the shipped config and with Streamlit's per-run full collection turned back on."""
    from bench.load import run_load

    rows = []
    for label, env in [
        ("shipped (no per-run GC, gc.freeze)", None),
        ("per-run GC on, gc.freeze", {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "true"}),
        ("Streamlit defaults, no gc.freeze", {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "true", "RX_GC_FREEZE": "0"}),
    ]:
        r = run_load([1, 10, 20], seconds, "compare", env=env)
        for step in r["steps"]:
            rows.append(
                {
                    "name": f"capacity, {label}: {step['sessions']} session(s)",
                    "value": step["runs_per_s"],
                    "unit": "runs/s",
                    "target": ">= 20 runs/s",
                    "errors": step["errors"],
                }
            )
        rows.append(
            {
                "name": f"server memory, {label}: idle after first visit",
                "value": r["rss_mb_idle_after_first_visit"],
                "unit": "MB",
                "target": "-",
            }
        )
        rows.append(
            {
                "name": f"server memory, {label}: per extra idle session",
                "value": r.get("mb_per_extra_idle_session"),
                "unit": "MB",
                "target": "<= 1 MB",
            }
        )
        rows.append(
            {
                "name": f"server memory, {label}: after 20 busy sessions",
                "value": r["steps"][-1]["rss_mb_after"],
                "unit": "MB",
                "target": "-",
            }
        )
    return rows


def bench_load(repeat: int) -> list[dict]:
    rows = []
    catalogs_ms = timed(load_catalogs, repeat)
    rows.append(
        {
            "name": "load + validate catalogs (sources, credentials, reference facts)",
            "median_ms": statistics.median(catalogs_ms),
            "target": "-",
        }
    )
    catalogs = load_catalogs()
    n = len(load_profiles(catalogs=catalogs).profiles)
    profiles_ms = timed(lambda: load_profiles(catalogs=catalogs), repeat)
    rows.append(
        {
            "name": f"load + validate {n} bundled profiles",
            "median_ms": statistics.median(profiles_ms),
            "target": "< 100 ms",
        }
    )
    from analysis.loading.oews import _index_cached, load_oews, load_oews_table

    def oews_index_cold():
        _index_cached.cache_clear()  # the loader reads the table once per process; time that first read
        return load_oews_table()

    rows.append(
        {
            "name": "read the imported OEWS table for fact checks (national rows, uncached)",
            "median_ms": statistics.median(timed(oews_index_cold, repeat)),
            "target": "< 2 ms",
        }
    )
    rows.append(
        {
            "name": "load the imported OEWS table as a pandas frame (pages, charts)",
            "median_ms": statistics.median(timed(load_oews, repeat)),
            "target": "< 20 ms",
        }
    )
    full_ms = timed(lambda: build_frames(load_profiles().profiles), repeat)
    rows.append(
        {
            "name": "catalogs + profiles + pandas frames (a cold app start)",
            "median_ms": statistics.median(full_ms),
            "target": "< 100 ms",
        }
    )
    return rows


HELLO = 'import streamlit as st\nst.title("Hello")\nst.write("A one-line page, the yardstick for rerun cost.")\n'


def bench_pages(repeat: int) -> list[dict]:
    """Server CPU per rerun of each page under AppTest, beside a hello-world page in the same run. The hello page
    is rerun in turns with each page (one rerun each, `repeat` times), so a change in the machine's load between
    the two cannot make a ratio."""
    import tempfile

    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import AppTest, app_test, local_script_runner

    root = Path(__file__).resolve().parent.parent
    # A server compiles each script once per process; AppTest makes a new script cache on every run, which would
    # count compiling app.py and the page (and hello.py) in every rerun. Share one cache, as the server does.
    shared_scripts = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared_scripts

    def started(at: AppTest) -> AppTest:
        at.run()  # warm: imports, caches
        if at.exception:
            raise RuntimeError(f"the page raised: {at.exception[0].value}")
        return at

    rows = []
    hello_all: list[float] = []
    targets = {
        "compare": "<= 4x hello",
        "overview": "<= 8x hello",
        "detail": "<= 8x hello",
        "quiz": "<= 8x hello",
        "about": "<= 8x hello",
    }
    with tempfile.TemporaryDirectory() as tmp:
        hello_path = Path(tmp) / "hello.py"
        hello_path.write_text(HELLO)
        hello = started(AppTest.from_file(str(hello_path), default_timeout=60))
        for page in ["overview", "compare", "detail", "quiz", "about"]:
            if not (root / "app_pages" / f"{page}.py").exists():
                continue
            at = AppTest.from_file(str(root / "app.py"), default_timeout=60)
            at.run()
            at.switch_page(f"app_pages/{page}.py")
            started(at)
            page_ms, hello_ms = [], []
            for _ in range(repeat):
                hello_ms += timed(hello.run, 1, time.process_time)
                page_ms += timed(at.run, 1, time.process_time)
            hello_all += hello_ms
            ms = statistics.median(page_ms)
            rows.append(
                {
                    "name": f"rerun CPU: {page} page",
                    "median_ms": ms,
                    "ratio_to_hello": ms / statistics.median(hello_ms),
                    "target": targets.get(page, "-"),
                }
            )
    return [
        {"name": "rerun CPU: hello-world page (yardstick)", "median_ms": statistics.median(hello_all), "target": "-"}
    ] + rows


_MS_TARGET = re.compile(r"^(<=?)\s*([0-9.]+)\s*ms$")


def over_target(row: dict) -> bool:
    """True when a timed figure misses its written target ("< 300 ms", "<= 1000 ms").

    Other targets are read by a person.
    """
    found = _MS_TARGET.match(str(row.get("target", "")).strip())
    if not found or "median_ms" not in row:
        return False
    op, limit = found.group(1), float(found.group(2))
    return row["median_ms"] > limit if op == "<=" else row["median_ms"] >= limit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="skip the browser and server-capacity parts")
    parser.add_argument("--seconds", type=float, default=8, help="length of each server-capacity step")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a timed figure misses its target")
    parser.add_argument("--only", choices=["pages"], help="run one part only: 'pages' = rerun CPU beside hello")
    args = parser.parse_args()

    if args.only == "pages":
        rows = bench_pages(args.repeat)
    else:
        rows = (
            bench_load(args.repeat)
            + bench_scaling(args.repeat)
            + bench_quiz_and_pdf(args.repeat)
            + bench_pages(args.repeat)
        )
    if not args.quick and not args.only:
        rows += bench_cold_render() + bench_capacity(args.seconds)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        width = max(len(r["name"]) for r in rows)
        print(f"{'measure'.ljust(width)}  {'figure':>12}  target")
        for r in rows:
            if "median_ms" in r:
                figure = f"{r['median_ms']:>9.1f} ms"
            else:
                figure = f"{r['value']:>9.2f} {r['unit']}" if r["value"] is not None else "        n/a"
            extra = f"  ({r['ratio_to_hello']:.2f}x hello)" if "ratio_to_hello" in r else ""
            extra += f"  errors: {r['errors']}" if r.get("errors") else ""
            extra += "  OVER TARGET" if over_target(r) else ""
            print(f"{r['name'].ljust(width)}  {figure}  {r['target']}{extra}")
    return 1 if args.strict and any(over_target(r) for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
