"""The bundled data as the tests share it, loaded once per test process (a plain module: tests import it).

Module constants, not only fixtures, because `parametrize` and Hypothesis strategies need them when a test
module is collected; tests/conftest.py offers the same objects as fixtures for tests that prefer those.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
from hypothesis import settings

from analysis.loading.loader import load_profiles
from analysis.loading.schema import NumericFact
from analysis.paths import ROOT
from analysis.quiz import dimension_values, load_quiz

ARTIFACTS = ROOT / "test-artifacts"  # screenshots, server logs and reports the tests leave for a person to look at

LOADED = load_profiles()
PROFILES = LOADED.by_id()
CATALOGS = LOADED.catalogs
NATIONAL = CATALOGS.national
QUIZ = load_quiz()
VALUES = dimension_values(LOADED.profiles, NATIONAL, QUIZ)
NAMES = {p.id: p.name for p in LOADED.profiles}


def without_pay(profile):
    """As an uploaded profile with no published median would be (every bundled setting has one now)."""
    gap = NumericFact(value=None, unit="USD/year", note="no published figure for this setting")
    return profile.model_copy(update={"facts": profile.facts.model_copy(update={"median_wage_annual": gap})})


@cache
def _gap_values(ids: frozenset[str]) -> pd.DataFrame:
    profiles = [without_pay(p) if p.id in ids else p for p in LOADED.profiles]
    return dimension_values(profiles, NATIONAL, QUIZ)


def gap_values(*ids: str) -> pd.DataFrame:
    """The quiz's value table with the settings `ids` stripped of their published median (computed once per set).
    Callers get a copy, so one test cannot change another's table."""
    return _gap_values(frozenset(ids)).copy()


def examples(n: int) -> int:
    """A Hypothesis example budget: `n` on an everyday run, ten times `n` under the nightly profile (conftest.py).
    Budgets are given this way so that one profile scales them all; a test's own `max_examples` would not follow."""
    return max(1, n * settings.default.max_examples // 100)


def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
