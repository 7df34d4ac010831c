"""Who is asking, and whether they meet a credential's rules (the `requires` data in credentials.yaml).

The evaluator knows condition kinds (a credential, a program, months or hours of work, a number of
certificates, a requirement our sources do not spell out), never particular credentials, so a
changed rule is a data edit.

Assumptions, stated wherever a result depends on them:
- experience is one continuous stretch ending `years_since_last_worked` years ago, so the part that
  falls inside a "within the last N years" window is the most recent N years of it;
- sterile compounding years are also pharmacy technician years;
- hours are years x 52 weeks x the person's hours a week (default 40) unless they give their hours.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from analysis.figure_text import with_period
from analysis.i18n import _, ngettext, number
from analysis.loading.loader import Catalogs
from analysis.loading.schema import (
    ABC_KIND,
    EXPERIENCE_LABELS,
    CertificatesCondition,
    Condition,
    Credential,
    CredentialCondition,
    EducationCondition,
    ExperienceCondition,
    Fact,
    HoursCondition,
    Program,
    ProgramLength,
    Source,
    UnpublishedCondition,
)

DEFAULT_HOURS_PER_WEEK = 40.0  # a full-time week; the person can say otherwise
WEEKS_PER_YEAR = 52
WEEKS_PER_MONTH = WEEKS_PER_YEAR / 12


@dataclass
class Person:
    """Who is asking: what they hold and have done (experience in years, at `hours_per_week`)."""

    stage: Literal["student", "working"] = "working"
    setting_id: str | None = None
    held: set[str] = field(default_factory=set)
    years_experience: float = 0.0
    sterile_years: float = 0.0
    completed_programs: set[str] = field(default_factory=set)
    hs_diploma: bool = True
    work_hours: float | None = None  # if known; otherwise derived from years and hours a week
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK
    enrolled_programs: set[str] = field(default_factory=set)  # some routes accept enrolment (CSPT)
    years_since_last_worked: float = 0.0  # 0 = working now
    lapsed: set[str] = field(default_factory=set)  # credentials once held, now expired: never counted as held

    def __post_init__(self) -> None:
        self.held = set(self.held) - set(self.lapsed)

    def experience_years(self) -> float:
        return max(self.years_experience, self.sterile_years)

    def years_within(self, window: int | None, kind: str = "pharmacy-technician") -> float:
        """Years of this kind of work inside the last `window` years (all of it when no window)."""
        total = self.sterile_years if kind == "sterile-compounding" else self.experience_years()
        if window is None:
            return total
        return max(0.0, min(total, window - self.years_since_last_worked))

    def hours(self, window: int | None = None) -> float:
        """Work hours inside the last `window` years (all of them when no window).

        Without hours given: the years inside the window x 52 weeks x hours a week. With hours given, only
        their share inside the window counts: none when the person last worked longer ago than the window;
        spread evenly over their years when those are known; otherwise at most what fits between the start
        of the window and when they last worked, at their hours a week."""
        if self.work_hours is None:
            return self.years_within(window) * WEEKS_PER_YEAR * self.hours_per_week
        if window is None:
            return self.work_hours
        if self.years_since_last_worked >= window:
            return 0.0
        if self.experience_years() > 0:
            return self.work_hours * self.years_within(window) / self.experience_years()
        room = (window - self.years_since_last_worked) * WEEKS_PER_YEAR * self.hours_per_week
        return min(self.work_hours, room)

    def education(self, programs: Mapping[str, Program] | None = None) -> set[str]:
        """Completed programs plus what they count as, and the diploma."""
        out = set(self.completed_programs)
        for item in self.completed_programs:
            if programs and item in programs:
                out.update(programs[item].counts_as)
        if self.hs_diploma:
            out.add("hs-diploma-or-ged")
        return out


@dataclass(frozen=True)
class Gap:
    """One unmet condition: what is missing, in plain words, and a rough time note for it."""

    text: str
    time: str
    months: float = 0.0  # rough months to close, where the rules or a published length give one
    unknown_length: bool = False  # a program or route whose length is not published
    credential: bool = False  # another credential to hold first (a step of its own in a plan)


@dataclass(frozen=True)
class RouteStatus:
    label: str
    met: bool
    gaps: tuple[Gap, ...]

    @property
    def missing(self) -> list[str]:
        return [g.text for g in self.gaps]

    @property
    def months(self) -> float:
        """Rough months to close every gap: they run side by side, so the longest one."""
        return max((g.months for g in self.gaps), default=0.0)


@dataclass(frozen=True)
class Eligibility:
    credential_id: str
    eligible: bool
    route: str | None  # the first route the person meets
    missing: list[str]  # empty when eligible; alternatives are folded into "either ... / or ..." items
    routes: tuple[RouteStatus, ...]
    caveats: tuple[str, ...] = ()


def fact_text(fact: Fact, sources: Mapping[str, Source]) -> str:
    """A figure with its unit and period, or the explicit gap (the sources date a 'current' period)."""
    return with_period(fact, dict(sources))


def count(n: float) -> str:
    """A whole count with thousands separators in the current language: '1,200'."""
    return number(n)


def program_label(program_id: str, catalogs: Catalogs) -> str:
    known = catalogs.programs.get(program_id)
    return known.label if known else program_id


def tickable_programs(catalogs: Catalogs) -> list[str]:
    """Programs a person can say they finished (the diploma is its own question)."""
    return [p.id for p in catalogs.programs.values() if p.kind != "diploma"]


def _program_time(
    education: str, lengths: tuple[ProgramLength, ...], sources: Mapping[str, Source]
) -> tuple[str, float, bool]:
    """Published minimum length(s) of a program: text, months (from a length in weeks), unknown flag."""
    found = [f for f in lengths if f.education == education and f.value is not None]
    if not found:
        return _("program length: no published figure in our sources"), 0.0, True
    weeks = [float(f.value) for f in found if f.unit == "weeks" and isinstance(f.value, (int, float))]
    months = max(weeks) / WEEKS_PER_MONTH if weeks else 0.0
    return "; ".join(f"{f.label}: {fact_text(f, sources)}" for f in found), months, not weeks


def _experience_gap(cond: ExperienceCondition, person: Person) -> Gap | None:
    kind = _(EXPERIENCE_LABELS[cond.kind])
    if cond.experience_months is None:
        return Gap(
            _("{kind} experience of the length the issuer sets for this route (not in our sources)").format(kind=kind),
            _("length not in our sources"),
            unknown_length=True,
        )
    part_time = bool(cond.full_time and cond.min_hours_per_week and person.hours_per_week < cond.min_hours_per_week)
    have = 0.0 if part_time else person.years_within(cond.within_years, cond.kind) * 12
    need = cond.experience_months - have
    if need <= 1e-9:
        return None
    n = max(1, math.ceil(need - 1e-9))
    full = _("full-time") if cond.full_time else ""
    if full and cond.min_hours_per_week:
        full = _("full-time (at least {hours} hours a week)").format(hours=cond.min_hours_per_week)
    quality = ", ".join(q for q in (full, _("continuous") if cond.continuous else "") if q)
    window = _(" within the last {years} years").format(years=cond.within_years) if cond.within_years else ""
    if quality:
        text = ngettext(
            "{n} more month of {quality} {kind}{window}", "{n} more months of {quality} {kind}{window}", n
        ).format(n=count(n), quality=quality, kind=kind, window=window)
    else:
        text = ngettext("{n} more month of {kind}{window}", "{n} more months of {kind}{window}", n).format(
            n=count(n), kind=kind, window=window
        )
    if part_time:
        text += _("; at {hours} hours a week your work is part-time").format(hours=f"{person.hours_per_week:g}")
        text += f" ({cond.part_time_note})" if cond.part_time_note else ""
    if cond.full_time:
        time = ngettext("about {n} more month of full-time {kind}", "about {n} more months of full-time {kind}", n)
    else:
        time = ngettext("about {n} more month of {kind}", "about {n} more months of {kind}", n)
    return Gap(text, time.format(n=count(n), kind=kind), months=n)


def _gap(cond: Condition, person: Person, catalogs: Catalogs, lengths: tuple[ProgramLength, ...]) -> Gap | None:
    """None when the person meets the condition, else what is missing and how long it may take."""
    if isinstance(cond, CredentialCondition):
        if cond.credential in person.held:
            return None
        known = catalogs.credentials.get(cond.credential)
        short = known.short_name if known else cond.credential
        return Gap(
            _("an active {credential}").format(credential=short),
            _("earn the {credential} first").format(credential=short),
            credential=True,
        )
    if isinstance(cond, EducationCondition):
        if cond.education in person.education(catalogs.programs):
            return None
        if cond.enrolled_counts and cond.education in person.enrolled_programs:
            return None
        window = (
            _(", finished within the last {years} years").format(years=cond.within_years) if cond.within_years else ""
        )
        enrolled = _(" (finished, or enrolled in it)") if cond.enrolled_counts else ""
        label = program_label(cond.education, catalogs)
        if cond.education == "hs-diploma-or-ged":
            return Gap(f"{label}{window}", "")
        time, months, unknown = _program_time(cond.education, lengths, catalogs.sources)
        return Gap(f"{label}{enrolled}{window}", time, months=months, unknown_length=unknown)
    if isinstance(cond, ExperienceCondition):
        return _experience_gap(cond, person)
    if isinstance(cond, HoursCondition):
        need = cond.experience_hours - person.hours(cond.within_years)
        if need <= 1e-9:
            return None
        hours = math.ceil(need - 1e-9)
        per_week = person.hours_per_week if person.hours_per_week > 0 else DEFAULT_HOURS_PER_WEEK
        weeks = math.ceil(hours / per_week)
        window = _(" within the last {years} years").format(years=cond.within_years) if cond.within_years else ""
        if cond.supervised:
            text = ngettext(
                "{n} more hour of supervised pharmacy technician work{window}",
                "{n} more hours of supervised pharmacy technician work{window}",
                hours,
            )
        else:
            text = ngettext(
                "{n} more hour of pharmacy technician work{window}",
                "{n} more hours of pharmacy technician work{window}",
                hours,
            )
        time = ngettext("about {n} week at {hours} hours a week", "about {n} weeks at {hours} hours a week", weeks)
        return Gap(
            text.format(n=count(hours), window=window),
            time.format(n=count(weeks), hours=f"{per_week:g}"),
            months=weeks / WEEKS_PER_MONTH,
        )
    if isinstance(cond, CertificatesCondition):
        have = sum(1 for c in person.held if c in catalogs.credentials and catalogs.credentials[c].kind == ABC_KIND)
        need = cond.certificates - have
        if need <= 0:
            return None
        return Gap(
            ngettext(
                "{n} more PTCB assessment-based certificate", "{n} more PTCB assessment-based certificates", need
            ).format(n=count(need)),
            ngettext(
                "{n} more certificate exam; no published preparation time",
                "{n} more certificate exams; no published preparation time",
                need,
            ).format(n=count(need)),
        )
    if isinstance(cond, UnpublishedCondition):
        return Gap(cond.unpublished, _("not in our sources"), unknown_length=True)
    raise TypeError(f"unknown condition {cond!r}")  # pragma: no cover - the schema admits no other kind


def _caveats(cred: Credential, person: Person, catalogs: Catalogs) -> tuple[str, ...]:
    """The assumptions a result leans on: windows, enrolment, part-time work, routes of unknown length."""
    out: list[str] = []
    for route in cred.requires.any_of:
        for cond in route.all_of:
            met = _gap(cond, person, catalogs, ()) is None
            if isinstance(cond, EducationCondition) and cond.within_years and met:
                out.append(
                    _("Assumes the program counted here was finished within the last {years} years.").format(
                        years=cond.within_years
                    )
                )
            if isinstance(cond, (ExperienceCondition, HoursCondition)) and cond.within_years:
                # Said whether or not the route is met: a window can be why it is not.
                if person.years_since_last_worked > 0 and (person.experience_years() > 0 or person.work_hours):
                    out.append(
                        _("Counts only work within the last {years} years (you last worked {since} years ago).").format(
                            years=cond.within_years, since=f"{person.years_since_last_worked:g}"
                        )
                    )
                elif isinstance(cond, HoursCondition) and person.work_hours is not None and met:
                    out.append(
                        _("Assumes the hours you gave were worked within the last {years} years.").format(
                            years=cond.within_years
                        )
                    )
            if (
                isinstance(cond, EducationCondition)
                and cond.enrolled_counts
                and cond.education in person.enrolled_programs
                and cond.education not in person.education(catalogs.programs)
            ):
                out.append(
                    _("{credential}: your enrolment in {program} counts on the {route}.").format(
                        credential=cred.short_name, program=program_label(cond.education, catalogs), route=route.label
                    )
                )
            if (
                isinstance(cond, ExperienceCondition)
                and cond.part_time_note
                and person.hours_per_week < (cond.min_hours_per_week or 0)
            ):
                out.append(f"{cred.short_name}: {cond.part_time_note}")
            if (
                isinstance(cond, ExperienceCondition)
                and cond.experience_months is None
                and person.experience_years() > 0
            ):
                out.append(
                    _(
                        "{credential}: your work experience may qualify on the {route}; check {issuer}'s "
                        "candidate guidebook for the length."
                    ).format(credential=cred.short_name, route=route.label, issuer=cred.issuer)
                )
    return tuple(dict.fromkeys(out))


def route_statuses(
    cred: Credential, person: Person, catalogs: Catalogs, lengths: tuple[ProgramLength, ...] | None = None
) -> tuple[RouteStatus, ...]:
    lengths = catalogs.program_lengths if lengths is None else lengths
    out = []
    for route in cred.requires.any_of:
        gaps = tuple(g for g in (_gap(c, person, catalogs, lengths) for c in route.all_of) if g is not None)
        out.append(RouteStatus(route.label, not gaps, gaps))
    return tuple(out)


def eligibility(
    credential: Credential | str, person: Person, catalogs: Catalogs, lengths: tuple[ProgramLength, ...] | None = None
) -> Eligibility:
    """Check every route of the credential's rules; eligible when one route is fully met."""
    cred = catalogs.credentials[credential] if isinstance(credential, str) else credential
    routes = list(route_statuses(cred, person, catalogs, lengths))
    met = next((r for r in routes if r.met), None)
    caveats = _caveats(cred, person, catalogs)
    if met:
        return Eligibility(cred.id, True, met.label, [], tuple(routes), caveats)
    return Eligibility(cred.id, False, None, _fold_missing(routes), tuple(routes), caveats)


def _fold_missing(routes: list[RouteStatus]) -> list[str]:
    """Gaps shared by every route first; then one 'either/or' item per route for the rest."""
    common = [m for m in routes[0].missing if all(m in r.missing for r in routes[1:])]
    rests = [(r.label, [m for m in r.missing if m not in common]) for r in routes]
    if len(routes) == 1 or any(not rest for _, rest in rests):
        return common + (rests[0][1] if len(routes) == 1 else [])
    joined = [_(" and ").join(rest) for _label, rest in rests]
    return common + [
        (_("either {route}: {missing}") if i == 0 else _("or {route}: {missing}")).format(route=label, missing=missing)
        for i, ((label, _rest), missing) in enumerate(zip(rests, joined, strict=False))
    ]


def window_notes(person: Person, catalogs: Catalogs) -> list[str]:
    """For rules that count only recent work: how much of the person's work falls inside each window.

    Said only when it matters (the person stopped working a while ago, or gave their hours), one line per
    credential and window, with what its routes ask for beside it."""
    if person.years_since_last_worked <= 0 and person.work_hours is None:
        return []
    needs: dict[tuple[str, str, int], list[int]] = {}
    for cred in catalogs.credentials.values():
        for route in cred.requires.any_of:
            for cond in route.all_of:
                if isinstance(cond, HoursCondition) and cond.within_years:
                    needs.setdefault((cred.id, "hours", cond.within_years), []).append(cond.experience_hours)
                elif isinstance(cond, ExperienceCondition) and cond.within_years and cond.experience_months:
                    needs.setdefault((cred.id, cond.kind, cond.within_years), []).append(cond.experience_months)
    out = []
    for (cid, kind, years), asked in needs.items():
        need = _(" or ").join(count(n) for n in sorted(set(asked)))
        if kind == "hours":
            text = _("{credential}: {have} of your hours fall within the last {years} years (it asks for {need}).")
            have = count(math.floor(person.hours(years)))
        else:
            text = _(
                "{credential}: {have} months of your {kind} fall within the last {years} years (it asks for {need})."
            )
            have = count(math.floor(person.years_within(years, kind) * 12 + 1e-9))
        out.append(
            text.format(
                credential=catalogs.credentials[cid].short_name,
                have=have,
                kind=_(EXPERIENCE_LABELS.get(kind, kind)),
                years=years,
                need=need,
            )
        )
    return out
