"""Every credential's cost, length and ways in, and the published program lengths, as table rows.

For students comparing credentials at a glance: plain text cells (with each figure's period), built
from the same rules the planner evaluates.
"""

from __future__ import annotations

from analysis.figure_text import cycle_text
from analysis.i18n import N_, _, ngettext, pgettext
from analysis.loading.loader import Catalogs
from analysis.loading.schema import (
    EXPERIENCE_LABELS,
    NO_FIGURE,
    RELEVANCE_LABELS,
    CertificatesCondition,
    Condition,
    Credential,
    CredentialCondition,
    EducationCondition,
    ExperienceCondition,
    HoursCondition,
    Profile,
    UnpublishedCondition,
)
from analysis.pathways.rules import count, fact_text, program_label

KIND_LABELS = {"certification": N_("certification"), "assessment-based certificate": N_("assessment-based certificate")}


def _years(months: int) -> str:
    if months % 12 == 0:
        return ngettext("{n} year", "{n} years", months // 12).format(n=count(months // 12))
    return ngettext("{n} month", "{n} months", months).format(n=count(months))


def condition_text(cond: Condition, catalogs: Catalogs) -> str:
    """One condition in a few words ('an active CPhT', '500 hours of work within ...')."""
    if isinstance(cond, CredentialCondition):
        known = catalogs.credentials.get(cond.credential)
        return _("an active {credential}").format(credential=known.short_name if known else cond.credential)
    if isinstance(cond, EducationCondition):
        out = program_label(cond.education, catalogs)
        if cond.enrolled_counts:
            out += _(" (finished or enrolled)")
        return out + (_(" finished within {years} years").format(years=cond.within_years) if cond.within_years else "")
    if isinstance(cond, ExperienceCondition):
        kind = _(EXPERIENCE_LABELS[cond.kind])
        if cond.experience_months is None:
            return _("{kind} (length not in our sources)").format(kind=kind)
        window = _(" within the last {years} years").format(years=cond.within_years) if cond.within_years else ""
        text = _("{length} of full-time {kind}{window}") if cond.full_time else _("{length} of {kind}{window}")
        return text.format(length=_years(cond.experience_months), kind=kind, window=window)
    if isinstance(cond, HoursCondition):
        window = _(" within {years} years").format(years=cond.within_years) if cond.within_years else ""
        text = _("{hours} hours of supervised work{window}") if cond.supervised else _("{hours} hours of work{window}")
        return text.format(hours=count(cond.experience_hours), window=window)
    if isinstance(cond, CertificatesCondition):
        return ngettext("{n} PTCB certificate", "{n} PTCB certificates", cond.certificates).format(
            n=count(cond.certificates)
        )
    if isinstance(cond, UnpublishedCondition):
        return _("rules not in our sources (see the issuer)")
    raise TypeError(f"unknown condition {cond!r}")  # pragma: no cover


def ways_in(cred: Credential, catalogs: Catalogs) -> str:
    """Every route in one line: 'an active CPhT + ... | or ...'."""
    routes = [" + ".join(condition_text(c, catalogs) for c in r.all_of) for r in cred.requires.any_of]
    return _(" | or: ").join(routes)


def credential_rows(catalogs: Catalogs) -> list[dict[str, str]]:
    """One row per credential: what it costs, what the exam is, how it is kept, and how to get in."""
    rows = []
    for cred in catalogs.credentials.values():
        f = cred.facts
        if f.renewal_cycle_years.is_gap:
            cycle = _("cycle: {gap}").format(gap=_(NO_FIGURE))
        else:
            cycle = cycle_text(f.renewal_cycle_years, catalogs.sources)
        renewal = _("{cycle}; fee {fee}; CE {ce}").format(
            cycle=cycle,
            fee=fact_text(f.renewal_fee, catalogs.sources),
            ce=fact_text(f.ce_hours_per_cycle, catalogs.sources),
        )
        rows.append(
            {
                _("Credential"): cred.short_name,
                _("Issuer"): cred.issuer,
                _("Kind"): _(KIND_LABELS.get(cred.kind, cred.kind)),
                _("First-time fee"): fact_text(f.initial_fee, catalogs.sources),
                pgettext("credential table", "Exam"): fact_text(f.exam, catalogs.sources),
                _("Ways in"): ways_in(cred, catalogs),
                _("Keeping it"): renewal,
            }
        )
    return rows


def program_rows(catalogs: Catalogs) -> list[dict[str, str]]:
    """Programs a rule asks for, with any published length; costs are not published in our sources."""
    used = {
        c.education
        for cred in catalogs.credentials.values()
        for r in cred.requires.any_of
        for c in r.all_of
        if isinstance(c, EducationCondition)
    }
    rows = []
    for program in catalogs.programs.values():
        if program.id not in used or program.kind == "diploma":
            continue
        lengths = [
            f"{f.label}: {fact_text(f, catalogs.sources)}"
            for f in catalogs.program_lengths
            if f.education == program.id
        ]
        needed_for = [
            cred.short_name
            for cred in catalogs.credentials.values()
            if any(
                isinstance(c, EducationCondition) and c.education == program.id
                for r in cred.requires.any_of
                for c in r.all_of
            )
        ]
        rows.append(
            {
                _("Program"): program.label,
                _("Leads to"): ", ".join(needed_for),
                _("Length"): "; ".join(lengths) if lengths else _("no published figure in our sources"),
                _("Cost"): _("no published figure in our sources (set by each school or employer)"),
            }
        )
    return rows


def setting_lists(profiles: list[Profile], catalogs: Catalogs) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Per setting, its credentials grouped by relevance: the credential map as a list (for narrow screens)."""
    out = []
    for profile in profiles:
        groups: dict[str, list[str]] = {}
        for use in profile.credentials:
            known = catalogs.credentials.get(use.id)
            if known:
                label = _(RELEVANCE_LABELS[use.relevance])  # a heading: capitalised
                groups.setdefault(label[:1].upper() + label[1:], []).append(known.short_name)
        out.append((profile.name, list(groups.items())))
    return out
