"""The shape of a setting profile and of the shared catalogs, as pydantic models: one import for all of them.

The models live by concern: `fields` (vocabularies, text and numbers, facts), `profile_model` (a setting
profile), `catalog_model` (sources, credentials and their rules, national figures). Every name is importable
from here as before.

Run `python -m analysis.loading.schema` to rewrite settings_profiles/schema.json.
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.loading.fields import (  # isort: skip
    EVIDENCE_LABELS,
    FIGURE_LIMIT,
    FREQUENCY_ORDER,
    NOT_RATED,
    NO_FIGURE,
    OEWS_POINTER_PATTERN,
    RATING_DIMENSIONS,
    RELEVANCE_LABELS,
    RELEVANCE_ORDER,
    SETTING_FACT_RANGES,
    TASK_LABELS,
    WAGE_FACTS,
    BlsIndustry,
    Category,
    Confidence,
    Evidence,
    Fact,
    Frequency,
    IsoDate,
    NamedFact,
    NumericFact,
    OneLine,
    Relevance,
    SettingFacts,
    Slug,
    Strict,
    TaskCategory,
    Text,
    check_range,
    finite_figure,
    visible_text,
)
from analysis.loading.catalog_model import (  # isort: skip
    ABC_KIND,
    CREDENTIAL_FACT_RANGES,
    EXPERIENCE_LABELS,
    CertificatesCondition,
    Condition,
    Credential,
    CredentialCatalog,
    CredentialCondition,
    CredentialFacts,
    EducationCondition,
    Equivalence,
    ExperienceCondition,
    ExperienceKind,
    HoursCondition,
    NationalFacts,
    PositiveInt,
    Program,
    ProgramKind,
    ProgramLength,
    RenewalRule,
    Requires,
    Route,
    Source,
    SourceCatalog,
    StateRegulation,
    UnpublishedCondition,
    prerequisite_ids,
)
from analysis.loading.profile_model import (  # isort: skip
    ENTRY_CONDITION_LABELS,
    EVIDENCE_NOTE,
    CredentialUse,
    Entry,
    EntryCondition,
    EntryConditionKind,
    EntryEvidence,
    EntryExperience,
    EntryExperienceKind,
    EntryTraining,
    Profile,
    Rating,
    Ratings,
    Role,
    Schedule,
    TaskShare,
)

_visible_text = visible_text  # the name modules written before the split import


__all__ = [  # every model and vocabulary, importable from here
    "ABC_KIND",
    "BlsIndustry",
    "CREDENTIAL_FACT_RANGES",
    "Category",
    "CertificatesCondition",
    "Condition",
    "Confidence",
    "Credential",
    "CredentialCatalog",
    "CredentialCondition",
    "CredentialFacts",
    "CredentialUse",
    "ENTRY_CONDITION_LABELS",
    "EVIDENCE_LABELS",
    "EVIDENCE_NOTE",
    "EXPERIENCE_LABELS",
    "EducationCondition",
    "Entry",
    "EntryCondition",
    "EntryConditionKind",
    "EntryEvidence",
    "EntryExperience",
    "EntryExperienceKind",
    "EntryTraining",
    "Equivalence",
    "Evidence",
    "ExperienceCondition",
    "ExperienceKind",
    "FIGURE_LIMIT",
    "FREQUENCY_ORDER",
    "Fact",
    "Frequency",
    "HoursCondition",
    "IsoDate",
    "NOT_RATED",
    "NO_FIGURE",
    "NamedFact",
    "NationalFacts",
    "NumericFact",
    "OEWS_POINTER_PATTERN",
    "OneLine",
    "PositiveInt",
    "Profile",
    "Program",
    "ProgramKind",
    "ProgramLength",
    "RATING_DIMENSIONS",
    "RELEVANCE_LABELS",
    "RELEVANCE_ORDER",
    "Rating",
    "Ratings",
    "Relevance",
    "RenewalRule",
    "Requires",
    "Role",
    "Route",
    "SETTING_FACT_RANGES",
    "Schedule",
    "SettingFacts",
    "Slug",
    "Source",
    "SourceCatalog",
    "StateRegulation",
    "Strict",
    "TASK_LABELS",
    "TaskCategory",
    "TaskShare",
    "Text",
    "UnpublishedCondition",
    "WAGE_FACTS",
    "_visible_text",
    "check_range",
    "finite_figure",
    "prerequisite_ids",
    "profile_json_schema",
    "visible_text",
    "write_schema",
]


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
