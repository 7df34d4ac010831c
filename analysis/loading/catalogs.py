"""The shared catalogs in data/ (sources, credentials and their rules, reference facts, national figures),
loaded and checked; a catalog entry with a problem is left out and the problem listed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.loading.fact_checks import check_facts, unknown_ids
from analysis.loading.oews import OewsTable, load_oews_table
from analysis.loading.problems import validate_model
from analysis.loading.schema import (
    Credential,
    CredentialCatalog,
    Equivalence,
    NationalFacts,
    Program,
    ProgramLength,
    Source,
    SourceCatalog,
    StateRegulation,
)
from analysis.loading.yaml_io import Problem, display_name, read_yaml_file
from analysis.paths import CREDENTIALS_PATH, NATIONAL_PATH, REFERENCE_PATH, SOURCES_PATH


@dataclass(frozen=True)
class Catalogs:
    sources: dict[str, Source]
    credentials: dict[str, Credential]
    reference: dict[str, dict[str, Any]]  # reference fact id -> {value, period, url, ...}
    national: NationalFacts | None = None
    program_lengths: tuple[ProgramLength, ...] = ()
    state_regulation: StateRegulation | None = None
    problems: tuple[Problem, ...] = ()
    oews: OewsTable | None = None
    programs: dict[str, Program] = field(default_factory=dict)  # education vocabulary of the rules
    equivalences: tuple[Equivalence, ...] = ()  # credentials a setting may take one for the other


def load_reference(path: Path = REFERENCE_PATH) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    doc, problems = read_yaml_file(path)
    if problems:
        return {}, problems
    if not isinstance(doc, list):
        return {}, [Problem(display_name(path), "(document)", "expected a list of facts")]
    return {row["id"]: row for row in doc if isinstance(row, dict) and "id" in row}, []


def load_catalogs(
    sources_path: Path = SOURCES_PATH,
    credentials_path: Path = CREDENTIALS_PATH,
    reference_path: Path = REFERENCE_PATH,
    national_path: Path = NATIONAL_PATH,
    oews: OewsTable | None = None,
) -> Catalogs:
    oews = oews if oews is not None else load_oews_table()
    reference, problems = load_reference(reference_path)
    sources, source_problems = _load_sources(sources_path)
    credentials, credential_problems = _load_credentials(credentials_path, sources, reference, oews)
    national, national_problems = _load_national(national_path, sources, reference, oews)
    return Catalogs(
        sources=sources,
        reference=reference,
        national=national,
        problems=tuple(problems + source_problems + credential_problems + national_problems),
        oews=oews,
        **credentials,
    )


def _read(model: type, path: Path) -> tuple[Any, list[Problem]]:
    """One catalog file read and validated against its model: (model or None, problems)."""
    doc, problems = read_yaml_file(path)
    return (None, problems) if problems else validate_model(model, doc, display_name(path))


def _load_sources(path: Path) -> tuple[dict[str, Source], list[Problem]]:
    catalog, problems = _read(SourceCatalog, path)
    sources: dict[str, Source] = {}
    for i, src in enumerate(catalog.sources if catalog else []):
        if src.id in sources:
            problems.append(Problem(display_name(path), f"sources[{i}].id", f"duplicate source id '{src.id}'"))
        sources.setdefault(src.id, src)
    return sources, problems


def _load_credentials(
    path: Path, sources: dict[str, Source], reference: dict[str, dict[str, Any]], oews: OewsTable
) -> tuple[dict[str, Any], list[Problem]]:
    """The credentials catalog as `Catalogs` fields (credentials, programs, program lengths, state regulation,
    equivalences); a credential whose figures or sources fail a check is left out."""
    catalog, problems = _read(CredentialCatalog, path)
    if catalog is None:
        return {"credentials": {}}, problems
    name = display_name(path)
    credentials: dict[str, Credential] = {}
    for i, cred in enumerate(catalog.credentials):
        where = f"credentials[{i}]"
        if cred.id in credentials:
            problems.append(Problem(name, f"{where}.id", f"duplicate credential id '{cred.id}'"))
            continue
        cred_problems = check_facts(cred.all_facts(), sources, reference, name, where, oews)
        cred_problems += unknown_ids(cred.sources, sources, name, f"{where}.sources", "source", "data/sources.yaml")
        problems += cred_problems
        if not cred_problems:
            credentials[cred.id] = cred
    fields: dict[str, Any] = {"credentials": credentials, "programs": {p.id: p for p in catalog.programs}}
    extra_problems = check_facts(catalog.extra_facts(), sources, reference, name, oews=oews)
    if not extra_problems:
        fields["program_lengths"] = tuple(catalog.program_lengths)
        fields["state_regulation"] = catalog.state_regulation
        fields["equivalences"] = tuple(e for e in catalog.equivalences if set(e.members) <= set(credentials))
    return fields, problems + extra_problems


def _load_national(
    path: Path, sources: dict[str, Source], reference: dict[str, dict[str, Any]], oews: OewsTable
) -> tuple[NationalFacts | None, list[Problem]]:
    national, problems = _read(NationalFacts, path)
    if national is None:
        return None, problems
    facts = {k: getattr(national, k) for k in NationalFacts.model_fields}
    fact_problems = check_facts(facts, sources, reference, display_name(path), oews=oews)
    return (None if fact_problems else national), problems + fact_problems
