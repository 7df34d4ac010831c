"""Periods and dates in words, in English and Spanish: every period the data writes is a structured record
(data/periods.yaml), formatted with Babel, never English read back out of text."""

from __future__ import annotations

import csv
import datetime as dt
import re
import string

import pytest
import yaml

from analysis import periods
from analysis.figure_text import citation, format_value, plain_period, with_period
from analysis.i18n import period_phrases, set_language
from analysis.loading.loader import load_profiles
from analysis.loading.oews import load_provenance
from analysis.loading.schema import Fact
from analysis.paths import DATA_DIR
from analysis.pathways.overview import credential_rows
from analysis.pathways.renewals import renewal_obligations
from analysis.periods import PeriodFileError, day_text, localize_period, read_period, read_periods

RESULT = load_profiles()
SOURCES = RESULT.catalogs.sources
RECORDS = read_periods()
# English words that only a period or a source note would bring onto a Spanish page.
ENGLISH = re.compile(
    r"\b(current|undated|page|guidebook|checked|posting|postings|standard|since|effective|wages|projections|"
    r"as read|date not given|relayed|quoting|summarising|transcribed|released|launched|statutes|format|average)\b",
    re.IGNORECASE,
)
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(autouse=True)
def _english_after():
    yield
    set_language("en")


def _cited_facts() -> list[Fact]:
    facts = [f for p in RESULT.profiles for f in p.all_facts().values()]
    facts += [f for c in RESULT.catalogs.credentials.values() for f in c.all_facts().values()]
    national = RESULT.catalogs.national
    facts += [getattr(national, k) for k in type(national).model_fields] if national else []
    return facts


def _data_periods() -> set[str]:
    """Every period label the bundled data writes: figures, sources, entry conditions, the OEWS releases."""
    labels = {f.period for f in _cited_facts() if f.period} | {s.period for s in SOURCES.values()}
    labels |= {e.period for p in RESULT.profiles if p.entry for e in p.entry.experience if e.period}
    labels.add(str(load_provenance()["release"]))
    with (DATA_DIR / "oews" / "national_trend.csv").open(encoding="utf-8") as fh:
        labels |= {row["release"] for row in csv.DictReader(fh)}
    return {" ".join(label.split()) for label in labels}


def test_every_period_in_the_data_is_a_structured_record():
    missing = sorted(p for p in _data_periods() if periods.period_record(p) is None)
    assert not missing, f"periods with no record in data/periods.yaml: {missing}"


def test_every_period_reads_in_spanish_without_english_or_iso_dates():
    set_language("es")
    for label in RECORDS:
        for text in (localize_period(label), read_period(label, "2026-11-24")):
            assert not ISO_DAY.search(text), (label, text)
            assert not ENGLISH.search(text), (label, text)
            assert "( )" not in text and "()" not in text and "(page" not in text, (label, text)


def test_words_around_dates_have_spanish_with_the_same_placeholders():
    spanish = period_phrases("es")
    for label, record in RECORDS.items():
        if not record.words:
            continue
        assert record.words in spanish, f"{label!r}: no Spanish for {record.words!r} in locale/es/phrases.yaml"
        names = {name for _, name, _, _ in string.Formatter().parse(record.words) if name}
        assert names == {name for _, name, _, _ in string.Formatter().parse(spanish[record.words]) if name}, label
        assert names <= {"date", "checked", *record.also}, f"{label!r}: a placeholder with no date"


@pytest.mark.parametrize(
    ("label", "english", "spanish"),
    [
        ("May 2025", "May 2025", "mayo de 2025"),
        ("2024-34", "2024-34", "2024-34"),
        ("c. 2024-25", "c. 2024-25", "c. 2024-25"),
        ("c. 2020s", "c. 2020s", "c. década de 2020"),
        ("2021-07-16", "July 16, 2021", "16 de julio de 2021"),
        (
            "May 2023, May 2024 and May 2025",
            "May 2023, May 2024, and May 2025",
            "mayo de 2023, mayo de 2024 y mayo de 2025",
        ),
        (
            "PTCB refund policy (c. 2024-25)",
            "PTCB refund policy (c. 2024-25)",
            "política de reembolsos de PTCB (c. 2024-25)",
        ),
        (
            "c. 2015-16 (page undated)",
            "c. 2015-16 (the page itself is undated)",
            "c. 2015-16 (la página no tiene fecha)",
        ),
        (
            "PTCB pages checked 2026-11-30",
            "PTCB pages checked November 30, 2026",
            "páginas de PTCB revisadas el 30 de noviembre de 2026",
        ),
        ("current guidebook", "current guidebook", "guía, vigente"),
    ],
)
def test_a_period_in_both_languages(label, english, spanish):
    assert localize_period(label) == english
    set_language("es")
    assert localize_period(label) == spanish


def test_a_current_or_undated_period_becomes_the_day_its_page_was_read():
    assert read_period("current fee table (c. 2024-26)", "2026-11-24") == (
        "fee table (c. 2024-26), as read on November 24, 2026"
    )
    assert read_period("undated", "2026-11-24") == "undated page, as read on November 24, 2026"
    assert read_period("current", None) == "date not given"  # only without its source
    set_language("es")
    assert read_period("current fee table (c. 2024-26)", "2026-11-24") == (
        "tabla de tarifas (c. 2024-26), según se consultó el 24 de noviembre de 2026"
    )
    assert (
        read_period("undated", dt.date(2026, 11, 30))
        == "página sin fecha, según se consultó el 30 de noviembre de 2026"
    )
    assert day_text("2026-11-30") == "30 de noviembre de 2026"


def test_a_label_with_no_record_reads_as_written():
    assert localize_period("a period nobody recorded") == "a period nobody recorded"


def test_a_bad_record_is_a_clear_error_naming_the_label(tmp_path):
    bad = tmp_path / "periods.yaml"
    bad.write_text(yaml.safe_dump({"periods": {"May 2099": {"month": "May 2099"}}}), encoding="utf-8")
    with pytest.raises(PeriodFileError, match=r"periods.yaml: period 'May 2099': month: .*not a month written YYYY-MM"):
        read_periods(bad)
    bad.write_text(yaml.safe_dump({"periods": {"M": {"months": ["2020-01", "2020-13"]}}}), encoding="utf-8")
    with pytest.raises(PeriodFileError, match=r"period 'M': months: .*'2020-13' is not a month"):
        read_periods(bad)
    bad.write_text(yaml.safe_dump({"periods": {"two": {"year": 2020, "month": "2020-01"}}}), encoding="utf-8")
    with pytest.raises(PeriodFileError, match=r"period 'two': .*give one of"):
        read_periods(bad)
    bad.write_text("periods: [May 2025]\n", encoding="utf-8")
    with pytest.raises(PeriodFileError, match="expected a mapping"):
        read_periods(bad)


def test_the_app_keeps_the_valid_records_and_lists_the_bad_ones(tmp_path):
    mixed = tmp_path / "periods.yaml"
    mixed.write_text(yaml.safe_dump({"periods": {"May 2025": {"month": "2025-05"}, "x": {"month": "May"}}}), "utf-8")
    problems: list[str] = []
    assert list(read_periods(mixed, problems)) == ["May 2025"]
    assert problems == ["periods.yaml: period 'x': month: Value error, 'May' is not a month written YYYY-MM"]
    assert periods.period_record("May 2025") is not None and not periods.BUNDLED_PROBLEMS  # the bundled file is clean


def test_credential_lists_date_their_figures_as_detail_does():
    """The at-a-glance table and the renewal lists show the same period words as the citations on Detail:
    a figure whose source says 'current' reads as the day it was read, never '(date not given)'."""
    for lang in ("en", "es"):
        set_language(lang)
        cells = [cell for row in credential_rows(RESULT.catalogs) for cell in row.values()]
        renewals = [r.text for r in renewal_obligations(set(RESULT.catalogs.credentials), RESULT.catalogs)]
        for text in cells + renewals:
            assert "date not given" not in text and "sin fecha)" not in text, text
        cpht = RESULT.catalogs.credentials["cpht"].facts.renewal_fee
        assert f"({plain_period(cpht, SOURCES)})" in " ".join(cells)
        assert plain_period(cpht, SOURCES) in citation(cpht, SOURCES)
        assert with_period(cpht, SOURCES) in " ".join(renewals)


def test_a_date_figure_reads_as_a_day_in_words():
    va = next(p for p in RESULT.profiles if p.id == "federal-va")
    day = next(f for f in va.all_facts().values() if f.unit == "date")
    assert format_value(day) == day_text(day.value) and not ISO_DAY.search(format_value(day))
    set_language("es")
    assert format_value(day) == "7 de noviembre de 2023"
