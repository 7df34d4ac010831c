"""Cached access to the bundled data for every page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.frames import Frames, build_frames
from analysis.loader import LoadResult, load_profiles
from analysis.quiz import Quiz, dimension_values, load_quiz


@st.cache_data(show_spinner=False)
def bundled() -> tuple[LoadResult, Frames]:
    """Load, validate and tabulate the bundled profiles once per server process."""
    result = load_profiles()
    return result, build_frames(result.profiles, result.catalogs)


@st.cache_data(show_spinner=False)
def quiz_data() -> tuple[Quiz, pd.DataFrame]:
    """The quiz questions and every setting's value on each quiz dimension, computed once."""
    result, _ = bundled()
    return load_quiz(), dimension_values(result.profiles, result.catalogs.national)


def show_skipped(result: LoadResult) -> None:
    """Tell the user which profiles could not be used, and why (the app runs on the rest)."""
    if not result.problems:
        return
    files = ", ".join(result.skipped) if result.skipped else "a catalog"
    with st.expander(f"⚠️ {len(result.skipped)} profile file(s) skipped because of errors: {files}"):
        for problem in result.problems:
            st.text(str(problem))
