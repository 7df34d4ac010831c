"""Counselor session mode: New client clears everything; presentation view enlarges charts."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from analysis.paths import ROOT

APP = str(ROOT / "app.py")


def start() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def chart_font_sizes(at: AppTest) -> list[int]:
    """Font size of every Compare chart, opening each tab in turn."""
    sizes = []
    for tab in ["Pay", "Ratings (editorial)", "Hours", "Tasks", "Credentials"]:
        at.session_state["compare_tab"] = tab
        at.run()
        sizes += [json.loads(c.proto.spec)["layout"]["font"]["size"] for c in at.get("plotly_chart")]
    return sizes


def person_state(at: AppTest) -> set[str]:
    """Session keys that describe the person or their choices (everything but the bar's own widgets)."""
    keys = set(at.session_state.keys())
    return {k for k in keys if k not in {"presentation", "seen_orientation"}}


def test_new_client_clears_every_answer_choice_and_link_parameter():
    at = start()
    at.switch_page("app_pages/quiz.py").run()
    at.radio(key="q_patient_contact").set_value(0).run()
    at.checkbox(key="quiz_share").check().run()
    at.multiselect(key="quiz_dismissed").set_value(["nuclear"]).run()
    at.switch_page("app_pages/compare.py").run()
    at.multiselect(key="compare_ids").set_value(["retail", "nuclear"]).run()
    assert "answers" in at.query_params or "settings" in at.query_params
    assert {"q_patient_contact", "compare_ids"} <= person_state(at)

    at.button(key="new_client").click().run()
    assert any("Start over for a new client?" in w.value for w in at.warning)
    assert "q_patient_contact" in person_state(at)  # nothing is cleared before the confirmation
    at.button(key="confirm_reset_yes").click().run()
    assert not at.exception
    leftover = {k for k in person_state(at) if k.startswith(("q_", "w_", "quiz_", "compare_", "detail_", "pay_", "_url_"))}
    assert leftover == set()
    assert dict(at.query_params) == {}
    # Back at the start: the overview, with the quiz unanswered.
    assert any("side by side" in t.value for t in at.title)
    at.switch_page("app_pages/quiz.py").run()
    assert at.radio(key="q_patient_contact").value is None


def test_cancel_keeps_everything():
    at = start()
    at.switch_page("app_pages/quiz.py").run()
    at.radio(key="q_patient_contact").set_value(1).run()
    at.button(key="new_client").click().run()
    at.button(key="confirm_reset_no").click().run()
    assert at.radio(key="q_patient_contact").value == 1
    assert not any("Start over" in w.value for w in at.warning)


def test_presentation_view_enlarges_chart_fonts():
    at = start()
    at.switch_page("app_pages/compare.py").run()
    normal = chart_font_sizes(at)
    at.toggle(key="presentation").set_value(True).run()
    big = chart_font_sizes(at)
    assert len(normal) == len(big) == 5
    assert all(b > n for b, n in zip(big, normal))


def test_orientation_panel_says_what_the_tool_can_and_cannot_do():
    at = start()
    panel = next(e for e in at.expander if e.label == "Before you start")
    text = "\n".join(m.value for m in panel.markdown) + "\n".join(c.value for c in panel.caption)
    assert "cannot tell you" in text and "not a test" in text and "May 2024" in text
    assert "This app keeps nothing about you once you close or reset it." in text
