"""Every page under Streamlit's AppTest: the right settings, figures, periods and charts."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from analysis.loading.oews import industry_row, load_oews
from analysis.loading.schema import RATING_DIMENSIONS
from analysis.paths import ROOT
from analysis.presentation.facts import format_value
from analysis.presentation.safe_text import inert
from tests.apptest_helpers import legend_keys, open_page, shown, upload_box, vega_charts
from tests.data import LOADED, NATIONAL, PROFILES

APP = str(ROOT / "app.py")
OEWS = load_oews()
CORE_FOUR = ["hospital", "retail", "long-term-care", "industry-pbm"]
NEAREST = "Median of the nearest industry (loose fit)"


def median(setting_id: str):
    return PROFILES[setting_id].facts.median_wage_annual


def md_value(fact) -> str:
    """A figure as a reader sees it in the page text (markdown_text undoes the escaping)."""
    return format_value(fact)


def run_page(page: str | None = None, **params: str) -> AppTest:
    return open_page(page, **params)


def markdown_text(at: AppTest) -> str:
    return shown("\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption))


def charts(at: AppTest) -> list[dict]:
    """Every chart: Vega-Lite ones (the pay chart) first, then plotly ones."""
    return vega_charts(at) + [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


COMPARE_TABS = ["Pay", "Ratings (editorial)", "Hours", "Tasks", "Credentials"]


def all_compare_charts(at: AppTest) -> list[dict]:
    """Open each Compare tab in turn and collect each tab's own chart (only the open tab's chart is built, but the
    pay chart stays drawn behind the others)."""
    out = []
    for tab in COMPARE_TABS:
        at.session_state["compare_tab"] = tab
        at.run()
        assert not at.exception
        found = charts(at)
        assert sum("rows" in c for c in found) == 1, f"{tab}: the pay chart stays drawn behind every tab"
        own = found if tab == "Pay" else [c for c in found if "rows" not in c]
        assert len(own) == 1, f"{tab}: expected its one chart"
        out += own
    at.session_state["compare_tab"] = COMPARE_TABS[0]
    at.run()
    return out


def test_overview_shows_national_context_and_every_setting():
    at = run_page()
    labels = [shown(m.label) for m in at.metric]
    values = [shown(m.value) for m in at.metric]
    national = industry_row(OEWS, "000000")["annual_median"]
    growth = f"Growth, {NATIONAL.projected_growth.period}"  # the label is dated from the data, not written in
    assert labels == ["Median pay", "Jobs", growth, "Openings a year"]  # short: they fit a card
    assert shown(next(m.proto.help for m in at.metric)) == NATIONAL.median_wage_annual.label  # the full label
    assert f"${national:,.0f}" in values
    text = markdown_text(at)
    captions = shown(" ".join(c.value for c in at.caption))
    assert "BLS OEWS, May 2025" in captions and "2024-34" in captions  # periods beside the national figures
    for profile in PROFILES.values():
        assert profile.name in text
    # Each card: the median with "BLS OEWS, May 2025" and its industry; a loose fit says it is the nearest one.
    for setting_id, profile in PROFILES.items():
        fact = median(setting_id)
        assert fact.value is not None, setting_id  # every bundled setting has a figure now
        label = (
            "Median pay (nearest industry, a loose fit)" if profile.bls_industry.confidence == "low" else "Median pay"
        )
        assert f"{label}, national: **{md_value(fact)}** — BLS OEWS, {fact.period}" in text, setting_id
        assert profile.bls_industry.title in text, setting_id
    assert "no published figure" not in text
    assert "Editorial" in text


def test_compare_defaults_to_the_core_four_with_five_charts():
    at = run_page("compare")
    assert at.multiselect(key="compare_ids").value == CORE_FOUR
    assert len(charts(at)) == 1  # on Pay, only its chart is sent (the other tabs are built when opened)
    specs = all_compare_charts(at)
    assert len(specs) == 5
    pay = specs[0]["rows"].set_index("setting")
    assert {"10th–90th percentile", "25th–75th percentile", "Median", NEAREST} <= set(legend_keys(specs[0]))
    assert list(pay.index) == [PROFILES[i].short_name for i in CORE_FOUR]  # in the chosen order
    published = [i for i in CORE_FOUR if median(i).value is not None]
    close = [i for i in published if PROFILES[i].bls_industry.confidence != "low"]
    medians = pay[pay["kind"] == "median"]["p50"]
    assert sorted(medians) == sorted(median(i).value for i in close)
    nearest = pay[pay["kind"] == "nearest"]  # long-term care: the nearest industry's median, marked as such
    assert sorted(nearest.index) == sorted(PROFILES[i].short_name for i in published if i not in close)
    assert all(nearest["median"].str.endswith(" ≈"))
    ratings = specs[1]["data"]
    assert [t["name"] for t in ratings] == [PROFILES[i].short_name for i in CORE_FOUR]
    assert all(len(t["customdata"]) == len(RATING_DIMENSIONS) for t in ratings)  # a reason for every bar
    assert specs[2]["data"][0]["type"] == "heatmap"
    assert at.query_params["settings"] == "hospital,retail,long-term-care,industry-pbm"
    # Every chart travels with a summary, its sources (in small type) and its data table (built when opened).
    assert sum("In short:" in m.value for m in at.markdown) == 1
    assert any(":small[" in m.value and "May 2025" in m.value for m in at.markdown)
    assert len(at.dataframe) == 0  # differences are text that wraps; chart data tables wait until opened
    differences = next(m.value for m in at.markdown if "steps apart" in m.value)
    assert differences.startswith(f"**{inert('Median pay (BLS OEWS, May 2025)')}**")  # pay leads
    at.session_state["pay_chart_data"] = True
    at.run()
    table = next(e for e in at.expander if e.label == "Data behind this chart").dataframe[0].value
    assert {"value", "period", "source", "industry"} <= set(table.columns)
    assert median("retail").value in set(table["value"])


def test_compare_changes_with_the_selection_and_hourly_switch():
    at = run_page("compare")
    at.multiselect(key="compare_ids").set_value(["nuclear", "federal-va"]).run()
    assert at.query_params["settings"] == "nuclear,federal-va"
    pay = charts(at)[0]["rows"].set_index("setting")
    federal = industry_row(OEWS, "999100")["annual_median"]
    assert list(pay.index) == ["Nuclear", "Federal / VA"]
    assert pay.loc["Federal / VA", "p50"] == federal and pay.loc["Federal / VA", "kind"] == "median"
    assert pay.loc["Nuclear", "kind"] == "nearest"  # drawn as the nearest industry's median, marked as such
    at.segmented_control(key="pay_unit").set_value("hourly").run()
    hourly = charts(at)[0]
    assert hourly["rows"].set_index("setting").loc["Federal / VA", "p50"] == pytest.approx(federal / 2080)
    titles = {layer["encoding"]["x"].get("title") for layer in hourly["layer"]} - {None}
    assert titles == {"USD per hour (annual ÷ 2,080)"}


def test_compare_asks_for_two_settings():
    at = run_page("compare")
    at.multiselect(key="compare_ids").set_value(["hospital"]).run()
    assert any("at least two" in w.value for w in at.warning)
    assert charts(at) == []


def test_compare_deep_link_good():
    at = run_page("compare", settings="federal-va,retail", pay="hourly")
    assert at.multiselect(key="compare_ids").value == ["federal-va", "retail"]
    assert at.segmented_control(key="pay_unit").value == "hourly"
    assert not at.info


@pytest.mark.parametrize(
    "params, expected_ids, notice",
    [
        ({"settings": "hospital,bogus,retail"}, ["hospital", "retail"], "unknown setting"),
        ({"settings": "a" * 5000}, ["hospital", "retail", "long-term-care", "industry-pbm"], "too long"),
        (
            {"settings": "hospital,retail,nuclear,mail-order,federal-va"},
            ["hospital", "retail", "nuclear", "mail-order"],
            "at most 4",
        ),
        ({"settings": "hospital,retail", "colour": "x"}, ["hospital", "retail"], "“colour”"),
        ({"settings": "hospital,retail", "pay": "weekly"}, ["hospital", "retail"], "annual or hourly"),
        ({"settings": "<script>alert(1)</script>,retail"}, ["retail"], "unknown setting"),
    ],
)
def test_compare_deep_link_bad_values_are_ignored_with_a_notice(params, expected_ids, notice):
    at = run_page("compare", **params)
    assert at.multiselect(key="compare_ids").value == expected_ids
    assert any(notice in shown(i.value) for i in at.info), [i.value for i in at.info]


def test_detail_shows_the_whole_profile_with_sources():
    at = run_page("detail", setting="federal-va")
    assert at.selectbox(key="detail_id").value == "federal-va"
    text = markdown_text(at)
    profile = PROFILES["federal-va"]
    assert profile.name in [shown(t.value) for t in at.title]
    federal = industry_row(OEWS, "999100")["annual_median"]
    assert f"${federal:,.0f}" in [shown(m.value) for m in at.metric]
    assert "BLS OEWS, May 2025" in text and "(999100)" in text
    sections = ["What the work is", "Hours and environment", "Pay", "How to get in and grow", "On the job", "Sources"]
    assert [h.value for h in at.header] == sections
    contents = next(m.value for m in at.markdown if "](#work)" in m.value)
    assert all(f"(#{anchor})" in contents for anchor in ["work", "hours", "pay", "grow", "reality", "sources"])
    for heading in ["A day in the life", "What the time goes on", "Ratings", "Credentials", "Where you can grow"]:
        assert any(m.value.startswith(f"### {heading}") for m in at.markdown), heading  # each with its text
    assert len(charts(at)) == 1 and any(k.startswith("National median") for k in legend_keys(charts(at)[0]))
    assert list(charts(at)[0]["rows"]["setting"]) == [profile.short_name]
    for source_id in profile.sources:
        assert f"](<{LOADED.catalogs.sources[source_id].url}>)" in text  # each source linked (safe_text.link)
    assert at.query_params["setting"] == "federal-va"


def test_detail_lists_every_published_figure_with_its_period_once_its_box_is_opened():
    """The box is built only when opened (it reruns the page); then every figure is there with its period."""
    from analysis.loading.frames import FACT_LABELS

    at = run_page("detail", setting="hospital")
    closed = markdown_text(at)
    assert "Other published figures" not in closed
    at.session_state["every_figure_box"] = True
    at.run()
    opened = markdown_text(at)
    hospital = PROFILES["hospital"]
    for key, label in FACT_LABELS.items():
        fact = getattr(hospital.facts, key)
        if fact is not None and key not in ("median_wage_annual", "median_wage_hourly", "employment"):
            assert f"{label}: **{format_value(fact)}**" in opened, label
    assert hospital.other_facts and "Other published figures" in opened
    for fact in hospital.other_facts:
        assert fact.label in opened and str(fact.period) in opened, fact.label


def test_detail_bad_link_falls_back_with_a_notice():
    at = run_page("detail", setting="../../etc/passwd")
    box = at.selectbox(key="detail_id")
    assert box.index == 0 and PROFILES[box.value].name in [shown(t.value) for t in at.title]  # the first setting
    assert any("unknown setting" in i.value for i in at.info)
    # A bad link after a good one keeps the setting being shown, rather than jumping back to the first.
    at = run_page("detail", setting="federal-va")
    at.query_params["setting"] = "nope"
    at.run()
    assert at.selectbox(key="detail_id").value == "federal-va"
    assert any("unknown setting" in i.value for i in at.info)


def test_about_lists_sources_mapping_and_caveats():
    at = run_page("about")
    text = markdown_text(at)
    assert "BLS industries are not practice settings" in text
    assert "Figures are national" in text
    pay_period = NATIONAL.median_wage_annual.period  # the pay release named from the data, not written in
    assert f"**Pay is BLS OEWS, {pay_period}** for the industry" in text and f'"BLS OEWS, {pay_period}"' in text
    assert "https://www.bls.gov/ooh/healthcare/pharmacy-technicians.htm" in text
    assert not at.dataframe  # lists, not grids: the reasons are sentences that a grid cut off
    for p in PROFILES.values():
        assert f"**{p.name}** → {p.bls_industry.title}" in text
        assert f"confidence: {p.bls_industry.confidence}" in text


def test_a_broken_profile_is_reported_and_the_rest_still_show(tmp_path, monkeypatch):
    import shutil

    from analysis import paths

    folder = tmp_path / "profiles"
    shutil.copytree(paths.PROFILES_DIR, folder)
    (folder / "broken.yaml").write_text("id: broken\nname: [oops\n", encoding="utf-8")
    monkeypatch.setattr(paths, "PROFILES_DIR", folder)
    monkeypatch.setattr("analysis.loading.loader.PROFILES_DIR", folder)
    from ui.memo import clear_shared

    clear_shared()  # the bundled profiles are cached per process
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    clear_shared()
    assert not at.exception
    skipped = [e for e in at.expander if "skipped" in e.label]
    assert skipped and "broken.yaml" in shown(skipped[0].label)
    assert "malformed YAML" in "\n".join(t.value for t in at.text)
    text = markdown_text(at)
    assert all(p.name in text for p in PROFILES.values()), "every valid profile still shows"


def test_an_upload_may_not_reuse_a_bundled_setting_id():
    from analysis.paths import PROFILES_DIR

    text = (PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8")
    at = run_page()
    upload_box(at).upload("hospital.yaml", text.encode(), "application/x-yaml").run()
    assert not at.exception
    assert any("hospital" in shown(e.value) and "already" in shown(e.value) for e in at.error), [
        e.value for e in at.error
    ]
    assert "custom_profiles" not in at.session_state or not at.session_state["custom_profiles"]
    assert markdown_text(at).count(PROFILES["hospital"].name) == 1  # the bundled card only
    # The same profile under an id (and names) of its own is accepted and shown beside the bundled one.
    fresh = (
        text.replace("id: hospital\n", "id: riverside-hospital\n", 1)
        .replace(f"name: {PROFILES['hospital'].name}\n", "name: Riverside Hospital\n", 1)
        .replace(f"short_name: {PROFILES['hospital'].short_name}\n", "short_name: Riverside\n", 1)
    )
    upload_box(at).upload("riverside-hospital.yaml", fresh.encode(), "application/x-yaml").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Riverside Hospital" in markdown_text(at)
