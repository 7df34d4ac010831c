"""Figure builders as plain functions: traces, values, and how gaps are drawn."""

from __future__ import annotations

import pytest

from analysis.presentation import figures
from analysis.loading.frames import build_frames
from analysis.loading.loader import load_profiles

RESULT = load_profiles()
FRAMES = build_frames(RESULT.profiles, RESULT.catalogs)
BY_ID = RESULT.by_id()
NATIONAL = RESULT.catalogs.national.median_wage_annual


def names(*ids: str) -> dict[str, str]:
    return {i: BY_ID[i].short_name for i in ids}


def trace(chart, name):
    return next(t for t in chart.figure.data if t.name == name)


def test_pay_chart_draws_ranges_medians_and_labelled_gaps():
    chosen = names("retail", "hospital", "nuclear")
    chart = figures.pay_chart(FRAMES.wages[FRAMES.wages.setting_id.isin(chosen)], chosen, NATIONAL, RESULT.catalogs.sources)
    retail = BY_ID["retail"].facts
    rng = trace(chart, "10th–90th percentile")
    assert list(rng.x[:2]) == [retail.wage_p10_annual.value, retail.wage_p90_annual.value]
    assert list(rng.y[:2]) == ["retail", "retail"] and len(rng.x) == 3  # hospital publishes no percentiles
    median = trace(chart, "Median")
    assert dict(zip(median.y, median.x)) == {"retail": 38630, "hospital": 49310}
    gap = trace(chart, "No published figure")
    assert list(gap.y) == ["nuclear"] and 0 not in median.x  # a gap is a label, never a zero
    axis = chart.figure.layout.yaxis
    assert dict(zip(axis.tickvals, axis.ticktext)) == {"retail": "Retail", "hospital": "Hospital", "nuclear": "Nuclear"}
    assert any("National median $43,460 (May 2024)" == t.name for t in chart.figure.data)
    assert "No published pay figure for Nuclear" in chart.summary
    assert "Only a median is published for Hospital" in chart.summary
    assert "May 2024" in chart.caption and chart.alt


def test_pay_chart_hourly_divides_by_2080():
    chosen = names("federal-va", "retail")
    chart = figures.pay_chart(FRAMES.wages[FRAMES.wages.setting_id.isin(chosen)], chosen, NATIONAL, RESULT.catalogs.sources,
                              hourly=True)
    assert trace(chart, "Median").x[0] == pytest.approx(60430 / 2080)
    assert "÷ 2,080" in chart.figure.layout.xaxis.title.text


def test_ratings_chart_has_one_trace_per_setting_with_reasons():
    chosen = names("hospital", "industry-pbm")
    chart = figures.ratings_chart(FRAMES.ratings[FRAMES.ratings.setting_id.isin(chosen)], chosen)
    assert [t.name for t in chart.figure.data] == ["Hospital", "PBM / insurance"]
    hospital = chart.figure.data[0]
    assert list(hospital.x) == [getattr(BY_ID["hospital"].ratings, d).score for d in
                                ["patient_contact", "pace_pressure", "physical_demand", "technical_complexity",
                                 "schedule_predictability", "night_weekend_exposure", "autonomy", "teamwork",
                                 "advancement", "entry_barrier"]]
    assert list(hospital.customdata[0]) == ["Hospital", BY_ID["hospital"].ratings.patient_contact.reason]
    assert chart.figure.data[0].marker.pattern.shape != chart.figure.data[1].marker.pattern.shape  # not colour alone
    assert "Editorial" in chart.caption


def test_schedule_heatmap_writes_the_frequency_in_each_cell():
    chosen = names("hospital", "industry-pbm")
    chart = figures.schedule_chart(FRAMES.schedule[FRAMES.schedule.setting_id.isin(chosen)], chosen)
    heat = chart.figure.data[0]
    assert list(heat.x) == ["Nights", "Weekends", "Holidays", "On-call"]
    assert heat.text[0][0] == BY_ID["hospital"].schedule.nights
    assert heat.texttemplate == "%{text}"


def test_tasks_chart_stacks_to_100_for_each_setting():
    chosen = names("hospital", "retail", "nuclear")
    chart = figures.tasks_chart(FRAMES.tasks[FRAMES.tasks.setting_id.isin(chosen)], chosen)
    totals = [sum(t.x[i] for t in chart.figure.data) for i in range(3)]
    assert totals == [100, 100, 100]
    assert chart.figure.layout.barmode == "stack"


def test_credential_matrix_and_differences_table():
    chosen = names("hospital", "federal-va")
    chart = figures.credential_chart(FRAMES.credentials, chosen)
    heat = chart.figure.data[0]
    row = list(heat.y).index("CPhT")
    assert heat.text[row][1] == "commonly required"  # VA's 2023 standard, above entry grades
    diff = figures.differences(FRAMES.settings, FRAMES.ratings, FRAMES.schedule, chosen)
    assert list(diff["spread"]) == sorted(diff["spread"], reverse=True)
    wage = diff[diff["dimension"] == "Median annual wage (BLS)"].iloc[0]
    assert all(d.endswith("(editorial)") for d in diff["dimension"] if "wage" not in d)
    assert wage["Hospital"] == "$49,310 (May 2024)" and wage["Federal / VA"] == "$60,430 (May 2024)"
