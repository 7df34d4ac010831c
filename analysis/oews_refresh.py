"""Move every figure that points into the OEWS table onto a newly imported release.

    python -m analysis.oews_refresh --source bls-oews-2026 [--check] [FILE ...]

After `python -m analysis.oews_import` has written a new release's table, this rewrites each
`value`, `period`, `source` and `oews` line of every fact that carries an `oews:` pointer (in the
profiles and data/national.yaml by default), reading the new values from the table. It edits the
lines in place, so comments and layout stay as they are. A fact whose figure BLS no longer
publishes, or newly publishes where we show a gap, is listed for a person to edit instead. With
--check nothing is written; the exit code says whether anything would change.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from analysis.loading.oews import OewsTable, load_oews_table
from analysis.paths import NATIONAL_PATH, PROFILES_DIR

POINTER = re.compile(r"^(?P<indent>\s*)oews: (?P<release>M\d{4})/(?P<industry>[0-9A-Z-]{6})/(?P<column>[a-z0-9_]+)\s*$")
FIELD = re.compile(r"^(?P<indent>\s*)(?:- )?(?P<key>value|period|source): (?P<rest>.*)$")


@dataclass
class Outcome:
    changed: int = 0
    manual: list[str] | None = None


def _number(text: str) -> str:
    """Table text as a YAML number: '50680' stays an integer, '22.00' -> 22.0, '0.6' -> 0.6."""
    value = float(text)
    return str(int(value)) if value.is_integer() and "." not in text else repr(value)


def refresh_text(text: str, name: str, table: OewsTable, source: str) -> tuple[str, Outcome]:
    lines = text.split("\n")
    outcome = Outcome(manual=[])
    for i, line in enumerate(lines):
        m = POINTER.match(line)
        if not m:
            continue
        indent = m["indent"]
        # The fact's other lines sit above the pointer at the same indent (a list item's first line starts '- ').
        block: dict[str, int] = {}
        j = i - 1
        while j >= 0:
            f = FIELD.match(lines[j])
            same = lines[j].startswith(indent) and not lines[j][len(indent) :].startswith(" ")
            first_of_item = lines[j].startswith(indent[:-2] + "- ") if len(indent) >= 2 else False
            if not (same or first_of_item):
                break
            if f and f["key"] not in block:
                block[f["key"]] = j
            if first_of_item:
                break
            j -= 1
        expected = table.value(m["industry"], m["column"])
        where = f"{name}:{i + 1} ({m['industry']} {m['column']})"
        if expected is None:
            outcome.manual.append(f"{where}: not in the {table.label} table")
            continue
        has_value = "value" in block and lines[block["value"]].split("value: ", 1)[1].strip() != "null"
        if not has_value or expected == "":
            if has_value != (expected != ""):
                outcome.manual.append(
                    f"{where}: {'now published' if expected else 'no longer published'} in {table.label}"
                )
            continue
        new = {"value": _number(expected), "period": table.label, "source": source}
        before = list(lines)
        for key, value in new.items():
            if key in block:
                k = block[key]
                head = lines[k].split(f"{key}: ", 1)[0]
                lines[k] = f"{head}{key}: {value}"
        lines[i] = f"{indent}oews: {table.code}/{m['industry']}/{m['column']}"
        outcome.changed += int(lines != before)
    return "\n".join(lines), outcome


def default_files() -> list[Path]:
    return sorted(PROFILES_DIR.glob("*.yaml")) + [NATIONAL_PATH]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.oews_refresh", description=__doc__.splitlines()[0])
    parser.add_argument(
        "files", nargs="*", type=Path, help="YAML files (default: every profile and data/national.yaml)"
    )
    parser.add_argument("--source", required=True, help="source id in data/sources.yaml for the new release")
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if anything would change")
    args = parser.parse_args(argv)
    table = load_oews_table()
    if not table.rows:
        print(
            "oews_refresh: the imported OEWS table is missing; run python -m analysis.oews_import first",
            file=sys.stderr,
        )
        return 1
    changed, manual = 0, []
    for path in args.files or default_files():
        text = path.read_text(encoding="utf-8")
        new, outcome = refresh_text(text, path.name, table, args.source)
        changed += outcome.changed
        manual += outcome.manual or []
        if new != text and not args.check:
            path.write_text(new, encoding="utf-8")
    for item in manual:
        print(f"edit by hand: {item}", file=sys.stderr)
    verb = "would change" if args.check else "changed"
    print(f"{verb} {changed} figure(s) to {table.label}; {len(manual)} to edit by hand", file=sys.stderr)
    return 1 if (args.check and changed) or manual else 0


if __name__ == "__main__":
    sys.exit(main())
