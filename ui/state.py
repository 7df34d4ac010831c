"""The data every page works on: the bundled profiles (cached once per server process, once per language)
plus any custom profile a counselor added in this session (never cached, never written).

Profiles, catalogs and the quiz are read in English, then their prose is overlaid in the current language
(analysis.loading.translated); figures never change. Every cache here is keyed by the language, since the
charts and tables built from the data carry its words."""

from __future__ import annotations

import dataclasses
import gc
import os

import pandas as pd
import streamlit as st

from analysis.i18n import _, current_language, ngettext
from analysis.loading.frames import Frames, build_frames
from analysis.loading.loader import LoadResult, load_profile_bytes, load_profiles
from analysis.loading.names import name_clash
from analysis.loading.schema import Profile
from analysis.loading.translated import translate_model, translate_result
from analysis.loading.yaml_io import Problem
from analysis.presentation import charts
from analysis.presentation.safe_text import inert
from analysis.quiz import Quiz, dimension_values, load_quiz
from ui.memo import shared


# One shared copy for every session (ui/memo.py), not a copy per session or per run (unpickling ~0.5 MB)
# on every rerun. Everything returned here is read-only by convention: pages filter, never modify.
@shared()
def english() -> LoadResult:
    """Load and validate the bundled profiles once per server process, as written (English; read-only)."""
    return load_profiles()


def bundled() -> tuple[LoadResult, Frames]:
    """The bundled profiles in the current language, and their tables (read-only)."""
    return _bundled_in(current_language())


@shared()
def _bundled_in(lang: str) -> tuple[LoadResult, Frames]:
    result = translate_result(english(), lang)
    frames = build_frames(result.profiles, result.catalogs)
    # Streamlit runs a full gc.collect() after every script run; with pandas and plotly loaded that
    # walk dominates a rerun. Everything alive now (modules, this data) lives as long as the server,
    # so move it out of the collector's sight once. Later garbage is still collected as usual.
    if os.environ.get("RX_GC_FREEZE", "1") != "0":  # RX_GC_FREEZE=0 only to measure the difference
        gc.freeze()
    return result, frames


def is_bundled(*profiles: Profile) -> bool:
    """Whether every one of `profiles` is a bundled setting as loaded, the only kind a shared cache may keep: an
    uploaded profile belongs to one session (its id may even match a bundled one's in a test)."""
    by_id = bundled()[0].by_id()
    return all(by_id.get(p.id) is p for p in profiles)


def quiz_data() -> tuple[Quiz, pd.DataFrame]:
    """The quiz questions in the current language and every setting's value on each quiz dimension (read-only)."""
    return _quiz_in(current_language())


@shared()
def _quiz_in(lang: str) -> tuple[Quiz, pd.DataFrame]:
    result, _frames = bundled()
    quiz, _cover = translate_model(load_quiz(), "quiz", lang)
    return quiz, dimension_values(result.profiles, result.catalogs.national)


CUSTOM_KEY = "custom_profiles"  # session state: setting id -> Profile, this session only


def current() -> tuple[LoadResult, Frames]:
    """Bundled profiles plus this session's custom ones."""
    result, frames = bundled()
    custom: dict[str, Profile] = st.session_state.get(CUSTOM_KEY) or {}
    if not custom:
        return result, frames
    merged = dataclasses.replace(result, profiles=result.profiles + tuple(custom.values()))
    return merged, build_frames(merged.profiles, merged.catalogs)


def current_quiz() -> tuple[Quiz, pd.DataFrame]:
    quiz, values = quiz_data()
    custom: dict[str, Profile] = st.session_state.get(CUSTOM_KEY) or {}
    if custom:
        result, _frames = bundled()
        values = pd.concat([values, dimension_values(list(custom.values()), result.catalogs.national, quiz)])
    return quiz, values


def add_custom_profile(data: bytes, name: str) -> list[Problem]:
    """Validate an uploaded profile exactly like a bundled one; keep it in this session if valid.

    An upload may not share an id, name or short name with another setting (case-insensitively):
    two settings that read the same would be impossible to tell apart on any page."""
    result = english()  # names are compared as written, whatever the language shown
    profile, problems = load_profile_bytes(data, name, result.catalogs)
    if profile is None:
        return problems
    custom: dict[str, Profile] = st.session_state.get(CUSTOM_KEY) or {}
    others = list(result.profiles) + [p for p in custom.values() if p.id != profile.id]
    clash = name_clash(name, profile, others, bundled_ids=set(result.by_id()))
    if clash:
        return [clash]
    st.session_state.setdefault(CUSTOM_KEY, {})[profile.id] = profile
    return problems


def compare_view(ids: tuple[str, ...], hourly: bool, font_size: int) -> charts.CompareView:
    """The Compare page's charts; cached per selection when only bundled profiles are in play."""
    if st.session_state.get(CUSTOM_KEY):
        result, frames = current()
        return charts.compare_view(result, frames, ids, hourly, font_size)
    return _bundled_compare_view(ids, hourly, font_size, current_language())


@shared(max_entries=512)
def _bundled_compare_view(ids: tuple[str, ...], hourly: bool, font_size: int, lang: str) -> charts.CompareView:
    result, frames = _bundled_in(lang)
    return charts.compare_view(result, frames, ids, hourly, font_size)


def show_skipped(result: LoadResult) -> None:
    """Tell the user which profiles could not be used, and why (the app runs on the rest)."""
    if not result.problems:
        return
    files = ", ".join(result.skipped) if result.skipped else _("a catalog")
    with st.expander(
        ngettext(
            "{n} profile file skipped because of errors: {files}",
            "{n} profile files skipped because of errors: {files}",
            len(result.skipped),
        ).format(n=len(result.skipped), files=inert(files)),
        icon=":material/warning:",
    ):
        for problem in result.problems:
            st.text(str(problem))
