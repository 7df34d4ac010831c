"""Day-to-day realities of a setting beyond pay and hours, and the questions to ask an employer there.

A profile may carry two optional blocks:

    reality:
      production_metrics:
        text: Plain words about this setting.
        sources: [source-id]   # ids from the profile's `sources`; empty = our judgement, reason in the text
      breaks_and_sitting: {text: ..., sources: [...]}
      ...
    employer_questions:        # editorial: 5 to 8 per setting
      - ask: The question, as the person would put it.
        why: What varies in this setting and why it matters to the person.

Both are optional so that a profile written before them still loads; every bundled profile has all seven
facets and five to eight questions (tests/test_reality.py). The profile model checks that a facet's source ids
are in its `sources` list, and the loader that they are in data/sources.yaml, as for ratings.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from analysis.i18n import N_
from analysis.loading.fields import Slug, Sourced, Strict, visible_text

FacetText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=900), AfterValidator(visible_text)
]
QuestionText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=240, pattern=r"^[^\n]*$"),
    AfterValidator(visible_text),
]
ReasonText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500, pattern=r"^[^\n]*$"),
    AfterValidator(visible_text),
]

# The facets with their English labels (translated where shown), in the order every page shows them.
FACET_LABELS: dict[str, str] = {
    "production_metrics": N_("Production metrics and quotas"),
    "breaks_and_sitting": N_("Breaks and sitting"),
    "public_facing": N_("Dealing with the public"),
    "remote_work": N_("Remote or hybrid work"),
    "sterile_training": N_("Training into IV and sterile work"),
    "tuition_support": N_("Tuition and certification support"),
    "shift_differentials": N_("Shift differentials"),
}
FACET_KEYS: tuple[str, ...] = tuple(FACET_LABELS)
REALITY_TITLE = N_("Day-to-day realities")
QUESTIONS_TITLE = N_("Questions to ask an employer")
QUESTIONS_NOTE = N_("Editorial: our suggestions, each tied to what varies in this setting.")

QUESTIONS_MIN, QUESTIONS_MAX = 5, 8


class RealityFacet(Sourced):
    """One day-to-day reality in this setting, in the project's own words, with what it rests on."""

    text: FacetText = Field(description="Plain words about this setting; where no source backs it, the reason.")
    sources: list[Slug] = Field(
        default_factory=list,
        description="Source ids (from data/sources.yaml, and in the profile's `sources`) that support the text; "
        "an empty list means it is our judgement, and the text says why.",
    )


class Reality(Strict):
    """The seven facets; each optional for an uploaded profile (a missing one is shown as not described)."""

    production_metrics: RealityFacet | None = Field(default=None, description="Quotas and productivity metrics.")
    breaks_and_sitting: RealityFacet | None = Field(default=None, description="Whether breaks are real, sitting.")
    public_facing: RealityFacet | None = Field(default=None, description="How much of the job faces the public.")
    remote_work: RealityFacet | None = Field(
        default=None,
        description="Remote or hybrid work; say that state rules allow remote order entry only with a source.",
    )
    sterile_training: RealityFacet | None = Field(default=None, description="The on-the-job path into IV work.")
    tuition_support: RealityFacet | None = Field(
        default=None, description="Tuition or certification support; whether certification raises pay."
    )
    shift_differentials: RealityFacet | None = Field(default=None, description="Extra pay for nights and weekends.")

    def facets(self) -> list[tuple[str, RealityFacet]]:
        """(key, facet) for each facet present, in FACET_KEYS order."""
        return [(k, getattr(self, k)) for k in FACET_KEYS if getattr(self, k) is not None]

    def missing(self) -> list[str]:
        return [k for k in FACET_KEYS if getattr(self, k) is None]


class EmployerQuestion(Strict):
    """An editorial question to ask an employer in this setting, and why the answer matters."""

    ask: QuestionText = Field(description="The question, as the person would ask it.")
    why: ReasonText = Field(description="What varies in this setting and why it matters to the person.")


def _five_to_eight(questions: list[EmployerQuestion]) -> list[EmployerQuestion]:
    if not QUESTIONS_MIN <= len(questions) <= QUESTIONS_MAX:
        raise ValueError(f"expected {QUESTIONS_MIN} to {QUESTIONS_MAX} questions, got {len(questions)}")
    asked = [" ".join(q.ask.lower().split()) for q in questions]
    if len(asked) != len(set(asked)):
        raise ValueError("a question is asked twice")
    return questions


EmployerQuestions = Annotated[
    list[EmployerQuestion],
    AfterValidator(_five_to_eight),
    Field(
        json_schema_extra={"minItems": QUESTIONS_MIN, "maxItems": QUESTIONS_MAX},
        description=f"Editorial: {QUESTIONS_MIN} to {QUESTIONS_MAX} questions to ask an employer in this setting.",
    ),
]


def reality_sources(reality: Reality | None) -> dict[str, list[str]]:
    """The source ids each facet rests on, keyed by field path (empty: judgement); for the profile's checks."""
    if reality is None:
        return {}
    return {f"reality.{k}": list(facet.sources) for k, facet in reality.facets()}
