"""A cited figure in words, in the current language: its value ('$49,310', '2 years'), its period as a date,
and where it comes from ('PTCB, fee table (c. 2024-26), as read on November 24, 2026'). The one place that turns
a number and its unit into words.

It sits below `analysis/pathways` and `analysis/presentation`, which both use it.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.i18n import _, current_language, data_phrase, ngettext, number, pgettext
from analysis.i18n import money as format_money
from analysis.loading.oews import industry_label, pointer_industry
from analysis.loading.schema import NO_FIGURE, Fact, Source
from analysis.loading.translated import industry_title
from analysis.periods import day_text, localize_period, read_period


def _unit_words(unit: str, n: int) -> str | None:
    """'{n} hours' for a unit the app names in words (singular or plural by `n`); None for any other unit."""
    if unit == "hours":
        return ngettext("{n} hour", "{n} hours", n)
    if unit == "years":
        return ngettext("{n} year", "{n} years", n)
    if unit == "weeks":
        return ngettext("{n} week", "{n} weeks", n)
    if unit == "months":
        return ngettext("{n} month", "{n} months", n)
    return None


def money(value: float | None, hourly: bool = False) -> str:
    """'$49,310' a year, '$23.71' an hour (cents matter there); a missing value is said, never zero."""
    if value is None or pd.isna(value):
        return _(NO_FIGURE)
    return format_money(value, cents=hourly)


def format_value(fact: Fact, spoken: bool = False) -> str:
    """'$49,310', '17%', '463,900 jobs', '2 years' — or 'no published figure'.

    spoken=True is the form for running text (the PDF): pay rates and cycles say what they are per,
    '$49,310 a year', '$20.90 an hour', 'every 2 years'.
    """
    value, unit = fact.value, fact.unit
    if value is None:  # a missing text (an exam format, a rule) is no "figure"
        return _("no published information") if unit in ("text", "category", "date") else _(NO_FIGURE)
    if isinstance(value, str):
        return day_text(value) if unit == "date" else value  # a day in words, never ISO
    if unit == "USD/year":
        return _("{money} a year").format(money=money(value)) if spoken else money(value)
    if unit == "USD/hour":
        return _("{money} an hour").format(money=money(value, hourly=True)) if spoken else money(value, hourly=True)
    if unit == "USD":
        return money(value)
    if spoken and unit == "years":
        return _("every year") if value == 1 else _("every {n} years").format(n=f"{value:g}")
    if unit == "percent":
        return f"{value:g}%"
    if unit == "jobs":
        return ngettext("{n} job", "{n} jobs", int(value)).format(n=number(value))
    if unit == "openings/year":
        return _("{n} a year").format(n=number(value))
    words = _unit_words(unit, 1 if value == 1 else 2)
    if words:
        return words.format(n=number(value) if float(value).is_integer() else f"{value:,g}")
    return f"{value:,g} {data_phrase(unit)}"  # units the data names in words: see locale/<lang>/phrases.yaml


def plain_period(fact: Fact, sources: dict[str, Source]) -> str:
    """The figure's period as a date: a 'current' or 'undated' one becomes the day its source was read
    ('PTCB fee table (c. 2024-26), as read on November 24, 2026'); see analysis/periods.py."""
    src = sources.get(fact.source or "")
    return read_period(fact.period, src.accessed if src else None)


def cycle_text(fact: Fact, sources: dict[str, Source]) -> str:
    """A renewal cycle with its period: 'every 2 years (…)', 'every year (…)' — never 'every 1 year'."""
    return f"{format_value(fact, spoken=True)} ({plain_period(fact, sources)})"


def with_period(fact: Fact, sources: dict[str, Source] | None = None) -> str:
    """The value followed by its period as a date: '$129 (PTCB refund policy (c. 2024-25))', or the gap.
    Without the sources a 'current' or 'undated' period cannot be dated, and says so: pass them."""
    if fact.value is None:
        return format_value(fact)
    return f"{format_value(fact)} ({plain_period(fact, sources or {})})"


ALL_INDUSTRIES = "000000"  # the BLS industry code for every industry together

# Publishers a reader knows by a shorter name; anything else is shown as catalogued.
SHORT_PUBLISHERS = {
    "U.S. Bureau of Labor Statistics": "BLS",
    "PTCB Help Center": "PTCB",
    "National Healthcareer Association (NHA)": "NHA",
    "ASHP (American Society of Health-System Pharmacists)": "ASHP",
    "O*NET Resource Center (U.S. Department of Labor)": "O*NET",
    "CareerOneStop, U.S. Department of Labor": "CareerOneStop (U.S. Department of Labor)",
}


def publisher(source: Source | None, fallback: str = "") -> str:
    if source is None:
        return fallback
    return SHORT_PUBLISHERS.get(source.publisher, source.publisher)


def oews_citation(fact: Fact) -> str:
    """'BLS OEWS, May 2025 · General Medical and Surgical Hospitals' for a figure from the OEWS table
    (the industry code and the file are on About the data)."""
    code = pointer_industry(fact.oews)
    industry = industry_title(code)
    if industry is None and code == ALL_INDUSTRIES:
        industry = _("all industries")
    if industry is None:  # BLS's own name where no translation exists; in another language, its code
        industry = (
            re.sub(r" [(][0-9A-Za-z-]+[)]$", "", industry_label(code))
            if current_language() == "en"
            else _("BLS industry {code}").format(code=code)
        )
    return f"BLS OEWS, {localize_period(fact.period or '')} · {industry}"


def citation(fact: Fact, sources: dict[str, Source]) -> str:
    """Where a figure comes from, in plain words, to sit next to it:

    'BLS OEWS, May 2025 · General Medical and Surgical Hospitals'; 'PTCB, fee table (c. 2024-26), as read in
    Mar 2026'; '2024-34, as reported by tradecolleges.org' for a page relaying the publisher's figure.
    A gap reads as its note. The full record (title, link, date read, evidence) is on About the data.
    """
    if fact.value is None:
        return fact.note or _(NO_FIGURE)
    if fact.oews:
        return oews_citation(fact)
    src = sources.get(fact.source or "")
    name = publisher(src, fact.source or "")
    period = plain_period(fact, sources)
    if fact.evidence == "secondary":
        return _("{period}, as reported by {publisher}").format(period=period, publisher=name)
    if fact.evidence == "secondary-corroborated":
        return _("{period}, as reported by {publisher} and others").format(period=period, publisher=name)
    if name and period.lower().startswith(name.lower()):  # 'PTCB fee table, as read in …' names it already
        return period
    return f"{name}, {period}"


def evidence_name(kind: str) -> str:
    """The name of an evidence strength as the data records it ('secondary-corroborated'), in words."""
    names = {
        "primary": pgettext("evidence", "primary"),
        "secondary": pgettext("evidence", "secondary"),
        "secondary-corroborated": pgettext("evidence", "secondary, corroborated"),
    }
    return names.get(kind, kind)
