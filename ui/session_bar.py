"""Counselor session controls shown on every page: presentation view and New client."""

from __future__ import annotations

import streamlit as st

NOTHING_KEPT = "This app keeps nothing about you once you close or reset it."

# Larger type for projectors and screen sharing. Plotly fonts are sized separately (ui.font_size).
# Less empty space above the content, so a 1280x720 projector shows more of each page.
_LAYOUT_CSS = "<style>[data-testid='stMainBlockContainer'] { padding-top: 4.5rem; }</style>"

_PRESENTATION_CSS = """
<style>
  html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
  [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
  [data-testid="stWidgetLabel"] p, [data-testid="stCaptionContainer"] { font-size: 1.15rem; }
  [data-testid="stSidebar"] { display: none; }
</style>
"""


KEEP_ON_RESET = {"presentation"}  # a room setting, not something about the person


def clear_session() -> None:
    """Forget everything about the current person: every session key and every link parameter."""
    for key in list(st.session_state.keys()):
        if key not in KEEP_ON_RESET:
            del st.session_state[key]
    st.query_params.clear()


def session_bar() -> None:
    """Top-of-page controls. New client asks for confirmation before it clears anything."""
    left, right = st.columns([1, 1], vertical_alignment="center")
    with right:
        with st.container(horizontal=True, horizontal_alignment="right"):
            st.toggle("Presentation view", key="presentation", help="Larger type and charts for a projector or screen share.")
            if st.button("New client", icon=":material/restart_alt:", key="new_client", help="Clear every answer and choice, ready for the next person."):
                st.session_state["confirm_reset"] = True
    st.html(_LAYOUT_CSS + (_PRESENTATION_CSS if st.session_state.get("presentation") else ""))
    if st.session_state.get("confirm_reset"):
        with st.container(border=True):
            st.warning("Start over for a new client? This clears every answer, weight, shortlist, name and choice on every page.")
            yes, no = st.columns(2)
            if yes.button("Yes, clear everything", type="primary", key="confirm_reset_yes"):
                clear_session()
                st.switch_page("app_pages/overview.py")
            if no.button("Cancel", key="confirm_reset_no"):
                st.session_state["confirm_reset"] = False
                st.rerun()


def before_you_start(national) -> str:
    """The orientation text: what the tool can and cannot tell you, and how old its data is."""
    pay_period = national.median_wage_annual.period if national else "May 2024"
    return f"""
**What this can tell you:** how pharmacy-technician settings differ in pay, hours, pace, patient contact, tasks
and credentials, and which of them fit what matters to you.

**What it cannot tell you:** what a particular employer pays or how a particular job feels, or what your state
requires. Pay differs a lot by state and city; ask local employers and your state board of pharmacy.

**Where the data comes from:** pay and jobs from the U.S. Bureau of Labor Statistics (mostly {pay_period}, each
figure dated), credentials from PTCB and NHA, and descriptions from O*NET, employers and career pages. Ratings
of pace, contact and so on are our own judgement, marked *Editorial*, each with its reason.

**The fit quiz is an exploration aid, not a test.** It has no right answers and decides nothing for you.
"""
