"""Pay from the imported May 2025 OEWS table: every setting's figures point into it, the loader checks
each pointer, the national headline and trend agree with BLS's own files, and citations name the industry."""

from __future__ import annotations

import copy
import csv
import io
from dataclasses import replace

import pytest
import yaml
from pypdf import PdfReader

from analysis.loading.frames import build_frames
from analysis.loading.loader import check_profile, load_profiles
from analysis.loading.oews import (
    NUMBER_COLUMNS,
    OewsTable,
    industry_row,
    load_national_trend,
    load_oews,
    load_provenance,
)
from analysis.loading.schema import NO_FIGURE, WAGE_FACTS
from analysis.paths import OEWS_TREND_PATH, PROFILES_DIR, REFERENCE_PATH
from analysis.periods import day_text
from analysis.presentation.facts import citation, industry_mapping, pay_label
from analysis.presentation.provenance import provenance_lines
from analysis.presentation.summary_pdf import build_summary_pdf
from analysis.quiz import dimension_values, load_quiz, score

RESULT = load_profiles()
CATALOGS = RESULT.catalogs
TABLE = load_oews()
HOSPITAL = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))


def problems_for(change, catalogs=CATALOGS) -> list:
    doc = copy.deepcopy(HOSPITAL)
    change(doc)
    profile, problems = check_profile(doc, "hospital.yaml", "hospital", catalogs)
    assert profile is None, "a profile with a bad pay pointer must not load"
    return problems


def fields(problems) -> dict[str, str]:
    return {p.field: p.message for p in problems}


# --- Every bundled setting ------------------------------------------------------------------------


def test_every_setting_shows_pay_with_percentiles_employment_and_rse_from_the_table():
    assert len(RESULT.profiles) >= 13 and not RESULT.problems
    for p in RESULT.profiles:
        code = p.bls_industry.naics
        row = industry_row(TABLE, code)
        assert row is not None, f"{p.id}: industry {code} is not in the imported table"
        for key, column in [
            *zip(WAGE_FACTS, ["annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"], strict=False),
            ("employment", "employment"),
            ("employment_rse", "employment_rse"),
            ("wage_rse", "wage_rse"),
        ]:
            fact = getattr(p.facts, key)
            assert fact is not None and fact.value == row[column], f"{p.id}: {key}"
            assert fact.oews == f"M2025/{code}/{column}" and fact.period == "May 2025" and fact.evidence == "primary"


def test_loose_fits_are_labelled_as_the_nearest_industry_with_a_reason():
    loose = [p for p in RESULT.profiles if p.bls_industry.confidence in ("low", "none")]
    assert {"long-term-care", "mail-order", "specialty-pharmacy", "nuclear"} <= {p.id for p in loose}
    for p in loose:
        text = industry_mapping(p.bls_industry)
        assert text.startswith("Nearest published BLS industry") and "loose fit" in text
        assert p.facts.median_wage_annual.value is not None  # a labelled nearest figure, not an empty chart
        # Its share of all jobs would describe drugstores, not this setting: left out, with the reason.
        assert p.facts.employment_share.value is None and "overstate" in p.facts.employment_share.note
        assert pay_label(p.bls_industry) == "Median pay (nearest industry, a loose fit)"
    close = next(p for p in RESULT.profiles if p.id == "hospital")
    assert industry_mapping(close.bls_industry).startswith("Closest published BLS industry")
    assert pay_label(close.bls_industry) == "Median pay"


def test_clinic_pay_is_the_whole_ambulatory_sector_with_its_parts_beside_it():
    """No one ambulatory industry is the clinic pharmacy: the headline is the sector, and the two big parts
    (physicians' offices; outpatient care centers, whose HMO medical centers pay the most) sit beside it."""
    clinic = RESULT.by_id()["ambulatory-clinic"]
    assert clinic.bls_industry.naics == "621000" and clinic.bls_industry.confidence == "medium"
    sector, centers = industry_row(TABLE, "621000"), industry_row(TABLE, "621400")
    assert clinic.facts.median_wage_annual.value == sector["annual_median"]
    assert clinic.facts.median_wage_annual.value < centers["annual_median"], "the top-paying part is not the headline"
    parts = {f.oews: f.value for f in clinic.other_facts}
    for code in ("621100", "621400"):
        row = industry_row(TABLE, code)
        assert parts[f"M2025/{code}/annual_median"] == row["annual_median"]
        assert parts[f"M2025/{code}/employment"] == row["employment"]
    assert "HMO medical centers" in clinic.bls_industry.note and "offices of physicians" in clinic.bls_industry.note


def test_a_sector_mixing_store_types_is_not_a_high_fit():
    retail = RESULT.by_id()["retail"]
    medians = {f.oews.split("/")[1]: f.value for f in retail.other_facts if f.oews and f.oews.endswith("annual_median")}
    assert medians["455000"] - medians["456110"] > 5000  # general merchandise vs drugstores: the mix matters
    assert retail.bls_industry.confidence == "medium" and "why the fit is medium" in retail.bls_industry.note


def test_specialty_note_counts_each_workplace_by_its_own_activity():
    note = RESULT.by_id()["specialty-pharmacy"].bls_industry.note
    assert "counted with their owner" not in note and "by its own activity, not by who owns it" in note


def test_new_settings_have_their_own_industries():
    by_id = RESULT.by_id()
    assert by_id["pharma-manufacturing"].bls_industry.naics == "325400"
    assert by_id["home-infusion"].bls_industry.naics == "621600"
    assert by_id["agency-travel"].bls_industry.naics == "561320"
    for pid in ("pharma-manufacturing", "home-infusion", "agency-travel"):
        p = by_id[pid]
        assert p.ratings.benefits_security.reason and p.ratings.early_starts.reason
        assert "bls-oews-2025" in p.sources and len(p.sources) >= 3


def test_employment_share_is_computed_from_the_table():
    hospital = RESULT.by_id()["hospital"].facts.employment_share
    expected = round(100 * industry_row(TABLE, "622100")["employment"] / industry_row(TABLE, "000000")["employment"], 1)
    assert hospital.value == expected and "Computed here" in hospital.note


# --- The loader checks each pointer against the table ----------------------------------------------------


def test_a_pay_figure_that_differs_from_the_table_is_refused():
    def change(d):
        d["facts"]["wage_p90_annual"]["value"] += 10

    msg = fields(problems_for(change))["facts.wage_p90_annual.value"]
    assert f"{industry_row(TABLE, '622100')['annual_p90']:.0f}" in msg and "OEWS table" in msg


def test_a_pointer_to_another_release_is_refused():
    def change(d):
        d["facts"]["median_wage_annual"]["oews"] = "M2024/622100/annual_median"

    assert "the imported OEWS table is May 2025" in fields(problems_for(change))["facts.median_wage_annual.oews"]


def test_a_pointer_to_an_unknown_industry_or_column_is_refused():
    def industry(d):
        d["other_facts"][0]["oews"] = "M2025/999999/annual_median"

    def column(d):
        d["other_facts"][0]["oews"] = "M2025/622000/annual_mode"

    assert "industry 999999 is not in" in fields(problems_for(industry))["other_facts[0].oews"]
    assert "column 'annual_mode'" in fields(problems_for(column))["other_facts[0].oews"]


def test_a_setting_figure_for_a_different_industry_is_refused():
    def change(d):
        d["facts"]["median_wage_annual"]["oews"] = "M2025/622000/annual_median"
        d["facts"]["median_wage_annual"]["value"] = int(industry_row(TABLE, "622000")["annual_median"])

    messages = " ".join(p.message for p in problems_for(change))
    assert "bls_industry.naics is 622100" in messages


def test_a_wrong_period_or_a_number_bls_did_not_publish_is_refused():
    def period(d):
        d["facts"]["median_wage_annual"]["period"] = "May 2024"

    def unpublished(d):  # BLS released no employment figure for wholesale agents and brokers (footnote 8)
        d["other_facts"][0].update(oews="M2025/425000/employment", value=120, unit="jobs")

    assert "release 'May 2025'" in fields(problems_for(period))["facts.median_wage_annual.period"]
    assert "did not publish" in fields(problems_for(unpublished))["other_facts[0].value"]


def test_a_gap_where_the_table_publishes_a_figure_is_refused():
    def change(d):
        d["facts"]["wage_p10_annual"] = {
            "value": None,
            "unit": "USD/year",
            "oews": "M2025/622100/annual_p10",
            "note": "no published figure",
        }

    assert "the OEWS table publishes" in fields(problems_for(change))["facts.wage_p10_annual.value"]


def test_without_the_table_every_pointer_is_a_clear_problem():
    empty = replace(CATALOGS, oews=OewsTable({}, "", ""))
    msg = fields(problems_for(lambda d: None, empty))["facts.median_wage_annual.oews"]
    assert "python -m analysis.oews_import" in msg


# --- National headline, trend and reference facts ------------------------------------------------------


def test_national_headline_is_may_2025_from_the_table():
    national = CATALOGS.national
    row = industry_row(TABLE, "000000")
    assert national.median_wage_annual.period == "May 2025"
    assert national.median_wage_annual.value == row["annual_median"]
    assert (national.wage_p10_annual.value, national.wage_p90_annual.value) == (row["annual_p10"], row["annual_p90"])
    assert national.employment.value == row["employment"]
    assert national.projected_growth.period == "2024-34" and national.openings_per_year.period == "2024-34 average"


def test_trend_file_agrees_with_the_table_and_the_previous_headline():
    trend = load_national_trend()
    assert list(trend["release"]) == ["May 2023", "May 2024", "May 2025"]
    latest, row = trend.iloc[-1], industry_row(TABLE, "000000")
    for column in NUMBER_COLUMNS:
        assert latest[column] == pytest.approx(row[column]), column
    previous = CATALOGS.national.median_wage_annual_previous
    assert previous.period == "May 2024" and previous.value == trend.iloc[1]["annual_median"]


def test_reference_facts_marked_primary_match_the_bls_national_files():
    trend = {r["release"]: r for r in csv.DictReader(OEWS_TREND_PATH.open(encoding="utf-8"))}
    confirmed = [r for r in yaml.safe_load(REFERENCE_PATH.read_text(encoding="utf-8")) if r.get("confirmed_by")]
    assert len(confirmed) >= 10
    for row in confirmed:
        column = row["confirmed_by"].split("(")[1].split(")")[0]
        assert row["evidence"] == "primary"
        assert float(row["value"]) == pytest.approx(float(trend[row["period"]][column])), row["id"]


# --- What a reader sees -----------------------------------------------------------------------------


def test_citation_names_the_release_and_the_industry():
    hospital = RESULT.by_id()["hospital"].facts.median_wage_annual
    text = citation(hospital, CATALOGS.sources)
    assert text.startswith("BLS OEWS, May 2025 · General Medical and Surgical Hospitals")
    assert citation(CATALOGS.national.median_wage_annual, CATALOGS.sources).startswith(
        "BLS OEWS, May 2025 · all industries"
    )


def test_frames_carry_the_industry_beside_each_pay_figure():
    frames = build_frames(RESULT.profiles, CATALOGS)
    wages = frames.wages
    assert not wages["is_gap"].any()
    ltc = wages[(wages["setting_id"] == "long-term-care") & (wages["percentile"] == 50)].iloc[0]
    assert ltc["industry"] == "Pharmacies and Drug Retailers (456110)" and ltc["confidence"] == "low"
    assert NO_FIGURE not in set(frames.facts[frames.facts["key"].isin(WAGE_FACTS)]["note"].dropna())


def test_pdf_names_the_release_and_industry_beside_pay():
    quiz = load_quiz()
    names = {p.id: p.name for p in RESULT.profiles}
    outcome = score(quiz, dimension_values(RESULT.profiles, CATALOGS.national, quiz), names, {})
    loose = [p.id for p in RESULT.profiles if p.bls_industry.confidence == "low"]
    pdf = build_summary_pdf(
        ranking=outcome.ranking,
        profiles=RESULT.by_id(),
        catalogs=CATALOGS,
        quiz_answers_summary="",
        shortlist=[*loose[:1], "hospital"],
    )
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    shown = [p for p in RESULT.profiles if p.name in text]
    assert shown
    for p in shown:
        cited = citation(p.facts.median_wage_annual, CATALOGS.sources)
        assert cited.startswith("BLS OEWS, May 2025 · ") and cited in text, p.id
        if p.bls_industry.confidence == "low":
            assert f"{cited} (nearest industry only)" in text, p.id


def test_provenance_lists_release_dates_and_every_bls_file_checksum():
    lines = provenance_lines()
    text = "\n".join(lines)
    record = load_provenance()
    published, retrieved = day_text(record["bls_published"]), day_text(record["retrieved_from_bls"])
    assert "May 2025" in text and "May 15, 2026" == published and published in text and retrieved in text
    for name in ("oe.data.0.Current", "oe.area", "oe.industry", "oe.datatype", "oe.footnote"):
        assert any(line.startswith(f"BLS file: {name},") and "sha256" in line for line in lines), name
    assert provenance_lines({}) != lines and "missing" in provenance_lines({})[0]
