"""Pay where you live on every page under AppTest: the link parameters (good, unknown, mismatched, repeated),
the figures each page shows for the chosen place, the picker, New client, the quiz ranking and the PDF."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from analysis.links.registry import EVERY_PAGE
from analysis.loading.loader import load_profiles
from analysis.loading.oews import load_oews
from analysis.local_pay import place_summary, places_from_table
from analysis.presentation.summary_pdf import build_summary_pdf
from tests.apptest_helpers import APP, open_page, shown

PAGES = EVERY_PAGE
PROFILES = load_profiles().by_id()
NATIONAL = load_profiles().catalogs.national.median_wage_annual
PLACES = places_from_table(load_oews())
CLEVELAND = "0017410"


def text_of(at: AppTest) -> str:
    """The page's text as a reader sees it (inert escapes undone; tests/test_outside_text.py checks the escaping)."""
    return shown(
        "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning])
    )


def notices(at: AppTest) -> list[str]:
    return [shown(i.value) for i in at.info]


def location(at: AppTest) -> tuple[str, str | None]:
    """(postal code or "US", area code or None): the place every page reads."""
    state, area = at.session_state["loc_place"] if "loc_place" in at.session_state else (None, None)
    return state or "US", area


def place_picker(at: AppTest, key: str):
    """The "Pay for" popover opened (its pickers are built only while it is open), and one picker in it."""
    at.session_state["location_popover"] = True
    at.run()
    return at.selectbox(key=key)


@pytest.mark.parametrize("page", PAGES)
def test_a_good_link_sets_the_place_and_stays_in_the_url(page):
    at = open_page(page, state="OH", area=CLEVELAND)
    assert location(at) == ("OH", CLEVELAND)
    assert at.query_params["state"] == "OH" and at.query_params["area"] == CLEVELAND
    assert not [n for n in notices(at) if "state" in n or "area" in n]


@pytest.mark.parametrize("page", PAGES)
def test_an_unknown_state_is_ignored_with_a_notice(page):
    at = open_page(page, state="ZZ")
    assert any("Ignored “state=ZZ”" in n for n in notices(at))
    assert location(at)[0] == "US" and "state" not in at.query_params


@pytest.mark.parametrize("page", PAGES)
def test_an_area_outside_the_state_is_ignored_and_the_state_kept(page):
    at = open_page(page, state="CA", area=CLEVELAND)
    assert any("Cleveland, OH is not in California" in n for n in notices(at))
    assert location(at)[0] == "CA" and location(at)[1] != CLEVELAND
    assert at.query_params["state"] == "CA" and "area" not in at.query_params


@pytest.mark.parametrize("page", PAGES)
def test_repeated_keys_use_the_last_value_and_say_so(page):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    at.query_params["state"] = ["CA", "OH"]
    at.query_params["area"] = ["9999999", CLEVELAND]
    at.run()
    assert not at.exception
    assert any("repeats “state”" in n for n in notices(at)) and any("repeats “area”" in n for n in notices(at))
    assert location(at) == ("OH", CLEVELAND)


@pytest.mark.parametrize(
    ("params", "expected", "notice"),
    [
        ({"area": CLEVELAND}, ("OH", CLEVELAND), None),  # an area alone brings its state
        ({"state": "oh"}, ("OH", None), None),
        ({"state": "OH", "area": "12345"}, ("OH", None), "Ignored “area=12345”"),
        ({"state": "OH", "area": "<script>"}, ("OH", None), "Ignored “area=<script>”"),
    ],
)
def test_other_location_links(params, expected, notice):
    at = open_page("overview", **params)
    assert location(at) == expected
    if notice:
        assert any(notice in n for n in notices(at))
    else:
        assert not notices(at)


def test_overview_shows_the_place_beside_the_nation_with_rank_map_and_cautions():
    at = open_page("overview", state="OH", area=CLEVELAND)
    text = text_of(at)
    assert "**Cleveland, OH metro area**, all settings (May 2025): median **$39,310**" in text
    assert "**Ohio**, all settings (May 2025): median **$40,650**" in text
    assert "**United States**, all settings (May 2025): median **$45,750**" in text
    assert "metro and nonmetro areas with a published median" in text and "areas in Ohio" in text
    assert "The median for Ohio, $40,650 a year, ranks" in text  # the state's rank too
    assert "national median is $45,750" in text
    # Every setting card: the national figure labelled national, the place's figure labelled with its area.
    assert text.count("Cleveland, OH metro area, all settings (May 2025): **$39,310**") == len(load_profiles().profiles)
    retail = PROFILES["retail"].facts.median_wage_annual
    assert f"Median pay, national: **${retail.value:,}** — " in text and retail.period in text
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    grid = next(g for g in specs if g["data"][0]["type"] == "heatmap")
    assert len(grid["layout"]["shapes"]) == 1  # Ohio outlined


def test_overview_with_a_small_area_shows_its_employment_and_flag():
    at = open_page("overview", state="VI")
    text = text_of(at)
    assert "40 technicians" in text and "Only about 40 pharmacy technicians work in Virgin Islands" in text


def test_without_a_place_pages_show_national_figures_only():
    at = open_page("overview")
    assert location(at) == ("US", None) and "state" not in at.query_params  # a fresh session holds nothing
    assert not at.selectbox, "the place pickers are built only while their popover is open"
    assert "all settings (May 2025): **" not in text_of(at)  # no local line on the cards
    assert "Choose a state" in text_of(at)
    detail = open_page("detail", setting="retail")
    assert "Rough figure" not in text_of(detail)


def test_detail_shows_the_place_and_a_labelled_estimate_with_its_method():
    at = open_page("detail", setting="retail", state="OH", area=CLEVELAND)
    text = text_of(at)
    assert "In **Cleveland, OH metro area**, all settings (May 2025): median **$39,310**" in text
    retail = PROFILES["retail"].facts.median_wage_annual
    assert retail.period == NATIONAL.period  # the estimate needs a national median of the same period
    expected = round(39310 * retail.value / NATIONAL.value / 100) * 100
    assert f"Rough figure for Retail in Cleveland, OH metro area: **about ${expected:,}** a year" in text
    assert "Estimate, not a BLS figure" in text
    industry = PROFILES["retail"].bls_industry.title
    assert f"Estimate, not a BLS figure. BLS publishes no pay for {industry}" in text  # the method, in its popover
    assert "($39,310, May 2025)" in text  # (safe_text.inert escapes the dollar signs)


def test_compare_pay_tab_shows_the_place_next_to_each_settings_national_figure():
    at = open_page("compare", state="CA")
    at.session_state["compare_tab"] = "Pay"
    at.run()
    table = next(d.value for d in at.dataframe if "Rough local figure for the setting" in d.value.columns)
    assert list(table["Setting"]) == ["Hospital", "Retail", "Long-term care", "PBM / insurance"]
    assert all("median $55,110 a year" in v for v in table["California, all settings (May 2025)"])
    by_setting = table.set_index("Setting")
    for sid in ("hospital", "retail", "long-term-care", "industry-pbm"):
        fact, name = PROFILES[sid].facts.median_wage_annual, PROFILES[sid].short_name
        cell = by_setting.loc[name, "Rough local figure for the setting"]
        if fact.value is None or fact.period != NATIONAL.period:
            assert cell.startswith("no estimate"), name  # never a number without its published inputs
        else:
            assert by_setting.loc[name, "National median for its industry"].startswith(
                f"${fact.value:,} a year ({fact.period})"
            )
            assert cell == f"about ${round(55110 * fact.value / NATIONAL.value / 100) * 100:,} a year (estimate)", name
    assert all(
        v.endswith("(estimate)") or v.startswith("no estimate") for v in table["Rough local figure for the setting"]
    )
    ranges = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert any(55110 in t.get("x", []) for spec in ranges for t in spec["data"])


def answer_three(at: AppTest) -> AppTest:
    for key in ("q_sterile_work", "q_nights", "q_patient_contact"):
        at.radio(key=key).set_value(0).run()
    at.session_state["quiz_view"] = "Your results"  # the quiz draws only its open tab
    at.run()
    assert not at.exception
    return at


def fit_scores(at: AppTest) -> dict[str, float]:
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    return dict(zip(bars["y"], bars["x"], strict=False))


def test_quiz_shows_local_pay_but_its_ranking_ignores_the_place():
    national = fit_scores(answer_three(open_page("quiz")))
    at = answer_three(open_page("quiz", state="OH", area=CLEVELAND))
    assert fit_scores(at) == national
    assert "The fit ranking above uses national figures only" in text_of(at)
    table = next(d.value for d in at.dataframe if "Rough local figure for the setting" in d.value.columns)
    assert len(table) == 3 and all(
        "median $39,310" in v for v in table["Cleveland, OH metro area, all settings (May 2025)"]
    )


def test_picking_a_state_then_an_area_updates_the_link_and_a_new_state_clears_the_area():
    at = open_page("overview")
    place_picker(at, "loc_state").set_value("OH").run()
    assert at.query_params["state"] == "OH" and "area" not in at.query_params
    assert any(s.key == "loc_area" for s in at.selectbox), "Pay for stays open: the area is the next choice"
    place_picker(at, "loc_area").set_value(CLEVELAND).run()
    assert at.query_params["area"] == CLEVELAND
    assert "**Cleveland, OH metro area**, all settings" in text_of(at)
    at.switch_page("app_pages/detail.py").run()  # the place follows to another page
    assert location(at) == ("OH", CLEVELAND) and "In **Cleveland, OH metro area**" in text_of(at)
    place_picker(at, "loc_state").set_value("CA").run()
    assert at.query_params["state"] == "CA" and "area" not in at.query_params
    place_picker(at, "loc_state").set_value("US").run()  # the first option: national figures only
    assert "state" not in at.query_params and "all settings (May 2025)" not in text_of(at)


def test_new_client_clears_the_place():
    at = open_page("overview", state="OH", area=CLEVELAND)
    at.button(key="new_client").click().run()
    at.button(key="confirm_reset_yes").click().run()
    assert not at.exception
    assert location(at)[0] == "US" and "state" not in at.query_params and "area" not in at.query_params


def test_the_pdf_names_the_place_and_prints_its_published_figures():
    result = load_profiles()
    plain = build_summary_pdf(ranking=[], profiles=result.by_id(), catalogs=result.catalogs)
    local = build_summary_pdf(
        ranking=[],
        profiles=result.by_id(),
        catalogs=result.catalogs,
        place=place_summary(PLACES, PLACES.areas[CLEVELAND]),
    )

    def read(pdf: bytes) -> str:
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    assert "Pay where you live" not in read(plain)
    text = " ".join(read(local).split())
    assert "Pay where you live: Cleveland, OH metro area" in text
    for figure in ("$31,260", "$39,310", "$59,030", "3,970", "$40,650", "$45,750", "May 2025"):
        assert figure in text, figure
    assert "BLS publishes no pay for a single setting within a state or metro area" in text
    assert len(PdfReader(io.BytesIO(local)).pages) <= 2


def test_about_page_explains_local_pay_and_its_estimate():
    text = text_of(open_page("about"))
    assert "54 states and territories and 528 metro" in text
    assert "May 2025 release, published by BLS on May 15, 2026" in text
    assert "Estimate, not a BLS figure" in text and "The fit quiz never uses it" in text


def test_sortable_tables_open_with_the_published_figures():
    at = open_page("overview", state="OH")
    at.session_state["state_table"] = True
    at.session_state["area_table"] = True
    at.run()
    tables = [d.value for d in at.dataframe]
    states = next(t for t in tables if len(t) == 54)
    assert states.set_index("Code").loc["OH", "Median a year"] == 40650
    areas = next(t for t in tables if "Cleveland, OH" in set(t["Area"]))
    assert len(areas) == len(PLACES.areas_in("OH"))
    assert areas.set_index("Area").loc["Cleveland, OH", "Median a year"] == 39310
    # Each table says where its figures come from and for when.
    sources = [c.value for c in at.caption if "Source: May 2025, U.S. Bureau of Labor Statistics, OEWS" in c.value]
    assert len(sources) == 2, [c.value for c in at.caption]


def test_the_national_line_names_the_united_states_once():
    text = text_of(open_page("overview", state="OH"))
    assert "**United States**, all settings (May 2025)" in text
    assert "United States: **United States**" not in text
