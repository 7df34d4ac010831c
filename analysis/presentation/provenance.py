"""Where the pay figures came from, in plain words, for the About page and exports."""

from __future__ import annotations

from typing import Any

from analysis.i18n import _, localize_period
from analysis.loading.oews import load_provenance


def provenance_lines(provenance: dict[str, Any] | None = None) -> list[str]:
    """Plain-text lines (no Markdown): release, publication and retrieval dates, the route, each file's checksum."""
    p = provenance if provenance is not None else load_provenance()
    if not p:
        return [_("The imported BLS OEWS table's provenance record (data/oews/provenance.yaml) is missing.")]
    unrecorded = _("an unrecorded date")
    lines = [
        _("Release: {release} OEWS estimates for {occupation}, published by BLS on {published}.").format(
            release=localize_period(str(p.get("release", "?"))),
            occupation=localize_period(str(p.get("occupation", _("pharmacy technicians")))),
            published=p.get("bls_published") or unrecorded,
        ),
        _("Retrieved from BLS on {date}; how it reached us: {via}.").format(
            date=p.get("retrieved_from_bls") or unrecorded, via=localize_period(str(p.get("via", "?")))
        ),
        _("Imported table: data/oews/{table} (sha256 {sha}), rows: {rows}.").format(
            table=p.get("table", "?"),
            sha=p.get("table_sha256", "?"),
            rows=", ".join(f"{n} {kind}" for kind, n in (p.get("rows") or {}).items()),
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
                file=item.get("file"), role=localize_period(str(item.get("role"))), sha=item.get("sha256")
            )
        )
    for item in p.get("bls_files") or []:
        if item.get("last_modified"):
            lines.append(
                _("BLS file: {file}, last modified {date}, sha256 {sha}.").format(
                    file=item.get("file"), date=item["last_modified"], sha=item.get("sha256")
                )
            )
        else:
            lines.append(_("BLS file: {file}, sha256 {sha}.").format(file=item.get("file"), sha=item.get("sha256")))
    return lines
