"""What goes on the take-home summary, as plain text built from the session's results: the shortlist, the fit
chart's bars, each shortlisted setting's reasons, the side-by-side table, the next steps, the questions to ask an
employer and the sources. How it is laid out is summary_pdf's job.

Nothing here imports streamlit.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from analysis.i18n import N_, _, long_date, ngettext
from analysis.loading.frames import FREQUENCY_LABELS
from analysis.loading.loader import Catalogs
from analysis.loading.reality import QUESTIONS_NOTE, QUESTIONS_TITLE
from analysis.loading.schema import NO_FIGURE, Profile
from analysis.local_pay import PlaceSummary
from analysis.pathways.entry import entry_lines
from analysis.pathways.gaps import missing_credentials
from analysis.pathways.rules import Person
from analysis.presentation.facts import format_value
from analysis.presentation.pdf_content import (
    MAX_ELIGIBILITY_CHARS,
    Citations,
    CredentialBlock,
    PlaceTable,
    credential_block,
    credential_words,
    gap_reason,
    pay_origin,
    place_table,
)
from analysis.presentation.pdf_layout import Bar, clean_controls, clip
from analysis.quiz import (
    WEIGHT_LABELS,
    Answers,
    Quiz,
    SettingResult,
    Weights,
    judgement_subjects,
    reasons_for_against,
    scoring,
)
from analysis.quiz.flip import place_words

DEFAULT_SHORTLIST = 3  # with no shortlist given: the top 3 of the ranking
MAX_SHORTLIST = 4  # more than this does not fit two pages with reasons; the rest are named as left out
MAX_NAME_CHARS = 80  # a longer client name is cut with an ellipsis (and still wraps if wide)
MAX_CHART_BARS = 14  # every bundled setting and a local one; any further ones are named under the chart
MAX_NEXT_STEP_CREDENTIALS = 3

CAVEAT = N_(
    "This summary is an exploration aid, not a test. The ratings and schedule frequencies are editorial, by the "
    "Rx Settings Explorer team, not survey data: each names its sources or rests on our judgement alone, and a "
    "judgement counts at half weight in the fit score. Settings whose scores are closer than the ratings can tell "
    "apart share a place (\u201cjoint\u201d). Pay counts only where a BLS industry fits the setting well. Pay and "
    "credential figures are national and dated (each is shown with its period); local pay, employers and rules "
    "differ. Before you decide, check your state board of pharmacy for the registration, licensing and "
    "certification rules where you will work."
)
QUIZ_NOT_TAKEN = N_(
    "The fit quiz was not taken in this session, so there is no fit ranking. "
    "The comparison below covers the settings shortlisted together."
)
QUIZ_NOTHING_SCORED = N_(
    "The quiz answers were all \u201cno preference\u201d (or set to \u201cdoesn't matter\u201d), "
    "so there is no fit ranking. The comparison below covers the shortlisted settings."
)


@dataclass
class Detail:
    """How much to print; shrunk step by step if the summary would not fit two pages."""

    top_for: int = 3
    top_against: int = 2
    other_for: int = 2
    other_against: int = 1
    skipped_notes: bool = True
    answers: int = 16  # answer lines shown in the "your answers" column
    eligibility_chars: int = MAX_ELIGIBILITY_CHARS
    questions: int = 5  # questions to ask an employer, per shortlisted setting
    comparison_on_page_two: bool = False  # start the side-by-side table on page 2 so that page is not near-empty


@dataclass
class RankedSetting:
    """A shortlisted setting's line in the ranking: its title, labelled rows and a grey note."""

    title: str
    rows: list[tuple[str, str]]  # (label, text); '' continues the label above
    note: str = ""


@dataclass
class Ranking:
    heading: str
    message: str = ""  # instead of a chart, when nothing was scored
    chart_title: str = ""
    bars: list[Bar] = field(default_factory=list)
    legend: str = ""
    answers_title: str = ""
    answers: list[tuple[str, str]] = field(default_factory=list)
    more_answers: str = ""
    settings: list[RankedSetting] = field(default_factory=list)
    labels: tuple[str, ...] = ()  # every row label, so the label column fits the longest


@dataclass
class NextSteps:
    heading: str
    intro: str
    credentials: list[CredentialBlock]
    also: str
    entry_title: str
    entry: list[str]


@dataclass
class Summary:
    """Everything the take-home summary says, in page order."""

    title: str
    footer: str
    tagline: str
    heading: str
    who: list[str]
    ranking: Ranking
    comparison_heading: str
    comparison_headings: list[str]
    comparison_rows: list[list[str]]
    comparison_note: str
    with_fit: bool
    shortlist_note: str
    place: PlaceTable | None
    next_steps: NextSteps | None
    no_settings: str
    questions_title: str
    questions_note: str
    questions: list[tuple[str, list[str]]]  # (setting name, questions to ask an employer)
    sources: list[str]
    caveat_title: str = ""
    caveat: str = ""


def choose_shortlist(
    ranking: Sequence[SettingResult], profiles: Mapping[str, Profile], shortlist: Sequence[str] | None
) -> tuple[list[str], list[str], str]:
    """(shortlisted ids in page order, ids left out by the cap, a note for the page or '').

    Unknown ids and repeats are dropped. Shortlisted settings are shown in ranking order (those
    the ranking lacks, e.g. dismissed ones, after). With no shortlist: the top DEFAULT_SHORTLIST of
    the ranking, or, with no ranking, the first DEFAULT_SHORTLIST profiles.
    """
    note = ""
    if shortlist is None:
        pool = [r.setting_id for r in ranking if r.score is not None] or [r.setting_id for r in ranking]
        if not pool:
            pool = list(profiles)
            note = _("No shortlist was chosen, so the first settings in the catalogue are shown.")
        wanted = [s for s in pool if s in profiles][:DEFAULT_SHORTLIST]
    else:
        wanted = [s for s in dict.fromkeys(shortlist) if s in profiles]
    order = {r.setting_id: i for i, r in enumerate(ranking)}
    wanted.sort(key=lambda s: order.get(s, len(order)))  # stable: unranked keep the given order
    kept, left = wanted[:MAX_SHORTLIST], wanted[MAX_SHORTLIST:]
    if left:
        note = _("The summary has room for {n} settings; also shortlisted but not shown: {names}.").format(
            n=MAX_SHORTLIST, names=", ".join(profiles[s].name for s in left)
        )
    return kept, left, note


def answers_summary(quiz: Quiz, answers: Answers, weights: Weights | None = None) -> list[tuple[str, str]]:
    """(topic, chosen option and weight) for each answered question, in quiz order — for the PDF."""
    out = []
    for item in scoring.answered_items(quiz, answers, weights):
        opt, subject = item.option, item.question.subject
        plain = opt.target is None and not opt.deal_breaker
        answer = opt.label if plain else f"{opt.label} ({_(WEIGHT_LABELS[item.weight])})"
        out.append((subject[0].upper() + subject[1:], answer))
    return out


def header_lines(client_name: str, session_date: date | None) -> list[str]:
    """'Prepared for …' (the name cut to MAX_NAME_CHARS, on one line) and 'Session of …', where given."""
    who = []
    name = clip(clean_controls(client_name).replace("\n", " "), MAX_NAME_CHARS) if client_name.strip() else ""
    if name:
        who.append(_("Prepared for {name}").format(name=name))
    if session_date is not None:
        who.append(_("Session of {date}").format(date=long_date(session_date)))
    return who


def _chart(scored: list[SettingResult], names: Mapping[str, str], shortlist: Collection[str]) -> tuple[list, str]:
    """The fit chart's bars and legend; settings beyond MAX_CHART_BARS are named in the legend, never dropped."""
    bars = [
        Bar(
            label=names.get(r.setting_id, r.name),
            value=r.score or 0.0,
            value_text=f"{r.score:.0f}" + (" " + _("deal-breaker") if r.deal_breakers else ""),
            bold=r.setting_id in shortlist,
            flagged=bool(r.deal_breakers),
        )
        for r in scored[:MAX_CHART_BARS]
    ]
    legend = _("Dark blue: shortlisted (bold names).")
    if any(r.deal_breakers for r in scored):
        legend += " " + _("Orange, hatched: deal-breaker, moved to the end.")
    rest = scored[MAX_CHART_BARS:]
    if rest:
        legend += " " + ngettext("Not drawn: {names} ({n} more).", "Not drawn: {names} ({n} more).", len(rest)).format(
            names=", ".join(f"{names.get(r.setting_id, r.name)} {r.score:.0f}" for r in rest), n=len(rest)
        )
    return bars, legend


def _ranked_setting(r: SettingResult, place: str, n_ranked: int, first: bool, detail: Detail) -> RankedSetting:
    """A shortlisted setting's title, reasons for and against, flags, cautions and judgement note."""
    score = _("fit {score}/100").format(score=f"{r.score:.0f}") if r.score is not None else _("no fit score")
    title = _("{name} \u2014 {score} ({rank} of {n})").format(name=r.name, score=score, rank=place, n=n_ranked)
    n_for, n_against = (detail.top_for, detail.top_against) if first else (detail.other_for, detail.other_against)
    pros, cons = reasons_for_against(r, n=max(n_for, n_against))
    rows: list[tuple[str, str]] = []
    for label, items, limit, empty in (
        (_("For"), pros, n_for, _("nothing in your answers stands out for it.")),
        (_("Against"), cons, n_against, _("nothing in your answers stands out against it.")),
    ):
        texts = [c.reason for c in items[:limit]] or [empty]
        rows += [(label if i == 0 else "", text) for i, text in enumerate(texts)]
    for flag in r.deal_breakers:
        rows.append(
            (
                _("Flag"),
                _("Deal-breaker: {flag} Moved to the end of the ranking; its score is unchanged.").format(flag=flag),
            )
        )
    rows += [(_("Check"), caution) for caution in r.cautions]
    judged = judgement_subjects(r)
    if judged:
        rows.append(
            (
                _("Judgement"),
                _("rests on our judgement alone, counted at half weight: {what}.").format(what=", ".join(judged)),
            )
        )
    return RankedSetting(title, rows, r.skipped[0] if detail.skipped_notes and r.skipped else "")


def ranking_content(
    ranking: Sequence[SettingResult],
    shortlist: list[str],
    names: Mapping[str, str],
    answers: Sequence[tuple[str, str]] | None,
    detail: Detail,
) -> Ranking:
    scored = [r for r in ranking if r.score is not None]
    if not scored:
        return Ranking(_("Fit quiz"), message=_(QUIZ_NOTHING_SCORED) if ranking else _(QUIZ_NOT_TAKEN))
    bars, legend = _chart(scored, names, shortlist)
    shown = list(answers or [])[: detail.answers]
    hidden = len(answers or []) - len(shown)
    more = (
        ngettext(
            "\u2026and {n} more answer (all of them are in the CSV/JSON export).",
            "\u2026and {n} more answers (all of them are in the CSV/JSON export).",
            hidden,
        ).format(n=hidden)
        if hidden
        else ""
    )
    by_id = {r.setting_id: r for r in ranking}
    # A shared place (scores closer than the ratings can tell apart) is said as such, never broken silently.
    rank_of = {r.setting_id: place_words(r.rank_label or str(i)) for i, r in enumerate(ranking, start=1)}
    settings = [
        _ranked_setting(by_id[sid], rank_of[sid], len(ranking), n == 0, detail)
        for n, sid in enumerate(s for s in shortlist if s in by_id)
    ]
    return Ranking(
        _("Your fit ranking"),
        chart_title=_("Fit with your answers (0\u2013100)"),
        bars=bars,
        legend=legend,
        answers_title=_("Your answers"),
        answers=[(clip(q, 60) + ": ", clip(a, 110)) for q, a in shown],
        more_answers=more,
        settings=settings,
        labels=(_("For"), _("Against"), _("Flag"), _("Check"), _("Judgement")),
    )


def _comparison_rows(
    settings: list[Profile], catalogs: Catalogs, fit: Mapping[str, float | None], cites: Citations
) -> list[list[str]]:
    rows = []
    for p in settings:
        pay = p.facts.median_wage_annual
        pay_text = (
            f"{format_value(pay, spoken=True)}\n{pay_origin(p)}{cites.cite(pay)}"
            if pay.value is not None
            else f"{_(NO_FIGURE)}\n{clip(gap_reason(pay), 150)}"
        )
        fit_cell = [] if not fit else ["\u2013" if fit.get(p.id) is None else f"{fit[p.id]:.0f}"]
        hours = _("nights: {nights}\nweekends: {weekends}").format(
            nights=_(FREQUENCY_LABELS[p.schedule.nights]), weekends=_(FREQUENCY_LABELS[p.schedule.weekends])
        )
        rows.append([p.name, *fit_cell, pay_text, hours, credential_words(p, catalogs)])
    return rows


def next_steps_content(
    profile: Profile,
    held: Collection[str],
    catalogs: Catalogs,
    why: str,
    detail: Detail,
    person: Person | None,
    cites: Citations,
) -> NextSteps:
    """The credentials the top setting wants that the person lacks, and what else entry usually needs; `why` says
    why this setting ('your best fit on the shortlist')."""
    missing = missing_credentials(profile, set(held), catalogs)
    held_names = [catalogs.credentials[c].short_name for c in sorted(held) if c in catalogs.credentials]
    if not missing:
        if held_names:
            intro = _("{name} is {why}. You already hold every credential it requires or prefers ({held}).")
        else:
            intro = _("{name} is {why}. You already hold every credential it requires or prefers, or it lists none.")
    elif held_names:
        intro = _("{name} is {why}. Credentials it requires or prefers that you do not hold yet (you hold: {held}):")
    else:
        intro = _("{name} is {why}. Credentials it requires or prefers that you do not hold yet:")
    blocks = [
        credential_block(cred, relevance, cites, detail.eligibility_chars)
        for cred, relevance in missing[:MAX_NEXT_STEP_CREDENTIALS]
    ]
    also = ""
    if len(missing) > MAX_NEXT_STEP_CREDENTIALS:
        rest = ", ".join(c.short_name for c, _r in missing[MAX_NEXT_STEP_CREDENTIALS:])
        also = _("Also wanted here: {list}.").format(list=rest)
    entry = entry_lines(profile, person, set(held), catalogs) if profile.entry else []
    return NextSteps(
        heading=_("Next steps for {name}").format(name=profile.name),
        intro=intro.format(name=profile.name, why=why, held=", ".join(held_names)),
        credentials=blocks,
        also=also,
        entry_title=_("Entry usually needs (besides credentials):"),
        entry=entry,
    )


def summary_content(
    ranking: Sequence[SettingResult],
    profiles: Mapping[str, Profile],
    catalogs: Catalogs,
    kept: list[str],
    note: str,
    held: Collection[str],
    client_name: str,
    session_date: date | None,
    answers: Sequence[tuple[str, str]] | None,
    detail: Detail,
    place: PlaceSummary | None = None,
    person: Person | None = None,
) -> Summary:
    """Everything the summary says, at the given level of detail; sources are numbered in page order."""
    cites = Citations(catalogs.sources)
    scored = any(r.score is not None for r in ranking)
    names = {sid: p.short_name for sid, p in profiles.items()}
    settings = [profiles[s] for s in kept]
    fit = {r.setting_id: r.score for r in ranking} if scored else {}
    ranking_part = ranking_content(ranking, kept, names, answers, detail)
    rows = _comparison_rows(settings, catalogs, fit, cites)
    steps = None
    if settings:
        best = next((r for r in ranking if r.setting_id in kept and r.score is not None), None) if scored else None
        top = profiles[best.setting_id] if best else settings[0]
        # Only a scored setting is called a fit, and one that shares its place is said to share it.
        why = (
            _("the first setting on your shortlist")
            if best is None
            else _("one of your equal best fits on the shortlist")
            if best.rank_label.startswith("=")
            else _("your best fit on the shortlist")
        )
        steps = next_steps_content(top, held, catalogs, why, detail, person, cites)
    return Summary(
        title=_("Pharmacy technician settings: take-home summary"),
        footer=_(
            "Rx Settings Explorer \u00b7 take-home summary \u00b7 an exploration aid, not a test "
            "\u00b7 page {page} of {pages}"
        ),
        tagline=_("Rx Settings Explorer \u00b7 US pharmacy-technician practice settings"),
        heading=_("Take-home summary: pharmacy technician settings"),
        who=header_lines(client_name, session_date),
        ranking=ranking_part,
        comparison_heading=_("Your shortlist side by side"),
        comparison_headings=[_("Setting")]
        + ([_("Fit")] if fit else [])
        + [_("Median pay"), _("Nights / weekends (editorial)"), _("Key credentials (editorial)")],
        comparison_rows=rows,
        comparison_note=_(
            "Median pay: BLS figures for the industry each setting maps to (annual, national). "
            "Where the BLS publishes no figure for a setting, none is guessed."
        ),
        with_fit=bool(fit),
        shortlist_note=note,
        place=place_table(place) if place is not None else None,
        next_steps=steps,
        no_settings=_("No settings were shortlisted."),
        questions_title=_(QUESTIONS_TITLE),
        questions_note=_(QUESTIONS_NOTE),
        questions=[
            (p.name, [q.ask for q in p.employer_questions or []][: detail.questions])
            for p in settings
            if p.employer_questions
        ],
        sources=cites.lines(),
        caveat_title=_("Please keep in mind"),
        caveat=_(CAVEAT),
    )
