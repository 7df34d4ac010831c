"""What the app says about itself: the orientation panel and the privacy promise."""

from __future__ import annotations

from analysis.i18n import N_, _
from analysis.periods import localize_period
from analysis.presentation.safe_text import inert

NOTHING_KEPT = N_("This app keeps nothing about you once you close or reset it.")  # shown through _()


def before_you_start(national) -> str:
    """The orientation text: what the tool can and cannot tell you, and how old its data is."""
    # Without the national catalog there is no period to name; nothing is made up in its place.
    pay_period = inert(localize_period(national.median_wage_annual.period)) if national else _("the latest release")
    return _("""
**What this can tell you:** how pharmacy-technician settings differ in pay, hours, pace, patient contact, tasks
and credentials, and which of them fit what matters to you.

**What it cannot tell you:** what a particular employer pays or how a particular job feels, or what your state
requires. Pay differs a lot by state and city; ask local employers and your state board of pharmacy.

**Where the data comes from:** pay and jobs from the U.S. Bureau of Labor Statistics (mostly {pay_period}, each
figure dated), credentials from PTCB and NHA, and descriptions from O\\*NET, employers and career pages. Ratings
of pace, contact and so on are our own judgement, marked *Editorial*, each with its reason.

**The fit quiz is an exploration aid, not a test.** It has no right answers and decides nothing for you.
""").format(pay_period=pay_period)
