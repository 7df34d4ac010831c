"""How a cited figure reads, on screen, in charts and in the PDF: its value, and the period and source
that travel with it. The words for a figure, its period and its source live in `analysis/figure_text.py`
(below presentation: the pathways use them too); this module adds how a BLS industry stands for a setting."""

from __future__ import annotations

# Re-exported for the pages, the charts and the PDF.
from analysis.figure_text import ALL_INDUSTRIES as ALL_INDUSTRIES
from analysis.figure_text import citation as citation
from analysis.figure_text import evidence_name as evidence_name
from analysis.figure_text import format_value as format_value
from analysis.figure_text import money as money
from analysis.figure_text import oews_citation as oews_citation
from analysis.figure_text import plain_period as plain_period
from analysis.figure_text import publisher as publisher
from analysis.figure_text import with_period as with_period
from analysis.i18n import N_, _
from analysis.loading.schema import BlsIndustry

CONFIDENCE_WORDS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low"), "none": N_("none")}


def is_loose_fit(ind: BlsIndustry) -> bool:
    return ind.confidence in ("low", "none")


def pay_label(ind: BlsIndustry) -> str:
    """'Median pay', or a label that says the figure is only the nearest industry's."""
    return _("Median pay (nearest industry, a loose fit)") if is_loose_fit(ind) else _("Median pay")


def industry_mapping(ind: BlsIndustry) -> str:
    """How well the BLS industry stands for the setting, in words: closest match, or only the nearest one."""
    if is_loose_fit(ind):
        text = _(
            "Nearest published BLS industry — a loose fit, so read its figures as a rough guide: {title} ({code}); "
            "mapping confidence: {confidence}. {note}"
        )
    else:
        text = _("Closest published BLS industry: {title} ({code}); mapping confidence: {confidence}. {note}")
    return text.format(
        title=ind.title,
        code=ind.naics,
        confidence=_(CONFIDENCE_WORDS.get(ind.confidence, ind.confidence)),
        note=ind.note,
    )
