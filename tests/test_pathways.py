"""Credential pathways: eligibility from the catalog's `requires` rules, plan choices, fees and renewal.

Realistic cases first, each naming the PTCB or NHA rule it checks; then properties over random people
and targets; then the catalog checks that keep the rules and the eligibility text in step.
"""

from __future__ import annotations

import copy
import dataclasses
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from analysis.loading.fact_checks import check_facts
from analysis.loading.schema import (
    ABC_KIND,
    CertificatesCondition,
    CredentialCatalog,
    CredentialCondition,
    CredentialUse,
    EducationCondition,
    ExperienceCondition,
    HoursCondition,
    ProgramLength,
    Requires,
    UnpublishedCondition,
    prerequisite_ids,
)
from analysis.paths import CREDENTIALS_PATH
from analysis.pathways import (
    PathwayExtras,
    Person,
    eligibility,
    order_ids,
    plan,
    renewal_obligations,
    renewal_schedule,
    state_caveat,
    tickable_programs,
)
from tests.data import CATALOGS, LOADED, PROFILES, examples

CAT = CATALOGS
CREDS = CAT.credentials
CERTS = sorted(c.id for c in CREDS.values() if c.kind == ABC_KIND)
PROGRAMS = tickable_programs(CAT)
RAW = yaml.safe_load(CREDENTIALS_PATH.read_text(encoding="utf-8"))
INDEX = {c["id"]: i for i, c in enumerate(RAW["credentials"])}


def fee(cid: str) -> float:
    value = CREDS[cid].facts.initial_fee.value
    assert isinstance(value, (int, float))
    return value


def conditions(cid: str):
    return [c for r in CREDS[cid].requires.any_of for c in r.all_of]


def with_profile_credentials(profile_id: str, uses: list[tuple[str, str]]):
    return PROFILES[profile_id].model_copy(
        update={"credentials": [CredentialUse(id=i, relevance=rel) for i, rel in uses]}  # type: ignore[arg-type]
    )


def step_ids(p) -> list[str]:
    return [s.credential.id for s in p.steps]


def topic(cert: str) -> str:
    return "ptcb-program-" + cert.removeprefix("abc-")


# --- CPhT: program route and 500-hour route ------------------------------------------------


def test_new_student_targeting_hospital_starts_with_cpht_and_both_routes_explained():
    """PTCB CPhT: a recognised program or 500 hours; CSPT needs an active CPhT first."""
    p = plan(Person(stage="student"), PROFILES["hospital"], CAT)
    ids = step_ids(p)
    assert ids == ["cpht", "cspt"]
    cpht = p.steps[0].eligibility
    joined = " ".join(cpht.missing)
    assert "PTCB-recognized entry-level technician education/training program" in joined
    assert "500 more hours" in joined
    cspt = p.steps[1].eligibility
    assert cspt.missing[0] == "an active CPhT"  # shared by every route, so listed once, first
    assert any("12 more months" in m and "sterile compounding" in m for m in cspt.missing)
    assert any("36 more months" in m and "sterile compounding" in m for m in cspt.missing)


def test_student_who_finished_a_program_is_eligible_for_cpht_by_the_program_route():
    """PTCB CPhT route 1: a PTCB-recognized education/training program."""
    e = eligibility("cpht", Person(stage="student", completed_programs={"ptcb-recognized-program"}), CAT)
    assert e.eligible and e.route == "PTCB-recognized program route" and e.missing == []


def test_500_hour_route_counts_hours_at_the_persons_week():
    """PTCB CPhT route 2: 500 hours. 0.3 years full-time (40 h) is 624 hours, not '32 more hours'."""
    assert eligibility("cpht", Person(years_experience=0.3), CAT).eligible
    thirty = eligibility("cpht", Person(years_experience=0.3, hours_per_week=30), CAT)
    assert not thirty.eligible and any("32 more hours of" in m for m in thirty.missing)
    part_time = eligibility("cpht", Person(years_experience=0.25, hours_per_week=20), CAT)  # 260 h
    assert any("240 more hours" in m for m in part_time.missing)
    assert "about 12 weeks at 20 hours a week" in part_time.routes[1].gaps[0].time
    assert eligibility("cpht", Person(work_hours=520), CAT).eligible


def test_counts_read_in_the_singular_when_one_is_left():
    """Plain text: '1 more hour', never '1 more hours'."""
    e = eligibility("cpht", Person(work_hours=499), CAT)
    assert any("1 more hour of" in m for m in e.missing)
    assert not any("1 more hours" in m for m in e.missing)
    adv = eligibility("cpht-adv", Person(held={"cpht", *CERTS[:3]}, years_experience=3), CAT)
    assert any("1 more PTCB assessment-based certificate" in m and "certificates" not in m for m in adv.missing)


# --- Either-or: CPhT or ExCPT where a setting accepts either --------------------------------


def test_student_targeting_a_setting_that_accepts_either_gets_one_step_with_both_options():
    """Equivalence (VA 2023 standard): where a setting lists both, either the CPhT or the ExCPT meets it."""
    p = plan(Person(stage="student"), PROFILES["retail"], CAT)
    assert len(p.steps) == 1
    step = p.steps[0]
    assert step.title == "CPhT or ExCPT"
    assert [o.credential.id for o in step.alternatives] == ["excpt"]
    assert step.alternatives[0].fee.is_gap  # its fee is shown as unpublished, not counted
    assert p.total_initial_fees.amount == 129 and p.total_initial_fees.text == "$129"
    assert "plus ExCPT" not in p.total_initial_fees.text
    assert any("accepts either CPhT or ExCPT" in c for c in p.choices)


def test_an_excpt_holder_meets_the_setting_but_cspt_still_needs_the_cpht():
    """Equivalence never applies where a PTCB credential requires an active CPhT (CSPT)."""
    holder = Person(held={"excpt"}, years_experience=2)
    retail = plan(holder, PROFILES["retail"], CAT)
    assert retail.meets_setting and retail.steps == () and "cpht" in retail.covered
    hospital = plan(holder, PROFILES["hospital"], CAT)
    assert step_ids(hospital) == ["cpht", "cspt"]
    assert hospital.steps[0].why == "needed first for CSPT" and hospital.steps[0].alternatives == ()
    cspt = eligibility(
        "cspt", Person(held={"excpt"}, sterile_years=4, completed_programs={"sterile-compounding-program"}), CAT
    )
    assert not cspt.eligible and cspt.missing == ["an active CPhT"]


def test_when_cspt_is_planned_the_either_or_step_becomes_the_cpht():
    """CSPT requires an active CPhT, so the planner does not offer the ExCPT in the same plan."""
    p = plan(Person(stage="student"), PROFILES["hospital"], CAT, include_helpful=True)
    first = p.steps[0]
    assert first.credential.id == "cpht" and first.alternatives == ()
    assert any("ExCPT would not do" in c for c in p.choices)
    assert "excpt" not in step_ids(p)


def test_an_accepted_alternative_counts_as_held():
    """A CPhT holder is not told to get the ExCPT at the VA (it accepts either), and the other way round."""
    va = PROFILES["federal-va"]
    for held, other in [({"cpht"}, "excpt"), ({"excpt"}, "cpht")]:
        p = plan(Person(stage="working", held=held, years_experience=1), va, CAT)
        assert other not in step_ids(p) and p.meets_setting
    student = plan(Person(stage="student"), va, CAT)
    assert [s.title for s in student.steps] == ["CPhT or ExCPT"]


# --- Certificates: topic programs ------------------------------------------------------------


def test_an_entry_level_program_does_not_open_any_certificate():
    """PTCB certificates: each needs its own PTCB-Recognized topic program, not the entry-level one."""
    cpht = Person(held={"cpht"}, years_experience=2, completed_programs={"ptcb-recognized-program"})
    assert not any(eligibility(c, cpht, CAT).eligible for c in CERTS)
    hd = dataclasses.replace(
        cpht, completed_programs={"ptcb-recognized-program", topic("abc-hazardous-drug-management")}
    )
    open_now = [c for c in CERTS if eligibility(c, hd, CAT).eligible]
    assert open_now == ["abc-hazardous-drug-management"]
    missing = eligibility("abc-hazardous-drug-management", cpht, CAT).missing
    assert missing == ["a PTCB-Recognized Hazardous Drug Management Education/Training Program"]


def test_tpv_second_route_is_a_state_validation_program_not_experience():
    """PTCB TPV guidebook: a topic program or a state board-approved validation program."""
    veteran = Person(held={"cpht"}, years_experience=10)
    assert not eligibility("abc-technician-product-verification", veteran, CAT).eligible
    validated = dataclasses.replace(veteran, completed_programs={"state-approved-tpv-validation-program"})
    e = eligibility("abc-technician-product-verification", validated, CAT)
    assert e.eligible and e.route == "state board-approved validation program route"
    assert CREDS["abc-technician-product-verification"].facts.exam.value == 120
    assert CREDS["abc-nonsterile-compounding"].facts.exam.value == 70


def test_certificate_work_route_is_shown_but_not_assumed():
    """Medication History: PTCB lists a work route whose length our sources do not give."""
    tech = Person(held={"cpht"}, years_experience=5)
    e = eligibility("abc-medication-history", tech, CAT)
    assert not e.eligible
    assert any("not in our sources" in m for m in e.missing)
    assert any("check PTCB's candidate guidebook" in c for c in e.caveats)
    trained = dataclasses.replace(tech, completed_programs={topic("abc-medication-history")})
    assert eligibility("abc-medication-history", trained, CAT).eligible


# --- CSPT ------------------------------------------------------------------------------------


def test_retail_cpht_moving_to_the_iv_room_needs_sterile_experience_first():
    """CSPT: program + 1 year, or 3 years, of full-time sterile compounding; retail years do not count."""
    retail = Person(setting_id="retail", held={"cpht"}, years_experience=2, sterile_years=0)
    e = eligibility("cspt", retail, CAT)
    assert not e.eligible and "an active CPhT" not in e.missing
    by_route = {r.label: r.missing for r in e.routes}
    assert by_route["experience-only route"] == [
        (
            "36 more months of full-time (at least 30 hours a week), continuous sterile compounding (CSP) work "
            "within the last 8 years"
        )
    ]
    p = plan(retail, PROFILES["hospital"], CAT)
    assert step_ids(p) == ["cspt"] and "cpht" in p.already_held
    assert p.steps[0].route == "sterile compounding program route"  # 12 months, not 36
    assert "about 12 more months of full-time sterile compounding" in p.steps[0].time_note


def test_cspt_program_route_accepts_people_enrolled_in_the_program():
    """CSPT route 1: completed *or enrolled in* a PTCB-recognized sterile compounding program."""
    enrolled = Person(
        held={"cpht"}, years_experience=1, sterile_years=1, enrolled_programs={"sterile-compounding-program"}
    )
    e = eligibility("cspt", enrolled, CAT)
    assert e.eligible and e.route == "sterile compounding program route"
    assert any("enrolment" in c for c in e.caveats)
    assert not eligibility("cspt", dataclasses.replace(enrolled, enrolled_programs=set()), CAT).eligible


def test_cspt_experience_must_fall_within_the_last_eight_years():
    """CSPT: the sterile compounding work counts only within the last 8 years."""
    old_hand = Person(held={"cpht"}, years_experience=10, sterile_years=10, years_since_last_worked=6)
    e = eligibility("cspt", old_hand, CAT)  # 2 of the 10 years fall inside the window
    assert not e.eligible
    assert e.routes[1].missing == [
        (
            "12 more months of full-time (at least 30 hours a week), continuous sterile "
            "compounding (CSP) work within the last 8 years"
        )
    ]
    assert eligibility("cspt", dataclasses.replace(old_hand, years_since_last_worked=4), CAT).eligible


def test_part_time_sterile_work_is_not_counted_and_the_disagreement_is_said():
    """CSPT full-time is at least 30 hours a week; PTCB's pages disagree on part-time work."""
    part = Person(held={"cpht"}, years_experience=4, sterile_years=4, hours_per_week=20)
    e = eligibility("cspt", part, CAT)
    assert not e.eligible
    assert any("part-time" in m and "disagree" in m for m in e.missing)
    assert any("disagree" in c for c in e.caveats)


# --- CPhT-Adv --------------------------------------------------------------------------------


def test_cpht_adv_routes():
    """CPhT-Adv: active CPhT, 3 years within 8, and 4 certificates or 3 plus CSPT."""
    base = Person(held={"cpht", *CERTS[:4]}, years_experience=3)
    four = eligibility("cpht-adv", base, CAT)
    assert four.eligible and four.route == "four-certificate route"
    three_plus_cspt = eligibility("cpht-adv", Person(held={"cpht", "cspt", *CERTS[:3]}, years_experience=3), CAT)
    assert three_plus_cspt.eligible and three_plus_cspt.route == "three certificates plus CSPT route"
    three = eligibility("cpht-adv", Person(held={"cpht", *CERTS[:3]}, years_experience=3), CAT)
    assert any("an active CSPT" in m for m in three.missing)
    short = eligibility("cpht-adv", dataclasses.replace(base, years_experience=2.5), CAT)
    assert short.missing == ["6 more months of pharmacy technician work within the last 8 years"]
    window = eligibility("cpht-adv", dataclasses.replace(base, years_experience=12, years_since_last_worked=6), CAT)
    assert window.missing == ["12 more months of pharmacy technician work within the last 8 years"]
    assert not eligibility("cpht-adv", dataclasses.replace(base, held=set(CERTS[:4])), CAT).eligible


def test_cpht_adv_goal_with_cspt_planned_takes_three_certificates_plus_cspt():
    """CPhT-Adv route 2: three certificates plus the CSPT ($199 + 3 x $89 = $466), every step priced."""
    p = plan(Person(held={"cpht"}, years_experience=4), PROFILES["hospital"], CAT, goals=["cpht-adv"])
    ids = step_ids(p)
    certs = [c for c in ids if c in CERTS]
    assert "cspt" in ids and len(certs) == 3 and ids[-1] == "cpht-adv"
    assert p.total_initial_fees.amount == fee("cspt") + 3 * fee(CERTS[0]) == 466
    adv = p.steps[-1]
    assert (
        adv.route == "three certificates plus CSPT route" and "$267" in adv.route_reason and "$356" in adv.route_reason
    )
    assert {"abc-hazardous-drug-management", "abc-controlled-substances-diversion-prevention"} <= set(
        certs
    )  # listed there


def test_cpht_adv_goal_without_cspt_takes_four_certificates():
    """CPhT-Adv route 1: four certificates ($356) is cheaper than three plus a CSPT not otherwise needed ($466)."""
    p = plan(
        Person(setting_id="retail", held={"cpht"}, years_experience=4), PROFILES["retail"], CAT, goals=["cpht-adv"]
    )
    assert "cspt" not in step_ids(p)
    assert len([c for c in step_ids(p) if c in CERTS]) == 4
    assert p.total_initial_fees.amount == 356
    assert p.steps[-1].route == "four-certificate route"
    holder = plan(
        Person(held={"cpht", "cspt"}, years_experience=4, sterile_years=4), PROFILES["retail"], CAT, goals=["cpht-adv"]
    )
    assert len(holder.steps) == 4 and holder.total_initial_fees.amount == 267  # three certificates, CSPT held


# --- ExCPT -----------------------------------------------------------------------------------


def test_excpt_routes_include_a_ptcb_program_and_the_apprenticeship():
    """NHA ExCPT: program (with diploma) within 5 years, 1,200 hours within 3 years, or an apprenticeship."""
    programme = {"ptcb-recognized-program"}
    assert eligibility("excpt", Person(completed_programs=programme), CAT).eligible
    assert not eligibility("excpt", Person(completed_programs=programme, hs_diploma=False), CAT).eligible
    apprentice = Person(hs_diploma=False, completed_programs={"registered-apprenticeship"})
    assert eligibility("excpt", apprentice, CAT).eligible
    assert eligibility("excpt", Person(work_hours=1200), CAT).route == "supervised work route"
    lapsed = Person(years_experience=5, years_since_last_worked=3)  # nothing inside the 3-year window
    assert not eligibility("excpt", lapsed, CAT).eligible


def test_cpted_is_in_the_catalog_and_never_assumed():
    """CPTEd (PTCB, March 2025): eligibility not in our sources, so never 'apply now'."""
    cpted = CREDS["cpted"]
    assert cpted.issuer == "PTCB" and cpted.eligibility.is_gap
    e = eligibility("cpted", Person(held=set(CREDS), years_experience=20, completed_programs=set(PROGRAMS)), CAT)
    assert not e.eligible and any("not in our sources" in m for m in e.missing)


def test_a_new_rule_in_the_data_needs_no_new_code():
    route = {"label": "cspt plus hours", "all_of": [{"credential": "cspt"}, {"experience_hours": 100}]}
    rule = Requires.model_validate({"any_of": [route]})
    invented = CREDS["cpht-adv"].model_copy(update={"id": "x-test", "requires": rule})
    cat = dataclasses.replace(CAT, credentials={**CREDS, "x-test": invented})
    e = eligibility("x-test", Person(work_hours=50), cat)
    assert e.missing == ["an active CSPT", "50 more hours of pharmacy technician work"]
    assert eligibility("x-test", Person(held={"cspt"}, work_hours=100), cat).eligible


# --- Plans: ordering, prerequisites, fees, roles, renewal -----------------------------------


def test_prerequisites_are_added_and_come_first():
    target = with_profile_credentials("hospital", [("cspt", "required")])
    p = plan(Person(), target, CAT)
    assert step_ids(p) == ["cpht", "cspt"]
    assert p.steps[0].relevance is None and p.steps[0].why == "needed first for CSPT"
    adv = plan(
        Person(),
        with_profile_credentials("hospital", [("cpht-adv", "preferred"), (CERTS[0], "helpful")]),
        CAT,
        include_helpful=True,
    )
    ids = step_ids(adv)
    assert ids[0] == "cpht" and ids[-1] == "cpht-adv" and CERTS[0] in ids
    assert len([c for c in ids if c in CERTS]) == 4


def test_ties_follow_relevance():
    ids = {CERTS[0], CERTS[1], "excpt"}
    rank = {CERTS[0]: 3, CERTS[1]: 0, "excpt": 2}
    assert order_ids(ids, rank, CAT) == [CERTS[1], "excpt", CERTS[0]]


def test_fee_total_sums_the_steps_shown():
    p = plan(Person(stage="student"), PROFILES["hospital"], CAT)
    assert p.total_initial_fees.amount == fee("cpht") + fee("cspt") == 328
    assert p.total_initial_fees.text == "$328" and p.total_initial_fees.unpublished == ()
    assert all(s.fee.period for s in p.steps)


def test_you_already_meet_what_the_setting_asks_for_is_said_plainly():
    retail = Person(setting_id="retail", held={"cpht"}, years_experience=2)
    p = plan(retail, PROFILES["ambulatory-clinic"], CAT)
    assert p.meets_setting and p.steps == ()
    assert p.summary == f"You already meet what {PROFILES['ambulatory-clinic'].name} asks for."
    extra = plan(retail, PROFILES["ambulatory-clinic"], CAT, include_helpful=True)
    assert extra.meets_setting and extra.steps and "optional" in extra.summary
    assert not plan(retail, PROFILES["hospital"], CAT).meets_setting


def test_plan_carries_the_target_roles_and_the_renewals_once_held():
    p = plan(Person(), PROFILES["hospital"], CAT)
    assert p.roles == tuple(PROFILES["hospital"].advancement) and p.roles
    assert {r.credential_id for r in p.renewals} == {"cpht", "cspt"}


def test_renewal_obligations_cpht_and_cspt():
    ref = CAT.reference
    out = {r.credential_id: r for r in renewal_obligations({"cpht", "cspt", "not-a-credential"}, CAT)}
    assert set(out) == {"cpht", "cspt"}
    cpht = out["cpht"]
    assert cpht.cycle_years.value == ref["cred.ptcb.cpht.renewal_cycle"]["value"] == 2
    assert cpht.ce_hours.value == ref["cred.ptcb.cpht.ce_total"]["value"] == 20
    labels = " ".join(r.label.lower() for r in cpht.requirements)
    assert "law" in labels and "patient safety" in labels
    assert "every 2 years" in cpht.text and "fee: $55" in cpht.text
    cspt = out["cspt"]
    assert cspt.cycle_years.value == ref["cred.ptcb.cspt.renewal_cycle"]["value"] == 1
    assert any("attestation" in r.label.lower() for r in cspt.requirements)
    assert cspt.ce_hours.is_gap and "CE: no published figure" in cspt.text


def test_cspt_renewed_with_the_cpht_costs_nothing_extra_that_year():
    """PTCB: a CSPT renewed in the same cycle as the CPhT adds no separate fee ($75 per 2 years, not $95)."""
    s = renewal_schedule({"cpht", "cspt"}, CAT)
    assert s.years == 2
    assert [(e.year, e.short_name, e.fee) for e in s.events] == [(1, "CSPT", 20), (2, "CPhT", 55), (2, "CSPT", 0)]
    assert s.fee_total == 75 and s.ce_total == 20 and s.ce_unpublished == ("CSPT",)
    assert any(r.source == "ptcb-help-cspt-renewal" for r in s.rules)


def test_cpht_adv_replaces_the_cpht_renewal():
    """PTCB: CPhT-Adv holders renew one credential ($55, 25 CE hours per 2 years), not the CPhT as well."""
    held = {"cpht", "cpht-adv", *CERTS[:4]}
    renewals = {r.credential_id: r for r in renewal_obligations(held, CAT)}
    assert "cpht" not in renewals and "cpht-adv" in renewals
    assert any("replaces the CPhT renewal" in n for n in renewals["cpht-adv"].notes)
    s = renewal_schedule(held, CAT)
    assert s.ce_total == 25
    assert [(e.short_name, e.fee) for e in s.events] == [("CPhT-Adv", 55)]
    assert s.fee_total == 55 and set(s.fee_unpublished) == {CREDS[c].short_name for c in CERTS[:4]}
    p = plan(
        Person(held={"cpht", "cspt", *CERTS[:3]}, years_experience=4, sterile_years=4),
        PROFILES["hospital"],
        CAT,
        goals=["cpht-adv"],
    )
    assert p.renewal_plan is not None and p.renewal_plan.fee_total == 75  # CSPT $20 + CPhT-Adv $55 (CSPT free with it)
    assert "cpht" not in {r.credential_id for r in p.renewals}


def test_state_caveat_is_dated_and_sourced():
    caveat = state_caveat(CAT)
    assert "board of pharmacy" in caveat.summary
    for f in caveat.facts:
        assert f.source in CAT.sources and f.period and (f.ref is None or f.ref.startswith("state."))
    by_ref = {f.ref: f for f in caveat.facts}
    assert by_ref["state.require_registration_or_license.2017"].value == 44
    # The 2015 "unregulated" count is followed by the two of those states that regulate now.
    later = [f.label for f in caveat.facts if f.label.startswith("Since then")]
    assert any("New York" in x for x in later) and any("Wisconsin" in x for x in later)


def test_program_lengths_feed_the_time_note_when_published():
    extras = PathwayExtras(
        program_lengths=(
            ProgramLength(
                education="ptcb-recognized-program",
                label="ASHP/ACPE entry-level program, minimum duration",
                value=8,
                unit="weeks",
                period="standards effective 2019",
                source="ashp-standards-blog",
                evidence="secondary",
                ref="cred.ashp.entry_weeks",
            ),
        )
    )
    p = plan(Person(stage="student"), PROFILES["hospital"], CAT, extras=extras)
    assert "minimum duration: 8 weeks (standards effective 2019)" in p.steps[0].time_note
    without = plan(Person(stage="student"), PROFILES["hospital"], CAT, extras=PathwayExtras())
    assert "no published figure" in without.steps[0].time_note
    bundled = plan(Person(stage="student"), PROFILES["hospital"], CAT)
    assert "400 hours (standards effective 2019)" in bundled.steps[0].time_note


# --- Properties ------------------------------------------------------------------------------

people = st.builds(
    Person,
    stage=st.sampled_from(["student", "working"]),
    setting_id=st.sampled_from([None, *sorted(PROFILES)]),
    held=st.sets(st.sampled_from(sorted(CREDS))),
    years_experience=st.floats(0, 12, allow_nan=False),
    sterile_years=st.floats(0, 12, allow_nan=False),
    completed_programs=st.sets(st.sampled_from(PROGRAMS)),
    hs_diploma=st.booleans(),
    hours_per_week=st.floats(5, 60, allow_nan=False),
    enrolled_programs=st.sets(st.sampled_from(PROGRAMS)),
    years_since_last_worked=st.floats(0, 10, allow_nan=False),
)


@settings(max_examples=examples(80), deadline=None)
@given(
    person=people,
    target=st.sampled_from(sorted(PROFILES)),
    helpful=st.booleans(),
    goals=st.sets(st.sampled_from(sorted(CREDS)), max_size=2),
    extra=st.lists(
        st.tuples(st.sampled_from(sorted(CREDS)), st.sampled_from(["required", "preferred", "helpful"])),
        max_size=4,
        unique_by=lambda t: t[0],
    ),
)
def test_any_plan_puts_prerequisites_first_and_totals_the_steps_shown(person, target, helpful, goals, extra):
    profile = PROFILES[target]
    listed = [(u.id, u.relevance) for u in profile.credentials]
    profile = with_profile_credentials(target, listed + [t for t in extra if t[0] not in dict(listed)])
    p = plan(person, profile, CAT, include_helpful=helpful, goals=goals)
    ids = step_ids(p)
    shown = set(ids) | {o.credential.id for s in p.steps for o in s.alternatives}
    listed_ids = {u.id for u in profile.credentials}
    for eq in CAT.equivalences:  # an option the plan settled (CSPT needs the CPhT) stands for the others it lists
        if len(set(eq.members) & listed_ids) >= 2 and set(eq.members) & shown:
            shown |= set(eq.members)
    assert len(ids) == len(set(ids)) and not set(ids) & person.held
    for i, cid in enumerate(ids):
        for pre in prerequisite_ids(CREDS[cid], CERTS):
            if pre in ids:
                assert ids.index(pre) < i, f"{pre} should come before {cid} in {ids}"
    wanted = {"required", "commonly-required", "preferred"} | ({"helpful"} if helpful else set())
    assert {u.id for u in profile.credentials if u.relevance in wanted} - person.held - set(p.covered) <= shown
    assert set(goals) - person.held - set(p.covered) <= shown
    for s in p.steps:  # the chosen route's credentials are held or planned earlier
        route = next(r for r in s.credential.requires.any_of if r.label == s.route)
        for cond in route.all_of:
            if isinstance(cond, CredentialCondition):
                assert cond.credential in person.held or ids.index(cond.credential) < ids.index(s.credential.id)
            if isinstance(cond, CertificatesCondition):
                have = [c for c in CERTS if c in person.held or c in ids[: ids.index(s.credential.id)]]
                assert len(have) >= cond.certificates
    assert p.total_initial_fees.amount == sum(s.fee.value for s in p.steps if s.fee.value is not None)
    assert p.total_initial_fees.unpublished == tuple(s.credential.short_name for s in p.steps if s.fee.is_gap)


@settings(max_examples=examples(80), deadline=None)
@given(
    person=people,
    cid=st.sampled_from(sorted(CREDS)),
    more_years=st.floats(0, 5, allow_nan=False),
    more_held=st.sets(st.sampled_from(sorted(CREDS))),
    more_programs=st.sets(st.sampled_from(PROGRAMS)),
)
def test_more_experience_or_credentials_never_take_eligibility_away(person, cid, more_years, more_held, more_programs):
    richer = dataclasses.replace(
        person,
        years_experience=person.years_experience + more_years,
        sterile_years=person.sterile_years + more_years,
        held=person.held | more_held,
        completed_programs=person.completed_programs | more_programs,
    )
    before, after = eligibility(cid, person, CAT), eligibility(cid, richer, CAT)
    if before.eligible:
        assert after.eligible
    assert before.eligible == (before.missing == [])


@settings(max_examples=examples(40), deadline=None)
@given(held=st.sets(st.sampled_from(sorted(CREDS))))
def test_renewal_fees_are_the_sum_of_the_renewals_listed(held):
    s = renewal_schedule(held, CAT)
    assert s.fee_total == sum(e.fee for e in s.events if e.fee is not None)
    ids = {r.credential_id for r in s.renewals}
    assert not ("cpht-adv" in held and "cpht" in ids)  # replaced, never renewed twice


# --- The catalog: rules present, consistent with the text, validated -------------------------


def test_every_credential_has_a_requires_block():
    assert len(CREDS) == len(RAW["credentials"]) == 16
    for raw in RAW["credentials"]:
        assert raw.get("requires", {}).get("any_of"), raw["id"]
    broken = copy.deepcopy(RAW)
    del broken["credentials"][0]["requires"]
    with pytest.raises(ValidationError, match="requires"):
        CredentialCatalog.model_validate(broken)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (
            lambda d: d["credentials"][INDEX["cspt"]]["requires"]["any_of"][0]["all_of"].__setitem__(
                0, {"credential": "cpht-typo"}
            ),
            "unknown credential id 'cpht-typo'",
        ),
        (
            lambda d: d["credentials"][INDEX["cpht"]]["requires"]["any_of"][0]["all_of"].append({"credential": "cspt"}),
            "go round in a circle",
        ),
        (
            lambda d: d["credentials"][INDEX["cpht-adv"]]["requires"]["any_of"][0]["all_of"].append(
                {"certificates": 40}
            ),
            "the catalog has 11",
        ),
        (
            lambda d: d["credentials"][INDEX[CERTS[0]]]["requires"]["any_of"][0]["all_of"].append({"certificates": 1}),
            "cannot require other certificates",
        ),
        (
            lambda d: d["credentials"][0]["requires"]["any_of"][0]["all_of"].append({"experience_months": None}),
            "needs a note",
        ),
        (
            lambda d: d["credentials"][0]["requires"]["any_of"][0]["all_of"].append({"degree": "bsc"}),
            "a condition needs one of the keys",
        ),
        (
            lambda d: d["credentials"][0]["requires"]["any_of"][0]["all_of"].append({"education": "phd"}),
            "unknown program 'phd'",
        ),
        (lambda d: d["equivalences"].clear(), "no equivalence lists both"),
        (lambda d: d["programs"][1]["counts_as"].append("nowhere"), "counts as unknown program 'nowhere'"),
    ],
)
def test_the_catalog_validator_rejects_bad_rules(mutate, message):
    doc = copy.deepcopy(RAW)
    mutate(doc)
    with pytest.raises(ValidationError, match=re.escape(message)):
        CredentialCatalog.model_validate(doc)


KEYWORDS = {
    "ptcb-recognized-program": "PTCB-recognized",
    "sterile-compounding-program": "sterile compounding program",
    "pharmacy-technician-program": "pharmacy technician program",
    "hs-diploma-or-ged": "HS diploma/GED",
    "registered-apprenticeship": "registered apprenticeship",
    "state-approved-tpv-validation-program": "state board-approved TPV validation program",
}


def _years(months: int) -> str:
    return f"{months // 12} year" if months % 12 == 0 else f"{months} months"


def _keyword(program: str) -> str:
    if program in KEYWORDS:
        return KEYWORDS[program]
    return CAT.programs[program].label.removeprefix("a ")  # topic programs: PTCB's own program name


@pytest.mark.parametrize("cid", sorted(CREDS))
def test_rules_agree_with_the_eligibility_text(cid):
    """Every number and every named credential or program in the rules appears in the cited text."""
    cred = CREDS[cid]
    if cred.eligibility.is_gap:  # nothing published: only requirements we cannot evaluate
        assert all(isinstance(c, UnpublishedCondition) for c in conditions(cid))
        return
    text = str(cred.eligibility.value).lower()
    for cond in conditions(cid):
        if isinstance(cond, CredentialCondition):
            assert CREDS[cond.credential].short_name.lower() in text
        elif isinstance(cond, EducationCondition):
            assert _keyword(cond.education).lower() in text
            if cond.enrolled_counts:
                assert "enrol" in text
        elif isinstance(cond, HoursCondition):
            assert f"{cond.experience_hours:,}" in text or str(cond.experience_hours) in text
        elif isinstance(cond, ExperienceCondition):
            if cond.experience_months is None:
                assert "work-experience route" in text and "name none" not in text
            else:
                assert _years(cond.experience_months) in text
        elif isinstance(cond, CertificatesCondition):
            assert f"{cond.certificates} " in text and "certificates" in text
        window = getattr(cond, "within_years", None)
        if window:
            assert f"{window} years" in text
    if "name none" in text:  # our sources name no work route: encode none, say so
        assert not any(isinstance(c, (ExperienceCondition, HoursCondition)) for c in conditions(cid))
        assert cred.requires.note and "not in our sources" in cred.requires.note


def test_catalog_facts_pass_the_reference_checks():
    catalog = CredentialCatalog.model_validate(RAW)
    problems = check_facts(catalog.extra_facts(), CAT.sources, CAT.reference, "credentials.yaml")
    for cred in catalog.credentials:
        problems += check_facts(cred.all_facts(), CAT.sources, CAT.reference, "credentials.yaml", cred.id)
    assert problems == [] and CAT.problems == ()
    assert CAT.state_regulation is not None and len(CAT.state_regulation.facts) == len(catalog.state_regulation.facts)
    assert CAT.equivalences and CAT.equivalences[0].source in CAT.sources
    for cred in CREDS.values():
        for rule in cred.renewal_rules:
            assert rule.source in CAT.sources and rule.period


# --- Where can I go from here? ---------------------------------------------------------------


def test_where_next_for_a_retail_cpht_with_two_years():
    """From retail with a CPhT and two years: every other setting, met ones first, those needing the CSPT last."""
    from analysis.loading.frames import build_frames
    from analysis.loading.schema import NumericFact
    from analysis.pathways import Pay, national_pay, where_next

    # Every bundled setting has a May 2025 figure; long-term care stands in for an uploaded profile without one.
    gap = NumericFact(value=None, unit="USD/year", note="no published figure for this setting")
    profiles = [
        p.model_copy(update={"facts": p.facts.model_copy(update={"median_wage_annual": gap})})
        if p.id == "long-term-care"
        else p
        for p in LOADED.profiles
    ]
    pay = national_pay(build_frames(profiles, CAT).settings)
    retail = Person(setting_id="retail", held={"cpht"}, years_experience=2)
    reach = where_next(retail, profiles, CAT, pay)
    # Home infusion is farthest: the CSPT and a year of sterile compounding experience besides.
    assert [r.setting_id for r in reach][-1] == "home-infusion" and "retail" not in {r.setting_id for r in reach}
    assert reach[-1].entry_missing == ("12 more months of full-time sterile compounding (CSP) work",)
    # Settings that want CSPT (preferred or more) need a step; all the others are met already, and come first.
    want_cspt = {p.id for p in profiles if any(c.id == "cspt" and c.relevance != "helpful" for c in p.credentials)}
    needs = [r.setting_id for r in reach if r.plan.steps]
    assert "hospital" in needs and set(needs) == want_cspt - {"retail"}
    assert [r.setting_id for r in reach[-len(needs) :]] == needs
    hospital = next(r for r in reach if r.setting_id == "hospital")
    assert hospital.entry_missing == () and hospital.missing == ("CSPT",)
    assert hospital.cost.amount == 199 and hospital.met == ("CPhT",)
    assert round(hospital.months) == 12 and hospital.time_text.startswith("Roughly 12 months")
    assert hospital.pay.value == pay["hospital"].value and hospital.pay.period == pay["hospital"].period
    assert hospital.pay_difference == pay["hospital"].value - pay["retail"].value
    gaps = [r for r in reach if r.pay.value is None]
    assert [r.setting_id for r in gaps] == ["long-term-care"]
    assert all(r.pay_difference is None and r.pay.text == "no published figure" for r in gaps)
    # Local pay, once a place is chosen, comes in through its own parameter and is compared the same way.
    local = {"retail": Pay(40000, "May 2025", None, "Ohio"), "hospital": Pay(52000, "May 2025", None, "Ohio")}
    with_local = where_next(retail, LOADED.profiles, CAT, pay, local_pay=local)
    there = next(r for r in with_local if r.setting_id == "hospital")
    assert there.local_difference == 12000 and there.local_pay.text == "$52,000 (Ohio, May 2025)"
    student = where_next(Person(stage="student"), LOADED.profiles, CAT, pay)
    assert len(student) == len(LOADED.profiles) and all(r.pay_difference is None for r in student)


# --- Work inside a window (NHA: 1,200 hours within the last 3 years) ---------------------------


def test_hours_given_count_only_the_part_inside_the_window():
    """1,500 hours, last worked 5 years ago: none of them are inside NHA's 3-year window."""
    old = Person(work_hours=1500, years_since_last_worked=5)
    assert old.hours(3) == 0 and old.hours() == 1500
    e = eligibility("excpt", old, CAT)
    assert not e.eligible
    wanted = "1,200 more hours of supervised pharmacy technician work within the last 3 years"
    assert any(wanted in m for m in e.missing)
    assert "Counts only work within the last 3 years (you last worked 5 years ago)." in e.caveats
    # Spread over four years ending a year ago: two of those years (half the hours) are inside the window.
    spread = Person(work_hours=1500, years_experience=4, years_since_last_worked=1)
    assert spread.hours(3) == pytest.approx(750)
    assert not eligibility("excpt", spread, CAT).eligible
    # No years given: at most what fits between the window's start and the last day worked (0.5 y x 52 x 40).
    assert Person(work_hours=1500, years_since_last_worked=2.5).hours(3) == pytest.approx(1040)
    recent = Person(work_hours=1500, years_since_last_worked=1)
    assert eligibility("excpt", recent, CAT).route == "supervised work route"
    # PTCB's 500 hours have no window: old hours still count for the CPhT.
    assert eligibility("cpht", old, CAT).eligible


def test_years_at_hours_a_week_count_only_inside_the_window():
    """0.75 years at 40 hours a week is 1,560 hours: enough for the ExCPT if recent, none of it 5 years on."""
    recent = Person(years_experience=0.75)
    assert eligibility("excpt", recent, CAT).eligible
    lapsed = dataclasses.replace(recent, years_since_last_worked=5)
    assert not eligibility("excpt", lapsed, CAT).eligible
    partly = dataclasses.replace(recent, years_since_last_worked=2.5)  # half a year inside: 1,040 hours
    assert partly.hours(3) == pytest.approx(1040)
    assert not eligibility("excpt", partly, CAT).eligible


def test_window_notes_say_how_much_work_each_window_counts():
    from analysis.pathways import window_notes

    notes = window_notes(Person(years_experience=0.75, years_since_last_worked=5), CAT)
    assert "ExCPT: 0 of your hours fall within the last 3 years (it asks for 1,200)." in notes
    assert any(n.startswith("CSPT: 0 months of your sterile compounding") and "12 or 36" in n for n in notes)
    assert window_notes(Person(years_experience=3), CAT) == []  # working now: nothing to explain


# --- Lapsed credentials ------------------------------------------------------------------------


def test_a_lapsed_credential_does_not_count_as_held():
    """CSPT needs an active CPhT: a lapsed one does not do, and the plan puts the CPhT back first."""
    sterile = dict(years_experience=4, sterile_years=4)
    assert eligibility("cspt", Person(held={"cpht"}, **sterile), CAT).eligible
    lapsed = Person(held={"cpht"}, lapsed={"cpht"}, **sterile)
    assert lapsed.held == set()
    e = eligibility("cspt", lapsed, CAT)
    assert not e.eligible and "an active CPhT" in e.missing
    p = plan(lapsed, PROFILES["hospital"], CAT)
    assert [s.credential.id for s in p.steps][:2] == ["cpht", "cspt"]
    assert p.steps[0].lapsed == ("cpht",) and p.steps[1].lapsed == ()
    assert "CPhT" not in p.already_held
    # An either-or step knows which of its options lapsed (ExCPT behind the CPhT).
    retail = plan(Person(held={"excpt"}, lapsed={"excpt"}), PROFILES["retail"], CAT)
    assert retail.steps[0].lapsed == ("excpt",) and not retail.meets_setting


def test_reinstatement_rules_come_from_the_data_with_source_and_period():
    from analysis.pathways.plan import reinstatement_text

    fee = CREDS["cpht"].reinstatement[0]
    assert (fee.value, fee.unit, fee.source, fee.ref) == (95, "USD", "ptcb-renewal", "cred.ptcb.cpht.reinstatement_fee")
    text = reinstatement_text(CREDS["cpht"], CAT.sources)
    assert "Reinstatement fee, within 1 year of expiry: $95 (PTCB, as read on" in text
    assert "Pharmacy law CE when reinstating: 2 hours" in text
    nha = reinstatement_text(CREDS["excpt"], CAT.sources)
    assert nha == "ExCPT has lapsed: NHA's rule for reinstating it is not in our sources; ask NHA."
    assert CREDS["excpt"].reinstatement[0].is_gap  # looked for, not found: said, never guessed
    assert "not in our sources" in reinstatement_text(CREDS["cspt"], CAT.sources)  # none recorded


def test_reinstatement_facts_are_validated_like_every_figure():
    raw = copy.deepcopy(RAW)
    raw["credentials"][INDEX["cpht"]]["reinstatement"][0].pop("period")
    with pytest.raises(ValidationError, match="a figure needs period"):
        CredentialCatalog.model_validate(raw)
    raw = copy.deepcopy(RAW)
    raw["credentials"][INDEX["excpt"]]["reinstatement"][0].pop("note")
    with pytest.raises(ValidationError, match="a missing figure needs a note"):
        CredentialCatalog.model_validate(raw)


def test_plan_link_carries_lapsed_credentials_and_drops_bad_ones():
    from analysis.links.plan import decode_plan, encode_plan

    state = {"stage": "working", "target": "retail", "held": {"cpht", "cspt"}, "lapsed": {"cspt"}}
    text = encode_plan(state)
    assert "lap.cspt" in text
    back, notices = decode_plan(text, ["retail"], list(CREDS), [])
    assert notices == [] and back["lapsed"] == {"cspt"} and back["held"] == {"cpht", "cspt"}
    back, notices = decode_plan("lap.cpht+x<b>~held.cspt~to.retail", ["retail"], list(CREDS), [])
    assert back["lapsed"] == set() and "x<b>" in notices[0] and "lap.cpht" in notices[0]


# --- Entry conditions per setting (settings_profiles/<id>.yaml `entry:`) -------------------------


def _reach(years: float, hours: float = 40.0, **kw):
    from analysis.pathways import where_next

    person = Person(setting_id="retail", held={"cpht"}, years_experience=years, hours_per_week=hours, **kw)
    return where_next(person, LOADED.profiles, CAT, {})


def test_experience_changes_what_is_within_reach_for_a_retail_cpht():
    """At 0 years at most half the other settings are within reach; at 3 years more are."""
    new, seasoned = _reach(0), _reach(3)
    met_new = {r.setting_id for r in new if r.within_reach}
    met_seasoned = {r.setting_id for r in seasoned if r.within_reach}
    assert len(met_new) <= len(new) / 2 and met_new < met_seasoned
    assert "nuclear" not in met_new and "nuclear" in met_seasoned
    nuclear = next(r for r in new if r.setting_id == "nuclear")
    assert nuclear.status == "not yet" and nuclear.missing == ()
    assert nuclear.entry_missing == ("12 more months of full-time pharmacy technician work",)
    assert nuclear.time_text == "Roughly 12 months (experience: about 12 months at 40 hours a week)"
    # Settings within reach come first, then the rest by rough time.
    flags = [r.within_reach for r in new]
    assert flags == sorted(flags, reverse=True)


def test_part_time_experience_counts_pro_rata_and_takes_longer_to_close():
    half = next(r for r in _reach(1, hours=20) if r.setting_id == "nuclear")  # six full-time months
    assert half.entry_missing == ("6 more months of full-time pharmacy technician work",)
    assert round(half.months) == 12 and "about 12 months at 20 hours a week" in half.time_text
    assert next(r for r in _reach(2, hours=20) if r.setting_id == "nuclear").within_reach


def test_training_on_the_job_is_never_a_gap_and_conditions_about_the_person_are_never_guessed():
    from analysis.pathways.entry import entry_checks

    for profile in LOADED.profiles:
        for years in (0, 10):
            for check in entry_checks(Person(years_experience=years, sterile_years=years), profile, CAT):
                if check.status in ("trained", "stated"):
                    assert not check.missing and check.months == 0
    va = entry_checks(Person(hs_diploma=False), PROFILES["federal-va"], CAT)
    assert [c.status for c in va] == ["missing", "stated", "stated", "stated"]
    assert any(c.text.startswith("citizenship:") for c in va if c.status == "stated")
    # The VA's earlier standard took a diploma instead of three months' work.
    assert entry_checks(Person(), PROFILES["federal-va"], CAT)[0].status == "met"
    federal = next(r for r in _reach(0) if r.setting_id == "federal-va")
    assert federal.within_reach and any("citizenship" in s for s in federal.stated)


def test_every_entry_condition_shown_has_its_evidence():
    from analysis.pathways.entry import entry_checks

    with_entry = [p for p in LOADED.profiles if p.entry]
    assert len(with_entry) == len(LOADED.profiles)  # every bundled setting says what entry usually needs
    for profile in with_entry:
        items = profile.entry.evidence_items()
        checks = entry_checks(Person(), profile, CAT)
        assert len(checks) == len(items)
        for item, check in zip(items, checks, strict=True):
            if item.source:
                src = CAT.sources[item.source]
                assert item.source in profile.sources and item.period
                assert check.evidence.startswith("Source: ") and src.title in check.evidence
            else:
                assert check.evidence == f"Judgement: {item.judgement}"


def test_the_plan_says_when_credentials_are_held_but_experience_is_not():
    p = plan(Person(setting_id="retail", held={"cpht"}), PROFILES["nuclear"], CAT)
    assert p.meets_setting and not p.ready and p.steps == ()
    assert p.summary == (
        "You hold the credentials Nuclear pharmacy asks for, but entry usually also needs more experience: "
        "12 more months of full-time pharmacy technician work."
    )
    assert plan(Person(held={"cpht"}, years_experience=1), PROFILES["nuclear"], CAT).ready


def test_home_infusion_counts_sterile_compounding_not_any_pharmacy_work():
    from analysis.pathways.entry import entry_checks

    retail_only = entry_checks(Person(years_experience=5), PROFILES["home-infusion"], CAT)[0]
    assert retail_only.status == "missing" and "sterile compounding" in retail_only.missing
    iv_room = entry_checks(Person(years_experience=2, sterile_years=1), PROFILES["home-infusion"], CAT)[0]
    assert iv_room.status == "met"


ENTRY_BASE = {"months": 12, "judgement": "a reason"}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"experience": [{"months": 12}]}, "needs a source id"),
        ({"experience": [{**ENTRY_BASE, "source": "bls-ooh-2023"}]}, "not both"),
        ({"experience": [{"months": 12, "source": "bls-ooh-2023"}]}, "needs its period and evidence"),
        ({"experience": [{**ENTRY_BASE, "period": "2024"}]}, "a judgement has its reason only"),
        ({"experience": [{**ENTRY_BASE, "months": 0}]}, "greater than or equal to 1"),
        ({"experience": [{**ENTRY_BASE, "months": "12"}]}, "valid integer"),
        ({"experience": [{**ENTRY_BASE, "kind": "inpatient-ish"}]}, "Input should be"),
        ({"trained_on_job": [{"judgement": "a reason"}]}, "text"),
        ({"conditions": [{"kind": "height", "text": "tall", "judgement": "r"}]}, "Input should be"),
        ({"experience": [{**ENTRY_BASE, "typo": 1}]}, "Extra inputs are not permitted"),
    ],
)
def test_bad_entry_blocks_are_rejected(entry, message):
    from analysis.loading.schema import Profile

    raw = yaml.safe_load((CREDENTIALS_PATH.parent.parent / "settings_profiles" / "nuclear.yaml").read_text())
    raw["entry"] = entry
    with pytest.raises(ValidationError, match=message):
        Profile.model_validate(raw)


def test_entry_sources_must_be_listed_and_programs_known():
    from analysis.loading.loader import check_profile

    raw = yaml.safe_load((CREDENTIALS_PATH.parent.parent / "settings_profiles" / "nuclear.yaml").read_text())
    raw["entry"] = {"experience": [{"months": 3, "source": "va-posting-pre2023", "period": "x", "evidence": "primary"}]}
    with pytest.raises(ValidationError, match="sources: facts cite va-posting-pre2023"):
        from analysis.loading.schema import Profile

        Profile.model_validate(raw)
    raw["entry"] = {"experience": [{"months": 3, "judgement": "r", "instead": "no-such-program"}]}
    profile, problems = check_profile(raw, "nuclear.yaml", "nuclear", CAT)
    assert profile is None and any("unknown program id 'no-such-program'" in p.message for p in problems)


def test_a_borrowed_pay_figure_is_labelled_as_the_nearest_industrys():
    from analysis.loading.frames import build_frames
    from analysis.pathways.reach import national_pay

    pay = national_pay(build_frames(LOADED.profiles, CAT).settings)
    for profile in LOADED.profiles:
        borrowed = profile.bls_industry.confidence in ("low", "none")
        assert pay[profile.id].borrowed == borrowed, profile.id
        assert ("nearest industry only" in pay[profile.id].text) == borrowed, profile.id
    assert pay["long-term-care"].borrowed and not pay["hospital"].borrowed
