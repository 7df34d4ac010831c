"""Explanations in words: why a setting scored as it did, warnings about the answers, headlines."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from analysis.loading.schema import FREQUENCY_ORDER, RATING_DIMENSIONS, TASK_LABELS
from analysis.quiz.dimensions import TASK_FULL_SHARE, parse_dimension
from analysis.quiz.model import WEIGHT_LABELS, Option, Question

if TYPE_CHECKING:
    from analysis.quiz.scoring import Contribution, SettingResult

FOR_CLOSENESS = 0.75  # a contribution at or above this is a reason for
AGAINST_CLOSENESS = 0.5  # at or below this, a reason against
HEAVY_WEIGHT = 2  # "matters" or "matters a lot": a missing figure on such an answer is headline news
STRAIGHT_LINE_MIN = 8  # answers at one option position before it looks like clicking down a column

NO_ANSWERS = "Answer at least one question (other than “No preference”) to see how the settings fit you."
ALL_WEIGHT_ZERO = "Every question you answered is set to “doesn't matter”, so there is nothing to score yet."
ALL_ALIKE = ("You chose the same place in the list on every question, so this ranking may say little about what "
             "fits you. Try to answer each question on its own.")
ONLY_ONE = "Only one answer counts so far, so the ranking rests on it alone. A few more answers will make it more useful."

# How a schedule kind reads in a sentence: (noun, verb).
_SCHEDULE_WORDS = {
    "nights": ("night shifts", "are"),
    "weekends": ("weekend work", "is"),
    "holidays": ("holiday work", "is"),
    "on_call": ("on-call duty", "is"),
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe(dimension: str, value: float, name: str) -> str:
    """What the setting is like on a dimension, in words, from its 0-1 value."""
    kind, parts = parse_dimension(dimension)
    if kind == "rating":
        label = RATING_DIMENSIONS[parts[0]][0].lower()
        return f"{name} is rated {round(1 + 4 * value)}/5 for {label} (editorial)"
    if kind == "schedule":
        noun, verb = _SCHEDULE_WORDS[parts[0]]
        return f"at {name}, {noun} {verb} {FREQUENCY_ORDER[round(4 * value)]} (editorial)"
    if kind == "tasks":
        what = " plus ".join(TASK_LABELS[c].lower() for c in parts)
        amount = "half the day or more" if value >= 1 else f"about {round(TASK_FULL_SHARE * value)}% of the day"
        return f"at {name}, {amount} goes to {what} (editorial estimate)"
    # Words, not a figure rebuilt from the clipped 0-1 value; the pay figures themselves are on the detail page.
    if value >= 0.75:
        where = "near the top"
    elif value >= 0.5:
        where = "in the upper middle"
    elif value >= 0.25:
        where = "in the lower middle"
    else:
        where = "near the bottom"
    return (f"median pay at {name} is {where} of the national range for pharmacy techs "
            "(BLS figures; each setting's median and its period are on its detail page)")


def match_words(option: Option, closeness: float) -> str:
    if closeness >= 1 - 1e-9:
        return {"about": "exact match", "at_least": "full match: at least what you asked for",
                "at_most": "full match: no more than you said is OK"}[option.match]
    if closeness >= FOR_CLOSENESS:
        return "close match"
    if closeness > AGAINST_CLOSENESS:
        return "partly matches"
    return "poor match"


def reason(question: Question, option: Option, value: float, closeness: float, name: str) -> str:
    desc = describe(question.dimension, value, name)
    return f"You chose “{option.label}” for {question.subject}. {_cap(desc)} — {match_words(option, closeness)}."


def not_counted(question: Question, name: str) -> str:
    """For a setting with no figure on the question's dimension: it is scored on the other answers."""
    return f"{_cap(question.subject)} not counted: no published figure for {name}, so it is scored on your other answers."


def deal_breaker_reason(question: Question, option: Option, value: float) -> str:
    kind, parts = parse_dimension(question.dimension)
    if kind == "schedule":
        noun, verb = _SCHEDULE_WORDS[parts[0]]
        said = f"{_cap(noun)} {verb} {FREQUENCY_ORDER[round(4 * value)]} here"
    else:
        said = f"{_cap(RATING_DIMENSIONS[parts[0]][0])} is rated {round(1 + 4 * value)}/5 here (editorial)"
    return f"{said} (you answered “{option.label}”)."


def reasons_for_against(result: SettingResult, n: int = 3) -> tuple[list[Contribution], list[Contribution]]:
    """The `n` strongest reasons for (closeness >= 0.75) and against (<= 0.5), by weight x (mis)match."""
    known = [c for c in result.contributions if not math.isnan(c.value)]
    pro = [c for c in known if c.closeness >= FOR_CLOSENESS]
    con = [c for c in known if c.closeness <= AGAINST_CLOSENESS]
    pro.sort(key=lambda c: -c.weight * c.closeness)  # stable: ties keep question order
    con.sort(key=lambda c: -c.weight * (1 - c.closeness))
    return pro[:n], con[:n]


def answer_warnings(picked: Sequence[tuple[int, Option, int]], total_questions: int) -> tuple[list[str], int]:
    """Warnings about the answers themselves. `picked`: (option index, option, weight) per answered item.

    "All alike" is kept for true straight-lining: the same option position on every answered
    question, over at least STRAIGHT_LINE_MIN of them (or the whole quiz, if shorter). Coherent
    answers that happen to share a target (no nights, no weekends, no holidays) are not warned.
    """
    answered = [(i, o, w) for i, o, w in picked if o.target is not None]
    if not answered:
        return [NO_ANSWERS], 0
    out = []
    if all(w == 0 for _, _, w in answered):
        out.append(ALL_WEIGHT_ZERO)
    enough = min(STRAIGHT_LINE_MIN, total_questions)
    if len(picked) >= max(enough, 2) and len({i for i, _, _ in picked}) == 1:
        out.append(ALL_ALIKE)
    elif len(answered) == 1:
        out.append(ONLY_ONE)
    return out, len(answered)


def missing_figure_headline(question: Question, weight: int, lacking: Sequence[str], tied: bool) -> str:
    """Said when an answer the person weighted heavily could not count for their #1 (or one tied with it)."""
    who = lacking[0] if len(lacking) == 1 else ", ".join(lacking[:-1]) + " and " + lacking[-1]
    verb = "has" if len(lacking) == 1 else "have"
    lead = f"{who}, tied for your top fit," if tied else f"Your top fit, {who},"
    return (f"{lead} {verb} no published figure for {question.subject}, which you said "
            f"{WEIGHT_LABELS[weight]} to you. {_cap(question.subject)} was not counted for "
            f"{'it' if len(lacking) == 1 else 'them'}; check before relying on this ranking.")
