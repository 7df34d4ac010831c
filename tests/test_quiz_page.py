"""The fit quiz page under AppTest: answer -> results -> adjust a weight -> dismiss -> link."""

from __future__ import annotations

import html
import json
import re

from streamlit.testing.v1 import AppTest

from analysis.links.answers import decode_answers
from analysis.paths import ROOT
from tests.apptest_helpers import open_page, shown
from tests.data import QUIZ

APP = str(ROOT / "app.py")


QUESTIONS, RESULTS = "Questions", "Your results"


def open_quiz(**params: str) -> AppTest:
    return open_page("quiz", **params)


def view(at: AppTest, tab: str) -> AppTest:
    """Open one of the quiz's two tabs (only the open one is drawn)."""
    at.session_state["quiz_view"] = tab
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def answer(at: AppTest, question_id: str, startswith: str) -> AppTest:
    """Answer on the Questions tab (opening it if the results are showing)."""
    if not any(r.key == f"q_{question_id}" for r in at.radio):
        view(at, QUESTIONS)
    at.radio(key=f"q_{question_id}").set_value(option(question_id, startswith)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def option(question_id: str, startswith: str) -> int:
    q = next(q for q in QUIZ.questions if q.id == question_id)
    return next(i for i, o in enumerate(q.options) if o.label.startswith(startswith))


def fit_scores(at: AppTest) -> dict[str, float]:
    """Score by the label a reader sees (bars are keyed by setting id; the axis ticks carry the names)."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    bars, axis = spec["data"][0], spec["layout"]["yaxis"]
    label = dict(zip(axis["tickvals"], axis["ticktext"], strict=False))
    return {html.unescape(label[y]): x for y, x in zip(bars["y"], bars["x"], strict=False)}


def ranked_expanders(at: AppTest) -> list:
    """The "why each setting scored" expanders: labels like "1. Hospital — 88/100" or "=2. …" when shared."""
    return [e for e in at.expander if re.match(r"^=?\d+\. ", shown(e.label))]


def points_table(expander) -> dict[str, float]:
    """The points table in a setting's expander (a plain Markdown table): answer -> points."""
    table = next(shown(m.value) for m in expander.markdown if shown(m.value).startswith("| Your answer"))
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    return {cells[0].strip(): float(cells[3]) for cells in rows}


def answer_sterile_night_person(at: AppTest) -> AppTest:
    """Three answers, then the results tab."""
    answer(at, "sterile_work", "Yes")
    answer(at, "nights", "Nights are fine")
    answer(at, "patient_contact", "As little")
    return view(at, RESULTS)


def test_no_results_until_something_is_answered():
    at = open_quiz()
    assert len(at.radio) == len(QUIZ.questions)
    assert not any(b.key == "see_results" for b in at.button), "nothing to see before an answer"
    assert any("Answer at least one question" in shown(c.value) for c in at.caption)
    view(at, RESULTS)
    assert any("Answer at least one question" in shown(i.value) for i in at.info)
    assert not at.get("plotly_chart")


def test_answering_draws_the_questions_and_a_standing_not_the_results():
    at = open_quiz()
    answer(at, "sterile_work", "Yes")
    answer(at, "patient_contact", "As little")
    assert not at.get("plotly_chart") and not ranked_expanders(at), "the results tab is not drawn while closed"
    standing = next(shown(m.value) for m in at.markdown if shown(m.value).startswith("**Best fits so far:**"))
    at.button(key="see_results").click().run()  # opens the results tab
    assert not at.radio, "the questions tab is closed"
    top3 = [shown(e.label).split(" — ")[0] for e in ranked_expanders(at)[:3]]
    assert standing == "**Best fits so far:** " + " · ".join(
        f"{label} ({shown(e.label).split(' — ')[1].split('/')[0]}/100)"
        for label, e in zip(top3, ranked_expanders(at)[:3], strict=True)
    )


def test_answers_rank_the_settings_with_reasons_that_add_up():
    at = answer_sterile_night_person(open_quiz())
    scores = fit_scores(at)
    names = list(scores)
    assert names.index("Hospital") < names.index("Retail")  # the chart labels settings by short name
    assert all(0 <= s <= 100 for s in scores.values())
    ranked = ranked_expanders(at)
    assert len(ranked) == len(scores)
    for e in ranked:  # the points shown for each answer add up to the score shown
        total = float(shown(e.label).split("— ")[1].split("/")[0])
        assert abs(sum(points_table(e).values()) - total) <= 0.6, e.label
    assert any("What would change first place" in shown(m.value) for m in at.markdown)


def test_answers_survive_a_page_switch():
    at = answer_sterile_night_person(open_quiz())
    before = fit_scores(at)
    at.switch_page("app_pages/compare.py").run()
    at.switch_page("app_pages/quiz.py").run()
    assert fit_scores(at) == before  # back on the tab the person left
    view(at, QUESTIONS)
    assert at.radio(key="q_sterile_work").value == option("sterile_work", "Yes")


def test_adjusting_a_weight_updates_the_ranking_live():
    at = answer_sterile_night_person(open_quiz())
    before = fit_scores(at)
    at.select_slider(key="w_sterile_work").set_value(0).run()
    after = fit_scores(at)
    assert after != before
    assert at.select_slider(key="w_sterile_work").value == 0


def test_dismissing_a_setting_removes_it_from_the_ranking_but_says_so():
    at = answer_sterile_night_person(open_quiz())
    at.multiselect(key="quiz_dismissed").set_value(["hospital"]).run()
    assert "Hospital" not in fit_scores(at)
    assert any("Left out by you: Hospital (inpatient)" in shown(c.value) for c in at.caption)


def test_copy_link_is_opt_in_and_warns_then_round_trips():
    at = answer_sterile_night_person(open_quiz())
    assert "answers" not in at.query_params
    at.checkbox(key="quiz_share").check().run()
    assert any("contains your answers" in w.value for w in at.warning)
    link = at.query_params["answers"]
    answers, _, notices = decode_answers(link, QUIZ)
    assert notices == [] and answers["sterile_work"] == option("sterile_work", "Yes")
    # Opening that link in a fresh session restores the same answers and ranking.
    # Opening that link in a fresh session restores the same answers and ranking, on the results tab.
    again = open_quiz(answers=link)
    assert fit_scores(again) == fit_scores(at)
    assert view(again, QUESTIONS).radio(key="q_sterile_work").value == option("sterile_work", "Yes")
    # Sharing stays on while the person changes an answer on the questions tab: the link follows.
    answer(at, "pace", "Calm")
    assert decode_answers(at.query_params["answers"], QUIZ)[0]["pace"] == option("pace", "Calm")
    assert any("you chose to share" in shown(c.value) for c in at.caption)
    # Turning sharing off takes the answers out of the link.
    view(at, RESULTS)
    at.checkbox(key="quiz_share").uncheck().run()
    assert "answers" not in at.query_params


def test_a_tampered_link_keeps_what_is_valid_and_says_what_was_ignored():
    good = f"sterile_work.{option('sterile_work', 'Yes')}"
    at = open_quiz(answers=good + "~nope.1~pace.99~" + "x" * 300)
    assert at.info, "ignored parts must be reported"
    assert fit_scores(at)
    view(at, QUESTIONS)
    assert at.radio(key="q_sterile_work").value == option("sterile_work", "Yes")
    assert at.radio(key="q_pace").value is None


def test_next_steps_name_missing_credentials_for_the_top_setting():
    at = answer_sterile_night_person(open_quiz())
    from analysis.loading.loader import load_profiles
    from analysis.pathways.gaps import missing_credentials

    heading = next(shown(s.value) for s in at.subheader if shown(s.value).startswith("Next steps for"))
    loaded = load_profiles()
    top = next(p for p in loaded.profiles if heading == f"Next steps for {p.name}")
    expected = missing_credentials(top, set(), loaded.catalogs)
    assert expected, "the top setting asks for credentials a newcomer lacks"
    steps = next(shown(m.value) for m in at.markdown if shown(m.value).startswith("- **"))
    assert [line.split("**")[1] for line in steps.splitlines()] == [c.name for c, _ in expected]
    at.multiselect(key="held_credentials").set_value(list(at.multiselect(key="held_credentials").options)).run()
    assert any("You hold every credential" in shown(m.value) for m in at.markdown)


def test_a_deal_breaker_flags_and_demotes_but_keeps_the_setting():
    at = answer_sterile_night_person(open_quiz())
    view(answer(at, "nights", "No. I can't"), RESULTS)
    names = list(fit_scores(at))
    assert "⚠ Hospital" in names  # still listed, marked
    flagged = [i for i, n in enumerate(names) if n.startswith("⚠")]
    assert flagged and min(flagged) > max(i for i, n in enumerate(names) if not n.startswith("⚠"))


def test_a_repeated_answers_parameter_uses_the_last_and_says_so():
    first = f"sterile_work.{option('sterile_work', 'No')}"
    last = f"sterile_work.{option('sterile_work', 'Yes')}"
    at = open_quiz(answers=[first, last])
    assert any("repeats “answers”" in shown(i.value) for i in at.info)
    assert view(at, QUESTIONS).radio(key="q_sterile_work").value == option("sterile_work", "Yes")


def test_progress_says_how_far_through_the_questions_the_person_is():
    at = open_quiz()
    total = len(QUIZ.questions)
    assert at.get("progress")[0].proto.text == f"0 of {total} questions answered"
    answer_sterile_night_person(at)
    view(at, QUESTIONS)
    assert at.get("progress")[0].proto.text == f"3 of {total} questions answered"
    assert at.radio(key="q_pace").label.startswith(f"2 of {total}.")


def test_the_points_table_has_four_short_columns_for_a_phone():
    at = answer_sterile_night_person(open_quiz())
    header = next(
        shown(m.value) for m in ranked_expanders(at)[0].markdown if shown(m.value).startswith("| Your answer")
    ).splitlines()[0]
    assert header == "| Your answer | Match | Weight | Points |"
    assert not any(e.dataframe for e in ranked_expanders(at)), "a dataframe scrolls sideways on a phone"


def test_a_weight_starts_where_the_answer_puts_it_and_then_stays_with_the_person():
    at = open_quiz()
    view(answer(at, "advancement", "Yes. That matters a lot"), RESULTS)
    assert at.select_slider(key="w_advancement").value == 3  # "matters a lot" starts at the top
    view(answer(at, "advancement", "Some room"), RESULTS)
    q = next(q for q in QUIZ.questions if q.id == "advancement")
    assert at.select_slider(key="w_advancement").value == q.default_weight  # follows the answer
    own = next(w for w in (0, 2) if w != q.default_weight)
    at.select_slider(key="w_advancement").set_value(own).run()
    view(answer(at, "advancement", "Yes. That matters a lot"), RESULTS)
    assert at.select_slider(key="w_advancement").value == own  # the person's own choice is kept


def test_a_tie_at_the_top_is_shown_as_a_shared_place():
    at = view(answer(open_quiz(), "nights", "Now and then"), RESULTS)
    labels = [shown(e.label) for e in ranked_expanders(at)]
    assert labels[0].startswith("=1. ") and labels[1].startswith("=1. ")
    assert any(shown(i.value).startswith(("About equally good fits", "Equal first")) for i in at.info)
    others = shown(ranked_expanders(at)[1].label).split(". ", 1)[1].split(" — ")[0]
    assert any("shares first place with" in shown(c.value) and others in shown(c.value) for c in at.caption)


def test_a_missing_pay_figure_at_the_top_is_a_headline_and_a_reason():
    # Every bundled setting has a published median; a counselor's uploaded profile may not. A copy of
    # nuclear pharmacy without one ranks at the top for this person, who said pay matters a lot.
    from analysis.loading.loader import load_profiles
    from analysis.loading.schema import NumericFact

    nuclear = load_profiles().by_id()["nuclear"]
    gap = NumericFact(value=None, unit="USD/year", note="no published figure for this setting")
    copy = nuclear.model_copy(
        update={
            "id": "nuclear-upload",
            "name": "Nuclear (uploaded, no pay figure)",
            "facts": nuclear.facts.model_copy(update={"median_wage_annual": gap}),
        }
    )
    at = open_quiz()
    at.session_state["custom_profiles"] = {copy.id: copy}
    answer(at, "pay", "I want the highest")
    answer(at, "patient_contact", "As little")
    view(answer(at, "sterile_work", "Yes"), RESULTS)
    assert any(
        copy.name in shown(w.value)
        and ("no figure of its own for pay" in shown(w.value) or "no figure of their own for pay" in shown(w.value))
        and "which you said matters" in shown(w.value)
        for w in at.warning
    )
    mine = next(e for e in ranked_expanders(at) if copy.name in shown(e.label))
    assert shown(mine.label).startswith(("1. ", "=1. "))
    assert any("Pay not counted: BLS publishes no pay figure" in shown(m.value) for m in mine.markdown)


def test_the_shortlist_follows_the_ranking_until_edited_and_says_when_it_differs():
    from analysis.loading.loader import load_profiles

    at = answer_sterile_night_person(open_quiz())
    short = {p.short_name: p.id for p in load_profiles().profiles}

    def top3() -> list[str]:  # the chart's first three bars, by short name
        return [re.sub(r"^⚠ ", "", n) for n in list(fit_scores(at))[:3]]

    assert at.multiselect(key="shortlist").value == [short[n] for n in top3()]
    view(answer(at, "patient_contact", "A lot"), RESULTS)  # the ranking moves
    assert at.multiselect(key="shortlist").value == [short[n] for n in top3()]
    at.multiselect(key="shortlist").set_value(["retail"]).run()
    assert at.multiselect(key="shortlist").value == ["retail"]
    assert any("differs from your current top three" in shown(c.value) for c in at.caption)
    view(answer(at, "pace", "Calm"), RESULTS)
    assert at.multiselect(key="shortlist").value == ["retail"], "an edited shortlist is kept"
    at.button(key="shortlist_follow").click().run()
    assert at.multiselect(key="shortlist").value == [short[n] for n in top3()]


def test_the_results_say_which_reasons_of_the_top_three_rest_on_judgement():
    # Wholesale distribution's ratings all rest on judgement (no source describes the work), so its reasons are
    # marked as judgement, counted at half weight, and the points table shows the reduced weight.
    at = open_quiz()
    for qid, label in [
        ("patient_contact", "As little"),
        ("physical_work", "I like to be on my feet"),
        ("computer_work", "Very little"),
        ("sterile_work", "No."),
        ("teamwork", "A mix"),
        ("pace", "Somewhere"),
        ("autonomy", "Some"),
    ]:
        answer(at, qid, label)
    view(at, RESULTS)
    first = ranked_expanders(at)[0]
    assert "wholesale" in shown(first.label)
    block = next(shown(m.value) for m in at.markdown if shown(m.value).startswith("**Resting on our judgement alone**"))
    lines = block.splitlines()[1:]
    assert len(lines) == 3, "one line for each of the top three"
    assert "wholesale" in lines[0] and "talking with patients" in lines[0]
    assert any("editorial judgement, no source; counted at half weight" in shown(m.value) for m in first.markdown)
    table = next(shown(m.value) for m in first.markdown if shown(m.value).startswith("| Your answer"))
    assert "| 2 → 1 |" in table


def test_hours_the_person_cannot_work_that_come_up_sometimes_are_named():
    # "No. I can't work nights": settings where nights are common go to the end; where they come up sometimes
    # (agency, Federal / VA, wholesale, long-term care) the setting stays in place with a caution naming them.
    at = view(answer(open_quiz(), "nights", "No. I can't"), RESULTS)
    sometimes = {"Agency", "Federal", "wholesale", "Long-term"}
    flagged = [e for e in ranked_expanders(at) if any(s in shown(e.label) for s in sometimes)]
    assert flagged
    for e in flagged:
        assert any(
            shown(m.value).startswith("**Check:**") and "Night shifts are sometimes here" in shown(m.value)
            for m in e.markdown
        ), shown(e.label)
        assert "⚠" not in shown(e.label), "sometimes is a caution, not a deal-breaker"


def test_a_setting_whose_pay_is_borrowed_is_not_scored_on_pay_and_says_so():
    at = view(answer(answer(open_quiz(), "pay", "I want the highest"), "patient_contact", "As little"), RESULTS)
    nuclear = next(e for e in ranked_expanders(at) if "Nuclear" in shown(e.label))
    assert any(
        "Pay not counted: BLS publishes no pay figure for" in shown(m.value)
        and "loosely fitting industry" in shown(m.value)
        for m in nuclear.markdown
    )
    hospital = next(e for e in ranked_expanders(at) if shown(e.label).split(". ", 1)[1].startswith("Hospital"))
    assert "Pay: I want the highest pay I can get." in points_table(hospital)


def test_next_steps_state_entry_conditions_with_their_evidence_unjudged_without_experience():
    at = view(answer(open_quiz(), "pay", "I want the highest"), RESULTS)  # Federal / VA comes first
    entry = next(shown(m.value) for m in at.markdown if shown(m.value).startswith("**Entry usually needs**"))
    assert "not checked: no experience was given" in entry
    assert "Source:" in entry or "Judgement:" in entry
    assert any("About you" in shown(c.value) for c in at.caption)
