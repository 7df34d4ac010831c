"""Fit quiz scoring: properties on synthetic value tables and answer sets, and on the bundled data.

Nothing here compares against a stored table of results: each test states a property the
scoring must have (bounds, invariances, monotonicity, explanations that add up) and checks it.
"""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analysis.links.answers import decode_answers, encode_answers, validate_answers
from analysis.links.common import MAX_NOTICES
from analysis.loading.schema import RATING_DIMENSIONS, RELEVANCE_ORDER
from analysis.pathways.gaps import missing_credentials
from analysis.quiz import (
    ALL_ALIKE,
    NO_ANSWERS,
    SCHEDULE_KINDS,
    WEIGHTS,
    Quiz,
    load_quiz,
    ranking_flip_change,
    reasons_for_against,
    score,
)
from tests.data import LOADED, NAMES, QUIZ, VALUES, examples, gap_values, without_pay
from tests.quiz_strategies import answer_sets, cases, names_for, unit

GAP_PROFILES = [without_pay(p) if p.id == "long-term-care" else p for p in LOADED.profiles]
GAP_VALUES = gap_values("long-term-care")


def scores_by_id(result) -> dict[str, float | None]:
    return {r.setting_id: r.score for r in result.ranking}


def effective(quiz: Quiz, weights: dict[str, int], answers: dict[str, int] | None = None) -> dict[str, int]:
    """The weight each question counts with, written out independently of the code under test."""
    out = {}
    for q in quiz.questions:
        idx = (answers or {}).get(q.id)
        start = q.options[idx].weight if idx is not None and q.options[idx].weight is not None else q.default_weight
        out[q.id] = weights.get(q.id, start)
    return out


def expected_closeness(option, value: float, dimension: str) -> float:
    """Written out apart from the scoring code: on our coarse scales (ratings, schedules, task shares) one step
    (0.25) short is half a match and two steps none; pay loses closeness one for one."""
    slope = 1.0 if dimension.split(":")[0] == "pay" else 2.0
    if option.match == "at_least":
        miss = max(option.target - value, 0.0)
    elif option.match == "at_most":
        miss = max(value - option.target, 0.0)
    else:
        miss = abs(option.target - value)
    return max(1.0 - slope * miss, 0.0)


# --- Scores --------------------------------------------------------------------------------------


@given(cases())
def test_scores_stay_within_0_and_100(case):
    quiz, values, answers, weights = case
    result = score(quiz, values, names_for(values), answers, weights)
    assert {r.setting_id for r in result.ranking} == set(values.index)
    for r in result.ranking:
        assert r.score is None or 0.0 <= r.score <= 100.0


@given(cases(), st.data())
def test_a_setting_matching_every_target_scores_100(case, data):
    quiz, values, answers, weights = case
    perfect = values.iloc[0].copy()
    counted = 0
    for q in quiz.questions:
        if q.id in answers and q.options[answers[q.id]].target is not None:
            perfect[q.dimension] = q.options[answers[q.id]].target
            counted += effective(quiz, weights, answers)[q.id] > 0
    values = values.copy()
    values.iloc[0] = perfect
    result = score(quiz, values, names_for(values), answers, weights)
    got = scores_by_id(result)[values.index[0]]
    if counted:
        assert got == pytest.approx(100.0, abs=1e-9)
    else:
        assert got is None


@given(cases(), st.randoms(use_true_random=False))
def test_row_order_changes_no_score(case, rnd):
    quiz, values, answers, weights = case
    rows = list(values.index)
    rnd.shuffle(rows)
    before = score(quiz, values, names_for(values), answers, weights)
    after = score(quiz, values.loc[rows], names_for(values), answers, weights)
    assert scores_by_id(after) == scores_by_id(before)
    assert [r.setting_id for r in after.ranking] == [r.setting_id for r in before.ranking]


@given(cases(gaps=False), st.data())
def test_raising_the_weight_of_an_item_where_a_is_closer_helps_a(case, data):
    # For a weighted MEAN, the percentage-point gap between A and B can shrink when the raised
    # item's advantage is smaller than the current gap (the mean moves toward that item's closeness).
    # So the property is stated on the weighted sum of closeness, sum(w_i * (cA_i - cB_i)), which
    # can only grow, and on the order: with no gaps both settings share one denominator, so if A
    # was ahead it stays ahead.
    quiz, values, answers, weights = case
    # Answer one question with a real target at weight 0-2, then raise its weight (no assume():
    # filtering this much would starve Hypothesis).
    q = data.draw(st.sampled_from(quiz.questions))
    answers = {
        **answers,
        q.id: data.draw(st.sampled_from([j for j, o in enumerate(q.options) if o.target is not None])),
    }
    w = data.draw(st.integers(0, 2))
    weights = {**weights, q.id: w}
    raised = {**weights, q.id: data.draw(st.integers(w + 1, 3))}
    option = q.options[answers[q.id]]
    closeness = {sid: expected_closeness(option, values.at[sid, q.dimension], q.dimension) for sid in values.index}
    pair = data.draw(st.lists(st.sampled_from(list(values.index)), min_size=2, max_size=2, unique=True))
    a, b = sorted(pair, key=closeness.get, reverse=True)  # a is the one closer on the raised item
    if closeness[a] == closeness[b]:
        return  # nobody is closer on this item: nothing to check

    def advantage(result) -> float:
        by_id = {r.setting_id: r for r in result.ranking}
        return sum(c.weight * c.closeness for c in by_id[a].contributions) - sum(
            c.weight * c.closeness for c in by_id[b].contributions
        )

    before = score(quiz, values, names_for(values), answers, weights)
    after = score(quiz, values, names_for(values), answers, raised)
    assert advantage(after) >= advantage(before) - 1e-9
    sb, sa = scores_by_id(before), scores_by_id(after)
    if sb[a] is not None and sb[b] is not None and sb[a] > sb[b] + 1e-9:
        assert sa[a] >= sa[b] - 1e-9


@given(cases(), st.data())
def test_unanswered_items_have_no_effect(case, data):
    quiz, values, answers, weights = case
    names = names_for(values)
    # Items that do not count: not answered, or answered "no preference" without a deal-breaker.
    idle = [
        q
        for q in quiz.questions
        if q.id not in answers
        or (q.options[answers[q.id]].target is None and not q.options[answers[q.id]].deal_breaker)
    ]
    assume(idle)
    changed_values = values.copy()
    changed_weights = dict(weights)
    changed_answers = dict(answers)
    for q in idle:
        changed_values[q.dimension] = [data.draw(unit | st.just(math.nan)) for _ in values.index]
        changed_weights[q.id] = data.draw(st.sampled_from(WEIGHTS))
        blank = [j for j, o in enumerate(q.options) if o.target is None and not o.deal_breaker]
        if blank and data.draw(st.booleans()):
            changed_answers[q.id] = blank[0]
    before = score(quiz, values, names, answers, weights)
    after = score(quiz, changed_values, names, changed_answers, changed_weights)
    assert scores_by_id(after) == scores_by_id(before)
    assert [[c.reason for c in r.contributions] for r in after.ranking] == [
        [c.reason for c in r.contributions] for r in before.ranking
    ]
    assert after.answered == before.answered


@given(cases())
def test_contributions_add_up_to_the_score(case):
    quiz, values, answers, weights = case
    for r in score(quiz, values, names_for(values), answers, weights).ranking:
        if r.score is None:
            assert r.contributions == []
            continue
        assert sum(c.points for c in r.contributions) == pytest.approx(r.score, abs=1e-9)
        by_qid = {q.id: q for q in quiz.questions}
        for c in r.contributions:
            assert c.weight > 0 and 0 <= c.closeness <= 1 and c.points >= 0
            assert not math.isnan(c.value), "an item without a figure is skipped, never scored"
            option = by_qid[c.question_id].options[answers[c.question_id]]
            assert c.closeness == pytest.approx(expected_closeness(option, c.value, c.dimension))
            assert c.reason


@given(cases(with_breaker=True))
def test_deal_breakers_demote_but_never_remove_or_rescore(case):
    quiz, values, answers, weights = case
    names = names_for(values)
    result = score(quiz, values, names, answers, weights)
    assert {r.setting_id for r in result.ranking} == set(values.index)
    # Flagged: level >= 3 ("common" or "typical", value >= 0.75) on any answered deal-breaker dimension.
    breakers = [q.dimension for q in quiz.questions if q.id in answers and q.options[answers[q.id]].deal_breaker]
    expected = {sid for sid in values.index if any(values.at[sid, d] >= 0.75 for d in breakers)}
    flagged = [bool(r.deal_breakers) for r in result.ranking]
    assert {r.setting_id for r in result.ranking if r.deal_breakers} == expected
    assert flagged == sorted(flagged), "every flagged setting comes after every unflagged one"
    # Same quiz without the deal-breaker flag: identical scores.
    plain = quiz.model_dump()
    plain["questions"][0]["options"][0]["deal_breaker"] = False
    same = score(Quiz.model_validate(plain), values, names, answers, weights)
    assert scores_by_id(same) == scores_by_id(result)


@given(cases(with_breaker=True))
def test_ranking_is_ordered_by_flag_then_score(case):
    quiz, values, answers, weights = case
    ranking = score(quiz, values, names_for(values), answers, weights).ranking
    keys = [(bool(r.deal_breakers), r.score is None, -(r.score or 0.0)) for r in ranking]
    assert keys == sorted(keys)


@given(cases(), st.data())
def test_dismissed_settings_leave_the_ranking(case, data):
    quiz, values, answers, weights = case
    names = names_for(values)
    dismissed = set(data.draw(st.lists(st.sampled_from(list(values.index)), unique=True)))
    full = scores_by_id(score(quiz, values, names, answers, weights))
    result = score(quiz, values, names, answers, weights, dismissed=dismissed)
    assert {r.setting_id for r in result.ranking} == set(values.index) - dismissed
    assert all(full[sid] == s for sid, s in scores_by_id(result).items())


# --- Warnings ------------------------------------------------------------------------------------


@given(cases())
def test_all_alike_warns_exactly_for_straight_lining(case):
    quiz, values, answers, weights = case
    result = score(quiz, values, names_for(values), answers, weights)
    by_id = {q.id: q for q in quiz.questions}
    positions = [i for qid, i in answers.items() if qid in by_id]
    picked = [by_id[qid].options[i].target for qid, i in answers.items() if by_id[qid].options[i].target is not None]
    # Straight-lining: one option position on every answer, over 8 answers or the whole (shorter) quiz.
    straight = bool(picked) and len(positions) >= max(min(8, len(quiz.questions)), 2) and len(set(positions)) == 1
    assert (ALL_ALIKE in result.warnings) == straight
    assert result.answered == len(picked)
    if not picked:
        assert NO_ANSWERS in result.warnings
        assert all(r.score is None for r in result.ranking)


@given(st.sampled_from([0, 1]), st.lists(st.sampled_from([q.id for q in QUIZ.questions]), min_size=8, unique=True))
def test_same_option_on_eight_or_more_bundled_questions_warns(index, ids):
    result = score(QUIZ, VALUES, NAMES, {qid: index for qid in ids})
    assert ALL_ALIKE in result.warnings


def test_coherent_answers_that_share_a_target_do_not_warn():
    # Someone who would rather not work nights, weekends or holidays, wants calm, little patient
    # contact and little screen time: many targets are 0 and three answers sit at the same position,
    # yet every answer is a real, consistent view. The old rule ("same target on 2+") warned here.
    by_label = {q.id: {o.label: j for j, o in enumerate(q.options)} for q in QUIZ.questions}
    answers = {
        "nights": by_label["nights"]["I'd rather not."],
        "weekends": by_label["weekends"]["I'd rather not."],
        "holidays": by_label["holidays"]["I'd rather not."],
        "pace": by_label["pace"]["Calm and steady."],
        "patient_contact": by_label["patient_contact"]["As little as possible."],
    }
    assert ALL_ALIKE not in score(QUIZ, VALUES, NAMES, answers).warnings
    first_three = {qid: 1 for qid in ("nights", "weekends", "holidays")}  # same position, five answers or fewer
    assert ALL_ALIKE not in score(QUIZ, VALUES, NAMES, first_three).warnings


# --- Explanations ----------------------------------------------------------------------------------


@given(cases(), st.integers(1, 5))
def test_reasons_for_and_against_are_split_and_sorted_by_impact(case, n):
    quiz, values, answers, weights = case
    for r in score(quiz, values, names_for(values), answers, weights).ranking:
        pro, con = reasons_for_against(r, n)
        assert len(pro) <= n and len(con) <= n
        assert all(c.closeness >= 0.75 for c in pro) and all(c.closeness <= 0.5 for c in con)
        assert [c.weight * c.closeness for c in pro] == sorted((c.weight * c.closeness for c in pro), reverse=True)
        assert [c.weight * (1 - c.closeness) for c in con] == sorted(
            (c.weight * (1 - c.closeness) for c in con), reverse=True
        )
        # The strongest reasons are chosen: nothing left out beats the weakest one shown.
        if len(pro) == n:
            rest = [c for c in r.contributions if c.closeness >= 0.75 and c not in pro]
            assert all(c.weight * c.closeness <= pro[-1].weight * pro[-1].closeness for c in rest)


def single_changes(quiz: Quiz, answers: dict[str, int], weights: dict[str, int]):
    """Every single change (size, answers, weights) as the issue defines it, enumerated independently."""
    w = effective(quiz, weights, answers)
    for q in quiz.questions:
        if q.id not in answers:
            continue
        current = q.options[answers[q.id]]
        for nw in WEIGHTS:
            if nw != w[q.id]:
                yield abs(nw - w[q.id]) / 3, answers, {**weights, q.id: nw}
        for j, opt in enumerate(q.options):
            if j != answers[q.id]:
                size = 1.0 if opt.target is None or current.target is None else abs(opt.target - current.target)
                yield size, {**answers, q.id: j}, weights


def shown_places(quiz, values, names, answers, weights) -> dict[str, str]:
    """Each setting's place as the page shows it: '3', or '=3' when shared."""
    return {r.setting_id: r.rank_label for r in score(quiz, values, names, answers, weights).ranking}


def first_place_changed(quiz, values, names, answers, weights, first, second, shared) -> bool:
    """With one setting first: #2 now shown above #1. With first place shared: one setting now first alone. Either
    way the new first has a score: a change that leaves nothing scored only reorders names, which is no flip."""
    after = {r.setting_id: r for r in score(quiz, values, names, answers, weights).ranking}
    if shared:
        return any(r.rank_label == "1" and r.score is not None for r in after.values())
    return after[second].score is not None and after[second].rank < after[first].rank


@settings(max_examples=examples(15), deadline=None)  # each example searches every single change
@given(answer_sets(QUIZ))
def test_ranking_flip_change_really_changes_first_place_as_shown_and_is_smallest(answer_set):
    answers, weights = answer_set
    before = score(QUIZ, VALUES, NAMES, answers, weights).ranking
    change = ranking_flip_change(QUIZ, VALUES, NAMES, answers, weights)
    if before[0].score is None or before[1].score is None:
        assert change is None
        return
    first, second = before[0].setting_id, before[1].setting_id
    shared = before[0].rank_label.startswith("=")
    flips = [
        size
        for size, a, w in single_changes(QUIZ, answers, weights)
        if first_place_changed(QUIZ, VALUES, NAMES, a, w, first, second, shared)
    ]
    if not flips:
        assert change is None
        return
    assert change is not None
    assert first_place_changed(QUIZ, VALUES, NAMES, change.answers, change.weights, first, second, shared)
    assert change.size == pytest.approx(min(flips))
    # Exactly one thing changed.
    diff = [k for k in set(answers) | set(change.answers) if answers.get(k) != change.answers.get(k)]
    if change.kind == "weight":
        diff += [
            q.id
            for q in QUIZ.questions
            if effective(QUIZ, weights, answers)[q.id] != effective(QUIZ, change.weights, change.answers)[q.id]
        ]
    assert len(diff) == 1
    if not shared:
        assert NAMES[first] in change.description and NAMES[second] in change.description
        assert "above" in change.description
    else:
        assert "above" not in change.description and "first place alone" in change.description
    # Every setting whose shown place changes is named, with its places as the page shows them.
    was = {r.setting_id: r.rank_label for r in before}
    now = shown_places(QUIZ, VALUES, NAMES, change.answers, change.weights)
    moved = {sid for sid in was if was[sid] != now[sid]}
    assert {sid for sid, _, _ in change.moves} == moved
    for sid, a, b in change.moves:
        assert (a, b) == (was[sid], now[sid])
        assert NAMES[sid] in change.description


def test_ranking_flip_with_no_answers_is_none():
    assert ranking_flip_change(QUIZ, VALUES, NAMES, {}, {}) is None


# --- Link parameters -------------------------------------------------------------------------------

QUESTION_IDS = [q.id for q in QUIZ.questions]
link_text = st.text() | st.sampled_from(
    ["0", "1", "3", "4", "99", "-1", "+1", " 2 ", "٣", "²", "1.0", "0x1", "1" * 500]
)


@given(
    st.dictionaries(st.sampled_from(QUESTION_IDS) | st.text(), link_text),
    st.dictionaries(st.sampled_from(QUESTION_IDS) | st.text(), link_text),
)
def test_validate_answers_never_raises_and_keeps_only_valid_values(raw_answers, raw_weights):
    answers, weights, notices = validate_answers(QUIZ, raw_answers, raw_weights)
    by_id = {q.id: q for q in QUIZ.questions}
    assert all(qid in by_id and 0 <= i < len(by_id[qid].options) for qid, i in answers.items())
    assert all(qid in by_id and w in WEIGHTS for qid, w in weights.items())
    assert len(notices) <= MAX_NOTICES + 1 and all(isinstance(n, str) and n for n in notices)
    dropped = (set(raw_answers) - set(answers)) | (set(raw_weights) - set(weights))
    assert bool(notices) == bool(dropped), "one notice per problem, none without a problem"


def test_validate_answers_rejects_each_kind_of_bad_value():
    q = QUIZ.questions[0]
    bad = {q.id: str(len(q.options)), "no_such_question": "1"}
    answers, weights, notices = validate_answers(QUIZ, bad, {q.id: "7", QUIZ.questions[1].id: "x" * 5000})
    assert answers == {} and weights == {}
    assert len(notices) == 4
    assert all(len(n) < 300 for n in notices), "long input is clipped in notices"


part = st.builds(
    lambda q, a, w: f"{q}.{a}" + (f".{w}" if w is not None else ""),
    st.sampled_from(QUESTION_IDS) | st.text(max_size=8),
    st.integers(-1, 9).map(str) | st.text(max_size=3),
    st.none() | st.integers(-1, 9).map(str) | st.text(max_size=3),
)


@given(st.text() | st.lists(part, max_size=20).map("~".join))
def test_decode_answers_never_raises(text):
    answers, weights, notices = decode_answers(text, QUIZ)
    by_id = {q.id: q for q in QUIZ.questions}
    assert all(qid in by_id and 0 <= i < len(by_id[qid].options) for qid, i in answers.items())
    assert all(qid in by_id and w in WEIGHTS for qid, w in weights.items())
    assert all(isinstance(n, str) for n in notices)


@given(answer_sets(QUIZ))
def test_encode_then_decode_round_trips(answer_set):
    answers, weights = answer_set
    text = encode_answers(answers, weights, QUIZ)
    assert re.fullmatch(r"[a-z0-9_.~]*", text)
    got_answers, got_weights, notices = decode_answers(text, QUIZ)
    assert notices == []
    assert got_answers == answers
    assert effective(QUIZ, got_weights, got_answers) == effective(QUIZ, weights, answers)


def test_decode_reports_each_invalid_part():
    answers, weights, notices = decode_answers("patient_contact.0.3~bogus.1~pace.9~nights~pace.1..2", QUIZ)
    assert answers == {"patient_contact": 0}
    assert weights == {"patient_contact": 3}
    assert len(notices) == 4
    assert decode_answers("a" * 10_000, QUIZ)[2]


# --- The bundled quiz and data ---------------------------------------------------------------------


def test_bundled_quiz_loads_with_10_to_18_questions():
    assert 10 <= len(QUIZ.questions) <= 18
    kinds = {q.kind for q in QUIZ.questions}
    assert kinds == {"preference", "constraint"}
    for kind in SCHEDULE_KINDS:
        assert any(q.dimension == f"schedule:{kind}" and any(o.deal_breaker for o in q.options) for q in QUIZ.questions)


def test_every_deal_breaker_can_change_something_in_the_bundled_data():
    # "Can't be on call" used to hit only "common" or "typical" on-call duty, which no setting has,
    # so the answer never changed anything. Each deal-breaker must flag at least one setting.
    for q in QUIZ.questions:
        for j, option in enumerate(q.options):
            if option.deal_breaker:
                flagged = [r for r in score(QUIZ, VALUES, NAMES, {q.id: j}).ranking if r.deal_breakers]
                assert flagged, f"{q.id}: “{option.label}” flags no setting"
                assert len(flagged) < len(NAMES), f"{q.id}: “{option.label}” flags every setting"


def test_bundled_quiz_is_in_plain_language():
    """Short sentences: a rough, checkable stand-in for an 8th-grade reading level."""
    for q in QUIZ.questions:
        for text in [q.text, q.help or "", *[o.label for o in q.options]]:
            for sentence in re.split(r"(?<=[.?!])\s+", text):
                assert len(sentence.split()) <= 22, f"{q.id}: long sentence: {sentence}"
                assert all(len(word.strip(".,?!()")) <= 14 for word in sentence.split()), (
                    f"{q.id}: long word in: {sentence}"
                )


def test_every_dimension_resolves_for_every_profile_except_pay_gaps_and_loose_fits():
    assert set(QUIZ.dimensions()) <= set(VALUES.columns)
    assert set(VALUES.index) == {p.id for p in LOADED.profiles}
    for p in LOADED.profiles:
        for dim in VALUES.columns:
            v = VALUES.at[p.id, dim]
            if dim == "pay:median" and (
                p.facts.median_wage_annual.value is None or p.bls_industry.confidence in ("low", "none")
            ):
                assert math.isnan(v), f"{p.id}: a pay gap or a borrowed figure must have no value, never a guess"
            elif dim.startswith("rating:") and getattr(p.ratings, dim.split(":")[1], None) is None:
                assert math.isnan(v), f"{p.id}: an unrated dimension has no value"
            else:
                assert 0.0 <= v <= 1.0, f"{p.id}: {dim} = {v}"
    gaps = [p.id for p in GAP_PROFILES if p.facts.median_wage_annual.value is None]
    assert gaps == ["long-term-care"], "this test would not check the skip otherwise"


def test_a_judgement_column_marks_exactly_the_ratings_without_sources():
    for p in LOADED.profiles:
        for dim in RATING_DIMENSIONS:
            rating = getattr(p.ratings, dim, None)
            if rating is not None:
                assert VALUES.at[p.id, f"judgement:rating:{dim}"] == float(not rating.sources), (p.id, dim)
        assert VALUES.at[p.id, "judgement:schedule:nights"] == float(not p.schedule.sources), p.id
    assert VALUES.filter(like="judgement:").to_numpy().sum() > 0, "no judgement in the bundled data to test"
    assert (VALUES.filter(like="judgement:").to_numpy() == 0).sum() > 0, "no sourced rating to test"


def test_pay_gaps_are_left_out_of_that_settings_score_and_say_so():
    """A missing pay figure is never turned into an assumed wage: pay is not counted for that
    setting (it is scored on the rest), and its reasons say so."""
    pay_question = next(q for q in QUIZ.questions if q.id == "pay")
    for pay_answer in [j for j, o in enumerate(pay_question.options) if o.target is not None]:
        result = score(QUIZ, GAP_VALUES, NAMES, {"pay": pay_answer, "patient_contact": 1})
        alone = score(QUIZ, GAP_VALUES, NAMES, {"patient_contact": 1})
        for r in result.ranking:
            pay = [c for c in r.contributions if c.dimension == "pay:median"]
            if math.isnan(GAP_VALUES.at[r.setting_id, "pay:median"]):
                assert any(
                    s.startswith("Pay not counted: BLS publishes no pay figure") and r.name in s for s in r.skipped
                )
                assert pay == []
                assert r.score == next(a.score for a in alone.ranking if a.setting_id == r.setting_id)
            else:
                assert r.skipped == [] and len(pay) == 1


def test_a_pay_gap_is_no_advantage_when_pay_matters_most():
    """Wanting top pay must not lift a setting with no published pay above one that pays well."""
    result = score(QUIZ, GAP_VALUES, NAMES, {"pay": 0}, {"pay": 3})
    order = [r.setting_id for r in result.ranking]
    top_payer = max(
        (sid for sid in GAP_VALUES.index if not math.isnan(GAP_VALUES.at[sid, "pay:median"])),
        key=lambda sid: GAP_VALUES.at[sid, "pay:median"],
    )
    assert GAP_VALUES["pay:median"].isna().sum() >= 1
    for sid in GAP_VALUES.index:
        if math.isnan(GAP_VALUES.at[sid, "pay:median"]):
            assert order.index(top_payer) < order.index(sid)


@pytest.mark.parametrize(
    "yaml_text, message",
    [
        (
            "questions:\n  - {id: a, text: A?, kind: preference, dimension: 'rating:nope', default_weight: 1,"
            " options: [{label: x, target: 0.0}, {label: y, target: 1.0}]}\n",
            "unknown rating dimension",
        ),
        (
            "questions:\n  - {id: a, text: A?, kind: preference, dimension: 'rating:autonomy', default_weight: 1,"
            " options: [{label: x, target: 0.0, match: at_most, deal_breaker: true}, {label: y, target: 1.0}]}\n",
            "deal_breaker",
        ),
        (
            "questions:\n" + "  - {id: a, text: A?, kind: preference, dimension: 'pay:median', default_weight: 1,"
            " options: [{label: x, target: 0.0}, {label: y, target: 1.0}]}\n" * 2,
            "used twice",
        ),
        (
            "questions:\n  - {id: a, text: A?, kind: preference, "
            "dimension: 'tasks:order-entry+typo', default_weight: 1,"
            " options: [{label: x, target: 0.0}, {label: y, target: 1.0}]}\n",
            "unknown task category",
        ),
        (
            "questions:\n  - {id: a, text: A?, kind: preference, dimension: 'pay:median', default_weight: 1,"
            " options: [{label: x, target: 1.5}, {label: y, target: 1.0}]}\n",
            "less than or equal to 1",
        ),
        ("- just a list\n", "expected a mapping"),
        ("questions: [\n", "malformed YAML"),
    ],
)
def test_a_broken_quiz_file_raises_a_clear_error(tmp_path, yaml_text, message):
    path = tmp_path / "quiz.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_quiz(path)


@given(st.sampled_from(LOADED.profiles), st.data())
def test_missing_credentials_lists_needed_ones_not_held_in_relevance_order(profile, data):
    ids = [c.id for c in profile.credentials]
    held = set(data.draw(st.lists(st.sampled_from(ids), unique=True))) if ids else set()
    got = missing_credentials(profile, held, LOADED.catalogs)
    creds = LOADED.catalogs.credentials
    wanted = {
        c.id
        for c in profile.credentials
        if c.relevance in RELEVANCE_ORDER[:3] and c.id not in held and not set(creds[c.id].accepted_instead_of) & held
    }  # an accepted alternative counts as held
    assert {cred.id for cred, _ in got} == wanted
    assert [RELEVANCE_ORDER.index(r) for _, r in got] == sorted(RELEVANCE_ORDER.index(r) for _, r in got)
    assert all(dict((c.id, c.relevance) for c in profile.credentials)[cred.id] == r for cred, r in got)
