"""Credential pathways: where you stand, a plan toward a setting, where else is within reach,
and what each credential takes."""

import streamlit as st

from analysis.i18n import N_, _, money
from analysis.pathways import (
    DEFAULT_HOURS_PER_WEEK,
    Person,
    fact_text,
    national_pay,
    plan,
    program_label,
    renewal_schedule,
    state_caveat,
    tickable_programs,
    where_next,
    window_notes,
)
from analysis.pathways.entry import entry_line
from analysis.pathways.overview import credential_rows, program_rows, setting_lists
from analysis.pathways.plan import reinstatement_text
from analysis.presentation import charts
from analysis.presentation.facts import citation, plain_period
from analysis.presentation.safe_text import inert
from ui.links import PageLinks
from ui.pickers import pick_many, pick_one
from ui.state import current, show_skipped
from ui.widgets import fact_markdown, font_size, render_chart, show_notices

result, frames = current()
catalogs = result.catalogs
by_id = result.by_id()
ids = list(frames.settings["id"])
creds = catalogs.credentials
setting_names = {i: by_id[i].name for i in ids}
credential_names = {c: cred.name for c, cred in creds.items()}
sources = catalogs.sources
programs = tickable_programs(catalogs)
program_names = {p: program_label(p, catalogs) for p in programs}
# Programs a route accepts while the person is still enrolled (the CSPT's sterile compounding program).
enrollable = [
    p
    for p in programs
    if any(
        getattr(c, "education", None) == p and getattr(c, "enrolled_counts", False)
        for cred in creds.values()
        for r in cred.requires.any_of
        for c in r.all_of
    )
]

# A shared link (?plan=...) fills in the planner; whatever is invalid is dropped with a notice.
WIDGETS = [
    ("stage", "plan_stage"),
    ("setting", "plan_from"),
    ("target", "plan_to"),
    ("held", "held_credentials"),
    ("lapsed", "plan_lapsed"),
    ("programs", "plan_programs"),
    ("enrolled", "plan_enrolled"),
    ("goals", "plan_goals"),
    ("years", "plan_years"),
    ("sterile", "plan_sterile"),
    ("hours_per_week", "plan_hours"),
    ("gap", "plan_gap"),
    ("diploma", "plan_diploma"),
    ("helpful", "plan_helpful"),
]


def show_cards(rows: list[dict[str, str]], title: str, per_row: int) -> None:
    """One bordered card per row: its `title` field as the heading, every other field as a labelled line."""
    for start in range(0, len(rows), per_row):
        for column, row in zip(st.columns(per_row), rows[start : start + per_row], strict=False):
            with column.container(border=True):
                st.markdown(
                    "  \n".join(
                        [f"**{inert(row[title])}**"] + [f"{inert(k)}: {inert(v)}" for k, v in row.items() if k != title]
                    )
                )


STAGES = {"student": N_("Student or new to pharmacy"), "working": N_("Working as a technician")}
links = PageLinks("pathways")
state = links.read("plan", settings=ids, credentials=creds, programs=programs)
if state:
    for key, widget in WIDGETS:
        if key in state:
            st.session_state[widget] = sorted(state[key]) if isinstance(state[key], set) else state[key]

# On a narrow screen the ten-column credential grid becomes a list per setting (and back on a wide one).
st.html("""<style>
  .st-key-credential_list { display: none; }
  @media (max-width: 640px) {
    .st-key-credential_grid { display: none; }
    .st-key-credential_list { display: block; }
  }
</style>""")

st.title(_("Credential pathways"))
st.caption(
    _("Which settings are within reach from where you are, the steps toward one, and what each credential takes.")
)
show_notices(links.notices)
show_skipped(result)

with st.container(border=True):
    st.markdown(_("**About you** (used by every tab)"))
    col1, col2, col3, col4 = st.columns([3, 3, 4, 2])
    with col1:
        stage = st.radio(
            _("Where are you now?"),
            ["student", "working"],
            key="plan_stage",
            format_func=lambda k: inert(_(STAGES[k])),
            persist_state="session",
        )
    with col2:
        setting = None
        if stage == "working":
            setting = pick_one(_("Your current setting"), setting_names, key="plan_from", default="retail")
    with col3:
        held = set(pick_many(_("Credentials you hold"), credential_names, key="held_credentials"))
        # Only a held credential can have lapsed; one taken off the list above leaves this one too.
        st.session_state["plan_lapsed"] = [c for c in st.session_state.get("plan_lapsed") or [] if c in held]
        lapsed = set(
            pick_many(
                _("Of these, lapsed (expired, not renewed)"),
                {c: cred.short_name for c, cred in creds.items() if c in held},
                key="plan_lapsed",
                placeholder=_("None"),
                help=_(
                    "A lapsed credential does not count toward rules that ask for an active one; the plan shows "
                    "the issuer's rule for reinstating it where we have it."
                ),
            )
        )
    with col4:
        years = st.number_input(
            _("Years as a technician"), 0.0, 50.0, step=0.5, key="plan_years", persist_state="session"
        )
    st.session_state.setdefault("plan_hours", DEFAULT_HOURS_PER_WEEK)
    # The label carries the current values, so nothing that changes the answer is hidden when it is closed.
    now = _("{hours} hours a week, {sterile} years sterile compounding, {programs} programs completed").format(
        hours=f"{st.session_state.get('plan_hours', DEFAULT_HOURS_PER_WEEK):g}",
        sterile=f"{st.session_state.get('plan_sterile', 0.0):g}",
        programs=len(st.session_state.get("plan_programs") or []),
    ) + ("" if st.session_state.get("plan_diploma", True) else _(", no diploma"))
    with st.expander(_("More about you: {now}").format(now=now)):
        col1, col2, col3 = st.columns(3)
        with col1:
            sterile = st.number_input(
                _("Of your years, years in sterile compounding (IV room)"),
                0.0,
                50.0,
                step=0.5,
                key="plan_sterile",
                persist_state="session",
            )
            hours = st.number_input(
                _("Hours a week you work(ed)"),
                1.0,
                80.0,
                step=1.0,
                key="plan_hours",
                persist_state="session",
                help=_(
                    "Hour-based routes (PTCB's 500 hours, NHA's 1,200) count years at this many "
                    "hours a week. The CSPT asks for full-time work (at least 30 hours a week)."
                ),
            )
        with col2:
            gap = st.number_input(
                _("Years since you last worked as a technician (0 if working now)"),
                0.0,
                50.0,
                step=0.5,
                key="plan_gap",
                persist_state="session",
                help=_("Some rules count only work in the last few years (CSPT and CPhT-Adv: 8; NHA: 3)."),
            )
            diploma = st.checkbox(
                _("I have a high school diploma or GED"), value=True, key="plan_diploma", persist_state="session"
            )
        with col3:
            done = set(pick_many(_("Programs you have completed"), program_names, key="plan_programs"))
            enrolled = (
                set(
                    pick_many(
                        _("Programs you are enrolled in now"),
                        {p: program_names[p] for p in enrollable},
                        key="plan_enrolled",
                        help=_("Only programs a rule accepts while you are still enrolled."),
                    )
                )
                if enrollable
                else set()
            )
    if sterile > years:
        st.info(_("Sterile compounding years are part of your years as a technician, so they are counted as both."))

person = Person(
    stage=stage,
    setting_id=setting,
    held=held - lapsed,
    lapsed=lapsed,
    years_experience=max(years, sterile),
    sterile_years=sterile,
    completed_programs=done,
    hs_diploma=diploma,
    hours_per_week=hours,
    enrolled_programs=enrolled,
    years_since_last_worked=gap,
)

windows = window_notes(person, catalogs)
if windows:
    st.caption(
        _(
            "Some rules count only recent work, counting back from when you last worked ({since} years ago). "
            "Your years at {hours} hours a week give:"
        ).format(since=f"{gap:g}", hours=f"{hours:g}")
        + "\n"
        + "\n".join(f"- {inert(w)}" for w in windows)
    )

tab_reach, tab_plan, tab_glance, tab_renew = st.tabs(
    [_("Where can I go from here?"), _("Plan toward a setting"), _("Credentials at a glance"), _("Keep them active")]
)

with tab_plan:
    left, right = st.columns([2, 3])
    with left:
        target = pick_one(_("The setting you want"), setting_names, key="plan_to", default="hospital")
    with right:
        goals = set(
            pick_many(
                _("Also aim for (optional)"),
                {c: name for c, name in credential_names.items() if c not in held},
                key="plan_goals",
                placeholder=_("e.g. PTCB Advanced Certified Pharmacy Technician"),
            )
        )
        helpful = st.checkbox(
            _("Include credentials the setting lists as helpful"), key="plan_helpful", persist_state="session"
        )
    links.write(
        "plan",
        {
            "stage": stage,
            "setting": setting,
            "target": target,
            "held": held,
            "lapsed": lapsed,
            "programs": done,
            "enrolled": enrolled,
            "goals": goals,
            "years": years,
            "sterile": sterile,
            "hours_per_week": hours,
            "gap": gap,
            "diploma": diploma,
            "helpful": helpful,
        },
    )

    p = plan(person, by_id[target], catalogs, include_helpful=helpful, goals=goals, current=by_id.get(setting or ""))
    st.subheader(_("Your steps toward {setting}").format(setting=inert(p.target_name)))
    if p.ready:
        st.success(inert(p.summary))
    else:
        st.markdown(inert(p.summary))
    if p.entry:
        st.markdown(
            _("**Entry usually needs** (besides credentials):")
            + "\n"
            + "\n".join(f"- {inert(entry_line(c))}" for c in p.entry)
        )
        note = by_id[target].entry.note if by_id[target].entry else None
        if note:
            st.caption(inert(note))
    met = [creds[c].short_name for c in p.already_held] + [
        _("{credential} (you hold an accepted alternative)").format(credential=creds[c].short_name) for c in p.covered
    ]
    if met:
        st.markdown(_("Already met: {credentials}").format(credentials=inert(", ".join(met))))
    if p.choices:
        st.markdown(_("**How this plan was chosen**") + "\n" + "\n".join(f"- {inert(c)}" for c in p.choices))
    for n, step in enumerate(p.steps, start=1):
        cred = step.credential
        step_status = (
            _(":green-badge[You can apply now]") if step.eligibility.eligible else _(":orange-badge[Not yet eligible]")
        )
        with st.container(border=True):
            name = _(" or ").join([cred.name] + [o.credential.name for o in step.alternatives])
            st.markdown(
                _("**Step {n}: {name}** — {why} · {status}").format(
                    n=f"{n:d}", name=inert(name), why=inert(step.why), status=step_status
                )
            )
            if step.route and step.route_reason:  # only where the planner had a reason to prefer one route
                st.markdown(
                    _("Route: {route} ({reason})").format(route=inert(step.route), reason=inert(step.route_reason))
                )
            if not step.eligibility.eligible:
                st.markdown(_("What is missing:") + "\n" + "\n".join(f"- {inert(m)}" for m in step.eligibility.missing))
            fees = [
                fact_markdown(
                    _("Fee ({credential})").format(credential=cred.short_name) if step.alternatives else _("Fee"),
                    step.fee,
                    sources,
                )
            ]
            fees += [
                fact_markdown(
                    _("Fee ({credential}, instead)").format(credential=o.credential.short_name), o.fee, sources
                )
                for o in step.alternatives
            ]
            st.markdown(
                "  \n".join(fees)
                + "  \n"
                + _("Renewal: {cycle}, CE {ce}, fee {fee} — {source}").format(
                    cycle=inert(fact_text(step.renewal.cycle_years, sources)),
                    ce=inert(fact_text(step.renewal.ce_hours, sources)),
                    fee=inert(fact_text(step.renewal.fee, sources)),
                    source=inert(citation(step.renewal.fee, sources)),
                )
            )
            for cid in step.lapsed:
                st.markdown(inert(reinstatement_text(creds[cid], sources)))
            st.caption(_("Rough timeline: {note}").format(note=inert(step.time_note)))
            for caveat in step.eligibility.caveats:
                st.caption(inert(caveat))
    if p.steps:
        fee_facts = [s.fee for s in p.steps if s.fee.value is not None]
        periods = ", ".join(dict.fromkeys(plain_period(f, sources) for f in fee_facts))
        st.markdown(
            _("**First-time fees in total:** {fees}").format(fees=inert(p.total_initial_fees.text))
            + (
                " "
                + _("(the sum of the fees shown in the steps; fee periods: {periods})").format(periods=inert(periods))
                if periods
                else ""
            )
        )
    if p.renewal_plan and p.renewal_plan.renewals:
        st.markdown(_("**Keeping everything active once held:** {text}").format(text=inert(p.renewal_plan.text)))
        for rule in p.renewal_plan.rules:
            st.caption(inert(f"{rule.value} — {citation(rule, sources)}"))
    if p.roles:
        st.subheader(_("Roles you could grow into in {setting}").format(setting=inert(by_id[target].short_name)))
        st.dataframe(
            [{_("Role"): r.role, _("What it takes"): r.requires} for r in p.roles], hide_index=True, width="stretch"
        )
    st.caption(
        _(
            "Steps come from PTCB's and NHA's published eligibility rules (sources on the “Credentials at a "
            "glance” tab). Time notes say only what is still missing; no time-to-earn figure is published."
        )
    )

with tab_reach:
    reach = where_next(person, [by_id[i] for i in ids], catalogs, national_pay(frames.settings))
    if setting:
        st.subheader(_("From {setting}: every other setting, closest first").format(setting=inert(by_id[setting].name)))
    else:
        st.subheader(_("From where you are now: every other setting, closest first"))
    rows = []
    for r in reach:
        rows.append(
            {
                _("Setting"): r.name,
                _("Within reach"): r.status,
                _("Missing"): ", ".join(r.missing + r.entry_missing) or _("nothing"),
                _("First-time fees"): r.cost.text if r.plan.steps else money(0),
                _("Rough time"): r.time_text,
                _("Median pay (national)"): r.pay.text,
                _("Pay difference"): (
                    _("{sign}{amount} a year").format(
                        sign="+" if r.pay_difference >= 0 else "−", amount=money(abs(r.pay_difference))
                    )
                    if r.pay_difference is not None
                    else "—"
                ),
                _("Already met"): ", ".join(r.met) or "—",
                _("Entry usually needs"): " | ".join(entry_line(c) for c in r.plan.entry)
                or _("nothing beyond credentials in our sources"),
            }
        )
    show_cards(rows, title=_("Setting"), per_row=3)
    st.caption(
        _(
            "Closeness counts the credentials each setting requires, commonly requires or prefers, planned "
            "exactly as on the first tab, and the experience entry usually needs there, each with its source or "
            "marked as our judgement with its reason. “Within reach” means every condition we can check is met; "
            "training the employer gives on the job is never counted against you, and conditions about you "
            "(such as citizenship) are stated, not guessed. Experience counts your years at your hours a week "
            "as full-time months (20 hours a week counts half), so the time to close a gap is at your hours. "
            "Rough time is the longest gap still to close (steps and experience run side by side) and leaves "
            "out exam preparation, which has no published figure. Pay is the BLS median annual wage for the "
            "industry each setting maps to (period beside each figure); the difference is against your current "
            "setting's figure and is blank where "
            "either is unpublished. Pay for a particular place is not shown here."
        )
    )

with tab_glance:
    # Cards, not a wide grid: each credential's values read without sideways scrolling at any width
    # (columns stack on a phone).
    st.subheader(_("What each credential costs and takes"))
    show_cards(credential_rows(catalogs), title=_("Credential"), per_row=3)
    st.subheader(_("Training programs"))
    show_cards(program_rows(catalogs), title=_("Program"), per_row=2)
    st.caption(_("Fees and lengths as published, with their periods; sources in the details below."))
    st.subheader(_("Which settings ask for which credential"))
    with st.container(key="credential_grid"):
        names = {i: by_id[i].short_name for i in ids}
        render_chart(charts.credential_chart(frames.credentials, names, font_size=font_size()), key="credential_map")
    with st.container(key="credential_list"):
        for name, groups in setting_lists([by_id[i] for i in ids], catalogs):
            st.markdown(
                f"**{inert(name)}**  \n"
                + "  \n".join(f"{inert(rel)}: {inert(', '.join(items))}" for rel, items in groups)
            )
    st.subheader(_("Sources and details"))
    for cred in creds.values():
        with st.expander(f"{inert(cred.name)} · {inert(cred.issuer)}"):
            st.markdown(inert(cred.summary))
            st.markdown(
                "\n".join(
                    f"- {fact_markdown(label, fact, sources)}"
                    for label, fact in [
                        (_("Who can apply"), cred.eligibility),
                        (_("First-time fee"), cred.facts.initial_fee),
                        (_("Exam"), cred.facts.exam),
                        (_("Renewal cycle"), cred.facts.renewal_cycle_years),
                        (_("Continuing education per cycle"), cred.facts.ce_hours_per_cycle),
                        (_("Renewal fee"), cred.facts.renewal_fee),
                    ]
                    + [(_("Renewing with others"), rule) for rule in cred.renewal_rules]
                )
            )

with tab_renew:
    held, all_held = held - lapsed, held
    for cid in sorted(lapsed, key=list(creds).index):
        st.warning(inert(reinstatement_text(creds[cid], sources)))
    if not all_held:
        st.info(_("Pick the credentials you hold under “About you” to see what keeps them active."))
    schedule = renewal_schedule(held, catalogs)
    if schedule.renewals:
        st.markdown(_("**In total:** {text}").format(text=inert(schedule.text)))
        st.dataframe(
            [
                {
                    _("Year"): e.year,
                    _("Renew"): e.short_name,
                    _("Fee"): money(e.fee) if e.fee is not None else _("no published figure"),
                    _("Note"): e.note,
                }
                for e in schedule.events
            ],
            hide_index=True,
            width="stretch",
        )
    for r in schedule.renewals:
        with st.container(border=True):
            st.markdown(f"**{inert(r.short_name)}**")
            st.markdown(
                "\n".join(
                    f"- {fact_markdown(label, fact, sources)}"
                    for label, fact in [
                        (_("Renew every"), r.cycle_years),
                        (_("Continuing education"), r.ce_hours),
                        (_("Renewal fee"), r.fee),
                    ]
                    + [(req.label, req) for req in r.requirements]
                )
            )
            for note in r.notes:
                st.caption(inert(note))

caveat = state_caveat(catalogs)
st.subheader(_("Your state's rules come first"))
st.markdown(inert(caveat.summary))
st.markdown("\n".join(f"- {fact_markdown(f.label, f, sources)}" for f in caveat.facts))
