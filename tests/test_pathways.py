"""Credential pathways: eligibility from the catalog's `requires` rules, plan ordering, fees and renewal.

Realistic cases first (a student, a retail CPhT moving to the IV room, a hospital CPhT aiming for
CPhT-Adv), then properties over random people and targets, then the catalog checks that keep the
rules and the eligibility text in step.
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

from analysis.loading.loader import _check_facts, load_profiles
from analysis.paths import CREDENTIALS_PATH
from analysis.pathways import (
    PROGRAMS,
    PathwayExtras,
    Person,
    eligibility,
    order_ids,
    pathway_extras,
    plan,
    renewal_obligations,
    state_caveat,
)
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
    prerequisite_ids,
)

LOADED = load_profiles()
CAT = LOADED.catalogs
PROFILES = LOADED.by_id()
CREDS = CAT.credentials
CERTS = sorted(c.id for c in CREDS.values() if c.kind == ABC_KIND)
RAW = yaml.safe_load(CREDENTIALS_PATH.read_text(encoding="utf-8"))


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


# --- Realistic cases -----------------------------------------------------------------------


def test_new_student_targeting_hospital_starts_with_cpht_and_both_routes_explained():
    student = Person(stage="student", setting_id=None)
    p = plan(student, PROFILES["hospital"], CAT)
    ids = [s.credential.id for s in p.steps]
    assert ids[0] == "cpht"
    assert "cspt" in ids and ids.index("cpht") < ids.index("cspt")
    cpht = p.steps[0].eligibility
    assert not cpht.eligible
    joined = " ".join(cpht.missing)
    assert "PTCB-recognized education/training program" in joined
    assert "500 more hours" in joined
    assert {r.label for r in cpht.routes} == {r.label for r in CREDS["cpht"].requires.any_of}
    cspt = next(s for s in p.steps if s.credential.id == "cspt").eligibility
    assert not cspt.eligible
    assert cspt.missing[0] == "an active CPhT"  # shared by every route, so listed once, first
    assert any("12 more months" in m and "sterile compounding" in m for m in cspt.missing)
    assert any("36 more months" in m and "sterile compounding" in m for m in cspt.missing)


def test_student_who_finished_a_program_is_eligible_for_cpht_by_the_program_route():
    e = eligibility("cpht", Person(stage="student", completed_programs={"ptcb-recognized-program"}), CAT)
    assert e.eligible and e.route == "PTCB-recognized program route" and e.missing == []


def test_work_hours_route_counts_years_at_the_full_time_floor():
    assert not eligibility("cpht", Person(years_experience=0.25), CAT).eligible  # 390 h at 30 h/week
    assert eligibility("cpht", Person(years_experience=0.25, work_hours=520), CAT).eligible
    assert eligibility("cpht", Person(years_experience=0.33), CAT).eligible  # 514.8 h
    remaining = eligibility("cpht", Person(work_hours=380), CAT)
    assert any("120 more hours" in m for m in remaining.missing)


def test_retail_cpht_moving_to_the_iv_room_needs_sterile_experience_first():
    retail = Person(setting_id="retail", held={"cpht"}, years_experience=2, sterile_years=0)
    e = eligibility("cspt", retail, CAT)
    assert not e.eligible
    assert "an active CPhT" not in e.missing
    by_route = {r.label: r.missing for r in e.routes}
    program_route = by_route["sterile compounding program route"]
    assert any("sterile compounding education/training program" in m for m in program_route)
    assert any(m.startswith("12 more months") for m in program_route)
    assert by_route["experience-only route"] == [
        "36 more months of full-time, continuous sterile compounding (CSP) work within the last 8 years"
    ]
    # Two years of retail work do not count towards sterile compounding experience.
    p = plan(retail, PROFILES["hospital"], CAT)
    assert [s.credential.id for s in p.steps] == ["cspt"]
    assert "cpht" in p.already_held
    assert "about 12 more months of full-time sterile compounding" in p.steps[0].time_note
    # Half a year in the IV room after a sterile program leaves six months.
    later = dataclasses.replace(retail, sterile_years=0.5, completed_programs={"sterile-compounding-program"})
    assert eligibility("cspt", later, CAT).missing == [
        "either sterile compounding program route: "
        "6 more months of full-time, continuous sterile compounding (CSP) work",
        "or experience-only route: "
        "30 more months of full-time, continuous sterile compounding (CSP) work within the last 8 years",
    ]


def test_cpht_adv_routes():
    base = Person(setting_id="hospital", held={"cpht", *CERTS[:4]}, years_experience=3)
    four = eligibility("cpht-adv", base, CAT)
    assert four.eligible and four.route == "four-certificate route"
    three_plus_cspt = eligibility("cpht-adv", Person(held={"cpht", "cspt", *CERTS[:3]}, years_experience=3), CAT)
    assert three_plus_cspt.eligible and three_plus_cspt.route == "three certificates plus CSPT route"
    three = eligibility("cpht-adv", Person(held={"cpht", *CERTS[:3]}, years_experience=3), CAT)
    assert not three.eligible
    assert any("1 more PTCB assessment-based certificate" in m for m in three.missing)
    assert any("an active CSPT" in m for m in three.missing)  # the other way to close the gap
    short = eligibility("cpht-adv", dataclasses.replace(base, years_experience=2.5), CAT)
    assert short.missing == ["6 more months of pharmacy technician work within the last 8 years"]
    assert not eligibility("cpht-adv", dataclasses.replace(base, held=set(CERTS[:4])), CAT).eligible


def test_cspt_needs_an_active_cpht_whatever_the_experience():
    veteran = Person(held={"excpt"}, years_experience=4, sterile_years=4,
                     completed_programs={"sterile-compounding-program"})
    e = eligibility("cspt", veteran, CAT)
    assert not e.eligible and e.missing == ["an active CPhT"]
    assert eligibility("cspt", dataclasses.replace(veteran, held={"cpht"}), CAT).eligible


def test_certificate_work_route_is_shown_but_not_assumed():
    tech = Person(held={"cpht"}, years_experience=5)
    e = eligibility("abc-medication-history", tech, CAT)
    assert not e.eligible
    assert any("not in our sources" in m for m in e.missing)
    assert any("check PTCB's candidate guidebook" in c for c in e.caveats)
    trained = dataclasses.replace(tech, completed_programs={"ptcb-recognized-program"})
    assert eligibility("abc-medication-history", trained, CAT).eligible


def test_excpt_routes_include_a_ptcb_program_and_the_apprenticeship():
    programme = {"ptcb-recognized-program"}
    assert eligibility("excpt", Person(completed_programs=programme), CAT).eligible
    assert not eligibility("excpt", Person(completed_programs=programme, hs_diploma=False), CAT).eligible
    apprentice = Person(hs_diploma=False, completed_programs={"registered-apprenticeship"})
    assert eligibility("excpt", apprentice, CAT).eligible
    assert eligibility("excpt", Person(work_hours=1200), CAT).route == "supervised work route"


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
    assert [s.credential.id for s in p.steps] == ["cpht", "cspt"]
    assert p.steps[0].relevance is None and p.steps[0].why == "needed first for CSPT"
    adv = plan(Person(), with_profile_credentials("hospital", [("cpht-adv", "preferred"), (CERTS[0], "helpful")]), CAT,
               include_helpful=True)
    ids = [s.credential.id for s in adv.steps]
    assert ids == ["cpht", CERTS[0], "cpht-adv"]
    assert adv.steps[1].helpful_only and not adv.steps[2].helpful_only


def test_ties_follow_relevance():
    ids = {CERTS[0], CERTS[1], "excpt"}
    rank = {CERTS[0]: 3, CERTS[1]: 0, "excpt": 2}
    assert order_ids(ids, rank, CAT) == [CERTS[1], "excpt", CERTS[0]]


def test_fee_total_sums_catalog_figures_and_names_the_unpublished():
    p = plan(Person(stage="student"), PROFILES["hospital"], CAT)
    assert [s.credential.id for s in p.steps] == ["cpht", "cspt"]
    assert p.total_initial_fees.amount == fee("cpht") + fee("cspt") == 328
    assert p.total_initial_fees.text == "$328"
    assert p.total_initial_fees.unpublished == ()
    assert all(s.fee.period for s in p.steps)
    with_helpful = plan(Person(stage="student"), PROFILES["hospital"], CAT, include_helpful=True)
    expected = sum(fee(s.credential.id) for s in with_helpful.steps if s.fee.value is not None)
    assert with_helpful.total_initial_fees.amount == expected
    assert with_helpful.total_initial_fees.unpublished == ("ExCPT",)
    assert with_helpful.total_initial_fees.text.endswith("plus ExCPT fee: no published figure")
    assert next(s for s in with_helpful.steps if s.credential.id == "excpt").fee_text == "no published figure"


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
    assert {r.ref for r in cpht.requirements} >= {"cred.ptcb.cpht.ce_law", "cred.ptcb.cpht.ce_patient_safety"}
    assert all(r.period and r.source for r in cpht.requirements)
    assert "every 2 years" in cpht.text and "fee: $55" in cpht.text
    cspt = out["cspt"]
    assert cspt.cycle_years.value == ref["cred.ptcb.cspt.renewal_cycle"]["value"] == 1
    assert any("attestation" in r.label.lower() for r in cspt.requirements)
    assert cspt.ce_hours.is_gap and "CE: no published figure" in cspt.text


def test_state_caveat_is_dated_and_sourced():
    caveat = state_caveat(CAT)
    assert "board of pharmacy" in caveat.summary
    assert caveat.facts
    for f in caveat.facts:
        assert f.source in CAT.sources and f.period and f.ref and f.ref.startswith("state.")
    by_ref = {f.ref: f for f in caveat.facts}
    assert by_ref["state.require_registration_or_license.2017"].value == 44
    assert by_ref["state.require_registration_or_license.2017"].source == "ajhp-2018"


def test_program_lengths_feed_the_time_note_when_published():
    extras = PathwayExtras(program_lengths=(ProgramLength(
        education="ptcb-recognized-program", label="ASHP/ACPE entry-level program, minimum duration", value=8,
        unit="weeks", period="standards effective 2019", source="ashp-standards-blog", evidence="secondary",
        ref="cred.ashp.entry_weeks"),))
    p = plan(Person(stage="student"), PROFILES["hospital"], CAT, extras=extras)
    assert "minimum duration: 8 weeks (standards effective 2019)" in p.steps[0].time_note
    without = plan(Person(stage="student"), PROFILES["hospital"], CAT, extras=PathwayExtras())
    assert "no published figure" in without.steps[0].time_note
    bundled = plan(Person(stage="student"), PROFILES["hospital"], CAT)  # the catalog now carries the ASHP figures
    assert "400 hours (standards effective 2019)" in bundled.steps[0].time_note


people = st.builds(
    Person,
    stage=st.sampled_from(["student", "working"]),
    setting_id=st.sampled_from([None, *sorted(PROFILES)]),
    held=st.sets(st.sampled_from(sorted(CREDS))),
    years_experience=st.floats(0, 12, allow_nan=False),
    sterile_years=st.floats(0, 12, allow_nan=False),
    completed_programs=st.sets(st.sampled_from(PROGRAMS)),
    hs_diploma=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(person=people, target=st.sampled_from(sorted(PROFILES)), helpful=st.booleans(),
       extra=st.lists(st.tuples(st.sampled_from(sorted(CREDS)), st.sampled_from(["required", "preferred", "helpful"])),
                      max_size=4, unique_by=lambda t: t[0]))
def test_any_plan_puts_prerequisites_first(person, target, helpful, extra):
    profile = PROFILES[target]
    listed = [(u.id, u.relevance) for u in profile.credentials]
    profile = with_profile_credentials(target, listed + [t for t in extra if t[0] not in dict(listed)])
    p = plan(person, profile, CAT, include_helpful=helpful)
    ids = [s.credential.id for s in p.steps]
    assert len(ids) == len(set(ids))
    assert not set(ids) & person.held
    for i, cid in enumerate(ids):
        for pre in prerequisite_ids(CREDS[cid], CERTS):
            if pre in ids:
                assert ids.index(pre) < i, f"{pre} should come before {cid} in {ids}"
    wanted = {"required", "commonly-required", "preferred"} | ({"helpful"} if helpful else set())
    covered = {cid for cid in CREDS if set(CREDS[cid].accepted_instead_of) & person.held}  # e.g. ExCPT when CPhT is held
    assert {u.id for u in profile.credentials if u.relevance in wanted} - person.held - covered <= set(ids)
    for s in p.steps:  # every prerequisite needed on every route is either held or planned
        for pre in set.intersection(*[{c.credential for c in r.all_of if isinstance(c, CredentialCondition)}
                                      for r in s.credential.requires.any_of]):
            assert pre in person.held or pre in ids
    assert p.total_initial_fees.amount == sum(fee(i) for i in ids if CREDS[i].facts.initial_fee.value is not None)


@settings(max_examples=150, deadline=None)
@given(person=people, cid=st.sampled_from(sorted(CREDS)), more_years=st.floats(0, 5, allow_nan=False),
       more_held=st.sets(st.sampled_from(sorted(CREDS))), more_programs=st.sets(st.sampled_from(PROGRAMS)))
def test_more_experience_or_credentials_never_take_eligibility_away(person, cid, more_years, more_held, more_programs):
    richer = dataclasses.replace(person, years_experience=person.years_experience + more_years,
                                 sterile_years=person.sterile_years + more_years, held=person.held | more_held,
                                 completed_programs=person.completed_programs | more_programs)
    before, after = eligibility(cid, person, CAT), eligibility(cid, richer, CAT)
    if before.eligible:
        assert after.eligible
    assert before.eligible == (before.missing == [])


# --- The catalog: rules present, consistent with the text, validated -------------------------


def test_every_credential_has_a_requires_block():
    assert len(CREDS) == len(RAW["credentials"]) == 15
    for raw in RAW["credentials"]:
        assert raw.get("requires", {}).get("any_of"), raw["id"]
    broken = copy.deepcopy(RAW)
    del broken["credentials"][0]["requires"]
    with pytest.raises(ValidationError, match="requires"):
        CredentialCatalog.model_validate(broken)


def test_rules_reference_only_known_credentials():
    for cid in CREDS:
        for cond in conditions(cid):
            if isinstance(cond, CredentialCondition):
                assert cond.credential in CREDS and cond.credential != cid


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["credentials"][2]["requires"]["any_of"][0]["all_of"].__setitem__(0, {"credential": "cpht-typo"}),
     "unknown credential id 'cpht-typo'"),
    (lambda d: d["credentials"][0]["requires"]["any_of"][0]["all_of"].append({"credential": "cspt"}),
     "go round in a circle"),
    (lambda d: d["credentials"][1]["requires"]["any_of"][0]["all_of"].append({"certificates": 40}),
     "the catalog has 11"),
    (lambda d: d["credentials"][4]["requires"]["any_of"][0]["all_of"].append({"certificates": 1}),
     "cannot require other certificates"),
    (lambda d: d["credentials"][0]["requires"]["any_of"][0]["all_of"].append({"experience_months": None}),
     "needs a note"),
    (lambda d: d["credentials"][0]["requires"]["any_of"][0]["all_of"].append({"degree": "bsc"}),
     "a condition needs one of the keys"),
    (lambda d: d["credentials"][0]["requires"]["any_of"][0]["all_of"].append({"education": "phd"}),
     "education"),
])
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
}


def _years(months: int) -> str:
    return f"{months // 12} year" if months % 12 == 0 else f"{months} months"


@pytest.mark.parametrize("cid", sorted(CREDS))
def test_rules_agree_with_the_eligibility_text(cid):
    """Every number and every named credential or program in the rules appears in the cited text."""
    cred = CREDS[cid]
    text = str(cred.eligibility.value).lower()
    for cond in conditions(cid):
        if isinstance(cond, CredentialCondition):
            assert CREDS[cond.credential].short_name.lower() in text
        elif isinstance(cond, EducationCondition):
            assert KEYWORDS[cond.education].lower() in text
        elif isinstance(cond, HoursCondition):
            assert f"{cond.experience_hours:,}" in text or str(cond.experience_hours) in text
        elif isinstance(cond, ExperienceCondition):
            if cond.experience_months is None:
                assert "work-experience route" in text and "does not say" not in text
            else:
                assert _years(cond.experience_months) in text
        elif isinstance(cond, CertificatesCondition):
            assert f"{cond.certificates} " in text and "certificates" in text
        window = getattr(cond, "within_years", None)
        if window:
            assert f"{window} years" in text
    if "does not say" in text:  # the reference is silent on a work route: encode none, say so
        assert not any(isinstance(c, (ExperienceCondition, HoursCondition)) for c in conditions(cid))
        assert cred.requires.note and "not in our sources" in cred.requires.note


def test_new_catalog_facts_pass_the_reference_checks():
    """Until the loader checks renewal_requirements and the top-level sections itself (see the
    report), this applies its checks to them."""
    catalog = CredentialCatalog.model_validate(RAW)
    problems = _check_facts(catalog.extra_facts(), CAT.sources, CAT.reference, "credentials.yaml")
    for cred in catalog.credentials:
        problems += _check_facts(cred.all_facts(), CAT.sources, CAT.reference, "credentials.yaml", cred.id)
    assert problems == []
    extras = pathway_extras(CAT)
    assert extras.state_regulation is not None
    assert len(extras.state_regulation.facts) == len(catalog.state_regulation.facts)


def test_an_accepted_alternative_counts_as_held():
    """A CPhT holder is not told to get ExCPT (employers accept either), and the other way round."""
    va = PROFILES["federal-va"]
    for held, other in [({"cpht"}, "excpt"), ({"excpt"}, "cpht")]:
        steps = [s.credential.id for s in plan(Person(stage="working", held=held, years_experience=1), va, CAT).steps]
        assert other not in steps
    steps = [s.credential.id for s in plan(Person(stage="student"), va, CAT).steps]
    assert "cpht" in steps and "excpt" in steps  # neither held: both are listed, as alternatives
