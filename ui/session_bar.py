"""Counselor session controls shown on every page: presentation view and New client."""

from __future__ import annotations

import streamlit as st

from ui.location import location_picker
from ui.style import page_style

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
    location_picker(left)
    with right, st.container(horizontal=True, horizontal_alignment="right"):
        st.toggle("Presentation view", key="presentation", help="Larger type and charts for a projector or screen share.")
        if st.button("New client", icon=":material/restart_alt:", key="new_client",
                     help="Clear every answer and choice, ready for the next person."):
            st.session_state["confirm_reset"] = True
    st.html(page_style(presentation=bool(st.session_state.get("presentation"))))
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
