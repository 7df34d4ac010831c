"""The bundled profiles and catalogs are valid, complete, and every figure traces to the
reference facts with its period."""

from __future__ import annotations

import json

import pytest
import yaml

from analysis.loading.frames import build_frames
from analysis.loading.loader import load_catalogs, load_profiles
from analysis.loading.oews import industry_row, load_oews
from analysis.loading.schema import RATING_DIMENSIONS, profile_json_schema
from analysis.paths import REFERENCE_PATH, SCHEMA_PATH


@pytest.fixture(scope="module")
def result():
    return load_profiles()


def test_bundled_files_have_no_problems(result):
    assert [str(p) for p in result.problems] == []
    assert result.skipped == ()


def test_at_least_eight_settings_including_the_core_four(result):
    ids = {p.id for p in result.profiles}
    assert len(ids) >= 8
    assert {"hospital", "retail", "long-term-care"} <= ids
    assert any(p.category == "industry" for p in result.profiles)


def test_every_figure_cites_a_reference_fact_with_its_period(result):
    """A non-null figure must name the reference fact it was copied from; the loader has
    already compared value, period and source URL (see test_profile_bad_input)."""
    reference = {row["id"]: row for row in yaml.safe_load(REFERENCE_PATH.read_text(encoding="utf-8"))}
    table = load_oews()
    checked = 0
    for profile in result.profiles:
        for path, fact in profile.all_facts().items():
            if fact.value is None:
                assert fact.note and fact.note.lower().startswith("no published figure"), f"{profile.id}: {path}"
                continue
            if fact.oews:  # a figure from the imported OEWS table: read the table independently of the loader
                release, code, column = fact.oews.split("/")
                row = industry_row(table, code)
                assert release == "M2025" and fact.period == "May 2025", f"{profile.id}: {path}"
                if column == "employment_share":
                    total = industry_row(table, "000000")["employment"]
                    assert fact.value == round(100 * row["employment"] / total, 1), f"{profile.id}: {path}"
                else:
                    assert fact.value == row[column], f"{profile.id}: {path}"
                checked += 1
                continue
            assert fact.ref, f"{profile.id}: {path} has no ref into the reference facts or the OEWS table"
            row = reference[fact.ref]
            assert fact.period == row["period"], f"{profile.id}: {path}"
            assert fact.value == row["value"] or str(fact.value) == str(row["value"]), f"{profile.id}: {path}"
            checked += 1
    assert checked >= 20


def test_credential_figures_cite_the_reference(result):
    for cred in result.catalogs.credentials.values():
        for key in type(cred.facts).model_fields:
            fact = getattr(cred.facts, key)
            if fact.value is None:
                assert fact.note, f"{cred.id}: {key}"
            elif isinstance(fact.value, (int, float)):
                assert fact.ref, f"{cred.id}: {key} has a number but no ref"


def test_catalogs_cover_the_ptcb_ladder_and_nha():
    catalogs = load_catalogs()
    assert {"cpht", "cpht-adv", "cspt", "excpt"} <= set(catalogs.credentials)
    certificates = [c for c in catalogs.credentials.values() if c.kind == "assessment-based certificate"]
    assert len(certificates) == 11
    assert catalogs.credentials["cpht"].facts.initial_fee.value == 129


def test_every_profile_cites_only_catalogued_sources(result):
    for profile in result.profiles:
        assert set(profile.sources) <= set(result.catalogs.sources), profile.id


def test_schema_json_is_in_sync():
    on_disk = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert on_disk == json.loads(profile_json_schema()), "run: python -m analysis.loading.schema"


def test_frames_are_tidy(result):
    frames = build_frames(result.profiles, result.catalogs)
    n = len(result.profiles)
    assert len(frames.settings) == n and frames.settings["id"].is_unique
    assert len(frames.ratings) == n * len(RATING_DIMENSIONS)
    assert frames.ratings["score"].between(1, 5).all()
    assert len(frames.schedule) == n * 4
    assert (frames.tasks.groupby("setting_id")["share"].sum() == 100).all()
    assert len(frames.wages) == n * 5
    # A gap stays a gap: never a zero.
    gaps = frames.wages[frames.wages["is_gap"]]
    assert gaps["value"].isna().all()
    hospital = frames.wages[frames.wages["setting_id"] == "hospital"].set_index("percentile")
    row = industry_row(load_oews(), "622100")
    assert hospital.loc[50, "value"] == row["annual_median"] and hospital.loc[50, "period"] == "May 2025"
    assert hospital.loc[10, "value"] == row["annual_p10"] and hospital.loc[50, "industry"].endswith("(622100)")
    assert set(frames.credentials["relevance"]) <= {"required", "commonly-required", "preferred", "helpful"}


def test_cited_sources_are_exactly_those_something_cites(result):
    """About the data lists cited_sources(): every source a profile, credential or figure names, and no other."""
    catalogs = result.catalogs
    named: set[str] = set()
    for item in list(result.profiles) + list(catalogs.credentials.values()):
        named |= set(item.sources) | {f.source for f in item.all_facts().values() if f.source}
    if catalogs.national is not None:
        named |= {getattr(catalogs.national, k).source for k in type(catalogs.national).model_fields} - {None}
    assert named <= set(catalogs.sources), "every named source is catalogued"
    cited = {s.id for s in result.cited_sources()}
    assert cited == named
    assert {"bls-ooh-2023", "bls-oews-2025", "ptcb-refund-policy"} <= cited


def test_ratings_and_schedules_cite_only_the_profiles_own_catalogued_sources(result):
    """Each rating and schedule names the sources that back it; none may point outside the profile's list."""
    sourced = 0
    for profile in result.profiles:
        for where, cites in profile.evidence_sources().items():
            assert set(cites) <= set(profile.sources), f"{profile.id} {where}"
            assert set(cites) <= set(result.catalogs.sources), f"{profile.id} {where}"
            sourced += bool(cites)
    assert sourced > 0, "some ratings rest on sources"
    hospital = result.by_id()["hospital"]
    assert not hospital.schedule.is_judgement and hospital.schedule.sources
    assert hospital.ratings.benefits_security.is_judgement


def test_judgement_is_said_once_by_the_app_not_in_every_reason(result):
    """The app labels a rating with no sources as judgement; the reason gives the why, not the label again."""
    for profile in result.profiles:
        reasons = {f"ratings.{k}": getattr(profile.ratings, k).reason for k in RATING_DIMENSIONS}
        reasons["schedule"] = profile.schedule.reason
        for where, reason in reasons.items():
            lowered = reason.casefold()
            assert not lowered.startswith("judgement"), f"{profile.id} {where}: {reason}"
            assert "(judgement)" not in lowered, f"{profile.id} {where}: {reason}"
