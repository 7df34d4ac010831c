"""Setting detail: the whole profile of one setting, in sections a reader can jump between."""

import streamlit as st

from analysis.i18n import _
from analysis.loading.frames import FACT_LABELS, schedule_words
from analysis.loading.schema import NOT_RATED, RATING_DIMENSIONS, RELEVANCE_ORDER, TASK_LABELS
from analysis.pathways.plan import LABELS as RELEVANCE_WORDS
from analysis.periods import day_text, localize_period
from analysis.presentation.charts import HIGHER_IS_MORE
from analysis.presentation.facts import citation, format_value, industry_mapping
from analysis.presentation.safe_text import inert, link, small
from ui.chart_cache import setting_pay
from ui.links import PageLinks
from ui.local_pay import local_beside
from ui.pickers import pick_one
from ui.reality import handout_button, show_questions, show_reality
from ui.state import current, show_skipped
from ui.widgets import fact_markdown, font_size, render_chart, show_notices

result, frames = current()
sources = result.catalogs.sources
credentials = result.catalogs.credentials
by_id = result.by_id()
ids = list(frames.settings["id"])  # display order, as on the Overview

links = PageLinks("detail")
linked = links.read("setting", known=ids)
if linked:
    st.session_state["detail_id"] = linked
if st.session_state.get("detail_id") not in by_id:
    st.session_state["detail_id"] = ids[0]

show_notices(links.notices)
show_skipped(result)
setting_id = pick_one(_("Setting"), {i: by_id[i].name for i in ids}, key="detail_id")
links.write("setting", setting_id)
p = by_id[setting_id]

HEADLINE_PAY = ("median_wage_annual", "median_wage_hourly", "employment")

st.title(inert(p.name))
st.markdown(inert(p.summary))
if p.also_called:
    st.caption(_("Also called: {names}").format(names=inert(", ".join(p.also_called))))
handout_button(p, result.catalogs)
st.markdown(
    _(
        "[What the work is](#work) · [Hours and environment](#hours) · [Pay](#pay) · "
        "[How to get in and grow](#grow) · [On the job](#reality) · [Sources](#sources)"
    )
)

# --- What the work is --------------------------------------------------------------------------------
st.header(_("What the work is"), anchor="work", divider="gray")
# Each subsection is one Markdown block, its heading included (one element on every run, not two or three); a
# note that would be a caption is in small type.
st.markdown("### " + _("A day in the life") + "\n\n" + inert(p.day_in_the_life))
st.markdown(
    "### "
    + _("What the time goes on :gray-badge[Editorial]")
    + "\n\n"
    + small(_("Editorial estimates of the share of working time, from the duties the sources describe."))
    + "\n\n"
    + "\n".join(
        f"- **{inert(_(TASK_LABELS[t.task]))} — {t.share:d}%**: {inert(t.examples)}"
        for t in sorted(p.tasks, key=lambda t: -t.share)
    )
)
likes, weighs = st.columns(2)
likes.markdown(_("**What people like**") + "\n" + "\n".join(f"- {inert(x)}" for x in p.pros))
weighs.markdown(_("**What to weigh**") + "\n" + "\n".join(f"- {inert(x)}" for x in p.cons))

# --- Hours and environment ---------------------------------------------------------------------------
st.header(_("Hours and environment"), anchor="hours", divider="gray")
s = p.schedule
st.markdown(
    _(
        "Nights: **{nights}** · Weekends: **{weekends}** · Holidays: **{holidays}** · On-call: **{on_call}** · "
        "Typical shifts: **{hours} hours**"
    ).format(**{kind: inert(words) for kind, words in schedule_words(s).items()})
    + "  \n"
    + _(":gray-badge[Editorial]")
    + " "
    + inert(s.reason)
)
ratings_note = _(
    "Our judgement on a 1–5 scale, the same dimensions for every setting; {higher}. The reason is beside each score."
).format(higher=_(HIGHER_IS_MORE))


def _rating_line(rating, label: str, low: str, high: str) -> str:
    """One rating with its reason and scale; a profile written before a dimension was added is not rated on it."""
    scale = f"*(1 = {inert(_(low))}, 5 = {inert(_(high))})*"
    if rating is None:
        return f"- **{inert(_(label))}:** {inert(_(NOT_RATED))} {scale}"
    return f"- **{inert(_(label))}: {rating.score:d}/5** — {inert(rating.reason)} {scale}"


st.markdown(
    "### "
    + _("Ratings :gray-badge[Editorial]")
    + "\n\n"
    + small(ratings_note)
    + "\n\n"
    + "\n".join(
        _rating_line(getattr(p.ratings, dim), label, low, high) for dim, (label, low, high) in RATING_DIMENSIONS.items()
    )
)

# --- Pay -----------------------------------------------------------------------------------------------
st.header(_("Pay"), anchor="pay", divider="gray")
st.caption(inert(industry_mapping(p.bls_industry)))
headline = [(key, getattr(p.facts, key)) for key in HEADLINE_PAY if getattr(p.facts, key) is not None]
for col, (key, fact) in zip(st.columns(len(headline)), headline, strict=False):
    col.metric(inert(_(FACT_LABELS[key])), inert(format_value(fact)), border=True)
    col.caption(inert(citation(fact, sources)))
national = result.catalogs.national
pay = setting_pay(p.id, font_size())  # built once per setting, language and type size
if pay is not None:
    render_chart(pay, key="detail_pay_chart")
local_beside(p, national, estimate=True)  # the chosen place's published figures beside the national ones
rest = [
    (_(label), getattr(p.facts, key))
    for key, label in FACT_LABELS.items()
    if key not in HEADLINE_PAY and getattr(p.facts, key) is not None
]
every_figure = st.expander(_("Every published figure for this industry"), key="every_figure_box", on_change="rerun")
with every_figure:
    if every_figure.open:  # built only while open: keeps reruns cheap
        st.markdown("\n".join(f"- {fact_markdown(label, fact, sources)}" for label, fact in rest))
        if p.other_facts:
            st.markdown(_("**Other published figures** (each for the scope its label names)"))
            st.markdown("\n".join(f"- {fact_markdown(f.label, f, sources)}" for f in p.other_facts))

# --- How to get in and grow ------------------------------------------------------------------------
st.header(_("How to get in and grow"), anchor="grow", divider="gray")
credential_lines = []
for use in sorted(p.credentials, key=lambda c: RELEVANCE_ORDER.index(c.relevance)):
    cred = credentials[use.id]
    use_note = f" — {inert(use.note)}" if use.note else ""
    relevance_here = _("{relevance} here").format(relevance=inert(_(RELEVANCE_WORDS[use.relevance])))
    credential_lines.append(f"- **{inert(cred.name)}**: {relevance_here}{use_note} *({inert(cred.issuer)})*")
st.markdown(
    "### "
    + _("Credentials :gray-badge[Editorial]")
    + "\n\n"
    + ("\n".join(credential_lines) or _("No credential is listed for this setting."))
    + "\n\n"
    + small(
        _(
            "Relevance is an editorial reading of employer practice. Most states also regulate technicians; "
            "check your state board of pharmacy."
        )
    )
)
st.markdown(
    "### "
    + _("Where you can grow")
    + "\n\n"
    + (
        "\n".join(f"- **{inert(r.role)}**: {inert(r.requires)}" for r in p.advancement)
        or _("No steps up are described in the sources.")
    )
)

# --- Day-to-day realities and questions to ask an employer -------------------------------------------
st.header(_("On the job"), anchor="reality", divider="gray")
show_reality(p, sources)
show_questions(p)

# --- Sources -----------------------------------------------------------------------------------------
st.header(_("Sources"), anchor="sources", divider="gray")
# One list in one Markdown block (one element, not one per source); the same entries in the same order.
st.markdown(
    "\n".join(
        f"- {link(f'{src.publisher}: {src.title}', src.url)} — {inert(localize_period(src.period))}, "
        + _("accessed {date}").format(date=inert(day_text(src.accessed)))
        for src in (sources[sid] for sid in p.sources)
    )
)
