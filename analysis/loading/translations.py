"""Translated prose for profiles and catalogs, kept beside the English and never duplicating a figure.

A translation file holds only text: `settings_profiles/<lang>/<id>.yaml` for a profile, `data/<lang>/<name>.yaml`
for a catalog. Each entry maps a field path of the English file to the translated text and a short hash of the
English it translates:

    summary:
      text: Los técnicos de farmacia de hospital …
      en_hash: 3f0c1a9b2d

    ratings.pace_pressure.reason: {text: …, en_hash: …}
    credentials[cspt].note: {text: …, en_hash: …}

List items with an `id` are addressed by it (`credentials[cspt]`), others by position (`pros[0]`). When the
English changes, its hash no longer matches and the translation is stale. A missing or stale field is shown in
English, marked as such, and the validator lists it as a warning (file, field) without failing the profile.
Numbers, units, sources and every other non-prose field come from the English file only.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from analysis.loading.yaml_io import Problem, display_name, read_yaml_file
from analysis.paths import DATA_DIR, PROFILES_DIR

# Which fields are prose. A pattern is a dotted path; `*` is any key of a mapping, `[]` any item of a list.
# Figures, units, periods, ids and source ids are not prose: they stay as in the English file.
PROFILE_PROSE: tuple[str, ...] = (
    "name",
    "short_name",
    "tagline",
    "summary",
    "also_called[]",
    "bls_industry.title",
    "bls_industry.note",
    "facts.*.note",
    "other_facts[].label",
    "other_facts[].note",
    "ratings.*.reason",
    "schedule.reason",
    "tasks[].examples",
    "credentials[].note",
    "advancement[].role",
    "advancement[].requires",
    "pros[]",
    "cons[]",
    "day_in_the_life",
    "entry.experience[].judgement",
    "entry.experience[].note",
    "entry.trained_on_job[].text",
    "entry.trained_on_job[].judgement",
    "entry.conditions[].text",
    "entry.conditions[].judgement",
    "entry.note",
    "reality.*.text",
    "employer_questions[].ask",
    "employer_questions[].why",
)
_FACT_PROSE = ("label", "note", "value")  # `value` only where it is text (a number is never a string here)
CATALOG_PROSE: dict[str, tuple[str, ...]] = {
    "quiz": ("questions[].topic", "questions[].text", "questions[].help", "questions[].options[].label"),
    "credentials": (
        "credentials[].summary",
        "credentials[].eligibility.value",
        "credentials[].eligibility.note",
        "credentials[].requires.any_of[].label",
        "credentials[].requires.note",
        *(f"credentials[].requires.any_of[].all_of[].{k}" for k in ("note", "part_time_note", "unpublished")),
        *(f"credentials[].facts.*.{k}" for k in _FACT_PROSE),
        *(f"credentials[].renewal_requirements[].{k}" for k in _FACT_PROSE),
        *(f"credentials[].renewal_rules[].{k}" for k in _FACT_PROSE),
        *(f"credentials[].reinstatement[].{k}" for k in _FACT_PROSE),
        "programs[].label",
        "programs[].note",
        *(f"equivalences[].{k}" for k in _FACT_PROSE),
        *(f"program_lengths[].{k}" for k in _FACT_PROSE),
        "state_regulation.summary",
        *(f"state_regulation.facts[].{k}" for k in _FACT_PROSE),
    ),
    "national": tuple(f"*.{k}" for k in _FACT_PROSE),
    "sources": ("sources[].title",),
}
# Text that stays in English on purpose: proper names of publications (a Spanish title is given only where the
# publisher has one). The completeness test accepts these without a translation.
ACCEPTED_FALLBACKS: dict[str, tuple[str, ...]] = {"sources": ("sources[].title",)}


def en_hash(text: str) -> str:
    """A short fingerprint of English text (whitespace-insensitive), stored with its translation."""
    return hashlib.sha256(" ".join(str(text).split()).encode("utf-8")).hexdigest()[:10]


def profile_translation_path(profile_id: str, lang: str, folder: Path = PROFILES_DIR) -> Path:
    return folder / lang / f"{profile_id}.yaml"


def catalog_translation_path(name: str, lang: str, folder: Path = DATA_DIR) -> Path:
    return folder / lang / f"{name}.yaml"


# --- Walking field paths -------------------------------------------------------------------------


def _segments(pattern: str) -> list[str]:
    out: list[str] = []
    for part in pattern.split("."):
        while part.endswith("[]"):
            part = part[:-2]
            out += [part, "[]"] if part else ["[]"]
            part = ""
        if part:
            out.append(part)
    return out


def _item_key(item: Any, index: int) -> str:
    key = item.get("id") if isinstance(item, dict) else None
    return key if isinstance(key, str) and key else str(index)


def _walk(node: Any, segs: list[str], path: str, parent: Any, key: Any) -> Iterator[tuple[str, str, Any, Any]]:
    if not segs:
        if isinstance(node, str) and node.strip():
            yield path, node, parent, key
        return
    seg, rest = segs[0], segs[1:]
    if seg == "[]":
        if isinstance(node, list):
            for i, item in enumerate(node):
                yield from _walk(item, rest, f"{path}[{_item_key(item, i)}]", node, i)
    elif seg == "*":
        if isinstance(node, dict):
            for k, value in node.items():
                yield from _walk(value, rest, f"{path}.{k}" if path else str(k), node, k)
    elif isinstance(node, dict) and seg in node:
        yield from _walk(node[seg], rest, f"{path}.{seg}" if path else seg, node, seg)


def _prose_slots(doc: Any, patterns: tuple[str, ...]) -> Iterator[tuple[str, str, Any, Any]]:
    seen: set[str] = set()
    for pattern in patterns:
        for path, text, parent, key in _walk(doc, _segments(pattern), "", None, None):
            if path not in seen:
                seen.add(path)
                yield path, text, parent, key


def _document_order(doc: Any, path: str = "") -> Iterator[str]:
    if isinstance(doc, dict):
        for k, value in doc.items():
            yield from _document_order(value, f"{path}.{k}" if path else str(k))
    elif isinstance(doc, list):
        for i, item in enumerate(doc):
            yield from _document_order(item, f"{path}[{_item_key(item, i)}]")
    else:
        yield path


def prose_fields(doc: Any, patterns: tuple[str, ...]) -> dict[str, str]:
    """Every prose field of a document (a parsed YAML file or a model's dump): path -> English text,
    in the order the fields appear in the document."""
    found = {path: text for path, text, _, _ in _prose_slots(doc, patterns)}
    return {path: found[path] for path in _document_order(doc) if path in found}


def matches(path: str, pattern: str) -> bool:
    """Whether a concrete path ('sources[bls-ooh].title') fits a pattern ('sources[].title')."""
    regex = re.escape(pattern).replace(r"\[\]", r"\[[^\]]+\]").replace(r"\*", r"[^.\[]+")
    return re.fullmatch(regex, path) is not None


# --- Translation files ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    text: str
    en_hash: str


def read_translation(path: Path) -> tuple[dict[str, Entry], list[Problem]]:
    """A translation file -> (path -> Entry, problems). A missing file is no entries and no problem."""
    if not path.is_file():
        return {}, []
    doc, problems = read_yaml_file(path)
    name = display_name(path)
    if problems:
        return {}, problems
    if doc is None:
        return {}, []
    if not isinstance(doc, dict):
        return {}, [Problem(name, "(document)", "expected a mapping of field paths to {text, en_hash}")]
    entries: dict[str, Entry] = {}
    for key, value in doc.items():
        if (
            not isinstance(value, dict)
            or set(value) != {"text", "en_hash"}
            or not isinstance(value["text"], str)
            or not value["text"].strip()
            or not isinstance(value["en_hash"], str)
        ):
            problems.append(Problem(name, str(key), "expected {text: <translation>, en_hash: <hash of the English>}"))
            continue
        entries[str(key)] = Entry(
            " ".join(value["text"].split()) if "\n" not in value["text"].strip() else value["text"].strip(),
            value["en_hash"],
        )
    return entries, problems


# --- Coverage and overlay ------------------------------------------------------------------------


@dataclass
class Coverage:
    """Which prose fields of one document read in the target language, and which fell back to English."""

    translated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # translated paths the English file no longer has

    @property
    def fallbacks(self) -> list[str]:
        return self.missing + self.stale

    def problems(self, file: str, english_file: str) -> list[Problem]:
        """Warnings naming the translation file and field."""
        out = [Problem(file, p, f"no translation yet; the English from {english_file} is shown") for p in self.missing]
        out += [
            Problem(
                file,
                p,
                f"stale: the English in {english_file} changed after this was translated "
                "(update the text, then its en_hash)",
            )
            for p in self.stale
        ]
        out += [Problem(file, p, f"{english_file} has no such prose field; remove this entry") for p in self.orphans]
        return out


def coverage(
    doc: Any, patterns: tuple[str, ...], entries: dict[str, Entry], accepted: tuple[str, ...] = ()
) -> Coverage:
    result = Coverage()
    english = prose_fields(doc, patterns)
    for path, text in english.items():
        entry = entries.get(path)
        if entry is None:
            if not any(matches(path, p) for p in accepted):
                result.missing.append(path)
        elif entry.en_hash != en_hash(text):
            result.stale.append(path)
        else:
            result.translated.append(path)
    result.orphans = [p for p in entries if p not in english]
    return result


# Fields whose English is shown unmarked when it has no translation: chart labels with a length limit (the
# setting's full name beside them carries the mark).
UNMARKED: tuple[str, ...] = ("short_name",)


def overlay_doc(
    doc: Any, patterns: tuple[str, ...], entries: dict[str, Entry], mark: Callable[[str], str] | None = None
) -> tuple[Any, Coverage]:
    """A copy of `doc` with each prose field in the translation; fallbacks stay English, passed through `mark`."""
    out = copy.deepcopy(doc)
    result = Coverage()
    for path, text, parent, key in list(_prose_slots(out, patterns)):
        entry = entries.get(path)
        if entry is not None and entry.en_hash == en_hash(text):
            parent[key] = entry.text
            result.translated.append(path)
        else:
            (result.missing if entry is None else result.stale).append(path)
            if mark is not None and not any(matches(path, p) for p in UNMARKED):
                parent[key] = mark(text)
    return out, result


def overlay_model(
    model: BaseModel, patterns: tuple[str, ...], entries: dict[str, Entry], mark: Callable[[str], str] | None = None
) -> tuple[BaseModel, Coverage]:
    """The model with its prose translated. If the text breaks a rule of the schema (a one-line field grown
    too long by its mark, a translation with a line break), the marks are dropped; if it still breaks one,
    the English model is returned and every field counts as missing."""
    dump = model.model_dump(mode="python")
    for marking in (mark, None) if mark is not None else (None,):
        doc, result = overlay_doc(dump, patterns, entries, marking)
        try:
            return type(model).model_validate(doc), result
        except ValidationError:
            continue
    return model, Coverage(missing=list(prose_fields(dump, patterns)))


def translation_rule_problems(
    model: BaseModel, patterns: tuple[str, ...], entries: dict[str, Entry], file: str
) -> list[Problem]:
    """Translations that the schema would refuse in place of the English (too long, a line break …)."""
    doc = model.model_dump(mode="python")
    out: list[Problem] = []
    for path, text, parent, key in list(_prose_slots(doc, patterns)):
        entry = entries.get(path)
        if entry is None:
            continue
        parent[key] = entry.text
        try:
            type(model).model_validate(doc)
        except ValidationError as exc:
            out.append(
                Problem(file, path, f"the translation breaks a rule of the English field: {exc.errors()[0]['msg']}")
            )
        parent[key] = text
    return out
