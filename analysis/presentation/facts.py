"""How a cited figure reads, on screen, in charts and in the PDF: its value, and the period and source
that travel with it. The one place that turns a number and its unit into words."""

from __future__ import annotations

import re

import pandas as pd

from analysis.loading.oews import industry_label, pointer_industry
from analysis.loading.schema import NO_FIGURE, BlsIndustry, Fact, Source

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


def with_period(fact: Fact, sources: dict[str, Source] | None = None) -> str:
    """The value followed by its period as a date: '$129 (PTCB refund policy, c. 2024-25)', or the gap."""
    if fact.value is None:
        return NO_FIGURE
    return f"{format_value(fact)} ({plain_period(fact, sources or {})})"


# Publishers a reader knows by a shorter name; anything else is shown as catalogued.
SHORT_PUBLISHERS = {
    "U.S. Bureau of Labor Statistics": "BLS",
    "U.S. Bureau of Labor Statistics (relayed)": "BLS",
    "PTCB Help Center": "PTCB",
    "National Healthcareer Association (NHA)": "NHA",
    "ASHP (American Society of Health-System Pharmacists)": "ASHP",
    "O*NET Resource Center (U.S. Department of Labor)": "O*NET",
    "CareerOneStop, U.S. Department of Labor": "CareerOneStop (U.S. Department of Labor)",
}
_VAGUE = re.compile(r"\b(current|undated)\b", re.IGNORECASE)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def plain_period(fact: Fact, sources: dict[str, Source]) -> str:
    """The figure's period as a date. 'current' or 'undated' is no date on paper or a year later, so it
    becomes the month the page was read: 'current PTCB fee table (c. 2024-26)' -> 'PTCB fee table
    (c. 2024-26), as read in Mar 2026'."""
    period = " ".join(str(fact.period or "").split())
    if not _VAGUE.search(period):
        return period
    src = sources.get(fact.source or "")
    read = f"as read in {_month_year(src.accessed)}" if src else "date not given"
    if re.fullmatch(r"\s*undated\s*", period, re.IGNORECASE):
        return f"undated page, {read}"
    rest = " ".join(_VAGUE.sub("", period).split()).strip(" ,;")
    return f"{rest}, {read}" if rest else read


def _month_year(iso: str) -> str:
    """'2026-03-14' -> 'Mar 2026'."""
    year, month = str(iso).split("-")[:2]
    return f"{_MONTHS[int(month) - 1]} {year}"


def publisher(source: Source | None, fallback: str = "") -> str:
    if source is None:
        return fallback
    return SHORT_PUBLISHERS.get(source.publisher, source.publisher)


def oews_citation(fact: Fact) -> str:
    """'BLS OEWS, May 2025 · General Medical and Surgical Hospitals' for a figure from the OEWS table
    (the industry code and the file are on About the data)."""
    industry = industry_label(pointer_industry(fact.oews))
    return f"BLS OEWS, {fact.period} · {re.sub(r' [(][0-9A-Za-z-]+[)]$', '', industry)}"


def citation(fact: Fact, sources: dict[str, Source]) -> str:
    """Where a figure comes from, in plain words, to sit next to it:

    'BLS OEWS, May 2025 · General Medical and Surgical Hospitals'; 'PTCB, fee table (c. 2024-26), as read in
    Mar 2026'; '2024-34, as reported by tradecolleges.org' for a page relaying the publisher's figure.
    A gap reads as its note. The full record (title, link, date read, evidence) is on About the data.
    """
    if fact.value is None:
        return fact.note or NO_FIGURE
    if fact.oews:
        return oews_citation(fact)
    src = sources.get(fact.source or "")
    name = publisher(src, fact.source or "")
    period = plain_period(fact, sources)
    if fact.evidence == "secondary":
        return f"{period}, as reported by {name}"
    if fact.evidence == "secondary-corroborated":
        return f"{period}, as reported by {name} and others"
    if name and period.lower().startswith(name.lower()):  # 'PTCB fee table, as read in …' names it already
        return period
    return f"{name}, {period}"


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
