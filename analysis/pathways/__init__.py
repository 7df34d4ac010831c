"""Credential pathways: what a person needs first, what it costs, how long it may take.

Eligibility is evaluated from each credential's `requires` rules in data/credentials.yaml, never
from code written for one credential, so a changed rule is a data edit. Timelines are not
published for any credential; the rough time notes come only from the rules (experience still
missing) and from published program lengths where the catalog holds them.

Assumptions, stated wherever a result depends on them:
- a person's years of experience are full-time and fall inside any "within the last N years" window;
- sterile compounding years also count as pharmacy technician years;
- hours are counted at 30 a week (PTCB's floor for full-time, note on cred.ptcb.cspt.eligibility)
  unless the person gives their hours.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from pydantic import ValidationError

from analysis.loading.loader import Catalogs, _check_facts
from analysis.paths import CREDENTIALS_PATH
from analysis.loading.schema import (
    ABC_KIND,
    EDUCATION_COUNTS_AS,
    EDUCATION_LABELS,
    EXPERIENCE_LABELS,
    Education,
    NO_FIGURE,
    RELEVANCE_ORDER,
    CertificatesCondition,
    Condition,
    Credential,
    CredentialCatalog,
    CredentialCondition,
    EducationCondition,
    ExperienceCondition,
    Fact,
    HoursCondition,
    NamedFact,
    Profile,
    ProgramLength,
    Role,
    StateRegulation,
    prerequisite_ids,
)
from analysis.presentation.facts import with_period
from analysis.loading.yaml_io import read_yaml_file

FULL_TIME_HOURS_PER_WEEK = 30  # PTCB's minimum for "full-time" (CSPT); the conservative reading
WEEKS_PER_YEAR = 52
# What a person can tick as completed (the diploma is its own flag on Person).
PROGRAMS: tuple[str, ...] = tuple(e for e in get_args(Education) if e != "hs-diploma-or-ged")
PROGRAM_LABELS = {
    "ptcb-recognized-program": "A PTCB-recognized technician training program",
    "sterile-compounding-program": "A PTCB-recognized sterile compounding program",
    "pharmacy-technician-program": "Another pharmacy technician program",
    "registered-apprenticeship": "A registered pharmacy technician apprenticeship",
}


@dataclass
class Person:
    """Who is asking: what they hold and have done (experience in years of full-time work)."""

    stage: Literal["student", "working"] = "working"
    setting_id: str | None = None
    held: set[str] = field(default_factory=set)
    years_experience: float = 0.0
    sterile_years: float = 0.0
    completed_programs: set[str] = field(default_factory=set)
    hs_diploma: bool = True
    work_hours: float | None = None  # if known; otherwise derived from years

    def hours(self) -> float:
        """Work hours: as given, else years at PTCB's 30-hour full-time floor (never overstated)."""
        if self.work_hours is not None:
            return self.work_hours
        return self.experience_years() * WEEKS_PER_YEAR * FULL_TIME_HOURS_PER_WEEK

    def experience_years(self) -> float:
        return max(self.years_experience, self.sterile_years)

    def education(self) -> set[str]:
        """Completed programs plus what they count as, and the diploma."""
        out = set(self.completed_programs)
        for item in self.completed_programs:
            out.update(EDUCATION_COUNTS_AS.get(item, ()))
        if self.hs_diploma:
            out.add("hs-diploma-or-ged")
        return out


# --- Eligibility -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """One unmet condition: what is missing, in plain words, and a rough time note for it."""

    text: str
    time: str


@dataclass(frozen=True)
class RouteStatus:
    label: str
    met: bool
    gaps: tuple[Gap, ...]

    @property
    def missing(self) -> list[str]:
        return [g.text for g in self.gaps]


@dataclass(frozen=True)
class Eligibility:
    credential_id: str
    eligible: bool
    route: str | None  # the first route the person meets
    missing: list[str]  # empty when eligible; alternatives are folded into "either ... / or ..." items
    routes: tuple[RouteStatus, ...]
    caveats: tuple[str, ...] = ()


def fact_text(fact: Fact) -> str:
    """A figure with its unit and period, or the explicit gap."""
    return with_period(fact)


def _months(n: float) -> int:
    return max(1, math.ceil(n - 1e-9))


def _program_time(education: str, lengths: tuple[ProgramLength, ...]) -> str:
    found = [f for f in lengths if f.education == education and f.value is not None]
    if not found:
        return "program length: no published figure in our sources"
    return "; ".join(f"{f.label}: {fact_text(f)}" for f in found)


def _gap(cond: Condition, person: Person, catalogs: Catalogs, lengths: tuple[ProgramLength, ...]) -> Gap | None:
    """None when the person meets the condition, else what is missing and how long it may take."""
    if isinstance(cond, CredentialCondition):
        if cond.credential in person.held:
            return None
        known = catalogs.credentials.get(cond.credential)
        short = known.short_name if known else cond.credential
        return Gap(f"an active {short}", f"earn the {short} first")
    if isinstance(cond, EducationCondition):
        if cond.education in person.education():
            return None
        window = f", finished within the last {cond.within_years} years" if cond.within_years else ""
        time = "" if cond.education == "hs-diploma-or-ged" else _program_time(cond.education, lengths)
        return Gap(f"{EDUCATION_LABELS[cond.education]}{window}", time)
    if isinstance(cond, ExperienceCondition):
        kind = EXPERIENCE_LABELS[cond.kind]
        if cond.experience_months is None:
            return Gap(f"{kind} experience of the length PTCB sets for this route (not in our sources)",
                       "length not in our sources")
        have = (person.sterile_years if cond.kind == "sterile-compounding" else person.experience_years()) * 12
        need = cond.experience_months - have
        if need <= 1e-9:
            return None
        n = _months(need)
        quality = ", ".join(q for q, on in (("full-time", cond.full_time), ("continuous", cond.continuous)) if on)
        window = f" within the last {cond.within_years} years" if cond.within_years else ""
        text = f"{n} more months of {quality + ' ' if quality else ''}{kind}{window}"
        return Gap(text, f"about {n} more months of {'full-time ' if cond.full_time else ''}{kind}")
    if isinstance(cond, HoursCondition):
        need = cond.experience_hours - person.hours()
        if need <= 1e-9:
            return None
        hours = math.ceil(need)
        weeks = math.ceil(hours / FULL_TIME_HOURS_PER_WEEK)
        window = f" within the last {cond.within_years} years" if cond.within_years else ""
        supervised = "supervised " if cond.supervised else ""
        return Gap(f"{hours:,} more hours of {supervised}pharmacy technician work{window}",
                   f"about {weeks} weeks at {FULL_TIME_HOURS_PER_WEEK} hours a week")
    if isinstance(cond, CertificatesCondition):
        have = sum(1 for c in person.held if c in catalogs.credentials and catalogs.credentials[c].kind == ABC_KIND)
        need = cond.certificates - have
        if need <= 0:
            return None
        noun = "certificate" if need == 1 else "certificates"
        return Gap(f"{need} more PTCB assessment-based {noun}",
                   f"{need} more certificate {'exam' if need == 1 else 'exams'}; no published preparation time")
    raise TypeError(f"unknown condition {cond!r}")  # pragma: no cover - the schema admits no other kind


def _caveats(cred: Credential, person: Person, catalogs: Catalogs) -> tuple[str, ...]:
    """The assumptions a result leans on: time windows the person meets, work routes of unknown length."""
    out: list[str] = []
    for route in cred.requires.any_of:
        for cond in route.all_of:
            window = getattr(cond, "within_years", None)
            if window and _gap(cond, person, catalogs, ()) is None:
                out.append(f"Assumes the experience or program counted here falls within the last {window} years.")
            unquantified = isinstance(cond, ExperienceCondition) and cond.experience_months is None
            if unquantified and person.experience_years() > 0:
                out.append(f"{cred.short_name}: your work experience may qualify on the {route.label}; "
                           f"check {cred.issuer}'s candidate guidebook for the length.")
    return tuple(dict.fromkeys(out))


def eligibility(credential: Credential | str, person: Person, catalogs: Catalogs,
                lengths: tuple[ProgramLength, ...] = ()) -> Eligibility:
    """Check every route of the credential's rules; eligible when one route is fully met."""
    cred = catalogs.credentials[credential] if isinstance(credential, str) else credential
    routes = []
    for route in cred.requires.any_of:
        gaps = tuple(g for g in (_gap(c, person, catalogs, lengths) for c in route.all_of) if g is not None)
        routes.append(RouteStatus(route.label, not gaps, gaps))
    met = next((r for r in routes if r.met), None)
    if met:
        return Eligibility(cred.id, True, met.label, [], tuple(routes), _caveats(cred, person, catalogs))
    return Eligibility(cred.id, False, None, _fold_missing(routes), tuple(routes), _caveats(cred, person, catalogs))


def _fold_missing(routes: list[RouteStatus]) -> list[str]:
    """Gaps shared by every route first; then one 'either/or' item per route for the rest."""
    common = [m for m in routes[0].missing if all(m in r.missing for r in routes[1:])]
    rests = [(r.label, [m for m in r.missing if m not in common]) for r in routes]
    if len(routes) == 1 or any(not rest for _, rest in rests):
        return common + (rests[0][1] if len(routes) == 1 else [])
    return common + [f"{'either' if i == 0 else 'or'} {label}: {' and '.join(rest)}"
                     for i, (label, rest) in enumerate(rests)]


# --- Renewal -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Renewal:
    """What keeps one credential active; every figure keeps its source and period."""

    credential_id: str
    short_name: str
    cycle_years: Fact
    ce_hours: Fact
    fee: Fact
    requirements: tuple[NamedFact, ...]  # required CE topics, attestations

    @property
    def text(self) -> str:
        cycle = f"every {fact_text(self.cycle_years)}" if self.cycle_years.value is not None else f"cycle: {NO_FIGURE}"
        parts = [cycle, f"CE: {fact_text(self.ce_hours)}", f"fee: {fact_text(self.fee)}"]
        parts += [f"{r.label}: {fact_text(r)}" for r in self.requirements]
        return f"{self.short_name}: " + "; ".join(parts)


def renewal_obligations(held: set[str], catalogs: Catalogs) -> list[Renewal]:
    """One Renewal per held credential, in catalog order (unknown ids are ignored)."""
    return [
        Renewal(c.id, c.short_name, c.facts.renewal_cycle_years, c.facts.ce_hours_per_cycle, c.facts.renewal_fee,
                tuple(c.renewal_requirements))
        for c in catalogs.credentials.values() if c.id in held
    ]


# --- Catalog sections outside the credentials --------------------------------------------------


@dataclass(frozen=True)
class PathwayExtras:
    program_lengths: tuple[ProgramLength, ...] = ()
    state_regulation: StateRegulation | None = None


def pathway_extras(catalogs: Catalogs, path: Path = CREDENTIALS_PATH) -> PathwayExtras:
    """Program lengths and state figures: from the loader once it provides them, else read from
    credentials.yaml here, keeping only facts that pass the loader's source and reference checks."""
    if hasattr(catalogs, "state_regulation"):
        return PathwayExtras(tuple(getattr(catalogs, "program_lengths", ())), getattr(catalogs, "state_regulation"))
    doc, problems = read_yaml_file(path)
    if problems or not isinstance(doc, dict):
        return PathwayExtras()
    try:
        catalog = CredentialCatalog.model_validate(doc)
    except ValidationError:
        return PathwayExtras()

    def ok(fact: Fact) -> bool:
        return not _check_facts({"fact": fact}, catalogs.sources, catalogs.reference, path.name)

    lengths = tuple(f for f in catalog.program_lengths if ok(f))
    state = catalog.state_regulation
    if state is not None:
        kept = [f for f in state.facts if ok(f)]
        state = state.model_copy(update={"facts": kept}) if kept else None
    return PathwayExtras(lengths, state)


@dataclass(frozen=True)
class StateCaveat:
    summary: str
    facts: tuple[NamedFact, ...]


def state_caveat(catalogs: Catalogs, extras: PathwayExtras | None = None) -> StateCaveat:
    """Dated counts of state rules, pointing to the state board; never a legal answer."""
    extras = extras or pathway_extras(catalogs)
    state = extras.state_regulation
    if state is None:
        return StateCaveat("State rules differ; check your state's board of pharmacy.", ())
    return StateCaveat(state.summary, tuple(state.facts))


# --- Plan --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    credential: Credential
    relevance: str | None  # relevance in the target profile; None for a prerequisite it does not list
    why: str
    helpful_only: bool
    eligibility: Eligibility
    fee: Fact
    renewal: Renewal
    time_note: str

    @property
    def fee_text(self) -> str:
        return fact_text(self.fee)


@dataclass(frozen=True)
class FeeTotal:
    """Sum of published initial fees; steps without a published fee are named, not guessed."""

    amount: float
    counted: tuple[str, ...]
    unpublished: tuple[str, ...]  # short names
    periods: tuple[str, ...]

    @property
    def text(self) -> str:
        out = f"${self.amount:,.0f}"
        for name in self.unpublished:
            out += f" plus {name} fee: {NO_FIGURE}"
        return out


@dataclass(frozen=True)
class Plan:
    person: Person
    target_id: str
    target_name: str
    steps: tuple[Step, ...]
    total_initial_fees: FeeTotal
    renewals: tuple[Renewal, ...]  # once everything in the plan is held
    roles: tuple[Role, ...]
    already_held: tuple[str, ...]  # target credentials the person holds


def _mandatory_prereqs(cred: Credential) -> set[str]:
    """Credentials named on every route: needed whichever way the person goes."""
    sets = [{c.credential for c in r.all_of if isinstance(c, CredentialCondition)} for r in cred.requires.any_of]
    return set.intersection(*sets) if sets else set()


def order_ids(ids: set[str], rank: dict[str, int], catalogs: Catalogs) -> list[str]:
    """Prerequisites before dependents (from the rules); ties by rank, then catalog order."""
    certificates = [c.id for c in catalogs.credentials.values() if c.kind == ABC_KIND]
    position = {cid: i for i, cid in enumerate(catalogs.credentials)}
    deps = {cid: prerequisite_ids(catalogs.credentials[cid], certificates) & ids for cid in ids}
    heap = [(rank.get(cid, len(RELEVANCE_ORDER)), position[cid], cid) for cid in ids if not deps[cid]]
    heapq.heapify(heap)
    done: list[str] = []
    while heap:
        *_, cid = heapq.heappop(heap)
        done.append(cid)
        for other in ids:
            if cid in deps[other]:
                deps[other].discard(cid)
                if not deps[other]:
                    heapq.heappush(heap, (rank.get(other, len(RELEVANCE_ORDER)), position[other], other))
    if len(done) != len(ids):  # pragma: no cover - the catalog validator rejects cycles
        raise ValueError("credential rules form a cycle")
    return done


def _time_note(elig: Eligibility) -> str:
    if elig.eligible:
        return "Eligible now: no experience or education still to gather."
    parts = []
    for route in elig.routes:
        times = [g.time for g in route.gaps if g.time]
        parts.append(f"{route.label}: {'; '.join(times) if times else 'nothing with a published length'}")
    return " | ".join(parts)


def plan(person: Person, target: Profile, catalogs: Catalogs, include_helpful: bool = False,
         extras: PathwayExtras | None = None) -> Plan:
    """The credentials the target setting asks for that the person lacks, prerequisites first."""
    extras = extras or pathway_extras(catalogs)
    wanted = RELEVANCE_ORDER if include_helpful else RELEVANCE_ORDER[:3]
    uses = {u.id: u for u in target.credentials if u.relevance in wanted and u.id in catalogs.credentials}
    rank = {cid: RELEVANCE_ORDER.index(u.relevance) for cid, u in uses.items()
            if cid not in person.held and not (set(catalogs.credentials[cid].accepted_instead_of) & person.held)}
    why = {cid: f"{uses[cid].relevance.replace('-', ' ')} in {target.short_name}" for cid in rank}
    changed = True
    while changed:  # add prerequisites the person lacks, ranked like their most important dependent
        changed = False
        for cid in list(rank):
            for pre in sorted(_mandatory_prereqs(catalogs.credentials[cid]) - person.held):
                why.setdefault(pre, f"needed first for {catalogs.credentials[cid].short_name}")
                if rank.get(pre, len(RELEVANCE_ORDER)) > rank[cid]:
                    rank[pre] = rank[cid]
                    changed = True
    steps = []
    for cid in order_ids(set(rank), rank, catalogs):
        cred = catalogs.credentials[cid]
        elig = eligibility(cred, person, catalogs, extras.program_lengths)
        use = uses.get(cid)
        steps.append(Step(
            credential=cred,
            relevance=use.relevance if use else None,
            why=why[cid],
            helpful_only=bool(use and use.relevance == "helpful"),
            eligibility=elig,
            fee=cred.facts.initial_fee,
            renewal=renewal_obligations({cid}, catalogs)[0],
            time_note=_time_note(elig),
        ))
    fees = [s for s in steps if s.fee.value is not None]
    total = FeeTotal(
        amount=float(sum(s.fee.value for s in fees)),  # type: ignore[misc]
        counted=tuple(s.credential.id for s in fees),
        unpublished=tuple(s.credential.short_name for s in steps if s.fee.value is None),
        periods=tuple(dict.fromkeys(s.fee.period for s in fees if s.fee.period)),
    )
    held_after = set(person.held) | {s.credential.id for s in steps}
    return Plan(
        person=person,
        target_id=target.id,
        target_name=target.name,
        steps=tuple(steps),
        total_initial_fees=total,
        renewals=tuple(renewal_obligations(held_after, catalogs)),
        roles=tuple(target.advancement),
        already_held=tuple(u.id for u in target.credentials if u.id in person.held),
    )
