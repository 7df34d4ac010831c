"""The fit quiz: plain-language questions that rank the settings and say why.

Each question maps to ONE dimension of a setting, put on a 0-1 scale by `dimension_values`:
  rating:<dim>        editorial 1-5 rating           -> (score - 1) / 4
  schedule:<kind>     nights/weekends/holidays/on_call -> level / 4 (never 0 .. typical 1)
  tasks:<cat>[+<cat>] share of the day on those tasks -> min(sum / 50, 1) (half the day or more counts fully)
  pay:median          median pay -> clip((median - national p10) / (national p90 - national p10), 0, 1)
A setting whose median pay is a published gap has NO pay value. Its pay answer then counts
as a half match (closeness 0.5): neither for nor against, so a missing figure is never an
advantage or a penalty, and the explanation says so. No pay figure is ever guessed.

Each chosen option gives a target on the same scale. A setting's fit score (0-100) is the
weighted mean closeness 1 - |target - value| over the answered items, so every item's
contribution (its share of the score) is visible and they add up to the score.
Deal-breaker answers move settings to the end of the ranking without touching their score.

All functions are pure; nothing here imports streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Iterable, Literal, Mapping

import numpy as np
import pandas as pd
from pydantic import Field, StringConstraints, ValidationError, model_validator

from analysis.loading.loader import Catalogs, validation_problems
from analysis.paths import DATA_DIR
from analysis.loading.schema import (
    FREQUENCY_ORDER,
    RATING_DIMENSIONS,
    RELEVANCE_ORDER,
    TASK_LABELS,
    Credential,
    NationalFacts,
    OneLine,
    Profile,
    Strict,
    Text,
)
from analysis.loading.yaml_io import display_name, read_yaml_file

QUIZ_PATH = DATA_DIR / "quiz.yaml"
WEIGHTS: tuple[int, ...] = (0, 1, 2, 3)  # 0 doesn't matter .. 3 matters a lot
SCHEDULE_KINDS: tuple[str, ...] = ("nights", "weekends", "holidays", "on_call")
DEAL_BREAKER_LEVEL = 3  # "common" or "typical" on FREQUENCY_ORDER
WEIGHT_LABELS = {0: "doesn't matter", 1: "counts a little", 2: "matters", 3: "matters a lot"}
UNKNOWN_CLOSENESS = 0.5  # how an answer counts where the setting has no figure (a pay gap)
FOR_CLOSENESS = 0.75  # a contribution at or above this is a reason for
AGAINST_CLOSENESS = 0.5  # at or below this, a reason against
TASK_FULL_SHARE = 50  # percent of the day that counts as "fully that kind of work"

# How a schedule kind reads in a sentence: (noun, verb).
_SCHEDULE_WORDS = {
    "nights": ("night shifts", "are"),
    "weekends": ("weekend work", "is"),
    "holidays": ("holiday work", "is"),
    "on_call": ("on-call duty", "is"),
}

QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Answers = dict[str, int]  # question id -> chosen option index (unanswered items absent)
Weights = dict[str, int]  # question id -> weight 0..3 (absent -> the question's default_weight)


# --- Dimensions ------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def parse_dimension(dimension: str) -> tuple[str, tuple[str, ...]]:
    """'tasks:order-entry+insurance-billing' -> ('tasks', ('order-entry', 'insurance-billing')).

    Raises ValueError naming what was expected, so a typo in quiz.yaml is caught at load time.
    """
    kind, sep, rest = dimension.partition(":")
    if not sep or not rest:
        raise ValueError(f"dimension '{dimension}' should look like 'rating:<dimension>', 'schedule:<kind>', "
                         "'tasks:<category>[+<category>...]' or 'pay:median'")
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


def _profile_value(profile: Profile, dimension: str, national: NationalFacts | None) -> float:
    """One setting's value on one dimension, in [0, 1]; NaN where there is no published figure."""
    kind, parts = parse_dimension(dimension)
    if kind == "rating":
        return (getattr(profile.ratings, parts[0]).score - 1) / 4
    if kind == "schedule":
        return FREQUENCY_ORDER.index(getattr(profile.schedule, parts[0])) / 4
    if kind == "tasks":
        share = sum(t.share for t in profile.tasks if t.task in parts)
        return min(share / TASK_FULL_SHARE, 1.0)
    median = profile.facts.median_wage_annual.value
    if median is None or national is None:
        return math.nan
    low, high = national.wage_p10_annual.value, national.wage_p90_annual.value
    if not isinstance(low, (int, float)) or not isinstance(high, (int, float)) or high <= low:
        return math.nan
    return min(max((median - low) / (high - low), 0.0), 1.0)


# --- The quiz file -------------------------------------------------------------------------------


class Option(Strict):
    label: OneLine
    target: Annotated[float, Field(ge=0, le=1)] | None = Field(
        default=None, description="Target on the dimension's 0-1 scale; null means no preference.")
    deal_breaker: bool = False


class Question(Strict):
    id: QuestionId
    text: OneLine
    help: Text | None = None
    kind: Literal["preference", "constraint"]
    dimension: str
    default_weight: Annotated[int, Field(ge=0, le=3)]
    options: list[Option] = Field(min_length=2, max_length=6)
    topic: OneLine | None = Field(default=None, description="Short noun phrase for explanations, e.g. 'night shifts'.")

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        kind, _ = parse_dimension(self.dimension)
        if any(o.deal_breaker for o in self.options) and kind != "schedule":
            raise ValueError(f"deal_breaker is only allowed on schedule dimensions, not '{self.dimension}'")
        labels = [o.label for o in self.options]
        if len(set(labels)) != len(labels):
            raise ValueError("two options have the same label")
        if all(o.target is None and not o.deal_breaker for o in self.options):
            raise ValueError("every option is 'no preference', so the question can never count")
        return self

    @property
    def subject(self) -> str:
        """The topic as used inside a sentence."""
        return self.topic or self.id.replace("_", " ")


class Quiz(Strict):
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Quiz:
        ids = [q.id for q in self.questions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"questions: id '{dupes[0]}' is used twice")
        return self

    def dimensions(self) -> list[str]:
        """Every dimension the quiz uses, in question order, without repeats."""
        return list(dict.fromkeys(q.dimension for q in self.questions))


def load_quiz(path: Path = QUIZ_PATH) -> Quiz:
    """Read and validate the quiz. The quiz is project data, so a broken file raises ValueError."""
    name = display_name(path)
    doc, problems = read_yaml_file(path)
    if problems:
        raise ValueError("the quiz file is broken: " + "; ".join(str(p) for p in problems))
    if not isinstance(doc, dict):
        raise ValueError(f"the quiz file is broken: {name}: expected a mapping with a 'questions' list")
    try:
        return Quiz.model_validate(doc)
    except ValidationError as exc:
        raise ValueError("the quiz file is broken: " + "; ".join(str(p) for p in validation_problems(exc, name))) from None


def dimension_values(profiles: Iterable[Profile], national: NationalFacts | None, quiz: Quiz | None = None) -> pd.DataFrame:
    """Index setting id, a column per dimension the quiz uses, values in [0, 1], NaN where none.

    Compute once per data load; `score` only reads it. `quiz` defaults to the bundled quiz.
    """
    dims = (quiz if quiz is not None else load_quiz()).dimensions()
    rows = {p.id: [_profile_value(p, d, national) for d in dims] for p in profiles}
    if rows:
        frame = pd.DataFrame.from_dict(rows, orient="index", columns=dims, dtype=float)
    else:
        frame = pd.DataFrame(columns=dims, dtype=float)
    frame.index.name = "setting_id"
    return frame


# --- Results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    question_id: str
    question_text: str
    option_label: str
    dimension: str
    target: float
    value: float
    closeness: float  # 1 - |target - value|
    weight: int
    points: float  # this item's share of the 0-100 score; a setting's points add up to its score
    reason: str


@dataclass(frozen=True)
class SettingResult:
    setting_id: str
    name: str
    score: float | None
    contributions: list[Contribution]
    skipped: list[str]  # why an answered item was not counted for this setting
    deal_breakers: list[str]  # why this setting is moved to the end
    dismissed: bool = False


@dataclass(frozen=True)
class QuizResult:
    ranking: list[SettingResult]  # in ranked order: unflagged first, then by score
    warnings: list[str] = field(default_factory=list)
    answered: int = 0  # answered items with a preference (not "no preference"), whatever their weight


NO_ANSWERS = "Answer at least one question (other than “No preference”) to see how the settings fit you."
ALL_WEIGHT_ZERO = "Every question you answered is set to “doesn't matter”, so there is nothing to score yet."
ALL_ALIKE = ("Your answers are all alike, so this ranking says little about what fits you. "
             "Try to answer each question on its own.")
ONLY_ONE = "Only one answer counts so far, so the ranking rests on it alone. A few more answers will make it more useful."


# --- Scoring core (shared by score and ranking_flip, so both rank identically) ----------------


@dataclass(frozen=True)
class _Item:
    question: Question
    option_index: int
    option: Option
    weight: int


def _effective_weight(q: Question, weights: Mapping[str, int] | None) -> int:
    w = (weights or {}).get(q.id, q.default_weight)
    return w if isinstance(w, int) and w in WEIGHTS else q.default_weight


def _items(quiz: Quiz, answers: Mapping[str, int], weights: Mapping[str, int] | None) -> list[_Item]:
    """Answered items in question order. Invalid indices are treated as unanswered: validate link input first."""
    out = []
    for q in quiz.questions:
        idx = answers.get(q.id)
        if isinstance(idx, int) and not isinstance(idx, bool) and 0 <= idx < len(q.options):
            out.append(_Item(q, idx, q.options[idx], _effective_weight(q, weights)))
    return out


@dataclass(frozen=True)
class _Table:
    ids: list[str]
    columns: dict[str, np.ndarray]  # dimension -> values per setting, NaN where none


def _table(quiz: Quiz, values: pd.DataFrame, dismissed: Iterable[str]) -> _Table:
    # One conversion to numpy, then plain indexing: pandas per-column access costs more than the scoring.
    dismissed = set(dismissed)
    all_ids = [str(i) for i in values.index.tolist()]
    keep = [i for i, sid in enumerate(all_ids) if sid not in dismissed]
    matrix = values.to_numpy(dtype=float)[keep] if len(values.columns) else np.empty((len(keep), 0))
    position = {c: i for i, c in enumerate(values.columns)}
    cols = {d: matrix[:, position[d]] if d in position else np.full(len(keep), np.nan) for d in quiz.dimensions()}
    return _Table([all_ids[i] for i in keep], cols)


@dataclass(frozen=True)
class _Eval:
    scored: list[_Item]  # items with a target and weight > 0
    closeness: np.ndarray  # settings x scored items; UNKNOWN_CLOSENESS where the setting has no value
    denominators: np.ndarray  # sum of weights counted per setting
    scores: np.ndarray  # 0-100, NaN where nothing counted
    flagged: np.ndarray  # bool: a deal-breaker hits this setting


def _evaluate(items: list[_Item], table: _Table) -> _Eval:
    n = len(table.ids)
    scored = [it for it in items if it.option.target is not None and it.weight > 0]
    if scored and n:
        vals = np.column_stack([table.columns[it.question.dimension] for it in scored])
        targets = np.array([it.option.target for it in scored], dtype=float)
        w = np.array([it.weight for it in scored], dtype=float)
        # No value (a pay gap): a neutral half match, so the same questions count for every setting.
        closeness = np.where(np.isnan(vals), UNKNOWN_CLOSENESS, 1.0 - np.abs(targets - vals))
        den = np.broadcast_to(w, closeness.shape).sum(axis=1)
        num = (w * closeness).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            # 100 * (num / den) rather than (100 * num) / den: num <= den, so a perfect match is exactly 100.
            scores = np.where(den > 0, np.clip(100.0 * (num / den), 0.0, 100.0), np.nan)
    else:
        closeness = np.empty((n, 0))
        den = np.zeros(n)
        scores = np.full(n, np.nan)
    flagged = np.zeros(n, dtype=bool)
    for it in items:
        if it.option.deal_breaker:
            with np.errstate(invalid="ignore"):
                flagged |= table.columns[it.question.dimension] >= DEAL_BREAKER_LEVEL / 4 - 1e-9
    return _Eval(scored, closeness, den, scores, flagged)


def _order(table: _Table, ev: _Eval, names: Mapping[str, str]) -> list[int]:
    """Unflagged before flagged, then score (high first, none last), then name and id for a stable tie order."""
    def key(i: int) -> tuple:
        s = ev.scores[i]
        missing = bool(np.isnan(s))
        sid = table.ids[i]
        return (bool(ev.flagged[i]), missing, 0.0 if missing else -float(s), names.get(sid, sid), sid)
    return sorted(range(len(table.ids)), key=key)


# --- Explanations ------------------------------------------------------------------------------


def _describe(dimension: str, value: float, name: str) -> str:
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


def _match(closeness: float) -> str:
    if closeness >= 1 - 1e-9:
        return "exact match"
    if closeness >= FOR_CLOSENESS:
        return "close match"
    if closeness > AGAINST_CLOSENESS:
        return "partly matches"
    return "poor match"


def _reason(item: _Item, value: float, closeness: float, name: str) -> str:
    desc = _describe(item.question.dimension, value, name)
    return f"You chose “{item.option.label}” for {item.question.subject}. {desc[0].upper()}{desc[1:]} — {_match(closeness)}."


def _skip_reason(item: _Item, name: str) -> str:
    kind, _ = parse_dimension(item.question.dimension)
    what = "pay figure" if kind == "pay" else f"figure for {item.question.dimension}"
    return (f"No published {what} for {name}, so your answer on {item.question.subject} counts as a half match "
            "(neither for nor against).")


def _deal_breaker_reason(item: _Item, value: float) -> str:
    _, parts = parse_dimension(item.question.dimension)
    noun, verb = _SCHEDULE_WORDS[parts[0]]
    return f"{noun[0].upper()}{noun[1:]} {verb} {FREQUENCY_ORDER[round(4 * value)]} here (you answered “{item.option.label}”)."


def _warnings(items: list[_Item]) -> tuple[list[str], int]:
    answered = [it for it in items if it.option.target is not None]
    if not answered:
        return [NO_ANSWERS], 0
    out = []
    if all(it.weight == 0 for it in answered):
        out.append(ALL_WEIGHT_ZERO)
    # The same target every time, or the same option position on five or more questions, says little.
    same_option = len(answered) >= 5 and len({it.option_index for it in answered}) == 1
    same_target = len({it.option.target for it in answered}) == 1
    if len(answered) >= 2 and (same_option or same_target):
        out.append(ALL_ALIKE)
    elif len(answered) == 1:
        out.append(ONLY_ONE)
    return out, len(answered)


# --- Public scoring API -----------------------------------------------------------------------


def score(quiz: Quiz, values: pd.DataFrame, names: Mapping[str, str], answers: Answers,
          weights: Weights | None = None, dismissed: Iterable[str] = frozenset()) -> QuizResult:
    """Rank every setting in `values` (except `dismissed`) for one set of answers.

    `values` comes from `dimension_values`; `names` maps setting id -> display name.
    """
    table = _table(quiz, values, dismissed)
    items = _items(quiz, answers, weights)
    ev = _evaluate(items, table)
    warnings, answered = _warnings(items)
    # Plain Python lists from here: ~10 settings x 15 items, where numpy scalar access would dominate.
    closeness = ev.closeness.tolist()
    denominators = ev.denominators.tolist()
    columns = {d: col.tolist() for d, col in table.columns.items()}
    breakers = [it for it in items if it.option.deal_breaker]
    ranking = []
    for i in _order(table, ev, names):
        sid = table.ids[i]
        name = names.get(sid, sid)
        contributions, skipped = [], []
        for j, it in enumerate(ev.scored):
            c = closeness[i][j]
            value = columns[it.question.dimension][i]
            if math.isnan(value):
                skipped.append(_skip_reason(it, name))
            contributions.append(Contribution(
                question_id=it.question.id, question_text=it.question.text, option_label=it.option.label,
                dimension=it.question.dimension, target=float(it.option.target or 0.0), value=value,  # scored items always have a target
                closeness=c, weight=it.weight, points=100.0 * it.weight * c / denominators[i],
                reason=_skip_reason(it, name) if math.isnan(value) else _reason(it, value, c, name),
            ))
        flags = [_deal_breaker_reason(it, columns[it.question.dimension][i]) for it in breakers
                 if columns[it.question.dimension][i] >= DEAL_BREAKER_LEVEL / 4 - 1e-9]
        s = float(ev.scores[i])
        ranking.append(SettingResult(sid, name, None if math.isnan(s) else s, contributions, skipped, flags))
    return QuizResult(ranking, warnings, answered)


def reasons_for_against(result: SettingResult, n: int = 3) -> tuple[list[Contribution], list[Contribution]]:
    """The `n` strongest reasons for (closeness >= 0.75) and against (<= 0.5), by weight x (mis)match."""
    known = [c for c in result.contributions if not math.isnan(c.value)]  # a half match for a gap is neither
    pro = [c for c in known if c.closeness >= FOR_CLOSENESS]
    con = [c for c in known if c.closeness <= AGAINST_CLOSENESS]
    pro.sort(key=lambda c: -c.weight * c.closeness)  # stable: ties keep question order
    con.sort(key=lambda c: -c.weight * (1 - c.closeness))
    return pro[:n], con[:n]


@dataclass(frozen=True)
class FlipChange:
    """One single change to the answers or weights, and what it does to the top two."""

    question_id: str
    kind: Literal["weight", "answer"]
    size: float  # on one 0-1 scale: |weight delta| / 3, or |target delta| (1 when "no preference" is involved)
    answers: Answers  # the full answers and weights with the change applied
    weights: Weights
    description: str


def ranking_flip_change(quiz: Quiz, values: pd.DataFrame, names: Mapping[str, str], answers: Answers,
                        weights: Weights | None, dismissed: Iterable[str] = frozenset()) -> FlipChange | None:
    """The smallest single change that puts the current #2 above #1 (ranking order, deal-breakers included).

    Candidates: one answered item's weight to another of 0-3, or one answer to another option of the
    same item. Sizes share one 0-1 scale so the two kinds compare: |weight delta| / 3 and |target
    delta| (1 when "no preference" is involved). Ties go to weight changes (they keep what the person
    said), then to question order. None when there is no #2, no score, or no single change does it.
    """
    weights = dict(weights or {})
    table = _table(quiz, values, dismissed)
    base = _evaluate(_items(quiz, answers, weights), table)
    order = _order(table, base, names)
    if len(order) < 2 or np.isnan(base.scores[order[0]]) or np.isnan(base.scores[order[1]]):
        return None
    first, second = table.ids[order[0]], table.ids[order[1]]

    candidates: list[tuple[float, int, int, int, FlipChange]] = []
    for qi, q in enumerate(quiz.questions):
        idx = answers.get(q.id)
        if not (isinstance(idx, int) and 0 <= idx < len(q.options)):
            continue
        current = q.options[idx]
        w = _effective_weight(q, weights)
        if current.target is not None:  # a weight only matters for an item that counts
            for nw in WEIGHTS:
                if nw != w:
                    how = "did not matter" if nw == 0 else ("mattered less" if nw < w else "mattered more")
                    size = abs(nw - w) / 3
                    text = f"If {q.subject} {how} to you (weight {w} → {nw})"
                    change = FlipChange(q.id, "weight", size, dict(answers), {**weights, q.id: nw}, text)
                    candidates.append((size, 0, qi, nw, change))
        for j, opt in enumerate(q.options):
            if j != idx:
                size = 1.0 if opt.target is None or current.target is None else abs(opt.target - current.target)
                text = f"If you answered “{opt.label}” instead of “{current.label}” for {q.subject}"
                candidates.append((size, 1, qi, j, FlipChange(q.id, "answer", size, {**answers, q.id: j}, weights, text)))
    candidates.sort(key=lambda c: c[:4])

    for *_, change in candidates:
        ev = _evaluate(_items(quiz, change.answers, change.weights), table)
        ranked = [table.ids[i] for i in _order(table, ev, names)]
        if ranked.index(second) < ranked.index(first):
            text = f"{change.description}, {names.get(second, second)} would move above {names.get(first, first)}."
            return FlipChange(change.question_id, change.kind, change.size, change.answers, change.weights, text)
    return None


def ranking_flip(quiz: Quiz, values: pd.DataFrame, names: Mapping[str, str], answers: Answers,
                 weights: Weights | None, dismissed: Iterable[str] = frozenset()) -> str | None:
    """In words, the smallest single change that puts the current #2 above #1; None if none does.

    e.g. "If night shifts mattered less to you (weight 3 → 1), Retail would move above Hospital."
    See `ranking_flip_change` for what "smallest" means.
    """
    change = ranking_flip_change(quiz, values, names, answers, weights, dismissed)
    return change.description if change else None


def is_covered(credential_id: str, held: Iterable[str], catalogs: Catalogs) -> bool:
    """Held, or an alternative employers accept in its place is held (CPhT for ExCPT and back)."""
    held = set(held)
    cred = catalogs.credentials.get(credential_id)
    return credential_id in held or bool(cred and held & set(cred.accepted_instead_of))


def missing_credentials(profile: Profile, held: set[str], catalogs: Catalogs) -> list[tuple[Credential, str]]:
    """Credentials the setting requires, commonly requires or prefers that the person lacks, most needed first."""
    wanted = RELEVANCE_ORDER[:3]
    out = [(catalogs.credentials[c.id], c.relevance) for c in profile.credentials
           if c.relevance in wanted and c.id in catalogs.credentials and not is_covered(c.id, held, catalogs)]
    return sorted(out, key=lambda pair: RELEVANCE_ORDER.index(pair[1]))
