"""Variety of workplaces: a rating added after profiles were first written. Every bundled setting is rated on it;
a profile written before it (an older upload) still loads, and every page shows it as not rated."""

from __future__ import annotations

import math

import yaml

from analysis.loading.frames import build_frames
from analysis.loading.loader import load_profiles
from analysis.loading.schema import RATING_DIMENSIONS
from analysis.paths import PROFILES_DIR
from analysis.presentation import charts
from tests.apptest_helpers import open_page, shown, upload_box
from tests.data import LOADED, PROFILES

HOSPITAL_TEXT = (PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8")


def older_hospital(profile_id: str = "older-hospital", name: str = "Older Hospital") -> dict:
    """The hospital profile as it was before the dimension existed, under an id and names of its own."""
    doc = yaml.safe_load(HOSPITAL_TEXT)
    doc["ratings"].pop("workplace_variety")
    doc.update(id=profile_id, name=name, short_name=name.split()[0])
    return doc


def test_the_dimension_is_last_and_every_bundled_setting_is_rated_with_a_reason():
    assert list(RATING_DIMENSIONS)[-1] == "workplace_variety"
    scores = {sid: p.ratings.workplace_variety.score for sid, p in PROFILES.items()}
    assert len(scores) == 13
    assert scores["agency-travel"] == 5 and max(v for k, v in scores.items() if k != "agency-travel") <= 2
    assert PROFILES["agency-travel"].ratings.workplace_variety.sources  # assignments elsewhere: sourced
    assert all(p.ratings.workplace_variety.reason for p in PROFILES.values())


def test_a_profile_written_before_the_dimension_loads(tmp_path):
    (tmp_path / "older-hospital.yaml").write_text(yaml.safe_dump(older_hospital(), sort_keys=False), "utf-8")
    result = load_profiles([tmp_path])
    assert result.problems == ()
    older = next(p for p in result.profiles if p.id == "older-hospital")
    assert older.ratings.workplace_variety is None
    assert "ratings.workplace_variety" not in older.evidence_sources()
    frames = build_frames(result.profiles, result.catalogs)
    ratings = frames.ratings
    row = ratings[(ratings.setting_id == "older-hospital") & (ratings.dimension == "workplace_variety")]
    assert len(row) == 1 and math.isnan(row["score"].iloc[0])  # an empty cell, never a zero


def test_charts_and_differences_leave_an_unrated_setting_empty_and_say_so(tmp_path):
    (tmp_path / "older-hospital.yaml").write_text(yaml.safe_dump(older_hospital(), sort_keys=False), "utf-8")
    result = load_profiles([PROFILES_DIR, tmp_path])
    frames = build_frames(result.profiles, result.catalogs)
    names = {"older-hospital": "Older Hospital", "agency-travel": "Agency and travel technician"}
    chosen = frames.ratings[frames.ratings.setting_id.isin(names)]
    chart = charts.ratings_chart(chosen, names)
    older = chart.figure.data[0]
    assert older.x[-1] is None and older.x[0] == PROFILES["hospital"].ratings.patient_contact.score
    assert list(older.customdata[-1]) == ["Older Hospital", "not rated"]
    written = dict(chart.details)["Variety of workplaces"]
    assert written[0] == "Older Hospital: not rated" and written[1].startswith("Agency and travel technician 5/5: ")
    table = chart.data.set_index(["setting", "dimension"])
    assert table.loc[("Older Hospital", "Variety of workplaces"), "reason"] == "not rated"
    assert table["score"].isna().sum() == 1
    diff = charts.differences(frames.settings, frames.ratings, frames.schedule, names).set_index("dimension")
    row = diff.loc["Variety of workplaces (editorial, 1–5)"]
    assert row["Older Hospital"] == "not rated" and row["Agency and travel technician"] == "5/5"
    assert row["difference"] == "not rated"
    assert diff.loc["Patient / customer contact (editorial, 1–5)", "Older Hospital"].endswith("/5")


def upload_older(at):
    text = yaml.safe_dump(older_hospital("riverside-hospital", "Riverside Hospital"), sort_keys=False)
    upload_box(at).upload("riverside-hospital.yaml", text.encode(), "application/x-yaml").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def open_with_older_upload(page: str, param: str, value: str):
    """The older profile uploaded, then `page` opened with the link parameter that picks it."""
    at = upload_older(open_page())
    at.switch_page(f"app_pages/{page}.py")
    at.query_params[param] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_detail_shows_an_older_upload_as_not_rated():
    at = open_with_older_upload("detail", "setting", "riverside-hospital")
    assert at.selectbox(key="detail_id").value == "riverside-hospital"
    text = shown("\n".join(m.value for m in at.markdown))
    assert "- **Variety of workplaces:** not rated *(1 = one workplace, every day, 5 = a new workplace" in text
    assert f"**Patient / customer contact: {PROFILES['hospital'].ratings.patient_contact.score}/5**" in text


def test_compare_shows_an_older_upload_beside_a_rated_setting():
    at = open_with_older_upload("compare", "settings", "riverside-hospital,agency-travel")
    assert at.multiselect(key="compare_ids").value == ["riverside-hospital", "agency-travel"]
    at.session_state["compare_all_rows"] = True  # the dimensions after the widest four
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    rest = shown(next(e for e in at.expander if e.label.startswith("The other")).markdown[0].value)
    assert "**Variety of workplaces (editorial, 1–5)** — not rated" in rest
    assert "Riverside **not rated** · Agency / travel **5/5**" in rest
    at.session_state["compare_tab"] = "Ratings (editorial)"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    written = shown("\n".join(m.value for m in at.markdown))
    assert "Riverside: not rated" in written  # every reason written out under the chart
    assert len(at.get("plotly_chart")) == 1


def test_the_quiz_scores_an_unrated_profile_on_its_other_answers_and_says_it_is_not_rated():
    from analysis.loading.schema import Profile
    from analysis.quiz import dimension_values, load_quiz, score

    quiz = load_quiz()
    older = Profile.model_validate(older_hospital())
    profiles = [*LOADED.profiles, older]
    values = dimension_values(profiles, LOADED.catalogs.national, quiz)
    assert math.isnan(values.at["older-hospital", "rating:workplace_variety"])
    names = {p.id: p.name for p in profiles}
    variety = next(q for q in quiz.questions if q.id == "variety")
    result = score(quiz, values, names, {"variety": 0, "patient_contact": 0})
    older_result = next(r for r in result.ranking if r.setting_id == "older-hospital")
    assert [c.question_id for c in older_result.contributions] == ["patient_contact"]
    assert older_result.skipped == [
        f"{variety.subject[:1].upper() + variety.subject[1:]} not counted: Older Hospital is not rated for it (its "
        "profile has no such rating), so it is scored on your other answers."
    ]
