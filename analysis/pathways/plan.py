"""A plan toward a setting: the credentials it asks for that the person lacks, prerequisites first.

The planner chooses where the rules leave a choice:
- an either-or pair a setting accepts (CPhT or ExCPT, from `equivalences`) is one step showing both,
  unless a later step's rules name one of them (CSPT needs an active CPhT), which then decides it;
- among a credential's routes it takes the one with the lowest fees for what is still missing, then
  the shortest rough time, and says so (CPhT-Adv: four certificates, or three plus the CSPT);
- a route asking for N certificates is filled with certificates the person holds or already plans,
  then those the target setting lists, then those their current setting lists, then catalog order.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from analysis.figure_text import citation, format_value, with_period
from analysis.i18n import N_, _, money, ngettext
from analysis.loading.loader import Catalogs
from analysis.loading.schema import (
    ABC_KIND,
    NO_FIGURE,
    RELEVANCE_ORDER,
    CertificatesCondition,
    Credential,
    CredentialCondition,
    EducationCondition,
    Fact,
    Profile,
    ProgramLength,
    Role,
    Route,
    Source,
    prerequisite_ids,
)
from analysis.pathways.entry import EntryCheck, entry_checks
from analysis.pathways.renewals import Renewal, RenewalSchedule, renewal_obligations, renewal_schedule
from analysis.pathways.rules import Eligibility, Gap, Person, RouteStatus, eligibility, fact_text, route_statuses

GOAL = "goal"  # relevance given to a credential the person aims for themselves
LABELS = {
    "required": N_("required"),
    "commonly-required": N_("commonly required"),
    "preferred": N_("preferred"),
    "helpful": N_("helpful"),
    GOAL: N_("your goal"),
}


@dataclass(frozen=True)
class PathwayExtras:
    """Program lengths to use instead of the catalog's (tests pass their own)."""

    program_lengths: tuple[ProgramLength, ...] = ()


@dataclass(frozen=True)
class Option:
    """One credential of an either-or step, with its own fee."""

    credential: Credential
    fee: Fact
    relevance: str | None


@dataclass(frozen=True)
class Step:
    credential: Credential  # the credential (or, for an either-or step, the option) counted in the fee total
    relevance: str | None  # relevance in the target profile; None for a prerequisite it does not list
    why: str
    helpful_only: bool
    eligibility: Eligibility
    fee: Fact
    renewal: Renewal
    time_note: str
    alternatives: tuple[Option, ...] = ()  # either-or: what the setting accepts instead, each with its fee
    route: str | None = None  # the route the planner chose
    route_reason: str = ""
    months: float = 0.0  # rough months before applying on the chosen route (the longest gap)
    unknown_length: bool = False  # the chosen route has a program or work period of unpublished length
    lapsed: tuple[str, ...] = ()  # ids of the step's options the person held once and let lapse

    @property
    def fee_text(self) -> str:
        return fact_text(self.fee)

    @property
    def longest_gap(self) -> Gap | None:
        """The slowest thing still missing on the chosen route (None when nothing there has a length)."""
        chosen = next((r for r in self.eligibility.routes if r.label == self.route), None)
        timed = [g for g in (chosen.gaps if chosen else ()) if g.months]
        return max(timed, key=lambda g: g.months) if timed else None

    @property
    def title(self) -> str:
        return _(" or ").join([self.credential.short_name] + [o.credential.short_name for o in self.alternatives])


@dataclass(frozen=True)
class FeeTotal:
    """Sum of the fees of the steps shown; steps without a published fee are named, not guessed."""

    amount: float
    counted: tuple[str, ...]
    unpublished: tuple[str, ...]  # short names
    periods: tuple[str, ...]

    @property
    def text(self) -> str:
        out = money(self.amount)
        for name in self.unpublished:
            out += _(" plus {credential} fee: {gap}").format(credential=name, gap=_(NO_FIGURE))
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
    covered: tuple[str, ...] = ()  # target credentials met through an accepted alternative
    meets_setting: bool = False  # holds (or has an accepted alternative to) all it requires, commonly requires, prefers
    renewal_plan: RenewalSchedule | None = None
    choices: tuple[str, ...] = ()  # plain sentences: which route or option was chosen, and why
    entry: tuple[EntryCheck, ...] = ()  # what entry usually needs besides credentials, with the person's standing

    @property
    def entry_missing(self) -> tuple[EntryCheck, ...]:
        return tuple(c for c in self.entry if c.status == "missing")

    @property
    def entry_months(self) -> float:
        """Calendar months of work at the person's hours before every experience ask is met."""
        return max((c.months for c in self.entry_missing), default=0.0)

    @property
    def ready(self) -> bool:
        """Meets every credential the setting asks for and every entry condition we can check."""
        return self.meets_setting and not self.entry_missing

    @property
    def summary(self) -> str:
        if self.meets_setting and self.entry_missing:
            return _(
                "You hold the credentials {setting} asks for, but entry usually also needs more experience: {missing}."
            ).format(setting=self.target_name, missing="; ".join(c.missing for c in self.entry_missing))
        if self.meets_setting and not self.steps:
            return _("You already meet what {setting} asks for.").format(setting=self.target_name)
        if self.meets_setting:
            return _(
                "You already meet what {setting} asks for; the steps below are optional "
                "(helpful credentials or your own goals)."
            ).format(setting=self.target_name)
        n = len(self.steps)
        return ngettext(
            "{n} step toward {setting}: {fees} in first-time fees.",
            "{n} steps toward {setting}: {fees} in first-time fees.",
            n,
        ).format(n=n, setting=self.target_name, fees=self.total_initial_fees.text)


def reinstatement_text(cred: Credential, sources: Mapping[str, Source] | None = None) -> str:
    """What the issuer says about bringing a lapsed credential back, each figure with its period and source;
    or, plainly, that our sources do not have the rule."""
    published = [f for f in cred.reinstatement if f.value is not None]
    if not published:
        return _(
            "{credential} has lapsed: {issuer}'s rule for reinstating it is not in our sources; ask {issuer}."
        ).format(credential=cred.short_name, issuer=cred.issuer)
    parts = [
        f"{f.label}: {format_value(f)} ({citation(f, dict(sources))})" if sources else f"{f.label}: {with_period(f)}"
        for f in published
    ]
    notes = [f.note for f in published if f.note]
    return _("{credential} has lapsed. {issuer}'s rule for reinstating it: {rule}.").format(
        credential=cred.short_name, issuer=cred.issuer, rule="; ".join(parts)
    ) + (" " + notes[0] if notes else "")


def _fee_value(cred: Credential) -> float | None:
    value = cred.facts.initial_fee.value
    return float(value) if isinstance(value, (int, float)) else None


def order_ids(ids: set[str], rank: dict[str, int], catalogs: Catalogs) -> list[str]:
    """Prerequisites before dependents (from the rules); ties by rank, then catalog order."""
    certificates = [c.id for c in catalogs.credentials.values() if c.kind == ABC_KIND]
    position = {cid: i for i, cid in enumerate(catalogs.credentials)}
    deps = {cid: prerequisite_ids(catalogs.credentials[cid], certificates) & ids for cid in ids}
    heap = [(rank.get(cid, len(RELEVANCE_ORDER)), position[cid], cid) for cid in ids if not deps[cid]]
    heapq.heapify(heap)
    done: list[str] = []
    while heap:
        *_order, cid = heapq.heappop(heap)
        done.append(cid)
        for other in ids:
            if cid in deps[other]:
                deps[other].discard(cid)
                if not deps[other]:
                    heapq.heappush(heap, (rank.get(other, len(RELEVANCE_ORDER)), position[other], other))
    if len(done) != len(ids):  # pragma: no cover - the catalog validator rejects cycles
        raise ValueError("credential rules form a cycle")
    return done


class _Planner:
    """Builds the set of steps; one instance per plan() call."""

    def __init__(
        self,
        person: Person,
        target: Profile,
        catalogs: Catalogs,
        lengths: tuple[ProgramLength, ...],
        include_helpful: bool,
        goals: Iterable[str],
        current_uses: Iterable[str] = (),
    ):
        self.person, self.target, self.cat, self.lengths = person, target, catalogs, lengths
        self.uses = {u.id: u.relevance for u in target.credentials if u.id in catalogs.credentials}
        self.wanted = RELEVANCE_ORDER if include_helpful else RELEVANCE_ORDER[:3]
        self.goals = [g for g in goals if g in catalogs.credentials]
        self.why: dict[str, str] = {}
        self.rank: dict[str, int] = {}
        self.relevance: dict[str, str | None] = {}
        self.alternatives: dict[str, list[str]] = {}  # either-or step (keyed by its counted option) -> the others
        self.route: dict[str, tuple[Route, str]] = {}
        self.choices: list[str] = []
        self.covered: set[str] = set()
        self.certificates = [c.id for c in catalogs.credentials.values() if c.kind == ABC_KIND]
        self.current_uses = set(current_uses)  # what the person's own setting lists

    # --- what the setting asks for ------------------------------------------------------------

    def groups(self) -> list[list[str]]:
        """Either-or groups the target setting accepts: equivalence members it lists (two or more)."""
        out = []
        for eq in self.cat.equivalences:
            listed = [m for m in eq.members if m in self.uses]
            if len(listed) >= 2:
                out.append(listed)
        return out

    def _rank_of(self, relevance: str | None) -> int:
        if relevance in RELEVANCE_ORDER:
            return RELEVANCE_ORDER.index(relevance)
        return len(RELEVANCE_ORDER)  # goals and prerequisites the setting does not list come after

    def add(self, cid: str, why: str, relevance: str | None, rank: int) -> None:
        if cid in self.person.held:
            return
        if cid in self.rank:
            self.rank[cid] = min(self.rank[cid], rank)
            return
        self.why[cid], self.relevance[cid], self.rank[cid] = why, relevance, rank

    def seed(self) -> None:
        grouped = {m for g in self.groups() for m in g}
        for group in self.groups():
            relevances = [self.uses[m] for m in group]
            if any(m in self.person.held for m in group):
                self.covered |= {m for m in group if m not in self.person.held}
                continue
            if not any(r in self.wanted for r in relevances):
                continue
            best = min(
                group,
                key=lambda m: (
                    self._rank_of(self.uses[m]),
                    _fee_value(self.cat.credentials[m]) is None,
                    list(self.cat.credentials).index(m),
                ),
            )
            self.add(best, self._listed(self.uses[best]), self.uses[best], self._rank_of(self.uses[best]))
            self.alternatives[best] = [m for m in group if m != best]
            names = _(" or ").join(self.cat.credentials[m].short_name for m in [best, *self.alternatives[best]])
            self.choices.append(
                _(
                    "{setting} accepts either {names}: one step, both shown. The fee total counts the {credential}."
                ).format(setting=self.target.short_name, names=names, credential=self.cat.credentials[best].short_name)
            )
        for cid, relevance in self.uses.items():
            if cid in grouped or relevance not in self.wanted:
                continue
            self.add(cid, self._listed(relevance), relevance, self._rank_of(relevance))
        for cid in self.goals:
            if cid not in self.rank and cid not in self.covered:
                self.add(cid, _(LABELS[GOAL]), GOAL, self._rank_of(self.uses.get(cid)))

    def _listed(self, relevance: str) -> str:
        """'commonly required in Hospital'."""
        return _("{relevance} in {setting}").format(relevance=_(LABELS[relevance]), setting=self.target.short_name)

    # --- routes -------------------------------------------------------------------------------

    def _planned_certificates(self) -> list[str]:
        return [c for c in self.certificates if c in self.person.held or c in self.rank]

    def _route_cost(self, route: Route) -> tuple[float, int]:
        """Known fees of what the route still adds to the plan, and how many of those fees are unpublished."""
        cost, unknown = 0.0, 0
        for cond in route.all_of:
            if (
                isinstance(cond, CredentialCondition)
                and cond.credential not in self.person.held
                and cond.credential not in self.rank
            ):
                fee = _fee_value(self.cat.credentials[cond.credential])
                cost, unknown = (cost + fee, unknown) if fee is not None else (cost, unknown + 1)
            if isinstance(cond, CertificatesCondition):
                more = max(0, cond.certificates - len(self._planned_certificates()))
                fees = sorted(
                    f for f in (_fee_value(self.cat.credentials[c]) for c in self.certificates) if f is not None
                )
                cost += sum(fees[:more])
        return cost, unknown

    def choose_route(self, cred: Credential) -> Route:
        statuses = route_statuses(cred, self.person, self.cat, self.lengths)
        options: list[tuple[tuple, Route, RouteStatus, float]] = []
        for i, (route, status) in enumerate(zip(cred.requires.any_of, statuses, strict=False)):
            cost, unknown = self._route_cost(route)
            experience = max((g.months for g in status.gaps), default=0.0)
            options.append(((unknown, cost, experience, len(status.gaps), i), route, status, cost))
        options.sort(key=lambda o: o[0])
        _key, route, status, cost = options[0]
        reason = ""
        others = options[1:]
        if others and status.met:
            reason = _("you already meet the {route}").format(route=route.label)
        elif any(o[3] != cost for o in others):
            against = "; ".join(_("{fees} by the {route}").format(fees=money(o[3]), route=o[1].label) for o in others)
            reason = _("{fees} in fees for what you still need, against {others}").format(
                fees=money(cost), others=against
            )
        elif any(round(o[2].months) != round(status.months) for o in others):
            against = "; ".join(
                _("{months} by the {route}").format(months=f"{o[2].months:.0f}", route=o[1].label) for o in others
            )
            reason = _("the same fees either way, and the shorter: about {months} months against {others}").format(
                months=f"{status.months:.0f}", others=against
            )
        if reason:
            self.choices.append(
                _("{credential}: chose the {route} ({reason}).").format(
                    credential=cred.short_name, route=route.label, reason=reason
                )
            )
        self.route[cred.id] = (route, reason)
        return route

    def _pick_certificates(self, n: int, for_cred: Credential, route: Route) -> None:
        have = self._planned_certificates()
        candidates = [c for c in self.certificates if c not in have]

        def key(cid: str) -> tuple:
            listed = self._rank_of(self.uses.get(cid))
            ready = eligibility(cid, self.person, self.cat, self.lengths).eligible
            return (listed, cid not in self.current_uses, not ready, self.certificates.index(cid))

        for cid in sorted(candidates, key=key)[: max(0, n - len(have))]:
            listed = self.uses.get(cid)
            extra = f"; {self._listed(listed)}" if listed else ""
            self.add(
                cid,
                _("counts toward {credential} ({route}){extra}").format(
                    credential=for_cred.short_name, route=route.label, extra=extra
                ),
                listed,
                self.rank[for_cred.id],
            )

    def resolve(self, cid: str) -> None:
        cred = self.cat.credentials[cid]
        route = self.choose_route(cred)
        for cond in route.all_of:
            if isinstance(cond, CredentialCondition):
                pre = cond.credential
                self._collapse_either_or(pre, cred)
                self.add(
                    pre,
                    _("needed first for {credential}").format(credential=cred.short_name),
                    self.uses.get(pre),
                    self.rank[cid],
                )
            elif isinstance(cond, CertificatesCondition):
                self._pick_certificates(cond.certificates, cred, route)

    def _collapse_either_or(self, needed: str, by: Credential) -> None:
        """A rule naming one option of an either-or step decides it (CSPT needs the CPhT, not the ExCPT)."""
        for head, others in list(self.alternatives.items()):
            if needed == head or needed in others:
                names = ", ".join(self.cat.credentials[o].short_name for o in [head, *others] if o != needed)
                self.choices.append(
                    _("{credential} needs an active {needed}, so the {others} would not do here.").format(
                        credential=by.short_name, needed=self.cat.credentials[needed].short_name, others=names
                    )
                )
                if needed != head:
                    for key in ("why", "relevance", "rank"):
                        getattr(self, key)[needed] = getattr(self, key).pop(head)
                del self.alternatives[head]

    def run(self) -> None:
        self.seed()
        done: set[str] = set()
        while True:
            todo = [c for c in self.rank if c not in done]
            if not todo:
                return
            plain = [c for c in todo if not self.cat.credentials[c].requires.needs_certificates()]
            cid = (plain or todo)[0]
            done.add(cid)
            self.resolve(cid)


def _time_note(elig: Eligibility, chosen: str | None) -> str:
    if elig.eligible:
        return _("Eligible now: no experience or education still to gather.")
    parts = []
    for route in sorted(elig.routes, key=lambda r: r.label != chosen):
        times = [g.time for g in route.gaps if g.time]
        mark = _(" (chosen)") if route.label == chosen and len(elig.routes) > 1 else ""
        parts.append(f"{route.label}{mark}: {'; '.join(times) if times else _('nothing with a published length')}")
    return " | ".join(parts)


def plan(
    person: Person,
    target: Profile,
    catalogs: Catalogs,
    include_helpful: bool = False,
    extras: PathwayExtras | None = None,
    goals: Iterable[str] = (),
    current: Profile | None = None,
) -> Plan:
    """The credentials the target setting asks for (and the person's goals) that they lack, prerequisites first.

    `include_helpful` adds what the setting lists as helpful; `goals` adds credentials the person aims
    for (e.g. CPhT-Adv); `current` (their own setting) breaks ties when picking certificates."""
    lengths = extras.program_lengths if extras is not None else catalogs.program_lengths
    planner = _Planner(
        person,
        target,
        catalogs,
        lengths,
        include_helpful,
        goals,
        (u.id for u in current.credentials) if current is not None else (),
    )
    planner.run()
    steps = []
    for cid in order_ids(set(planner.rank), planner.rank, catalogs):
        cred = catalogs.credentials[cid]
        elig = eligibility(cred, person, catalogs, lengths)
        route, reason = planner.route.get(cid, (None, ""))
        chosen = next((r for r in elig.routes if route is not None and r.label == route.label), None)
        gaps = [g for g in (chosen.gaps if chosen else ()) if g.time and not g.credential]
        relevance = planner.relevance.get(cid)
        steps.append(
            Step(
                credential=cred,
                relevance=relevance if relevance in RELEVANCE_ORDER else None,
                why=planner.why[cid],
                helpful_only=relevance == "helpful",
                eligibility=elig,
                fee=cred.facts.initial_fee,
                renewal=renewal_obligations({cid}, catalogs)[0],
                time_note=_time_note(elig, route.label if route else None),
                alternatives=tuple(
                    Option(catalogs.credentials[o], catalogs.credentials[o].facts.initial_fee, planner.uses.get(o))
                    for o in planner.alternatives.get(cid, ())
                ),
                route=route.label if route else None,
                route_reason=reason,
                months=max((g.months for g in gaps), default=0.0),
                unknown_length=any(g.unknown_length for g in gaps),
                lapsed=tuple(c for c in [cid, *planner.alternatives.get(cid, ())] if c in person.lapsed),
            )
        )
    fees = [s for s in steps if s.fee.value is not None]
    total = FeeTotal(
        amount=float(sum(s.fee.value for s in fees)),  # type: ignore[misc]
        counted=tuple(s.credential.id for s in fees),
        unpublished=tuple(s.credential.short_name for s in steps if s.fee.value is None),
        periods=tuple(dict.fromkeys(s.fee.period for s in fees if s.fee.period)),
    )
    held_after = set(person.held) | {s.credential.id for s in steps}
    asked = [cid for cid, rel in planner.uses.items() if rel in RELEVANCE_ORDER[:3]]
    return Plan(
        person=person,
        target_id=target.id,
        target_name=target.name,
        steps=tuple(steps),
        total_initial_fees=total,
        renewals=tuple(renewal_obligations(held_after, catalogs)),
        roles=tuple(target.advancement),
        already_held=tuple(u.id for u in target.credentials if u.id in person.held),
        covered=tuple(sorted(planner.covered)),
        meets_setting=all(c in person.held or c in planner.covered for c in asked),
        renewal_plan=renewal_schedule(held_after, catalogs),
        choices=tuple(dict.fromkeys(planner.choices)),
        entry=entry_checks(person, target, catalogs),
    )


def uses_program(cred: Credential, program: str) -> bool:
    """Whether any route of the credential asks for this program (for the student overview)."""
    return any(
        isinstance(c, EducationCondition) and c.education == program for r in cred.requires.any_of for c in r.all_of
    )
