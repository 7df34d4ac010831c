"""Read the imported BLS OEWS table for pharmacy technicians (data/oews/, written by analysis.oews_import).

Two readers over the same file: `load_oews` gives a typed pandas frame for pages and charts;
`load_oews_table` (an `OewsTable` of plain strings keyed by area and industry) serves the loader's fact checks,
so the start-up path does not pay for pandas' CSV parser.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.paths import OEWS_PROVENANCE_PATH, OEWS_TABLE_PATH, OEWS_TREND_PATH

NATIONAL = "0000000"
ALL_INDUSTRIES = "000000"
TEXT_COLUMNS = (
    "area_type",
    "area_code",
    "area_name",
    "state",
    "states",
    "industry_code",
    "industry_title",
    "footnotes",
)
NUMBER_COLUMNS = (
    "employment",
    "employment_rse",
    "hourly_mean",
    "annual_mean",
    "wage_rse",
    "hourly_p10",
    "hourly_p25",
    "hourly_median",
    "hourly_p75",
    "hourly_p90",
    "annual_p10",
    "annual_p25",
    "annual_median",
    "annual_p75",
    "annual_p90",
)
# BLS footnote codes in plain words (oe.footnote says the same at more length).
FOOTNOTE_TEXT = {
    "1": "Totals include occupations not shown separately; self-employed workers are not counted.",
    "2": "Annual wages are hourly wages times 2,080 hours.",
    "3": "The relative standard error (RSE) measures how precise an estimate is; smaller is more precise.",
    "4": "Some occupations are paid by the hour or by the year rather than full-time, year-round.",
    "5": "Top-coded: the wage is $115.00 an hour ($239,200 a year) or more.",
    "8": "Not released by BLS for this row.",
}


def load_oews(path: Path = OEWS_TABLE_PATH) -> pd.DataFrame:
    """The table with codes as strings and figures as floats (NaN where BLS publishes none)."""
    df = pd.read_csv(
        path, dtype={c: str for c in TEXT_COLUMNS}, keep_default_na=False, na_values={c: [""] for c in NUMBER_COLUMNS}
    )
    for column in NUMBER_COLUMNS:
        df[column] = pd.to_numeric(df[column])
    return df


def industry_row(df: pd.DataFrame, code: str, area_code: str = NATIONAL) -> pd.Series | None:
    """One industry's row in an area (national by default), or None."""
    rows = df[(df["area_code"] == area_code) & (df["industry_code"] == code)]
    return None if rows.empty else rows.iloc[0]


@lru_cache(maxsize=4)
def _index_cached(path: str, mtime_ns: int) -> dict[tuple[str, str], dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        header = next(csv.reader([fh.readline()]))
        national = [line for line in fh if line.startswith("national,")]  # rows sort national first
    return {(r["area_code"], r["industry_code"]): r for r in csv.DictReader(national, fieldnames=header)}


def oews_index(path: Path = OEWS_TABLE_PATH) -> dict[tuple[str, str], dict[str, str]]:
    """National rows only, (area_code, industry_code) -> the row as strings; empty if the table is missing.

    Profile figures point at national industry rows; parsing only those keeps start-up cheap."""
    try:
        return _index_cached(str(path), path.stat().st_mtime_ns)
    except OSError:
        return {}


def oews_release(path: Path = OEWS_PROVENANCE_PATH) -> str:
    """The release label ('May 2025') from the provenance record, read without a YAML parser; '' if absent."""
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("release:"):
                    return line.split(":", 1)[1].strip().strip('"')
    except OSError:
        pass
    return ""


def load_provenance(path: Path = OEWS_PROVENANCE_PATH) -> dict[str, Any]:
    """The provenance record beside the table (release, publication date, files and checksums)."""
    from analysis.loading.yaml_io import read_yaml_file

    doc, problems = read_yaml_file(path)
    return doc if isinstance(doc, dict) and not problems else {}


def industry_title(code: str, path: Path = OEWS_TABLE_PATH) -> str:
    """BLS's title for a national industry row ('' if the table lacks it); 000000 reads 'all industries'."""
    if code == ALL_INDUSTRIES:
        return "all industries"
    row = oews_index(path).get((NATIONAL, code))
    return row["industry_title"] if row else ""


def pointer_industry(pointer: str | None) -> str:
    """'M2025/622100/annual_median' -> '622100' ('' for no pointer)."""
    return pointer.split("/")[1] if pointer else ""


@lru_cache(maxsize=1024)
def industry_label(code: str) -> str:
    """'General Medical and Surgical Hospitals (622100)', or the code alone if the table lacks it.
    Kept for the process, like the profiles: every cited pay figure asks, and asking the file each time cost a
    `stat` per figure on every page run."""
    title = industry_title(code)
    return f"{title} ({code})" if title and code != ALL_INDUSTRIES else (title or code)


def load_national_trend(path: Path = OEWS_TREND_PATH) -> pd.DataFrame:
    """The all-industries row of BLS's national files, one row per release (May 2023, 2024, 2025), oldest first."""
    df = pd.read_csv(path, dtype={"release": str, "source_file": str})
    df["year"] = df["release"].str.split().str[-1].astype(int)
    return df.sort_values("year").reset_index(drop=True)


@dataclass(frozen=True)
class OewsTable:
    """The imported BLS OEWS table as the fact checks see it: rows as text, and its release."""

    rows: dict[tuple[str, str], dict[str, str]]
    label: str  # "May 2025"
    code: str  # "M2025", as fact pointers write it

    def value(self, industry: str, column: str) -> str | None:
        """The cell as text ('' = not published); None if the row or column does not exist."""
        row = self.rows.get((NATIONAL, industry))
        if row is None:
            return None
        if column == "employment_share":  # computed: this industry's jobs over all technician jobs
            total = self.rows.get((NATIONAL, ALL_INDUSTRIES), {}).get("employment", "")
            if not row["employment"] or not total:
                return ""
            return f"{100 * float(row['employment']) / float(total):.1f}"
        return row.get(column) if column in NUMBER_COLUMNS else None


def load_oews_table(table_path: Path = OEWS_TABLE_PATH, provenance_path: Path = OEWS_PROVENANCE_PATH) -> OewsTable:
    label = oews_release(provenance_path)
    code = f"M{label.split()[-1]}" if label else ""
    return OewsTable(oews_index(table_path), label, code)
