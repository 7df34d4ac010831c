"""Load every setting profile (and the catalogs they cite), keeping the valid ones and listing the problems.

The loader never raises because of a bad file and never drops a valid profile because
another one is bad. Checks run in three layers, each reported as `Problem(file, field, message)`:
1. the file itself (links, size, encoding, YAML syntax, unsafe tags, aliases, number forms) — yaml_io;
2. the schema (types, ranges, unknown fields, cross-field rules) — schema, worded by problems;
3. references across files (source, credential and program ids, figures copied from the reference facts
   or the OEWS table) — fact_checks; id against file name and duplicate ids — here.
The catalogs load in `catalogs`; `Catalogs` and `load_catalogs` are importable from here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.loading.catalogs import Catalogs, load_catalogs
from analysis.loading.fact_checks import check_facts, unknown_ids
from analysis.loading.problems import unexpected, validate_model
from analysis.loading.schema import Profile, Source
from analysis.loading.yaml_io import Problem, display_name, parse_yaml_bytes, read_yaml_file
from analysis.paths import PROFILES_DIR

PROFILE_SUFFIXES = (".yaml", ".yml")


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


def check_profile(doc: Any, file: str, stem: str | None, catalogs: Catalogs) -> tuple[Profile | None, list[Problem]]:
    """Validate one parsed profile document against the schema and the catalogs."""
    profile, problems = validate_model(Profile, doc, file)
    if profile is None:
        return None, problems
    if stem is not None and profile.id != stem:
        problems.append(Problem(file, "id", f"id '{profile.id}' does not match the file name; expected '{stem}'"))
    problems += unknown_ids(profile.sources, catalogs.sources, file, "sources", "source", "data/sources.yaml")
    for where, cites in profile.evidence_sources().items():
        problems += unknown_ids(cites, catalogs.sources, file, f"{where}.sources", "source", "data/sources.yaml")
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
    problems += check_facts(profile.all_facts(), catalogs.sources, catalogs.reference, file, oews=catalogs.oews)
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
            profile, more = None, [unexpected(name, exc)]
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
        return None, [unexpected(name, exc)]
