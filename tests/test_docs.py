"""The documentation's reference tables match the code: the README's pages, link parameters and rating
dimensions, and docs/architecture.md's modules; and the README stays a short front door.

Each table is found by its header row in its document. `python3 -m tests.test_docs` prints the tables as the code
has them (the modules' "Job" column from each module's docstring), ready to paste and edit.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from analysis.links import registry
from analysis.loading.schema import RATING_DIMENSIONS
from analysis.paths import ROOT

README = ROOT / "README.md"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
README_MAX_LINES = 360  # a front door: longer material goes to docs/
PAGES_HEADER = "| Page | Script | For |"
PARAMS_HEADER = "| Parameter | Pages | Carries | Example |"
MODULES_HEADER = "| Module | Job |"
DIMENSIONS_HEADER = "| Rating dimension | 1 means | 5 means |"
EVERY_PAGE = "every page"
DOCUMENTED_PACKAGES = ("analysis", "ui", "bench")  # app_pages/ is the pages table; tests/ is one file per feature


def table(header: str, text: str | None = None) -> list[list[str]]:
    """The rows under `header` (a Markdown table row), each a list of cell texts; [] if the header is absent."""
    lines = (README.read_text(encoding="utf-8") if text is None else text).splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == header]
    assert len(starts) <= 1, f"the document has two tables headed {header}"
    if not starts:
        return []
    rows = []
    for line in lines[starts[0] + 2 :]:  # skip the header and the | --- | line
        if not line.strip().startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def plain(cell: str) -> str:
    """A cell's text without Markdown emphasis or code marks."""
    return cell.replace("**", "").replace("`", "").strip()


def app_pages() -> list[tuple[str, str, str]]:
    """(title, script, help) of every page, in navigation order, from the registry app.py builds them from."""
    return [(p.title, f"app_pages/{p.stem}.py", p.help) for p in registry.PAGES]


def page_stem(script: str) -> str:
    return Path(script).stem


def page_cell(param: registry.LinkParam) -> str:
    if set(param.pages) == {page_stem(script) for _, script, _ in app_pages()}:
        return EVERY_PAGE
    titles = {page_stem(script): title for title, script, _ in app_pages()}
    return ", ".join(titles[p] for p in param.pages)


def modules() -> list[Path]:
    """Every Python module of the documented packages (package __init__ files stand for their folder)."""
    found = []
    for package in DOCUMENTED_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "__pycache__" in path.parts or (path.name == "__init__.py" and path.parent == ROOT / package):
                continue
            found.append(path.relative_to(ROOT))
    return found


def row_name(module: Path) -> str:
    """How the modules table names a module: a package by its folder ("analysis/quiz/"), else its file."""
    return module.parent.as_posix() + "/" if module.name == "__init__.py" else module.as_posix()


def covered(module: Path, listed: list[str]) -> bool:
    return row_name(module) in listed


# --- The checks: each returns what is wrong with a README text ----------------------------------------------


def check_pages(text: str) -> list[str]:
    rows = table(PAGES_HEADER, text)
    if not rows:
        return [f"no table headed {PAGES_HEADER}"]
    found = [(plain(r[0]), plain(r[1])) for r in rows]
    wanted = [(title, script) for title, script, _ in app_pages()]
    return [] if found == wanted else [f"pages table {found} should be {wanted} (title, script, in navigation order)"]


def check_params(text: str) -> list[str]:
    rows = table(PARAMS_HEADER, text)
    if not rows:
        return [f"no table headed {PARAMS_HEADER}"]
    found = [(plain(r[0]), plain(r[1]), plain(r[3])) for r in rows]
    wanted = [(p.name, page_cell(p), p.example) for p in registry.PARAMS]
    return [] if found == wanted else [f"link table {found} should be {wanted} (name, pages, example)"]


def check_modules(text: str) -> list[str]:
    rows = table(MODULES_HEADER, text)
    if not rows:
        return [f"no table headed {MODULES_HEADER}"]
    listed = [plain(r[0]) for r in rows]
    problems = [
        f"the modules table lists {e}, which is not a module"
        for e in listed
        if e not in {row_name(m) for m in modules()}
    ]
    problems += [f"{r[0]} has no job written beside it" for r in rows if len(r) < 2 or not r[1]]
    missing = [m.as_posix() for m in modules() if not covered(m, listed)]
    return problems + ([f"modules missing from the modules table: {missing}"] if missing else [])


def check_dimensions(text: str) -> list[str]:
    rows = table(DIMENSIONS_HEADER, text)
    if not rows:
        return [f"no table headed {DIMENSIONS_HEADER}"]
    found = [tuple(plain(c) for c in r[:3]) for r in rows]
    wanted = list(RATING_DIMENSIONS.values())
    return [] if found == wanted else [f"rating dimensions {found} should be {wanted}"]


CHECKS = [check_pages, check_params, check_modules, check_dimensions]
DOCUMENT = {check_pages: README, check_params: README, check_modules: ARCHITECTURE, check_dimensions: README}


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_the_documented_table_matches_the_code(check):
    assert check(DOCUMENT[check].read_text(encoding="utf-8")) == []


def test_the_readme_is_a_front_door():
    """Short, every table in its place, no bare `python` in a command (stock Debian has only python3), and every
    docs/ page it links to exists."""
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= README_MAX_LINES, "move detail to docs/ and link to it"
    assert MODULES_HEADER not in text, "the modules table lives in docs/architecture.md"
    bare = [line for line in text.splitlines() if re.search(r"(^|[`\s(])python -", line)]
    assert bare == [], f"commands must say python3 or .venv/bin/python: {bare}"
    for target in re.findall(r"\]\((docs/[^)#]+)", text):
        assert (ROOT / target).is_file(), f"the README links to {target}, which does not exist"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_a_missing_or_stale_row_is_caught(check):
    """The checks can fail: the tables printed from the code pass, and the same tables with a row dropped do not."""
    good = render()
    assert check(good) == []
    header = {
        check_pages: PAGES_HEADER,
        check_params: PARAMS_HEADER,
        check_modules: MODULES_HEADER,
        check_dimensions: DIMENSIONS_HEADER,
    }[check]
    lines = good.splitlines()
    first_row = lines.index(header) + 2
    assert check("\n".join(lines[:first_row] + lines[first_row + 1 :]))
    stale = lines[:first_row] + ["| `stale` | x | y | z |"] + lines[first_row:]
    assert check("\n".join(stale))


def test_every_link_example_is_a_value_the_app_accepts_without_a_notice():
    from analysis.loading.loader import load_profiles
    from analysis.pathways import tickable_programs
    from analysis.quiz import load_quiz

    loaded = load_profiles()
    ids = [p.id for p in loaded.profiles]
    context = {  # what each page passes when it reads the parameter
        "settings": {"known": ids},
        "setting": {"known": ids},
        "answers": {"quiz": load_quiz()},
        "pay": {},
        "plan": {
            "settings": ids,
            "credentials": list(loaded.catalogs.credentials),
            "programs": list(tickable_programs(loaded.catalogs)),
        },
    }
    for param in registry.PARAMS:
        if param.name not in context:
            continue  # its page context is tested beside the parameter
        value, notices = registry.read(param.name, [param.example.split("=", 1)[1]], **context[param.name])
        assert value is not None and notices == [], (param.name, notices)


# --- Printing the tables as the code has them -------------------------------------------------------------


def _docstring_summary(path: Path) -> str:
    """The first paragraph of a module's docstring, on one line."""
    try:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    except SyntaxError:
        doc = ""
    return " ".join(doc.strip().split("\n\n")[0].split()).replace("|", "/")


def render() -> str:
    out = [PAGES_HEADER, "| --- | --- | --- |"]
    out += [f"| **{title}** | `{script}` | {text} |" for title, script, text in app_pages()]
    out += ["", PARAMS_HEADER, "| --- | --- | --- | --- |"]
    out += [f"| `{p.name}` | {page_cell(p)} | {p.carries} | `{p.example}` |" for p in registry.PARAMS]
    out += ["", MODULES_HEADER, "| --- | --- |"]
    out += [f"| `{row_name(m)}` | {_docstring_summary(ROOT / m)} |" for m in modules()]
    out += ["", DIMENSIONS_HEADER, "| --- | --- | --- |"]
    out += [f"| {label} | {low} | {high} |" for label, low, high in RATING_DIMENSIONS.values()]
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render() + "\n")
