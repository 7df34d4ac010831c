"""Counselor session mode: New client clears everything; presentation view enlarges charts."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from analysis.loading.loader import load_catalogs
from analysis.paths import ROOT
from tests.apptest_helpers import vega_charts

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
        sizes += chart_sizes(at, pay=tab == "Pay")  # the pay chart stays drawn behind the other tabs
    return sizes


def chart_sizes(at: AppTest, pay: bool = True) -> list[int]:
    """The text size of each chart on the page: Vega-Lite's axis labels (the pay chart), plotly's layout font."""
    return [v["config"]["axis"]["labelFontSize"] for v in vega_charts(at) if pay] + [
        json.loads(c.proto.spec)["layout"]["font"]["size"] for c in at.get("plotly_chart")
    ]


def person_state(at: AppTest) -> set[str]:
    """Session keys that describe the person or their choices (everything but the bar's own widgets)."""
    keys = set(at.session_state.keys())
    return {
        k
        for k in keys
        if k
        not in {
            "presentation",
            "presentation_room",
            "seen_orientation",
            "lang",
            "language_room",
            "_lang_link_seen",
            "_session_seen",
        }
    }


# Every key a person's choices live in, by page; the reset must clear each (checked against the real widgets).
PERSON_KEYS = (
    "q_",
    "w_",
    "quiz_",
    "compare_",
    "detail_",
    "pay_",
    "plan_",
    "held_credentials",
    "client_name",
    "shortlist",
    "_shortlist",
    "session_date",
    "_url_",
    "custom_",
    "_custom",
    "loc_",
)
UI_KEYS = {
    "new_client",
    "download_pdf",
    "download_csv",
    "download_json",  # buttons: nothing about the person
    "location_popover",
    "orientation_box",
    "custom_upload_box",
    "every_figure_box",  # whether a box is open: nothing about the person
    "lang",
    "language_room",
    "_lang_link_seen",
}  # the room's language, kept on New client


def test_new_client_clears_every_answer_choice_and_link_parameter():
    at = start()
    at.switch_page("app_pages/pathways.py").run()
    at.radio(key="plan_stage").set_value("working").run()
    at.number_input(key="plan_years").set_value(4.0).run()
    assert "yrs.4" in at.query_params["plan"]
    at.switch_page("app_pages/compare.py").run()
    at.multiselect(key="compare_ids").set_value(["retail", "nuclear"]).run()
    assert at.query_params["settings"] == "retail,nuclear"
    at.switch_page("app_pages/quiz.py").run()
    at.radio(key="q_patient_contact").set_value(0).run()
    at.session_state["quiz_view"] = "Your results"  # the quiz draws only its open tab
    at.run()
    at.checkbox(key="quiz_share").check().run()
    at.multiselect(key="quiz_dismissed").set_value(["nuclear"]).run()
    at.multiselect(key="held_credentials").set_value(["cpht"]).run()
    at.text_input(key="client_name").input("Jordan Lee").run()
    default_shortlist = at.multiselect(key="shortlist").value
    assert len(default_shortlist) > 1
    at.multiselect(key="shortlist").set_value(default_shortlist[-1:]).run()
    assert "answers" in at.query_params
    before = person_state(at)
    assert {
        "q_patient_contact",
        "compare_ids",
        "held_credentials",
        "client_name",
        "shortlist",
        "plan_stage",
        "plan_years",
        "_url_written",
    } <= before
    unknown = {k for k in before if not k.startswith(PERSON_KEYS) and k not in UI_KEYS and not k.endswith("_data")}
    assert unknown == set(), "a session key this test does not know: add it to PERSON_KEYS or UI_KEYS"

    at.button(key="new_client").click().run()
    assert any("Start over for a new client?" in w.value for w in at.warning)
    assert "q_patient_contact" in person_state(at)  # nothing is cleared before the confirmation
    at.button(key="confirm_reset_yes").click().run()
    assert not at.exception
    # Only the overview's empty widgets exist again (the upload box, holding nothing).
    leftover = {k: at.session_state[k] for k in person_state(at) - UI_KEYS}
    assert all(v in (None, [], "", False) for v in leftover.values()), leftover
    assert dict(at.query_params) == {}
    # Back at the start: the overview; every page shows its defaults again.
    assert any("side by side" in t.value for t in at.title)
    at.switch_page("app_pages/quiz.py").run()
    assert at.radio(key="q_patient_contact").value is None  # back on the questions tab
    at.radio(key="q_patient_contact").set_value(0).run()
    at.session_state["quiz_view"] = "Your results"
    at.run()
    assert at.text_input(key="client_name").value == ""
    assert at.multiselect(key="held_credentials").value == []
    assert at.multiselect(key="shortlist").value == default_shortlist
    assert "answers" not in at.query_params  # sharing is off again
    at.switch_page("app_pages/pathways.py").run()
    assert at.radio(key="plan_stage").value == "student" and at.number_input(key="plan_years").value == 0.0
    assert "st.student" in at.query_params["plan"] and "yrs.0" in at.query_params["plan"]
    at.switch_page("app_pages/compare.py").run()
    assert at.multiselect(key="compare_ids").value != ["retail", "nuclear"]


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
    assert all(b > n for b, n in zip(big, normal, strict=False))


def test_orientation_panel_says_what_the_tool_can_and_cannot_do():
    at = start()
    at.session_state["orientation_box"] = True  # built only while open
    at.run()
    panel = next(e for e in at.expander if e.label == "Before you start")
    text = "\n".join(m.value for m in panel.markdown) + "\n".join(c.value for c in panel.caption)
    period = load_catalogs().national.median_wage_annual.period
    assert "cannot tell you" in text and "not a test" in text and period in text
    assert "This app keeps nothing about you once you close or reset it." in text


def test_presentation_view_survives_new_client_from_the_quiz():
    at = start()
    at.toggle(key="presentation").set_value(True).run()
    at.switch_page("app_pages/quiz.py").run()
    at.button(key="new_client").click().run()
    at.button(key="confirm_reset_yes").click().run()
    assert not at.exception
    assert any("side by side" in t.value for t in at.title)  # back on the overview
    assert at.toggle(key="presentation").value is True
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert "font-size: 24px" in styles, "presentation view dropped back to normal type"
    at.switch_page("app_pages/compare.py").run()
    assert chart_sizes(at) == [20], "the Compare page's pay chart"


def test_a_session_started_for_a_browser_that_lost_its_own_is_told_so():
    """The browser's reconnect names its old session as the third websocket subprotocol; only a session opened
    that way (the old one is gone from this server) gets the notice, checked on its first run."""
    from ui.session_bar import replaced_a_lost_session

    assert not replaced_a_lost_session(None)
    assert not replaced_a_lost_session("streamlit, 2|abc|def|123")  # a first visit or a reload
    assert not replaced_a_lost_session("streamlit, 2|abc|def|123, ")
    assert replaced_a_lost_session("streamlit, 2|abc|def|123, 18280953-bd2f-48e4-b1e1-d0412d5dc5f9")


def test_the_reconnect_notice_stays_on_its_page_and_goes_once_the_person_leaves(monkeypatch):
    import ui.session_bar

    monkeypatch.setattr(ui.session_bar, "replaced_a_lost_session", lambda protocols: True)
    at = start()  # the new session's first run, on the Overview

    def notice() -> list[str]:
        return [w.value for w in at.warning if "reconnected you" in w.value]

    assert notice()
    at.toggle(key="presentation").set_value(True).run()
    assert notice(), "a later run on the same page keeps it"
    at.switch_page("app_pages/compare.py").run()
    assert not notice()
    at.switch_page("app_pages/overview.py").run()
    assert not notice(), "said once: coming back does not bring it again"


def test_the_orientation_dates_the_pay_data_and_makes_up_no_period_without_it():
    from analysis.loading.loader import load_profiles
    from analysis.periods import localize_period
    from ui.orientation import before_you_start

    national = load_profiles().catalogs.national
    assert f"mostly {localize_period(national.median_wage_annual.period)}" in before_you_start(national)
    assert "mostly the latest release" in before_you_start(None)  # the national catalog failed to load
