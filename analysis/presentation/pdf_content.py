"""What the PDFs say, as plain text built from the data: figures with their periods, source citations numbered
in order of first use, credential blocks, the chosen place's table. No layout here (see pdf_layout); the take-home
summary (summary_content) and the handouts (handout) build their pages from these pieces.

Nothing here imports streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from analysis.i18n import _, number
from analysis.loading.loader import Catalogs
from analysis.loading.schema import NO_FIGURE, Credential, Fact, Profile, Source
from analysis.local_pay import INDUSTRY_WORDS, SOURCE, PlaceSummary
from analysis.local_pay import money as local_money
from analysis.pathways.plan import LABELS as RELEVANCE_WORDS
from analysis.periods import localize_period, read_period
from analysis.presentation.facts import format_value, oews_citation, plain_period
from analysis.presentation.pdf_layout import clip

MAX_ELIGIBILITY_CHARS = 220


def short_eligibility(text: str, limit: int = MAX_ELIGIBILITY_CHARS) -> str:
    """The eligibility statement, cut to `limit` characters at a word boundary."""
    return clip(text, limit)


def period(fact: Fact, sources: Mapping[str, Source] | None = None) -> str:
    """'PTCB refund policy (c. 2024-25)' -> 'PTCB refund policy, c. 2024-25', so it nests in brackets; a
    'current' period becomes the month the page was read (facts.plain_period): paper has no 'current'."""
    p = plain_period(fact, dict(sources or {})).strip()
    return re.sub(r"\s*\(([^()]*)\)", r", \1", p)


def source_period(src: Source) -> str:
    """A source's period as a date.

    'current fee table (c. 2024-26)' -> 'fee table (c. 2024-26), as read on November 24, 2026'.
    """
    return read_period(src.period, src.accessed)


def gap_reason(fact: Fact) -> str:
    """Why there is no figure, from the gap's note, without repeating 'no published figure'."""
    note = " ".join((fact.note or "").split())
    rest = re.sub(r"^(no published figure|no hay cifra publicada)\s*[:;,.]?\s*", "", note, flags=re.IGNORECASE)
    if not rest:
        return _("none is published")
    return _("none is published {rest}").format(rest=rest) if rest.lower().startswith(("for ", "para ")) else rest


def pay_origin(p: Profile) -> str:
    """'BLS OEWS, May 2025 · General Medical and Surgical Hospitals' — and a plain warning where that industry is
    only the nearest one."""
    pay = p.facts.median_wage_annual
    if not pay.oews:
        return period(pay)
    nearest = _(" (nearest industry only)") if p.bls_industry.confidence in ("low", "none") else ""
    return oews_citation(pay) + nearest


@dataclass
class Citations:
    """Source numbers in order of first use: '[n]' beside a figure, and the matching list at the end."""

    sources: Mapping[str, Source]
    order: dict[str, int] = field(default_factory=dict)

    def cite(self, fact: Fact) -> str:
        """' [n]' for a figure's source; '' for a gap or an unknown source."""
        sid = fact.source
        if fact.value is None or not sid or sid not in self.sources:
            return ""
        n = self.order.setdefault(sid, len(self.order) + 1)
        return f" [{n}]"

    def dated(self, fact: Fact) -> str:
        """'$129 (PTCB refund policy, c. 2024-25) [2]' or 'no published figure'."""
        if fact.value is None:
            return _(NO_FIGURE)
        when = period(fact, self.sources)
        return format_value(fact, spoken=True) + (f" ({when})" if when else "") + self.cite(fact)

    def lines(self) -> list[str]:
        """'[n] publisher: title — period', in number order."""
        return [
            f"[{n}] {self.sources[sid].publisher}: {self.sources[sid].title} \u2014 {source_period(self.sources[sid])}"
            for sid, n in self.order.items()
        ]


def credential_words(profile: Profile, catalogs: Catalogs) -> str:
    """Required / commonly required credentials; otherwise what is preferred; else none listed."""

    def short(cid: str) -> str:
        cred = catalogs.credentials.get(cid)
        return cred.short_name if cred else cid

    parts = []
    for rel in ("required", "commonly-required"):
        ids = [c.id for c in profile.credentials if c.relevance == rel]
        if ids:
            parts.append(f"{', '.join(short(i) for i in ids)} ({_(RELEVANCE_WORDS[rel])})")
    if parts:
        return "; ".join(parts)
    preferred = [short(c.id) for c in profile.credentials if c.relevance == "preferred"]
    if preferred:
        return _("none required; preferred: {list}").format(list=", ".join(preferred))
    return _("none required or preferred")


@dataclass
class CredentialBlock:
    """A credential to earn: its title line and labelled rows (eligibility, fees, renewal)."""

    title: str
    rows: list[tuple[str, str]]

    @property
    def est_height(self) -> float:
        """Rough height (mm): title, eligibility (about 125 characters a line), fees, renewal."""
        elig_lines = 1 + (len(self.rows[0][1]) + 45) // 125
        return 6 + 3.3 * (elig_lines + 2)


def credential_block(cred: Credential, relevance: str, cites: Citations, eligibility_chars: int) -> CredentialBlock:
    here = _("{relevance} here").format(relevance=_(RELEVANCE_WORDS.get(relevance, relevance)))
    elig = cred.eligibility
    if elig.value is None:
        elig_text = _(NO_FIGURE)
    else:
        when = period(elig, cites.sources)
        elig_text = (
            short_eligibility(str(elig.value), eligibility_chars) + (f" ({when})" if when else "") + cites.cite(elig)
        )
    f = cred.facts
    fees = _("initial: {initial}; renewal: {renewal}.").format(
        initial=cites.dated(f.initial_fee), renewal=cites.dated(f.renewal_fee)
    )
    renewal = _("{cycle}; continuing education per cycle: {ce}.").format(
        cycle=cites.dated(f.renewal_cycle_years), ce=cites.dated(f.ce_hours_per_cycle)
    )
    return CredentialBlock(
        f"{cred.short_name} \u2014 {cred.name} ({cred.issuer}; {here})",
        [(_("Eligibility"), elig_text), (_("Fees"), fees), (_("Renewal"), renewal)],
    )


@dataclass
class PlaceTable:
    """The chosen place's published all-settings figures beside its state's and the nation's."""

    heading: str
    headings: list[str]
    rows: list[list[str]]
    rank: str
    notes: list[str]
    footnote: str


def place_table(summary: PlaceSummary) -> PlaceTable:
    rows = []
    for area in summary.rows:
        employed = _("not published") if area.employment is None else number(area.employment)
        rse = ", ".join(
            f"{k} {v:g}%" for k, v in ((_("jobs"), area.employment_rse), (_("pay"), area.wage_rse)) if v is not None
        ) or _("not published")
        rows.append(
            [
                area.label,
                local_money(area.annual[10]),
                local_money(area.annual[50]),
                local_money(area.annual[90]),
                employed,
                rse,
            ]
        )
    return PlaceTable(
        heading=_("Pay where you live: {place}").format(place=summary.place.label),
        headings=[
            _("Area (all settings)"),
            _("10th pct"),
            _("Median"),
            _("90th pct"),
            _("Technicians"),
            _("Error (RSE)"),
        ],
        rows=rows,
        rank=summary.rank,
        notes=[_("Caution: {note}").format(note=note) for note in summary.notes],
        footnote=_(
            "Annual pay, {period}, {industry}: {source}, pharmacy technicians (SOC 29-2052). BLS publishes no pay "
            "for a single setting within a state or metro area, so the settings' pay figures above are "
            "national."
        ).format(period=localize_period(summary.place.period), industry=_(INDUSTRY_WORDS), source=SOURCE),
    )
