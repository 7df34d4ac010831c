"""The take-home PDF summary, built from the bundled data and read back with pypdf.

Every expectation is derived from the data (names, scores, pay figures, periods, source titles),
never from a stored copy of the output, so a change in the data cannot make a test pass by accident.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from analysis.loading.schema import NumericFact
from analysis.pathways.gaps import missing_credentials
from analysis.presentation import pdf_layout, summary_pdf
from analysis.presentation.facts import money, oews_citation
from analysis.presentation.summary_pdf import (
    CAVEAT,
    MAX_NAME_CHARS,
    MAX_SHORTLIST,
    answers_summary,
    build_summary_pdf,
    choose_shortlist,
    clip,
    to_latin1,
)
from analysis.quiz import reasons_for_against, score
from tests.data import CATALOGS, NAMES, PROFILES, QUIZ, VALUES

SESSION = date(2026, 11, 24)
NON_LATIN = "Zoë Ñúñez–Ørsted Αλέξανδρος Юлия"


def realistic_answers() -> dict[str, int]:
    """An option with a preference for every question, rotating through them so answers differ
    (whatever the quiz's current wording); the first constraint answer is a plain "rather not"."""
    answers = {}
    for i, q in enumerate(QUIZ.questions):
        choices = [k for k, o in enumerate(q.options) if o.target is not None and not o.deal_breaker]
        if choices:
            answers[q.id] = choices[i % len(choices)]
    return answers


ANSWERS = realistic_answers()
WEIGHTS = {q.id: 3 for q in QUIZ.questions[:2]}
RESULT = score(QUIZ, VALUES, NAMES, ANSWERS, WEIGHTS)
RANKING = RESULT.ranking


def build(**kw) -> bytes:
    args = {
        "ranking": RANKING,
        "profiles": PROFILES,
        "catalogs": CATALOGS,
        "session_date": SESSION,
        "quiz_answers_summary": answers_summary(QUIZ, ANSWERS, WEIGHTS),
    }
    args.update(kw)
    return build_summary_pdf(**args)


def read(pdf: bytes) -> tuple[PdfReader, str]:
    """The reader and the text of every page, whitespace collapsed (lines wrap anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return reader, " ".join(text.split())


def squash(text: str) -> str:
    return " ".join(text.split())


def _without_pay(profile):
    """The profile as an uploaded one with no published median would be (every bundled setting has one now)."""
    gap = NumericFact(value=None, unit="USD/year", note="no published figure for this setting")
    return profile.model_copy(update={"facts": profile.facts.model_copy(update={"median_wage_annual": gap})})


PROFILES_WITH_GAP = {**PROFILES, "long-term-care": _without_pay(PROFILES["long-term-care"])}


def pay_ids() -> tuple[str, str]:
    """A setting with a published median pay (retail) and one without (in PROFILES_WITH_GAP)."""
    assert PROFILES["retail"].facts.median_wage_annual.value is not None
    return "retail", "long-term-care"


def pay_text(profile) -> str:
    """How the PDF writes a setting's median: figure, then release and BLS industry in plain words."""
    fact = profile.facts.median_wage_annual
    return f"{money(fact.value)} a year BLS OEWS, {fact.period} · {oews_citation(fact).split(' · ', 1)[1]}"


@pytest.fixture(scope="module")
def default_pdf() -> bytes:
    return build(client_name="Jordan Lee")


# --- Content -----------------------------------------------------------------------------------


def test_the_shortlist_is_printed_in_ranking_order_with_each_score(default_pdf):
    scored = [r for r in RANKING if r.score is not None]
    assert len({round(r.score) for r in scored[:3]}) > 1, (
        "precondition: the answers give the top three different scores"
    )
    _, text = read(default_pdf)
    positions = [text.find(f"{r.name} \u2014 fit {r.score:.0f}/100") for r in scored[:3]]
    assert -1 not in positions and positions == sorted(positions), positions


def test_pdf_bytes_and_core_content(default_pdf):
    assert default_pdf.startswith(b"%PDF")
    reader, text = read(default_pdf)
    assert 1 <= len(reader.pages) <= 2
    top = RANKING[0]
    assert top.name in text
    assert f"{top.score:.0f}/100" in text
    assert "Jordan Lee" in text and "November 24, 2026" in text
    # Default shortlist: the top three of the ranking, each with its score.
    for r in RANKING[:3]:
        assert f"{r.name} \u2014 fit {r.score:.0f}/100" in text
    for r in RANKING[3:]:
        assert f"{r.name} \u2014 fit" not in text
    # At least one reason for (and one against, when the top setting has one) is printed in full.
    pros, cons = reasons_for_against(top)
    assert pros, "the realistic answers should give the top setting a reason for"
    assert squash(pros[0].reason) in text
    if cons:
        assert squash(cons[0].reason) in text
    assert squash(CAVEAT) in text


def test_pay_with_period_gap_and_sources():
    with_pay, without = pay_ids()
    pdf = build(shortlist=[with_pay, without], profiles=PROFILES_WITH_GAP)
    _, text = read(pdf)
    fact = PROFILES[with_pay].facts.median_wage_annual
    assert re.search(re.escape(pay_text(PROFILES[with_pay])) + r" \[\d+\]", text)  # figure, period, industry, source
    assert "no published figure" in text
    assert PROFILES[without].name in text
    # The sources listed are exactly those of the figures on the page: the pay figure, and the
    # next-step credentials' facts; each with its title and period, numbered 1..n.
    top = next(PROFILES[r.setting_id] for r in RANKING if r.setting_id in (with_pay, without))
    expected = {fact.source}
    for cred, _ in missing_credentials(top, set(), CATALOGS)[: summary_pdf.MAX_NEXT_STEP_CREDENTIALS]:
        facts = [cred.eligibility, *(getattr(cred.facts, k) for k in type(cred.facts).model_fields if k != "exam")]
        expected |= {f.source for f in facts if f.value is not None and f.source}
    sources_part = text.split(" Sources ")[-1].split("Please keep in mind")[0]
    numbers = re.findall(r"\[(\d+)\] ", sources_part)
    assert numbers == [str(i) for i in range(1, len(expected) + 1)]
    for sid in expected:
        src = CATALOGS.sources[sid]
        assert squash(f"{src.publisher}: {src.title} \u2014 {summary_pdf._source_period(src)}") in sources_part
    unused = [s for sid, s in CATALOGS.sources.items() if sid not in expected]
    assert unused and all(squash(s.title) not in sources_part for s in unused)


def test_retail_pay_figure_as_published():
    fact = PROFILES["retail"].facts.median_wage_annual
    _, text = read(build(shortlist=["retail"]))
    assert fact.value is not None and pay_text(PROFILES["retail"]) in text


def test_next_steps_for_the_top_setting():
    top = PROFILES[RANKING[0].setting_id]
    missing = missing_credentials(top, set(), CATALOGS)
    _, text = read(build())
    assert f"Next steps for {top.name}" in text
    for cred, _ in missing[: summary_pdf.MAX_NEXT_STEP_CREDENTIALS]:
        assert cred.name in text
        fee = cred.facts.initial_fee
        if fee.value is not None:
            assert money(fee.value) in text
    if missing:
        held = {c.id for c, _ in missing}
        _, text_held = read(build(held=held))
        for cred, _ in missing:
            assert f"{cred.short_name} \u2014 {cred.name}" not in text_held


def test_deal_breaker_is_shown():
    q = next((q for q in QUIZ.questions if any(o.deal_breaker for o in q.options)), None)
    if q is None:
        pytest.skip("the quiz has no deal-breaker option")
    answers = {**ANSWERS, q.id: next(k for k, o in enumerate(q.options) if o.deal_breaker)}
    ranking = score(QUIZ, VALUES, NAMES, answers).ranking
    flagged = [r for r in ranking if r.deal_breakers]
    if not flagged:
        pytest.skip("no setting is hit by that deal-breaker")
    _, text = read(build(ranking=ranking, shortlist=[ranking[0].setting_id, flagged[0].setting_id]))
    assert "deal-breaker" in text.lower()
    assert squash(flagged[0].deal_breakers[0]) in text


# --- Size limits ---------------------------------------------------------------------------------


def test_two_pages_at_most_with_long_name_and_every_setting():
    long_name = ("Maximilian-Alexander " * 20)[:300]
    assert len(long_name) == 300
    pdf = build(client_name=long_name, shortlist=list(NAMES), held=set())
    reader, text = read(pdf)
    assert len(reader.pages) <= 2
    assert long_name.strip() not in text  # cut, with an ellipsis
    assert "\u2026" in text
    # Capped at MAX_SHORTLIST settings, and the page says which were left out.
    kept, left, _note = choose_shortlist(RANKING, PROFILES, list(NAMES))
    assert len(kept) == MAX_SHORTLIST and len(left) == len(NAMES) - MAX_SHORTLIST
    assert f"room for {MAX_SHORTLIST} settings" in text
    for sid in left:
        assert PROFILES[sid].name in text


def test_unbroken_long_name_stays_within_two_pages():
    pdf = build(client_name="W" * 300, shortlist=list(NAMES))
    reader, text = read(pdf)
    assert len(reader.pages) <= 2
    assert "W" * (MAX_NAME_CHARS + 1) not in text.replace(" ", "")


def test_non_latin_names():
    name = NON_LATIN + " 山田太郎"
    reader, text = read(build(client_name=name))
    assert NON_LATIN in text
    assert "山" not in text and "????" in text  # outside DejaVu Sans: replaced, not dropped or crashed
    assert len(reader.pages) <= 2


def test_control_characters_in_name():
    _, text = read(build(client_name="Ana\tMaría\n\x00Ruiz"))
    assert "Ana María Ruiz" in text


def test_no_quiz():
    with_pay, without = pay_ids()
    pdf = build(
        ranking=[],
        shortlist=[with_pay, without],
        quiz_answers_summary=None,
        client_name=NON_LATIN,
        profiles=PROFILES_WITH_GAP,
    )
    reader, text = read(pdf)
    assert pdf.startswith(b"%PDF") and len(reader.pages) <= 2
    assert "quiz was not taken" in text
    assert "/100" not in text
    assert PROFILES[with_pay].name in text and PROFILES[without].name in text
    assert f"Next steps for {PROFILES[with_pay].name}" in text  # the first shortlisted setting
    assert squash(CAVEAT) in text


def test_no_quiz_no_shortlist_and_all_no_preference():
    _, text = read(build(ranking=[], quiz_answers_summary=None))
    assert "quiz was not taken" in text and "No shortlist was chosen" in text
    nothing = {
        q.id: next(k for k, o in enumerate(q.options) if o.target is None)
        for q in QUIZ.questions
        if any(o.target is None and not o.deal_breaker for o in q.options)
    }
    ranking = score(QUIZ, VALUES, NAMES, nothing).ranking
    assert all(r.score is None for r in ranking)
    _, text = read(build(ranking=ranking))
    assert "no fit ranking" in text


# --- Fonts --------------------------------------------------------------------------------------------


def test_dejavu_is_embedded(default_pdf):
    reader, _ = read(default_pdf)
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert any("DejaVu" in f for f in fonts)


def test_helvetica_fallback_when_the_font_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_layout, "FONT_REGULAR", tmp_path / "missing" / "DejaVuSans.ttf")
    pdf = build(client_name=NON_LATIN + " 山田", shortlist=list(NAMES))
    assert pdf.startswith(b"%PDF")
    reader, text = read(pdf)
    assert len(reader.pages) <= 2
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts and all(f.startswith("/Helvetica") for f in fonts)
    assert "Zoë Ñúñez-Ørsted" in text  # Latin-1 letters kept, the en dash spelled as a hyphen
    assert "Αλέξανδρος" not in text and "?" in text
    assert RANKING[0].name in text and f"{RANKING[0].score:.0f}/100" in text
    assert to_latin1(squash(CAVEAT)) in text
    # The no-quiz case works on the fallback too.
    _, text = read(build(ranking=[], shortlist=["retail"], quiz_answers_summary=None))
    assert "quiz was not taken" in text


def test_to_latin1():
    assert to_latin1("a–b — “c” ‘d’ … → ≥ •") == "a-b - \"c\" 'd' ... -> >= -"
    assert to_latin1("Zoë Ñúñez Øresund") == "Zoë Ñúñez Øresund"
    assert to_latin1("Łódź Dvořák") == "Lódz Dvorák"  # ó, á are Latin-1
    assert to_latin1("Ωμέγα 山") == "????? ?"
    assert all(ord(c) < 256 for c in to_latin1("".join(chr(i) for i in range(0x100, 0x3000, 7))))


def test_clip():
    assert clip("short", 10) == "short"
    out = clip("word " * 40, 30)
    assert len(out) <= 30 and out.endswith("\u2026")
    assert len(clip("x" * 500, MAX_NAME_CHARS)) == MAX_NAME_CHARS


# --- Shortlist rules ------------------------------------------------------------------------------------


def test_choose_shortlist():
    ids = [r.setting_id for r in RANKING]
    kept, left, note = choose_shortlist(RANKING, PROFILES, None)
    assert kept == ids[:3] and not left and not note
    # Unknown and repeated ids are dropped; the order follows the ranking.
    kept, left, _ = choose_shortlist(RANKING, PROFILES, [ids[4], "no-such-setting", ids[1], ids[4]])
    assert kept == [ids[1], ids[4]] and not left
    kept, left, note = choose_shortlist(RANKING, PROFILES, ids[::-1])
    assert kept == ids[:MAX_SHORTLIST] and left == ids[MAX_SHORTLIST:] and note
    kept, _, _ = choose_shortlist([], PROFILES, ["retail", "hospital"])
    assert kept == ["retail", "hospital"]


# --- Privacy and disk (build time is measured by `make bench` against its 300 ms target) ---


def test_client_name_not_in_metadata_and_nothing_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pdf = build(client_name="Zanzibar Quillfeather")
    assert os.listdir(tmp_path) == []
    reader, text = read(pdf)
    assert "Zanzibar Quillfeather" in text
    meta = reader.metadata or {}
    assert all("Zanzibar" not in str(v) for v in meta.values())


def test_shrinks_to_fit_two_pages(monkeypatch):
    """If the first level of detail would run past two pages, a more compact one is used."""
    roomy = summary_pdf._Detail(answers=1000, top_for=3, top_against=2, other_for=3, other_against=2)
    monkeypatch.setattr(summary_pdf, "_DETAIL_LEVELS", (roomy, *summary_pdf._DETAIL_LEVELS[1:]))
    many = [(f"Question {i}", "An answer that is long enough to wrap onto a second line " * 2) for i in range(120)]
    first = summary_pdf._render(
        RANKING, PROFILES, CATALOGS, [r.setting_id for r in RANKING[:4]], "", set(), "", SESSION, many, roomy
    )
    assert first.page_no() > 2  # the roomy level really overflows...
    reader, text = read(build(quiz_answers_summary=many, shortlist=list(NAMES)))
    assert len(reader.pages) <= 2  # ...and the summary still fits
    assert "more answers" in text


def test_empty_shortlist():
    reader, text = read(build(shortlist=[]))
    assert len(reader.pages) <= 2
    assert "No settings were shortlisted" in text
    assert PROFILES[RANKING[0].setting_id].short_name in text  # the fit chart is still there


# --- Paper: no stray page, nothing that points back to the app -----------------------------------


def page_fills(pdf: bytes) -> list[float]:
    """How far down each page the body text reaches, 0 to 1 of the area between the margins (the footer
    line is left out), read from the PDF itself."""
    reader = PdfReader(io.BytesIO(pdf))
    fills = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        top, bottom = height - 11 / 25.4 * 72, 13 / 25.4 * 72  # the summary's margins, in points
        ys: list[float] = []
        page.extract_text(
            visitor_text=lambda text, cm, tm, *_, ys=ys: ys.append(tm[5] * cm[3] + cm[5]) if text.strip() else None
        )
        body = [y for y in ys if y > bottom + 6]
        fills.append((top - min(body)) / (top - bottom) if body else 0.0)
    return fills


@pytest.mark.parametrize("case", ["default", "four settings", "no quiz", "long name and six settings"])
def test_no_page_is_nearly_empty(case):
    with_pay, without = pay_ids()
    kwargs = {
        "default": {"client_name": "Jordan Lee"},
        "four settings": {"client_name": "Jordan Lee", "shortlist": [r.setting_id for r in RANKING[:4]]},
        "no quiz": {
            "ranking": [],
            "shortlist": [with_pay, without],
            "quiz_answers_summary": None,
            "profiles": PROFILES_WITH_GAP,
        },
        "long name and six settings": {"client_name": "A" * 200, "shortlist": [r.setting_id for r in RANKING[:6]]},
    }[case]
    pdf = build(**kwargs)
    fills = page_fills(pdf)
    assert 1 <= len(fills) <= 2
    assert all(f >= summary_pdf.MIN_LAST_PAGE_FILL - 0.05 for f in fills), fills


def test_a_summary_that_would_leave_a_few_lines_on_page_2_is_rebalanced():
    """Some shortlists leave a few lines on page 2 at full detail; those are the cases rebalancing is for."""
    sparse = []
    for size in range(1, summary_pdf.MAX_SHORTLIST + 1):
        shortlist = [r.setting_id for r in RANKING[:size]]
        for name in ("Jordan Lee", "A" * 200):
            first_try = summary_pdf._render(
                RANKING,
                PROFILES,
                CATALOGS,
                shortlist,
                [],
                set(),
                name,
                SESSION,
                answers_summary(QUIZ, ANSWERS, WEIGHTS),
                summary_pdf._DETAIL_LEVELS[0],
            )
            if first_try.page_no() == 2 and summary_pdf._last_page_fill(first_try) < summary_pdf.MIN_LAST_PAGE_FILL:
                sparse.append((size, name))
                assert min(page_fills(build(client_name=name, shortlist=shortlist))) >= (
                    summary_pdf.MIN_LAST_PAGE_FILL - 0.05
                )
    assert sparse, "no case needs rebalancing, so this test checks nothing"


def test_no_figure_sends_the_reader_to_the_app():
    with_pay, without = pay_ids()
    for pdf in (
        build(shortlist=[with_pay, without], profiles=PROFILES_WITH_GAP),
        build(),
        build(ranking=[], quiz_answers_summary=None),
    ):
        _, text = read(pdf)
        assert "see the app" not in text and "in the app" not in text
        assert "current" not in text.replace("currently", "")  # every period is a date on paper
    _, text = read(build(shortlist=[with_pay, without], profiles=PROFILES_WITH_GAP))
    reason = PROFILES_WITH_GAP[without].facts.median_wage_annual.note
    assert squash(reason.removeprefix("no published figure").strip(" ;:,.")) in text  # the gap says why, on paper


def test_next_steps_check_the_settings_entry_conditions_like_the_planner():
    """Nuclear asks for a year of pharmacy work (a labelled judgement) and trains radiation safety on the job."""
    from analysis.pathways import Person

    assert PROFILES["nuclear"].entry is not None
    new = Person(held={"cpht"}, years_experience=0)
    _, text = read(build(shortlist=["nuclear"], held={"cpht"}, person=new))
    assert "Next steps for Nuclear pharmacy" in text
    assert "Entry usually needs (besides credentials):" in text
    assert "missing: 12 more months of full-time pharmacy technician work (about 12 months at 40 hours a week)" in text
    assert "Judgement: our one career source calls nuclear work a step after basic training" in text
    assert "trained on the job: Radiation-safety training" in text and "not counted against you" in text
    seasoned = Person(held={"cpht"}, years_experience=3)
    _, text = read(build(shortlist=["nuclear"], held={"cpht"}, person=seasoned))
    assert "12 months of full-time pharmacy technician work — met." in text and "12 more months" not in text
    part_time = Person(held={"cpht"}, years_experience=0.5, hours_per_week=20)  # three full-time months
    _, text = read(build(shortlist=["nuclear"], held={"cpht"}, person=part_time))
    assert "9 more months of full-time pharmacy technician work (about 18 months at 20 hours a week)" in text
    _, text = read(build(shortlist=["nuclear"], held={"cpht"}))  # no experience given: listed, not judged
    assert "not checked: no experience was given" in text and "12 more months" not in text


def test_federal_conditions_about_the_person_are_stated_not_judged():
    from analysis.pathways import Person

    _, text = read(build(shortlist=["federal-va"], person=Person(years_experience=0)))
    assert "citizenship: Federal rules on who may apply" in text
    assert "a condition to check yourself; this page does not ask about it" in text
    assert "or a high school diploma or GED instead" in text and "— met." in text  # the diploma route (VA standard)


@pytest.mark.parametrize(
    "lang,tag,title",
    [
        ("en", "en-US", "Pharmacy technician settings: take-home summary"),
        ("es", "es-US", "Entornos de trabajo de los técnicos de farmacia: resumen para llevar"),
    ],
)
def test_the_pdf_declares_its_language_and_title(lang, tag, title):
    """A screen reader reads the summary with the rules of its language and announces its title, not the file
    name: /Lang in the catalog, /Title in the metadata, and the viewer told to show the title."""
    from analysis.i18n import set_language

    set_language(lang)
    try:
        pdf = build(client_name="Ana")
    finally:
        set_language("en")
    reader, _ = read(pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == tag
    assert reader.metadata.title == title
    assert "Ana" not in reader.metadata.title  # no client name in metadata
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_the_fit_chart_draws_every_bundled_setting_and_names_any_it_cannot():
    _reader, text = read(build())
    scored = [r for r in RANKING if r.score is not None]
    assert len(scored) == len(PROFILES) == 13
    chart = text.split("Your answers")[0]  # the chart's names come before the answers column's heading
    for r in scored:
        assert PROFILES[r.setting_id].short_name in chart, r.setting_id
    assert "Not drawn" not in text
    # More settings than bars (counselors' local ones): the rest are named under the chart, never dropped.
    extra = [replace(r, setting_id=f"local-{i}", name=f"Local setting {i}") for i, r in enumerate(scored[:3])]
    _reader, more = read(build(ranking=[*RANKING, *extra]))
    assert "Not drawn:" in more and "Local setting 1" in more and "Local setting 2" in more


# --- Spanish: no overlap, plurals, places in words ----------------------------------------------------------


def _runs(pdf: bytes) -> list[tuple[float, float, float, str]]:
    """(x, y, font size, text) of every text run on the first page, in points."""
    runs: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], size * tm[0], text))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return runs


def test_in_spanish_a_deal_breaker_flag_ends_before_the_answers_column():
    from fpdf import FPDF

    from analysis.i18n import set_language

    q = next(q for q in QUIZ.questions if any(o.deal_breaker for o in q.options))
    answers = {**ANSWERS, q.id: next(k for k, o in enumerate(q.options) if o.deal_breaker)}
    ranking = score(QUIZ, VALUES, NAMES, answers).ranking
    assert any(r.deal_breakers for r in ranking), "precondition: a setting is flagged"
    set_language("es")
    try:
        pdf = build(ranking=ranking, quiz_answers_summary=answers_summary(QUIZ, answers))
    finally:
        set_language("en")
    runs = _runs(pdf)
    column = min(x for x, _y, _s, t in runs if t.strip() == "Sus respuestas")
    flags = [(x, s, t) for x, _y, s, t in runs if "condición excluyente" in t and x < column]
    assert flags, "the chart's flags are printed"
    measure = FPDF(unit="pt")
    measure.add_font("DejaVu", "B", str(pdf_layout.FONT_BOLD))
    for x, size, text in flags:
        measure.set_font("DejaVu", "B", size)
        assert x + measure.get_string_width(text.strip()) < column, f"{text!r} runs into the answers column"


def test_in_spanish_places_are_words_and_one_more_answer_is_singular():
    from analysis.i18n import set_language
    from analysis.presentation.summary_content import Detail, ranking_content

    set_language("es")
    try:
        _reader, text = read(build())
        three = [("Pregunta", "Respuesta")] * 3
        one_more = ranking_content(RANKING, [], {}, three, Detail(answers=2)).more_answers
        two_more = ranking_content(RANKING, [], {}, three, Detail(answers=1)).more_answers
    finally:
        set_language("en")
    assert "#" not in text and "(1.º de 13)" in text
    assert one_more.startswith("…y 1 respuesta más") and two_more.startswith("…y 2 respuestas más")


def test_only_a_scored_setting_is_called_the_best_fit_and_a_shared_first_place_says_so():
    """Next steps name the top setting 'your best fit' only when the quiz scored it, and not alone in first place."""
    first = RANKING[0]
    alone = [replace(first, rank_label="1"), *RANKING[1:]]
    assert "your best fit on the shortlist" in squash(read(build(ranking=alone))[1])
    shared = [replace(first, rank_label="=1"), *RANKING[1:]]
    text = squash(read(build(ranking=shared))[1])
    assert "one of your equal best fits on the shortlist" in text and "your best fit on the" not in text
    # A shortlist of settings the quiz did not score: the first of them is not called a fit at all.
    unscored = [replace(r, score=None) if r.setting_id == first.setting_id else r for r in RANKING]
    text = squash(read(build(ranking=unscored, shortlist=[first.setting_id]))[1])
    assert "best fit" not in text and "the first setting on your shortlist" in text
