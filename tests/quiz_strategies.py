"""Hypothesis strategies for the fit quiz: synthetic quizzes, value tables and answer sets (a plain module:
tests/test_quiz_scoring.py and tests/test_quiz_semantics.py import it)."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import strategies as st

from analysis.loading.schema import RATING_DIMENSIONS
from analysis.quiz import SCHEDULE_KINDS, WEIGHTS, Quiz

DIMENSION_POOL = [f"rating:{d}" for d in RATING_DIMENSIONS] + [f"schedule:{k}" for k in SCHEDULE_KINDS if k != "nights"]
GRID = [0.0, 0.25, 0.5, 0.75, 1.0]
unit = st.one_of(st.sampled_from(GRID), st.floats(0, 1))


@st.composite
def quizzes(draw, with_breaker: bool = False) -> Quiz:
    """1-6 questions on distinct dimensions, so one setting can match every target at once.
    Options mix targets, floors and ceilings, some with a starting weight of their own.
    With `with_breaker`, question 'db' on schedule:nights has a deal-breaker as option 0."""
    dims = draw(st.lists(st.sampled_from(DIMENSION_POOL), min_size=1, max_size=6, unique=True))
    questions = []
    if with_breaker:
        questions.append(
            {
                "id": "db",
                "text": "Can you work nights?",
                "kind": "constraint",
                "dimension": "schedule:nights",
                "default_weight": draw(st.integers(0, 3)),
                "options": [
                    {"label": "No", "target": draw(unit), "match": "at_most", "deal_breaker": True},
                    {"label": "Rather not", "target": draw(unit)},
                ],
            }
        )
    for i, d in enumerate(dims):
        n = draw(st.integers(2, 5))
        targets = [draw(unit)] + [draw(st.none() | unit) for _ in range(n - 1)]
        breaker = draw(st.none() | st.integers(0, n - 1)) if d.startswith("schedule:") else None
        questions.append(
            {
                "id": f"q{i}",
                "text": f"Question {i}?",
                "kind": "preference",
                "dimension": d,
                "default_weight": draw(st.integers(0, 3)),
                "options": [
                    {
                        "label": f"option {j}",
                        "target": t,
                        "deal_breaker": j == breaker,
                        "match": (
                            "about"
                            if t is None
                            else "at_most"
                            if j == breaker
                            else draw(st.sampled_from(["about", "at_least", "at_most"]))
                        ),
                        "weight": draw(st.none() | st.integers(0, 3)),
                    }
                    for j, t in enumerate(targets)
                ],
            }
        )
    return Quiz.model_validate({"questions": questions})


@st.composite
def tables(draw, quiz: Quiz, gaps: bool = True, min_rows: int = 2) -> pd.DataFrame:
    n = draw(st.integers(min_rows, 8))
    ids = [f"s{i}" for i in range(n)]
    value = (unit | st.just(math.nan)) if gaps else unit
    data = {d: [draw(value) for _ in ids] for d in quiz.dimensions()}
    return pd.DataFrame(data, index=pd.Index(ids, name="setting_id"), dtype=float)


@st.composite
def answer_sets(draw, quiz: Quiz) -> tuple[dict[str, int], dict[str, int]]:
    answers, weights = {}, {}
    for q in quiz.questions:
        if draw(st.booleans()):
            answers[q.id] = draw(st.integers(0, len(q.options) - 1))
        if draw(st.booleans()):
            weights[q.id] = draw(st.sampled_from(WEIGHTS))
    return answers, weights


@st.composite
def cases(draw, gaps: bool = True, with_breaker: bool = False):
    quiz = draw(quizzes(with_breaker))
    values = draw(tables(quiz, gaps))
    answers, weights = draw(answer_sets(quiz))
    if with_breaker:
        answers["db"] = 0
    return quiz, values, answers, weights


def names_for(values: pd.DataFrame) -> dict[str, str]:
    return {sid: f"Setting {sid.upper()}" for sid in values.index}
