"""Every credential's cost, length and ways in, and the published program lengths, as table rows.

For students comparing credentials at a glance: plain text cells (with each figure's period), built
from the same rules the planner evaluates.
"""

from __future__ import annotations

from analysis.loading.loader import Catalogs
from analysis.loading.schema import (
    EXPERIENCE_LABELS,
    NO_FIGURE,
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
from analysis.pathways.rules import fact_text, plural, program_label


def _years(months: int) -> str:
    return plural(months // 12, "year") if months % 12 == 0 else plural(months, "month")


def condition_text(cond: Condition, catalogs: Catalogs) -> str:
    """One condition in a few words ('an active CPhT', '500 hours of work within ...')."""
    if isinstance(cond, CredentialCondition):
        known = catalogs.credentials.get(cond.credential)
        return f"an active {known.short_name if known else cond.credential}"
    if isinstance(cond, EducationCondition):
        out = program_label(cond.education, catalogs)
        if cond.enrolled_counts:
            out += " (finished or enrolled)"
        return out + (f" finished within {cond.within_years} years" if cond.within_years else "")
    if isinstance(cond, ExperienceCondition):
        kind = EXPERIENCE_LABELS[cond.kind]
        if cond.experience_months is None:
            return f"{kind} (length not in our sources)"
        full = "full-time " if cond.full_time else ""
        window = f" within the last {cond.within_years} years" if cond.within_years else ""
        return f"{_years(cond.experience_months)} of {full}{kind}{window}"
    if isinstance(cond, HoursCondition):
        window = f" within {cond.within_years} years" if cond.within_years else ""
        return f"{cond.experience_hours:,} hours of {'supervised ' if cond.supervised else ''}work{window}"
    if isinstance(cond, CertificatesCondition):
        return plural(cond.certificates, "PTCB certificate")
    if isinstance(cond, UnpublishedCondition):
        return "rules not in our sources (see the issuer)"
    raise TypeError(f"unknown condition {cond!r}")  # pragma: no cover


def ways_in(cred: Credential, catalogs: Catalogs) -> str:
    """Every route in one line: 'an active CPhT + ... | or ...'."""
    routes = [" + ".join(condition_text(c, catalogs) for c in r.all_of) for r in cred.requires.any_of]
    return " | or: ".join(routes)


def credential_rows(catalogs: Catalogs) -> list[dict[str, str]]:
    """One row per credential: what it costs, what the exam is, how it is kept, and how to get in."""
    rows = []
    for cred in catalogs.credentials.values():
        f = cred.facts
        cycle = f"every {fact_text(f.renewal_cycle_years)}" if not f.renewal_cycle_years.is_gap else f"cycle: {NO_FIGURE}"
        renewal = f"{cycle}; fee {fact_text(f.renewal_fee)}; CE {fact_text(f.ce_hours_per_cycle)}"
        rows.append({
            "Credential": cred.short_name,
            "Issuer": cred.issuer,
            "Kind": cred.kind,
            "First-time fee": fact_text(f.initial_fee),
            "Exam": fact_text(f.exam),
            "Ways in": ways_in(cred, catalogs),
            "Keeping it": renewal,
        })
    return rows


def program_rows(catalogs: Catalogs) -> list[dict[str, str]]:
    """Programs a rule asks for, with any published length; costs are not published in our sources."""
    used = {c.education for cred in catalogs.credentials.values() for r in cred.requires.any_of for c in r.all_of
            if isinstance(c, EducationCondition)}
    rows = []
    for program in catalogs.programs.values():
        if program.id not in used or program.kind == "diploma":
            continue
        lengths = [f"{f.label}: {fact_text(f)}" for f in catalogs.program_lengths if f.education == program.id]
        needed_for = [cred.short_name for cred in catalogs.credentials.values()
                      if any(isinstance(c, EducationCondition) and c.education == program.id
                             for r in cred.requires.any_of for c in r.all_of)]
        rows.append({
            "Program": program.label,
            "Leads to": ", ".join(needed_for),
            "Length": "; ".join(lengths) if lengths else f"{NO_FIGURE} in our sources",
            "Cost": f"{NO_FIGURE} in our sources (set by each school or employer)",
        })
    return rows


def setting_lists(profiles: list[Profile], catalogs: Catalogs) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Per setting, its credentials grouped by relevance: the credential map as a list (for narrow screens)."""
    out = []
    for profile in profiles:
        groups: dict[str, list[str]] = {}
        for use in profile.credentials:
            known = catalogs.credentials.get(use.id)
            if known:
                groups.setdefault(use.relevance.replace("-", " ").capitalize(), []).append(known.short_name)
        out.append((profile.name, list(groups.items())))
    return out
