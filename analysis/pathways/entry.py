"""What entry to a setting usually needs besides credentials, and where the person stands on each part.

Experience, training given on the job, and conditions about the person come from each profile's `entry:`
block, each with its evidence (a source and period, or a judgement and its reason):

- experience counts the person's years at their hours a week as full-time months (40 hours a week is one
  month a month; 20 hours a week, half), so a part-time worker needs longer to close the same gap; a program
  the setting accepts instead (the VA's diploma) meets it too;
- training the employer gives on the job is never a gap;
- conditions about the person (citizenship, registration) are stated as conditions, never guessed: they are
  neither met nor missing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from analysis.figure_text import plain_period
from analysis.i18n import _, ngettext
from analysis.loading.loader import Catalogs
from analysis.loading.schema import (
    ENTRY_CONDITION_LABELS,
    EXPERIENCE_LABELS,
    EntryEvidence,
    EntryExperience,
    Profile,
    Source,
)
from analysis.pathways.rules import DEFAULT_HOURS_PER_WEEK, Person, count, program_label

FULL_TIME_HOURS = DEFAULT_HOURS_PER_WEEK  # one full-time month of experience is a month at 40 hours a week

Status = Literal["met", "missing", "trained", "stated"]


@dataclass(frozen=True)
class EntryCheck:
    """One thing entry usually needs, and where the person stands on it."""

    text: str  # what the setting usually asks, in plain words
    status: Status
    evidence: str  # "VA vacancy text …, pre-2023 standard" or "Judgement: …"
    missing: str = ""  # what is still missing, for a gap
    time: str = ""  # rough time to close it at the person's hours
    months: float = 0.0  # calendar months to close it at the person's hours


def evidence_text(item: EntryEvidence, sources: dict[str, Source]) -> str:
    """Where an entry condition comes from, in plain words: the source and its period, or the judgement."""
    if item.judgement:
        return _("Judgement: {reason}").format(reason=item.judgement)
    src = sources.get(item.source or "")
    name = f"{src.publisher}, {src.title}" if src else (item.source or "")
    period = plain_period(item, sources) if item.period else ""  # type: ignore[arg-type]
    return _("Source: {source} ({period})").format(source=name, period=period) if period else name


def experience_months(person: Person, kind: str) -> float:
    """Full-time months of this kind of work: years x 12, scaled by hours a week against a 40-hour week."""
    years = person.sterile_years if kind == "sterile-compounding" else person.experience_years()
    return years * 12 * min(person.hours_per_week, FULL_TIME_HOURS) / FULL_TIME_HOURS


def _experience_check(item: EntryExperience, person: Person, catalogs: Catalogs, evidence: str) -> EntryCheck:
    kind = _(EXPERIENCE_LABELS[item.kind])
    text = ngettext("{n} month of full-time {kind}", "{n} months of full-time {kind}", item.months).format(
        n=count(item.months), kind=kind
    )
    if item.instead:
        text += _(", or {program} instead").format(program=program_label(item.instead, catalogs))
    if item.note:
        text += f" ({item.note})"
    if item.instead and item.instead in person.education(catalogs.programs):
        return EntryCheck(text, "met", evidence)
    need = item.months - experience_months(person, item.kind)
    if need <= 1e-9:
        return EntryCheck(text, "met", evidence)
    per_week = person.hours_per_week if person.hours_per_week > 0 else FULL_TIME_HOURS
    calendar = need * FULL_TIME_HOURS / min(per_week, FULL_TIME_HOURS)
    n, months = math.ceil(need - 1e-9), math.ceil(calendar - 1e-9)
    missing = ngettext("{n} more month of full-time {kind}", "{n} more months of full-time {kind}", n).format(
        n=count(n), kind=kind
    )
    time = ngettext(
        "about {n} month at {hours} hours a week", "about {n} months at {hours} hours a week", months
    ).format(n=count(months), hours=f"{per_week:g}")
    return EntryCheck(text, "missing", evidence, missing=missing, time=time, months=calendar)


def entry_checks(person: Person, profile: Profile, catalogs: Catalogs) -> tuple[EntryCheck, ...]:
    """Every entry condition of the setting, with the person's standing on it, in the profile's order:
    experience, then what is trained on the job, then conditions about the person."""
    entry = profile.entry
    if entry is None:
        return ()
    sources = catalogs.sources
    out = [_experience_check(e, person, catalogs, evidence_text(e, sources)) for e in entry.experience]
    out += [
        EntryCheck(_("trained on the job: {what}").format(what=t.text), "trained", evidence_text(t, sources))
        for t in entry.trained_on_job
    ]
    out += [
        EntryCheck(
            _("{kind}: {what}").format(kind=_(ENTRY_CONDITION_LABELS[c.kind]), what=c.text),
            "stated",
            evidence_text(c, sources),
        )
        for c in entry.conditions
    ]
    return tuple(out)


def entry_line(check: EntryCheck) -> str:
    """One plain line: what entry usually needs, where the person stands, and its evidence."""
    if check.status == "met":
        standing = _("met")
    elif check.status == "missing":
        standing = _("missing: {missing} ({time})").format(missing=check.missing, time=check.time)
    elif check.status == "trained":
        standing = _("the employer usually trains this; not counted against you")
    else:
        standing = _("a condition to check yourself; this page does not ask about it")
    return _("{need} — {standing}. {evidence}").format(need=check.text, standing=standing, evidence=check.evidence)


def entry_lines(profile: Profile, person: Person | None, held: set[str], catalogs: Catalogs) -> list[str]:
    """Every entry line for a setting, for pages and the take-home summary alike. With no experience given
    (`person` None), experience is stated and not judged: neither met nor missing."""
    lines = []
    for check in entry_checks(person or Person(held=set(held)), profile, catalogs):
        if person is None and check.status in ("met", "missing"):
            lines.append(
                _("{need} — not checked: no experience was given. {evidence}").format(
                    need=check.text, evidence=check.evidence
                )
            )
        else:
            lines.append(entry_line(check))
    return lines
