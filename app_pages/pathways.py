"""Credential pathways: which credentials each setting asks for, and a plan from where you are."""

import streamlit as st

from analysis.pathways import PROGRAM_LABELS, PROGRAMS, Person, fact_text, plan, renewal_obligations, state_caveat
from analysis.presentation import figures
from analysis.presentation.facts import citation
from analysis.presentation.safe_text import inert
from ui.links import PageLinks
from ui.state import current, show_skipped
from ui.widgets import fact_markdown, font_size, render_chart, show_notices

result, frames = current()
by_id = result.by_id()
ids = list(frames.settings["id"])
creds = result.catalogs.credentials
sources = result.catalogs.sources

# A shared link (?plan=...) fills in the planner; whatever is invalid is dropped with a notice.
links = PageLinks("pathways")
state = links.read("plan", settings=ids, credentials=creds, programs=PROGRAMS)
if state:
    for key, widget in [("stage", "plan_stage"), ("setting", "plan_from"), ("target", "plan_to"), ("held", "held_credentials"),
                        ("programs", "plan_programs"), ("years", "plan_years"), ("sterile", "plan_sterile"),
                        ("diploma", "plan_diploma")]:
        if key in state:
            st.session_state[widget] = sorted(state[key]) if isinstance(state[key], set) else state[key]

st.title("Credential pathways")
st.caption("Which credentials each setting asks for, what each one takes, and the order to earn them in.")
show_notices(links.notices)
show_skipped(result)

tab_map, tab_plan, tab_renew = st.tabs(["Credential map", "Plan my next steps", "Keep them active"])

with tab_map:
    names = {i: by_id[i].short_name for i in ids}
    render_chart(figures.credential_chart(frames.credentials, names, font_size=font_size()), key="credential_map")
    st.subheader("What each credential takes")
    for cred in creds.values():
        with st.expander(f"{inert(cred.name)} · {inert(cred.issuer)}"):
            st.markdown(inert(cred.summary))
            st.markdown("\n".join(f"- {fact_markdown(label, fact, sources)}" for label, fact in [
                ("Who can apply", cred.eligibility), ("First-time fee", cred.facts.initial_fee), ("Exam", cred.facts.exam),
                ("Renewal cycle", cred.facts.renewal_cycle_years), ("Continuing education per cycle", cred.facts.ce_hours_per_cycle),
                ("Renewal fee", cred.facts.renewal_fee)]))

STAGES = {"student": "Student or new to pharmacy", "working": "Working as a technician"}

with tab_plan:
    left, right = st.columns(2)
    with left:
        stage = st.radio("Where are you now?", ["student", "working"], horizontal=True, key="plan_stage",
                         format_func=lambda k: inert(STAGES[k]),
                         persist_state="session")
        setting = None
        if stage == "working":
            setting = st.selectbox("Your current setting", ids, format_func=lambda i: by_id[i].name, key="plan_from",
                                   persist_state="session")
        held = set(st.multiselect("Credentials you hold", list(creds), format_func=lambda c: creds[c].name,
                                  key="held_credentials", persist_state="session"))
        programs = set(st.multiselect("Programs you have completed", list(PROGRAMS), format_func=PROGRAM_LABELS.get,
                                      key="plan_programs", persist_state="session"))
    with right:
        years = st.number_input("Years working as a technician (full time)", 0.0, 50.0, step=0.5, key="plan_years",
                                persist_state="session")
        sterile = st.number_input("Of those, years in sterile compounding (IV room)", 0.0, 50.0, step=0.5,
                                  key="plan_sterile", persist_state="session")
        diploma = st.checkbox("I have a high school diploma or GED", value=True, key="plan_diploma", persist_state="session")
        target = st.selectbox("The setting you want", ids, format_func=lambda i: by_id[i].name, key="plan_to",
                              index=ids.index("hospital") if "hospital" in ids else 0, persist_state="session")
    if sterile > years:
        st.info("Sterile compounding years are part of your years as a technician, so they are counted as both.")
    person = Person(stage=stage, setting_id=setting, held=held, years_experience=max(years, sterile),
                    sterile_years=sterile, completed_programs=programs, hs_diploma=diploma)
    links.write("plan", {"stage": stage, "setting": setting, "target": target, "held": held,
                         "programs": programs, "years": years, "sterile": sterile, "diploma": diploma})

    p = plan(person, by_id[target], result.catalogs)
    st.subheader(f"Your steps toward {inert(p.target_name)}")
    if p.already_held:
        st.markdown("Already done: " + inert(", ".join(creds[c].short_name for c in p.already_held)))
    if not p.steps:
        st.success("You already hold every credential this setting requires, commonly requires or prefers.")
    for n, step in enumerate(p.steps, start=1):
        cred = step.credential
        status = ":green-badge[You can apply now]" if step.eligibility.eligible else ":orange-badge[Not yet eligible]"
        with st.container(border=True):
            st.markdown(f"**Step {n:d}: {inert(cred.name)}** — {inert(step.why)} · {status}")
            if not step.eligibility.eligible:
                st.markdown("What is missing:\n" + "\n".join(f"- {inert(m)}" for m in step.eligibility.missing))
            st.markdown(fact_markdown("Fee", step.fee, sources) + "  \n"
                        + f"Renewal: {inert(fact_text(step.renewal.cycle_years))}, CE {inert(fact_text(step.renewal.ce_hours))}, "
                        f"fee {inert(fact_text(step.renewal.fee))} — {inert(citation(step.renewal.fee, sources))}")
            st.caption("Rough timeline: " + inert(step.time_note))
            for caveat in step.eligibility.caveats:
                st.caption(inert(caveat))
    if p.steps:
        st.markdown(f"**First-time fees in total:** {inert(p.total_initial_fees.text)}"
                    + (f" (fee periods: {inert(', '.join(sorted(set(p.total_initial_fees.periods))))})" if p.total_initial_fees.periods else ""))
    if p.roles:
        st.subheader(f"Roles you could grow into in {inert(by_id[target].short_name)}")
        st.dataframe([{"Role": r.role, "What it takes": r.requires} for r in p.roles], hide_index=True, width="stretch")
    st.caption("Steps come from PTCB's and NHA's published eligibility rules (see the Credential map tab for sources). "
               "Time notes say only what is still missing; no time-to-earn figure is published.")

with tab_renew:
    held_now = set(st.session_state.get("held_credentials") or [])
    if not held_now:
        st.info("Pick the credentials you hold on the “Plan my next steps” tab to see what keeps them active.")
    for r in renewal_obligations(held_now, result.catalogs):
        with st.container(border=True):
            st.markdown(f"**{inert(r.short_name)}**")
            st.markdown("\n".join(f"- {fact_markdown(label, fact, sources)}" for label, fact in [
                ("Renew every", r.cycle_years), ("Continuing education", r.ce_hours), ("Renewal fee", r.fee)]
                + [(req.label, req) for req in r.requirements]))

caveat = state_caveat(result.catalogs)
st.subheader("Your state's rules come first")
st.markdown(inert(caveat.summary))
st.markdown("\n".join(f"- {fact_markdown(f.label, f, sources)}" for f in caveat.facts))
