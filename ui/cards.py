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
from ui.state import bundled
from ui.widgets import fact_markdown


def card_markdown(profile: Profile, sources, here: AreaPay | None) -> str:
    """One card, paragraph by paragraph: name, tagline, national pay, the chosen place's line, hours, entry."""
    card_parts = (
        _bundled_card_parts(profile.id, current_language())
        if bundled()[0].by_id().get(profile.id) is profile
        else _card_parts(profile, sources)
    )
    return "\n\n".join([card_parts[0], local_card_line(here), card_parts[1]])


@shared(max_entries=64)
def _bundled_card_parts(setting_id: str, lang: str) -> tuple[str, str]:
    result, _frames = bundled()
    return _card_parts(result.by_id()[setting_id], result.catalogs.sources)


def _card_parts(profile: Profile, sources) -> tuple[str, str]:
    """The card's text before and after the place's line."""
    median = profile.facts.median_wage_annual
    barrier = profile.ratings.entry_barrier
    return (
        "\n\n".join(
            [
                f"#### {inert(profile.name)}",
                inert(profile.tagline),
                # the full note is on the detail page; a card only says so
                _("Median pay: **no published figure** (see details)")
                if median.value is None
                else fact_markdown(
                    _("{label}, national").format(label=pay_label(profile.bls_industry)), median, sources
                ),
            ]
        ),
        "\n\n".join(
            [
                _(
                    "Nights: **{nights}** · Weekends: **{weekends}** · Holidays: **{holidays}** :gray-badge[Editorial]"
                ).format(**{kind: inert(words) for kind, words in schedule_words(profile.schedule).items()}),
                _("Entry barrier: **{score}/5** :gray-badge[Editorial] — {reason}").format(
                    score=f"{barrier.score:d}", reason=inert(barrier.reason)
                ),
            ]
        ),
    )
