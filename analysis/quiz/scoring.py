"""Scoring: one set of answers against every setting, ranked in places the evidence supports.

Each answered item's share of a setting's score is kept, so the page can say why.

Closeness of a setting's value v to an option's target t (both on 0-1):
  about     1 - |t - v|
  at_least  1 where v >= t, else 1 - (t - v)
  at_most   1 where v <= t, else 1 - (v - t)
A setting's fit score (0-100) is the weighted mean closeness over the answered items it has a
figure for; an item it has no figure for (a pay gap, or pay borrowed from a loosely fitting industry)
is left out of ITS score and named in `skipped`. A rating that rests on our judgement alone (no source
cited) counts at JUDGEMENT_WEIGHT of the answer's weight for that setting, so a sourced rating weighs
more than a guess. Each counted item's share of the score is its `points`; they add up to the score.
Deal-breaker answers move settings to the end of the ranking without touching their score.

Places: the ratings move in steps of a quarter of the scale, and one step costs half a match, so a score
gap smaller than what one step of a judgement rating on the person's lightest answer is worth is not one the
evidence can tell apart. A setting closer than that `tolerance` to the one listed just above it shares its
place ("=2", "about equally good fits"); so do settings whose displayed scores are equal.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.quiz import explain
from analysis.quiz.dimension_names import parse_dimension
from analysis.quiz.dimensions import JUDGEMENT
from analysis.quiz.model import Answers, Option, Question, Quiz, Weights, chosen_option, effective_weight
from analysis.quiz.results import Contribution, QuizResult, SettingResult


def displayed_score(value: float | None) -> int | None:
    """The score as the page and PDF print it (a whole number)."""
    return None if value is None or math.isnan(value) else int(f"{value:.0f}")


JUDGEMENT_WEIGHT = 0.5  # a rating with no source counts at half the answer's weight
RATING_STEP = 0.25  # one step of a 1-5 rating (or of a schedule frequency) on the 0-1 scale
STEPPED_SLOPE = 2.0  # see slope_of
CAUTION_AT = 0.5  # "I can't" answers: hours that come up "sometimes" (or a 3/5 rating) are named, not hidden


# --- Core (shared by score and the flip search, so both rank identically) ------------------------


@dataclass(frozen=True)
class Item:
    question: Question
    option_index: int
    option: Option
    weight: int


def answered_items(quiz: Quiz, answers: Mapping[str, int], weights: Mapping[str, int] | None) -> list[Item]:
    """Answered items in question order. Invalid indices count as unanswered: validate link input first."""
    out = []
    for q in quiz.questions:
        idx = chosen_option(q, answers)
        if idx is not None:
            out.append(Item(q, idx, q.options[idx], effective_weight(q, answers, weights)))
    return out


@dataclass(frozen=True)
class Table:
    ids: list[str]
    columns: dict[str, np.ndarray]  # dimension -> values per setting, NaN where none
    judged: dict[str, np.ndarray]  # dimension -> 1 where that value rests on judgement alone, else 0


def _column(dim: str, matrix: np.ndarray, position: Mapping[str, int], n: int) -> np.ndarray:
    kind, parts = parse_dimension(dim)
    if kind == "tasks" and len(parts) > 1 and all(f"tasks:{p}" in position for p in parts):
        # A combined task dimension from its parts, min(sum, 1) as profile_value computes it; from the
        # parts even where the combined column exists, since tables built apart may be concatenated.
        return np.minimum(sum(matrix[:, position[f"tasks:{p}"]] for p in parts), 1.0)
    if dim in position:
        return matrix[:, position[dim]]
    return np.full(n, np.nan)


def make_table(quiz: Quiz, values: pd.DataFrame, dismissed: Iterable[str]) -> Table:
    # One conversion to numpy, then plain indexing: pandas per-column access costs more than the scoring.
    dismissed = set(dismissed)
    all_ids = [str(i) for i in values.index.tolist()]
    keep = [i for i, sid in enumerate(all_ids) if sid not in dismissed]
    matrix = values.to_numpy(dtype=float)[keep] if len(values.columns) else np.empty((len(keep), 0))
    position = {c: i for i, c in enumerate(values.columns)}
    cols = {d: _column(d, matrix, position, len(keep)) for d in quiz.dimensions()}
    judged = {
        d: np.nan_to_num(matrix[:, position[JUDGEMENT + d]]) if JUDGEMENT + d in position else np.zeros(len(keep))
        for d in quiz.dimensions()
    }
    return Table([all_ids[i] for i in keep], cols, judged)


@dataclass(frozen=True)
class Evaluation:
    scored: list[Item]  # items with a target and weight > 0
    closeness: np.ndarray  # settings x scored items; NaN where the setting has no figure
    counted: np.ndarray  # settings x scored items: the weight each counted at (judgement reduced)
    denominators: np.ndarray  # sum of weights counted per setting
    scores: np.ndarray  # 0-100, NaN where nothing counted
    flagged: np.ndarray  # bool: a deal-breaker hits this setting
    tolerance: float  # score points within which settings share a place


def tolerance_of(scored: list[Item]) -> float:
    """What one step of a judgement rating (counted at JUDGEMENT_WEIGHT) on the person's lightest counted answer
    moves a score by: a step costs STEPPED_SLOPE x RATING_STEP of closeness. A gap smaller than that is within
    what a single guess one step off could make. Pay is a published figure, so a difference in pay alone is
    never blurred (0 when only pay was answered)."""
    total = sum(it.weight for it in scored)
    stepped = [it.weight for it in scored if parse_dimension(it.question.dimension)[0] != "pay"]
    if not stepped or not total:
        return 0.0
    return 100.0 * STEPPED_SLOPE * RATING_STEP * JUDGEMENT_WEIGHT * min(stepped) / total


def closeness_of(
    values: np.ndarray, targets: np.ndarray, over: np.ndarray, under: np.ndarray, slope: np.ndarray | float = 1.0
) -> np.ndarray:
    """1 minus `slope` x the distance in each unwanted direction (`over`: v above t, `under`: v below t), at least 0."""
    miss = over * np.maximum(values - targets, 0.0) + under * np.maximum(targets - values, 0.0)
    return np.maximum(1.0 - slope * miss, 0.0)


def slope_of(dimension: str) -> float:
    """Our coarse scales (ratings and schedule frequencies in five steps, task shares in steps of an eighth of the
    day): one step short is half a match, two steps none at all, so a setting in the middle of every scale is not
    a near-match for every answer, and one with none of a task is no match for someone who wants it. Pay is a
    published figure and loses closeness one for one."""
    return 1.0 if parse_dimension(dimension)[0] == "pay" else STEPPED_SLOPE


def evaluate(items: list[Item], table: Table) -> Evaluation:
    n = len(table.ids)
    scored = [it for it in items if it.option.target is not None and it.weight > 0]
    if scored and n:
        vals = np.column_stack([table.columns[it.question.dimension] for it in scored])
        targets = np.array([it.option.target for it in scored], dtype=float)
        over = np.array([it.option.match != "at_least" for it in scored], dtype=float)
        under = np.array([it.option.match != "at_most" for it in scored], dtype=float)
        judged = np.column_stack([table.judged[it.question.dimension] for it in scored])
        w = np.array([it.weight for it in scored], dtype=float) * (1.0 - (1.0 - JUDGEMENT_WEIGHT) * judged)
        slopes = np.array([slope_of(it.question.dimension) for it in scored], dtype=float)
        closeness = closeness_of(vals, targets, over, under, slopes)  # NaN stays NaN: no figure
        known = ~np.isnan(closeness)
        den = (w * known).sum(axis=1)
        num = (w * np.where(known, closeness, 0.0)).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            # 100 * (num / den) rather than (100 * num) / den: num <= den, so a perfect match is exactly 100.
            scores = np.where(den > 0, np.clip(100.0 * (num / den), 0.0, 100.0), np.nan)
    else:
        closeness = np.empty((n, 0))
        w = np.empty((n, 0))
        den = np.zeros(n)
        scores = np.full(n, np.nan)
    flagged = np.zeros(n, dtype=bool)
    for it in items:
        if it.option.deal_breaker:
            with np.errstate(invalid="ignore"):
                flagged |= table.columns[it.question.dimension] >= it.option.deal_breaker_at - 1e-9
    return Evaluation(scored, closeness, w, den, scores, flagged, tolerance_of(scored))


def order(table: Table, ev: Evaluation, names: Mapping[str, str]) -> list[int]:
    """Unflagged before flagged, then score (high first, none last); on equal scores the setting with more
    answers counted (fewer missing figures) first, then name and id for a stable order."""

    def key(i: int) -> tuple:
        s = ev.scores[i]
        missing = bool(np.isnan(s))
        sid = table.ids[i]
        return (
            bool(ev.flagged[i]),
            missing,
            0.0 if missing else -float(s),
            -float(ev.denominators[i]),
            names.get(sid, sid),
            sid,
        )

    return sorted(range(len(table.ids)), key=key)


def shared_ranks(keys: list[tuple]) -> list[tuple[int, str]]:
    """Competition ranks over an ordered list: equal neighbouring keys share a rank, shown as '=2'."""
    ranks: list[int] = []
    for pos, k in enumerate(keys):
        ranks.append(ranks[-1] if pos and k == keys[pos - 1] else pos + 1)
    count = Counter(ranks)
    return [(r, f"={r}" if count[r] > 1 else str(r)) for r in ranks]


def places(table: Table, ev: Evaluation, names: Mapping[str, str]) -> tuple[list[int], list[tuple[int, str]]]:
    """The ranked order and each position's (place, label), as the page shows them.

    A new place starts only where a setting's score is at least the evidence's tolerance below the setting
    listed just above it (and displays differently), or where it crosses the deal-breaker line; so two
    neighbours closer than the ratings can tell apart never sit in different places. A setting with no score
    has a place of its own.
    """
    ranked = order(table, ev, names)
    keys: list[tuple] = []
    for pos, i in enumerate(ranked):
        s = float(ev.scores[i])
        if np.isnan(s):
            keys.append(("none", i))
            continue
        if pos:
            prev = ranked[pos - 1]
            p = float(ev.scores[prev])
            if (
                not np.isnan(p)
                and bool(ev.flagged[prev]) == bool(ev.flagged[i])
                and (p - s < ev.tolerance - 1e-9 or displayed_score(p) == displayed_score(s))
            ):
                keys.append(keys[-1])
                continue
        keys.append(("group", i))
    return ranked, shared_ranks(keys)


# --- Public scoring API -----------------------------------------------------------------------


def score(
    quiz: Quiz,
    values: pd.DataFrame,
    names: Mapping[str, str],
    answers: Answers,
    weights: Weights | None = None,
    dismissed: Iterable[str] = frozenset(),
) -> QuizResult:
    """Rank every setting in `values` (except `dismissed`) for one set of answers.

    `values` comes from `dimension_values`; `names` maps setting id -> display name.
    """
    table = make_table(quiz, values, dismissed)
    items = answered_items(quiz, answers, weights)
    ev = evaluate(items, table)
    warnings, answered = explain.answer_warnings(
        [(it.option_index, it.option, it.weight) for it in items], len(quiz.questions)
    )
    # Plain Python lists from here: ~10 settings x 17 items, where numpy scalar access would dominate.
    closeness = ev.closeness.tolist()
    denominators = ev.denominators.tolist()
    columns = {d: col.tolist() for d, col in table.columns.items()}
    counted = ev.counted.tolist()
    breakers = [it for it in items if it.option.deal_breaker]
    ranked, ranks = places(table, ev, names)
    ranking = []
    for i, (rank, label) in zip(ranked, ranks, strict=False):
        sid = table.ids[i]
        name = names.get(sid, sid)
        contributions, skipped = [], []
        for j, it in enumerate(ev.scored):
            value = columns[it.question.dimension][i]
            if math.isnan(value):
                skipped.append(explain.not_counted(it.question, name))
                continue
            c = closeness[i][j]
            judged = bool(table.judged[it.question.dimension][i])
            contributions.append(
                Contribution(
                    question_id=it.question.id,
                    question_text=it.question.text,
                    option_label=it.option.label,
                    dimension=it.question.dimension,
                    target=float(it.option.target or 0.0),
                    value=value,
                    closeness=c,
                    weight=it.weight,
                    points=100.0 * counted[i][j] * c / denominators[i],
                    reason=explain.reason(it.question, it.option, value, c, name, judged),
                    match=it.option.match,
                    judgement=judged,
                    counted_weight=counted[i][j],
                    subject=it.question.subject,
                )
            )
        flags = [
            explain.deal_breaker_reason(it.question, it.option, columns[it.question.dimension][i])
            for it in breakers
            if columns[it.question.dimension][i] >= it.option.deal_breaker_at - 1e-9
        ]
        cautions = [
            explain.caution_reason(it.question, it.option, columns[it.question.dimension][i])
            for it in breakers
            if CAUTION_AT - 1e-9 <= columns[it.question.dimension][i] < it.option.deal_breaker_at - 1e-9
        ]
        s = float(ev.scores[i])
        ranking.append(
            SettingResult(
                sid,
                name,
                None if math.isnan(s) else s,
                contributions,
                skipped,
                flags,
                rank=rank,
                rank_label=label,
                cautions=cautions,
            )
        )
    return QuizResult(
        ranking, warnings, answered, _headlines(ranking, ev.scored, columns, table.ids), tolerance=ev.tolerance
    )


def _headlines(
    ranking: list[SettingResult], scored: list[Item], columns: dict[str, list[float]], ids: list[str]
) -> list[str]:
    """A heavily weighted answer that could not count for the #1 (or a setting tied with it) is said up front."""
    if not ranking or ranking[0].score is None:
        return []
    top = [r for r in ranking if r.rank == 1 and r.score is not None]
    row = {sid: i for i, sid in enumerate(ids)}
    out = [explain.caution_headline(r.name, r.cautions) for r in top if r.cautions]
    for it in scored:
        if it.weight >= explain.HEAVY_WEIGHT:
            lacking = [r.name for r in top if math.isnan(columns[it.question.dimension][row[r.setting_id]])]
            if lacking:
                out.append(explain.missing_figure_headline(it.question, it.weight, lacking, tied=len(top) > 1))
    return out
