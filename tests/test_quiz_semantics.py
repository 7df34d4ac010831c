"""Answers mean what they say: floors, ceilings and targets; missing figures; weights that follow
the answer; shared ranks; and the shared rules every caller uses.

Each test names the flaw it guards against. Property tests run on synthetic quizzes and value
tables (see test_quiz_scoring's strategies); the concrete ones on the bundled quiz and profiles.
"""

from __future__ import annotations

import builtins
import math
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.links.answers import decode_answers, encode_answers
from analysis.loading.loader import load_profiles
from analysis.presentation.export import answered_items
from analysis.presentation.summary_pdf import answers_summary
from analysis.quiz import (
    WEIGHT_LABELS,
    Quiz,
    dimension_values,
    displayed_score,
    effective_weight,
    score,
)
from tests.data import LOADED, NAMES, QUIZ, VALUES, gap_values
from tests.quiz_strategies import cases, names_for

BY_ID = {q.id: q for q in QUIZ.questions}
# Every bundled setting has a published median now; an uploaded profile may not. Two without, as such.
GAP_VALUES = gap_values("nuclear", "long-term-care")


def pick(qid: str, label_start: str) -> int:
    """The option index whose label starts with `label_start`, so tests read like what a person clicked."""
    return next(j for j, o in enumerate(BY_ID[qid].options) if o.label.startswith(label_start))


def ranking(answers, weights=None):
    return score(QUIZ, VALUES, NAMES, answers, weights).ranking


def position(rows, sid: str) -> int:
    return [r.setting_id for r in rows].index(sid)


def result_for(rows, sid: str):
    return next(r for r in rows if r.setting_id == sid)


# --- Floors and ceilings: property tests --------------------------------------------------------


def _bounded_items(quiz: Quiz, answers: dict[str, int], kind: str) -> list:
    return [
        q
        for q in quiz.questions
        if q.id in answers and q.options[answers[q.id]].target is not None and q.options[answers[q.id]].match == kind
    ]


@pytest.mark.parametrize("kind", ["at_least", "at_most"])
@settings(deadline=None)  # several full scorings per example; the machine is shared
@given(case=cases(gaps=True), data=st.data())
def test_moving_a_setting_further_past_a_floor_or_under_a_ceiling_never_lowers_its_score_or_rank(kind, case, data):
    """Raising a setting on a floor answer (or lowering it on a ceiling answer) can only help it.

    Before, every answer was an exact target, so "some room to grow is enough" marked the setting
    with the most room to grow down."""
    quiz, values, answers, weights = case
    items = _bounded_items(quiz, answers, kind)
    if not items:
        return
    q = data.draw(st.sampled_from(items))
    sid = data.draw(st.sampled_from(list(values.index)))
    old = values.at[sid, q.dimension]
    if math.isnan(old):
        return  # no figure: nothing to raise
    new = data.draw(st.floats(old, 1.0) if kind == "at_least" else st.floats(0.0, old))
    moved = values.copy()
    moved.at[sid, q.dimension] = new
    names = names_for(values)
    before = score(quiz, values, names, answers, weights).ranking
    after = score(quiz, moved, names, answers, weights).ranking
    b, a = result_for(before, sid), result_for(after, sid)
    if b.score is not None:
        assert a.score >= b.score - 1e-9
    assert position(after, sid) <= position(before, sid)


@settings(deadline=None)  # several full scorings per example; the machine is shared
@given(case=cases(gaps=False))
def test_a_setting_meeting_every_floor_and_ceiling_gets_a_full_match_on_each(case):
    quiz, values, answers, weights = case
    for r in score(quiz, values, names_for(values), answers, weights).ranking:
        for c in r.contributions:
            met = (c.match == "at_least" and c.value >= c.target) or (c.match == "at_most" and c.value <= c.target)
            if met:
                assert c.closeness == 1.0
                assert "full match" in c.reason


# --- Floors and ceilings: the bundled quiz --------------------------------------------------------


def test_some_room_to_grow_is_enough_does_not_mark_the_setting_with_the_most_room_down():
    # Hospital is rated 5/5 for room to advance, the most of any setting. "Enough" is a floor, so it
    # is a full match; before, it came last with "poor match" listed against it.
    rows = ranking({"advancement": pick("advancement", "Some room")})
    hospital = result_for(rows, "hospital")
    assert hospital.rank == 1
    assert all("poor match" not in c.reason for c in hospital.contributions)
    assert [c.closeness for c in hospital.contributions] == [1.0]


def test_good_pay_but_other_things_matter_puts_the_best_paid_setting_first():
    # Federal / VA has the highest published median. "Good pay" is a floor at the national median, so
    # the best-paid setting is a full match; before, it was ranked third behind settings nearer 0.75.
    rows = ranking({"pay": pick("pay", "Good pay")})
    paid = [sid for sid in VALUES.index if not math.isnan(VALUES.at[sid, "pay:median"])]
    best = max(paid, key=lambda sid: VALUES.at[sid, "pay:median"])
    assert result_for(rows, best).rank == 1
    assert result_for(rows, best).contributions[0].closeness == 1.0


@pytest.mark.parametrize("qid", ["nights", "weekends", "holidays", "on_call"])
def test_now_and_then_is_ok_never_ranks_a_never_setting_below_a_rarely_one(qid):
    # "Now and then is OK" is a ceiling at "rare": "never" is at least as good. Before, it was a
    # target at "rare", so never-on-call settings ranked below rarely-on-call ones.
    rows = ranking({qid: pick(qid, "Now and then")})
    col = VALUES[f"schedule:{qid}"]
    for low in col.index[col == 0.0]:
        for rare in col.index[col == 0.25]:
            assert result_for(rows, low).score >= result_for(rows, rare).score
            assert result_for(rows, low).rank <= result_for(rows, rare).rank


def test_i_have_the_usual_certificate_does_not_rank_low_barrier_settings_last():
    # With the usual certificate, a setting that asks for less is open too: a ceiling, not a target.
    rows = ranking({"start_soon": pick("start_soon", "Soon. I have")})
    barrier = VALUES["rating:entry_barrier"]
    lowest = barrier.index[barrier == barrier.min()]
    for sid in lowest:
        assert result_for(rows, sid).rank == 1
        assert result_for(rows, sid).contributions[0].closeness == 1.0


def test_exact_targets_stay_only_where_both_directions_are_unwanted():
    for q in QUIZ.questions:
        for o in q.options:
            if o.target is not None and o.match == "about" and 0.0 < o.target < 1.0:
                # A middle target read as "about this much": the wording says "some", "a mix" or "in between".
                assert any(w in o.label.lower() for w in ("some", "mix", "between", "quarter")), (q.id, o.label)
    for qid in ("pace", "patient_contact"):
        assert all(o.match == "about" for o in BY_ID[qid].options if o.target is not None)


# --- Missing figures ----------------------------------------------------------------------------


def test_a_missing_pay_figure_is_not_an_assumed_wage():
    # Only pay answered: a setting without a published figure has nothing to be scored on, so it
    # has no score and goes after every setting that has one. Before, it got a half match, which on
    # this scale is an assumed wage above the national median.
    rows = score(QUIZ, GAP_VALUES, NAMES, {"pay": pick("pay", "I want the highest")}).ranking
    gaps = [sid for sid in GAP_VALUES.index if math.isnan(GAP_VALUES.at[sid, "pay:median"])]
    assert gaps
    for sid in gaps:
        r = result_for(rows, sid)
        assert r.score is None
        assert any(s.startswith("Pay not counted: BLS publishes no pay figure") for s in r.skipped)
        assert all(position(rows, sid) > position(rows, other) for other in GAP_VALUES.index if other not in gaps)


def test_a_heavily_weighted_answer_missing_for_the_top_setting_makes_a_headline():
    # Highest pay, matters a lot, and little patient contact: nuclear pharmacy (1/5 contact, no
    # published pay) comes first on the rest. The person must be told, up front.
    answers = {"pay": pick("pay", "I want the highest"), "patient_contact": pick("patient_contact", "As little")}
    result = score(QUIZ, GAP_VALUES, NAMES, answers, {"pay": 3})
    top = result.ranking[0]
    assert math.isnan(GAP_VALUES.at[top.setting_id, "pay:median"])
    assert any(top.name in h and "no figure of its own for pay" in h and "matters a lot" in h for h in result.headlines)
    # Weighted "counts a little", it is no headline: the reasons still say it.
    light = score(QUIZ, GAP_VALUES, NAMES, answers, {"pay": 1})
    assert light.headlines == []
    assert any(s.startswith("Pay not counted") for s in result_for(light.ranking, top.setting_id).skipped)


def test_no_headline_when_the_top_setting_has_the_figure():
    result = score(QUIZ, VALUES, NAMES, {"pay": pick("pay", "I want the highest")})
    assert not math.isnan(VALUES.at[result.ranking[0].setting_id, "pay:median"])
    assert result.headlines == []


# --- Weights follow the answer ------------------------------------------------------------------


def test_an_answer_that_says_it_matters_a_lot_starts_at_matters_a_lot():
    # Before, "Yes. That matters a lot to me." left the weight at the question's default,
    # "counts a little", and the PDF printed both side by side.
    answers = {"advancement": pick("advancement", "Yes. That matters a lot")}
    q = BY_ID["advancement"]
    assert effective_weight(q, answers, {}) == 3
    assert effective_weight(q, answers, {"advancement": 1}) == 1, "the person can still change it"
    assert answers_summary(QUIZ, answers) == [
        ("Room to move up", f"Yes. That matters a lot to me. ({WEIGHT_LABELS[3]})")
    ]
    assert answered_items(QUIZ, answers)[0]["weight"] == 3
    rows = ranking(answers)
    assert rows[0].contributions[0].weight == 3


def test_every_option_that_says_a_lot_starts_at_the_top_weight():
    for q in QUIZ.questions:
        for j, o in enumerate(q.options):
            if "a lot" in o.label.lower() and "matter" in o.label.lower():
                assert effective_weight(q, {q.id: j}, None) == 3, (q.id, o.label)


@settings(deadline=None)  # several full scorings per example; the machine is shared
@given(
    st.dictionaries(st.sampled_from(list(BY_ID)), st.integers(0, 5)),
    st.dictionaries(st.sampled_from(list(BY_ID)), st.integers(0, 3)),
)
def test_the_link_keeps_the_weight_that_counts(raw_answers, weights):
    answers = {qid: i for qid, i in raw_answers.items() if i < len(BY_ID[qid].options)}
    got_answers, got_weights, notices = decode_answers(encode_answers(answers, weights, QUIZ), QUIZ)
    assert notices == [] and got_answers == answers
    for q in QUIZ.questions:
        assert effective_weight(q, got_answers, got_weights) == effective_weight(q, answers, weights)


# --- Ties ---------------------------------------------------------------------------------------


@settings(deadline=None)  # several full scorings per example; the machine is shared
@given(st.dictionaries(st.sampled_from(list(BY_ID)), st.integers(0, 5)), st.data())
def test_places_are_what_the_evidence_can_tell_apart(raw, data):
    # Equal displayed scores always share a place; beyond that, a setting closer to the one just above it than
    # one judgement-rating step on the lightest answer shares its place, and a new place starts only past that.
    answers = {qid: i for qid, i in raw.items() if i < len(BY_ID[qid].options)}
    result = score(QUIZ, VALUES, NAMES, answers)
    rows = result.ranking
    counted = [
        (effective_weight(q, answers, {}), q.dimension)
        for q in QUIZ.questions
        if q.id in answers and q.options[answers[q.id]].target is not None and effective_weight(q, answers, {}) > 0
    ]
    stepped = [w for w, dim in counted if not dim.startswith("pay:")]
    # One step (a quarter of the scale) costs half a match, and a judgement counts at half weight.
    expected = 100 * 0.25 * 2 * 0.5 * min(stepped) / sum(w for w, _ in counted) if stepped else 0.0
    assert result.tolerance == pytest.approx(expected)
    shown = [(bool(r.deal_breakers), displayed_score(r.score)) for r in rows]
    for n, r in enumerate(rows):
        same = [m for m, s in enumerate(shown) if s == shown[n] and shown[n][1] is not None]
        assert all(rows[m].rank == r.rank for m in same), "equal displayed scores share a place"
        members = [m for m, x in enumerate(rows) if x.rank == r.rank]
        assert r.rank == members[0] + 1
        assert r.rank_label == (f"={r.rank}" if len(members) > 1 else str(r.rank))
        if n and rows[n - 1].rank == r.rank:  # shares with the setting just above: too close to tell apart
            above = rows[n - 1]
            assert bool(above.deal_breakers) == bool(r.deal_breakers)
            assert above.score - r.score < result.tolerance or shown[n] == shown[n - 1]
        elif (
            n
            and r.score is not None
            and rows[n - 1].score is not None
            and (bool(rows[n - 1].deal_breakers) == bool(r.deal_breakers))
        ):  # a place of its own: at least the tolerance below the setting just above, and shown differently
            assert rows[n - 1].score - r.score >= result.tolerance - 1e-9 and shown[n] != shown[n - 1]


def test_a_known_tie_shows_as_a_shared_rank():
    # Nights "Now and then is OK" alone: every setting with nights rare or never is a full match.
    rows = ranking({"nights": pick("nights", "Now and then")})
    assert rows[0].rank_label == "=1" and rows[1].rank_label == "=1"
    assert rows[0].score == rows[1].score


# --- One place for the shared rules; a pure dimension table -------------------------------------


def test_dimension_values_reads_no_file(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("dimension_values must not read a file")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(pathlib.Path, "read_text", refuse)
    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)
    table = dimension_values(LOADED.profiles, LOADED.catalogs.national)
    assert set(QUIZ.dimensions()) - set(table.columns) == {"tasks:order-entry+insurance-billing"}
    monkeypatch.undo()
    # Scoring derives the combined task dimension from its parts: same scores either way.
    answers = {"computer_work": pick("computer_work", "Most"), "pace": 0}
    with_quiz = {r.setting_id: r.score for r in ranking(answers)}
    without = {r.setting_id: r.score for r in score(QUIZ, table, NAMES, answers).ranking}
    assert without == pytest.approx(with_quiz)


def test_one_rule_for_a_valid_option_everywhere():
    bad = {"pace": 99, "patient_contact": True, "teamwork": -1, "autonomy": "1"}
    assert answered_items(QUIZ, bad) == []
    assert answers_summary(QUIZ, bad) == []
    assert encode_answers(bad, {}, QUIZ) == ""
    assert score(QUIZ, VALUES, NAMES, bad).answered == 0


# --- The new questions ---------------------------------------------------------------------------


def test_the_quiz_asks_about_benefits_and_very_early_starts():
    dims = {q.dimension for q in QUIZ.questions}
    assert {"rating:benefits_security", "rating:early_starts"} <= dims
    assert len(QUIZ.questions) <= 18


def test_cannot_start_very_early_flags_nuclear_pharmacy_only_where_rated_high():
    rows = ranking({"early_starts": pick("early_starts", "No. I can't")})
    flagged = {r.setting_id for r in rows if r.deal_breakers}
    profiles = load_profiles().by_id()
    assert "nuclear" in flagged
    assert flagged == {sid for sid, p in profiles.items() if p.ratings.early_starts.score >= 4}
    assert all(rows[i].setting_id not in flagged for i in range(len(rows) - len(flagged)))


def test_cannot_be_on_call_now_changes_the_ranking():
    # No setting is on call more than "sometimes"; the deal-breaker now starts there.
    rows = ranking({"on_call": pick("on_call", "No. I can't")})
    assert result_for(rows, "nuclear").deal_breakers
    assert rows[-1].setting_id == "nuclear"


def test_good_pay_floor_sits_at_the_national_median():
    """'Good pay' means at least the national median: its floor must follow the national figures."""
    from analysis.loading.loader import load_catalogs
    from analysis.quiz import load_quiz

    national = load_catalogs().national
    low, high = national.wage_p10_annual.value, national.wage_p90_annual.value
    where = (national.median_wage_annual.value - low) / (high - low)
    pay = next(q for q in load_quiz().questions if q.id == "pay")
    good = next(o for o in pay.options if o.label.startswith("Good pay"))
    assert abs(good.target - where) < 0.01, f"set the 'Good pay' floor to {where:.2f}"
