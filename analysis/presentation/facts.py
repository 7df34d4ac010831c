"""How a cited figure reads, on screen, in charts and in the PDF: its value, and the period and source
that travel with it. The one place that turns a number and its unit into words."""

from __future__ import annotations

import pandas as pd

from analysis.loading.oews import industry_label, pointer_industry
from analysis.loading.schema import EVIDENCE_LABELS, NO_FIGURE, BlsIndustry, Fact, Source

SINGULAR_UNITS = {"hours": "hour", "years": "year", "weeks": "week"}


def money(value: float | None, hourly: bool = False) -> str:
    """'$49,310' a year, '$23.71' an hour (cents matter there); a missing value is said, never zero."""
    if value is None or pd.isna(value):
        return NO_FIGURE
    return f"${value:,.2f}" if hourly else f"${value:,.0f}"


def format_value(fact: Fact, spoken: bool = False) -> str:
    """'$49,310', '17%', '463,900 jobs', '2 years' — or 'no published figure'.

    spoken=True is the form for running text (the PDF): pay rates and cycles say what they are per,
    '$49,310 a year', '$20.90 an hour', 'every 2 years'.
    """
    value, unit = fact.value, fact.unit
    if value is None:
        return NO_FIGURE
    if isinstance(value, str):
        return value
    if unit == "USD/year":
        return money(value) + (" a year" if spoken else "")
    if unit == "USD/hour":
        return money(value, hourly=True) + (" an hour" if spoken else "")
    if unit == "USD":
        return money(value)
    if spoken and unit == "years":
        return f"every {value:g} year" + ("" if value == 1 else "s")
    if unit == "percent":
        return f"{value:g}%"
    if unit == "jobs":
        return f"{value:,.0f} jobs"
    if unit == "openings/year":
        return f"{value:,.0f} a year"
    if value == 1 and unit in SINGULAR_UNITS:
        unit = SINGULAR_UNITS[unit]
    return f"{value:,g} {unit}"


def with_period(fact: Fact) -> str:
    """The value followed by its period: '$129 (PTCB refund policy (c. 2024-25))', or the gap."""
    if fact.value is None:
        return NO_FIGURE
    return f"{format_value(fact)} ({fact.period})"


def oews_citation(fact: Fact) -> str:
    """'BLS OEWS, May 2025 · General Medical and Surgical Hospitals (622100)' for a figure from the OEWS table."""
    return f"BLS OEWS, {fact.period} · {industry_label(pointer_industry(fact.oews))}"


def citation(fact: Fact, sources: dict[str, Source]) -> str:
    """'May 2024 · U.S. Bureau of Labor Statistics · publisher's own page or file' — or the gap's note.

    A figure from the imported OEWS table reads 'BLS OEWS, May 2025 · <industry> (<code>) · ...'.
    """
    if fact.value is None:
        return fact.note or NO_FIGURE
    if fact.oews:
        evidence = EVIDENCE_LABELS.get(fact.evidence or "", "")
        return oews_citation(fact) + (f" · {evidence}" if evidence else "")
    src = sources.get(fact.source or "")
    name = src.publisher if src else (fact.source or "")
    evidence = EVIDENCE_LABELS.get(fact.evidence or "", "")
    return f"{fact.period} · {name}" + (f" · {evidence}" if evidence else "")


def is_loose_fit(ind: BlsIndustry) -> bool:
    return ind.confidence in ("low", "none")


def pay_label(ind: BlsIndustry) -> str:
    """'Median pay', or a label that says the figure is only the nearest industry's."""
    return "Median pay (nearest industry, a loose fit)" if is_loose_fit(ind) else "Median pay"


def industry_mapping(ind: BlsIndustry) -> str:
    """How well the BLS industry stands for the setting, in words: closest match, or only the nearest one."""
    if is_loose_fit(ind):
        kind = "Nearest published BLS industry — a loose fit, so read its figures as a rough guide"
    else:
        kind = "Closest published BLS industry"
    return f"{kind}: {ind.title} ({ind.naics}); mapping confidence: {ind.confidence}. {ind.note}"
