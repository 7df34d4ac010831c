"""What a plan toward a setting is made of: its steps (each credential with its fee, route, time and renewal),
the fee total, and the words for why a step is there and for a lapsed credential."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from analysis.figure_text import citation, format_value, with_period
from analysis.i18n import N_, _, money, ngettext
from analysis.loading.schema import (
    NO_FIGURE,
    RELEVANCE_LABELS,
    Credential,
    Fact,
    ProgramLength,
    Role,
    Source,
)
from analysis.pathways.entry import EntryCheck
from analysis.pathways.renewals import Renewal, RenewalSchedule
from analysis.pathways.rules import Eligibility, Gap, Person

GOAL = "goal"  # relevance given to a credential the person aims for themselves
LABELS = {**RELEVANCE_LABELS, GOAL: N_("your goal")}  # why a step is in the plan, shown through _()


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


def time_note(elig: Eligibility, chosen: str | None) -> str:
    if elig.eligible:
        return _("Eligible now: no experience or education still to gather.")
    parts = []
    for route in sorted(elig.routes, key=lambda r: r.label != chosen):
        times = [g.time for g in route.gaps if g.time]
        mark = _(" (chosen)") if route.label == chosen and len(elig.routes) > 1 else ""
        parts.append(f"{route.label}{mark}: {'; '.join(times) if times else _('nothing with a published length')}")
    return " | ".join(parts)
