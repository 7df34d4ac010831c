"""Where the pay figures came from, in plain words, for the About page and exports."""

from __future__ import annotations

from typing import Any

from analysis.i18n import N_, _, data_phrase
from analysis.loading.oews import load_provenance
from analysis.periods import day_text, localize_period

# The kinds of row in the imported table, as counted in its record ('rows: {national: 105, …}').
ROW_KINDS = {
    "national": N_("{n} national"),
    "state": N_("{n} state"),
    "metro": N_("{n} metropolitan area"),
    "nonmetro": N_("{n} nonmetropolitan area"),
}


def _day(value: object) -> str:
    """An ISO day of the record in words ('May 15, 2026' / '15 de mayo de 2026'); a missing one is said."""
    return day_text(str(value)) if value else _("an unrecorded date")


def _rows(rows: dict[str, int]) -> str:
    return ", ".join(_(ROW_KINDS[kind]).format(n=n) if kind in ROW_KINDS else f"{n} {kind}" for kind, n in rows.items())


def provenance_lines(provenance: dict[str, Any] | None = None) -> list[str]:
    """Plain-text lines (no Markdown): release, publication and retrieval dates, the route, each file's checksum."""
    p = provenance if provenance is not None else load_provenance()
    if not p:
        return [_("The imported BLS OEWS table's provenance record (data/oews/provenance.yaml) is missing.")]
    lines = [
        _("Release: {release} OEWS estimates for {occupation}, published by BLS on {published}.").format(
            release=localize_period(str(p.get("release", "?"))),
            occupation=data_phrase(str(p.get("occupation", _("pharmacy technicians")))),
            published=_day(p.get("bls_published")),
        ),
        _("Retrieved from BLS on {date}; how it reached us: {via}.").format(
            date=_day(p.get("retrieved_from_bls")), via=data_phrase(str(p.get("via", "?")))
        ),
        _("Imported table: data/oews/{table} (sha256 {sha}), rows: {rows}.").format(
            table=p.get("table", "?"),
            sha=p.get("table_sha256", "?"),
            rows=_rows(p.get("rows") or {}),
        ),
    ]
    lines.append(
        _(
            "Cross-check: the national all-industries row equals BLS's own national file for the same release "
            "(data/oews/national_trend.csv); the tests keep the two equal."
        )
    )
    for item in p.get("inputs") or []:
        lines.append(
            _("Read: {file} ({role}), sha256 {sha}.").format(
                file=item.get("file"), role=data_phrase(str(item.get("role"))), sha=item.get("sha256")
            )
        )
    for item in p.get("bls_files") or []:
        if item.get("last_modified"):
            lines.append(
                _("BLS file: {file}, last modified {date}, sha256 {sha}.").format(
                    file=item.get("file"), date=_day(item["last_modified"]), sha=item.get("sha256")
                )
            )
        else:
            lines.append(_("BLS file: {file}, sha256 {sha}.").format(file=item.get("file"), sha=item.get("sha256")))
    return lines
