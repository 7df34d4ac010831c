"""What keeps a set of credentials active, with the issuers' rules for renewing them together.

Two kinds of rule come from the data (`renewal_rules` in credentials.yaml): one credential's renewal
replaces another's (CPhT-Adv for the CPhT), and one adds no separate fee when renewed in the same
cycle as another (CSPT with the CPhT). The schedule runs over the least common multiple of the
published cycles, assuming every credential's renewal dates line up with the others'.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from analysis.figure_text import cycle_text
from analysis.i18n import _, money, ngettext, number
from analysis.loading.loader import Catalogs
from analysis.loading.schema import NO_FIGURE, Fact, NamedFact, RenewalRule, Source
from analysis.pathways.rules import fact_text


@dataclass(frozen=True)
class Renewal:
    """What keeps one credential active; every figure keeps its source and period."""

    credential_id: str
    short_name: str
    cycle_years: Fact
    ce_hours: Fact
    fee: Fact
    requirements: tuple[NamedFact, ...]  # required CE topics, attestations
    notes: tuple[str, ...] = ()  # how it combines with the other credentials held
    # The cited sources, so a 'current' period reads as the day its page was read.
    sources: Mapping[str, Source] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        if self.cycle_years.value is not None:
            cycle = cycle_text(self.cycle_years, dict(self.sources))
        else:
            cycle = _("cycle: {gap}").format(gap=_(NO_FIGURE))
        parts = [
            cycle,
            _("CE: {hours}").format(hours=fact_text(self.ce_hours, self.sources)),
            _("fee: {fee}").format(fee=fact_text(self.fee, self.sources)),
        ]
        parts += [f"{r.label}: {fact_text(r, self.sources)}" for r in self.requirements]
        return f"{self.short_name}: " + "; ".join(parts + list(self.notes))


def replaced_by(held: set[str], catalogs: Catalogs) -> dict[str, tuple[str, RenewalRule]]:
    """Held credential -> (the held credential whose renewal replaces it, the cited rule)."""
    out: dict[str, tuple[str, RenewalRule]] = {}
    for cid in held:
        cred = catalogs.credentials.get(cid)
        for rule in cred.renewal_rules if cred else ():
            for other in rule.replaces:
                if other in held:
                    out[other] = (cid, rule)
    return out


def _renews_with(cid: str, held: set[str], catalogs: Catalogs) -> tuple[str, RenewalRule] | None:
    """The held partner this credential renews with at no separate fee (a replacer counts as the one it replaces)."""
    replaced = replaced_by(held, catalogs)
    for rule in catalogs.credentials[cid].renewal_rules:
        for partner in rule.no_fee_when_renewed_with:
            if partner in held:
                return (replaced[partner][0] if partner in replaced else partner), rule
    return None


def renewal_obligations(held: set[str], catalogs: Catalogs) -> list[Renewal]:
    """One Renewal per held credential still renewed on its own, in catalog order (unknown ids are ignored)."""
    held = {c for c in held if c in catalogs.credentials}
    replaced = replaced_by(held, catalogs)
    out = []
    for c in catalogs.credentials.values():
        if c.id not in held or c.id in replaced:
            continue
        notes = [
            _("Also keeps your {credential} active: its renewal replaces the {credential} renewal ({rule})").format(
                credential=catalogs.credentials[r].short_name, rule=fact_text(rule, catalogs.sources)
            )
            for r, (by, rule) in replaced.items()
            if by == c.id
        ]
        partner = _renews_with(c.id, held, catalogs)
        if partner:
            notes.append(
                _("No separate fee in a year it is renewed with your {credential} ({rule})").format(
                    credential=catalogs.credentials[partner[0]].short_name, rule=fact_text(partner[1], catalogs.sources)
                )
            )
        out.append(
            Renewal(
                c.id,
                c.short_name,
                c.facts.renewal_cycle_years,
                c.facts.ce_hours_per_cycle,
                c.facts.renewal_fee,
                tuple(c.renewal_requirements),
                tuple(notes),
                catalogs.sources,
            )
        )
    return out


@dataclass(frozen=True)
class RenewalEvent:
    year: int
    short_name: str
    fee: float | None  # None = no published fee
    note: str = ""


@dataclass(frozen=True)
class RenewalSchedule:
    """Renewals over one full round of cycles: fees and CE hours added up, gaps named."""

    renewals: tuple[Renewal, ...]
    years: int
    events: tuple[RenewalEvent, ...]
    fee_total: float
    fee_unpublished: tuple[str, ...]
    ce_total: float
    ce_unpublished: tuple[str, ...]
    rules: tuple[RenewalRule, ...]  # the cited rules applied

    @property
    def text(self) -> str:
        if not self.renewals:
            return _("Nothing to renew.")
        out = ngettext(
            "Over {n} year: {fees} in renewal fees", "Over {n} years: {fees} in renewal fees", self.years
        ).format(n=self.years, fees=money(self.fee_total))
        if self.fee_unpublished:
            out += _(" plus {credentials}: {gap}").format(credentials=", ".join(self.fee_unpublished), gap=_(NO_FIGURE))
        out += _("; {hours} CE hours").format(hours=number(self.ce_total))
        if self.ce_unpublished:
            out += _(" plus {credentials}: {gap}").format(credentials=", ".join(self.ce_unpublished), gap=_(NO_FIGURE))
        return out


def renewal_schedule(held: set[str], catalogs: Catalogs) -> RenewalSchedule:
    renewals = renewal_obligations(held, catalogs)
    held = {c for c in held if c in catalogs.credentials}
    cycles = {
        r.credential_id: int(r.cycle_years.value)
        for r in renewals
        if isinstance(r.cycle_years.value, (int, float)) and r.cycle_years.value >= 1
    }
    years = math.lcm(*cycles.values()) if cycles else 1
    events: list[RenewalEvent] = []
    rules: list[RenewalRule] = [rule for _, rule in replaced_by(held, catalogs).values()]
    for year in range(1, years + 1):
        due = {cid for cid, cycle in cycles.items() if year % cycle == 0}
        for r in renewals:
            if r.credential_id not in due:
                continue
            fee = r.fee.value if isinstance(r.fee.value, (int, float)) else None
            partner = _renews_with(r.credential_id, held, catalogs)
            note = ""
            if partner and partner[0] in due:
                fee, note = (
                    0.0,
                    _("renewed with the {credential}: no separate fee").format(
                        credential=catalogs.credentials[partner[0]].short_name
                    ),
                )
                rules.append(partner[1])
            events.append(RenewalEvent(year, r.short_name, fee, note))
    ce_total = sum(
        float(r.ce_hours.value) * years / cycles[r.credential_id]
        for r in renewals
        if r.credential_id in cycles and isinstance(r.ce_hours.value, (int, float))
    )
    return RenewalSchedule(
        renewals=tuple(renewals),
        years=years,
        events=tuple(events),
        fee_total=float(sum(e.fee for e in events if e.fee is not None)),
        fee_unpublished=tuple(
            dict.fromkeys(
                [e.short_name for e in events if e.fee is None]
                + [r.short_name for r in renewals if r.credential_id not in cycles]
            )
        ),
        ce_total=ce_total,
        ce_unpublished=tuple(
            r.short_name
            for r in renewals
            if r.credential_id not in cycles or not isinstance(r.ce_hours.value, (int, float))
        ),
        rules=tuple({rule.value: rule for rule in rules}.values()),
    )
