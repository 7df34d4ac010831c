"""Regenerate the README's screenshots from the running app: `make screenshots`.

Starts the app on a loopback server, opens each page in headless Chromium at a phone, a laptop and a room
projector (presentation view), and saves full-page PNGs. By default only the README's pictures are written
to docs/; `--all` writes every page at every size (to test-artifacts/screens/ unless --out says otherwise)
and prints what the readability check finds on each, so they can be looked at before a release.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from bench.screens import LAPTOP, PAGES, PHONE, ROOM, VIEWPORTS, audit, open_view, screenshot
from bench.server import Server

ROOT = Path(__file__).resolve().parent.parent

# The pictures the README embeds: (page name, viewport, file name under docs/).
README_SHOTS = (
    ("overview", LAPTOP, "overview.png"),
    ("compare", LAPTOP, "compare.png"),
    ("compare-ratings", LAPTOP, "compare-ratings.png"),
    ("detail", LAPTOP, "detail.png"),
    ("compare", PHONE, "compare-phone.png"),
    ("compare", ROOM, "compare-presentation.png"),
)


def shrink(path: Path) -> None:
    """Re-save a picture with a 256-colour palette: about a third of the size, no visible change for text and
    flat charts. Skipped where Pillow is not installed."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every page at every size, with the readability check")
    parser.add_argument(
        "--out", type=Path, help="folder for the PNGs (default docs/, or test-artifacts/screens/ with --all)"
    )
    parser.add_argument(
        "--full-page",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the whole page (default) or only the first screen",
    )
    args = parser.parse_args(argv)
    views = {name: (path, heading) for name, path, heading in PAGES}
    if args.all:
        out = args.out or ROOT / "test-artifacts" / "screens"
        shots = [(name, vp, f"{name}-{vp.name}.png") for name, _, _ in PAGES for vp in VIEWPORTS]
    else:
        out = args.out or ROOT / "docs"
        shots = list(README_SHOTS)
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    found = 0
    with Server("app.py") as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for name, viewport, file_name in shots:
            page = browser.new_page(viewport={"width": viewport.width, "height": viewport.height})
            open_view(page, server.url, *views[name], viewport)
            problems = audit(page, viewport) if args.all else []
            screenshot(page, out / file_name, viewport, args.full_page)
            if not args.all:
                shrink(out / file_name)
            found += len(problems)
            print(f"{out / file_name}" + (f": {len(problems)} problem(s)" if problems else ""))
            for p in problems:
                print(f"    {p['kind']}: {p['text']!r} — {p['detail']}")
            page.close()
        browser.close()
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
