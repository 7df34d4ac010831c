"""Figure builders as plain functions: traces, values, and how gaps are drawn."""

from __future__ import annotations

import pytest

from analysis.loading.frames import build_frames
from analysis.loading.loader import load_profiles
from analysis.loading.oews import industry_row, load_national_trend, load_oews
from analysis.presentation import figures

RESULT = load_profiles()
FRAMES = build_frames(RESULT.profiles, RESULT.catalogs)
BY_ID = RESULT.by_id()
NATIONAL = RESULT.catalogs.national.median_wage_annual


def names(*ids: str) -> dict[str, str]:
    return {i: BY_ID[i].short_name for i in ids}


def trace(chart, name):
    return next(t for t in chart.figure.data if t.name == name)


def test_pay_chart_draws_ranges_medians_and_labels_the_nearest_industry():
    chosen = names("retail", "hospital", "nuclear")
    chart = figures.pay_chart(FRAMES.wages[FRAMES.wages.setting_id.isin(chosen)], chosen, NATIONAL, RESULT.catalogs.sources)
    table = load_oews()
    retail, hospital = industry_row(table, "44--46"), industry_row(table, "622100")
    rng = trace(chart, "10th–90th percentile")
    assert list(rng.x[:2]) == [retail["annual_p10"], retail["annual_p90"]]
    assert len(rng.x) == 9  # every one of the three publishes a range now
    median = trace(chart, "Median")
    assert dict(zip(median.y, median.x)) == {"Retail": retail["annual_median"], "Hospital": hospital["annual_median"]}
    nearest = trace(chart, "Median of the nearest industry (loose fit)")
    assert list(nearest.y) == ["Nuclear"] and nearest.x[0] == industry_row(table, "456110")["annual_median"]
    assert nearest.marker.symbol != median.marker.symbol  # told apart by shape, not colour alone
    assert "nearest BLS industry: Pharmacies and Drug Retailers" in nearest.hovertext[0]
    national = industry_row(table, "000000")["annual_median"]
    assert any(f"National median ${national:,.0f} (May 2025)" == t.name for t in chart.figure.data)
    assert "No BLS industry fits Nuclear well" in chart.summary
    low = industry_row(table, "456110")["annual_median"]  # below retail's and hospital's, so named as lowest
    assert f"lowest: Nuclear (${low:,.0f}, nearest industry)" in chart.summary
    assert "Nuclear: Pharmacies and Drug Retailers (456110) (nearest only)" in chart.caption
    assert "General Medical and Surgical Hospitals (622100)" in chart.caption and "May 2025" in chart.caption


def test_pay_chart_labels_a_gap_and_never_draws_a_zero():
    chosen = names("retail", "nuclear")
    wages = FRAMES.wages[FRAMES.wages.setting_id.isin(chosen)].copy()
    wages.loc[wages.setting_id == "nuclear", "value"] = float("nan")  # an uploaded profile with no figures
    chart = figures.pay_chart(wages, chosen, NATIONAL, RESULT.catalogs.sources)
    assert list(trace(chart, "No published figure").y) == ["Nuclear"]
    assert 0 not in trace(chart, "Median").x
    assert "No published pay figure for Nuclear" in chart.summary


def test_pay_chart_hourly_divides_by_2080():
    chosen = names("federal-va", "retail")
    chart = figures.pay_chart(FRAMES.wages[FRAMES.wages.setting_id.isin(chosen)], chosen, NATIONAL, RESULT.catalogs.sources,
                              hourly=True)
    federal = industry_row(load_oews(), "999100")["annual_median"]
    assert trace(chart, "Median").x[0] == pytest.approx(federal / 2080)
    assert "÷ 2,080" in chart.figure.layout.xaxis.title.text


def test_pay_trend_chart_shows_three_releases_from_the_national_files():
    trend = load_national_trend()
    chart = figures.pay_trend_chart(trend, RESULT.catalogs.sources)
    median = trace(chart, "Median")
    assert list(median.x) == ["May 2023", "May 2024", "May 2025"]
    assert median.y[-1] == industry_row(load_oews(), "000000")["annual_median"]
    assert "not adjusted for inflation" in chart.caption and "May 2023, May 2024, May 2025" in chart.caption
    assert "May 2023" in chart.summary and "May 2025" in chart.summary


def test_ratings_chart_has_one_trace_per_setting_with_reasons():
    chosen = names("hospital", "industry-pbm")
    chart = figures.ratings_chart(FRAMES.ratings[FRAMES.ratings.setting_id.isin(chosen)], chosen)
    assert [t.name for t in chart.figure.data] == ["Hospital", "PBM / insurance"]
    hospital = chart.figure.data[0]
    assert list(hospital.x) == [getattr(BY_ID["hospital"].ratings, d).score for d in
                                ["patient_contact", "pace_pressure", "physical_demand", "technical_complexity",
                                 "schedule_predictability", "night_weekend_exposure", "autonomy", "teamwork",
                                 "advancement", "entry_barrier", "benefits_security", "early_starts"]]
    assert hospital.customdata[0] == BY_ID["hospital"].ratings.patient_contact.reason
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
    table = load_oews()
    hospital, federal = industry_row(table, "622100")["annual_median"], industry_row(table, "999100")["annual_median"]
    assert wage["Hospital"] == f"${hospital:,.0f} (May 2025)" and wage["Federal / VA"] == f"${federal:,.0f} (May 2025)"
