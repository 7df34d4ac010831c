"""Day-to-day realities, questions to ask an employer and the one-page handouts, on Detail, Compare and Overview.

The words come from analysis.presentation.reality_view (plain text); every profile text is shown inert. The
handouts are built only when downloaded, in the language of the run that offered them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from analysis.i18n import _, current_language, set_language
from analysis.links.settings import detail_url
from analysis.loading.loader import Catalogs
from analysis.loading.schema import Profile
from analysis.local_pay import AreaPay, Estimate
from analysis.presentation.handout import build_handout_pdf, build_handouts_pdf
from analysis.presentation.reality_view import (
    QUESTIONS_NOTE,
    QUESTIONS_TITLE,
    REALITY_TITLE,
    compare_blocks,
    compare_rows,
    facet_lines,
    questions,
)
from analysis.presentation.safe_text import inert, inert_rows
from ui.local_pay import _national_medians, rough_estimate
from ui.location import chosen_place


def _later(build: Callable[[], bytes]) -> Callable[[], bytes]:
    """A download built after this run, in this run's language."""
    lang = current_language()

    def run() -> bytes:
        set_language(lang)
        return build()

    return run


def show_reality(profile: Profile, sources) -> None:
    """Each facet with what it rests on: its sources and their periods, or 'Editorial judgement'."""
    st.subheader(inert(_(REALITY_TITLE)))
    lines = facet_lines(profile, sources)
    if not lines:
        st.caption(_("This profile does not describe its day-to-day realities."))
        return
    for line in lines:
        st.markdown(f"**{inert(line.label)}** — {inert(line.text)}")
        st.caption(inert(line.evidence))


def show_questions(profile: Profile) -> None:
    """The setting's questions to ask an employer, said to be editorial, each with why it matters."""
    st.subheader(inert(_(QUESTIONS_TITLE)) + " " + _(":gray-badge[Editorial]"))
    st.caption(inert(_(QUESTIONS_NOTE)))
    asked = questions(profile)
    if not asked:
        st.caption(_("This profile lists no questions to ask an employer."))
        return
    st.markdown("\n".join(f"{n:d}. **{inert(ask)}**  \n   {inert(why)}" for n, (ask, why) in enumerate(asked, 1)))


def _estimate(place: AreaPay | None, profile: Profile, catalogs: Catalogs) -> Estimate | None:
    """The rough figure for the setting in the chosen place, as Detail shows it under the national pay."""
    if place is None:
        return None
    return rough_estimate(place, profile, _national_medians(catalogs.national))


def handout_button(profile: Profile, catalogs: Catalogs) -> None:
    """'Download a one-page handout' for this setting, with the chosen place's figures if one is chosen."""
    place, link = chosen_place(), detail_url(st.context.url, profile.id)
    estimate = _estimate(place, profile, catalogs)
    st.download_button(
        _("Download a one-page handout"),
        data=_later(lambda: build_handout_pdf(profile, catalogs, place=place, estimate=estimate, link=link)),
        file_name=f"rx-handout-{profile.id}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="download_handout",
        on_click="ignore",
    )


def handouts_bundle_button(profiles: Sequence[Profile], catalogs: Catalogs) -> None:
    """Every setting's handout in one PDF, one page each, for a class."""
    place, url = chosen_place(), st.context.url
    links = {p.id: detail_url(url, p.id) for p in profiles}
    estimates = {p.id: _estimate(place, p, catalogs) for p in profiles}
    st.download_button(
        _("Download every handout for a class (PDF, one page per setting)"),
        data=_later(lambda: build_handouts_pdf(profiles, catalogs, place=place, estimates=estimates, links=links)),
        file_name="rx-handouts.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="download_handouts",
        on_click="ignore",
    )


# On a narrow screen the facet table (a column of long text per setting) becomes one block per facet with each
# setting's text under it, and back on a wide one.
NARROW_CSS = """<style>
  .st-key-reality_list { display: none; }
  @media (max-width: 640px) {
    .st-key-reality_table { display: none; }
    .st-key-reality_list { display: flex; }
  }
</style>"""


def compare_reality(profiles: Sequence[Profile], sources) -> None:
    """The facets as rows for the chosen settings (as blocks on a phone), and each setting's questions."""
    st.subheader(inert(_(REALITY_TITLE)))
    st.caption(_("Each entry names its sources and their periods, or says it is editorial judgement."))
    st.html(NARROW_CSS)
    with st.container(key="reality_table"):
        st.table(inert_rows(compare_rows(profiles, sources)))
    with st.container(key="reality_list"):
        for label, entries in compare_blocks(profiles, sources):
            st.markdown(
                f"**{inert(label)}**\n\n" + "\n".join(f"- **{inert(name)}**: {inert(text)}" for name, text in entries)
            )
    with st.expander(inert(_(QUESTIONS_TITLE)) + " " + _("(editorial)")):
        for profile in profiles:
            st.markdown(f"**{inert(profile.name)}**")
            asked = questions(profile)
            st.markdown(
                "\n".join(f"{n:d}. {inert(ask)}" for n, (ask, _why) in enumerate(asked, 1))
                or _("This profile lists no questions to ask an employer.")
            )
