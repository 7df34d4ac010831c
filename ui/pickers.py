"""Pickers for things the app knows by id and shows by name (settings, credentials, programs), kept for the session.

The widget's value is the id, so links and state never round-trip through a translated name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from analysis.i18n import _
from analysis.presentation.safe_text import inert, inert_label


def pick_one(label: str, names: Mapping[str, str], *, key: str, default: str | None = None) -> Any:
    """One id of `names` (id -> the name shown, in the order shown). `default` is selected until the person picks
    (the first id if it is not among them); without it, the value already in session state under `key` is used."""
    ids = list(names)
    start = {} if default is None else {"index": ids.index(default) if default in ids else 0}
    return st.selectbox(
        inert_label(label),
        ids,
        format_func=names.__getitem__,
        key=key,
        placeholder=inert_label(_("Choose an option")),
        persist_state="session",
        **start,
    )


def pick_many(
    label: str,
    names: Mapping[str, str],
    *,
    key: str,
    placeholder: str | None = None,
    max_selections: int | None = None,
    help: str | None = None,  # noqa: A002 - Streamlit's own name for it
) -> list[str]:
    """Any ids of `names` (id -> the name shown, in the order shown)."""
    return st.multiselect(
        inert_label(label),
        list(names),
        format_func=names.__getitem__,
        key=key,
        placeholder=inert_label(placeholder or _("Choose options")),
        max_selections=max_selections,
        persist_state="session",
        help=None if help is None else inert(help),
    )
