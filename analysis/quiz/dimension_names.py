"""What a quiz dimension may be called ('rating:<dimension>', 'schedule:<kind>', 'tasks:<category>[+…]',
'pay:median'), the rule that reads one, and which dimensions may be deal-breakers.

Below both the quiz file's model (which checks every dimension it names) and the dimension values.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.loading.schema import RATING_DIMENSIONS, TASK_LABELS

SCHEDULE_KINDS: tuple[str, ...] = ("nights", "weekends", "holidays", "on_call")
# Dimensions about hours, where "I can't" is a real limit and may be a deal-breaker.
DEAL_BREAKER_DIMENSIONS: tuple[tuple[str, str], ...] = (
    *(("schedule", k) for k in SCHEDULE_KINDS),
    ("rating", "early_starts"),
    ("rating", "night_weekend_exposure"),
)


@lru_cache(maxsize=256)
def parse_dimension(dimension: str) -> tuple[str, tuple[str, ...]]:
    """'tasks:order-entry+insurance-billing' -> ('tasks', ('order-entry', 'insurance-billing')).

    Raises ValueError naming what was expected, so a typo in quiz.yaml is caught at load time.
    """
    kind, sep, rest = dimension.partition(":")
    if not sep or not rest:
        raise ValueError(
            f"dimension '{dimension}' should look like 'rating:<dimension>', 'schedule:<kind>', "
            "'tasks:<category>[+<category>...]' or 'pay:median'"
        )
    if kind == "rating":
        if rest not in RATING_DIMENSIONS:
            raise ValueError(f"unknown rating dimension '{rest}'; expected one of {', '.join(RATING_DIMENSIONS)}")
        return kind, (rest,)
    if kind == "schedule":
        if rest not in SCHEDULE_KINDS:
            raise ValueError(f"unknown schedule kind '{rest}'; expected one of {', '.join(SCHEDULE_KINDS)}")
        return kind, (rest,)
    if kind == "tasks":
        cats = tuple(rest.split("+"))
        unknown = [c for c in cats if c not in TASK_LABELS]
        if unknown:
            raise ValueError(f"unknown task category '{unknown[0]}'; expected some of {', '.join(TASK_LABELS)}")
        if len(set(cats)) != len(cats):
            raise ValueError(f"dimension '{dimension}' names a task category twice")
        return kind, cats
    if kind == "pay":
        if rest != "median":
            raise ValueError(f"unknown pay dimension '{rest}'; expected 'pay:median'")
        return kind, (rest,)
    raise ValueError(f"unknown dimension kind '{kind}'; expected rating, schedule, tasks or pay")
