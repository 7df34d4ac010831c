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


def card_markdowns(profiles: list[Profile], sources: dict[str, Source], local_line: str) -> list[str]:
    """Each card's Markdown: name, tagline, national pay, the place's line, hours and entry barrier, paragraph by
    paragraph."""
    bundled_cards = _bundled_cards(current_language())  # one cache look-up per run (each costs ~0.1 ms)
    texts = []
    for profile in profiles:
        known = bundled_cards.get(profile.id)
        top, bottom = known[1] if known and known[0] is profile else _card(profile, sources)
        texts.append("\n\n".join([*top, local_line, *bottom]))
    return texts


@st.cache_resource(show_spinner=False, max_entries=4)
def _bundled_cards(lang: str) -> dict[str, tuple[Profile, tuple[list[str], list[str]]]]:
    """setting id -> (the bundled profile, its card's paragraphs); the profile is kept to tell an upload apart."""
    result, _frames = bundled()
    return {p.id: (p, _card(p, result.catalogs.sources)) for p in result.profiles}


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
