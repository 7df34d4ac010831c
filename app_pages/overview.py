"""Overview: national context, then every setting at a glance."""

import streamlit as st

from analysis.i18n import _
from analysis.periods import localize_period
from analysis.presentation.facts import citation, format_value
from analysis.presentation.safe_text import inert
from ui.cards import card_markdown
from ui.chart_cache import national_trend
from ui.links import PageLinks, link_to
from ui.local_pay import overview_local_pay
from ui.location import chosen_place
from ui.orientation import NOTHING_KEPT, before_you_start
from ui.pages import page
from ui.reality import handouts_bundle_button
from ui.state import CUSTOM_KEY, add_custom_profile, current, show_skipped
from ui.widgets import fact_markdown, render_chart, show_notices

result, frames = current()
sources = result.catalogs.sources
national = result.catalogs.national

st.title(_("Pharmacy technician settings, side by side"))
st.caption(
    _(
        "Pay, hours, pace, tasks and credentials across the places pharmacy technicians work. "
        "Every figure shows its source and period; ratings marked *Editorial* are our judgement, "
        "each with a reason."
    )
)
show_notices(PageLinks("overview").notices)
show_skipped(result)

# One line on the first screen; the full orientation one click away (it filled most of a laptop screen).
st.markdown(_("**An exploration aid, not a test.** Figures are national, each dated.") + " " + _(NOTHING_KEPT))
# The expanders below are built only while open (they rerun the page when opened), not on every run.
orientation = st.expander(_("Before you start"), key="orientation_box", on_change="rerun")
with orientation:
    if orientation.open:
        st.markdown(before_you_start(national))
        st.caption(_(NOTHING_KEPT))
st.session_state["seen_orientation"] = True

if national is not None:
    st.subheader(_("All pharmacy technicians in the US"))
    # Short labels that fit a card at every width; the full label is the card's help text.
    headline = {
        "median_wage_annual": _("Median pay"),
        "employment": _("Jobs"),
        "projected_growth": _("Growth, {period}").format(period=localize_period(national.projected_growth.period)),
        "openings_per_year": _("Openings a year"),
    }
    cols = st.columns(4)
    for col, (key, short) in zip(cols, headline.items(), strict=False):
        fact = getattr(national, key)
        col.metric(inert(short), inert(format_value(fact)), border=True, help=inert(fact.label))
        col.caption(inert(citation(fact, sources)))
    st.markdown(fact_markdown(_("Typical entry-level education"), national.entry_education, sources))
    trend = st.expander(_("National pay over time (BLS OEWS, all industries)"), key="pay_trend_box", on_change="rerun")
    with trend:
        if trend.open:  # drawn only when opened: keeps reruns cheap
            render_chart(national_trend(), key="pay_trend")
overview_local_pay()

st.subheader(_("{n} settings").format(n=len(result.profiles)))
by_id = result.by_id()
ordered = list(frames.settings["id"])
# The cards wrap in one row container, three across on a laptop and one on a phone (ui/style.py sizes them), so
# they read across then down and stack in the same order; a grid of columns was twenty more elements a run.
here = chosen_place()  # once for every card
detail_page = page("detail")  # a page object: a path would be resolved on disk for each card's link
cards = st.container(horizontal=True, key="setting_cards", gap="small")
for setting_id in ordered:
    profile = by_id[setting_id]
    with cards.container(border=True):
        st.markdown(card_markdown(profile, sources, here))  # one Markdown block per card: one element, not six
        st.page_link(
            detail_page,
            label=_("Details"),
            icon=":material/arrow_forward:",
            query_params=link_to("setting", profile.id),
        )

handouts_bundle_button([by_id[i] for i in ordered], result.catalogs)

st.divider()
adding = st.expander(
    _("Add a local setting for this session (for counselors)"), key="custom_upload_box", on_change="rerun"
)
with adding:
    if adding.open:
        st.markdown(
            _(
                "Describe a local employer or program as a profile file (copy a bundled one from `settings_profiles/`). "  # noqa: E501
                "It is checked exactly like the bundled profiles, appears on every page for this session only, "
                "and is forgotten on **New client** or when you close the tab. Its text is shown as written."
            )
        )
        upload = st.file_uploader(_("Profile file (.yaml, up to 256 KB)"), type=["yaml", "yml"], key="custom_upload")
        if upload is not None and st.session_state.get("_custom_seen") != upload.file_id:
            st.session_state["_custom_seen"] = upload.file_id
            problems = add_custom_profile(upload.getvalue(), upload.name)
            st.session_state["_custom_problems"] = [str(p) for p in problems]
            if not problems:
                st.rerun()  # show the new setting everywhere on this page too
        for problem in st.session_state.get("_custom_problems", []):
            st.error(inert(problem))
        custom = st.session_state.get(CUSTOM_KEY) or {}
        if custom:
            st.success(
                _("Added for this session: {names}").format(names=inert(", ".join(p.name for p in custom.values())))
            )
