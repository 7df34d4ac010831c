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
from analysis.presentation.safe_text import inert, inert_rows, small
from ui.local_pay import national_medians, rough_estimate
from ui.location import chosen_place
from ui.memo import shared
from ui.state import bundled, is_bundled


def _later(build: Callable[[], bytes]) -> Callable[[], bytes]:
    """A download built after this run, in this run's language."""
    lang = current_language()

    def run() -> bytes:
        set_language(lang)
        return build()

    return run


def show_reality(profile: Profile, sources) -> None:
    """Each facet with what it rests on: its sources and their periods, or 'Editorial judgement'. One Markdown block
    with its heading (one element on every run, not one or two per facet), each facet's evidence on its own line in
    small type, as a caption reads."""
    lines = _facet_lines(profile, sources)
    st.markdown(
        "### "
        + inert(_(REALITY_TITLE))
        + "\n\n"
        + (
            "\n\n".join(f"**{inert(line.label)}** — {inert(line.text)}  \n{small(line.evidence)}" for line in lines)
            or small(_("This profile does not describe its day-to-day realities."))
        )
    )


def show_questions(profile: Profile) -> None:
    """The setting's questions to ask an employer, said to be editorial, each with why it matters (one block)."""
    asked = questions(profile)
    st.markdown(
        "### "
        + inert(_(QUESTIONS_TITLE))
        + " "
        + _(":gray-badge[Editorial]")
        + "\n\n"
        + small(_(QUESTIONS_NOTE))
        + "\n\n"
        + (
            "\n".join(f"{n:d}. **{inert(ask)}**  \n   {inert(why)}" for n, (ask, why) in enumerate(asked, 1))
            or small(_("This profile lists no questions to ask an employer."))
        )
    )


def _estimate(place: AreaPay | None, profile: Profile, catalogs: Catalogs) -> Estimate | None:
    """The rough figure for the setting in the chosen place, as Detail shows it under the national pay."""
    if place is None:
        return None
    return rough_estimate(place, profile, national_medians(catalogs.national))


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


def compare_reality(profiles: Sequence[Profile], sources) -> None:
    """The facets as rows for the chosen settings (as blocks on a phone: ui/style.py swaps them), and each setting's
    questions. Drawn in Compare's tab of the same name, which carries the heading."""
    st.caption(_("Each entry names its sources and their periods, or says it is editorial judgement."))
    with st.container(key="reality_table"):
        st.table(_reality_table(profiles, sources), hide_index=True)
    with st.container(key="reality_list"):
        # one element, not one per facet: the same blocks, in the same order
        st.markdown("\n\n".join(_reality_blocks(profiles, sources)))
    with st.expander(inert(_(QUESTIONS_TITLE)) + " " + _("(editorial)")):
        # One Markdown block for every setting (name, then its numbered list): one element instead of two per
        # setting on every Compare rerun, and the same text.
        st.markdown("\n\n".join(_questions_markdown(profile) for profile in profiles))


def _facet_lines(profile: Profile, sources) -> list:
    """facet_lines, made once per language for a bundled setting: dating every source took most of a Detail rerun's
    time in this section."""
    if is_bundled(profile):  # an uploaded profile belongs to one session: never cached
        return _bundled_facet_lines(profile.id, current_language())
    return facet_lines(profile, sources)


@shared(max_entries=64)
def _bundled_facet_lines(setting_id: str, lang: str) -> list:
    result, _frames = bundled()
    return facet_lines(result.by_id()[setting_id], result.catalogs.sources)


def _questions_markdown(profile: Profile) -> str:
    asked = questions(profile)
    numbered = "\n".join(f"{n:d}. {inert(ask)}" for n, (ask, _why) in enumerate(asked, 1))
    return f"**{inert(profile.name)}**\n\n" + (numbered or _("This profile lists no questions to ask an employer."))


# Building the facet rows and converting them for st.table was half of a Compare rerun. For bundled settings the
# table and the phone blocks depend only on which settings and the language, so they are made once; an uploaded
# profile belongs to one session and is never cached.


def _reality_table(profiles: Sequence[Profile], sources):
    """The facets as an Arrow table (wide screens)."""
    if is_bundled(*profiles):
        return _bundled_reality_table(tuple(p.id for p in profiles), current_language())
    return _arrow_table(inert_rows(compare_rows(profiles, sources)))


def _reality_blocks(profiles: Sequence[Profile], sources) -> list[str]:
    """The facets as one Markdown block each (narrow screens)."""
    if is_bundled(*profiles):
        return _bundled_reality_blocks(tuple(p.id for p in profiles), current_language())
    return _facet_blocks(profiles, sources)


@shared(max_entries=256)
def _bundled_reality_table(ids: tuple[str, ...], lang: str):
    result, _frames = bundled()
    return _arrow_table(inert_rows(compare_rows([result.by_id()[i] for i in ids], result.catalogs.sources)))


@shared(max_entries=256)
def _bundled_reality_blocks(ids: tuple[str, ...], lang: str) -> list[str]:
    result, _frames = bundled()
    return _facet_blocks([result.by_id()[i] for i in ids], result.catalogs.sources)


def _facet_blocks(profiles: Sequence[Profile], sources) -> list[str]:
    return [
        f"**{inert(label)}**\n\n" + "\n".join(f"- **{inert(name)}**: {inert(text)}" for name, text in entries)
        for label, entries in compare_blocks(profiles, sources)
    ]


def _arrow_table(rows: list[dict[str, str]]):
    """Rows as a pyarrow table, which Streamlit sends without going through pandas (the same text)."""
    import pyarrow as pa  # already loaded by streamlit

    return pa.Table.from_pylist(rows)
