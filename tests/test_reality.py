"""Day-to-day realities and questions to ask an employer: every bundled setting has them in English and Spanish,
and a broken block in an uploaded profile is a clear problem (file, field, what was expected)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from analysis.i18n import translator
from analysis.loading.loader import load_profiles
from analysis.loading.reality import FACET_KEYS, FACET_LABELS, QUESTIONS_MAX, QUESTIONS_MIN, Reality
from analysis.loading.schema import Profile
from analysis.loading.translated import mark_english, translate_profile
from analysis.loading.translations import PROFILE_PROSE, en_hash, prose_fields
from analysis.paths import PROFILES_DIR

BUNDLED_IDS = sorted(p.stem for p in PROFILES_DIR.glob("*.yaml"))
HOSPITAL = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundled() -> dict[str, Profile]:
    return load_profiles().by_id()


def _reality_paths(profile: Profile) -> dict[str, str]:
    """The English text of every facet and question of a profile, keyed by field path."""
    english = prose_fields(profile.model_dump(), PROFILE_PROSE)
    return {k: v for k, v in english.items() if k.startswith(("reality.", "employer_questions["))}


# --- Every bundled setting, both languages ---------------------------------------------------------------


def test_facet_keys_are_the_model_fields_in_order_with_labels():
    assert FACET_KEYS == tuple(Reality.model_fields)
    spanish = translator("es")
    assert all(spanish.gettext(label) != label for label in FACET_LABELS.values())  # each label has its Spanish


@pytest.mark.parametrize("profile_id", BUNDLED_IDS)
def test_every_bundled_setting_has_all_facets_and_five_to_eight_questions(bundled, profile_id):
    profile = bundled[profile_id]
    assert profile.reality is not None, f"{profile_id}: no reality block"
    assert profile.reality.missing() == [], f"{profile_id}: facets missing"
    assert [k for k, _ in profile.reality.facets()] == list(FACET_KEYS)
    assert profile.employer_questions is not None
    assert QUESTIONS_MIN <= len(profile.employer_questions) <= QUESTIONS_MAX


@pytest.mark.parametrize("profile_id", BUNDLED_IDS)
def test_a_judgement_facet_says_it_is_one(bundled, profile_id):
    """A facet no source backs must carry the reason for the judgement in its text."""
    for key, facet in bundled[profile_id].reality.facets():
        if facet.is_judgement:
            assert "judgement" in facet.text.lower(), f"{profile_id}: reality.{key} is uncited and says no reason"


@pytest.mark.parametrize("profile_id", BUNDLED_IDS)
def test_every_bundled_setting_reads_its_facets_and_questions_in_spanish(bundled, profile_id):
    profile = bundled[profile_id]
    english = _reality_paths(profile)
    spanish, cover = translate_profile(profile, "es")
    untranslated = [p for p in cover.fallbacks if p in english]
    assert not untranslated, f"{profile_id}: no current Spanish for {untranslated}"
    assert all(p in cover.translated for p in english)
    for key, facet in spanish.reality.facets():
        assert facet.text != getattr(profile.reality, key).text
        assert facet.sources == getattr(profile.reality, key).sources  # sources come from the English file
    assert len(spanish.employer_questions) >= QUESTIONS_MIN
    assert all(q.ask != e.ask for q, e in zip(spanish.employer_questions, profile.employer_questions, strict=True))


def test_a_stale_or_missing_spanish_question_reads_in_english_marked(bundled, tmp_path):
    """The Spanish check can fail: change an English question after translating it and it is stale; drop an
    entry and it is missing. Both are shown in English, marked."""
    profile = bundled["hospital"]
    folder = tmp_path / "es"
    folder.mkdir()
    shutil.copy(PROFILES_DIR / "es" / "hospital.yaml", folder / "hospital.yaml")
    doc = yaml.safe_load((folder / "hospital.yaml").read_text(encoding="utf-8"))
    doc["employer_questions[0].ask"]["en_hash"] = en_hash("An older English question?")
    del doc["reality.remote_work.text"]
    (folder / "hospital.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")

    spanish, cover = translate_profile(profile, "es", folder=tmp_path)
    assert cover.stale == ["employer_questions[0].ask"]
    assert cover.missing == ["reality.remote_work.text"]
    assert spanish.employer_questions[0].ask == mark_english(profile.employer_questions[0].ask)
    assert spanish.reality.remote_work.text == mark_english(profile.reality.remote_work.text)


# --- Uploaded profiles: optional, and checked like every other field ---------------------------------------


def _load_one(tmp_path: Path, change) -> tuple[Profile | None, list]:
    doc = copy.deepcopy(HOSPITAL)
    doc["id"] = "upload"
    change(doc)
    (tmp_path / "upload.yaml").write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = load_profiles([tmp_path])
    loaded = next((p for p in result.profiles if p.id == "upload"), None)
    return loaded, [p for p in result.problems if p.file.endswith("upload.yaml")]


def test_a_profile_written_before_the_blocks_still_loads(tmp_path):
    def change(d):
        del d["reality"], d["employer_questions"]

    loaded, problems = _load_one(tmp_path, change)
    assert problems == [] and loaded is not None
    assert loaded.reality is None and loaded.employer_questions is None


def test_a_partial_reality_block_loads_and_names_what_is_missing(tmp_path):
    def change(d):
        d["reality"] = {"public_facing": d["reality"]["public_facing"]}

    loaded, problems = _load_one(tmp_path, change)
    assert problems == [] and loaded is not None
    assert loaded.reality.missing() == [k for k in FACET_KEYS if k != "public_facing"]


def test_a_facet_citing_a_source_the_profile_leaves_out(tmp_path):
    def change(d):
        d["reality"]["remote_work"]["sources"] = ["pbmct"]  # catalogued, but not in hospital's list

    loaded, problems = _load_one(tmp_path, change)
    assert loaded is None
    [p] = [p for p in problems if p.field == "reality.remote_work.sources"]
    assert "cites pbmct" in p.message and "the sources list leaves out" in p.message


def test_a_facet_citing_an_unknown_source(tmp_path):
    def change(d):
        d["reality"]["tuition_support"]["sources"] = ["made-up-survey"]
        d["sources"].append("made-up-survey")

    loaded, problems = _load_one(tmp_path, change)
    assert loaded is None
    [p] = [p for p in problems if p.field == "reality.tuition_support.sources[0]"]
    assert "unknown source id 'made-up-survey'" in p.message and "data/sources.yaml" in p.message


def test_a_facet_citing_a_source_twice(tmp_path):
    def change(d):
        d["reality"]["public_facing"]["sources"] = ["onet-summary", "onet-summary"]

    _loaded, problems = _load_one(tmp_path, change)
    assert any(p.field == "reality.public_facing.sources" and "listed twice" in p.message for p in problems)


@pytest.mark.parametrize("count", [QUESTIONS_MIN - 1, QUESTIONS_MAX + 1])
def test_too_few_or_too_many_questions(tmp_path, count):
    def change(d):
        d["employer_questions"] = [{"ask": f"Question {i}?", "why": "Because."} for i in range(count)]

    loaded, problems = _load_one(tmp_path, change)
    assert loaded is None
    [p] = [p for p in problems if p.field == "employer_questions"]
    assert p.message == f"expected {QUESTIONS_MIN} to {QUESTIONS_MAX} questions, got {count}"


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        (lambda d: d["reality"]["sterile_training"].update(text=" "), "reality.sterile_training.text", "at least 1"),
        (lambda d: d["employer_questions"][2].update(why=""), "employer_questions[2].why", "at least 1"),
        (lambda d: d["employer_questions"][0].pop("why"), "employer_questions[0].why", "required field is missing"),
        (lambda d: d["reality"].update(parking={"text": "x"}), "reality.parking", "unknown field"),
        (lambda d: d["reality"]["remote_work"].update(text="Hidden\u202etext"), "reality.remote_work.text", "U+202E"),
        (lambda d: d["employer_questions"][1].update(ask="Two\nlines?"), "employer_questions[1].ask", "match pattern"),
        (lambda d: d["employer_questions"].append(dict(d["employer_questions"][0])), "employer_questions", "twice"),
    ],
)
def test_broken_text_is_named_by_field(tmp_path, change, field, expected):
    loaded, problems = _load_one(tmp_path, change)
    assert loaded is None
    assert any(p.field == field and expected in p.message for p in problems), [str(p) for p in problems]
