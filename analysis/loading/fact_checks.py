"""Checks across files: every id a file names exists, and every figure copied from elsewhere (the reference
facts, the imported OEWS table) says what its origin says, for the same period."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from analysis.loading.oews import NATIONAL, OewsTable
from analysis.loading.schema import Fact, Source
from analysis.loading.yaml_io import Problem


def unknown_ids(
    ids: Iterable[str], known: dict[str, Any], file: str, where: str, what: str, catalog: str
) -> list[Problem]:
    return [
        Problem(file, f"{where}[{i}]", f"unknown {what} id '{x}'; expected an id from {catalog}")
        for i, x in enumerate(ids)
        if x not in known
    ]


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 1e-9
    return str(a).strip() == str(b).strip()


def check_facts(
    facts: dict[str, Fact],
    sources: dict[str, Source],
    reference: dict[str, dict[str, Any]],
    file: str,
    prefix: str = "",
    oews: OewsTable | None = None,
) -> list[Problem]:
    problems = []
    for path, fact in facts.items():
        where = f"{prefix}.{path}" if prefix else path
        if fact.source and fact.source not in sources:
            problems.append(
                Problem(
                    file, f"{where}.source", f"unknown source id '{fact.source}'; expected an id from data/sources.yaml"
                )
            )
        if fact.oews is not None:
            problems += _check_oews(fact, sources, file, where, oews)
        if fact.ref is None:
            continue
        row = reference.get(fact.ref)
        if row is None:
            problems.append(
                Problem(
                    file,
                    f"{where}.ref",
                    f"unknown reference fact '{fact.ref}'; expected an id from data/reference_facts.yaml",
                )
            )
            continue
        if fact.value is not None and not _same_value(fact.value, row.get("value")):
            problems.append(
                Problem(
                    file,
                    f"{where}.value",
                    f"{fact.value!r} differs from the reference fact {fact.ref} ({row.get('value')!r})",
                )
            )
        if fact.period is not None and fact.period != row.get("period"):
            problems.append(
                Problem(
                    file,
                    f"{where}.period",
                    f"'{fact.period}' differs from the reference fact's period '{row.get('period')}'",
                )
            )
        src = sources.get(fact.source or "")
        if src is not None and src.url != row.get("url"):
            problems.append(
                Problem(
                    file, f"{where}.source", f"source '{src.id}' has a different URL from the reference fact {fact.ref}"
                )
            )
    return problems


def _check_oews(
    fact: Fact, sources: dict[str, Source], file: str, where: str, table: OewsTable | None
) -> list[Problem]:
    """A figure that points into the imported OEWS table must say what the table says, for its release."""
    release, industry, column = (fact.oews or "").split("/")
    if table is None or not table.rows:
        return [
            Problem(
                file,
                f"{where}.oews",
                "the imported OEWS table (data/oews/) is missing; run python -m analysis.oews_import",
            )
        ]
    if release != table.code:
        return [
            Problem(
                file,
                f"{where}.oews",
                f"points at release {release}; the imported OEWS table is {table.label} ({table.code})",
            )
        ]
    expected = table.value(industry, column)
    if expected is None:
        what = f"industry {industry}" if (NATIONAL, industry) not in table.rows else f"column '{column}'"
        return [Problem(file, f"{where}.oews", f"{what} is not in the imported OEWS table ({table.label})")]
    problems = []
    if fact.value is None and expected != "":
        problems.append(
            Problem(file, f"{where}.value", f"null, but the OEWS table publishes {expected} for {industry} {column}")
        )
    elif fact.value is not None and expected == "":
        problems.append(
            Problem(file, f"{where}.value", f"{fact.value!r}, but BLS did not publish {column} for {industry}")
        )
    elif fact.value is not None and not _same_value(fact.value, float(expected)):
        problems.append(
            Problem(
                file, f"{where}.value", f"{fact.value!r} differs from the OEWS table ({industry} {column}: {expected})"
            )
        )
    if fact.value is not None and fact.period != table.label:
        problems.append(
            Problem(file, f"{where}.period", f"'{fact.period}' differs from the OEWS table's release '{table.label}'")
        )
    src = sources.get(fact.source or "")
    if fact.value is not None and src is not None and src.period != table.label:
        problems.append(
            Problem(
                file,
                f"{where}.source",
                f"source '{src.id}' is for '{src.period}', not the OEWS table's release '{table.label}'",
            )
        )
    return problems
