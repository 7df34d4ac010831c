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

from collections.abc import Iterable

from analysis.loading.loader import Catalogs
from analysis.loading.schema import RELEVANCE_ORDER, Profile, ProgramLength
from analysis.pathways.entry import entry_checks
from analysis.pathways.planner import Planner, order_ids
from analysis.pathways.renewals import renewal_obligations, renewal_schedule
from analysis.pathways.rules import Person, eligibility
from analysis.pathways.steps import (
    GOAL,
    LABELS,
    FeeTotal,
    Option,
    PathwayExtras,
    Plan,
    Step,
    reinstatement_text,
    time_note,
)

__all__ = [
    "GOAL", "LABELS", "FeeTotal", "Option", "PathwayExtras", "Plan", "Step", "order_ids", "plan", "reinstatement_text",
]  # fmt: skip


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
    planner = Planner(
        person,
        target,
        catalogs,
        lengths,
        include_helpful,
        goals,
        (u.id for u in current.credentials) if current is not None else (),
    )
    planner.run()
    steps = [
        _step(cid, planner, person, catalogs, lengths) for cid in order_ids(set(planner.rank), planner.rank, catalogs)
    ]
    total = _fee_total(steps)
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


def _step(cid: str, planner: Planner, person: Person, catalogs: Catalogs, lengths: tuple[ProgramLength, ...]) -> Step:
    """One credential of the plan with what the planner chose for it: route, either-or options, rough time."""
    cred = catalogs.credentials[cid]
    elig = eligibility(cred, person, catalogs, lengths)
    route, reason = planner.route.get(cid, (None, ""))
    chosen = next((r for r in elig.routes if route is not None and r.label == route.label), None)
    gaps = [g for g in (chosen.gaps if chosen else ()) if g.time and not g.credential]
    relevance = planner.relevance.get(cid)
    others = planner.alternatives.get(cid, ())
    return Step(
        credential=cred,
        relevance=relevance if relevance in RELEVANCE_ORDER else None,
        why=planner.why[cid],
        helpful_only=relevance == "helpful",
        eligibility=elig,
        fee=cred.facts.initial_fee,
        renewal=renewal_obligations({cid}, catalogs)[0],
        time_note=time_note(elig, route.label if route else None),
        alternatives=tuple(
            Option(catalogs.credentials[o], catalogs.credentials[o].facts.initial_fee, planner.uses.get(o))
            for o in others
        ),
        route=route.label if route else None,
        route_reason=reason,
        months=max((g.months for g in gaps), default=0.0),
        unknown_length=any(g.unknown_length for g in gaps),
        lapsed=tuple(c for c in [cid, *others] if c in person.lapsed),
    )


def _fee_total(steps: list[Step]) -> FeeTotal:
    fees = [s for s in steps if s.fee.value is not None]
    return FeeTotal(
        amount=float(sum(s.fee.value for s in fees)),  # type: ignore[misc]
        counted=tuple(s.credential.id for s in fees),
        unpublished=tuple(s.credential.short_name for s in steps if s.fee.value is None),
        periods=tuple(dict.fromkeys(s.fee.period for s in fees if s.fee.period)),
    )
