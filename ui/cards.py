"""The Overview's setting cards as Markdown, every piece through safe_text. A bundled setting's card is made once per
language and shared (ui/memo.py); an uploaded setting's card is made on each run, as it belongs to one session."""

from __future__ import annotations

from analysis.i18n import _, current_language
from analysis.loading.frames import schedule_words
from analysis.loading.schema import Profile
from analysis.local_pay import AreaPay
from analysis.presentation.facts import pay_label
from analysis.presentation.safe_text import inert
from ui.local_pay import local_card_line
from ui.memo import shared
from ui.state import bundled, is_bundled
from ui.widgets import fact_markdown


def card_markdown(profile: Profile, sources, here: AreaPay | None) -> str:
    """One card, paragraph by paragraph: name, tagline, national pay, the chosen place's line, hours, entry."""
    shared_one = is_bundled(profile)  # an uploaded setting's card is never kept
    lang = current_language()
    return "\n\n".join(
        [
            _bundled_card_head(profile.id, lang) if shared_one else _card_head(profile, sources),
            local_card_line(here),
            _bundled_card_tail(profile.id, lang) if shared_one else _card_tail(profile),
        ]
    )


@shared(max_entries=64)
def _bundled_card_head(setting_id: str, lang: str) -> str:
    result, _frames = bundled()
    return _card_head(result.by_id()[setting_id], result.catalogs.sources)


@shared(max_entries=64)
def _bundled_card_tail(setting_id: str, lang: str) -> str:
    return _card_tail(bundled()[0].by_id()[setting_id])


def _card_head(profile: Profile, sources) -> str:
    """Name, tagline and national pay: the card's text before the place's line."""
    median = profile.facts.median_wage_annual
    return "\n\n".join(
        [
            f"#### {inert(profile.name)}",
            inert(profile.tagline),
            # the full note is on the detail page; a card only says so
            _("Median pay: **no published figure** (see details)")
            if median.value is None
            else fact_markdown(_("{label}, national").format(label=pay_label(profile.bls_industry)), median, sources),
        ]
    )


def _card_tail(profile: Profile) -> str:
    """Hours and the entry barrier, both editorial: the card's text after the place's line."""
    barrier = profile.ratings.entry_barrier
    return "\n\n".join(
        [
            _(
                "Nights: **{nights}** · Weekends: **{weekends}** · Holidays: **{holidays}** :gray-badge[Editorial]"
            ).format(**{kind: inert(words) for kind, words in schedule_words(profile.schedule).items()}),
            _("Entry barrier: **{score}/5** :gray-badge[Editorial] — {reason}").format(
                score=f"{barrier.score:d}", reason=inert(barrier.reason)
            ),
        ]
    )
