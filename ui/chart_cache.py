"""Charts built from bundled data only, made once per server process for each language and type size and then
shared by every session (read-only, like the data in ui/state.py). Building a plotly chart costs more than the
rest of a page's run; these charts do not depend on the person, only on what they look at.

A setting a counselor uploaded is never cached here (it belongs to one session): its chart is built on each run.
"""

from __future__ import annotations

import streamlit as st

from analysis.i18n import current_language
from analysis.loading.oews import load_national_trend
from analysis.presentation.charts import Chart, pay_chart, pay_trend_chart, tile_grid_chart
from ui.location import places
from ui.memo import shared
from ui.state import CUSTOM_KEY, bundled, current


def state_map(chosen_state: str | None, font_size: int) -> Chart | None:
    """The tile-grid map of state medians with `chosen_state` outlined (None when the BLS table is missing)."""
    return _state_map(chosen_state, font_size, current_language())


@shared(max_entries=64)
def _state_map(chosen_state: str | None, font_size: int, lang: str) -> Chart | None:
    pl = places()
    return tile_grid_chart(pl, chosen_state, font_size) if pl is not None else None


def national_trend() -> Chart:
    """National pay over the last OEWS releases (all industries)."""
    return _national_trend(current_language())


@shared(max_entries=4)
def _national_trend(lang: str) -> Chart:
    result, _frames = bundled()
    return pay_trend_chart(load_national_trend(), result.catalogs.sources)


def setting_pay(setting_id: str, font_size: int) -> Chart | None:
    """One setting's national pay chart (None without the national catalog)."""
    custom = st.session_state.get(CUSTOM_KEY) or {}
    if setting_id in custom:
        return _pay(current(), setting_id, font_size)
    return _bundled_pay(setting_id, font_size, current_language())


@shared(max_entries=64)
def _bundled_pay(setting_id: str, font_size: int, lang: str) -> Chart | None:
    return _pay(bundled(), setting_id, font_size)


def _pay(data, setting_id: str, font_size: int) -> Chart | None:
    result, frames = data
    national = result.catalogs.national
    if national is None:
        return None
    profile = result.by_id()[setting_id]
    wages = frames.wages[frames.wages["setting_id"] == setting_id]
    return pay_chart(
        wages,
        {setting_id: profile.short_name},
        national.median_wage_annual,
        result.catalogs.sources,
        font_size=font_size,
    )
