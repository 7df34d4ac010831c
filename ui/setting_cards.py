"""The Overview's card text for each setting: one Markdown block per card.

A card's words depend only on the setting and the language, except the chosen place's line; for a bundled
setting they are made once per server process and language (thirteen cards of cited figures, dates and inert text
were a large part of an Overview rerun). A setting a counselor uploaded belongs to one session: never cached.
"""

from __future__ import annotations

import streamlit as st

from analysis.i18n import _, current_language
from analysis.loading.frames import schedule_words
from analysis.loading.schema import Profile, Source
from analysis.presentation.facts import pay_label
from analysis.presentation.safe_text import inert
from ui.state import bundled
from ui.widgets import fact_markdown


def card_markdown(profile: Profile, sources: dict[str, Source], local_line: str) -> str:
    """Name, tagline, national pay, the place's line, hours and entry barrier, paragraph by paragraph."""
    if bundled()[0].by_id().get(profile.id) is profile:
        top, bottom = _bundled_card(profile.id, current_language())
    else:
        top, bottom = _card(profile, sources)
    return "\n\n".join([*top, local_line, *bottom])


@st.cache_resource(show_spinner=False, max_entries=64)
def _bundled_card(setting_id: str, lang: str) -> tuple[list[str], list[str]]:
    result, _frames = bundled()
    return _card(result.by_id()[setting_id], result.catalogs.sources)


def _card(profile: Profile, sources: dict[str, Source]) -> tuple[list[str], list[str]]:
    """(the paragraphs above the place's line, those below it)."""
    median = profile.facts.median_wage_annual
    barrier = profile.ratings.entry_barrier
    top = [
        f"#### {inert(profile.name)}",
        inert(profile.tagline),
        # the full note is on the detail page; a card only says so
        _("Median pay: **no published figure** (see details)")
        if median.value is None
        else fact_markdown(_("{label}, national").format(label=pay_label(profile.bls_industry)), median, sources),
    ]
    bottom = [
        _("Nights: **{nights}** · Weekends: **{weekends}** · Holidays: **{holidays}** :gray-badge[Editorial]").format(
            **{kind: inert(words) for kind, words in schedule_words(profile.schedule).items()}
        ),
        _("Entry barrier: **{score}/5** :gray-badge[Editorial] — {reason}").format(
            score=f"{barrier.score:d}", reason=inert(barrier.reason)
        ),
    ]
    return top, bottom
