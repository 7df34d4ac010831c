"""Where the pay figures came from, in plain words, for the About page and exports."""

from __future__ import annotations

from typing import Any

from analysis.loading.oews import load_provenance


def provenance_lines(provenance: dict[str, Any] | None = None) -> list[str]:
    """Plain-text lines (no Markdown): release, publication and retrieval dates, the route, each file's checksum."""
    p = provenance if provenance is not None else load_provenance()
    if not p:
        return ["The imported BLS OEWS table's provenance record (data/oews/provenance.yaml) is missing."]
    lines = [
        (f"Release: {p.get('release', '?')} OEWS estimates for {p.get('occupation', 'pharmacy technicians')}, "
         f"published by BLS on {p.get('bls_published') or 'an unrecorded date'}."),
        f"Retrieved from BLS on {p.get('retrieved_from_bls') or 'an unrecorded date'}; how it reached us: {p.get('via', '?')}.",
        (f"Imported table: data/oews/{p.get('table', '?')} (sha256 {p.get('table_sha256', '?')}), rows: "
         + ", ".join(f"{n} {kind}" for kind, n in (p.get("rows") or {}).items()) + "."),
    ]
    lines.append("Cross-check: the national all-industries row equals BLS's own national file for the same release "
                 "(data/oews/national_trend.csv); the tests keep the two equal.")
    for item in p.get("inputs") or []:
        lines.append(f"Read: {item.get('file')} ({item.get('role')}), sha256 {item.get('sha256')}.")
    for item in p.get("bls_files") or []:
        when = f", last modified {item['last_modified']}" if item.get("last_modified") else ""
        lines.append(f"BLS file: {item.get('file')}{when}, sha256 {item.get('sha256')}.")
    return lines
