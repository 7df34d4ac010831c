"""Every setting's value on each quiz dimension, on one 0-1 scale.

  rating:<dim>        editorial 1-5 rating           -> (score - 1) / 4
  schedule:<kind>     nights/weekends/holidays/on_call -> level / 4 (never 0 .. typical 1)
  tasks:<cat>[+<cat>] share of the day on those tasks -> min(sum / 50, 1) (half the day or more counts fully)
  pay:median          median pay -> clip((median - national p10) / (national p90 - national p10), 0, 1)
A setting whose median pay is a published gap has NO pay value (NaN). No figure is ever guessed, and no
borrowed one is scored: where the BLS industry is a loose fit for the setting (confidence low or none), the
median describes that industry, not the setting, so the setting has no pay value either.

Beside each rating and schedule column the table holds `judgement:<dimension>`: 1 where the profile's
rating (or schedule) cites no source and rests on our judgement alone, else 0. Scoring counts such a
rating at reduced weight (see analysis.quiz.scoring). Task shares and pay have no judgement column.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from analysis.loading.schema import FREQUENCY_ORDER, RATING_DIMENSIONS, TASK_LABELS, NationalFacts, Profile
from analysis.quiz.dimension_names import SCHEDULE_KINDS, parse_dimension
from analysis.quiz.model import Quiz

JUDGEMENT = "judgement:"  # prefix of the columns that say where a value rests on judgement alone
# How well a setting's BLS industry must stand for it before its median pay is scored as the setting's own.
SCORED_PAY_FIT: tuple[str, ...] = ("high", "medium")
TASK_FULL_SHARE = 50  # percent of the day that counts as "fully that kind of work"


def standard_dimensions() -> list[str]:
    """Every single-part dimension: each rating, schedule kind and task category, and pay.

    A combined task dimension ('tasks:a+b') is derived from its parts when scoring.
    """
    return (
        [f"rating:{d}" for d in RATING_DIMENSIONS]
        + [f"schedule:{k}" for k in SCHEDULE_KINDS]
        + [f"tasks:{c}" for c in TASK_LABELS]
        + ["pay:median"]
    )


def profile_value(profile: Profile, dimension: str, national: NationalFacts | None) -> float:
    """One setting's value on one dimension, in [0, 1]; NaN where there is no published figure."""
    kind, parts = parse_dimension(dimension)
    if kind == "rating":
        rating = getattr(profile.ratings, parts[0], None)
        return math.nan if rating is None else (rating.score - 1) / 4
    if kind == "schedule":
        return FREQUENCY_ORDER.index(getattr(profile.schedule, parts[0])) / 4
    if kind == "tasks":
        share = sum(t.share for t in profile.tasks if t.task in parts)
        return min(share / TASK_FULL_SHARE, 1.0)
    median = profile.facts.median_wage_annual.value
    if median is None or national is None or not pay_fits(profile):
        return math.nan
    low, high = national.wage_p10_annual.value, national.wage_p90_annual.value
    if not isinstance(low, (int, float)) or not isinstance(high, (int, float)) or high <= low:
        return math.nan
    return min(max((median - low) / (high - low), 0.0), 1.0)


def pay_fits(profile: Profile) -> bool:
    """True when the setting's BLS industry stands for it well enough to score its median as the setting's pay."""
    return profile.bls_industry.confidence in SCORED_PAY_FIT


def rests_on_judgement(profile: Profile, dimension: str) -> bool:
    """True when the profile cites no source for this rating or for its schedule: our judgement alone."""
    kind, parts = parse_dimension(dimension)
    if kind == "rating":
        return not getattr(getattr(profile.ratings, parts[0], None), "sources", ())
    if kind == "schedule":
        return not getattr(profile.schedule, "sources", ())
    return False


def judgement_dimensions(dims: Iterable[str]) -> list[str]:
    """The dimensions that carry a judgement column: ratings and schedule kinds."""
    return [d for d in dims if parse_dimension(d)[0] in ("rating", "schedule")]


def dimension_values(
    profiles: Iterable[Profile], national: NationalFacts | None, quiz: Quiz | None = None
) -> pd.DataFrame:
    """Index setting id, a column per dimension, values in [0, 1], NaN where none; then a `judgement:` column
    per rating and schedule dimension (1 = judgement alone). Pure: reads no file.

    The columns are every standard dimension, plus any other the quiz uses (combined task
    dimensions, which scoring can also derive from their parts), so tables built with and without
    a quiz line up when concatenated. Compute once per data load; `score` only reads it.
    """
    dims: list[str] = standard_dimensions()
    if quiz is not None:
        dims = dims + [d for d in quiz.dimensions() if d not in dims]
    judged = judgement_dimensions(dims)
    columns = list(dims) + [JUDGEMENT + d for d in judged]
    rows = {
        p.id: [profile_value(p, d, national) for d in dims] + [float(rests_on_judgement(p, d)) for d in judged]
        for p in profiles
    }
    if rows:
        frame = pd.DataFrame.from_dict(rows, orient="index", columns=columns, dtype=float)
    else:
        frame = pd.DataFrame(columns=columns, dtype=float)
    frame.index.name = "setting_id"
    return frame
