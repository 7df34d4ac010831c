"""The shape of a setting profile: ratings, hours, tasks, credentials, entry needs and the profile itself.

Rules that span fields (task shares add up to 100, every rating's sources are among the profile's) are
validators here, so the loader, the validator CLI and the JSON Schema agree.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    StringConstraints,
    model_validator,
)

from analysis.i18n import N_
from analysis.loading.fields import (
    BlsIndustry,
    Category,
    Evidence,
    Fact,
    Frequency,
    NamedFact,
    OneLine,
    Relevance,
    SettingFacts,
    Slug,
    Sourced,
    Strict,
    TaskCategory,
    Text,
    visible_text,
)
from analysis.loading.reality import EmployerQuestions, Reality, reality_sources

__all__ = [  # the setting profile's models; analysis.loading.schema offers them all
    "CredentialUse",
    "ENTRY_CONDITION_LABELS",
    "EVIDENCE_NOTE",
    "Entry",
    "EntryCondition",
    "EntryConditionKind",
    "EntryEvidence",
    "EntryExperience",
    "EntryExperienceKind",
    "EntryTraining",
    "Profile",
    "Rating",
    "Ratings",
    "Role",
    "Schedule",
    "TaskShare",
]

# --- Editorial parts ---------------------------------------------------------


EVIDENCE_NOTE = (
    "Source ids (from data/sources.yaml, and in the profile's `sources`) that state or directly support this; "
    "an empty list means it rests on our judgement alone."
)


class Rating(Sourced):
    score: Annotated[int, Field(ge=1, le=5)]
    reason: OneLine
    sources: list[Slug] = Field(default_factory=list, description=EVIDENCE_NOTE)


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


class Schedule(Sourced):
    """How often each kind of hours comes up (editorial, from the sources listed)."""

    nights: Frequency
    weekends: Frequency
    holidays: Frequency
    on_call: Frequency
    shift_lengths_hours: list[Annotated[int, Field(ge=2, le=24)]] = Field(min_length=1)
    reason: OneLine
    sources: list[Slug] = Field(default_factory=list, description=EVIDENCE_NOTE)


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
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=18), AfterValidator(visible_text)
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
