"""Profile files as an attacker would write or place them: each trick is refused as a clear
`file: field: message` problem, never a traceback, a hang or a silent pass."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from analysis.loading import loader
from analysis.loading.loader import load_catalogs, load_profile_bytes, load_profiles
from analysis.loading.names import name_clash
from analysis.paths import PROFILES_DIR, ROOT

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
CATALOGS = load_catalogs()
BUNDLED = load_profiles(catalogs=CATALOGS)


def run_validate(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis.validate", *args],
        cwd=ROOT,
        capture_output=True,
        check=False,
        text=True,
        timeout=timeout,
    )


def problems_of(path: Path) -> list[str]:
    result = load_profiles([path], CATALOGS)
    assert not result.profiles, f"{path.name} should have been refused"
    return [f"{p.field}: {p.message}" for p in result.problems]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("wage-nan", "facts.median_wage_annual.value: must be a finite number, got nan"),
        ("wage-inf", "facts.median_wage_annual.value: must be a finite number, got inf"),
        ("wage-overflow", "facts.median_wage_annual.value: must be a finite number, got inf"),
        ("wage-negative", "facts.median_wage_annual: -49,310 is outside the plausible range 1–1,000,000 USD/year"),
        ("wage-400-digits", "line 26: a number with 400 digits is not a figure; the limit is 15 digits"),
        ("wage-5000-digits", "line 26: a number with 5000 digits is not a figure; the limit is 15 digits"),
        ("merge-key", "line 102: merge keys (<<) are not allowed in these files; write the keys out"),
        ("bidi-name", "name: contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE); remove it"),
        ("nul-name", "name: contains the invisible character U+0000 (a control character); remove it"),
        ("zero-width-short-name", "short_name: contains the invisible character U+200B (ZERO WIDTH SPACE); remove it"),
    ],
)
def test_each_hostile_file_is_refused_with_its_field(name, expected):
    assert expected in problems_of(HOSTILE / f"{name}.yaml")


def test_a_5000_digit_number_is_a_problem_not_a_traceback():
    proc = run_validate(str(HOSTILE / "wage-5000-digits.yaml"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stdout.strip() == (
        "tests/fixtures/hostile/wage-5000-digits.yaml: line 26: "
        "a number with 5000 digits is not a figure; the limit is 15 digits"
    )


def wage_written_as(text: str) -> bytes:
    """The bundled hospital profile, renamed, with its median wage written as `text` (exactly as in the file)."""
    original = (PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8").replace("id: hospital", "id: odd", 1)
    head, tail = original.split("facts:\n  median_wage_annual:\n    value: ", 1)
    return (head + "facts:\n  median_wage_annual:\n    value: " + text + tail[tail.index("\n") :]).encode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0x" + "f" * 5000, "a number written in hexadecimal (0x…) is not a figure; write it in decimal digits"),
        ("0xC5D0", "a number written in hexadecimal (0x…) is not a figure; write it in decimal digits"),
        ("0b1100", "a number written in binary (0b…) is not a figure; write it in decimal digits"),
        ("0117", "a number written in octal (a leading 0) is not a figure; write it in decimal digits"),
        ("13:41:50", "a number written in base 60 (1:30) is not a figure; write it in decimal digits"),
        ("1" * 5000, "a number with 5000 digits is not a figure; the limit is 15 digits"),
    ],
)
def test_hex_octal_and_over_long_numbers_get_a_plain_message(text, expected):
    """YAML 1.1 reads 0x…, 0b…, a leading 0 and 1:30 as numbers; a figure is never meant that way. Before, 0x and
    5,000 hex digits surfaced Python's own 'Exceeds the limit (4300 digits)… set_int_max_str_digits()'."""
    profile, problems = load_profile_bytes(wage_written_as(text), "odd.yaml", CATALOGS)
    assert profile is None
    assert [p.message for p in problems] == [expected]
    assert problems[0].field.startswith("line ")


def test_decimal_figures_with_underscores_still_read():
    profile, problems = load_profile_bytes(wage_written_as("50_680"), "odd.yaml", CATALOGS)
    assert not problems and profile.facts.median_wage_annual.value == 50680


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -1.0, 10**14, 1e12])
def test_other_figures_are_finite_and_bounded_too(value):
    """Fees, hours and counts, not only wages: any number in a figure."""
    doc = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))
    doc["id"] = "odd-figure"
    doc["other_facts"][0].pop("ref", None)
    doc["other_facts"][0].pop("oews", None)
    doc["other_facts"][0]["value"] = value
    profile, problems = load_profile_bytes(yaml.safe_dump(doc).encode(), "odd-figure.yaml", CATALOGS)
    if value == -1.0:  # a negative "other figure" may be a change over time; only its size is bounded
        assert profile is not None
        return
    assert profile is None
    assert [p.field for p in problems] == ["other_facts[0].value"]


def test_a_share_over_100_percent_is_refused():
    doc = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))
    doc["id"] = "big-share"
    doc["facts"]["employment_share"].pop("ref", None)
    doc["facts"]["employment_share"].pop("oews", None)
    doc["facts"]["employment_share"]["value"] = 170
    _, problems = load_profile_bytes(yaml.safe_dump(doc).encode(), "big-share.yaml", CATALOGS)
    assert [str(p) for p in problems] == [
        "big-share.yaml: facts.employment_share: 170 is outside the plausible range 0–100 percent"
    ]


def test_merge_key_cannot_slip_a_duplicate_past_the_rule():
    _, problems = load_profile_bytes(b"id: x\nname: a\n<<: {name: b}\n", "x.yaml", CATALOGS)
    assert [str(p) for p in problems] == [
        "x.yaml: line 3: merge keys (<<) are not allowed in these files; write the keys out"
    ]


# --- Files that are not files -----------------------------------------------------------------


def test_a_link_out_of_the_folder_is_refused_without_reading_it(tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("secret_key: hunter2\n", encoding="utf-8")
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "innocent.yaml").symlink_to(outside)
    proc = run_validate(str(folder))
    assert proc.returncode == 1
    assert "secret_key" not in proc.stdout + proc.stderr and "hunter2" not in proc.stdout + proc.stderr
    assert proc.stdout.strip() == (
        f"{folder / 'innocent.yaml'}: (file): is a link to a file outside {folder}; "
        "only files inside the folder are read"
    )


def test_a_link_inside_the_folder_is_refused_like_one_out_of_it(tmp_path):
    """A link is never followed, wherever it points: the folder's own files are what is read."""
    (tmp_path / "hospital.yaml").write_bytes((PROFILES_DIR / "hospital.yaml").read_bytes())
    (tmp_path / "again.yaml").symlink_to(tmp_path / "hospital.yaml")
    result = load_profiles([tmp_path], CATALOGS)
    assert [p.id for p in result.profiles] == ["hospital"]
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'again.yaml'}: (file): is a link to another file; only files inside the folder are read, "
        "never links"
    ]


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    proc = run_validate(str(fifo), timeout=30)  # before: blocked forever waiting for a writer
    assert proc.returncode == 1
    assert "is not a regular file" in proc.stdout


def test_a_device_is_refused_at_once():
    proc = run_validate("/dev/zero", timeout=30)  # before: read until memory ran out
    assert proc.returncode == 1
    assert (
        proc.stdout.strip()
        == "/dev/zero: (file): is not a regular file (a device, pipe or socket); only plain files are read"
    )


def test_a_folder_named_like_a_profile_is_a_problem(tmp_path):
    (tmp_path / "x.yaml").mkdir()
    proc = run_validate(str(tmp_path / "x.yaml"))
    assert proc.returncode == 1
    assert proc.stdout.strip().endswith("x.yaml: (file): is a folder, not a profile file")


def test_a_folder_named_like_a_profile_inside_a_folder_is_reported(tmp_path):
    """Before, `notes.yaml/` inside the folder was skipped without a word and the validator said OK."""
    (tmp_path / "hospital.yaml").write_bytes((PROFILES_DIR / "hospital.yaml").read_bytes())
    (tmp_path / "notes.yaml").mkdir()
    proc = run_validate(str(tmp_path))
    assert proc.returncode == 1
    assert proc.stdout.strip() == f"{tmp_path / 'notes.yaml'}: (file): is a folder, not a profile file"
    assert "1 of 2 profile(s) valid" in proc.stderr


def test_a_folder_with_nothing_to_check_fails(tmp_path):
    proc = run_validate(str(tmp_path))
    assert proc.returncode == 1
    assert f"nothing to check: no .yaml or .yml profile file found in {tmp_path}" in proc.stderr


def test_an_unexpected_error_while_checking_is_that_files_problem(tmp_path, monkeypatch):
    def explode(*args, **kwargs):
        raise KeyError("surprise")

    (tmp_path / "hospital.yaml").write_bytes((PROFILES_DIR / "hospital.yaml").read_bytes())
    monkeypatch.setattr(loader, "check_profile", explode)
    result = load_profiles([tmp_path], CATALOGS)
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'hospital.yaml'}: (file): could not be checked (KeyError); the file was skipped"
    ]
    profile, problems = load_profile_bytes(b"id: x\n", "x.yaml", CATALOGS)
    assert profile is None and problems[0].message.startswith("could not be checked (KeyError)")


# --- Names that collide ---------------------------------------------------------------------------


def twin_hospital() -> dict:
    """tests/fixtures/hostile/twin-hospital.yaml's one change, made to today's bundled hospital profile (so
    that it stays valid as the schema grows): the name and short name of the bundled Hospital, recased."""
    doc = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))
    fixture = yaml.safe_load((HOSTILE / "twin-hospital.yaml").read_text(encoding="utf-8"))
    doc.update({k: fixture[k] for k in ("id", "name", "short_name")})
    return doc


def test_an_upload_named_like_a_bundled_setting_is_refused():
    data = yaml.safe_dump(twin_hospital(), allow_unicode=True).encode()
    profile, problems = load_profile_bytes(data, "twin-hospital.yaml", CATALOGS)
    assert profile is not None and not problems  # a valid file in itself
    clash = name_clash("twin-hospital.yaml", profile, BUNDLED.profiles, set(BUNDLED.by_id()))
    assert str(clash) == (
        "twin-hospital.yaml: name: 'hospital' is already used by a bundled setting "
        "(Hospital (inpatient)); give your profile its own name"
    )


@pytest.mark.parametrize(
    ("name", "short_name"),
    [
        ("\u041d\u043e\u0455\u0440\u0456t\u0430l", "\u041d\u043e\u0455\u0440\u0456t\u0430l"),  # Cyrillic look-alikes
        ("County hospital", "\uff28\uff4f\uff53\uff50\uff49\uff54\uff41\uff4c"),  # full-width letters
        ("County hospital", "H\u03bfspital"),  # a Greek omicron
    ],
)
def test_an_upload_in_look_alike_letters_is_refused(name, short_name):
    """ "Ноѕріtаl" in Cyrillic letters reads as the bundled "Hospital": it is refused, saying why."""
    doc = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))
    doc.update({"id": "county-hospital", "name": name, "short_name": short_name})
    data = yaml.safe_dump(doc, allow_unicode=True).encode()
    profile, problems = load_profile_bytes(data, "county-hospital.yaml", CATALOGS)
    assert profile is not None and not problems
    clash = name_clash("county-hospital.yaml", profile, BUNDLED.profiles, set(BUNDLED.by_id()))
    assert clash is not None, short_name
    field = "name" if name != "County hospital" else "short_name"
    mine = name if field == "name" else short_name
    assert str(clash) == (
        f"county-hospital.yaml: {field}: '{mine}' looks the same as 'Hospital' (letters from another alphabet or "
        "style that look alike), already used by a bundled setting (Hospital (inpatient)); "
        f"give your profile its own {field.replace('_', ' ')}"
    )


def test_a_distinct_upload_does_not_clash():
    doc = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))
    doc.update({"id": "county-hospital", "name": "County hospital", "short_name": "County"})
    profile, _ = load_profile_bytes(yaml.safe_dump(doc).encode(), "county-hospital.yaml", CATALOGS)
    assert name_clash("county-hospital.yaml", profile, BUNDLED.profiles, set(BUNDLED.by_id())) is None


# --- The JSON Schema that editors use carries the same bounds ----------------------------------------


@pytest.mark.parametrize("name", ["wage-negative", "wage-inf"])
def test_schema_json_flags_out_of_range_figures_while_editing(name):
    jsonschema = pytest.importorskip("jsonschema")
    import json

    schema = json.loads((PROFILES_DIR / "schema.json").read_text(encoding="utf-8"))
    bad = yaml.safe_load((HOSTILE / f"{name}.yaml").read_text(encoding="utf-8"))["facts"]["median_wage_annual"]["value"]
    doc = twin_hospital()
    doc["facts"]["median_wage_annual"]["value"] = bad
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    assert errors and all(list(e.absolute_path)[:3] == ["facts", "median_wage_annual", "value"] for e in errors), [
        e.message for e in errors
    ]


def test_every_bundled_profile_meets_schema_json():
    jsonschema = pytest.importorskip("jsonschema")
    import json

    validator = jsonschema.Draft202012Validator(json.loads((PROFILES_DIR / "schema.json").read_text(encoding="utf-8")))
    for path in sorted(PROFILES_DIR.glob("*.yaml")):
        errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))]
        assert errors == [], (path.name, errors)
