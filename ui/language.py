"""The language the app speaks: chosen in the session bar, carried in the link as `lang=es`, and otherwise the
browser's language where Streamlit exposes it (st.context.locale), else English.

The choice belongs to the counselor's room, not the client: New client keeps it (ui.session_bar.KEEP_ON_RESET).
`use_language()` runs once at the top of every script run; everything below it (pages, analysis/) reads the
language through analysis.i18n.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

import streamlit as st

from analysis.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, negotiate, set_language
from analysis.links import registry
from analysis.presentation.safe_text import inert

LANG_KEY = "lang"  # session state: the picker's value ('en' or 'es'); also the link parameter's name
LANGUAGE_ROOM_KEY = "language_room"  # session state: the language, kept apart from the widget (see session_bar)
_LINK_SEEN = "_lang_link_seen"  # session state: the last `lang` link value already applied


def document_language_script(lang: str) -> str:
    """The script that makes the page's `<html lang>` `lang` (Spanish or else English): our own constant text,
    never anything from outside. Streamlit's page always says lang="en"; screen readers pick their voice and
    pronunciation from it, browsers their hyphenation and translation offers, so a Spanish page read with English
    rules is mangled. The deployment's Content-Security-Policy allows exactly these scripts by their hashes
    (bench/proxy.py inline_script_hashes)."""
    return "document.documentElement.lang = 'es';" if lang == "es" else "document.documentElement.lang = 'en';"


def _browser_language() -> str | None:
    try:
        return negotiate(st.context.locale)
    except Exception:  # noqa: BLE001 - no browser context (tests, a bare script run): English
        return None


def _link_language() -> tuple[str | None, list[str]]:
    """A `lang` value that came in a link and has not been applied yet, with any notice about it."""
    values = st.query_params.get_all(LANG_KEY)
    if not values or values[-1] == st.session_state.get(_LINK_SEEN):
        return None, []
    st.session_state[_LINK_SEEN] = values[-1]
    return registry.read(LANG_KEY, values)


def use_language() -> list[str]:
    """Settle this run's language and make it current; returns notices (a bad `lang` in the link)."""
    ss = st.session_state
    linked, notices = _link_language()
    if linked is not None:
        ss[LANGUAGE_ROOM_KEY] = linked
    elif ss.get(LANGUAGE_ROOM_KEY) not in LANGUAGES:
        ss[LANGUAGE_ROOM_KEY] = _browser_language() or DEFAULT_LANGUAGE
    lang = ss[LANGUAGE_ROOM_KEY]
    ss[LANG_KEY] = lang  # the picker shows the room's language
    set_language(lang)
    _write_link(lang)
    return notices


def keep_language() -> None:
    """For code that runs outside app.py's run (a widget callback): make this session's language current again."""
    set_language(st.session_state.get(LANGUAGE_ROOM_KEY, DEFAULT_LANGUAGE))


def in_session_language(callback: Callable[..., None]) -> Callable[..., None]:
    """A widget callback that speaks the session's language. Streamlit runs callbacks before the page script, on a
    fresh thread where app.py has not set the language yet: without this, `_()` in a callback reads English."""

    @functools.wraps(callback)
    def run(*args, **kwargs) -> None:
        keep_language()
        callback(*args, **kwargs)

    return run


def _write_link(lang: str) -> None:
    """Spanish is in the link, so a shared link opens in Spanish; English, the default, is left out."""
    if lang == DEFAULT_LANGUAGE:
        if LANG_KEY in st.query_params:
            del st.query_params[LANG_KEY]
        st.session_state[_LINK_SEEN] = None
    elif st.query_params.get_all(LANG_KEY) != [lang]:
        st.query_params[LANG_KEY] = lang
        st.session_state[_LINK_SEEN] = lang


_PLAIN = (str, int, float, dt.date)


def _plain(value: object) -> bool:
    """A value a choice widget holds (an option, or a list or range of them); never a button's or toggle's bool,
    nor an upload (widgets whose value Streamlit does not let an app write)."""
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    return isinstance(value, _PLAIN) and not isinstance(value, bool)


def _keep_choices_through_the_switch() -> None:
    """Streamlit keeps a choice widget's value (radio, selectbox, multiselect, select slider, segmented control) as
    the label it shows, and the browser sends that label back with the next run. A language switch changes every
    label at once: in the new language's run the old label matches no option, so each widget on screen fell back
    to its default (the quiz's answers to none, its weights to 0) and a weight's callback took that for the
    person's own change. This runs in the switch's callback, before that run, while the old labels still read
    back to values: writing each value back through session state stores the value itself, which the next run
    shows under its new label. Widgets not on screen already keep their value, not its label."""
    ss = st.session_state
    for key in list(ss.keys()):
        value = ss[key]
        if _plain(value):
            ss[key] = value


def _remember_language() -> None:
    if st.session_state.get(LANG_KEY) in LANGUAGES:
        _keep_choices_through_the_switch()
        st.session_state[LANGUAGE_ROOM_KEY] = st.session_state[LANG_KEY]


def language_picker() -> None:
    """English / Español, in each language's own name. Changing it reruns the page in the new language."""
    st.segmented_control(
        _("Language"),
        options=list(LANGUAGES),
        format_func=lambda code: inert(LANGUAGES[code][0]),
        key=LANG_KEY,
        required=True,
        label_visibility="collapsed",
        on_change=_remember_language,
        width="content",
        help=_("The language of every page, chart and download. Kept when you start a new client."),
    )
