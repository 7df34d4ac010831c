"""A setting's day-to-day realities and its questions to ask an employer, as plain text for pages and PDFs.

Each facet carries the words it rests on: its sources by publisher with their periods (a 'current' period as the
month the page was read, as on paper), or "Editorial judgement" where no source backs it. The questions are
editorial throughout. Nothing here is Markdown: callers show every string as inert text.

Nothing here imports streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analysis.i18n import _
from analysis.loading.reality import FACET_KEYS, FACET_LABELS, QUESTIONS_NOTE, QUESTIONS_TITLE, REALITY_TITLE
from analysis.loading.schema import Profile, Source
from analysis.presentation.facts import publisher
from analysis.presentation.pdf_content import source_period

__all__ = [
    "QUESTIONS_NOTE",
    "QUESTIONS_TITLE",
    "REALITY_TITLE",
    "FacetLine",
    "compare_blocks",
    "compare_rows",
    "evidence_words",
    "facet_lines",
    "questions",
]


@dataclass(frozen=True)
class FacetLine:
    key: str
    label: str  # translated
    text: str
    evidence: str  # "Sources: …" or "Editorial judgement"
    judgement: bool


def evidence_words(source_ids: Sequence[str], sources: Mapping[str, Source]) -> str:
    """'Sources: O*NET, 2024; PTCB, fee table (c. 2024-26), as read in Mar 2026' or 'Editorial judgement'."""
    known = [sources[s] for s in source_ids if s in sources]
    if not known:
        return _("Editorial judgement")
    parts = "; ".join(f"{publisher(src, src.id)}, {source_period(src)}" for src in known)
    return (_("Source: {list}") if len(known) == 1 else _("Sources: {list}")).format(list=parts)


def facet_lines(profile: Profile, sources: Mapping[str, Source]) -> list[FacetLine]:
    """Every facet the profile describes, in the fixed order; a profile without them gives []."""
    if profile.reality is None:
        return []
    return [
        FacetLine(key, _(FACET_LABELS[key]), facet.text, evidence_words(facet.sources, sources), facet.is_judgement)
        for key, facet in profile.reality.facets()
    ]


def questions(profile: Profile) -> list[tuple[str, str]]:
    """(question, why it matters) for the setting; [] for a profile without them."""
    return [(q.ask, q.why) for q in profile.employer_questions or []]


def compare_rows(profiles: Sequence[Profile], sources: Mapping[str, Source]) -> list[dict[str, str]]:
    """One row per facet: its label, then each setting's text with its evidence (or 'not described')."""
    lines = {p.id: {f.key: f for f in facet_lines(p, sources)} for p in profiles}
    rows = []
    for key in FACET_KEYS:
        row = {_("Facet"): _(FACET_LABELS[key])}
        for p in profiles:
            line = lines[p.id].get(key)
            row[p.short_name] = f"{line.text} ({line.evidence})" if line else _("Not described for this setting.")
        rows.append(row)
    return rows


def compare_blocks(
    profiles: Sequence[Profile], sources: Mapping[str, Source]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The same facets for a narrow screen: (facet label, [(setting's short name, its text with its evidence)])."""
    rows = compare_rows(profiles, sources)
    facet = _("Facet")
    return [(row[facet], [(p.short_name, row[p.short_name]) for p in profiles]) for row in rows]
