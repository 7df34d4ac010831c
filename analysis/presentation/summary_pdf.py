"""Take-home summary of a counselling session: one page, two at most, as PDF bytes.

What the page says is built in summary_content (plain text from the results); this module lays it out with the
shared page primitives of pdf_layout, and shrinks the detail until it fits two pages. Everything is built in
memory and returned as bytes; nothing is written to disk, and the client's name and date appear only on the page
(never in the PDF metadata, never stored).

Nothing here imports streamlit.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date

from analysis.i18n import _, long_date
from analysis.loading.loader import Catalogs
from analysis.loading.schema import Profile
from analysis.local_pay import PlaceSummary
from analysis.pathways.rules import Person
from analysis.presentation.pdf_content import MAX_ELIGIBILITY_CHARS, PlaceTable, short_eligibility
from analysis.presentation.pdf_content import source_period as _source_period
from analysis.presentation.pdf_layout import GREY, LayoutPDF, Page, clip, last_page_fill, new_page, to_latin1
from analysis.presentation.summary_content import (
    CAVEAT,
    DEFAULT_SHORTLIST,
    MAX_CHART_BARS,
    MAX_NAME_CHARS,
    MAX_NEXT_STEP_CREDENTIALS,
    MAX_SHORTLIST,
    QUIZ_NOT_TAKEN,
    QUIZ_NOTHING_SCORED,
    Detail,
    NextSteps,
    Ranking,
    Summary,
    answers_summary,
    choose_shortlist,
    summary_content,
)
from analysis.quiz import SettingResult

__all__ = [
    "CAVEAT",
    "DEFAULT_SHORTLIST",
    "MAX_CHART_BARS",
    "MAX_ELIGIBILITY_CHARS",
    "MAX_NAME_CHARS",
    "MAX_NEXT_STEP_CREDENTIALS",
    "MAX_SHORTLIST",
    "MIN_LAST_PAGE_FILL",
    "QUIZ_NOT_TAKEN",
    "QUIZ_NOTHING_SCORED",
    "answers_summary",
    "build_summary_pdf",
    "choose_shortlist",
    "clip",
    "format_date",
    "short_eligibility",
    "to_latin1",
    "_source_period",
]

MIN_LAST_PAGE_FILL = 0.35  # a second page must carry at least this share of a page, or it is rebalanced
_Detail = Detail
# Each level prints less than the one before, until the summary fits two pages.
_SHORTER = Detail(
    top_for=3,
    top_against=2,
    other_for=1,
    other_against=1,
    skipped_notes=False,
    answers=10,
    eligibility_chars=160,
    questions=3,
)
_DETAIL_LEVELS = (
    Detail(),
    _SHORTER,
    replace(_SHORTER, top_for=1, top_against=1, answers=6, eligibility_chars=110, questions=2),
)
_last_page_fill = last_page_fill


def format_date(d: date) -> str:
    """'November 24, 2026' ('24 de noviembre de 2026' in Spanish), whatever the process locale."""
    return long_date(d)


# --- Sections ---------------------------------------------------------------------------------------


def _header(page: Page, s: Summary) -> None:
    page.text(s.tagline, size=7.5, color=GREY)
    page.text(s.heading, size=14, bold=True, h=6.5)
    one_line = " \u00b7 ".join(s.who)
    if s.who and page.text_width(one_line, 9.5) <= page.width - 2:
        page.text(one_line, size=9.5, h=4.6)
    else:  # a long name wraps on its own lines (at most two, after the cut), the date below it
        for line in s.who:
            page.text(line, size=9.5, h=4.6)
    page.rule()


def _answers_column(page: Page, r: Ranking, x: float, y: float, width: float) -> float:
    pdf = page.pdf
    page.font(7, bold=True)
    pdf.set_xy(x, y)
    pdf.cell(width, 3.5, pdf.clean(r.answers_title))
    y += 4.2
    for question, answer in r.answers:
        pdf.set_xy(x, y)
        y = page.bold_lead(question, answer, x, width)
    if r.more_answers:
        pdf.set_xy(x, y)
        page.font(6.3, color=GREY)
        y = page.bold_lead("", r.more_answers, x, width, size=6.3)
    return y


def _ranking_section(page: Page, r: Ranking) -> None:
    pdf = page.pdf
    page.heading(r.heading)
    if r.message:
        page.text(r.message, size=8)
        return
    y0 = pdf.get_y()
    if r.answers:
        chart_w = page.width * 0.5
        bottom = page.bar_chart(r.chart_title, r.bars, r.legend, pdf.l_margin, y0, chart_w)
        bottom = max(bottom, _answers_column(page, r, pdf.l_margin + chart_w + 5, y0, page.width - chart_w - 5))
    else:
        bottom = page.bar_chart(r.chart_title, r.bars, r.legend, pdf.l_margin, y0, page.width * 0.72)
    pdf.set_y(bottom + 1)
    label_w = page.label_width(r.labels)
    for setting in r.settings:
        page.ensure(16)
        pdf.ln(1.2)
        page.text(setting.title, size=8.8, bold=True, h=4.2)
        for label, text in setting.rows:
            page.row(label, text, label_w=label_w)
        if setting.note:
            page.text(setting.note, size=6.5, color=GREY, indent=16)


def _comparison(page: Page, s: Summary) -> None:
    # Keep the table on one page when it fits on one (a row alone on the next page reads badly).
    page.heading(s.comparison_heading, room=min(16 + 12 * len(s.comparison_rows), 120))
    widths = [48] + ([16] if s.with_fit else []) + [37, 36, 0]
    widths[-1] = page.width - sum(widths)
    page.pdf.set_line_width(0.2)
    page.pdf.set_fill_color(255, 255, 255)
    page.table_rows(widths, s.comparison_headings, s.comparison_rows)
    page.text(s.comparison_note, size=6.3, color=GREY)


def _place_section(page: Page, place: PlaceTable) -> None:
    page.heading(place.heading, room=16 + 6 * len(place.rows))
    page.table_rows([page.width - 5 * 24.0] + [24.0] * 5, place.headings, place.rows)
    if place.rank:
        page.text(place.rank, size=7.4)
    for note in place.notes:
        page.text(note, size=7.2)
    page.text(place.footnote, size=6.3, color=GREY)


def _next_steps(page: Page, steps: NextSteps) -> None:
    # The heading, its intro and the first credential stay together.
    first = steps.credentials[0].est_height if steps.credentials else 0
    page.heading(steps.heading, room=14 + first)
    page.text(steps.intro, size=7.8)
    labels = [label for block in steps.credentials for label, _text in block.rows]
    label_w = page.label_width(labels, size=7.2, least=15) if labels else 15
    for block in steps.credentials:
        page.ensure(block.est_height)  # keep the block on one page
        page.pdf.ln(0.8)
        page.text(block.title, size=8, bold=True, indent=3, h=3.8)
        for label, text in block.rows:
            page.row(label, text, size=7.2, indent=6, label_w=label_w)
    if steps.also:
        page.text(steps.also, size=7, indent=3)
    if steps.entry:
        page.ensure(10)
        page.text(steps.entry_title, size=7.8, bold=True)
        for line in steps.entry:
            page.text("\u2022 " + line, size=7, indent=3)


def _questions(page: Page, s: Summary) -> None:
    """The shortlist's questions to ask an employer: one run-on paragraph per setting, so they take little room."""
    if not s.questions:
        return
    page.heading(s.questions_title, room=16)
    page.text(s.questions_note, size=6.6, color=GREY)
    for name, asks in s.questions:
        page.ensure(8)
        page.pdf.ln(0.5)
        numbered = " ".join(f"{n}. {ask}" for n, ask in enumerate(asks, start=1))
        page.bold_lead(f"{name}: ", numbered, page.pdf.l_margin, page.width, size=7.2, h=3.3)
        page.pdf.set_xy(page.pdf.l_margin, page.pdf.get_y() + 3.3)


def draw_summary(s: Summary, comparison_on_page_two: bool = False) -> LayoutPDF:
    """Lay the summary out; returns the finished document."""
    page = new_page(s.title, s.footer)
    _header(page, s)
    _ranking_section(page, s.ranking)
    if s.comparison_rows:
        if comparison_on_page_two and page.pdf.page_no() == 1:
            page.pdf.add_page()
        _comparison(page, s)
    if s.shortlist_note:
        page.text(s.shortlist_note, size=7, color=GREY)
    if s.place is not None:
        _place_section(page, s.place)
    if s.next_steps is not None:
        _next_steps(page, s.next_steps)
    else:
        page.text(s.no_settings, size=8)
    _questions(page, s)
    page.numbered(_("Sources"), s.sources)
    page.note_box(s.caveat_title, s.caveat)
    return page.pdf


# --- Public API -------------------------------------------------------------------------------------


def build_summary_pdf(
    *,
    ranking: Sequence[SettingResult],
    profiles: Mapping[str, Profile],
    catalogs: Catalogs,
    shortlist: Sequence[str] | None = None,
    held: Collection[str] = frozenset(),
    client_name: str = "",
    session_date: date | None = None,
    quiz_answers_summary: Sequence[tuple[str, str]] | None = None,
    place: PlaceSummary | None = None,
    person: Person | None = None,
) -> bytes:
    """The take-home summary of a counselling session as PDF bytes (US Letter, one page, two at most).

    Args:
        ranking: `QuizResult.ranking` from `analysis.quiz.score`; an empty list when the client did
            not take the quiz (the page then says so and shows the shortlist comparison only).
        profiles: setting id -> Profile, e.g. `load_profiles().by_id()`.
        catalogs: `LoadResult.catalogs` (sources and credentials).
        shortlist: setting ids to compare. Default: the top 3 of the ranking. Unknown ids and
            repeats are dropped; at most MAX_SHORTLIST (4) are shown, in ranking order, and the
            page names any left out.
        held: ids of credentials the client already holds (left out of the next steps).
        client_name: typed in by the counselor; printed on the page only (cut to 80 characters,
            wrapped), never stored and never put in the PDF metadata. Empty: no name line.
        session_date: printed as e.g. "November 24, 2026"; None: no date.
        quiz_answers_summary: (question, answer) pairs to list next to the chart, e.g. from
            `answers_summary(quiz, answers, weights)`; None or empty: not shown.
        place: the chosen state or area's published figures (`analysis.local_pay.place_summary`); None: the
            summary shows national figures only.
        person: the client's experience (years, hours a week, sterile years) as the credential planner has it;
            the next steps then say which of the setting's entry conditions are met or missing and roughly how
            long at their hours. None: the entry conditions are listed with their evidence, unchecked.

    Returns the PDF as bytes (starts with b"%PDF"). Built in memory; nothing is written to disk.
    If it would not fit two pages, fewer reasons and answers are printed.
    """
    kept, _left, note = choose_shortlist(ranking, profiles, shortlist)

    def render(detail: Detail) -> LayoutPDF:
        return _render(
            ranking,
            profiles,
            catalogs,
            kept,
            note,
            held,
            client_name,
            session_date,
            quiz_answers_summary,
            detail,
            place,
            person,
        )

    pdf = None
    for detail in _DETAIL_LEVELS:
        pdf = render(detail)
        if pdf.page_no() <= 2:
            break
    if pdf.page_no() == 2 and last_page_fill(pdf) < MIN_LAST_PAGE_FILL:
        # A page holding only a few lines reads as a stray: move the comparison over to fill it, or,
        # if that would not fit, print a little less so that everything fits on one page.
        balanced = render(replace(detail, comparison_on_page_two=True))
        if balanced.page_no() == 2 and last_page_fill(balanced) >= MIN_LAST_PAGE_FILL:
            pdf = balanced
        else:
            pdf = next((one for one in map(render, _DETAIL_LEVELS) if one.page_no() == 1), pdf)
    return bytes(pdf.output())


def _render(
    ranking, profiles, catalogs, kept, note, held, client_name, session_date, answers, detail, place=None, person=None
) -> LayoutPDF:
    content = summary_content(
        ranking, profiles, catalogs, kept, note, held, client_name, session_date, answers, detail, place, person
    )
    return draw_summary(content, detail.comparison_on_page_two)
