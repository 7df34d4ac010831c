"""About the data: sources, how ratings were made, industry mapping, caveats."""

import streamlit as st

from analysis.i18n import _
from analysis.loading.schema import EVIDENCE_LABELS, RATING_DIMENSIONS
from analysis.periods import day_text, localize_period
from analysis.presentation.facts import CONFIDENCE_WORDS, evidence_name
from analysis.presentation.provenance import provenance_lines
from analysis.presentation.safe_text import inert, link
from ui.links import PageLinks
from ui.local_pay import about_local_pay, oews_provenance
from ui.state import current, show_skipped
from ui.widgets import show_notices

result, frames = current()
show_notices(PageLinks("about").notices)
show_skipped(result)

st.title(_("About the data"))
national = result.catalogs.national
pay_period = inert(localize_period(national.median_wage_annual.period)) if national else _("the latest release")

st.subheader(_("Read this first"))
st.markdown(
    _("""
- **BLS industries are not practice settings.** The Bureau of Labor Statistics publishes pay by *industry*
  (hospitals, retail trade, wholesale trade…), not by the kind of pharmacy you work in. Each setting is mapped
  to the closest industry below, with how confident that mapping is. Where no figure exists, we say
  **no published figure** rather than guess.
- **Figures are national.** Pay differs a lot between states and cities.
- **Pay is BLS OEWS, {period}** for the industry each setting maps to, shown as "BLS OEWS, {period}" with the
  industry next to every figure. Other figures (projections, credential fees) have their own periods beside them.
- **Evidence strength** is recorded for every figure: {evidence}. Check bls.gov and ptcb.org for newer editions.
- **Editorial ratings, schedules, task shares and credential relevance are our judgement**, made from the
  duties and hours the sources describe. They are labelled *Editorial* wherever they appear.
""").format(
        evidence="; ".join(f"*{inert(evidence_name(k))}* = {inert(_(v))}" for k, v in EVIDENCE_LABELS.items()),
        period=pay_period,
    )
)

about_local_pay()

st.subheader(_("How the editorial ratings were made"))
st.markdown(
    _(
        "Every setting is rated 1–5 on the same {n} dimensions, relative to the other settings, from the duties, "
        "hours and requirements its sources describe. Each rating carries a one-line reason, shown beside it. "
        "They are a starting point for a conversation, not measurements."
    ).format(n=len(RATING_DIMENSIONS))
)
st.markdown(
    _("Every dimension reads the same way: **higher = more of it**.")
    + "\n\n"
    + "\n".join(
        f"- **{inert(_(label))}**: 1 = {inert(_(low))}, 5 = {inert(_(high))}"
        for label, low, high in RATING_DIMENSIONS.values()
    )
)

st.subheader(_("Which BLS industry each setting maps to"))
# A list, not a grid: the reasons are sentences, and a grid cut them off at a laptop's width.
# One Markdown block (a paragraph per setting): one element on every run instead of one per setting.
mapping = frames.settings[["name", "bls_title", "bls_naics", "bls_confidence", "bls_note"]]  # not all 60 columns
st.markdown(
    "\n\n".join(
        f"**{inert(row.name)}** → "
        + _("{title} (code {code}; confidence: {confidence})").format(
            title=inert(row.bls_title),
            code=inert(row.bls_naics),
            confidence=inert(_(CONFIDENCE_WORDS.get(row.bls_confidence, row.bls_confidence))),
        )
        + f"  \n{inert(row.bls_note)}"
        for row in mapping.itertuples(index=False)
    )
)

st.subheader(_("Where the pay figures come from"))
st.markdown("\n".join(f"- {inert(line)}" for line in provenance_lines(oews_provenance())))

st.subheader(_("Sources"))
st.caption(
    _(
        "The full record behind the short citations next to each figure: title and link, publisher, the period "
        "of its data, and the day it was read. Evidence strength is recorded per figure in the profile files. "
        "Publication titles are given as published."
    )
)
st.markdown(  # one list, one element
    "\n".join(
        f"- {link(src.title, src.url)} — "
        + _("{publisher}; data period: {period}; accessed {date}").format(
            publisher=inert(src.publisher),
            period=inert(localize_period(src.period)),
            date=inert(day_text(src.accessed)),
        )
        for src in result.cited_sources()
    )
)
