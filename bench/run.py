"""Benchmark: prints how long the hot paths take. `python bench/run.py [--json]`.

Figures, not pass/fail: targets are printed beside each figure for a person to read.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.frames import build_frames  # noqa: E402
from analysis.loader import load_catalogs, load_profiles  # noqa: E402


def timed(fn, repeat: int) -> list[float]:
    """Wall-clock milliseconds of each of `repeat` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def bench_load(repeat: int) -> list[dict]:
    rows = []
    catalogs_ms = timed(load_catalogs, repeat)
    rows.append({"name": "load + validate catalogs (sources, credentials, reference facts)",
                 "median_ms": statistics.median(catalogs_ms), "target": "-"})
    catalogs = load_catalogs()
    n = len(load_profiles(catalogs=catalogs).profiles)
    profiles_ms = timed(lambda: load_profiles(catalogs=catalogs), repeat)
    rows.append({"name": f"load + validate {n} bundled profiles", "median_ms": statistics.median(profiles_ms),
                 "target": "< 100 ms"})
    full_ms = timed(lambda: build_frames(load_profiles().profiles), repeat)
    rows.append({"name": "catalogs + profiles + pandas frames (a cold app start)", "median_ms": statistics.median(full_ms),
                 "target": "< 100 ms"})
    return rows


HELLO = 'import streamlit as st\nst.title("Hello")\nst.write("A one-line page, the yardstick for rerun cost.")\n'


def bench_pages(repeat: int) -> list[dict]:
    """Server-side rerun time of each page under AppTest, beside a hello-world page in the same run."""
    import tempfile

    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parent.parent

    def rerun_ms(at: AppTest) -> float:
        at.run()  # warm: imports, caches
        if at.exception:
            raise RuntimeError(f"the page raised: {at.exception[0].value}")
        return statistics.median(timed(at.run, repeat))

    with tempfile.TemporaryDirectory() as tmp:
        hello_path = Path(tmp) / "hello.py"
        hello_path.write_text(HELLO)
        hello = rerun_ms(AppTest.from_file(str(hello_path), default_timeout=60))
    rows = [{"name": "rerun: hello-world page (yardstick)", "median_ms": hello, "target": "-"}]
    targets = {"compare": "<= 1.5x hello"}
    for page in ["overview", "compare", "detail", "quiz", "about"]:
        if not (root / "app_pages" / f"{page}.py").exists():
            continue
        at = AppTest.from_file(str(root / "app.py"), default_timeout=60)
        at.run()
        at.switch_page(f"app_pages/{page}.py")
        ms = rerun_ms(at)
        rows.append({"name": f"rerun: {page} page", "median_ms": ms, "ratio_to_hello": ms / hello,
                     "target": targets.get(page, "-")})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    rows = bench_load(args.repeat) + bench_pages(args.repeat)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        width = max(len(r["name"]) for r in rows)
        print(f"{'measure'.ljust(width)}  {'median':>10}  target")
        for r in rows:
            ratio = f"  ({r['ratio_to_hello']:.2f}x hello)" if "ratio_to_hello" in r else ""
            print(f"{r['name'].ljust(width)}  {r['median_ms']:>7.1f} ms  {r['target']}{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
