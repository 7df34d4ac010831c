"""Overview: national context, then every setting at a glance."""

import streamlit as st

from app_pages.data import bundled, show_skipped
from app_pages.session import NOTHING_KEPT, before_you_start
from app_pages.ui import drop_unknown_params, fact_markdown, format_value, safe, citation, show_notices

result, frames = bundled()
sources = result.catalogs.sources
national = result.catalogs.national

st.title("Pharmacy technician settings, side by side")
st.caption("Pay, hours, pace, tasks and credentials across the places pharmacy technicians work. "
           "Every figure shows its source and period; ratings marked *Editorial* are our judgement, each with a reason.")
show_notices(drop_unknown_params([]))
show_skipped(result)

with st.expander("Before you start", expanded=not st.session_state.get("seen_orientation", False)):
    st.markdown(before_you_start(national))
    st.caption(NOTHING_KEPT)
st.session_state["seen_orientation"] = True

if national is not None:
    st.subheader("All pharmacy technicians in the US")
    cols = st.columns(4)
    for col, key in zip(cols, ["median_wage_annual", "employment", "projected_growth", "openings_per_year"]):
        fact = getattr(national, key)
        col.metric(fact.label, format_value(fact), border=True)
        col.caption(safe(citation(fact, sources)))
    st.markdown(fact_markdown("Typical entry-level education", national.entry_education, sources))

st.subheader(f"{len(result.profiles)} settings")
by_id = result.by_id()
cols = st.columns(3)
for i, row in enumerate(frames.settings.itertuples(index=False)):
    profile = by_id[row.id]
    with cols[i % 3].container(border=True):
        st.markdown(f"#### {safe(profile.name)}")
        st.markdown(safe(profile.tagline))
        st.markdown(fact_markdown("Median pay", profile.facts.median_wage_annual, sources))
        st.markdown(
            f"Nights: **{profile.schedule.nights}** · Weekends: **{profile.schedule.weekends}** · "
            f"Holidays: **{profile.schedule.holidays}**"
        )
        barrier = profile.ratings.entry_barrier
        st.markdown(f"Entry barrier: **{barrier.score}/5** :gray-badge[Editorial] — {safe(barrier.reason)}")
        st.page_link("app_pages/detail.py", label="Details", icon="➡️", query_params={"setting": profile.id})
