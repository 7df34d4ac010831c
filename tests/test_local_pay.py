"""Pay where you live, as plain functions: the figures checked against the imported BLS table, the words
about rank and uncertainty, the rough estimate, the location link parameters and the offline tile grid."""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd
import pytest

from analysis.i18n import set_language
from analysis.links import registry
from analysis.links.location import parse_area, parse_state, principal_state
from analysis.loading.oews import load_oews
from analysis.local_pay import (
    FEW_TECHNICIANS,
    HIGH_EMPLOYMENT_RSE,
    ordinal,
    place_summary,
    place_table,
    places_from_table,
    rank_words,
    setting_estimate,
    uncertainty_notes,
)
from analysis.presentation.charts.places import TILES, place_range_chart, tile_grid_chart

TABLE = load_oews()
PLACES = places_from_table(TABLE)
CLEVELAND = "0017410"


def table_row(area_code: str) -> pd.Series:
    """The imported table's all-industries row, read independently of analysis.local_pay."""
    rows = TABLE[(TABLE["area_code"] == area_code) & (TABLE["industry_code"] == "000000")]
    assert len(rows) == 1
    return rows.iloc[0]


def test_every_state_and_area_bls_publishes_is_offered():
    assert len(PLACES.states) == 54 and len(PLACES.areas) == 528
    assert {"DC", "PR", "GU", "VI"} <= set(PLACES.states)
    assert list(PLACES.states.values()) == sorted(PLACES.states.values(), key=lambda a: a.area_name)


@pytest.mark.parametrize(
    ("state", "area", "median"),
    [
        ("OH", None, 40650),
        ("CA", None, 55110),
        ("OH", CLEVELAND, 39310),  # the figures the issue quotes
    ],
)
def test_the_quoted_medians(state, area, median):
    assert PLACES.place(state, area).median == median


@pytest.mark.parametrize("area_code", ["3900000", "0600000", "4800000", CLEVELAND, "0031080", "0100001", "0022660"])
def test_figures_match_the_imported_table(area_code):
    pay = PLACES.areas.get(area_code) or next(s for s in PLACES.states.values() if s.area_code == area_code)
    row = table_row(area_code)
    for p, column in [
        (10, "annual_p10"),
        (25, "annual_p25"),
        (50, "annual_median"),
        (75, "annual_p75"),
        (90, "annual_p90"),
    ]:
        assert pay.annual[p] == (None if pd.isna(row[column]) else row[column])
    assert pay.hourly[50] == row["hourly_median"]
    assert pay.employment == (None if pd.isna(row["employment"]) else row["employment"])
    assert pay.employment_rse == (None if pd.isna(row["employment_rse"]) else row["employment_rse"])
    assert pay.wage_rse == row["wage_rse"]
    assert pay.area_name == row["area_name"]


def test_areas_within_a_state_include_metros_that_cross_its_border():
    ohio = [a.area_name for a in PLACES.areas_in("OH")]
    assert "Cleveland, OH" in ohio and "Cincinnati, OH-KY-IN" in ohio
    assert "Cincinnati, OH-KY-IN" in [a.area_name for a in PLACES.areas_in("KY")]
    assert "Cleveland, TN" not in ohio
    kinds = [a.area_type for a in PLACES.areas_in("OH")]
    assert kinds == sorted(kinds, key=lambda k: k != "metro") and "nonmetro" in kinds  # metros first
    assert PLACES.area_in_state(CLEVELAND, "OH") and not PLACES.area_in_state(CLEVELAND, "CA")


def test_place_falls_back_to_state_then_nation():
    assert PLACES.place("OH", None).area_name == "Ohio"
    assert PLACES.place(None, None).area_type == "national"
    assert PLACES.place("ZZ", "9999999").area_type == "national"
    assert PLACES.place("OH", CLEVELAND).label == "Cleveland, OH metro area"
    assert (
        "May 2025" in PLACES.place("OH", CLEVELAND).heading() and "all industries" in PLACES.place("OH", None).heading()
    )


def test_rank_in_words_agrees_with_a_plain_sort_of_the_table():
    states = TABLE[(TABLE["area_type"] == "state") & (TABLE["industry_code"] == "000000")]
    order = states.sort_values("annual_median", ascending=False)["area_name"].tolist()
    for name in ("California", "Ohio", "Puerto Rico"):
        code = states[states["area_name"] == name]["state"].iloc[0]
        words = rank_words(PLACES, PLACES.states[code])
        assert f"ranks {ordinal(order.index(name) + 1)} highest of 54 states" in words, words
    cleveland = rank_words(PLACES, PLACES.areas[CLEVELAND])
    local = TABLE[(TABLE["area_type"].isin(["metro", "nonmetro"])) & (TABLE["industry_code"] == "000000")]
    higher = int((local["annual_median"] > 39310).sum())
    assert f"ranks {ordinal(higher + 1)} highest" in cleveland and "of 528 metro and nonmetro areas" in cleveland
    assert "(tied)" in cleveland  # another area has the same median
    assert "areas in Ohio" in cleveland
    assert rank_words(PLACES, PLACES.national) == ""


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (112, "112th"),
    ],
)
def test_ordinals(n, words):
    assert ordinal(n) == words


def test_a_figure_bls_did_not_release_is_said_in_plain_words():
    fort_collins = PLACES.areas["0022660"]  # BLS footnote 8: employment not released
    assert fort_collins.employment is None
    notes = " ".join(uncertainty_notes(fort_collins))
    assert "did not release" in notes and "Not published by BLS" in notes and "employment" in notes


def test_few_technicians_and_high_error_are_flagged():
    islands = PLACES.states["VI"]
    assert islands.employment < FEW_TECHNICIANS
    assert any(f"Only about {islands.employment:,.0f} pharmacy technicians" in n for n in uncertainty_notes(islands))
    noisy = max(PLACES.areas.values(), key=lambda a: a.employment_rse or 0)
    assert noisy.employment_rse >= HIGH_EMPLOYMENT_RSE
    assert any(f"{noisy.employment_rse:g}%" in n for n in uncertainty_notes(noisy))
    assert uncertainty_notes(PLACES.states["CA"]) == []  # a large, precise state: nothing to flag


def test_top_coded_and_unknown_footnotes_get_words():
    top = replace(PLACES.states["OH"], footnotes=("5", "77"))
    notes = uncertainty_notes(top)
    assert any("top-codes" in n for n in notes) and any("77" in n for n in notes)


def test_rough_estimate_is_the_scaled_local_median_with_its_method():
    cleveland = PLACES.areas[CLEVELAND]
    est = setting_estimate(cleveland, "Retail", "Retail trade", 38630, "May 2024", {"May 2024": 43460})
    assert est is not None
    assert est.value == round(39310 * 38630 / 43460 / 100) * 100 == 34900
    assert "Estimate, not a BLS figure" in est.method and "$39,310" in est.method and "May 2024" in est.method
    assert "never uses it" in est.method


@pytest.mark.parametrize(
    ("median", "period", "medians"),
    [
        (None, "May 2024", {"May 2024": 43460}),  # the setting has no published median
        (38630, "May 2023", {"May 2024": 43460}),  # no national median of the same period
    ],
)
def test_no_estimate_without_matching_published_figures(median, period, medians):
    assert setting_estimate(PLACES.areas[CLEVELAND], "Retail", "Retail trade", median, period, medians) is None


def test_no_estimate_for_the_nation_or_an_area_without_a_median():
    assert setting_estimate(PLACES.national, "Retail", "Retail trade", 38630, "May 2024", {"May 2024": 43460}) is None
    blank = replace(PLACES.areas[CLEVELAND], annual={10: None, 25: None, 50: None, 75: None, 90: None})
    assert setting_estimate(blank, "Retail", "Retail trade", 38630, "May 2024", {"May 2024": 43460}) is None


def test_place_summary_for_the_pdf_carries_state_and_nation():
    summary = place_summary(PLACES, PLACES.areas[CLEVELAND])
    assert [r.area_name for r in summary.rows] == ["Cleveland, OH", "Ohio", "National"]
    assert [r.area_name for r in place_summary(PLACES, PLACES.states["OH"]).rows] == ["Ohio", "National"]


def test_sortable_tables_hold_published_figures_only():
    states = place_table(PLACES, "state")
    assert len(states) == 54
    ohio = states[states["Code"] == "OH"].iloc[0]
    assert ohio["Median a year"] == 40650 and ohio["Rank (highest median = 1)"] >= 1
    areas = place_table(PLACES, "area")
    fort = areas[areas["Code"] == "0022660"].iloc[0]
    assert pd.isna(fort["Technicians employed"])  # not published stays empty, never filled in


# --- Link parameters --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [("OH", "OH"), ("oh", "OH"), (" CA ", "CA"), ("PR", "PR")])
def test_state_parameter_accepts_postal_codes(text, expected):
    assert parse_state(text, PLACES) == (expected, [])


@pytest.mark.parametrize("text", ["ZZ", "Ohio", "O", "39", "", "ÖH", "<b>x</b>", "OH,CA"])
def test_state_parameter_rejects_anything_else_with_a_notice(text):
    value, notices = parse_state(text, PLACES)
    assert value is None and len(notices) == 1 and "two-letter postal code" in notices[0]


def test_area_parameter():
    assert parse_area(CLEVELAND, PLACES, "OH") == (CLEVELAND, [])
    assert parse_area(CLEVELAND, PLACES) == (CLEVELAND, [])
    assert parse_area("0017140", PLACES, "KY")[0] == "0017140"  # Cincinnati lies partly in Kentucky
    value, notices = parse_area(CLEVELAND, PLACES, "CA")
    assert value is None and "Cleveland, OH is not in California" in notices[0]
    for bad in ("9999999", "17410", "3900000", "abc", "0017410x"):
        value, notices = parse_area(bad, PLACES, "OH")
        assert value is None and "7-digit code" in notices[0], bad
    assert principal_state(CLEVELAND, PLACES) == "OH"


def test_registry_reads_repeated_keys_last_with_a_notice():
    value, notices = registry.read("state", ["CA", "OH"], places=PLACES)
    assert value == "OH" and any("repeats “state”" in n for n in notices)
    value, notices = registry.read("area", ["0000001", CLEVELAND], places=PLACES, state="OH")
    assert value == CLEVELAND and any("repeats “area”" in n for n in notices)
    assert registry.read("state", ["x" * 5000], places=PLACES)[0] is None
    for name in ("state", "area"):
        assert set(registry.BY_NAME[name].pages) == {"overview", "compare", "detail", "quiz", "pathways", "about"}


# --- Pictures drawn offline ------------------------------------------------------------------------------


def test_tile_grid_has_one_tile_per_state_and_outlines_the_chosen_one():
    assert set(TILES) == set(PLACES.states) and len(set(TILES.values())) == len(TILES)
    chart = tile_grid_chart(PLACES, "OH")
    spec = json.loads(chart.figure.to_json())
    heat = spec["data"][0]
    assert heat["type"] == "heatmap"
    texts = [t for row in heat["text"] for t in row if t]
    assert len(texts) == 54 and "<b>OH</b><br>40.7" in texts and "<b>CA</b><br>55.1" in texts
    r, c = TILES["OH"]
    assert heat["z"][r][c] == 40650
    shapes = spec["layout"]["shapes"]
    assert len(shapes) == 1 and shapes[0]["x0"] == c - 0.5 and shapes[0]["y0"] == r - 0.5
    assert "Ohio is outlined" in chart.summary and "Ohio is outlined" in chart.alt
    assert "shapes" not in json.loads(tile_grid_chart(PLACES, None).figure.to_json())["layout"]
    assert len(chart.data) == 54  # the text alternative


def test_pictures_fetch_nothing_from_the_internet():
    """No geographic traces (plotly's geo charts download topojson from a CDN) and no URLs anywhere."""
    for chart in (
        tile_grid_chart(PLACES, "CA"),
        place_range_chart([PLACES.national, PLACES.states["OH"], PLACES.areas[CLEVELAND]]),
    ):
        spec = chart.figure.to_json()
        types = {t["type"] for t in json.loads(spec)["data"]}
        assert types <= {"heatmap", "scatter"}, types
        assert "http" not in spec and "topojson" not in spec and "mapbox" not in spec


def test_range_chart_draws_published_percentiles():
    chart = place_range_chart([PLACES.national, PLACES.areas[CLEVELAND]])
    data = json.loads(chart.figure.to_json())["data"]
    outer = data[0]["x"]
    assert 31260 in outer and 59030 in outer and 36020 in outer and 61040 in outer
    assert data[2]["x"] == [45750, 39310]
    hourly = json.loads(place_range_chart([PLACES.areas[CLEVELAND]], hourly=True).figure.to_json())["data"]
    assert hourly[2]["x"] == [PLACES.areas[CLEVELAND].hourly[50]]  # BLS's own hourly figure, not annual / 2080


def test_pickers_can_show_names_because_names_are_unique():
    assert len({s.area_name for s in PLACES.states.values()}) == 54
    assert len({a.label for a in PLACES.areas.values()}) == 528


def test_spanish_names_a_rank_by_its_position_number():
    """«ocupa el puesto 151 (empatado) entre 528 áreas»: a position number after «puesto», not an ordinal «151.º»."""
    set_language("es")
    try:
        words = rank_words(PLACES, PLACES.areas[CLEVELAND])
    finally:
        set_language("en")
    assert "puesto " in words and ".º" not in words, words
