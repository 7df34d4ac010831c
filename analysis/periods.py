"""Periods and dates in words, in the current language.

The data writes a figure's period as a short English label ('May 2025', 'c. 2024-25', 'current guidebook').
data/periods.yaml gives each label its meaning as structured fields: the dates it covers (a day, a month, a
year, a range of years, a decade, a list of months), whether it is approximate ('c.'), whether the source says
'current' or gives no date at all, and the words around the dates. This module turns that record into words
with Babel's dates ('mayo de 2025', '30 de noviembre de 2026'), so nothing here reads English back out of text.

Words around the dates ('fee table ({date})') are translated through locale/<lang>/phrases.yaml. A label with
no record reads as written; the tests keep every label in the bundled data recorded.

It sits below `analysis/presentation` and `analysis/pathways`, which both format periods through it.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from babel.lists import format_list
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from analysis.i18n import _, babel_locale, data_phrase, long_date, month_year
from analysis.paths import DATA_DIR

PERIODS_PATH = DATA_DIR / "periods.yaml"


def _month(yyyy_mm: str) -> dt.date:
    """'2025-05' -> the first of May 2025 (ValueError for anything else)."""
    year, month = str(yyyy_mm).split("-")
    if len(year) != 4 or len(month) != 2:
        raise ValueError(yyyy_mm)
    return dt.date(int(year), int(month), 1)


class Dates(BaseModel):
    """What a period's dates are: exactly one of the date fields, and 'c.' if the source gives it as approximate."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    day: dt.date | None = None
    month: str | None = Field(default=None, description="YYYY-MM")
    months: tuple[str, ...] | None = Field(default=None, description="several months, YYYY-MM each")
    year: int | None = None
    years: tuple[int, int] | None = Field(default=None, description="first and last year of a range")
    decade: int | None = Field(default=None, description="first year of a decade: 2020 for the 2020s")
    circa: bool = False

    @field_validator("month", "months")
    @classmethod
    def _real_months(cls, value: str | tuple[str, ...] | None) -> str | tuple[str, ...] | None:
        for item in [value] if isinstance(value, str) else value or ():
            try:
                _month(item)
            except ValueError:
                raise ValueError(f"{item!r} is not a month written YYYY-MM") from None
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> Dates:
        given = [k for k in ("day", "month", "months", "year", "years", "decade") if getattr(self, k) is not None]
        if len(given) > 1:
            raise ValueError(f"give one of day, month, months, year, years, decade (got {', '.join(given)})")
        return self

    @property
    def empty(self) -> bool:
        return all(getattr(self, k) is None for k in ("day", "month", "months", "year", "years", "decade"))


class Period(Dates):
    """One period label of the data, as structured fields.

    kind: 'dated' (the dates say when), 'current' (the source says it is current: on paper it becomes the day
    the page was read), 'undated' (the page gives no date: likewise). words: the English around the dates, with
    {date} for the dates above, {checked} for the day the page was checked, and {name} for each of `also`.
    """

    kind: Literal["dated", "current", "undated"] = "dated"
    words: str | None = None
    checked: dt.date | None = None
    also: dict[str, Dates] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _says_something(self) -> Period:
        if self.kind == "dated" and self.empty and not self.words:
            raise ValueError("a dated period needs its dates or its words")
        return self

    @property
    def vague(self) -> bool:
        """Whether the period is no date by itself ('current', 'undated'): it needs the day it was read."""
        return self.kind != "dated"


class PeriodFileError(ValueError):
    """data/periods.yaml cannot be read: the file, the label and what was expected."""


def read_periods(path: Path = PERIODS_PATH, problems: list[str] | None = None) -> dict[str, Period]:
    """Label as written in the data -> its structured record. A bad record is a clear error naming the file, the
    label and what was expected; with a `problems` list it is added there instead and the other records are kept."""

    def bad(message: str) -> None:
        if problems is None:
            raise PeriodFileError(message)
        problems.append(message)

    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        bad(f"{path.name}: cannot be read as YAML ({exc.__class__.__name__})")
        return {}
    table = doc.get("periods") if isinstance(doc, dict) else None
    if not isinstance(table, dict):
        bad(f"{path.name}: expected a mapping 'periods:' of label -> fields")
        return {}
    out: dict[str, Period] = {}
    for label, fields in table.items():
        try:
            out[" ".join(str(label).split())] = Period.model_validate(fields or {})
        except ValidationError as exc:
            found = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in exc.errors())
            bad(f"{path.name}: period {label!r}: {found}")
    return out


BUNDLED_PROBLEMS: list[str] = []  # what was wrong in data/periods.yaml (its labels then read as written)


@cache
def _bundled() -> dict[str, Period]:
    """The app keeps running on the valid records; tests/test_periods.py keeps the bundled file free of problems."""
    return read_periods(problems=BUNDLED_PROBLEMS)


def period_record(label: str | None) -> Period | None:
    """The structured record of a period label, or None for a label data/periods.yaml does not list."""
    return _bundled().get(" ".join(str(label or "").split()))


# --- Dates in words --------------------------------------------------------------------------


def day_text(day: dt.date | str) -> str:
    """'November 30, 2026' / '30 de noviembre de 2026' (an ISO date string is accepted)."""
    return long_date(dt.date.fromisoformat(day) if isinstance(day, str) else day)


def year_range(first: int, last: int) -> str:
    """'2024-34' (the last year shortened within a century), '1999-2004' otherwise."""
    if first // 100 == last // 100 and last > first:
        return f"{first}-{last % 100:02d}"
    return f"{first}-{last}"


def dates_text(dates: Dates) -> str:
    """The dates of a period in words: 'May 2025', 'c. 2024-25', '2020s', 'May 2023, May 2024, and May 2025'."""
    if dates.day is not None:
        text = long_date(dates.day)
    elif dates.month is not None:
        text = month_year(_month(dates.month))
    elif dates.months is not None:
        text = format_list([month_year(_month(m)) for m in dates.months], locale=babel_locale())
    elif dates.year is not None:
        text = str(dates.year)
    elif dates.years is not None:
        text = year_range(*dates.years)
    elif dates.decade is not None:
        text = _("{decade}s").format(decade=dates.decade)
    else:
        text = ""
    return _("c. {date}").format(date=text) if dates.circa and text else text


def _in_words(period: Period) -> str:
    """The period without the day it was read: 'fee table (c. 2024-26)', 'May 2024 wages; 2024-34 projections'."""
    date = dates_text(period)
    if not period.words:
        return date
    values = {name: dates_text(d) for name, d in period.also.items()}
    if period.checked is not None:
        values["checked"] = long_date(period.checked)
    return data_phrase(period.words).format(date=date, **values)


def localize_period(label: str | None) -> str:
    """A period label of the data in words in the current language: 'May 2025' -> 'mayo de 2025'. A 'current'
    or 'undated' period says so ('read_period' gives the day the page was read instead). A label
    data/periods.yaml does not list reads as written."""
    text = " ".join(str(label or "").split())
    period = period_record(text)
    if period is None:
        return text
    words = _in_words(period)
    if period.kind == "current":
        return _("current {what}").format(what=words) if words else _("current")
    if period.kind == "undated":
        return words or _("undated")
    return words


def read_period(label: str | None, accessed: str | dt.date | None) -> str:
    """A period as a date, for screen and paper alike. 'current' or 'undated' is no date on paper or a year
    later, so it becomes the day the page was read: 'current fee table (c. 2024-26)' read on 2026-11-24 ->
    'fee table (c. 2024-26), as read on November 24, 2026'. Without that day it says the date is not given."""
    text = " ".join(str(label or "").split())
    period = period_record(text)
    if period is None or not period.vague:
        return localize_period(text)
    read = _("as read on {date}").format(date=day_text(accessed)) if accessed else _("date not given")
    words = _in_words(period)
    if period.kind == "undated" and not words:
        return _("undated page, {read}").format(read=read)
    return f"{words}, {read}" if words else read
