"""The shape of the shared catalogs in data/: sources, credentials with their eligibility rules and
renewals, program lengths, state regulation and the national figures.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from analysis.i18n import N_
from analysis.loading.fields import (
    Fact,
    IsoDate,
    NamedFact,
    NumericFact,
    OneLine,
    Slug,
    Strict,
    Text,
    check_range,
)

__all__ = [  # the shared catalogs' models; analysis.loading.schema offers them all
    "ABC_KIND",
    "CREDENTIAL_FACT_RANGES",
    "CertificatesCondition",
    "Condition",
    "Credential",
    "CredentialCatalog",
    "CredentialCondition",
    "CredentialFacts",
    "EXPERIENCE_LABELS",
    "EducationCondition",
    "Equivalence",
    "ExperienceCondition",
    "ExperienceKind",
    "HoursCondition",
    "NationalFacts",
    "PositiveInt",
    "Program",
    "ProgramKind",
    "ProgramLength",
    "RenewalRule",
    "Requires",
    "Route",
    "Source",
    "SourceCatalog",
    "StateRegulation",
    "UnpublishedCondition",
    "prerequisite_ids",
]

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
