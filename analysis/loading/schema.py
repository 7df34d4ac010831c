"""The shape of a setting profile and of the shared catalogs, as pydantic models.

Everything is strict: an unknown field (usually a typo) is an error, and YAML
values are not coerced ("5" is not a number). Rules that span fields — a
figure needs a source and a period, task shares add up to 100 — live here as
validators so that the loader, the validator CLI and the JSON Schema agree.

Run `python -m analysis.loading.schema` to rewrite settings_profiles/schema.json.
"""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from analysis.i18n import N_
from analysis.loading.reality import EmployerQuestions, Reality, reality_sources

# --- Vocabularies shared by every profile ------------------------------------

Evidence = Literal["primary", "secondary", "secondary-corroborated"]
EVIDENCE_LABELS = {
    "primary": N_("publisher's own page or file"),
    "secondary": N_("a secondary page relaying the publisher"),
    "secondary-corroborated": N_("two or more secondary pages agree"),
}

Category = Literal["health-system", "community", "long-term-care", "industry", "ambulatory", "government"]

Frequency = Literal["never", "rare", "sometimes", "common", "typical"]
FREQUENCY_ORDER: tuple[str, ...] = ("never", "rare", "sometimes", "common", "typical")

Relevance = Literal["required", "commonly-required", "preferred", "helpful"]
RELEVANCE_ORDER: tuple[str, ...] = ("required", "commonly-required", "preferred", "helpful")

Confidence = Literal["high", "medium", "low", "none"]

TaskCategory = Literal[
    "dispensing",
    "order-entry",
    "patient-service",
    "insurance-billing",
    "sterile-compounding",
    "nonsterile-compounding",
    "inventory",
    "delivery-restocking",
    "quality-compliance",
    "specialized",
]
TASK_LABELS: dict[str, str] = {
    "dispensing": N_("Filling, packaging and labelling"),
    "order-entry": N_("Order entry and data"),
    "patient-service": N_("Patient and customer service"),
    "insurance-billing": N_("Insurance, billing and prior authorisation"),
    "sterile-compounding": N_("Sterile compounding (IV, TPN, chemo)"),
    "nonsterile-compounding": N_("Nonsterile compounding"),
    "inventory": N_("Inventory and supply chain"),
    "delivery-restocking": N_("Delivery, restocking and automation"),
    "quality-compliance": N_("Quality, compliance and records"),
    "specialized": N_("Setting-specific work"),
}

# The editorial rating dimensions: one fixed set shared by all profiles.
# (label, what a 1 means, what a 5 means)
RATING_DIMENSIONS: dict[str, tuple[str, str, str]] = {
    "patient_contact": (N_("Patient / customer contact"), N_("almost none"), N_("constant, face to face")),
    "pace_pressure": (N_("Pace and metrics pressure"), N_("calm, few targets"), N_("fast, closely measured")),
    "physical_demand": (N_("Physical demand"), N_("seated desk work"), N_("on your feet, lifting, walking")),
    "technical_complexity": (
        N_("Technical / clinical complexity"),
        N_("routine steps"),
        N_("complex, high-stakes preparation"),
    ),
    "schedule_predictability": (N_("Schedule predictability"), N_("shifts change often"), N_("same hours every week")),
    "night_weekend_exposure": (
        N_("Night and weekend exposure"),
        N_("weekdays only"),
        N_("nights and weekends expected"),
    ),
    "autonomy": (N_("Autonomy"), N_("tightly scripted"), N_("much of your own judgement")),
    "teamwork": (N_("Teamwork"), N_("mostly solo"), N_("constant team coordination")),
    "advancement": (N_("Room to advance"), N_("few steps up"), N_("clear ladder of roles")),
    "entry_barrier": (N_("Entry barrier"), N_("hired with no credential"), N_("credential and experience first")),
    "benefits_security": (
        N_("Benefits and job security"),
        N_("thin benefits, easily cut"),
        N_("full benefits, very stable"),
    ),
    "early_starts": (N_("Very early starts (before about 6 am)"), N_("almost never"), N_("most shifts")),
    "workplace_variety": (
        N_("Variety of workplaces"),
        N_("one workplace, every day"),
        N_("a new workplace every few weeks or months"),
    ),
}
# A dimension added after profiles were first written (workplace_variety) is optional in `Ratings`: a profile
# without it loads, and every page shows it as not rated, with no bar or number.
NOT_RATED = N_("not rated")  # shown through _()

# --- Outside text and numbers: what a profile may contain at all ------------------

# Control and format characters (NUL, bidi overrides, zero-width joiners, line separators) can hide or
# reorder what a reader sees, so text fields refuse them; only newline and tab are allowed in prose.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


def _visible_text(value: str) -> str:
    for ch in value:
        if ch not in "\n\t" and unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
            name = unicodedata.name(ch, "a control character")
            raise ValueError(f"contains the invisible character U+{ord(ch):04X} ({name}); remove it")
    return value


FIGURE_LIMIT = 1_000_000_000  # no figure here (wages, jobs, fees, hours) comes near a billion


def finite_figure(value: object) -> object:
    """A number must be finite and of a plausible size; text and null pass through."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"must be a finite number, got {value}")
    if isinstance(value, int) and abs(value) > FIGURE_LIMIT:
        raise ValueError(
            f"a number with {len(str(abs(value)))} digits is not a plausible figure; the limit is {FIGURE_LIMIT:,}"
        )
    if isinstance(value, float) and abs(value) > FIGURE_LIMIT:
        raise ValueError(f"{value:.3g} is not a plausible figure; the limit is {FIGURE_LIMIT:,}")
    return value


def check_range(value: object, low: float, high: float, unit: str) -> None:
    """Bounds for one kind of figure (a wage, a share); null is a gap and passes."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not low <= value <= high:
        raise ValueError(f"{value:,} is outside the plausible range {low:,}–{high:,} {unit}")


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_visible_text)]
OneLine = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=240, pattern=r"^[^\n]*$"),
    AfterValidator(_visible_text),
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]

NO_FIGURE = N_("no published figure")  # shown through _()

# A pointer into the imported OEWS table: release (M + year), BLS industry code, column.
OEWS_POINTER_PATTERN = r"^M[0-9]{4}/[0-9A-Z-]{6}/[a-z0-9_]+$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- Facts: every figure carries its source and period -----------------------


def _finite_in_schema(schema: dict) -> None:
    """JSON Schema hook: a figure's number has the same limit the validator applies."""
    for option in schema.get("properties", {}).get("value", {}).get("anyOf", []):
        if option.get("type") in ("integer", "number"):
            option.update(minimum=-FIGURE_LIMIT, maximum=FIGURE_LIMIT)


class Fact(Strict):
    """A published figure, or an explicit gap (value null plus a note saying so)."""

    model_config = ConfigDict(json_schema_extra=_finite_in_schema)

    value: int | float | str | None = Field(description="The figure as published; null where none is published.")
    unit: Text = Field(description="e.g. USD/year, USD/hour, jobs, percent, hours, years.")
    period: OneLine | None = Field(default=None, description="Period or edition of the figure, e.g. 'May 2024'.")
    source: Slug | None = Field(default=None, description="Source id in data/sources.yaml.")
    evidence: Evidence | None = None
    ref: Annotated[str, StringConstraints(max_length=120)] | None = Field(
        default=None, description="Id of the fact in data/reference_facts.yaml it was copied from."
    )
    oews: Annotated[str, StringConstraints(pattern=OEWS_POINTER_PATTERN)] | None = Field(
        default=None,
        description="Where the figure sits in the imported BLS OEWS table: 'M2025/622100/annual_median' "
        "(release, BLS industry code, column; national rows). The loader checks the value against the table.",
    )
    note: Text | None = Field(default=None, description="Caveat, or for a gap why there is no figure.")

    @field_validator("value", mode="after")
    @classmethod
    def _finite(cls, value: object) -> object:
        if isinstance(value, str):
            _visible_text(value)
        return finite_figure(value)

    @model_validator(mode="after")
    def _cited_or_explained(self) -> Fact:
        if self.value is None:
            if not self.note:
                raise ValueError(f"a missing figure needs a note, e.g. '{NO_FIGURE}; nearest industry: ...'")
        else:
            missing = [name for name in ("period", "source", "evidence") if getattr(self, name) is None]
            if missing:
                raise ValueError(
                    f"a figure needs {', '.join(missing)} (every figure shown carries its source and period)"
                )
        return self

    @property
    def is_gap(self) -> bool:
        return self.value is None


class NumericFact(Fact):
    value: int | float | None = Field(description="The figure as published; null where none is published.")


# (low, high, unit) for each setting figure: a negative or absurd wage is a typo, never a figure.
SETTING_FACT_RANGES: dict[str, tuple[float, float, str]] = {
    **{
        k: (1, 1_000_000, "USD/year")
        for k in (
            "median_wage_annual",
            "wage_p10_annual",
            "wage_p25_annual",
            "wage_p75_annual",
            "wage_p90_annual",
            "mean_wage_annual",
        )
    },
    "median_wage_hourly": (0.01, 500, "USD/hour"),
    "employment": (0, 10_000_000, "jobs"),
    "employment_share": (0, 100, "percent"),
    "employment_rse": (0, 100, "percent"),
    "wage_rse": (0, 100, "percent"),
}


def _ranges_in_schema(ranges: dict[str, tuple[float, float, str]]):
    """JSON Schema hook: each bounded figure's value gets its range, so editors flag it while typing."""

    def extra(schema: dict) -> None:
        for name, (low, high, unit) in ranges.items():
            prop = schema.get("properties", {}).get(name)
            if prop is None or "$ref" not in prop:  # absent, or already given its range (schema built twice)
                continue
            value = {
                "anyOf": [{"type": "number", "minimum": low, "maximum": high}, {"type": "null"}],
                "description": f"{low:,}–{high:,} {unit}, or null for a gap.",
            }
            schema["properties"][name] = {
                **{k: v for k, v in prop.items() if k != "$ref"},
                "allOf": [{"$ref": prop["$ref"]}, {"properties": {"value": value}}],
            }

    return extra


class SettingFacts(Strict):
    """Figures for the BLS industry the setting maps to. Gaps are null with a note."""

    model_config = ConfigDict(json_schema_extra=_ranges_in_schema(SETTING_FACT_RANGES))

    median_wage_annual: NumericFact
    wage_p10_annual: NumericFact
    wage_p25_annual: NumericFact
    wage_p75_annual: NumericFact
    wage_p90_annual: NumericFact
    median_wage_hourly: NumericFact
    mean_wage_annual: NumericFact
    employment: NumericFact = Field(description="Pharmacy technician jobs in the mapped industry.")
    employment_share: NumericFact = Field(description="Share of all pharmacy technician jobs, in percent.")
    employment_rse: NumericFact | None = Field(
        default=None, description="BLS relative standard error of the employment estimate, in percent."
    )
    wage_rse: NumericFact | None = Field(
        default=None, description="BLS relative standard error of the mean wage, in percent."
    )

    @field_validator("*", mode="after")
    @classmethod
    def _plausible(cls, fact: NumericFact | None, info: ValidationInfo) -> NumericFact | None:
        if fact is not None and info.field_name in SETTING_FACT_RANGES:
            check_range(fact.value, *SETTING_FACT_RANGES[info.field_name])
        return fact


WAGE_FACTS = ("wage_p10_annual", "wage_p25_annual", "median_wage_annual", "wage_p75_annual", "wage_p90_annual")


class NamedFact(Fact):
    label: OneLine


class BlsIndustry(Strict):
    naics: Annotated[str, StringConstraints(pattern=r"^[0-9]{2}[0-9A-Z-]{0,4}$")] = Field(
        description="BLS OEWS industry code the figures describe (NAICS-based), e.g. '622100', '4240A2' or '44--46'."
    )
    title: OneLine
    confidence: Confidence = Field(description="How well this BLS industry stands for the setting.")
    note: Text = Field(description="Why this industry, and what it includes that the setting does not.")


# --- Editorial parts ---------------------------------------------------------


EVIDENCE_NOTE = (
    "Source ids (from data/sources.yaml, and in the profile's `sources`) that state or directly support this; "
    "an empty list means it rests on our judgement alone."
)


class Rating(Strict):
    score: Annotated[int, Field(ge=1, le=5)]
    reason: OneLine
    sources: list[Slug] = Field(default_factory=list, description=EVIDENCE_NOTE)

    @property
    def is_judgement(self) -> bool:
        """True when no source backs the rating: it is our judgement, with its reason."""
        return not self.sources


class Ratings(Strict):
    """Editorial 1-5 judgements, one per shared dimension, each with its reason."""

    patient_contact: Rating
    pace_pressure: Rating
    physical_demand: Rating
    technical_complexity: Rating
    schedule_predictability: Rating
    night_weekend_exposure: Rating
    autonomy: Rating
    teamwork: Rating
    advancement: Rating
    entry_barrier: Rating
    benefits_security: Rating
    early_starts: Rating
    workplace_variety: Rating | None = Field(
        default=None, description="Optional (added later): a profile written before it is shown as not rated."
    )


class Schedule(Strict):
    """How often each kind of hours comes up (editorial, from the sources listed)."""

    nights: Frequency
    weekends: Frequency
    holidays: Frequency
    on_call: Frequency
    shift_lengths_hours: list[Annotated[int, Field(ge=2, le=24)]] = Field(min_length=1)
    reason: OneLine
    sources: list[Slug] = Field(default_factory=list, description=EVIDENCE_NOTE)

    @property
    def is_judgement(self) -> bool:
        """True when no source backs the hours: they are our judgement, with its reason."""
        return not self.sources


class TaskShare(Strict):
    task: TaskCategory
    share: Annotated[int, Field(ge=1, le=100)] = Field(description="Approximate percent of working time.")
    examples: OneLine


class CredentialUse(Strict):
    id: Slug = Field(description="Credential id in data/credentials.yaml.")
    relevance: Relevance
    note: OneLine | None = None


class Role(Strict):
    role: OneLine
    requires: OneLine


# --- What a setting usually asks of a new hire besides credentials (the planner counts it) ---------

EntryExperienceKind = Literal["pharmacy-technician", "sterile-compounding"]  # the planner's experience kinds
EntryConditionKind = Literal["citizenship", "registration", "qualification-standard", "other"]
ENTRY_CONDITION_LABELS: dict[str, str] = {
    "citizenship": N_("citizenship"),
    "registration": N_("state registration or licence"),
    "qualification-standard": N_("qualification standard"),
    "other": N_("other condition"),
}


class EntryEvidence(Strict):
    """Where an entry condition comes from: a source (with its period and evidence strength), or a judgement
    with its reason. Never both, never neither."""

    source: Slug | None = Field(default=None, description="Source id in data/sources.yaml that states it.")
    period: OneLine | None = Field(default=None, description="Period or edition of what the source states.")
    evidence: Evidence | None = None
    judgement: OneLine | None = Field(
        default=None, description="Why we think so, where no source states it: shown labelled as a judgement."
    )

    @model_validator(mode="after")
    def _sourced_or_judged(self) -> EntryEvidence:
        if self.source and self.judgement:
            raise ValueError("give a source or a judgement with its reason, not both")
        if not self.source and not self.judgement:
            raise ValueError("an entry condition needs a source id (with period and evidence) or a judgement reason")
        if self.source and (self.period is None or self.evidence is None):
            raise ValueError("a sourced entry condition needs its period and evidence")
        if self.judgement and (self.period is not None or self.evidence is not None):
            raise ValueError("period and evidence belong to a source; a judgement has its reason only")
        return self


class EntryExperience(EntryEvidence):
    """Work experience employers typically ask for at entry, in months of full-time work."""

    months: Annotated[int, Field(ge=1, le=240)] = Field(description="Months of full-time work (40 hours a week).")
    kind: EntryExperienceKind = "pharmacy-technician"
    instead: Slug | None = Field(
        default=None, description="A program id from data/credentials.yaml accepted in place of the experience."
    )
    note: OneLine | None = None


class EntryTraining(EntryEvidence):
    """Training the employer usually gives on the job, so the person need not bring it."""

    text: OneLine = Field(description="What is trained on the job, e.g. radiation safety.")


class EntryCondition(EntryEvidence):
    """A condition of entry that is about the person or their status (citizenship, registration): stated,
    never guessed about the person, never counted as met or missing."""

    kind: EntryConditionKind
    text: OneLine


class Entry(Strict):
    """What entry to the setting usually needs besides credentials, each part with its evidence."""

    experience: list[EntryExperience] = Field(default_factory=list)
    trained_on_job: list[EntryTraining] = Field(default_factory=list)
    conditions: list[EntryCondition] = Field(default_factory=list)
    note: Text | None = None

    def evidence_items(self) -> list[EntryEvidence]:
        return [*self.experience, *self.trained_on_job, *self.conditions]


class Profile(Strict):
    """One practice setting for pharmacy technicians."""

    id: Slug = Field(description="Must match the file name (hospital.yaml -> hospital).")
    name: OneLine
    short_name: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=18), AfterValidator(_visible_text)
    ] = Field(description="Label for charts and narrow screens.")
    category: Category
    tagline: OneLine = Field(description="One line for overview cards.")
    summary: Text
    also_called: list[OneLine] = Field(default_factory=list)
    bls_industry: BlsIndustry
    facts: SettingFacts
    other_facts: list[NamedFact] = Field(
        default_factory=list, description="Further cited figures shown on the detail page."
    )
    ratings: Ratings
    schedule: Schedule
    tasks: list[TaskShare] = Field(min_length=1)
    credentials: list[CredentialUse] = Field(default_factory=list)
    advancement: list[Role] = Field(default_factory=list)
    pros: list[OneLine] = Field(min_length=1)
    cons: list[OneLine] = Field(min_length=1)
    day_in_the_life: Text
    entry: Entry | None = Field(default=None, description="What entry usually needs besides credentials.")
    reality: Reality | None = Field(default=None, description="Day-to-day realities beyond pay and hours.")
    employer_questions: EmployerQuestions | None = None
    sources: list[Slug] = Field(min_length=1, description="Every source id this profile cites.")

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        total = sum(t.share for t in self.tasks)
        if total != 100:
            raise ValueError(f"tasks: shares add up to {total}, expected 100")
        seen: set[str] = set()
        for t in self.tasks:
            if t.task in seen:
                raise ValueError(f"tasks: '{t.task}' is listed twice")
            seen.add(t.task)
        creds = [c.id for c in self.credentials]
        if len(creds) != len(set(creds)):
            raise ValueError("credentials: a credential is listed twice")
        for key in SettingFacts.model_fields:
            fact = getattr(self.facts, key)
            if fact is not None and fact.oews and fact.oews.split("/")[1] != self.bls_industry.naics:
                raise ValueError(
                    f"facts.{key}.oews: points at industry {fact.oews.split('/')[1]}, but "
                    f"bls_industry.naics is {self.bls_industry.naics}; a setting's figures describe one industry"
                )
        cited = {f.source for f in self.all_facts().values() if f.source}
        cited |= {e.source for e in (self.entry.evidence_items() if self.entry else []) if e.source}
        uncited = sorted(cited - set(self.sources))
        if uncited:
            raise ValueError(f"sources: facts cite {', '.join(uncited)}, which the sources list leaves out")
        for where, cites in self.evidence_sources().items():
            if len(cites) != len(set(cites)):
                raise ValueError(f"{where}.sources: a source is listed twice")
            left_out = [s for s in cites if s not in self.sources]
            if left_out:
                raise ValueError(f"{where}.sources: cites {', '.join(left_out)}, which the sources list leaves out")
        return self

    def evidence_sources(self) -> dict[str, list[str]]:
        """The source ids each rating and the schedule rest on, keyed by field path (empty: judgement)."""
        out = {
            f"ratings.{k}": list(getattr(self.ratings, k).sources)
            for k in Ratings.model_fields
            if getattr(self.ratings, k) is not None
        }
        out["schedule"] = list(self.schedule.sources)
        out.update(reality_sources(self.reality))
        return out

    def all_facts(self) -> dict[str, Fact]:
        """Every fact in the profile, keyed by its field path."""
        out: dict[str, Fact] = {
            f"facts.{k}": getattr(self.facts, k)
            for k in SettingFacts.model_fields
            if getattr(self.facts, k) is not None
        }
        out.update({f"other_facts[{i}]": f for i, f in enumerate(self.other_facts)})
        return out


# --- Catalogs in data/ ---------------------------------------------------------


class Source(Strict):
    id: Slug
    title: OneLine
    publisher: OneLine
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    period: OneLine = Field(description="Edition or period of the data it provides.")
    accessed: IsoDate = Field(description="When the figures were gathered from it.")


class SourceCatalog(Strict):
    sources: list[Source] = Field(min_length=1)


class CredentialFacts(Strict):
    initial_fee: NumericFact
    exam: Fact
    renewal_cycle_years: NumericFact
    ce_hours_per_cycle: NumericFact
    renewal_fee: NumericFact

    @field_validator("*", mode="after")
    @classmethod
    def _plausible(cls, fact: NumericFact, info: ValidationInfo) -> NumericFact:
        if info.field_name in CREDENTIAL_FACT_RANGES:  # `exam` is text
            check_range(fact.value, *CREDENTIAL_FACT_RANGES[info.field_name])
        return fact


CREDENTIAL_FACT_RANGES: dict[str, tuple[float, float, str]] = {
    "initial_fee": (0, 10_000, "USD"),
    "renewal_fee": (0, 10_000, "USD"),
    "renewal_cycle_years": (0.5, 20, "years"),
    "ce_hours_per_cycle": (0, 1_000, "hours"),
}


# --- Eligibility rules: data the pathway planner evaluates, one vocabulary for every credential ---

ProgramKind = Literal["diploma", "entry-level", "topic", "validation", "apprenticeship"]


class Program(Strict):
    """A kind of education a rule can ask for; the vocabulary lives in data/credentials.yaml."""

    id: Slug
    label: OneLine = Field(description="Plain words, e.g. 'a PTCB-recognized sterile compounding program'.")
    kind: ProgramKind
    counts_as: list[Slug] = Field(default_factory=list, description="Other program ids this one also satisfies.")
    note: Text | None = None


ExperienceKind = Literal["pharmacy-technician", "sterile-compounding"]
EXPERIENCE_LABELS: dict[str, str] = {
    "pharmacy-technician": N_("pharmacy technician work"),
    "sterile-compounding": N_("sterile compounding (CSP) work"),
}
ABC_KIND = "assessment-based certificate"
PositiveInt = Annotated[int, Field(ge=1, le=100_000)]  # months, hours, years, counts: never more


class CredentialCondition(Strict):
    """Holds another credential, e.g. an active CPhT."""

    credential: Slug = Field(description="Credential id in this catalog.")


class EducationCondition(Strict):
    """Has finished a kind of program (or holds a diploma); some routes also accept being enrolled."""

    education: Slug = Field(description="Program id from the catalog's `programs` list.")
    within_years: PositiveInt | None = Field(default=None, description="Finished within this many years.")
    enrolled_counts: bool = Field(default=False, description="Being enrolled in the program also meets the rule.")


class ExperienceCondition(Strict):
    """Months of work; null months means the issuer lists a work route whose length we have not found."""

    experience_months: PositiveInt | None
    kind: ExperienceKind = "pharmacy-technician"
    full_time: bool = False
    min_hours_per_week: PositiveInt | None = Field(
        default=None, description="The issuer's floor for full-time work, in hours a week."
    )
    part_time_note: Text | None = Field(
        default=None, description="What the issuer says (or leaves unclear) about part-time work."
    )
    continuous: bool = False
    within_years: PositiveInt | None = Field(default=None, description="Worked within the last N years.")
    note: Text | None = None

    @model_validator(mode="after")
    def _length_or_note(self) -> ExperienceCondition:
        if self.experience_months is None and not self.note:
            raise ValueError("an experience route without a length needs a note saying why")
        return self


class HoursCondition(Strict):
    """Hours of work, as some routes count it (PTCB's 500 hours, NHA's 1,200)."""

    experience_hours: PositiveInt
    supervised: bool = False
    within_years: PositiveInt | None = None


class CertificatesCondition(Strict):
    """Holds at least this many PTCB assessment-based certificates."""

    certificates: PositiveInt


class UnpublishedCondition(Strict):
    """A requirement the issuer sets that our sources do not spell out: never counted as met."""

    unpublished: Text = Field(description="What the issuer asks for, as far as we know, and where to check.")


_CONDITION_KEYS = ("credential", "education", "experience_months", "experience_hours", "certificates", "unpublished")


def _condition_tag(value: object) -> str | None:
    if isinstance(value, dict):
        return next((k for k in _CONDITION_KEYS if k in value), None)
    tags = {
        CredentialCondition: "credential",
        EducationCondition: "education",
        ExperienceCondition: "experience_months",
        HoursCondition: "experience_hours",
        CertificatesCondition: "certificates",
        UnpublishedCondition: "unpublished",
    }
    return tags.get(type(value))


Condition = Annotated[
    Annotated[CredentialCondition, Tag("credential")]
    | Annotated[EducationCondition, Tag("education")]
    | Annotated[ExperienceCondition, Tag("experience_months")]
    | Annotated[HoursCondition, Tag("experience_hours")]
    | Annotated[CertificatesCondition, Tag("certificates")]
    | Annotated[UnpublishedCondition, Tag("unpublished")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition_kind",
        custom_error_message=f"a condition needs one of the keys {', '.join(_CONDITION_KEYS)}",
    ),
]


class Route(Strict):
    """One way in: every condition must hold."""

    label: OneLine
    all_of: list[Condition] = Field(min_length=1)


class Requires(Strict):
    """Eligibility as data: any one route suffices. Must agree with the eligibility Fact's text."""

    any_of: list[Route] = Field(min_length=1)
    note: Text | None = Field(default=None, description="What the sources leave open about these rules.")

    def credential_ids(self) -> set[str]:
        return {c.credential for r in self.any_of for c in r.all_of if isinstance(c, CredentialCondition)}

    def needs_certificates(self) -> bool:
        return any(isinstance(c, CertificatesCondition) for r in self.any_of for c in r.all_of)


class RenewalRule(Fact):
    """How renewing this credential interacts with another one, as the issuer states it."""

    replaces: list[Slug] = Field(default_factory=list, description="Credentials whose renewal this one stands in for.")
    no_fee_when_renewed_with: list[Slug] = Field(
        default_factory=list, description="No separate fee when renewed in the same cycle as one of these."
    )


class Credential(Strict):
    id: Slug
    name: OneLine
    short_name: OneLine
    issuer: OneLine
    kind: Literal["certification", "assessment-based certificate"]
    summary: Text
    eligibility: Fact = Field(description="Who may apply, as the issuer states it.")
    requires: Requires = Field(description="The eligibility rule as structured routes, consistent with `eligibility`.")
    accepted_instead_of: list[Slug] = Field(
        default_factory=list, description="Credentials employers usually accept in place of this one (CPhT and ExCPT)."
    )
    facts: CredentialFacts
    renewal_requirements: list[NamedFact] = Field(
        default_factory=list, description="What else keeps it active: required CE topics, attestations."
    )
    renewal_rules: list[RenewalRule] = Field(default_factory=list)
    reinstatement: list[NamedFact] = Field(
        default_factory=list,
        description="The issuer's rule for bringing a lapsed credential back (fee, CE, time limit); a gap with a "
        "note where the issuer's rule is not in our sources. Empty: we have looked for none.",
    )
    sources: list[Slug] = Field(min_length=1)

    def all_facts(self) -> dict[str, Fact]:
        """Every fact in the credential, keyed by its field path (for the loader's reference checks)."""
        out: dict[str, Fact] = {"eligibility": self.eligibility}
        out.update({f"facts.{k}": getattr(self.facts, k) for k in CredentialFacts.model_fields})
        out.update({f"renewal_requirements[{i}]": f for i, f in enumerate(self.renewal_requirements)})
        out.update({f"renewal_rules[{i}]": f for i, f in enumerate(self.renewal_rules)})
        out.update({f"reinstatement[{i}]": f for i, f in enumerate(self.reinstatement)})
        return out


class ProgramLength(NamedFact):
    """A published minimum length for a kind of program (e.g. ASHP/ACPE standards)."""

    education: Slug = Field(description="Program id from the catalog's `programs` list.")


class Equivalence(Fact):
    """Credentials a setting may take one for the other (CPhT or ExCPT): the value says when, in words.
    A rule that names one of them (CSPT needs an active CPhT) still needs that one."""

    id: Slug
    label: OneLine
    members: list[Slug] = Field(min_length=2)


class StateRegulation(Strict):
    """Dated counts of state rules, shown as a caveat; no legal lookup."""

    summary: Text
    facts: list[NamedFact] = Field(min_length=1)


class CredentialCatalog(Strict):
    credentials: list[Credential] = Field(min_length=1)
    programs: list[Program] = Field(min_length=1)
    equivalences: list[Equivalence] = Field(default_factory=list)
    program_lengths: list[ProgramLength] = Field(default_factory=list)
    state_regulation: StateRegulation | None = None

    @model_validator(mode="after")
    def _rules_name_known_credentials(self) -> CredentialCatalog:
        """Rules may only point at credentials in this catalog, and must not go round in a circle."""
        ids = [c.id for c in self.credentials]
        certificates = [c.id for c in self.credentials if c.kind == ABC_KIND]
        for i, cred in enumerate(self.credentials):
            for j, route in enumerate(cred.requires.any_of):
                for k, cond in enumerate(route.all_of):
                    where = f"credentials[{i}].requires.any_of[{j}].all_of[{k}]"
                    if isinstance(cond, CredentialCondition) and cond.credential not in ids:
                        raise ValueError(
                            f"{where}: unknown credential id '{cond.credential}'; expected an id from this catalog"
                        )
                    if isinstance(cond, CredentialCondition) and cond.credential == cred.id:
                        raise ValueError(f"{where}: '{cred.id}' cannot require itself")
                    if isinstance(cond, CertificatesCondition):
                        if cred.kind == ABC_KIND:
                            raise ValueError(f"{where}: a certificate cannot require other certificates")
                        if cond.certificates > len(certificates):
                            raise ValueError(
                                f"{where}: asks for {cond.certificates} certificates; "
                                f"the catalog has {len(certificates)}"
                            )
        self._programs_known()
        self._equivalences_consistent(ids)
        cycle = _find_cycle({c.id: prerequisite_ids(c, certificates) for c in self.credentials})
        if cycle:
            raise ValueError(f"credentials: the requires rules go round in a circle: {' -> '.join(cycle)}")
        return self

    def _programs_known(self) -> None:
        programs = [p.id for p in self.programs]
        if len(programs) != len(set(programs)):
            raise ValueError("programs: a program id is listed twice")
        for p in self.programs:
            for other in p.counts_as:
                if other not in programs:
                    raise ValueError(f"programs: '{p.id}' counts as unknown program '{other}'")
        for i, cred in enumerate(self.credentials):
            for j, route in enumerate(cred.requires.any_of):
                for k, cond in enumerate(route.all_of):
                    if isinstance(cond, EducationCondition) and cond.education not in programs:
                        raise ValueError(
                            f"credentials[{i}].requires.any_of[{j}].all_of[{k}]: unknown program "
                            f"'{cond.education}'; expected an id from `programs`"
                        )
        for i, length in enumerate(self.program_lengths):
            if length.education not in programs:
                raise ValueError(f"program_lengths[{i}]: unknown program '{length.education}'")

    def _equivalences_consistent(self, ids: list[str]) -> None:
        """Every `accepted_instead_of` pair is backed by a cited equivalence, and members exist."""
        groups = [set(e.members) for e in self.equivalences]
        for e in self.equivalences:
            unknown = [m for m in e.members if m not in ids]
            if unknown:
                raise ValueError(f"equivalences: '{e.id}' names unknown credential(s) {', '.join(unknown)}")
        for cred in self.credentials:
            for other in cred.accepted_instead_of:
                if not any({cred.id, other} <= g for g in groups):
                    raise ValueError(
                        f"credentials: '{cred.id}' is accepted instead of '{other}' but no "
                        "equivalence lists both (add one with its source)"
                    )

    def extra_facts(self) -> dict[str, Fact]:
        """Facts outside the credentials (equivalences, program lengths, state regulation), keyed by field path."""
        out: dict[str, Fact] = {f"program_lengths[{i}]": f for i, f in enumerate(self.program_lengths)}
        out.update({f"equivalences[{i}]": f for i, f in enumerate(self.equivalences)})
        if self.state_regulation:
            out.update({f"state_regulation.facts[{i}]": f for i, f in enumerate(self.state_regulation.facts)})
        return out


def prerequisite_ids(cred: Credential, certificate_ids: list[str]) -> set[str]:
    """Every credential any route of `cred` mentions (a certificate count means all certificates)."""
    out = cred.requires.credential_ids()
    if cred.requires.needs_certificates():
        out |= set(certificate_ids)
    return out - {cred.id}


def _find_cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for node in graph:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


class NationalFacts(Strict):
    """National context for the whole occupation (data/national.yaml)."""

    median_wage_annual: NamedFact
    median_wage_annual_previous: NamedFact
    median_wage_hourly: NamedFact
    wage_p10_annual: NamedFact
    wage_p90_annual: NamedFact
    employment: NamedFact
    projected_growth: NamedFact
    openings_per_year: NamedFact
    entry_education: NamedFact


def write_schema(path: Path) -> None:
    path.write_text(profile_json_schema() + "\n", encoding="utf-8")


def profile_json_schema() -> str:
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Rx Settings Explorer setting profile"
    return json.dumps(schema, indent=2, sort_keys=True)


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    from analysis.paths import SCHEMA_PATH

    write_schema(SCHEMA_PATH)
    print(f"wrote {SCHEMA_PATH}")
