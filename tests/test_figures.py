"""Figure builders as plain functions: traces, values, and how gaps are drawn."""

from __future__ import annotations

import pytest

from analysis.loading.frames import build_frames
from analysis.loading.loader import load_profiles
from analysis.loading.oews import industry_row, load_national_trend, load_oews
from analysis.loading.schema import RATING_DIMENSIONS
from analysis.periods import localize_period
from analysis.presentation import charts
from analysis.presentation.facts import money
from tests.apptest_helpers import legend_keys

RESULT = load_profiles()
FRAMES = build_frames(RESULT.profiles, RESULT.catalogs)
BY_ID = RESULT.by_id()
NATIONAL = RESULT.catalogs.national.median_wage_annual


def names(*ids: str) -> dict[str, str]:
    return {i: BY_ID[i].short_name for i in ids}


def trace(chart, name):
    return next(t for t in chart.figure.data if t.name == name)


def rows(chart):
    """The pay chart's rows (Vega-Lite data), by setting label."""
    return chart.figure.data.set_index("setting")


def legend(chart) -> list[str]:
    return legend_keys(chart.figure.spec)


def test_pay_chart_draws_ranges_medians_and_labels_the_nearest_industry():
    chosen = names("retail", "hospital", "nuclear")
    chart = charts.pay_chart(
        FRAMES.wages[FRAMES.wages.setting_id.isin(chosen)], chosen, NATIONAL, RESULT.catalogs.sources
    )
    table = load_oews()
    retail, hospital = industry_row(table, "44--46"), industry_row(table, "622100")
    pay = rows(chart)
    assert list(pay.index) == ["Retail", "Hospital", "Nuclear"]  # in the chosen order
    assert [pay.loc["Retail", f"p{p}"] for p in (10, 25, 50, 75, 90)] == [
        retail[c] for c in ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90")
    ]
    assert pay["p10"].notna().all() and pay["p90"].notna().all()  # every one of the three publishes a range now
    assert dict(pay[pay.kind == "median"]["p50"]) == {
        "Retail": retail["annual_median"],
        "Hospital": hospital["annual_median"],
    }
    nuclear = pay.loc["Nuclear"]
    assert nuclear["kind"] == "nearest" and nuclear["p50"] == industry_row(table, "456110")["annual_median"]
    assert nuclear["median"] == f"${nuclear['p50']:,.0f} ≈"
    assert nuclear["industry"] == "Pharmacies and Drug Retailers (456110) (nearest only)"
    assert pay.loc["Hospital", "industry"] == "General Medical and Surgical Hospitals (622100)"
    assert pay.loc["Hospital", "period"] == "May 2025"
    # The filled and the open diamond are told apart by shape, not colour alone.
    marks = {
        layer["transform"][0]["filter"]: layer["mark"] for layer in chart.figure.spec["layer"] if "transform" in layer
    }
    assert marks["datum.kind === 'median'"]["filled"] is True and marks["datum.kind === 'nearest'"]["filled"] is False
    national = industry_row(table, "000000")["annual_median"]
    assert f"National median ${national:,.0f} (May 2025)" in legend(chart)
    # Each range's tooltip names both its ends (one title per value: Vega-Lite keeps one value per title).
    tips = [layer["encoding"].get("tooltip", []) for layer in chart.figure.spec["layer"]]
    for tip in tips:
        titles = [t["title"] for t in tip]
        assert len(titles) == len(set(titles)), titles
    assert ["Setting", "10th percentile", "90th percentile"] in [[t["title"] for t in tip] for tip in tips]
    assert "No BLS industry fits Nuclear well" in chart.summary
    low = industry_row(table, "456110")["annual_median"]  # below retail's and hospital's, so named as lowest
    assert f"lowest: Nuclear (${low:,.0f}, nearest industry)" in chart.summary
    assert "Nuclear: Pharmacies and Drug Retailers (456110) (nearest only)" in chart.caption
    assert "General Medical and Surgical Hospitals (622100)" in chart.caption and "May 2025" in chart.caption


def test_pay_chart_spec_names_no_setting_so_adding_one_changes_only_its_data():
    """Streamlit redraws a keyed Vega-Lite chart in place when only its data changes (no remount)."""
    wages = FRAMES.wages

    def chart(*ids):
        chosen = names(*ids)
        return charts.pay_chart(wages[wages.setting_id.isin(chosen)], chosen, NATIONAL, RESULT.catalogs.sources)

    two, three = chart("retail", "hospital"), chart("retail", "hospital", "nuclear")
    assert two.figure.spec == three.figure.spec
    assert len(two.figure.data) == 2 and len(three.figure.data) == 3


def test_pay_chart_labels_a_gap_and_never_draws_a_zero():
    chosen = names("retail", "nuclear")
    wages = FRAMES.wages[FRAMES.wages.setting_id.isin(chosen)].copy()
    wages.loc[wages.setting_id == "nuclear", "value"] = float("nan")  # an uploaded profile with no figures
    chart = charts.pay_chart(wages, chosen, NATIONAL, RESULT.catalogs.sources)
    pay = rows(chart)
    assert pay.loc["Nuclear", "kind"] == "gap" and pay.loc["Nuclear", ["p10", "p50", "p90"]].isna().all()
    # Rows are drawn in the chosen order, whichever layers draw them (each filters its own rows).
    assert list(pay["order"]) == [0, 1]
    y = chart.figure.spec["layer"][1]["encoding"]["y"]
    assert y["sort"] == {"field": "order", "op": "min"}
    gap = next(layer for layer in chart.figure.spec["layer"] if "'gap'" in str(layer.get("transform")))
    assert gap["encoding"]["text"]["value"] == "no published pay figure"
    assert gap["encoding"]["x"]["datum"] == NATIONAL.value  # written at the national median, never at zero
    assert 0 not in set(pay["p50"].dropna())
    assert "No published pay figure for Nuclear" in chart.summary


def test_pay_chart_hourly_divides_by_2080():
    chosen = names("federal-va", "retail")
    chart = charts.pay_chart(
        FRAMES.wages[FRAMES.wages.setting_id.isin(chosen)], chosen, NATIONAL, RESULT.catalogs.sources, hourly=True
    )
    federal = industry_row(load_oews(), "999100")["annual_median"]
    assert rows(chart).loc["Federal / VA", "p50"] == pytest.approx(federal / 2080)
    assert rows(chart).loc["Federal / VA", "median"] == f"${federal / 2080:,.2f}"
    titles = {layer["encoding"]["x"].get("title") for layer in chart.figure.spec["layer"]} - {None}
    assert titles == {"USD per hour (annual ÷ 2,080)"}


def test_pay_trend_chart_shows_three_releases_from_the_national_files():
    trend = load_national_trend()
    chart = charts.pay_trend_chart(trend, RESULT.catalogs.sources)
    median = trace(chart, "Median")
    assert list(median.x) == ["May 2023", "May 2024", "May 2025"]
    assert median.y[-1] == industry_row(load_oews(), "000000")["annual_median"]
    assert "not adjusted for inflation" in chart.caption and "May 2023, May 2024, May 2025" in chart.caption
    assert "May 2023" in chart.summary and "May 2025" in chart.summary


def test_ratings_chart_has_one_trace_per_setting_with_reasons():
    chosen = names("hospital", "industry-pbm")
    chart = charts.ratings_chart(FRAMES.ratings[FRAMES.ratings.setting_id.isin(chosen)], chosen)
    assert [t.name for t in chart.figure.data] == ["Hospital", "PBM / insurance"]
    hospital = chart.figure.data[0]
    assert list(hospital.x) == [
        getattr(BY_ID["hospital"].ratings, d).score
        for d in [
            "patient_contact",
            "pace_pressure",
            "physical_demand",
            "technical_complexity",
            "schedule_predictability",
            "night_weekend_exposure",
            "autonomy",
            "teamwork",
            "advancement",
            "entry_barrier",
            "benefits_security",
            "early_starts",
            "workplace_variety",
        ]
    ]
    assert list(hospital.customdata[0]) == ["Hospital", BY_ID["hospital"].ratings.patient_contact.reason]
    assert chart.figure.data[0].marker.pattern.shape != chart.figure.data[1].marker.pattern.shape  # not colour alone
    assert "Editorial" in chart.caption


def test_schedule_heatmap_writes_the_frequency_in_each_cell():
    chosen = names("hospital", "industry-pbm")
    chart = charts.schedule_chart(FRAMES.schedule[FRAMES.schedule.setting_id.isin(chosen)], chosen)
    heat = chart.figure.data[0]
    assert list(heat.x) == ["Nights", "Weekends", "Holidays", "On-call"]
    assert heat.text[0][0] == BY_ID["hospital"].schedule.nights
    assert heat.texttemplate == "%{text}"


def test_tasks_chart_stacks_to_100_for_each_setting():
    chosen = names("hospital", "retail", "nuclear")
    chart = charts.tasks_chart(FRAMES.tasks[FRAMES.tasks.setting_id.isin(chosen)], chosen)
    totals = [sum(t.x[i] for t in chart.figure.data) for i in range(3)]
    assert totals == [100, 100, 100]
    assert chart.figure.layout.barmode == "stack"


def test_credential_matrix_and_differences_table():
    chosen = names("hospital", "federal-va")
    chart = charts.credential_chart(FRAMES.credentials, chosen)
    heat = chart.figure.data[0]
    row = list(heat.y).index("CPhT")
    assert heat.text[row][1] == "commonly required"  # VA's 2023 standard, above entry grades
    diff = charts.differences(FRAMES.settings, FRAMES.ratings, FRAMES.schedule, chosen)
    assert list(diff["spread"]) == sorted(diff["spread"], reverse=True)
    wage = diff.iloc[0]
    assert wage["dimension"] == "Median pay (BLS OEWS, May 2025)"
    assert all("(editorial" in d for d in diff["dimension"][1:])
    table = load_oews()
    hospital, federal = industry_row(table, "622100")["annual_median"], industry_row(table, "999100")["annual_median"]
    assert wage["Hospital"] == f"${hospital:,.0f}" and wage["Federal / VA"] == f"${federal:,.0f}"


def test_differences_lead_with_pay_in_dollars_and_percent_even_when_small():
    chosen = names("hospital", "retail", "long-term-care", "industry-pbm")
    diff = charts.differences(FRAMES.settings, FRAMES.ratings, FRAMES.schedule, chosen)
    medians = {s: BY_ID[s].facts.median_wage_annual.value for s in chosen}
    high, low = max(medians, key=medians.get), min(medians, key=medians.get)
    gap = medians[high] - medians[low]
    assert diff.iloc[0]["difference"] == (
        f"${gap:,.0f} a year ({gap / medians[low]:.0%} more for {chosen[high]} than {chosen[low]})"
    )
    # Pay leads even though a one-step rating difference would outrank a small pay gap on spread alone.
    close = names("hospital", "specialty-pharmacy")
    first = charts.differences(FRAMES.settings, FRAMES.ratings, FRAMES.schedule, close).iloc[0]
    assert first["dimension"].startswith("Median pay")
    # Ratings and hours share one scale: steps of four, widest first.
    steps = [int(d.split(" of 4")[0]) if "of 4" in d else 0 for d in diff["difference"][1:]]
    assert steps == sorted(steps, reverse=True) and max(steps) > 0


def test_difference_blocks_show_each_row_as_inert_text():
    """Compare shows the differences as these blocks, unescaped: a setting's name from an uploaded profile must
    reach the page as typed, never as Markdown or a link."""
    from analysis.presentation.safe_text import inert

    hostile = "**Bold** [x](http://evil.example) $x$"
    chosen = {"hospital": hostile, "retail": "Retail"}
    diff = charts.differences(FRAMES.settings, FRAMES.ratings, FRAMES.schedule, chosen)
    blocks = charts.compare.difference_blocks(diff)
    assert len(blocks) == len(diff)
    assert inert(hostile) in blocks[0] and hostile not in blocks[0]
    assert blocks[0].startswith(f"**{inert(diff.iloc[0]['dimension'])}** — ")


def test_every_reason_is_written_out_and_the_scale_reads_one_way():
    chosen = names("hospital", "retail")
    chart = charts.ratings_chart(FRAMES.ratings[FRAMES.ratings.setting_id.isin(chosen)], chosen)
    assert "higher = more of it" in chart.figure.layout.xaxis.title.text
    assert "higher = more of it" in chart.caption
    written = dict(chart.details)
    assert len(written) == len(type(BY_ID["hospital"].ratings).model_fields)
    for sid, name in chosen.items():
        for dim, (label, _, _) in RATING_DIMENSIONS.items():
            rating = getattr(BY_ID[sid].ratings, dim)
            assert f"{name} {rating.score}/5: {rating.reason}" in written[label]


def test_chart_text_has_aa_contrast():
    """Labels written in or on a chart: ≥ 4.5:1 against what they sit on (heatmap cells, bars, the page)."""
    view = charts.compare_view(RESULT, FRAMES, ("hospital", "retail", "long-term-care", "industry-pbm"))
    config = view.pay.figure.spec["config"]
    inks = [config["axis"]["labelColor"], config["axis"]["titleColor"], config["legend"]["labelColor"]]
    inks += [layer["mark"]["color"] for layer in view.pay.figure.spec["layer"] if layer["mark"]["type"] == "text"]
    inks += [view.pay.figure.spec["layer"][1]["encoding"]["y"]["axis"]["labelColor"]]  # setting names
    assert all(charts.contrast(ink, "#ffffff") >= 4.5 for ink in inks), inks
    for chart in (view.ratings, view.schedule, view.tasks, view.credentials):
        layout = chart.figure.layout
        assert charts.contrast(layout.font.color, "#ffffff") >= 4.5
        for axis in (layout.xaxis, layout.yaxis):
            assert charts.contrast(axis.tickfont.color, "#ffffff") >= 4.5
        for trace in chart.figure.data:
            if trace.type == "heatmap":
                assert all(charts.contrast(trace.textfont.color, c) >= 4.5 for _, c in trace.colorscale)
            if trace.type == "bar" and trace.textposition == "inside":
                assert charts.contrast(trace.insidetextfont.color, trace.marker.color) >= 4.5
            if trace.type == "bar" and trace.textposition == "outside":
                assert trace.textfont.color is None or charts.contrast(trace.textfont.color, "#ffffff") >= 4.5


def test_tasks_legend_sits_above_the_plot_never_on_the_axis_title():
    chart = charts.tasks_chart(
        FRAMES.tasks[FRAMES.tasks.setting_id.isin(["hospital", "retail"])], names("hospital", "retail")
    )
    legend = chart.figure.layout.legend
    assert legend.yanchor == "bottom" and legend.y >= 1


# --- Outside text in charts ------------------------------------------------------------------------


def _with(*docs) -> tuple:
    """Load result and frames for the bundled profiles plus these profile documents."""
    import dataclasses

    import yaml

    from analysis.loading.loader import load_profile_bytes

    extra = []
    for doc in docs:
        profile, problems = load_profile_bytes(
            yaml.safe_dump(doc, allow_unicode=True).encode(), f"{doc['id']}.yaml", RESULT.catalogs
        )
        assert profile is not None, problems
        extra.append(profile)
    result = dataclasses.replace(RESULT, profiles=RESULT.profiles + tuple(extra))
    return result, build_frames(result.profiles, result.catalogs)


def _hospital_doc() -> dict:
    import yaml

    from analysis.paths import PROFILES_DIR

    doc = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))
    for fact in [*doc["facts"].values(), *doc.get("other_facts", [])]:  # as an uploaded copy: its own figures
        fact.pop("oews", None)
    return doc


def test_two_settings_with_the_same_name_never_merge():
    twin = _hospital_doc()
    twin.update({"id": "twin", "name": "Hospital (inpatient)"})
    twin["facts"]["median_wage_annual"].pop("ref", None)
    twin["facts"]["median_wage_annual"].pop("oews", None)
    twin["facts"]["median_wage_annual"]["value"] = 60000
    result, frames = _with(twin)
    view = charts.compare_view(result, frames, ("hospital", "twin"))
    hospital = BY_ID["hospital"].facts.median_wage_annual
    assert hospital.value < 60000  # the twin is the higher one below
    pay = view.pay.figure.data
    assert list(zip(pay.setting, pay.p50, strict=True)) == [
        ("Hospital (hospital)", hospital.value),
        ("Hospital (twin)", 60000),
    ]
    assert view.pay.summary.startswith(
        f"Highest published median: Hospital (twin) ($60,000); lowest: Hospital (hospital) ({money(hospital.value)})."
    )
    wage = view.differences.iloc[0]
    assert wage["Hospital (hospital)"] == money(hospital.value) and wage["Hospital (twin)"] == "$60,000"
    assert [t.name for t in view.ratings.figure.data] == ["Hospital (hospital)", "Hospital (twin)"]
    assert list(view.schedule.figure.data[0].y) == ["hospital", "twin"]
    assert all(list(t.y) == ["hospital", "twin"] for t in view.tasks.figure.data)
    assert list(view.credentials.figure.data[0].x) == ["hospital", "twin"]


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _strings(value)
    elif hasattr(node, "tolist"):
        yield from _strings(node.tolist())


def test_profile_text_reaches_charts_only_as_escaped_data():
    from tests.hostile_text import EVIL_HOST, hostile_profile_doc

    result, frames = _with(hostile_profile_doc(_hospital_doc()))
    view = charts.compare_view(result, frames, ("hospital", "markdown-everywhere"))
    # Vega-Lite draws data as text, and its tooltip escapes it: profile text goes in the rows, never in the spec.
    import json

    assert EVIL_HOST not in json.dumps(view.pay.figure.spec), "profile text in the pay chart's spec"
    assert any(EVIL_HOST in t for t in _strings(view.pay.figure.data.to_dict("list"))), "the name should be shown"
    for chart in (view.ratings, view.schedule, view.tasks, view.credentials):
        spec = chart.figure.to_plotly_json()
        texts = list(_strings(spec))
        assert any(EVIL_HOST in t for t in texts), f"{chart.alt}: the hostile text should be shown (as text)"
        for text in texts:
            tagless = text
            for tag in ("<br>", "<extra>", "</extra>"):  # the only markup our own templates use
                tagless = tagless.replace(tag, "")
            assert "<" not in tagless and ">" not in tagless, f"{chart.alt}: raw markup in {text!r}"
        for t in spec["data"]:
            assert EVIL_HOST not in (t.get("hovertemplate") or ""), "profile text spliced into a template"


def _markup_left(spec) -> list[str]:
    """Strings in a plotly spec that still carry markup once our own template tags are taken out."""
    left = []
    for text in _strings(spec):
        tagless = text
        for tag in ("<br>", "<extra>", "</extra>"):
            tagless = tagless.replace(tag, "")
        if "<" in tagless or ">" in tagless:
            left.append(text)
    return left


def test_the_fit_chart_shows_setting_names_only_as_escaped_data():
    from analysis.loading.loader import load_profiles
    from analysis.quiz import dimension_values, load_quiz, score
    from tests.hostile_text import EVIL_HOST

    loaded, quiz = load_profiles(), load_quiz()
    values = dimension_values(loaded.profiles, loaded.catalogs.national, quiz)
    evil = f"<img src=http://{EVIL_HOST}/x.png onerror=alert(1)>"
    names = {p.id: evil + p.name for p in loaded.profiles}
    question = quiz.questions[0]
    ranking = score(quiz, values, names, {question.id: 0}).ranking
    spec = charts.fit_chart(ranking, {i: evil for i in names}).figure.to_plotly_json()
    assert any(EVIL_HOST in t for t in _strings(spec)), "the names should be shown (as text)"
    assert _markup_left(spec) == []
    assert all(EVIL_HOST not in (t.get("hovertemplate") or "") for t in spec["data"])


def test_the_pay_chart_caption_dates_the_national_median():
    result, frames = _with()
    national = result.catalogs.national.median_wage_annual
    caption = charts.compare_view(result, frames, ("hospital", "retail")).pay.caption
    national_part = caption.split("National median: ", 1)[1].split(" Figures describe", 1)[0]
    assert f"({localize_period(national.period)})" in national_part, caption


@pytest.mark.parametrize("lang", ["en", "es"])
def test_long_pay_legend_keys_are_written_on_lines_a_phone_can_show(lang):
    """A long legend key (the Spanish "…(no encaja del todo)") was cut off at 375 px: it is given as lines."""
    import json
    import re

    from analysis.i18n import set_language
    from analysis.presentation.charts.pay_spec import LEGEND_LINE_CHARS

    set_language(lang)
    try:
        chart = charts.pay_chart(FRAMES.wages, names("hospital", "nuclear"), NATIONAL, RESULT.catalogs.sources)
    finally:
        set_language("en")
    legend_spec = chart.figure.spec["layer"][-1]["encoding"]["color"]["legend"]
    # Each wrapped key appears in the label expression as: datum.label === "<key>" ? ["line", "line"] : …
    wrapped = {
        json.loads(key): json.loads(lines)
        for key, lines in re.findall(r'datum\.label === ("(?:[^"\\]|\\.)*") \? (\[[^\]]*\])', legend_spec["labelExpr"])
    }
    for key in legend(chart):
        if len(key) > LEGEND_LINE_CHARS:
            assert " ".join(wrapped[key]) == key, key
            assert all(len(line) <= LEGEND_LINE_CHARS for line in wrapped[key]), wrapped[key]
        else:
            assert key not in wrapped
    assert any(len(k) > LEGEND_LINE_CHARS for k in legend(chart)), "precondition: a key long enough to wrap"
