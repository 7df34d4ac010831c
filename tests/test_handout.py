"""One-page handouts, the class bundle, the take-home PDF's questions, and Detail's realities and questions.

Expectations come from the data (names, questions, the place's published figures), read back from the PDF with
pypdf or from the page with AppTest.
"""

from __future__ import annotations

import io

import pytest
import yaml
from pypdf import PdfReader

from analysis.i18n import set_language
from analysis.loading.loader import load_profile_bytes, load_profiles
from analysis.loading.oews import load_oews
from analysis.loading.translated import translate_result
from analysis.local_pay import money, places_from_table
from analysis.paths import PROFILES_DIR
from analysis.presentation.handout import build_handout_pdf, build_handouts_pdf
from analysis.presentation.summary_pdf import build_summary_pdf

ENGLISH = load_profiles()
PLACES = places_from_table(load_oews(), "May 2025")
HOUSTON = PLACES.place("TX", "0026420")


def in_language(lang: str):
    set_language(lang)
    return translate_result(ENGLISH, lang)


@pytest.fixture(autouse=True)
def english_after():
    yield
    set_language("en")


def read(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join((p.extract_text() or "") for p in reader.pages).split())


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("with_place", [False, True], ids=["national", "houston"])
def test_every_handout_is_one_page(lang, with_place):
    result = in_language(lang)
    place = HOUSTON if with_place else None
    for profile in result.profiles:
        pages, text = read(
            build_handout_pdf(profile, result.catalogs, place=place, link=f"detail?setting={profile.id}")
        )
        assert pages == 1, (lang, profile.id, with_place)
        assert " ".join(profile.name.split()) in text
        assert f"detail?setting={profile.id}" in text


def test_a_handout_carries_the_places_figures_when_a_place_is_chosen():
    hospital = ENGLISH.by_id()["hospital"]
    _pages, national = read(build_handout_pdf(hospital, ENGLISH.catalogs))
    _pages, local = read(build_handout_pdf(hospital, ENGLISH.catalogs, place=HOUSTON))
    median = money(HOUSTON.annual[50])
    assert HOUSTON.label in local and median in local
    assert "all settings (May 2025)" in local and "BLS OEWS" in local
    assert HOUSTON.label not in national and median not in national
    # The national figure, labelled as the app labels it, with its release.
    pay = hospital.facts.median_wage_annual
    assert f"Median annual wage {money(pay.value)} — BLS OEWS, {pay.period}" in national


def test_a_handout_carries_the_questions_and_their_reasons():
    hospital = ENGLISH.by_id()["hospital"]
    _pages, text = read(build_handout_pdf(hospital, ENGLISH.catalogs))
    assert "Questions to ask an employer" in text and "Editorial" in text
    for q in hospital.employer_questions:
        assert " ".join(q.ask.split()) in text


def test_the_class_bundle_has_one_page_per_setting_in_order():
    result = in_language("es")
    pdf = build_handouts_pdf(result.profiles, result.catalogs, place=HOUSTON)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(result.profiles) == 13
    for page, profile in zip(reader.pages, result.profiles, strict=True):
        assert " ".join(profile.name.split()) in " ".join((page.extract_text() or "").split())


def _hostile_upload():
    from tests.hostile_text import EVIL_HOST, ONE_LINE, hostile_profile_doc

    doc = yaml.safe_load((PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8"))
    for fact in [*doc["facts"].values(), *doc.get("other_facts", [])]:  # an uploaded copy: its own figures
        fact.pop("oews", None)
    doc = hostile_profile_doc(doc)
    for i, facet in enumerate(doc["reality"].values()):
        facet["text"] = ONE_LINE[i % len(ONE_LINE)]
    for i, q in enumerate(doc["employer_questions"]):
        q["ask"], q["why"] = f"{ONE_LINE[(i + 3) % len(ONE_LINE)]} {i}", ONE_LINE[(i + 5) % len(ONE_LINE)]
    profile, problems = load_profile_bytes(
        yaml.safe_dump(doc, allow_unicode=True).encode(), "markdown-everywhere.yaml", ENGLISH.catalogs
    )
    assert profile is not None, problems
    return profile, EVIL_HOST


def test_an_uploaded_settings_markup_is_printed_as_text_never_followed():
    profile, evil = _hostile_upload()
    pdf = build_handout_pdf(profile, ENGLISH.catalogs, link="detail?setting=x")
    pages, text = read(pdf)
    assert pages == 1
    assert "<script>alert(1)</script>" in text or "<img src=" in text  # shown as the characters typed
    assert "[Session expired: log in]" in text
    reader = PdfReader(io.BytesIO(pdf))
    annots = [a.get_object() for p in reader.pages for a in p.get("/Annots", []) or []]
    assert not annots, "no link of any kind is made from profile text"
    assert b"/URI" not in pdf and evil in text  # the address is printed as text, not made a link


def test_the_take_home_pdf_lists_the_shortlists_questions():
    result = in_language("es")
    shortlist = ["hospital", "retail"]
    _pages, text = read(
        build_summary_pdf(ranking=[], profiles=result.by_id(), catalogs=result.catalogs, shortlist=shortlist)
    )
    assert "Preguntas para hacerle a un empleador" in text
    for sid in shortlist:
        for q in (result.by_id()[sid].employer_questions or [])[:3]:
            assert " ".join(q.ask.split()) in text, (sid, q.ask)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_detail_shows_the_facets_and_at_least_five_questions(lang):
    from tests.apptest_helpers import open_page, shown

    at = open_page("detail", setting="hospital", lang=lang)
    result = translate_result(ENGLISH, lang)
    hospital = result.by_id()["hospital"]
    page = shown(" ".join(m.value for m in at.markdown) + " " + " ".join(c.value for c in at.caption))
    facets = hospital.reality.facets()
    assert len(facets) == 7
    for _key, facet in facets:
        assert " ".join(facet.text.split())[:60] in " ".join(page.split())
    judgement = "Editorial judgement" if lang == "en" else "Criterio editorial"
    assert judgement in page
    asked = [q.ask for q in hospital.employer_questions]
    assert len(asked) >= 5 and all(ask in page for ask in asked)
    assert any(
        b.proto.label in ("Download a one-page handout", "Descargar una hoja informativa de una página")
        for b in at.get("download_button")
    )


def test_compare_shows_the_facets_as_rows_and_the_questions_for_the_chosen_settings():
    from tests.apptest_helpers import open_page, shown

    at = open_page("compare", settings="hospital,retail", tab="realities")
    table = next(t for t in at.table if "Hospital" in t.value.columns)
    assert len(table.value) == 7 and list(table.value.columns)[1:] == ["Hospital", "Retail"]
    asks = shown(" ".join(m.value for e in at.expander for m in e.markdown))
    by_id = ENGLISH.by_id()
    for sid in ("hospital", "retail"):
        assert all(q.ask in asks for q in by_id[sid].employer_questions)


def test_overview_offers_every_handout_for_a_class():
    from tests.apptest_helpers import open_page

    at = open_page()
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download every handout for a class (PDF, one page per setting)" in labels


def test_a_handout_that_fits_is_printed_whole():
    """Nothing is shortened while the page has room: the day in the life and every entry line in full."""
    for profile in ENGLISH.profiles:
        _pages, text = read(build_handout_pdf(profile, ENGLISH.catalogs))
        assert " ".join(profile.day_in_the_life.split()) in text, profile.id
        assert "…" not in text, profile.id


@pytest.mark.parametrize("lang, place", [("en", HOUSTON), ("es", None)], ids=["en-houston", "es-national"])
def test_longer_pages_take_smaller_type_before_any_text_is_shortened(lang, place):
    """The place's lines (in English) and the longer Spanish still print every setting whole."""
    from ui.reality import _estimate

    result = in_language(lang)
    for profile in result.profiles:
        estimate = _estimate(place, profile, result.catalogs)
        pdf = build_handout_pdf(profile, result.catalogs, place=place, estimate=estimate, link="http://x/detail")
        pages, text = read(pdf)
        assert pages == 1, (lang, profile.id)
        assert " ".join(profile.day_in_the_life.split()) in text, (lang, profile.id)


def test_a_handouts_judgements_are_labelled_editorial_judgement_beside_what_they_label():
    hospital = ENGLISH.by_id()["hospital"]
    _pages, text = read(build_handout_pdf(hospital, ENGLISH.catalogs))
    assert "What the time goes on " in text and "Order entry and data 10% (Editorial judgement)" in text
    reason = " ".join(hospital.schedule.reason.split())
    assert "Hours Nights: common" in text and f"{reason} (Editorial judgement)" in text
    assert "Editorial Where the time goes" not in text and "Editorial Nights" not in text
    # An entry line is a sentence of its own, capitalised like the others.
    assert "Entry Trained on the job:" in text


def test_a_handout_with_a_place_carries_the_rough_figure_the_detail_page_shows():
    from ui.reality import _estimate

    hospital = ENGLISH.by_id()["hospital"]
    estimate = _estimate(HOUSTON, hospital, ENGLISH.catalogs)
    assert estimate is not None
    _pages, text = read(build_handout_pdf(hospital, ENGLISH.catalogs, place=HOUSTON, estimate=estimate))
    assert f"Rough figure for Hospital in {HOUSTON.label}: about {money(estimate.value)} a year" in text
    assert "(Estimate, not a BLS figure)" in text
    # The method names the periods of the figures it combines.
    national = hospital.facts.median_wage_annual.period
    assert f"scales the place's median ({HOUSTON.period})" in " ".join(text.split()), text
    assert f"for all technicians ({national})" in " ".join(text.split())


def test_compare_builds_the_realities_only_while_their_tab_is_open():
    """The realities are a tab of their own: a Compare rerun on another tab sends none of their elements."""
    from tests.apptest_helpers import open_page

    at = open_page("compare", settings="hospital,retail")
    assert not [t for t in at.table if "Hospital" in t.value.columns]
    assert "Day-to-day realities" in [t.label for t in at.tabs]
    at.session_state["compare_tab"] = "Day-to-day realities"
    at.run()
    assert [t for t in at.table if "Hospital" in t.value.columns]


def test_compare_shows_the_facets_as_one_block_per_facet_on_a_phone():
    """The wide facet table is hidden on a narrow screen and the same words are shown as blocks instead."""
    from tests.apptest_helpers import open_page, shown

    at = open_page("compare", settings="hospital,retail", tab="realities")
    css = " ".join(h.proto.body for h in at.get("html"))
    assert ".st-key-reality_table { display: none; }" in css and "@media (max-width: 640px)" in css
    table = next(t for t in at.table if "Hospital" in t.value.columns)
    blocks = shown(" ".join(m.value for m in at.markdown))
    for _i, row in table.value.iterrows():
        assert shown(row["Facet"]) in blocks
        for name in ("Hospital", "Retail"):
            assert " ".join(shown(row[name]).split())[:80] in " ".join(blocks.split()), (row["Facet"], name)


@pytest.mark.browser
def test_in_a_browser_a_phone_reads_compares_facets_as_blocks_and_the_spanish_handout_has_the_place(
    page, app_server, artifacts
):
    """At 375 px the facet table gives way to one block per facet that fits the screen; the Spanish handout
    downloaded from Detail with a place chosen carries that place's figures and the rough figure Detail shows."""
    from playwright.sync_api import expect

    from tests.browser_helpers import settle

    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{app_server}/compare?settings=hospital,retail,nuclear&tab=realities&lang=es")
    settle(page)
    blocks = page.locator(".st-key-reality_list")
    expect(blocks).to_be_visible()
    expect(page.locator(".st-key-reality_table")).to_be_hidden()
    expect(blocks).to_contain_text("Metas de productividad y cuotas")
    assert blocks.bounding_box()["width"] <= 375
    page.goto(f"{app_server}/detail?setting=hospital&state=TX&lang=es")
    settle(page)
    with page.expect_download(timeout=60_000) as info:
        page.locator(".st-key-download_handout button").click()
    pdf = info.value.path().read_bytes()
    (artifacts / "handout-hospital-es-TX.pdf").write_bytes(pdf)
    pages, text = read(pdf)
    texas = PLACES.place("TX", None)
    assert pages == 1
    assert f"En {texas.label}, todos los entornos (mayo de 2025)" in text
    assert f"Cifra aproximada para Hospital en {texas.label}" in text and "no es una cifra de la BLS" in text
