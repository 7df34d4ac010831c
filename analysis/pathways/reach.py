"""Where can I go from here? Every other setting, closest first, with what it would take.

Closeness counts the credentials a setting asks for (required, commonly required or preferred), planned
exactly as the planner would, and the experience its profile says entry usually needs (`entry:`, each with a
source or a labelled judgement); training the employer gives on the job is never a gap, and conditions about
the person (citizenship, registration) are stated, never guessed. A setting is within reach only when every
condition we can check is met. Rough time is the longest gap (steps and experience run side by side); exam
preparation and scheduling are not included because no time for them is published.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.i18n import _, money, ngettext
from analysis.loading.loader import Catalogs
from analysis.loading.schema import Profile
from analysis.pathways.plan import FeeTotal, Plan, plan
from analysis.pathways.rules import Person
from analysis.periods import localize_period


@dataclass(frozen=True)
class Pay:
    """A median annual wage with its period and source id (value None: no published figure)."""

    value: float | None
    period: str | None = None
    source: str | None = None
    where: str = "national"  # "national", or the place a local figure is for
    borrowed: bool = False  # the figure is the nearest industry's, a loose fit for the setting

    @property
    def text(self) -> str:
        if self.value is None:
            return _("no published figure")
        where = _("national") if self.where == "national" else self.where
        period = localize_period(self.period) if self.period else ""
        text = f"{money(self.value)} ({where}, {period})" if period else f"{money(self.value)} ({where})"
        return text + _(" (nearest industry only)") if self.borrowed else text


def national_pay(settings: pd.DataFrame, column: str = "median_wage_annual") -> dict[str, Pay]:
    """Setting id -> the median the settings frame carries, with its period and source."""
    out = {}
    for row in settings.to_dict("records"):
        value = row.get(column)
        known = value is not None and not (isinstance(value, float) and math.isnan(value))
        borrowed = row.get("bls_confidence") in ("low", "none")  # the same rule as the quiz's pay fit
        out[row["id"]] = Pay(
            float(value) if known else None, row.get(f"{column}_period"), row.get(f"{column}_source"), borrowed=borrowed
        )
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
        """Every entry condition we can check is met, and nothing is missing or every missing step can be
        applied for now."""
        return not self.plan.entry_missing and all(s.eligibility.eligible for s in self.plan.steps)

    @property
    def already_met(self) -> bool:
        """No credential step and no entry condition missing."""
        return not self.plan.steps and not self.plan.entry_missing

    @property
    def status(self) -> str:
        """'already met', 'apply now' or 'not yet', in the current language."""
        if self.already_met:
            return _("already met")
        return _("apply now") if self.within_reach else _("not yet")

    @property
    def entry_missing(self) -> tuple[str, ...]:
        return tuple(c.missing for c in self.plan.entry_missing)

    @property
    def stated(self) -> tuple[str, ...]:
        """Conditions about the person the setting states (citizenship, registration): never guessed."""
        return tuple(c.text for c in self.plan.entry if c.status == "stated")

    @property
    def time_text(self) -> str:
        if self.already_met:
            return _("nothing to gather")
        if self.within_reach:
            return _("Eligible now for every step: exam fees and exams only.")
        months = math.ceil(self.months)
        out = (
            ngettext("Roughly {n} month", "Roughly {n} months", months).format(n=months)
            if self.months >= 1
            else _("Under a month")
        )
        longest = max(self.plan.steps, key=lambda s: s.months, default=None)
        gap = longest.longest_gap if longest else None
        slowest_entry = max(self.plan.entry_missing, key=lambda c: c.months, default=None)
        if slowest_entry and (gap is None or slowest_entry.months >= longest.months):  # type: ignore[union-attr]
            out += " (" + _("experience: {time}").format(time=slowest_entry.time) + ")"
        elif gap and longest:
            out += f" ({longest.credential.short_name}: {gap.time})"
        if self.unknown_length:
            out += _("; plus, for {credentials}, a program or work period of unpublished length").format(
                credentials=", ".join(self.unknown_length)
            )
        return out


def _difference(there: Pay | None, here: Pay | None) -> float | None:
    if there is None or here is None or there.value is None or here.value is None:
        return None
    return there.value - here.value


def where_next(
    person: Person,
    profiles: Iterable[Profile],
    catalogs: Catalogs,
    pay: Mapping[str, Pay],
    local_pay: Mapping[str, Pay] | None = None,
) -> list[Reach]:
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
        out.append(
            Reach(
                setting_id=profile.id,
                name=profile.name,
                short_name=profile.short_name,
                plan=p,
                met=tuple(met),
                missing=tuple(s.title for s in p.steps),
                months=max([s.months for s in p.steps] + [p.entry_months]),
                unknown_length=tuple(s.credential.short_name for s in p.steps if s.unknown_length),
                pay=pay.get(profile.id, Pay(None)),
                pay_difference=_difference(pay.get(profile.id), pay.get(person.setting_id or "")),
                local_pay=local,
                local_difference=_difference(local, local_pay.get(person.setting_id or "")) if local_pay else None,
            )
        )
    return sorted(
        out,
        key=lambda r: (
            not r.already_met,
            not r.within_reach,
            r.months,
            len(r.plan.steps) + len(r.plan.entry_missing),
            r.cost.amount,
            len(r.cost.unpublished),
            r.name,
        ),
    )
