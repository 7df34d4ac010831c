"""The app's pages as `st.Page` objects, for the navigation and for links between pages.

Making an `st.Page` resolves and checks its file on disk, and `st.page_link("app_pages/x.py")` resolves the path
again on every call (the Overview has thirteen). The pages are made once per server process for each language;
every run gets its own shallow copies, since `st.navigation` marks the page it returns as the one to run.
"""

from __future__ import annotations

import copy

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analysis.i18n import _, current_language
from analysis.links import registry
from ui.memo import shared


def navigation_pages() -> list[st.Page]:
    """Every page, in the registry's order, titled in the current language."""
    return [copy.copy(page) for page in _made(current_language(), _app_folder()).values()]


def page(stem: str) -> st.Page:
    """One page (by its script's stem, e.g. "detail") for `st.page_link`."""
    return copy.copy(_made(current_language(), _app_folder())[stem])


def _app_folder() -> str:
    ctx = get_script_run_ctx()
    return str(ctx.pages_manager.main_script_parent) if ctx else ""


@shared(max_entries=8)
def _made(lang: str, app_folder: str) -> dict[str, st.Page]:
    return {
        p.stem: st.Page(f"app_pages/{p.stem}.py", title=_(p.title), icon=p.icon, default=p.default, help=_(p.help))
        for p in registry.PAGES
    }
