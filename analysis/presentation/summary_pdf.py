"""Take-home summary of a counselling session: one page, two at most, as PDF bytes.

Built in pure Python with fpdf2: no browser, no kaleido, no matplotlib. The fit-score bar
chart is drawn natively with rectangles and lines. Everything is built in memory and returned
as bytes; nothing is written to disk, and the client's name and date appear only on the page
(never in the PDF metadata, never stored).

Text is set in DejaVu Sans (Debian package fonts-dejavu-core), which covers Latin, Greek and
Cyrillic; a character outside the font (e.g. CJK) is printed as '?'. If the font files are
missing, the summary falls back to the PDF core font Helvetica with the text transliterated
to Latin-1 (en dash -> '-', curly quotes -> straight quotes, 'ő' -> 'o', others -> '?'),
rather than failing.

Nothing here imports streamlit.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from fpdf import FPDF, ViewerPreferences
from fpdf.enums import TableBordersLayout, TableCellFillMode, VAlign
from fpdf.fonts import FontFace

from analysis.i18n import N_, _, language_tag, long_date, ngettext, number
from analysis.loading.frames import FREQUENCY_LABELS
from analysis.loading.loader import Catalogs
from analysis.loading.schema import NO_FIGURE, Credential, Fact, Profile, Source
from analysis.local_pay import INDUSTRY_WORDS, SOURCE, PlaceSummary
from analysis.local_pay import money as local_money
from analysis.pathways.entry import entry_lines
from analysis.pathways.gaps import missing_credentials
from analysis.pathways.plan import LABELS as RELEVANCE_WORDS
from analysis.pathways.rules import Person
from analysis.periods import localize_period
from analysis.presentation.charts import PALETTE
from analysis.presentation.facts import format_value, oews_citation, plain_period
from analysis.quiz import (
    WEIGHT_LABELS,
    Answers,
    Quiz,
    SettingResult,
    Weights,
    chosen_option,
    effective_weight,
    judgement_subjects,
    reasons_for_against,
)
from analysis.quiz.flip import place_words

LOGGER = logging.getLogger(__name__)

# Module-level so tests (and other platforms) can point them elsewhere.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
UNICODE_FAMILY = "DejaVu"
CORE_FAMILY = "Helvetica"

DEFAULT_SHORTLIST = 3  # with no shortlist given: the top 3 of the ranking
MAX_SHORTLIST = 4  # more than this does not fit two pages with reasons; the rest are named as left out
MAX_NAME_CHARS = 80  # a longer client name is cut with an ellipsis (and still wraps if wide)
MAX_CHART_BARS = 14  # every bundled setting and a local one; any further ones are named under the chart
MAX_NEXT_STEP_CREDENTIALS = 3
MAX_ELIGIBILITY_CHARS = 220
MIN_LAST_PAGE_FILL = 0.35  # a second page must carry at least this share of a page, or it is rebalanced

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

# Colours (RGB). The blue and grey differ in lightness too, and the chart also says in words
# which bars are shortlisted or flagged, so colour never carries meaning alone.
_BLUE = (0x00, 0x72, 0xB2)
_ORANGE = (0xE6, 0x9F, 0x00)
_PALE = (0xB9, 0xD3, 0xE6)
_INK = (25, 25, 25)
_GREY = (105, 105, 105)
_RULE = (190, 190, 190)
_TRACK = (238, 238, 238)
_HEAD_FILL = (228, 238, 246)
_BOX_FILL = (246, 243, 232)
assert PALETTE[0].lower() == "#0072b2" and PALETTE[1].lower() == "#e69f00"  # same palette as the app


# --- Text that every font can show ------------------------------------------------------------

# Typographic characters outside Latin-1, for the core-font fallback.
_LATIN1_MAP = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u2023": "-",
        "\u2043": "-",
        "\u25cf": "-",
        "\u2192": "->",
        "\u2190": "<-",
        "\u2264": "<=",
        "\u2265": ">=",
        "\u2248": "~",
        "\u2260": "!=",
        "\u26a0": "(!)",
        "\u2713": "v",
        "\u2714": "v",
        "\u00a0": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u200d": "",
        "\ufeff": "",
        "\u20ac": "EUR",
        "\u2122": "(TM)",
        "\u0152": "OE",
        "\u0153": "oe",
        "\u0141": "L",
        "\u0142": "l",
    }
)


def _one_char_latin1(ch: str) -> str:
    if ord(ch) < 256:
        return ch
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if base and all(32 <= ord(c) < 256 for c in base) else "?"


def to_latin1(text: str) -> str:
    """Text the PDF core fonts can show: typographic characters spelled out, accents dropped where
    the letter is outside Latin-1, anything else '?'. Latin-1 letters (ë, Ñ, Ø) are kept."""
    text = unicodedata.normalize("NFC", str(text)).translate(_LATIN1_MAP)
    return "".join(_one_char_latin1(ch) for ch in text)


def _clean_controls(text: str) -> str:
    """Control characters (tabs, stray newlines, NUL...) become spaces; runs of spaces collapse."""
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\n" else ch
        for ch in unicodedata.normalize("NFC", str(text))
    )
    return re.sub(r"[ ]{2,}", " ", text)


def _for_glyphs(glyphs: Collection[int]) -> Callable[[str], str]:
    def safe(text: str) -> str:
        return "".join(ch if ch == "\n" or ord(ch) in glyphs else "?" for ch in _clean_controls(text))

    return safe


def _for_core(text: str) -> str:
    return to_latin1(_clean_controls(text))


def clip(text: str, limit: int) -> str:
    """Cut at a word boundary (if one is near) and add an ellipsis; unchanged if short enough."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def short_eligibility(text: str, limit: int = MAX_ELIGIBILITY_CHARS) -> str:
    """The eligibility statement, cut to `limit` characters at a word boundary."""
    return clip(text, limit)


def format_date(d: date) -> str:
    """'November 24, 2026' ('24 de noviembre de 2026' in Spanish), whatever the process locale."""
    return long_date(d)


# --- Facts as text, each with its period -----------------------------------------------------------


def _period(fact: Fact, sources: Mapping[str, Source] | None = None) -> str:
    """'PTCB refund policy (c. 2024-25)' -> 'PTCB refund policy, c. 2024-25', so it nests in brackets; a
    'current' period becomes the month the page was read (facts.plain_period): paper has no 'current'."""
    p = plain_period(fact, dict(sources or {})).strip()
    return re.sub(r"\s*\(([^()]*)\)", r", \1", p)


def _gap_reason(fact: Fact) -> str:
    """Why there is no figure, from the gap's note, without repeating 'no published figure'."""
    note = " ".join((fact.note or "").split())
    rest = re.sub(r"^(no published figure|no hay cifra publicada)\s*[:;,.]?\s*", "", note, flags=re.IGNORECASE)
    if not rest:
        return _("none is published")
    return _("none is published {rest}").format(rest=rest) if rest.lower().startswith(("for ", "para ")) else rest


def _pay_origin(p: Profile) -> str:
    """'BLS OEWS, May 2025 · General Medical and Surgical Hospitals' — and a plain warning where that industry is
    only the nearest one."""
    pay = p.facts.median_wage_annual
    if not pay.oews:
        return _period(pay)
    nearest = _(" (nearest industry only)") if p.bls_industry.confidence in ("low", "none") else ""
    return oews_citation(pay) + nearest


# --- The page --------------------------------------------------------------------------------------


@dataclass
class _Detail:
    """How much to print; shrunk step by step if the summary would not fit two pages."""

    top_for: int = 3
    top_against: int = 2
    other_for: int = 2
    other_against: int = 1
    skipped_notes: bool = True
    answers: int = 16  # answer lines shown in the "your answers" column
    eligibility_chars: int = MAX_ELIGIBILITY_CHARS
    comparison_on_page_two: bool = False  # start the side-by-side table on page 2 so that page is not near-empty


_DETAIL_LEVELS = (
    _Detail(),
    _Detail(
        top_for=3, top_against=2, other_for=1, other_against=1, skipped_notes=False, answers=10, eligibility_chars=160
    ),
    _Detail(
        top_for=1, top_against=1, other_for=1, other_against=1, skipped_notes=False, answers=6, eligibility_chars=110
    ),
)


class _SummaryPDF(FPDF):
    def __init__(self, family: str, safe: Callable[[str], str] | None) -> None:
        super().__init__(orientation="P", unit="mm", format="letter")
        self.text_family = family
        self.clean = safe or (lambda s: s)

    def footer(self) -> None:  # fpdf2 hook
        self.set_y(-10)
        self.set_font(self.text_family, "", 6.5)
        self.set_text_color(*_GREY)
        self.cell(
            0,
            4,
            self.clean(
                _(
                    "Rx Settings Explorer \u00b7 take-home summary \u00b7 an exploration aid, not a test "
                    "\u00b7 page {page} of {pages}"
                ).format(page=self.page_no(), pages="{nb}")
            ),
            align="C",
        )


_WARNED: set[Path] = set()  # warn once per missing font file, not on every build


def _new_pdf() -> _SummaryPDF:
    """A PDF with DejaVu Sans registered, or the Helvetica fallback when the font files are missing."""
    regular, bold = Path(FONT_REGULAR), Path(FONT_BOLD)
    if regular.is_file():
        pdf = _SummaryPDF(UNICODE_FAMILY, None)
        try:
            pdf.add_font(UNICODE_FAMILY, "", str(regular))
            pdf.add_font(UNICODE_FAMILY, "B", str(bold if bold.is_file() else regular))
        except Exception as exc:  # a damaged font file: fall back rather than fail
            LOGGER.warning("could not load %s (%s); using Helvetica with Latin-1 text", regular, exc)
        else:
            pdf.clean = _for_glyphs(frozenset(pdf.fonts[UNICODE_FAMILY.lower()].cmap))
            return pdf
    elif regular not in _WARNED:
        _WARNED.add(regular)
        LOGGER.warning("font %s not found (install fonts-dejavu-core); using Helvetica with Latin-1 text", regular)
    return _SummaryPDF(CORE_FAMILY, _for_core)


@dataclass
class _Page:
    """The PDF being written, with the helpers every section uses."""

    pdf: _SummaryPDF
    sources: dict  # catalogs.sources
    cited: dict[str, int] = field(default_factory=dict)  # source id -> [n], in order of first use

    @property
    def width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def font(self, size: float, bold: bool = False, color: tuple[int, int, int] = _INK) -> None:
        self.pdf.set_font(self.pdf.text_family, "B" if bold else "", size)
        self.pdf.set_text_color(*color)

    def text(
        self,
        text: str,
        size: float = 8,
        bold: bool = False,
        color=_INK,
        indent: float = 0,
        width: float | None = None,
        h: float | None = None,
        align: str = "L",
    ) -> None:
        """A wrapped paragraph starting at the left margin + indent."""
        self.font(size, bold, color)
        pdf = self.pdf
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            width or (self.width - indent),
            h or size * 0.45,
            self.pdf.clean(text),
            align=align,
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def row(self, label: str, text: str, size: float = 7.3, indent: float = 3, label_w: float = 13) -> None:
        """A label in its own narrow column (bold), the text wrapping beside it."""
        pdf = self.pdf
        h = size * 0.45
        pdf.set_x(pdf.l_margin + indent)
        self.font(size, bold=True)
        pdf.cell(label_w, h, pdf.clean(label))
        self.font(size)
        pdf.multi_cell(self.width - indent - label_w, h, pdf.clean(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str, room: float = 22) -> None:
        """A section heading, moved to a new page rather than left alone at the bottom of one."""
        self.ensure(room)
        self.pdf.ln(1.5)
        self.text(text, size=10.5, bold=True, color=_BLUE)
        y = self.pdf.get_y() + 0.3
        self.pdf.set_draw_color(*_BLUE)
        self.pdf.set_line_width(0.3)
        self.pdf.line(self.pdf.l_margin, y, self.pdf.l_margin + self.width, y)
        self.pdf.ln(1.6)

    def ensure(self, room: float) -> None:
        if self.pdf.get_y() + room > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def cite(self, fact: Fact) -> str:
        """' [n]' for a figure's source (numbered in order of first use); '' for a gap."""
        sid = fact.source
        if fact.value is None or not sid or sid not in self.sources:
            return ""
        n = self.cited.setdefault(sid, len(self.cited) + 1)
        return f" [{n}]"

    def dated(self, fact: Fact) -> str:
        """'$129 (PTCB refund policy, c. 2024-25) [2]' or 'no published figure'."""
        if fact.value is None:
            return _(NO_FIGURE)
        period = _period(fact, self.sources)
        return format_value(fact, spoken=True) + (f" ({period})" if period else "") + self.cite(fact)


# --- Sections ---------------------------------------------------------------------------------------


def _header(page: _Page, client_name: str, session_date: date | None) -> None:
    pdf = page.pdf
    page.text(_("Rx Settings Explorer \u00b7 US pharmacy-technician practice settings"), size=7.5, color=_GREY)
    page.text(_("Take-home summary: pharmacy technician settings"), size=14, bold=True, h=6.5)
    who = []
    name = (
        clip(_clean_controls(client_name).replace("\n", " "), MAX_NAME_CHARS)
        if client_name and client_name.strip()
        else ""
    )
    if name:
        who.append(_("Prepared for {name}").format(name=name))
    if session_date is not None:
        who.append(_("Session of {date}").format(date=format_date(session_date)))
    page.font(9.5)
    if who and pdf.get_string_width(pdf.clean(" \u00b7 ".join(who))) <= page.width - 2:
        page.text(" \u00b7 ".join(who), size=9.5, h=4.6)
    else:  # a long name wraps on its own lines (at most two, after the cut), the date below it
        for line in who:
            page.text(line, size=9.5, h=4.6)
    pdf.ln(0.8)
    pdf.set_draw_color(*_RULE)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + page.width, pdf.get_y())
    pdf.ln(1)


def _fit_chart(
    page: _Page,
    scored: list[SettingResult],
    names: Mapping[str, str],
    shortlist: Collection[str],
    x: float,
    y: float,
    width: float,
) -> float:
    """Horizontal bars of fit scores in ranked order, drawn with rectangles. Returns the bottom y."""
    pdf = page.pdf
    label_w, value_w = 27.0, 22.0
    bar_x = x + label_w + 1.5
    bar_w = max(width - label_w - value_w - 1.5, 20.0)
    row, bar_h = 4.1, 3.0
    page.font(7, bold=True)
    pdf.set_xy(x, y)
    pdf.cell(width, 3.5, pdf.clean(_("Fit with your answers (0\u2013100)")))
    y += 4.2
    top = y
    for i, r in enumerate(scored[:MAX_CHART_BARS]):
        yy = top + i * row
        chosen = r.setting_id in shortlist
        page.font(6.8, bold=chosen)
        pdf.set_xy(x, yy)
        pdf.cell(label_w, bar_h, pdf.clean(clip(names.get(r.setting_id, r.name), 24)), align="R")
        pdf.set_fill_color(*_TRACK)
        pdf.rect(bar_x, yy, bar_w, bar_h, style="F")
        colour = _ORANGE if r.deal_breakers else (_BLUE if chosen else _PALE)
        pdf.set_fill_color(*colour)
        pdf.rect(bar_x, yy, bar_w * max(min(r.score or 0.0, 100.0), 0.0) / 100, bar_h, style="F")
        if r.deal_breakers:  # hatching, so the flag does not rest on colour
            pdf.set_draw_color(255, 255, 255)
            pdf.set_line_width(0.25)
            end = bar_x + bar_w * (r.score or 0.0) / 100
            xx = bar_x + 1.2
            while xx < end:
                pdf.line(xx, yy + bar_h, min(xx + bar_h, end), yy + bar_h - (min(xx + bar_h, end) - xx))
                xx += 1.4
        page.font(6.8, bold=chosen)
        pdf.set_xy(bar_x + bar_w + 1, yy)
        pdf.cell(value_w, bar_h, pdf.clean(f"{r.score:.0f}" + (" " + _("deal-breaker") if r.deal_breakers else "")))
    bottom = top + min(len(scored), MAX_CHART_BARS) * row
    # Axis: 0, 50, 100.
    pdf.set_draw_color(*_RULE)
    pdf.set_line_width(0.15)
    for tick in (0, 50, 100):
        tx = bar_x + bar_w * tick / 100
        pdf.line(tx, top - 0.6, tx, bottom - 0.6)
        page.font(5.8, color=_GREY)
        pdf.set_xy(tx - 5, bottom - 0.2)
        pdf.cell(10, 2.6, str(tick), align="C")
    page.font(5.8, color=_GREY)
    pdf.set_xy(x, bottom + 2.6)
    legend = _("Dark blue: shortlisted (bold names).") + (
        " " + _("Orange, hatched: deal-breaker, moved to the end.") if any(r.deal_breakers for r in scored) else ""
    )
    rest = scored[MAX_CHART_BARS:]
    if rest:  # never dropped silently
        legend += " " + ngettext("Not drawn: {names} ({n} more).", "Not drawn: {names} ({n} more).", len(rest)).format(
            names=", ".join(f"{names.get(r.setting_id, r.name)} {r.score:.0f}" for r in rest), n=len(rest)
        )
    pdf.multi_cell(width, 2.6, pdf.clean(legend), new_x="LMARGIN", new_y="NEXT")
    return pdf.get_y()


def _answers_column(
    page: _Page, answers: Sequence[tuple[str, str]], x: float, y: float, width: float, limit: int
) -> float:
    pdf = page.pdf
    page.font(7, bold=True)
    pdf.set_xy(x, y)
    pdf.cell(width, 3.5, pdf.clean(_("Your answers")))
    y += 4.2
    shown = list(answers)[:limit]
    old = pdf.l_margin
    pdf.set_left_margin(x)
    for question, answer in shown:
        pdf.set_xy(x, y)
        page.font(6.6, bold=True)
        pdf.write(2.9, pdf.clean(clip(question, 60) + ": "))
        page.font(6.6)
        pdf.write(2.9, pdf.clean(clip(answer, 110)))
        y = pdf.get_y() + 3.3
    if len(answers) > len(shown):
        pdf.set_xy(x, y)
        page.font(6.3, color=_GREY)
        pdf.write(
            2.9,
            pdf.clean(
                _("\u2026and {n} more answers (all of them are in the CSV/JSON export).").format(
                    n=len(answers) - len(shown)
                )
            ),
        )
        y = pdf.get_y() + 3.3
    pdf.set_left_margin(old)
    return y


def _ranking_section(
    page: _Page,
    ranking: Sequence[SettingResult],
    shortlist: list[str],
    names: Mapping[str, str],
    answers: Sequence[tuple[str, str]] | None,
    detail: _Detail,
) -> None:
    pdf = page.pdf
    scored = [r for r in ranking if r.score is not None]
    page.heading(_("Your fit ranking") if scored else _("Fit quiz"))
    if not scored:
        page.text(_(QUIZ_NOTHING_SCORED) if ranking else _(QUIZ_NOT_TAKEN), size=8)
        return
    y0 = pdf.get_y()
    if answers:
        chart_w = page.width * 0.5
        bottom_chart = _fit_chart(page, scored, names, shortlist, pdf.l_margin, y0, chart_w)
        bottom_answers = _answers_column(
            page, answers, pdf.l_margin + chart_w + 5, y0, page.width - chart_w - 5, detail.answers
        )
        pdf.set_y(max(bottom_chart, bottom_answers) + 1)
    else:
        pdf.set_y(_fit_chart(page, scored, names, shortlist, pdf.l_margin, y0, page.width * 0.72) + 1)

    by_id = {r.setting_id: r for r in ranking}
    # A shared place (scores closer than the ratings can tell apart) is said as such, never broken silently.
    rank_of = {r.setting_id: place_words(r.rank_label or str(i)) for i, r in enumerate(ranking, start=1)}
    for n, sid in enumerate(s for s in shortlist if s in by_id):
        r = by_id[sid]
        page.ensure(16)
        pdf.ln(1.2)
        score = _("fit {score}/100").format(score=f"{r.score:.0f}") if r.score is not None else _("no fit score")
        page.text(
            _("{name} \u2014 {score} ({rank} of {n})").format(
                name=r.name, score=score, rank=rank_of[sid], n=len(ranking)
            ),
            size=8.8,
            bold=True,
            h=4.2,
        )
        n_for, n_against = (detail.top_for, detail.top_against) if n == 0 else (detail.other_for, detail.other_against)
        pros, cons = reasons_for_against(r, n=max(n_for, n_against))
        labels = (_("For"), _("Against"), _("Flag"), _("Check"), _("Judgement"))
        page.font(7.3, bold=True)  # the label column fits the longest label in the current language
        label_w = max(13.0, max(pdf.get_string_width(pdf.clean(x)) for x in labels) + 1.5)
        for label, items, limit, empty in (
            (labels[0], pros, n_for, _("nothing in your answers stands out for it.")),
            (labels[1], cons, n_against, _("nothing in your answers stands out against it.")),
        ):
            texts = [c.reason for c in items[:limit]] or [empty]
            for i, text in enumerate(texts):
                page.row(label if i == 0 else "", text, label_w=label_w)
        for flag in r.deal_breakers:
            page.row(
                labels[2],
                _("Deal-breaker: {flag} Moved to the end of the ranking; its score is unchanged.").format(flag=flag),
                label_w=label_w,
            )
        for caution in r.cautions:
            page.row(labels[3], caution, label_w=label_w)
        judged = judgement_subjects(r)
        if judged:
            page.row(
                labels[4],
                _("rests on our judgement alone, counted at half weight: {what}.").format(what=", ".join(judged)),
                label_w=label_w,
            )
        if detail.skipped_notes and r.skipped:
            page.text(r.skipped[0], size=6.5, color=_GREY, indent=16)


def _credential_words(profile: Profile, catalogs: Catalogs) -> str:
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


@contextmanager
def _table(page: _Page, widths: Sequence[float], headings: Sequence[str]):
    """The PDF's one table style: small type, ruled rows, a shaded heading row (already written)."""
    pdf = page.pdf
    page.font(7.2)
    pdf.set_draw_color(*_RULE)
    head_style = FontFace(emphasis="BOLD", fill_color=_HEAD_FILL, size_pt=7.2, color=_INK)
    with pdf.table(
        col_widths=widths,
        width=page.width,
        align="LEFT",
        text_align="LEFT",
        v_align=VAlign.T,
        line_height=3.3,
        padding=(0.9, 1.2),
        headings_style=head_style,
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        cell_fill_mode=TableCellFillMode.NONE,
    ) as table:
        row = table.row()
        for h in headings:
            row.cell(pdf.clean(h))
        yield table


def _comparison(page: _Page, settings: list[Profile], catalogs: Catalogs, fit: Mapping[str, float | None]) -> None:
    pdf = page.pdf
    # Keep the table on one page when it fits on one (a row alone on the next page reads badly).
    page.heading(_("Your shortlist side by side"), room=min(16 + 12 * len(settings), 120))
    with_fit = bool(fit)
    headings = (
        [_("Setting")]
        + ([_("Fit")] if with_fit else [])
        + [_("Median pay"), _("Nights / weekends (editorial)"), _("Key credentials (editorial)")]
    )
    widths = [48] + ([16] if with_fit else []) + [37, 36, 0]
    widths[-1] = page.width - sum(widths)
    pdf.set_line_width(0.2)
    pdf.set_fill_color(255, 255, 255)
    with _table(page, widths, headings) as table:
        for p in settings:
            pay = p.facts.median_wage_annual
            pay_text = (
                f"{format_value(pay, spoken=True)}\n{_pay_origin(p)}{page.cite(pay)}"
                if pay.value is not None
                else f"{_(NO_FIGURE)}\n{clip(_gap_reason(pay), 150)}"
            )
            row = table.row()
            row.cell(pdf.clean(p.name))
            if with_fit:
                s = fit.get(p.id)
                row.cell(pdf.clean("\u2013" if s is None else f"{s:.0f}"))
            row.cell(pdf.clean(pay_text))
            row.cell(
                pdf.clean(
                    _("nights: {nights}\nweekends: {weekends}").format(
                        nights=_(FREQUENCY_LABELS[p.schedule.nights]), weekends=_(FREQUENCY_LABELS[p.schedule.weekends])
                    )
                )
            )
            row.cell(pdf.clean(_credential_words(p, catalogs)))
    page.text(
        _(
            "Median pay: BLS figures for the industry each setting maps to (annual, national). "
            "Where the BLS publishes no figure for a setting, none is guessed."
        ),
        size=6.3,
        color=_GREY,
    )


def _next_steps(
    page: _Page,
    profile: Profile,
    held: Collection[str],
    catalogs: Catalogs,
    from_quiz: bool,
    detail: _Detail,
    person: Person | None = None,
) -> None:
    _credential_steps(page, profile, held, catalogs, from_quiz, detail)
    _entry_lines(page, profile, held, catalogs, person)


def _entry_lines(
    page: _Page, profile: Profile, held: Collection[str], catalogs: Catalogs, person: Person | None
) -> None:
    """What entry usually needs besides credentials, by the planner's rules: each line with its evidence, and
    met or missing (with rough time at the person's hours) when their experience is known."""
    if not profile.entry:
        return
    page.ensure(10)
    page.text(_("Entry usually needs (besides credentials):"), size=7.8, bold=True)
    for line in entry_lines(profile, person, set(held), catalogs):
        page.text("\u2022 " + line, size=7, indent=3)


def _credential_steps(
    page: _Page, profile: Profile, held: Collection[str], catalogs: Catalogs, from_quiz: bool, detail: _Detail
) -> None:
    why = _("your best fit on the shortlist") if from_quiz else _("the first setting on your shortlist")
    missing = missing_credentials(profile, set(held), catalogs)
    # The heading, its intro and the first credential stay together.
    page.heading(
        _("Next steps for {name}").format(name=profile.name),
        room=14 + (_credential_height(missing[0][0], detail) if missing else 0),
    )
    held_names = [catalogs.credentials[c].short_name for c in sorted(held) if c in catalogs.credentials]
    if not missing:
        if held_names:
            text = _("{name} is {why}. You already hold every credential it requires or prefers ({held}).")
        else:
            text = _("{name} is {why}. You already hold every credential it requires or prefers, or it lists none.")
        page.text(text.format(name=profile.name, why=why, held=", ".join(held_names)), size=7.8)
        return
    if held_names:
        intro = _("{name} is {why}. Credentials it requires or prefers that you do not hold yet (you hold: {held}):")
    else:
        intro = _("{name} is {why}. Credentials it requires or prefers that you do not hold yet:")
    intro = intro.format(name=profile.name, why=why, held=", ".join(held_names))
    page.text(intro, size=7.8)
    for cred, relevance in missing[:MAX_NEXT_STEP_CREDENTIALS]:
        _credential_block(page, cred, relevance, detail)
    if len(missing) > MAX_NEXT_STEP_CREDENTIALS:
        rest = ", ".join(c.short_name for c, _ in missing[MAX_NEXT_STEP_CREDENTIALS:])
        page.text(_("Also wanted here: {list}.").format(list=rest), size=7, indent=3)


def _credential_height(cred: Credential, detail: _Detail) -> float:
    """Rough height of a credential block (mm): title, eligibility (about 125 characters a line), fees, renewal."""
    elig_lines = 1 + (len(short_eligibility(str(cred.eligibility.value or ""), detail.eligibility_chars)) + 45) // 125
    return 6 + 3.3 * (elig_lines + 2)


def _credential_block(page: _Page, cred: Credential, relevance: str, detail: _Detail) -> None:
    page.ensure(_credential_height(cred, detail))  # keep the block on one page
    page.pdf.ln(0.8)
    here = _("{relevance} here").format(relevance=_(RELEVANCE_WORDS.get(relevance, relevance)))
    page.text(f"{cred.short_name} \u2014 {cred.name} ({cred.issuer}; {here})", size=8, bold=True, indent=3, h=3.8)
    elig = cred.eligibility
    if elig.value is None:
        page.row(_("Eligibility"), _(NO_FIGURE), size=7.2, indent=6, label_w=15)
    else:
        period = _period(elig, page.sources)
        page.row(
            _("Eligibility"),
            short_eligibility(str(elig.value), detail.eligibility_chars)
            + (f" ({period})" if period else "")
            + page.cite(elig),
            size=7.2,
            indent=6,
            label_w=15,
        )
    f = cred.facts
    page.row(
        _("Fees"),
        _("initial: {initial}; renewal: {renewal}.").format(
            initial=page.dated(f.initial_fee), renewal=page.dated(f.renewal_fee)
        ),
        size=7.2,
        indent=6,
        label_w=15,
    )
    page.row(
        _("Renewal"),
        _("{cycle}; continuing education per cycle: {ce}.").format(
            cycle=page.dated(f.renewal_cycle_years), ce=page.dated(f.ce_hours_per_cycle)
        ),
        size=7.2,
        indent=6,
        label_w=15,
    )


def _place_section(page: _Page, summary: PlaceSummary) -> None:
    """The chosen place's published all-settings figures beside its state's and the nation's, with BLS's cautions."""
    pdf = page.pdf
    page.heading(_("Pay where you live: {place}").format(place=summary.place.label), room=16 + 6 * len(summary.rows))
    headings = [_("Area (all settings)"), _("10th pct"), _("Median"), _("90th pct"), _("Technicians"), _("Error (RSE)")]
    widths = [page.width - 5 * 24.0] + [24.0] * 5
    with _table(page, widths, headings) as table:
        for area in summary.rows:
            row = table.row()
            employed = _("not published") if area.employment is None else number(area.employment)
            rse = ", ".join(
                f"{k} {v:g}%" for k, v in ((_("jobs"), area.employment_rse), (_("pay"), area.wage_rse)) if v is not None
            ) or _("not published")
            for text in (
                area.label,
                local_money(area.annual[10]),
                local_money(area.annual[50]),
                local_money(area.annual[90]),
                employed,
                rse,
            ):
                row.cell(pdf.clean(text))
    if summary.rank:
        page.text(summary.rank, size=7.4)
    for note in summary.notes:
        page.text(_("Caution: {note}").format(note=note), size=7.2)
    page.text(
        _(
            "Annual pay, {period}, {industry}: {source}, pharmacy technicians (SOC 29-2052). BLS publishes no pay "
            "for a single setting within a state or metro area, so the settings' pay figures above are "
            "national."
        ).format(period=localize_period(summary.place.period), industry=_(INDUSTRY_WORDS), source=SOURCE),
        size=6.3,
        color=_GREY,
    )


def _sources(page: _Page) -> None:
    if not page.cited:
        return
    page.heading(_("Sources"), room=8 + 3 * min(len(page.cited), 4))
    for sid, n in page.cited.items():
        src = page.sources[sid]
        page.text(
            f"[{n}] {src.publisher}: {src.title} \u2014 {_source_period(src)}", size=6.2, color=(60, 60, 60), h=2.8
        )


def _source_period(src: Source) -> str:
    """A source's period as a date.

    'current fee table (c. 2024-26)' -> 'fee table (c. 2024-26), as read in Mar 2026'.
    """
    return plain_period(Fact(value=0, unit="-", period=src.period, source=src.id, evidence="primary"), {src.id: src})


def _caveat(page: _Page) -> None:
    pdf = page.pdf
    page.font(7.4)
    height = pdf.multi_cell(page.width - 4, 3.4, pdf.clean(_(CAVEAT)), dry_run=True, output="HEIGHT") + 7
    page.ensure(height + 2)
    pdf.ln(2)
    y = pdf.get_y()
    pdf.set_fill_color(*_BOX_FILL)
    pdf.rect(pdf.l_margin, y, page.width, height, style="F")
    pdf.set_xy(pdf.l_margin + 2, y + 1.5)
    page.font(7.8, bold=True)
    pdf.cell(0, 3.6, pdf.clean(_("Please keep in mind")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 2)
    page.font(7.4)
    pdf.multi_cell(page.width - 4, 3.4, pdf.clean(_(CAVEAT)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(y + height)


# --- Public API -------------------------------------------------------------------------------------


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
    words = WEIGHT_LABELS
    for q in quiz.questions:
        idx = chosen_option(q, answers)
        if idx is None:
            continue
        opt = q.options[idx]
        w = effective_weight(q, answers, weights)
        subject = q.subject[0].upper() + q.subject[1:]
        out.append(
            (subject, opt.label if opt.target is None and not opt.deal_breaker else f"{opt.label} ({_(words[w])})")
        )
    return out


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
    kept, _, note = choose_shortlist(ranking, profiles, shortlist)

    def render(detail: _Detail) -> _SummaryPDF:
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
    if pdf.page_no() == 2 and _last_page_fill(pdf) < MIN_LAST_PAGE_FILL:
        # A page holding only a few lines reads as a stray: move the comparison over to fill it, or,
        # if that would not fit, print a little less so that everything fits on one page.
        balanced = render(replace(detail, comparison_on_page_two=True))
        if balanced.page_no() == 2 and _last_page_fill(balanced) >= MIN_LAST_PAGE_FILL:
            pdf = balanced
        else:
            pdf = next((one for one in map(render, _DETAIL_LEVELS) if one.page_no() == 1), pdf)
    return bytes(pdf.output())


def _last_page_fill(pdf: _SummaryPDF) -> float:
    """How much of the last page's writing area is used, 0 to 1."""
    return (pdf.get_y() - pdf.t_margin) / (pdf.page_break_trigger - pdf.t_margin)


def _render(
    ranking, profiles, catalogs, kept, note, held, client_name, session_date, answers, detail, place=None, person=None
) -> _SummaryPDF:
    pdf = _new_pdf()
    pdf.set_margins(14, 11, 14)
    pdf.set_auto_page_break(True, margin=13)
    # Title and language for screen readers and search: the reader announces the title (not the file name) and
    # reads the text with the rules of the language it is written in. No client name in metadata.
    pdf.set_title(_("Pharmacy technician settings: take-home summary"))
    pdf.set_lang(language_tag())
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_creator("Rx Settings Explorer")
    pdf.add_page()
    page = _Page(pdf, catalogs.sources)

    _header(page, client_name, session_date)
    scored = any(r.score is not None for r in ranking)
    names = {sid: p.short_name for sid, p in profiles.items()}
    _ranking_section(page, ranking, kept, names, answers, detail)
    settings = [profiles[s] for s in kept]
    if settings:
        fit = {r.setting_id: r.score for r in ranking} if scored else {}
        if detail.comparison_on_page_two and pdf.page_no() == 1:
            pdf.add_page()
        _comparison(page, settings, catalogs, fit)
    if note:
        page.text(note, size=7, color=_GREY)
    if place is not None:
        _place_section(page, place)
    if settings:
        top = next(
            (profiles[r.setting_id] for r in ranking if r.setting_id in kept and r.score is not None), settings[0]
        )
        _next_steps(
            page,
            top,
            held,
            catalogs,
            from_quiz=scored and top.id in {r.setting_id for r in ranking},
            detail=detail,
            person=person,
        )
    else:
        page.text(_("No settings were shortlisted."), size=8)
    _sources(page)
    _caveat(page)
    return pdf
