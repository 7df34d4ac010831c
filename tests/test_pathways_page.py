"""The credential pathways page under AppTest: map, planner, renewal view, link state."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from analysis.links.plan import decode_plan, encode_plan
from analysis.paths import ROOT
from tests.apptest_helpers import open_page, shown

APP = str(ROOT / "app.py")


def open_pathways(**params: str) -> AppTest:
    return open_page("pathways", **params)


def steps(at: AppTest) -> list[str]:
    return [shown(m.value) for m in at.markdown if shown(m.value).startswith("**Step ")]


def test_credential_map_covers_every_setting_and_credential():
    at = open_pathways()
    heat = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert len(heat["x"]) == 10 and "CPhT" in heat["y"]
    labels = [e.label for e in at.expander if "PTCB" in e.label or "NHA" in e.label]
    assert len(labels) == 15
    text = "\n".join(shown(m.value) for m in at.markdown)
    assert "First-time fee: **$129**" in text  # CPhT, with its period next to it
    assert "PTCB refund policy (c. 2024-25)" in text


def test_student_to_hospital_starts_with_cpht():
    at = open_pathways()
    at.radio(key="plan_stage").set_value("student").run()
    at.selectbox(key="plan_to").set_value("hospital").run()
    found = steps(at)
    assert found[0].startswith("**Step 1: PTCB Certified Pharmacy Technician**")
    assert any("Sterile" in s and "Not yet eligible" in s for s in found)
    assert any("First-time fees in total" in shown(m.value) for m in at.markdown)
    text = "\n".join(shown(m.value) for m in at.markdown)
    assert "Fee: **$129** — PTCB refund policy (c. 2024-25) · PTCB Help Center" in text  # fee with period and source
    # The state caveat, with its dated figures.
    assert "Your state's rules come first" in [shown(h.value) for h in at.subheader]
    assert "**44 jurisdictions of 51**" in text and "March 2017" in text


def test_retail_cpht_moving_to_the_iv_room_is_told_what_is_missing():
    at = open_pathways()
    at.radio(key="plan_stage").set_value("working").run()
    at.selectbox(key="plan_from").set_value("retail").run()
    at.multiselect(key="held_credentials").set_value(["cpht"]).run()
    at.number_input(key="plan_years").set_value(2.0).run()
    at.selectbox(key="plan_to").set_value("hospital").run()
    found = steps(at)
    assert found[0].startswith("**Step 1: PTCB Certified Compounded Sterile Preparation Technician**")
    missing = "\n".join(shown(m.value) for m in at.markdown if shown(m.value).startswith("What is missing"))
    assert "sterile" in missing.lower()
    renew = "\n".join(shown(m.value) for m in at.markdown if "Renew every" in shown(m.value))
    assert "Renew every: **2 years**" in renew and "Renewal fee: **$55**" in renew  # the CPhT they hold


def test_planner_state_is_in_the_link_and_a_link_restores_it():
    at = open_pathways()
    at.radio(key="plan_stage").set_value("working").run()
    at.multiselect(key="held_credentials").set_value(["cpht", "cspt"]).run()
    at.number_input(key="plan_years").set_value(3.0).run()
    link = at.query_params["plan"]
    state, notices = decode_plan(link, ["hospital", "retail"], ["cpht", "cspt"], [])
    assert notices == [] and state["held"] == {"cpht", "cspt"} and state["years"] == 3.0
    again = open_pathways(plan=link)
    assert again.multiselect(key="held_credentials").value == ["cpht", "cspt"]
    assert again.number_input(key="plan_years").value == 3.0
    assert steps(again) == steps(at)


def test_a_tampered_plan_link_is_ignored_with_a_notice():
    at = open_pathways(plan="st.working~held.cpht+nope~yrs.-4~to.atlantis~zzz")
    assert at.multiselect(key="held_credentials").value == ["cpht"]
    assert any("could not use" in shown(i.value) and "nope" in shown(i.value) for i in at.info)


def test_encode_decode_round_trip():
    state = {"stage": "working", "setting": "retail", "target": "hospital", "held": {"cpht"},
             "programs": {"ptcb-recognized-program"}, "years": 2.5, "sterile": 0.5, "diploma": False}
    decoded, notices = decode_plan(encode_plan(state), ["retail", "hospital"], ["cpht"], ["ptcb-recognized-program"])
    assert notices == [] and decoded == state
