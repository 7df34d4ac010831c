"""Every kind of broken profile gives a clear problem naming file and field, and never
costs the valid profiles beside it."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from analysis.loading.loader import load_profiles
from analysis.loading.oews import industry_row, load_oews
from analysis.loading.yaml_io import MAX_FILE_BYTES
from analysis.paths import PROFILES_DIR

GOOD = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))


def good_doc(profile_id: str) -> dict:
    doc = copy.deepcopy(GOOD)
    doc["id"] = profile_id
    return doc


def write(folder: Path, name: str, content: str | bytes | dict) -> Path:
    path = folder / name
    if isinstance(content, dict):
        content = yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding one valid profile, to which each test adds a broken one."""
    write(tmp_path, "valid-one.yaml", good_doc("valid-one"))
    return tmp_path


def load_with_bad(folder: Path, name: str, content) -> tuple[list, list[str]]:
    write(folder, name, content)
    result = load_profiles([folder])
    ids = [p.id for p in result.profiles]
    assert "valid-one" in ids, "a bad file must never cost a valid profile"
    assert any(s.endswith(name) for s in result.skipped), f"{name} should be listed as skipped"
    bad = [p for p in result.problems if p.file.endswith(name)]
    assert bad, f"no problem reported for {name}"
    return bad, ids


def mutate(profile_id: str, change) -> dict:
    doc = good_doc(profile_id)
    change(doc)
    return doc


def only(problems, field: str):
    hits = [p for p in problems if p.field == field]
    assert hits, f"expected a problem at {field!r}, got {[str(p) for p in problems]}"
    return hits[0]


def test_malformed_yaml(folder):
    problems, _ = load_with_bad(folder, "broken.yaml", "id: broken\nname: [unclosed\n")
    assert problems[0].field.startswith("line ")
    assert "malformed YAML" in problems[0].message


def test_empty_file(folder):
    problems, _ = load_with_bad(folder, "empty.yaml", "   \n")
    assert "empty" in problems[0].message


def test_document_that_is_not_a_mapping(folder):
    problems, _ = load_with_bad(folder, "alist.yaml", "- just\n- a list\n")
    assert problems[0].field == "(document)"
    assert "expected a mapping" in problems[0].message and "list" in problems[0].message


def test_missing_required_field(folder):
    problems, _ = load_with_bad(folder, "no-name.yaml", mutate("no-name", lambda d: d.pop("name")))
    assert only(problems, "name").message == "required field is missing"


def test_wrong_type(folder):
    def change(d):
        d["ratings"]["pace_pressure"]["score"] = "four"

    problems, _ = load_with_bad(folder, "wrong-type.yaml", mutate("wrong-type", change))
    p = only(problems, "ratings.pace_pressure.score")
    assert "integer" in p.message and "four" in p.message


def test_unknown_field_typo(folder):
    def change(d):
        d["sumary"] = d.pop("summary")

    problems, _ = load_with_bad(folder, "typo.yaml", mutate("typo", change))
    assert "unknown field" in only(problems, "sumary").message
    assert only(problems, "summary").message == "required field is missing"


def test_rating_out_of_range(folder):
    def change(d):
        d["ratings"]["autonomy"]["score"] = 6

    problems, _ = load_with_bad(folder, "rating6.yaml", mutate("rating6", change))
    assert "less than or equal to 5" in only(problems, "ratings.autonomy.score").message


def test_task_shares_not_adding_up(folder):
    def change(d):
        d["tasks"][0]["share"] += 7

    problems, _ = load_with_bad(folder, "shares.yaml", mutate("shares", change))
    p = only(problems, "tasks")
    assert "107" in p.message and "100" in p.message


def test_duplicate_id(folder):
    # Same id through the .yml spelling of the same file name: the first one stays.
    problems, ids = load_with_bad(folder, "valid-one.yml", good_doc("valid-one"))
    assert ids.count("valid-one") == 1
    p = only(problems, "id")
    assert "duplicate id 'valid-one'" in p.message and "valid-one.yaml" in p.message


def test_id_not_matching_file_name(folder):
    problems, _ = load_with_bad(folder, "clinic.yaml", good_doc("hospital-two"))
    p = only(problems, "id")
    assert "does not match the file name" in p.message and "'clinic'" in p.message


def test_unknown_source_id(folder):
    def change(d):
        d["facts"]["median_wage_annual"]["source"] = "bls-oops"
        d["sources"].append("bls-oops")

    problems, _ = load_with_bad(folder, "badsource.yaml", mutate("badsource", change))
    assert "unknown source id 'bls-oops'" in only(problems, "facts.median_wage_annual.source").message
    assert any(p.field.startswith("sources[") and "bls-oops" in p.message for p in problems)


def test_rating_citing_a_source_the_profile_leaves_out(folder):
    def change(d):
        d["ratings"]["pace_pressure"]["sources"] = ["bls-ooh-2023"]  # catalogued, but not in hospital's list

    problems, _ = load_with_bad(folder, "ratingsrc.yaml", mutate("ratingsrc", change))
    p = only(problems, "ratings.pace_pressure.sources")
    assert "cites bls-ooh-2023" in p.message and "the sources list leaves out" in p.message


def test_schedule_citing_a_source_the_profile_leaves_out(folder):
    def change(d):
        d["schedule"]["sources"] = ["ashp-mco-2001"]

    problems, _ = load_with_bad(folder, "schedsrc.yaml", mutate("schedsrc", change))
    assert "cites ashp-mco-2001" in only(problems, "schedule.sources").message


def test_rating_citing_an_unknown_source(folder):
    def change(d):
        d["ratings"]["autonomy"]["sources"] = ["made-up-study"]
        d["sources"].append("made-up-study")

    problems, _ = load_with_bad(folder, "ratingunknown.yaml", mutate("ratingunknown", change))
    p = only(problems, "ratings.autonomy.sources[0]")
    assert "unknown source id 'made-up-study'" in p.message and "data/sources.yaml" in p.message


def test_rating_citing_a_source_twice(folder):
    def change(d):
        d["ratings"]["autonomy"]["sources"] = ["onet-summary", "onet-summary"]

    problems, _ = load_with_bad(folder, "ratingtwice.yaml", mutate("ratingtwice", change))
    assert "listed twice" in only(problems, "ratings.autonomy.sources").message


def test_profile_without_evidence_lists_loads_as_judgement(folder):
    """An uploaded profile written before ratings cited sources still loads; every rating counts as judgement."""

    def change(d):
        for rating in d["ratings"].values():
            rating.pop("sources", None)
        d["schedule"].pop("sources", None)

    write(folder, "older.yaml", mutate("older", change))
    result = load_profiles([folder])
    assert result.problems == ()
    older = next(p for p in result.profiles if p.id == "older")
    assert all(getattr(older.ratings, k).is_judgement for k in type(older.ratings).model_fields)
    assert older.schedule.is_judgement and older.schedule.sources == []


def test_unknown_credential_id(folder):
    def change(d):
        d["credentials"][0]["id"] = "cpht-expert"

    problems, _ = load_with_bad(folder, "badcred.yaml", mutate("badcred", change))
    assert "unknown credential id 'cpht-expert'" in only(problems, "credentials[0].id").message


@pytest.mark.parametrize("missing", ["source", "period"])
def test_figure_without_source_or_period(folder, missing):
    def change(d):
        d["facts"]["median_wage_annual"].pop(missing)

    problems, _ = load_with_bad(folder, f"no-{missing}.yaml", mutate(f"no-{missing}", change))
    p = only(problems, "facts.median_wage_annual")
    assert missing in p.message and "a figure needs" in p.message


def test_gap_without_a_note(folder):
    def change(d):
        d["facts"]["employment"]["value"] = None
        d["facts"]["employment"].pop("note", None)

    problems, _ = load_with_bad(folder, "gap.yaml", mutate("gap", change))
    assert "no published figure" in only(problems, "facts.employment").message


def test_figure_that_differs_from_the_reference(folder):
    def change(d):
        d["facts"]["median_wage_annual"]["value"] = 52000

    problems, _ = load_with_bad(folder, "drift.yaml", mutate("drift", change))
    p = only(problems, "facts.median_wage_annual.value")
    published = industry_row(load_oews(), "622100")["annual_median"]
    assert "52000" in p.message and f"{published:.0f}" in p.message and "OEWS" in p.message


def test_file_that_is_not_utf8(folder):
    text = (PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8").replace("id: hospital", "id: latin")
    problems, _ = load_with_bad(folder, "latin.yaml", (text + "\n# caf\u00e9\n").encode("latin-1"))
    assert "not UTF-8" in problems[0].message


def test_file_over_the_size_limit(folder):
    problems, _ = load_with_bad(folder, "huge.yaml", "summary: " + "x" * (MAX_FILE_BYTES + 10) + "\n")
    assert "limit" in problems[0].message and f"{MAX_FILE_BYTES:,}" in problems[0].message


def test_yaml_alias_bomb(folder):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    problems, _ = load_with_bad(folder, "bomb.yaml", bomb)
    assert "aliases" in problems[0].message and problems[0].field.startswith("line ")


def test_python_tag_is_refused(folder):
    problems, _ = load_with_bad(folder, "evil.yaml", "id: !!python/object/apply:os.system ['echo pwned']\n")
    assert "not allowed" in problems[0].message and "python/object" in problems[0].message


def test_duplicate_key_in_one_mapping(folder):
    problems, _ = load_with_bad(folder, "dupkey.yaml", "id: dupkey\nname: A\nname: B\n")
    assert "appears twice" in problems[0].message


def test_several_bad_files_are_all_reported(folder):
    write(folder, "empty.yaml", "")
    write(folder, "alist.yaml", "- 1\n")
    write(folder, "valid-two.yaml", good_doc("valid-two"))
    result = load_profiles([folder])
    assert sorted(p.id for p in result.profiles) == ["valid-one", "valid-two"]
    assert sorted(Path(s).name for s in result.skipped) == ["alist.yaml", "empty.yaml"]
