"""The credential pathways page under AppTest: planner, where-next view, at-a-glance tables, renewals, link state."""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.links.plan import decode_plan, encode_plan
from analysis.loading.loader import load_profiles
from tests.apptest_helpers import open_page, shown


def open_pathways(**params: str) -> AppTest:
    return open_page("pathways", **params)


def steps(at: AppTest) -> list[str]:
    return [shown(m.value) for m in at.markdown if shown(m.value).startswith("**Step ")]


def table(at: AppTest, first_column: str):
    return next(df.value for df in at.dataframe if df.value.columns[0] == first_column)


def retail_cpht(at: AppTest, years: float = 2.0) -> AppTest:
    at.radio(key="plan_stage").set_value("working").run()
    at.selectbox(key="plan_from").set_value("retail").run()
    at.multiselect(key="held_credentials").set_value(["cpht"]).run()
    at.number_input(key="plan_years").set_value(years).run()
    return at


def cards(at: AppTest, title: str, first_field: str) -> pd.DataFrame:
    """The cards whose first line after the bold title is `first_field: …`, as rows (title column `title`)."""
    rows = []
    for m in at.markdown:
        lines = shown(m.value).split("  \n")
        if len(lines) > 1 and lines[0].startswith("**") and lines[1].startswith(f"{first_field}: "):
            fields = dict(line.split(": ", 1) for line in lines[1:])
            rows.append({title: lines[0].strip("*"), **fields})
    return pd.DataFrame(rows)


def test_credentials_at_a_glance_without_expanders():
    at = open_pathways()
    creds = cards(at, "Credential", "Issuer")
    assert list(creds["Credential"]) == [c.short_name for c in load_profiles().catalogs.credentials.values()]
    cpht = creds[creds["Credential"] == "CPhT"].iloc[0]
    assert cpht["First-time fee"] == "$129 (PTCB refund policy (c. 2024-25))"
    assert "500 hours of work" in cpht["Ways in"]
    programs = cards(at, "Program", "Leads to")
    entry = programs[programs["Leads to"] == "CPhT"].iloc[0]
    assert "8 weeks (standards effective 2019)" in entry["Length"] and "no published figure" in entry["Cost"]
    heat = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert len(heat["x"]) == len(load_profiles().profiles) and "CPhT" in heat["y"]
    # The list per setting that replaces the grid on a phone is rendered too (CSS picks one by width).
    lists = [
        shown(m.value)
        for m in at.markdown
        if shown(m.value).startswith("**Hospital (inpatient)**") and "Within reach:" not in shown(m.value)
    ]
    assert lists and "Commonly required: CPhT" in lists[0]


def test_student_to_retail_sees_one_either_or_step_with_both_fees():
    at = open_pathways()
    at.radio(key="plan_stage").set_value("student").run()
    at.selectbox(key="plan_to").set_value("retail").run()
    found = steps(at)
    assert len(found) == 1
    assert found[0].startswith("**Step 1: PTCB Certified Pharmacy Technician or NHA Certified Pharmacy Technician")
    text = "\n".join(shown(m.value) for m in at.markdown)
    assert "Fee (CPhT): **$129**" in text and "Fee (ExCPT, instead): **no published figure**" in text
    assert "**First-time fees in total:** $129 (the sum" in text
    assert "plus ExCPT" not in text


def test_retail_cpht_with_two_years_sees_what_is_within_reach():
    at = retail_cpht(open_pathways())
    reach = cards(at, "Setting", "Within reach")
    assert len(reach) == len(load_profiles().profiles) - 1 and "Retail / community pharmacy" not in set(
        reach["Setting"]
    )
    hospital = reach[reach["Setting"] == "Hospital (inpatient)"].iloc[0]
    assert hospital["Missing"] == "CSPT" and hospital["First-time fees"] == "$199"
    assert hospital["Rough time"].startswith("Roughly 12 months")
    assert hospital["Within reach"] == "not yet"
    # Farthest last: home infusion asks for the CSPT and a year of sterile compounding besides.
    assert reach.iloc[-1]["Setting"] == "Home infusion pharmacy"
    assert "12 more months of full-time sterile compounding (CSP) work" in reach.iloc[-1]["Missing"]
    clinic = reach[reach["Setting"] == "Ambulatory / outpatient clinic pharmacy"].iloc[0]
    assert clinic["Within reach"] == "already met" and clinic["Already met"] == "CPhT"
    assert "(national, May" in clinic["Median pay (national)"] and clinic["Pay difference"].endswith("a year")


def test_retail_cpht_planning_hospital_and_cpht_adv():
    at = retail_cpht(open_pathways(), years=4.0)
    at.selectbox(key="plan_to").set_value("hospital").run()
    assert steps(at)[0].startswith("**Step 1: PTCB Certified Compounded Sterile Preparation Technician**")
    at.multiselect(key="plan_goals").set_value(["cpht-adv"]).run()
    found = steps(at)
    assert found[-1].startswith(f"**Step {len(found)}: PTCB Advanced Certified Pharmacy Technician**")
    text = "\n".join(shown(m.value) for m in at.markdown)
    assert "**First-time fees in total:** $466" in text
    assert "chose the three certificates plus CSPT route" in text
    assert "Keeping everything active once held:" in text and "$75 in renewal fees" in text


def test_you_already_meet_it_is_said_plainly():
    at = retail_cpht(open_pathways())
    at.selectbox(key="plan_to").set_value("ambulatory-clinic").run()
    assert any(shown(s.value).startswith("You already meet what Ambulatory") for s in at.success)
    assert steps(at) == []


def test_renewals_tab_applies_the_cspt_with_cpht_rule():
    at = open_pathways()
    at.multiselect(key="held_credentials").set_value(["cpht", "cspt"]).run()
    text = "\n".join(shown(m.value) for m in at.markdown)
    assert "Over 2 years: $75 in renewal fees" in text
    events = table(at, "Year")
    assert list(events["Fee"]) == ["$20", "$55", "$0"]
    # The state caveat, with its dated figures.
    assert "Your state's rules come first" in [shown(h.value) for h in at.subheader]
    assert "**44 jurisdictions of 51**" in text and "March 2017" in text


def test_planner_state_is_in_the_link_and_a_link_restores_it():
    at = retail_cpht(open_pathways(), years=3.0)
    at.number_input(key="plan_hours").set_value(24.0).run()
    at.multiselect(key="plan_goals").set_value(["cpht-adv"]).run()
    at.checkbox(key="plan_helpful").check().run()
    link = at.query_params["plan"]
    state, notices = decode_plan(link, ["hospital", "retail"], ["cpht", "cpht-adv"], [])
    assert notices == [] and state["held"] == {"cpht"} and state["years"] == 3.0
    assert state["hours_per_week"] == 24.0 and state["goals"] == {"cpht-adv"} and state["helpful"] is True
    again = open_pathways(plan=link)
    assert again.multiselect(key="held_credentials").value == ["cpht"]
    assert again.number_input(key="plan_hours").value == 24.0
    assert again.checkbox(key="plan_helpful").value is True
    assert steps(again) == steps(at)
    assert cards(again, "Setting", "Within reach").equals(cards(at, "Setting", "Within reach"))


def test_a_tampered_plan_link_is_ignored_with_a_notice():
    at = open_pathways(plan="st.working~held.cpht+nope~yrs.-4~hpw.900~goal.x~to.atlantis~zzz")
    assert at.multiselect(key="held_credentials").value == ["cpht"]
    assert at.number_input(key="plan_hours").value == 40.0
    notice = next(shown(i.value) for i in at.info if "could not use" in shown(i.value))
    assert "nope" in notice and "hpw.900" in notice


def test_encode_decode_round_trip():
    state = {
        "stage": "working",
        "setting": "retail",
        "target": "hospital",
        "held": {"cpht"},
        "programs": {"ptcb-recognized-program"},
        "enrolled": {"sterile-compounding-program"},
        "goals": {"cpht"},
        "years": 2.5,
        "sterile": 0.5,
        "hours_per_week": 32.0,
        "gap": 1.0,
        "diploma": False,
        "helpful": True,
    }
    decoded, notices = decode_plan(
        encode_plan(state), ["retail", "hospital"], ["cpht"], ["ptcb-recognized-program", "sterile-compounding-program"]
    )
    assert notices == [] and decoded == state


def test_work_long_ago_counts_only_inside_each_window():
    """0.75 years at 40 hours (1,560 hours) last worked 5 years ago: not ExCPT-eligible, and the page says why."""
    at = open_pathways()
    at.radio(key="plan_stage").set_value("working").run()
    at.number_input(key="plan_years").set_value(0.75).run()
    at.multiselect(key="plan_goals").set_value(["excpt"]).run()
    step = next(s for s in steps(at) if "NHA Certified Pharmacy Technician" in s)
    assert "Not yet eligible" not in step  # working now: 1,560 hours inside the window
    at.number_input(key="plan_gap").set_value(5.0).run()
    step = next(s for s in steps(at) if "NHA Certified Pharmacy Technician" in s)
    assert "Not yet eligible" in step
    text = "\n".join(shown(c.value) for c in at.caption)
    assert "ExCPT: 0 of your hours fall within the last 3 years (it asks for 1,200)." in text
    assert "Counts only work within the last 3 years (you last worked 5 years ago)." in text


def test_a_lapsed_credential_is_not_held_and_its_reinstatement_rule_is_shown():
    at = retail_cpht(open_pathways(), years=4.0)
    at.selectbox(key="plan_to").set_value("hospital").run()
    assert steps(at)[0].startswith("**Step 1: PTCB Certified Compounded Sterile Preparation Technician**")
    at.multiselect(key="plan_lapsed").set_value(["cpht"]).run()
    found = steps(at)
    assert found[0].startswith("**Step 1: PTCB Certified Pharmacy Technician")  # needed again, before the CSPT
    text = "\n".join(shown(m.value) for m in at.markdown)
    assert "CPhT has lapsed. PTCB's rule for reinstating it: Reinstatement fee, within 1 year of expiry: $95" in text
    assert "Pharmacy law CE when reinstating: 2 hours" in text
    assert "what applies after that year is not in our sources" in text
    warnings = [shown(w.value) for w in at.warning]
    assert any(w.startswith("CPhT has lapsed.") for w in warnings)  # on the renewals tab too
    reach = cards(at, "Setting", "Within reach")
    assert "CPhT" not in set(reach["Already met"])  # a lapsed CPhT meets nothing
    link = at.query_params["plan"]
    assert "lap.cpht" in link
    again = open_pathways(plan=link)
    assert again.multiselect(key="plan_lapsed").value == ["cpht"]
    assert steps(again) == found


def test_nha_reinstatement_is_said_to_be_unpublished_and_bad_lapsed_values_are_dropped():
    at = open_pathways(plan="st.working~from.retail~held.excpt~lap.excpt+cpht+nope~to.retail")
    notice = next(shown(i.value) for i in at.info if "could not use" in shown(i.value))
    assert "nope" in notice and "lap.cpht" in notice  # not held in the link, so it cannot have lapsed
    assert at.multiselect(key="plan_lapsed").value == ["excpt"]
    warnings = [shown(w.value) for w in at.warning]
    assert "ExCPT has lapsed: NHA's rule for reinstating it is not in our sources; ask NHA." in warnings


def test_experience_changes_what_is_within_reach_and_each_entry_condition_has_its_evidence():
    at = retail_cpht(open_pathways(), years=0.0)
    new = cards(at, "Setting", "Within reach")
    reachable = set(new[new["Within reach"] != "not yet"]["Setting"])
    assert len(reachable) <= len(new) / 2
    nuclear = new[new["Setting"] == "Nuclear pharmacy"].iloc[0]
    assert nuclear["Within reach"] == "not yet"
    assert nuclear["Missing"] == "12 more months of full-time pharmacy technician work"
    assert nuclear["Rough time"] == "Roughly 12 months (experience: about 12 months at 40 hours a week)"
    for needs in new["Entry usually needs"]:
        for line in needs.split(" | "):
            assert "Source: " in line or "Judgement: " in line, line
    federal = new[new["Setting"] == "Federal / VA pharmacy"].iloc[0]
    assert (
        "citizenship: " in federal["Entry usually needs"]
        and "a condition to check yourself" in federal["Entry usually needs"]
    )
    at.number_input(key="plan_years").set_value(3.0).run()
    seasoned = cards(at, "Setting", "Within reach")
    assert reachable < set(seasoned[seasoned["Within reach"] != "not yet"]["Setting"])
    assert seasoned[seasoned["Setting"] == "Nuclear pharmacy"].iloc[0]["Within reach"] == "already met"
    caption = " ".join(shown(c.value) for c in at.caption)
    assert "“Within reach” means every condition we can check is met" in caption


def test_the_plan_lists_what_entry_usually_needs_with_its_evidence():
    at = retail_cpht(open_pathways(), years=0.0)
    at.selectbox(key="plan_to").set_value("nuclear").run()
    assert not at.success and steps(at) == []
    text = "\n".join(shown(m.value) for m in at.markdown)
    assert "You hold the credentials Nuclear pharmacy asks for, but entry usually also needs more experience" in text
    assert "**Entry usually needs** (besides credentials):" in text
    assert "- trained on the job: Radiation-safety training" in text and "Judgement: " in text
    at.number_input(key="plan_years").set_value(1.0).run()
    assert any(shown(s.value).startswith("You already meet what Nuclear pharmacy") for s in at.success)
