"""Setting detail: the whole profile of one setting."""

import streamlit as st

from analysis.loading.frames import FACT_LABELS
from analysis.loading.schema import RATING_DIMENSIONS, RELEVANCE_ORDER, TASK_LABELS
from analysis.presentation.facts import industry_mapping
from ui.links import PageLinks
from ui.location import local_beside
from ui.state import current, show_skipped
from ui.widgets import fact_markdown, safe, show_notices

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
setting_id = st.selectbox("Setting", ids, format_func=lambda i: by_id[i].name, key="detail_id",
                          persist_state="session")
links.write("setting", setting_id)
p = by_id[setting_id]

st.title(safe(p.name))
st.markdown(safe(p.summary))
if p.also_called:
    st.caption("Also called: " + safe(", ".join(p.also_called)))

left, right = st.columns(2)
with left:
    st.subheader("A day in the life")
    st.markdown(safe(p.day_in_the_life))
    st.subheader("Pros and cons")
    st.markdown("**What people like**\n" + "\n".join(f"- {safe(x)}" for x in p.pros))
    st.markdown("**What to weigh**\n" + "\n".join(f"- {safe(x)}" for x in p.cons))
with right:
    st.subheader("Pay and jobs")
    ind = p.bls_industry
    st.caption(safe(industry_mapping(ind)))
    st.markdown("\n".join(f"- {fact_markdown(label, getattr(p.facts, key), sources)}" for key, label in FACT_LABELS.items()
                          if getattr(p.facts, key) is not None))
    local_beside(p, result.catalogs.national, estimate=True)
    if p.other_facts:
        st.markdown("**Other published figures** (each for the scope its label names)")
        st.markdown("\n".join(f"- {fact_markdown(f.label, f, sources)}" for f in p.other_facts))

st.subheader("What the work is made of")
st.caption("Editorial estimates of the share of working time, from the duties the sources describe.")
st.table([{"Task": TASK_LABELS[t.task], "Share of time": f"{t.share}%", "For example": t.examples} for t in p.tasks])

st.subheader("Hours")
s = p.schedule
st.markdown(f"Nights: **{s.nights}** · Weekends: **{s.weekends}** · Holidays: **{s.holidays}** · On-call: **{s.on_call}** · "
            f"Typical shifts: **{', '.join(str(h) for h in s.shift_lengths_hours)} hours**  \n"
            f":gray-badge[Editorial] {safe(s.reason)}")

st.subheader("Ratings :gray-badge[Editorial]")
st.caption("Our judgement on a 1–5 scale, the same dimensions for every setting; the reason is beside each score.")
st.table([{"Dimension": label, "Rating": f"{getattr(p.ratings, dim).score}/5", "Why": getattr(p.ratings, dim).reason,
           "Scale": f"1 = {low}, 5 = {high}"} for dim, (label, low, high) in RATING_DIMENSIONS.items()])

st.subheader("Credentials")
rows = []
for use in sorted(p.credentials, key=lambda c: RELEVANCE_ORDER.index(c.relevance)):
    cred = credentials[use.id]
    rows.append({"Credential": cred.name, "Relevance here": use.relevance.replace("-", " "),
                 "Note": use.note or "", "Issuer": cred.issuer})
st.table(rows)
st.caption("Relevance is an editorial reading of employer practice. Most states also regulate technicians; "
           "check your state board of pharmacy.")

st.subheader("Where you can grow")
st.table([{"Role": r.role, "What it takes": r.requires} for r in p.advancement])

st.subheader("Sources")
for sid in p.sources:
    src = sources[sid]
    st.markdown(f"- [{safe(src.publisher)}: {safe(src.title)}]({src.url}) — {safe(src.period)}, accessed {src.accessed}")
