"""Profiles and catalogs in another language: the English models with their prose overlaid, and the warnings
the validator prints for translations that are missing, stale or do not fit the English field.

`python -m analysis.loading.translated sign FILE...` adds the `en_hash` to entries written as plain text
(`path: translation`), hashing the English they translate now. Run it right after translating, never to hide
a stale entry: a stale entry already has a hash and is left alone.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from analysis.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, current_language
from analysis.loading.loader import Catalogs, LoadResult
from analysis.loading.schema import Profile
from analysis.loading.translations import (
    ACCEPTED_FALLBACKS,
    CATALOG_PROSE,
    PROFILE_PROSE,
    Coverage,
    Entry,
    catalog_translation_path,
    coverage,
    en_hash,
    overlay_doc,
    overlay_model,
    profile_translation_path,
    prose_fields,
    read_translation,
    translation_rule_problems,
)
from analysis.loading.yaml_io import Problem, display_name, read_yaml_file
from analysis.paths import CREDENTIALS_PATH, DATA_DIR, NATIONAL_PATH, PROFILES_DIR, SOURCES_PATH

QUIZ_PATH = DATA_DIR / "quiz.yaml"
CATALOG_FILES: dict[str, Path] = {
    "quiz": QUIZ_PATH,
    "credentials": CREDENTIALS_PATH,
    "national": NATIONAL_PATH,
    "sources": SOURCES_PATH,
}
TRANSLATED_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)


def mark_english(text: str) -> str:
    """How a field with no up-to-date translation reads: the English, marked as English."""
    return _("{text} [in English]").format(text=text)


Mark = Callable[[str], str] | None


def translate_profile(
    profile: Profile, lang: str, mark: Mark = mark_english, folder: Path = PROFILES_DIR
) -> tuple[Profile, Coverage]:
    """The profile with its prose in `lang` where a current translation exists (English stays as it is)."""
    if lang == DEFAULT_LANGUAGE:
        return profile, Coverage(translated=list(prose_fields(profile.model_dump(), PROFILE_PROSE)))
    entries, _problems = read_translation(profile_translation_path(profile.id, lang, folder))
    return overlay_model(profile, PROFILE_PROSE, entries, mark)  # type: ignore[return-value]


def translate_model(
    model: Any, catalog: str, lang: str, mark: Mark = mark_english, folder: Path = DATA_DIR
) -> tuple[Any, Coverage]:
    """A whole catalog model (the quiz, a source catalog) with its prose in `lang`."""
    if lang == DEFAULT_LANGUAGE:
        return model, Coverage()
    entries, _problems = read_translation(catalog_translation_path(catalog, lang, folder))
    return overlay_model(model, CATALOG_PROSE[catalog], entries, _accepting(catalog, mark))


def _accepting(catalog: str, mark: Mark) -> Mark:
    """Accepted fallbacks (publication titles) are proper names: shown as they are, unmarked."""
    return None if ACCEPTED_FALLBACKS.get(catalog) == CATALOG_PROSE[catalog] else mark


def _rebuild(model_type: type, doc: dict, fallback: Any) -> Any:
    try:
        return model_type.model_validate(doc)
    except Exception:  # noqa: BLE001 - a translation that breaks the schema shows the English instead
        return fallback


# The Catalogs fields translated model by model: dicts by id (credentials, programs) or tuples.
_MODEL_FIELDS = ("credentials", "programs", "equivalences", "program_lengths")


def _models(models: Mapping[str, Any] | tuple[Any, ...]) -> Iterable[Any]:
    return models.values() if isinstance(models, Mapping) else models


def _rebuild_each(models: Mapping[str, Any] | tuple[Any, ...], docs: list[dict]) -> Mapping[str, Any] | tuple[Any, ...]:
    """Each model from its translated document, or as it was where the translation breaks the schema; a dict by
    id stays a dict by id."""
    rebuilt = tuple(_rebuild(type(m), d, m) for m, d in zip(_models(models), docs, strict=False))
    return dict(zip(models, rebuilt, strict=False)) if isinstance(models, Mapping) else rebuilt


def translate_catalogs(
    catalogs: Catalogs, lang: str, mark: Mark = mark_english, folder: Path = DATA_DIR
) -> tuple[Catalogs, Coverage]:
    """Credentials, programs, equivalences, program lengths, state rules and national figures in `lang`."""
    if lang == DEFAULT_LANGUAGE:
        return catalogs, Coverage()
    entries, _problems = read_translation(catalog_translation_path("credentials", lang, folder))
    doc: dict[str, Any] = {name: [m.model_dump() for m in _models(getattr(catalogs, name))] for name in _MODEL_FIELDS}
    doc["state_regulation"] = catalogs.state_regulation.model_dump() if catalogs.state_regulation else None
    out, cover = overlay_doc(doc, CATALOG_PROSE["credentials"], entries, mark)
    # the Catalogs fields that change, by name
    translated: dict[str, Any] = {name: _rebuild_each(getattr(catalogs, name), out[name]) for name in _MODEL_FIELDS}
    if catalogs.state_regulation is not None:
        translated["state_regulation"] = _rebuild(
            type(catalogs.state_regulation), out["state_regulation"], catalogs.state_regulation
        )
    if catalogs.national is not None:
        translated["national"], more = translate_model(catalogs.national, "national", lang, mark, folder)
        cover.translated += more.translated
        cover.missing += more.missing
        cover.stale += more.stale
    source_entries, _problems = read_translation(catalog_translation_path("sources", lang, folder))
    if source_entries:
        translated["sources"] = {
            sid: _rebuild(
                type(src),
                overlay_doc({"sources": [src.model_dump()]}, CATALOG_PROSE["sources"], source_entries)[0]["sources"][0],
                src,
            )
            for sid, src in catalogs.sources.items()
        }
    return dataclasses.replace(catalogs, **translated), cover


_INDUSTRY_TITLES: dict[str, dict[str, str]] = {}  # language -> BLS industry code -> the profiles' translated title


def industry_title(code: str, lang: str | None = None) -> str | None:
    """A BLS industry's title in the current language, where a translated profile maps to it (else None)."""
    lang = lang or current_language()
    return None if lang == DEFAULT_LANGUAGE else _INDUSTRY_TITLES.get(lang, {}).get(code)


def translate_result(result: LoadResult, lang: str, mark: Mark = mark_english) -> LoadResult:
    """Every loaded profile and catalog in `lang`, figures unchanged."""
    if lang == DEFAULT_LANGUAGE:
        return result
    catalogs, _cover = translate_catalogs(result.catalogs, lang, mark)
    profiles = tuple(translate_profile(p, lang, mark)[0] for p in result.profiles)
    titles = _INDUSTRY_TITLES.setdefault(lang, {})
    for english_profile, profile in zip(result.profiles, profiles, strict=False):
        if profile.bls_industry.title != english_profile.bls_industry.title:
            titles[profile.bls_industry.naics] = profile.bls_industry.title
    return dataclasses.replace(result, profiles=profiles, catalogs=catalogs)


# --- Warnings for the validator --------------------------------------------------------------------


def profile_translation_warnings(
    profile: Profile, english_file: str, lang: str, folder: Path = PROFILES_DIR
) -> list[Problem]:
    path = profile_translation_path(profile.id, lang, folder)
    file = display_name(path)
    entries, problems = read_translation(path)
    cover = coverage(profile.model_dump(), PROFILE_PROSE, entries)
    problems += cover.problems(file, english_file)
    problems += translation_rule_problems(profile, PROFILE_PROSE, entries, file)
    return problems


def catalog_translation_warnings(catalog: str, lang: str, folder: Path = DATA_DIR) -> list[Problem]:
    english_path = CATALOG_FILES[catalog]
    doc, problems = read_yaml_file(english_path)
    if problems:
        return []  # the English file's own problems are reported by the loader
    path = catalog_translation_path(catalog, lang, folder)
    file = display_name(path)
    entries, problems = read_translation(path)
    cover = coverage(doc, CATALOG_PROSE[catalog], entries, ACCEPTED_FALLBACKS.get(catalog, ()))
    return problems + cover.problems(file, display_name(english_path))


def translation_warnings(result: LoadResult, bundled: bool = True) -> list[Problem]:
    """Every missing, stale or misfitting translation, for every language other than English.
    Only bundled profiles have translation files; an uploaded or pointed-at profile is checked
    only if a translation file for its id exists beside the bundled ones."""
    warnings: list[Problem] = []
    for lang in TRANSLATED_LANGUAGES:
        for profile in result.profiles:
            if bundled or profile_translation_path(profile.id, lang).is_file():
                warnings += profile_translation_warnings(profile, f"settings_profiles/{profile.id}.yaml", lang)
        if bundled:
            for catalog in CATALOG_FILES:
                warnings += catalog_translation_warnings(catalog, lang)
    return warnings


# --- Maintenance: sign new entries ------------------------------------------------------------------


def _english_for(translation: Path) -> dict[str, str]:
    if translation.parent.parent.resolve() == PROFILES_DIR.resolve():
        doc, _p = read_yaml_file(PROFILES_DIR / translation.name)
        return prose_fields(doc, PROFILE_PROSE)
    doc, _p = read_yaml_file(CATALOG_FILES[translation.stem])
    return prose_fields(doc, CATALOG_PROSE[translation.stem])


def sign(translation: Path, english: dict[str, str] | None = None) -> list[str]:
    """Give each plain-text entry of a translation file the hash of the English it translates, and write the
    file back in the English document's order. Returns the paths it could not place."""
    english = _english_for(translation) if english is None else english
    raw = yaml.safe_load(translation.read_text(encoding="utf-8")) or {}
    entries: dict[str, Entry] = {}
    unknown: list[str] = []
    for key, value in raw.items():
        if key not in english:
            unknown.append(key)
        if isinstance(value, str):
            entries[key] = Entry(value.strip(), en_hash(english.get(key, "")))
        else:
            entries[key] = Entry(str(value["text"]).strip(), str(value["en_hash"]))
    order = list(english) + [k for k in entries if k not in english]
    header = (
        f"# Translation ({translation.parent.name}) of the prose of the English file, with the hash of the English "
        "each entry translates; see analysis/loading/translations.py."
    )
    lines = [header]
    for key in order:
        if key in entries:
            body = yaml.safe_dump(
                {key: {"text": entries[key].text, "en_hash": entries[key].en_hash}},
                allow_unicode=True,
                width=110,
                sort_keys=False,
            )
            lines.append(body.rstrip("\n"))
    translation.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return unknown


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    if len(sys.argv) < 3 or sys.argv[1] != "sign":
        sys.exit("usage: python -m analysis.loading.translated sign FILE...")
    for name in sys.argv[2:]:
        for key in sign(Path(name)):
            print(f"{name}: {key}: not a prose field of the English file", file=sys.stderr)
