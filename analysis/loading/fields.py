"""What every data file is made of: the shared vocabularies, text and numbers a file may contain at all, and
facts (every figure carries its source and period).

Everything is strict: an unknown field (usually a typo) is an error, and YAML values are not coerced ("5" is
not a number). Rules that span fields — a figure needs a source and a period — live here as validators so
that the loader, the validator CLI and the JSON Schema agree.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from analysis.i18n import N_

__all__ = [  # vocabularies, text and number types, facts; analysis.loading.schema offers them all
    "BlsIndustry",
    "Category",
    "Confidence",
    "EVIDENCE_LABELS",
    "Evidence",
    "FIGURE_LIMIT",
    "FREQUENCY_ORDER",
    "Fact",
    "Frequency",
    "IsoDate",
    "NOT_RATED",
    "NO_FIGURE",
    "NamedFact",
    "NumericFact",
    "OEWS_POINTER_PATTERN",
    "OneLine",
    "RATING_DIMENSIONS",
    "RELEVANCE_LABELS",
    "RELEVANCE_ORDER",
    "Relevance",
    "SETTING_FACT_RANGES",
    "SettingFacts",
    "Slug",
    "Sourced",
    "Strict",
    "TASK_LABELS",
    "TaskCategory",
    "Text",
    "WAGE_FACTS",
    "check_range",
    "finite_figure",
    "visible_text",
]

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
RELEVANCE_LABELS = {  # shown through _()
    "required": N_("required"),
    "commonly-required": N_("commonly required"),
    "preferred": N_("preferred"),
    "helpful": N_("helpful"),
}

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


def visible_text(value: str) -> str:
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


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(visible_text)]
OneLine = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=240, pattern=r"^[^\n]*$"),
    AfterValidator(visible_text),
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]

NO_FIGURE = N_("no published figure")  # shown through _()

# A pointer into the imported OEWS table: release (M + year), BLS industry code, column.
OEWS_POINTER_PATTERN = r"^M[0-9]{4}/[0-9A-Z-]{6}/[a-z0-9_]+$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Sourced(Strict):
    """An editorial statement with a `sources` field: the source ids behind it (each model declares the field
    where it belongs in its order, with its own description)."""

    @property
    def is_judgement(self) -> bool:
        """True when no source backs it: it is our judgement, with its reason."""
        return not self.sources


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
            visible_text(value)
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
