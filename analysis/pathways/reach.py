"""Where can I go from here? Every other setting, closest first, with what it would take.

Closeness counts only the credentials a setting asks for (required, commonly required or preferred),
planned exactly as the planner would; employers' experience asks are not in our data. Rough time is
the longest gap on the planner's chosen routes (steps run side by side); exam preparation and
scheduling are not included because no time for them is published.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.loading.loader import Catalogs
from analysis.loading.schema import Profile
from analysis.pathways.plan import FeeTotal, Plan, plan
from analysis.pathways.rules import Person


@dataclass(frozen=True)
class Pay:
    """A median annual wage with its period and source id (value None: no published figure)."""

    value: float | None
    period: str | None = None
    source: str | None = None
    where: str = "national"  # "national", or the place a local figure is for

    @property
    def text(self) -> str:
        if self.value is None:
            return "no published figure"
        return f"${self.value:,.0f} ({self.where}, {self.period})" if self.period else f"${self.value:,.0f} ({self.where})"


def national_pay(settings: pd.DataFrame, column: str = "median_wage_annual") -> dict[str, Pay]:
    """Setting id -> the median the settings frame carries, with its period and source."""
    out = {}
    for row in settings.to_dict("records"):
        value = row.get(column)
        known = value is not None and not (isinstance(value, float) and math.isnan(value))
        out[row["id"]] = Pay(float(value) if known else None, row.get(f"{column}_period"), row.get(f"{column}_source"))
    return out


@dataclass(frozen=True)
class Reach:
    setting_id: str
    name: str
    short_name: str
    plan: Plan
    met: tuple[str, ...]  # short names of what the setting asks for that the person already meets
    missing: tuple[str, ...]  # step titles ("CPhT or ExCPT", "CSPT")
    months: float  # rough months before every step can be applied for
    unknown_length: tuple[str, ...]  # steps whose route has a program or period of unpublished length
    pay: Pay
    pay_difference: float | None  # against the person's current setting (same kind of figure)
    local_pay: Pay | None = None
    local_difference: float | None = None

    @property
    def cost(self) -> FeeTotal:
        return self.plan.total_initial_fees

    @property
    def within_reach(self) -> bool:
        """Nothing missing, or every missing step can be applied for now."""
        return all(s.eligibility.eligible for s in self.plan.steps)

    @property
    def time_text(self) -> str:
        if not self.plan.steps:
            return "nothing to gather"
        if self.within_reach:
            return "Eligible now for every step: exam fees and exams only."
        out = f"Roughly {math.ceil(self.months)} months" if self.months >= 1 else "Under a month"
        longest = max(self.plan.steps, key=lambda s: s.months)
        gap = longest.longest_gap
        if gap:
            out += f" ({longest.credential.short_name}: {gap.time})"
        if self.unknown_length:
            out += f"; plus, for {', '.join(self.unknown_length)}, a program or work period of unpublished length"
        return out


def _difference(there: Pay | None, here: Pay | None) -> float | None:
    if there is None or here is None or there.value is None or here.value is None:
        return None
    return there.value - here.value


def where_next(person: Person, profiles: Iterable[Profile], catalogs: Catalogs, pay: Mapping[str, Pay],
               local_pay: Mapping[str, Pay] | None = None) -> list[Reach]:
    """Every setting except the person's own, closest first: nothing missing, then all steps open now, then
    shortest rough time, fewest steps, lowest fees.

    `pay` is the national median per setting (see `national_pay`); `local_pay`, when a place has been
    chosen, is the same figure for that place, and its difference is shown beside the national one."""
    profiles = list(profiles)
    current = next((p for p in profiles if p.id == person.setting_id), None)
    out = []
    for profile in profiles:
        if profile.id == person.setting_id:
            continue
        p = plan(person, profile, catalogs, current=current)
        asked = [u.id for u in profile.credentials if u.relevance in ("required", "commonly-required", "preferred")]
        met = [catalogs.credentials[c].short_name for c in asked if c in person.held or c in p.covered]
        local = local_pay.get(profile.id) if local_pay else None
        out.append(Reach(
            setting_id=profile.id,
            name=profile.name,
            short_name=profile.short_name,
            plan=p,
            met=tuple(met),
            missing=tuple(s.title for s in p.steps),
            months=max((s.months for s in p.steps), default=0.0),
            unknown_length=tuple(s.credential.short_name for s in p.steps if s.unknown_length),
            pay=pay.get(profile.id, Pay(None)),
            pay_difference=_difference(pay.get(profile.id), pay.get(person.setting_id or "")),
            local_pay=local,
            local_difference=_difference(local, local_pay.get(person.setting_id or "")) if local_pay else None,
        ))
    return sorted(out, key=lambda r: (bool(r.plan.steps), not r.within_reach, r.months, len(r.plan.steps),
                                      r.cost.amount, len(r.cost.unpublished), r.name))
