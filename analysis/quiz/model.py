"""The quiz file: questions, options and what an answer means, plus the two rules every caller shares.

An option's `target` sits on its dimension's 0-1 scale, and `match` says how to read it:
  about     "about this much": a setting above or below the target is further from it
  at_least  a floor: a setting at or above the target is a full match
  at_most   a ceiling: a setting at or below the target is a full match
Exact targets ("about") are kept only where both directions are unwanted (pace, patient contact).

The shared rules, used by scoring, exports, the PDF and links alike:
  `chosen_option`    which option an answer picks, or None when the answer is not a valid one
  `effective_weight` the weight the person set, else the chosen option's starting weight,
                     else the question's default
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationError, model_validator

from analysis.i18n import N_
from analysis.loading.problems import validation_problems
from analysis.loading.schema import OneLine, Strict, Text
from analysis.loading.yaml_io import display_name, read_yaml_file
from analysis.paths import DATA_DIR
from analysis.quiz.dimension_names import DEAL_BREAKER_DIMENSIONS, parse_dimension

QUIZ_PATH = DATA_DIR / "quiz.yaml"
WEIGHTS: tuple[int, ...] = (0, 1, 2, 3)  # 0 doesn't matter .. 3 matters a lot
WEIGHT_LABELS = {0: N_("doesn't matter"), 1: N_("counts a little"), 2: N_("matters"), 3: N_("matters a lot")}
DEAL_BREAKER_AT = 0.75  # by default a deal-breaker hits "common" or "typical" (or a 4-5 rating)

Match = Literal["about", "at_least", "at_most"]
MATCH_WORDS: dict[str, str] = {"about": N_("about this much"), "at_least": N_("at least"), "at_most": N_("at most")}

QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Weight = Annotated[int, Field(ge=0, le=3)]
Answers = dict[str, int]  # question id -> chosen option index (unanswered items absent)
Weights = dict[str, int]  # question id -> weight 0..3 (absent -> the answer's starting weight)


class Option(Strict):
    label: OneLine
    target: Annotated[float, Field(ge=0, le=1)] | None = Field(
        default=None, description="Target on the dimension's 0-1 scale; null means no preference."
    )
    match: Match = Field(default="about", description="about: a target; at_least: a floor; at_most: a ceiling.")
    weight: Weight | None = Field(
        default=None,
        description="Starting weight when this option is chosen (e.g. 3 for 'matters a lot'); "
        "null: the question's default_weight.",
    )
    deal_breaker: bool = False
    deal_breaker_at: Annotated[float, Field(ge=0, le=1)] = Field(
        default=DEAL_BREAKER_AT, description="With deal_breaker: settings at or above this value move to the end."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Option:
        if self.target is None and self.match != "about":
            raise ValueError(f"option '{self.label}': match '{self.match}' needs a target")
        if self.deal_breaker and self.target is not None and self.match != "at_most":
            # "I can't" flags settings at or above a level, so its target is a ceiling; a floor would reward the
            # very hours it flags.
            raise ValueError(f"option '{self.label}': a deal-breaker with a target needs match 'at_most'")
        return self


class Question(Strict):
    id: QuestionId
    text: OneLine
    help: Text | None = None
    kind: Literal["preference", "constraint"]
    dimension: str
    default_weight: Weight
    options: list[Option] = Field(min_length=2, max_length=6)
    topic: OneLine | None = Field(default=None, description="Short noun phrase for explanations, e.g. 'night shifts'.")

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        kind, parts = parse_dimension(self.dimension)
        if any(o.deal_breaker for o in self.options) and (kind, parts[0]) not in DEAL_BREAKER_DIMENSIONS:
            allowed = ", ".join(f"{k}:{p}" for k, p in DEAL_BREAKER_DIMENSIONS)
            raise ValueError(f"deal_breaker is only allowed on hours dimensions ({allowed}), not '{self.dimension}'")
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
        raise ValueError(f"the quiz file is broken: {name}: expected a mapping with a 'questions' list")  # noqa: TRY004 - callers catch one error type
    try:
        return Quiz.model_validate(doc)
    except ValidationError as exc:
        raise ValueError(
            "the quiz file is broken: " + "; ".join(str(p) for p in validation_problems(exc, name))
        ) from None


# --- The shared rules ------------------------------------------------------------------------------


def is_weight(value: object) -> bool:
    """A weight the quiz accepts: an int 0-3 (a bool is not a weight)."""
    return isinstance(value, int) and not isinstance(value, bool) and value in WEIGHTS


def chosen_option(question: Question, answers: Mapping[str, int] | None) -> int | None:
    """The option index the answers pick for this question, or None if unanswered or not a valid index."""
    idx = (answers or {}).get(question.id)
    if isinstance(idx, int) and not isinstance(idx, bool) and 0 <= idx < len(question.options):
        return idx
    return None


def starting_weight(question: Question, option_index: int | None) -> int:
    """The weight an answer starts at before the person changes it: the option's own, else the default."""
    if option_index is not None:
        own = question.options[option_index].weight
        if own is not None:
            return own
    return question.default_weight


def effective_weight(question: Question, answers: Mapping[str, int] | None, weights: Mapping[str, int] | None) -> int:
    """The weight that counts: the person's own choice if valid, else the answer's starting weight."""
    w = (weights or {}).get(question.id)
    return w if is_weight(w) else starting_weight(question, chosen_option(question, answers))
