"""Credential gaps: which credentials a setting asks for that a person does not yet hold."""

from __future__ import annotations

from collections.abc import Iterable

from analysis.loading.loader import Catalogs
from analysis.loading.schema import RELEVANCE_ORDER, Credential, Profile


def is_covered(credential_id: str, held: Iterable[str], catalogs: Catalogs) -> bool:
    """Held, or an alternative employers accept in its place is held (CPhT for ExCPT and back)."""
    held = set(held)
    cred = catalogs.credentials.get(credential_id)
    return credential_id in held or bool(cred and held & set(cred.accepted_instead_of))


def missing_credentials(profile: Profile, held: Iterable[str], catalogs: Catalogs) -> list[tuple[Credential, str]]:
    """Credentials the setting requires, commonly requires or prefers that the person lacks, most needed first."""
    held = set(held)
    wanted = RELEVANCE_ORDER[:3]
    out = [
        (catalogs.credentials[c.id], c.relevance)
        for c in profile.credentials
        if c.relevance in wanted and c.id in catalogs.credentials and not is_covered(c.id, held, catalogs)
    ]
    return sorted(out, key=lambda pair: RELEVANCE_ORDER.index(pair[1]))
