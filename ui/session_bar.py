"""Counselor session controls shown on every page: presentation view and New client."""

from __future__ import annotations

import functools

import streamlit as st

from analysis.i18n import _, current_language
from ui.keyboard import KEYBOARD_SCRIPT
from ui.language import LANG_KEY, LANGUAGE_ROOM_KEY, document_language_script, language_picker
from ui.location import location_picker
from ui.style import page_style_in
from ui.widgets import show_notices

# Presentation view and the language are room settings, not something about the person. Each is kept in a plain
# session key as well as its widget's own: Streamlit forgets a widget's key on a page switch that does not draw it
# in the same run (New client switches to the Overview), and the room must not drop back to small type or English.
ROOM_KEY = "presentation_room"
SESSION_SEEN = "_session_seen"  # set on a session's first run: the reconnect check below looks only at that run
REPLACED_ON = "_replaced_notice_on"  # the page the reconnect notice stands on
KEEP_ON_RESET = {"presentation", ROOM_KEY, LANG_KEY, LANGUAGE_ROOM_KEY, SESSION_SEEN}


def replaced_a_lost_session(websocket_protocols: str | None) -> bool:
    """Whether this new session was opened by a browser that had another one. The browser reconnects with its
    old session's id as the third entry of the websocket's subprotocols; Streamlit resumes that session if this
    server still has it, and otherwise starts a new one: the replica it was on stopped, or the server restarted."""
    entries = [e.strip() for e in (websocket_protocols or "").split(",")]
    return len(entries) > 2 and bool(entries[2])


def say_if_the_session_was_replaced(page: str) -> None:
    """Tell a person whose server went away what was kept and what was not. Checked on a new session's first run;
    said on `page` (the page that run showed) until the person leaves it. The browser reruns by itself right
    after a reconnect, which would otherwise wipe a notice shown on one run only."""
    if not st.session_state.get(SESSION_SEEN):
        st.session_state[SESSION_SEEN] = True
        if replaced_a_lost_session(st.context.headers.get("Sec-Websocket-Protocol")):
            st.session_state[REPLACED_ON] = page
    if st.session_state.get(REPLACED_ON) != page:
        st.session_state.pop(REPLACED_ON, None)
        return
    st.warning(
        _(
            "The app reconnected you after the server you were on stopped, so this is a fresh start: nothing is "
            "stored anywhere. Choices and answers from before may need to be made again, and an uploaded "
            "profile uploaded again."
        ),
        icon=":material/sync_problem:",
    )


@st.fragment(run_every=3600)
def _rerun_when_reconnected() -> None:
    """Draws nothing, and reruns itself once an hour. Its timer is what makes Streamlit's page ask for a full run
    as soon as its websocket reconnects; without one, an idle page that lost its replica waits for the person's
    next action before it says that this is a fresh start. tests/test_deploy.py checks it through nginx."""


@functools.cache  # two languages x two modes
def _head_html(lang: str, presentation: bool) -> str:
    scripts = "<script>" + document_language_script(lang) + "</script><script>" + KEYBOARD_SCRIPT + "</script>"
    return page_style_in(lang, presentation) + scripts


def page_head(lang: str, presentation: bool) -> None:
    """The page's stylesheet and its own scripts, in one element (each element costs a rerun about the same,
    whatever it holds): `<html lang>` made the session's language, and the keyboard help (ui/keyboard.py). The
    element is drawn again when the language or presentation view changes (its text changes), which runs both
    scripts again: the language script sets the language, the keyboard script sees it is installed already and
    does nothing. Each script stays its own `<script>`, as the Content-Security-Policy allows them by their hashes
    (bench/proxy.py inline_script_hashes); the stylesheet needs no hash (inline styles are allowed)."""
    st.html(_head_html(lang, presentation), unsafe_allow_javascript=True, width="content")


def clear_session() -> None:
    """Forget everything about the current person: every session key and every link parameter."""
    for key in list(st.session_state.keys()):
        if key not in KEEP_ON_RESET:
            del st.session_state[key]
    st.query_params.clear()


def _remember_room() -> None:
    st.session_state[ROOM_KEY] = bool(st.session_state.get("presentation"))


def session_bar(page: str) -> None:
    """Top-of-page controls on `page` (its URL path). New client asks for confirmation before it clears anything."""
    if "presentation" not in st.session_state:
        st.session_state["presentation"] = bool(st.session_state.get(ROOM_KEY, False))
    # One row (wrapping on a phone): the place on the left, the room's controls pushed to the right (ui/style.py).
    # Two columns holding two rows drew the same with three more elements on every run of every page.
    with st.container(horizontal=True, vertical_alignment="center", key="session_bar"):
        place_notices = location_picker()
        language_picker()
        st.toggle(
            _("Presentation view"),
            key="presentation",
            help=_("Larger type and charts for a projector or screen share."),
            on_change=_remember_room,
            width="content",
        )
        if st.button(
            _("New client"),
            icon=":material/restart_alt:",
            key="new_client",
            help=_("Clear every answer and choice, ready for the next person."),
        ):
            st.session_state["confirm_reset"] = True
    st.session_state[ROOM_KEY] = bool(st.session_state.get("presentation"))
    show_notices(place_notices)
    say_if_the_session_was_replaced(page)
    _rerun_when_reconnected()
    page_head(current_language(), st.session_state[ROOM_KEY])
    if st.session_state.get("confirm_reset"):
        with st.container(border=True):
            st.warning(
                _(
                    "Start over for a new client? This clears every answer, weight, shortlist, name and choice on "
                    "every page."
                )
            )
            yes, no = st.columns(2)
            if yes.button(_("Yes, clear everything"), type="primary", key="confirm_reset_yes"):
                clear_session()
                st.switch_page("app_pages/overview.py")
            if no.button(_("Cancel"), key="confirm_reset_no"):
                st.session_state["confirm_reset"] = False
                st.rerun()
