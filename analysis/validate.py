"""Check profiles and catalogs: `python -m analysis.validate [PATH ...]`.

With no PATH it checks the bundled catalogs and every profile in settings_profiles/.
A PATH may be a profile file or a folder of them. Each problem prints as
`file: field: message`; the exit code is 1 if there is any problem or nothing was checked
(e.g. an empty folder), else 0. Translations that are missing, stale (the English changed after translating)
or do not fit the English field print as `warning: file: field: message` on stderr and do not change the exit
code: the app shows the English for those fields, marked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.loading.loader import load_catalogs, load_profiles
from analysis.loading.translated import translation_warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.validate", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="profile files or folders (default: the bundled profiles)")
    args = parser.parse_args(argv)

    catalogs = load_catalogs()
    result = load_profiles(args.paths or None, catalogs)
    for problem in result.problems:
        print(problem)
    warnings = translation_warnings(result, bundled=not args.paths)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if warnings:
        print(f"{len(warnings)} translation warning(s): those fields show in English", file=sys.stderr)
    checked = len(result.profiles) + len(result.skipped)
    if checked == 0:
        where = ", ".join(str(p) for p in args.paths) or "the bundled profiles folder"
        print(f"nothing to check: no .yaml or .yml profile file found in {where}", file=sys.stderr)
        return 1
    if result.problems:
        print(
            f"{len(result.problems)} problem(s); {len(result.profiles)} of {checked} profile(s) valid", file=sys.stderr
        )
        return 1
    print(
        f"OK: {len(result.profiles)} profile(s), {len(catalogs.sources)} sources, "
        f"{len(catalogs.credentials)} credentials checked",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
