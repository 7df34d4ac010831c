"""A one-page handout per setting (US Letter, in the chosen language), and a class bundle of them, as PDF bytes.

One page says what the work is, the pay nationally and in the chosen place (labelled as the app labels them, with
source and period), hours and environment, ways in and next credentials, the questions to ask an employer, the
sources with their dates and the setting's link in the app. If a setting's page would run over, it is first set
in smaller type, then less detail is printed (shorter day-in-the-life, questions without their reasons) until it
fits one page. Every text from a profile is drawn as plain text by pdf_layout: nothing in it is interpreted as
markup.

Nothing here imports streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from analysis.i18n import _, number
from analysis.loading.frames import FACT_LABELS, FREQUENCY_LABELS
from analysis.loading.loader import Catalogs
from analysis.loading.schema import RELEVANCE_ORDER, TASK_LABELS, Profile
from analysis.local_pay import AreaPay, Estimate, error_words
from analysis.local_pay import money as local_money
from analysis.pathways.entry import entry_lines
from analysis.pathways.plan import LABELS as RELEVANCE_WORDS
from analysis.periods import localize_period
from analysis.presentation.facts import format_value, oews_citation
from analysis.presentation.pdf_content import Citations, period
from analysis.presentation.pdf_layout import GREY, LayoutPDF, Page, clip, new_page
from analysis.presentation.reality_view import QUESTIONS_NOTE, QUESTIONS_TITLE, facet_lines, questions

# The facets a page has room for; the others are on the setting's Detail page, which the handout links to.
ENVIRONMENT_FACETS = ("breaks_and_sitting", "public_facing", "shift_differentials")


@dataclass(frozen=True)
class HandoutDetail:
    """How much to print; shrunk step by step until the handout fits one page."""

    day_chars: int = 520
    facet_chars: int = 300
    with_why: bool = True
    entry_chars: int = 260
    size: float = 7.6  # body type size (pt)


DETAIL_LEVELS = (
    HandoutDetail(day_chars=4000, facet_chars=2000, entry_chars=2000),  # nothing cut, where it fits
    HandoutDetail(day_chars=4000, facet_chars=2000, entry_chars=2000, size=7.2),  # smaller type before any cut
    HandoutDetail(),
    HandoutDetail(day_chars=380, facet_chars=220, with_why=True, entry_chars=200, size=7.3),
    HandoutDetail(day_chars=300, facet_chars=180, with_why=False, entry_chars=160, size=7.2),
    HandoutDetail(day_chars=200, facet_chars=120, with_why=False, entry_chars=110, size=6.8),
    HandoutDetail(day_chars=120, facet_chars=80, with_why=False, entry_chars=80, size=6.2),
)


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    rows: list[tuple[str, str]] = field(default_factory=list)  # (bold label, text)
    items: list[tuple[str, str]] = field(default_factory=list)  # (numbered line, grey note)
    after: list[str] = field(default_factory=list)  # full-width paragraphs after the rows
    note: str = ""


@dataclass
class Handout:
    title: str
    footer: str
    tagline: str
    name: str
    lead: str
    sections: list[Section]
    sources: list[str]
    link: str
    caveat: str


def _pay_section(profile: Profile, cites: Citations, place: AreaPay | None, estimate: Estimate | None) -> Section:
    rows, after = [], []
    for key in ("median_wage_annual", "median_wage_hourly"):
        fact = getattr(profile.facts, key)
        if fact is None:
            continue
        if fact.value is None:
            rows.append((_(FACT_LABELS[key]), format_value(fact)))
            continue
        origin = oews_citation(fact) if fact.oews else period(fact, cites.sources)
        rows.append((_(FACT_LABELS[key]), f"{format_value(fact)} \u2014 {origin}{cites.cite(fact)}"))
    if place is not None:
        d = place.annual
        spread = (
            _(" · 10th–90th percentile {low}–{high}").format(low=local_money(d[10]), high=local_money(d[90]))
            if d[10] is not None and d[90] is not None
            else ""
        )
        employed = (
            _("employment not published")
            if place.employment is None
            else _("{n} technicians").format(n=number(place.employment))
        )
        line = _("{place}, all settings ({period}): median {median} a year").format(
            place=place.label, period=localize_period(place.period), median=local_money(d[50])
        )
        after.append(
            _("In {place_line}").format(
                place_line=f"{line}{spread} \u00b7 {employed} \u00b7 {error_words(place)} \u00b7 BLS OEWS"
            )
        )
        if estimate is not None:
            after.append(
                _("Rough figure for {setting} in {place}: about {value} a year").format(
                    setting=profile.short_name, place=place.label, value=local_money(estimate.value)
                )
                + " ("
                + _("Estimate, not a BLS figure")
                + "). "
                + _(
                    "BLS publishes no pay for one setting within a state or area; this scales the place's median "
                    "({local_period}) by how far the setting's national median sits from the national median for "
                    "all technicians ({period})."
                ).format(
                    local_period=localize_period(place.period),
                    period=localize_period(profile.facts.median_wage_annual.period or ""),
                )
            )
    note = _("Pay figures are for the BLS industry nearest this setting: {mapping}.")
    return Section(_("Pay"), rows=rows, after=after, note=note.format(mapping=profile.bls_industry.title))


def _hours_section(profile: Profile, cites: Citations, detail: HandoutDetail) -> Section:
    s = profile.schedule
    words = _(
        "Nights: {nights} · Weekends: {weekends} · Holidays: {holidays} · On-call: {on_call} · "
        "Typical shifts: {hours} hours"
    ).format(
        nights=_(FREQUENCY_LABELS[s.nights]),
        weekends=_(FREQUENCY_LABELS[s.weekends]),
        holidays=_(FREQUENCY_LABELS[s.holidays]),
        on_call=_(FREQUENCY_LABELS[s.on_call]),
        hours=", ".join(str(h) for h in s.shift_lengths_hours),
    )
    rows = [(_("Hours"), f"{words}. {s.reason} ({_('Editorial judgement')})")]
    return Section(_("Hours and environment"), rows=rows + _facet_rows(profile, cites, detail, ENVIRONMENT_FACETS))


def _facet_rows(profile: Profile, cites: Citations, detail: HandoutDetail, keys: tuple[str, ...]) -> list:
    """(label, text with its evidence) for the profile's facets among `keys`, in the fixed facet order."""
    return [
        (line.label, f"{clip(line.text, detail.facet_chars)} ({_evidence(line, profile, cites)})")
        for line in facet_lines(profile, cites.sources)
        if line.key in keys
    ]


def _evidence(line, profile: Profile, cites: Citations) -> str:
    """'sources [2, 3]' for a sourced facet (listed at the foot of the page), else 'Editorial judgement'."""
    if line.judgement:
        return _("Editorial judgement")
    facet = getattr(profile.reality, line.key)
    numbers = [cites.order.setdefault(s, len(cites.order) + 1) for s in facet.sources if s in cites.sources]
    return _("sources {numbers}").format(numbers="[" + ", ".join(map(str, numbers)) + "]") if numbers else line.evidence


def _ways_in(profile: Profile, catalogs: Catalogs, detail: HandoutDetail) -> Section:
    creds = []
    for use in sorted(profile.credentials, key=lambda c: RELEVANCE_ORDER.index(c.relevance)):
        cred = catalogs.credentials.get(use.id)
        name = cred.short_name if cred else use.id
        creds.append(f"{name} ({_(RELEVANCE_WORDS[use.relevance])})")
    rows = [(_("Credentials"), "; ".join(creds) or _("No credential is listed for this setting."))]
    for line in entry_lines(profile, None, set(), catalogs) if profile.entry else []:
        rows.append((_("Entry"), clip(line[:1].upper() + line[1:], detail.entry_chars)))
    if profile.advancement:
        rows.append((_("Grow into"), "; ".join(r.role for r in profile.advancement)))
    return Section(
        _("Ways in and next credentials"),
        rows=rows,
        note=_("Credential relevance is editorial. Check your state board of pharmacy for its rules."),
    )


def handout_content(
    profile: Profile,
    catalogs: Catalogs,
    *,
    place: AreaPay | None = None,
    estimate: Estimate | None = None,
    link: str = "",
    detail: HandoutDetail = DETAIL_LEVELS[0],
) -> Handout:
    """Everything one setting's handout says, at the given level of detail."""
    cites = Citations(catalogs.sources)
    tasks = sorted(profile.tasks, key=lambda t: -t.share)[:4]
    work = Section(
        _("What the work is"),
        paragraphs=[clip(profile.day_in_the_life, detail.day_chars)],
        rows=[
            (
                _("What the time goes on"),
                "; ".join(f"{_(TASK_LABELS[t.task])} {t.share}%" for t in tasks) + f" ({_('Editorial judgement')})",
            )
        ],
    )
    pay = _pay_section(profile, cites, place, estimate)
    hours = _hours_section(profile, cites, detail)
    ways = _ways_in(profile, catalogs, detail)
    asks = Section(
        f"{_(QUESTIONS_TITLE)}",
        note=_(QUESTIONS_NOTE),
        items=[(ask, why if detail.with_why else "") for ask, why in questions(profile)],
    )
    sections = [work, pay, hours, ways] + ([asks] if asks.items else [])
    return Handout(
        title=_("{setting}: one-page handout").format(setting=profile.name),
        footer=_(
            "Rx Settings Explorer \u00b7 handout \u00b7 an exploration aid, not a test \u00b7 page {page} of {pages}"
        ),
        tagline=_("Rx Settings Explorer \u00b7 US pharmacy-technician practice settings \u00b7 one-page handout"),
        name=profile.name,
        lead=profile.summary,
        sections=sections,
        sources=cites.lines(),
        link=link,
        caveat=_(
            "Figures are national unless a place is named, and each is dated. Ratings, schedules, credential "
            "relevance and the questions are our judgement. Local pay, employers and rules differ."
        ),
    )


def _draw_section(page: Page, section: Section, size: float) -> None:
    page.heading(section.heading, room=12, size=size + 2.2, space=0.8)
    for text in section.paragraphs:
        page.text(text, size=size)
    if section.rows:
        label_w = min(page.label_width([label for label, _t in section.rows], size=size), 48)
        for label, text in section.rows:
            page.row(label, text, size=size, indent=0, label_w=label_w)
    for text in section.after:
        page.text(text, size=size)
    for n, (item, why) in enumerate(section.items, start=1):
        page.text(f"{n}. {item}", size=size, indent=1)
        if why:
            page.text(why, size=size - 0.8, color=GREY, indent=5)
    if section.note:
        page.text(section.note, size=size - 1.2, color=GREY)


def _draw(page: Page, h: Handout, size: float) -> None:
    page.text(h.tagline, size=6.8, color=GREY)
    page.text(h.name, size=14, bold=True, h=6.2)
    page.text(h.lead, size=size)
    for section in h.sections:
        _draw_section(page, section, size)
    page.numbered(_("Sources"), h.sources, size=size - 1.6)
    page.pdf.ln(1)
    if h.link:
        page.text(_("This setting in the app: {link}").format(link=h.link), size=size - 0.6, bold=True)
    page.text(h.caveat, size=size - 1.4, color=GREY)


def _fits(scratch: LayoutPDF, content: Handout, size: float) -> bool:
    """Whether the handout fits one page, drawn on a fresh page of a scratch document (fonts loaded once)."""
    scratch.add_page()
    first = scratch.page_no()
    _draw(Page(scratch), content, size)
    return scratch.page_no() == first


def _fitting(profile: Profile, catalogs: Catalogs, scratch: LayoutPDF, **kw) -> tuple[Handout, HandoutDetail]:
    """The most detailed content that fits one page (the least detailed if none does)."""
    for detail in DETAIL_LEVELS:
        content = handout_content(profile, catalogs, detail=detail, **kw)
        if _fits(scratch, content, detail.size):
            break
    return content, detail


def _new(title: str, footer: str) -> Page:
    return new_page(title, footer, margins=(13, 10, 13), bottom=12)


def build_handout_pdf(
    profile: Profile,
    catalogs: Catalogs,
    *,
    place: AreaPay | None = None,
    estimate: Estimate | None = None,
    link: str = "",
) -> bytes:
    """One setting's handout as PDF bytes (one US Letter page). `place` and `estimate` add the chosen place's
    published figures and the rough figure for this setting there; `link` is the setting's address in the app."""
    for detail in DETAIL_LEVELS:
        content = handout_content(profile, catalogs, place=place, estimate=estimate, link=link, detail=detail)
        page = _new(content.title, content.footer)
        _draw(page, content, detail.size)
        if page.pdf.page_no() == 1:  # the first level that fits is the answer
            break
    return bytes(page.pdf.output())


def build_handouts_pdf(
    profiles: Sequence[Profile],
    catalogs: Catalogs,
    *,
    place: AreaPay | None = None,
    estimates: Mapping[str, Estimate | None] | None = None,
    links: Mapping[str, str] | None = None,
) -> bytes:
    """Every setting's handout in one PDF, one page each, in the order given (a class set)."""
    title = _("Pharmacy technician settings: handouts")
    page = _new(title, "")
    scratch = _new(title, "").pdf  # where each page is tried first, so that only one that fits is kept
    for n, profile in enumerate(profiles):
        kw = {"place": place, "estimate": (estimates or {}).get(profile.id), "link": (links or {}).get(profile.id, "")}
        content, detail = _fitting(profile, catalogs, scratch, **kw)
        page.pdf.footer_text = content.footer
        if n:
            page.pdf.add_page()
        _draw(page, content, detail.size)
    return bytes(page.pdf.output())
