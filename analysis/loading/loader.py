"""Load the catalogs and every setting profile, keeping the valid ones and listing the problems.

The loader never raises because of a bad file and never drops a valid profile because
another one is bad. Checks run in three layers, each reported as `Problem(file, field, message)`:
1. the file itself (size, encoding, YAML syntax, unsafe tags, aliases) — yaml_io;
2. the schema (types, ranges, unknown fields, cross-field rules) — schema;
3. references across files (id vs file name, duplicate ids, source and credential ids,
   figures copied from the reference facts) — here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from analysis.loading.oews import NATIONAL, NUMBER_COLUMNS, oews_index, oews_release
from analysis.loading.schema import (
    Credential,
    CredentialCatalog,
    Equivalence,
    Fact,
    NationalFacts,
    Profile,
    Program,
    ProgramLength,
    Source,
    SourceCatalog,
    StateRegulation,
)
from analysis.loading.yaml_io import Problem, display_name, parse_yaml_bytes, read_yaml_file
from analysis.paths import (
    CREDENTIALS_PATH,
    NATIONAL_PATH,
    OEWS_PROVENANCE_PATH,
    OEWS_TABLE_PATH,
    PROFILES_DIR,
    REFERENCE_PATH,
    SOURCES_PATH,
)

PROFILE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class OewsTable:
    """The imported BLS OEWS table as the fact checks see it: rows as text, and its release."""

    rows: dict[tuple[str, str], dict[str, str]]
    label: str  # "May 2025"
    code: str  # "M2025", as fact pointers write it

    def value(self, industry: str, column: str) -> str | None:
        """The cell as text ('' = not published); None if the row or column does not exist."""
        row = self.rows.get((NATIONAL, industry))
        if row is None:
            return None
        if column == "employment_share":  # computed: this industry's jobs over all technician jobs
            total = self.rows.get((NATIONAL, "000000"), {}).get("employment", "")
            if not row["employment"] or not total:
                return ""
            return f"{100 * float(row['employment']) / float(total):.1f}"
        return row.get(column) if column in NUMBER_COLUMNS else None


def load_oews_table(table_path: Path = OEWS_TABLE_PATH, provenance_path: Path = OEWS_PROVENANCE_PATH) -> OewsTable:
    label = oews_release(provenance_path)
    code = f"M{label.split()[-1]}" if label else ""
    return OewsTable(oews_index(table_path), label, code)


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


@dataclass(frozen=True)
class LoadResult:
    profiles: tuple[Profile, ...]
    problems: tuple[Problem, ...]
    catalogs: Catalogs
    skipped: tuple[str, ...] = field(default=())  # files that held a profile we could not use

    def by_id(self) -> dict[str, Profile]:
        return {p.id: p for p in self.profiles}

    def cited_sources(self) -> list[Source]:
        """Every catalogued source that a profile, a credential or the national figures cite."""
        national = self.catalogs.national
        ids = (
            {s for p in self.profiles for s in p.sources}
            | {s for c in self.catalogs.credentials.values() for s in c.sources}
            | ({getattr(national, k).source for k in type(national).model_fields} if national else set())
        )
        return sorted(
            (src for sid, src in self.catalogs.sources.items() if sid in ids), key=lambda s: (s.publisher, s.title)
        )


# --- Pydantic errors as Problems ----------------------------------------------------------


def _loc(loc: Iterable[Any]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif parts:
            parts.append(f".{item}")
        else:
            parts.append(str(item))
    return "".join(parts) or "(document)"


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling against settings_profiles/schema.json)"
    if kind == "missing":
        return "required field is missing"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind in {"int_type", "float_type", "string_type", "list_type", "model_type", "dict_type", "bool_type"}:
        msg += f" (got {type(err.get('input')).__name__}: {str(err.get('input'))[:60]!r})"
    return msg


def validation_problems(exc: ValidationError, file: str) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = list(err["loc"])
        # Union members add their type names to the location ("value.int"); drop those.
        loc = [
            p
            for p in loc
            if not (
                isinstance(p, str)
                and p in {"int", "float", "str", "none", "function-after[_cited_or_explained(), NumericFact]"}
            )
        ]
        msg = _message(err)
        # Model-level rules ("tasks: shares add up to ...") name their own field.
        field_name = _loc(loc)
        if ": " in msg and field_name == "(document)":
            field_name, msg = msg.split(": ", 1)
        problems.append(Problem(file, field_name, msg))
    return problems


def _validate(model: type[BaseModel], doc: Any, file: str) -> tuple[Any, list[Problem]]:
    if not isinstance(doc, dict):
        return None, [Problem(file, "(document)", f"expected a mapping of fields, got {type(doc).__name__}")]
    try:
        return model.model_validate(doc), []
    except ValidationError as exc:
        return None, validation_problems(exc, file)
    except Exception as exc:  # noqa: BLE001 - a surprise in one file is that file's problem, never a traceback
        return None, [_unexpected(file, exc)]


# --- Catalogs ------------------------------------------------------------------------------


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
    problems: list[Problem] = []
    oews = oews if oews is not None else load_oews_table()
    reference, ref_problems = load_reference(reference_path)
    problems += ref_problems

    sources: dict[str, Source] = {}
    name = display_name(sources_path)
    doc, file_problems = read_yaml_file(sources_path)
    catalog, schema_problems = (None, file_problems) if file_problems else _validate(SourceCatalog, doc, name)
    problems += schema_problems
    if catalog:
        for i, src in enumerate(catalog.sources):
            if src.id in sources:
                problems.append(Problem(name, f"sources[{i}].id", f"duplicate source id '{src.id}'"))
            sources.setdefault(src.id, src)

    credentials: dict[str, Credential] = {}
    program_lengths: tuple[ProgramLength, ...] = ()
    state_regulation: StateRegulation | None = None
    programs: dict[str, Program] = {}
    equivalences: tuple[Equivalence, ...] = ()
    name = display_name(credentials_path)
    doc, file_problems = read_yaml_file(credentials_path)
    catalog, schema_problems = (None, file_problems) if file_problems else _validate(CredentialCatalog, doc, name)
    problems += schema_problems
    if catalog:
        for i, cred in enumerate(catalog.credentials):
            where = f"credentials[{i}]"
            if cred.id in credentials:
                problems.append(Problem(name, f"{where}.id", f"duplicate credential id '{cred.id}'"))
                continue
            facts = cred.all_facts()
            cred_problems = _check_facts(facts, sources, reference, name, where, oews)
            cred_problems += _unknown_ids(
                cred.sources, sources, name, f"{where}.sources", "source", "data/sources.yaml"
            )
            problems += cred_problems
            if not cred_problems:
                credentials[cred.id] = cred
        extra_problems = _check_facts(catalog.extra_facts(), sources, reference, name, oews=oews)
        problems += extra_problems
        programs = {p.id: p for p in catalog.programs}
        if not extra_problems:
            program_lengths, state_regulation = tuple(catalog.program_lengths), catalog.state_regulation
            equivalences = tuple(e for e in catalog.equivalences if set(e.members) <= set(credentials))
    name = display_name(national_path)
    doc, file_problems = read_yaml_file(national_path)
    national, schema_problems = (None, file_problems) if file_problems else _validate(NationalFacts, doc, name)
    problems += schema_problems
    if national is not None:
        facts = {k: getattr(national, k) for k in NationalFacts.model_fields}
        national_problems = _check_facts(facts, sources, reference, name, oews=oews)
        problems += national_problems
        national = None if national_problems else national
    return Catalogs(
        sources=sources,
        credentials=credentials,
        reference=reference,
        national=national,
        program_lengths=program_lengths,
        state_regulation=state_regulation,
        problems=tuple(problems),
        oews=oews,
        programs=programs,
        equivalences=equivalences,
    )


# --- Cross-file checks -----------------------------------------------------------------------


def _unknown_ids(
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


def _check_facts(
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


def check_profile(doc: Any, file: str, stem: str | None, catalogs: Catalogs) -> tuple[Profile | None, list[Problem]]:
    """Validate one parsed profile document against the schema and the catalogs."""
    profile, problems = _validate(Profile, doc, file)
    if profile is None:
        return None, problems
    if stem is not None and profile.id != stem:
        problems.append(Problem(file, "id", f"id '{profile.id}' does not match the file name; expected '{stem}'"))
    problems += _unknown_ids(profile.sources, catalogs.sources, file, "sources", "source", "data/sources.yaml")
    for where, cites in profile.evidence_sources().items():
        problems += _unknown_ids(cites, catalogs.sources, file, f"{where}.sources", "source", "data/sources.yaml")
    for i, cred in enumerate(profile.credentials):
        if cred.id not in catalogs.credentials:
            problems.append(
                Problem(
                    file,
                    f"credentials[{i}].id",
                    f"unknown credential id '{cred.id}'; expected an id from data/credentials.yaml",
                )
            )
    for i, exp in enumerate(profile.entry.experience if profile.entry else []):
        if exp.instead and exp.instead not in catalogs.programs:
            problems.append(
                Problem(
                    file,
                    f"entry.experience[{i}].instead",
                    f"unknown program id '{exp.instead}'; expected an id from data/credentials.yaml programs",
                )
            )
    problems += _check_facts(profile.all_facts(), catalogs.sources, catalogs.reference, file, oews=catalogs.oews)
    return (None if problems else profile), problems


def _profile_entries(paths: Iterable[Path]) -> list[tuple[Path, Path | None]]:
    """(file, the folder it must stay inside) for each profile file; files given directly have no folder.

    A folder's entries named like profiles are listed whatever they are (links, pipes, folders): the reader
    refuses what is not a regular file inside the folder and says why, rather than skipping it silently.
    """
    entries: list[tuple[Path, Path | None]] = []
    for path in paths:
        if path.is_dir() and path.suffix not in PROFILE_SUFFIXES:
            entries += [(p, path) for p in sorted(path.iterdir()) if p.suffix in PROFILE_SUFFIXES]
        else:
            entries.append((path, None))
    return entries


def _unexpected(file: str, exc: Exception) -> Problem:
    return Problem(file, "(file)", f"could not be checked ({type(exc).__name__}); the file was skipped")


def load_profiles(paths: Iterable[Path] | None = None, catalogs: Catalogs | None = None) -> LoadResult:
    """Load every profile under `paths` (default: the bundled folder)."""
    catalogs = catalogs or load_catalogs()
    entries = _profile_entries([PROFILES_DIR] if paths is None else paths)
    profiles: list[Profile] = []
    problems: list[Problem] = list(catalogs.problems)
    skipped: list[str] = []
    seen: dict[str, str] = {}
    for path, folder in entries:
        name = display_name(path)
        try:
            doc, file_problems = read_yaml_file(path, within=folder)
            profile, more = (None, file_problems) if file_problems else check_profile(doc, name, path.stem, catalogs)
        except Exception as exc:  # noqa: BLE001 - one odd file is that file's problem, never a crash
            profile, more = None, [_unexpected(name, exc)]
        if profile is not None and profile.id in seen:
            more = [Problem(name, "id", f"duplicate id '{profile.id}', already used by {seen[profile.id]}")]
            profile = None
        problems += more
        if profile is None:
            skipped.append(name)
        else:
            seen[profile.id] = name
            profiles.append(profile)
    return LoadResult(tuple(profiles), tuple(problems), catalogs, tuple(skipped))


def load_profile_bytes(data: bytes, name: str, catalogs: Catalogs) -> tuple[Profile | None, list[Problem]]:
    """Validate a profile that did not come from disk (e.g. an upload), exactly like a bundled one."""
    try:
        doc, problems = parse_yaml_bytes(data, name)
        if problems:
            return None, problems
        return check_profile(doc, name, Path(name).stem, catalogs)
    except Exception as exc:  # noqa: BLE001 - an upload must never take the page down
        return None, [_unexpected(name, exc)]
