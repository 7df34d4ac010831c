"""How cited figures read on screen: value, period and source, or an explicit gap."""

from analysis.loading.loader import load_catalogs
from analysis.loading.schema import Fact
from analysis.presentation.facts import citation, format_value, money, with_period

CATALOGS = load_catalogs()


def fact(value, unit, **kw):
    base = {"period": "May 2024", "source": "bls-ooh-2024", "evidence": "secondary"} if value is not None else {"note": "no published figure; nearest: X"}
    return Fact(value=value, unit=unit, **{**base, **kw})


def test_values_read_naturally():
    assert format_value(fact(49310, "USD/year")) == "$49,310"
    assert format_value(fact(20.9, "USD/hour")) == "$20.90"
    assert format_value(fact(17, "percent")) == "17%"
    assert format_value(fact(463900, "jobs")) == "463,900 jobs"
    assert format_value(fact(1, "hours")) == "1 hour" and format_value(fact(20, "hours")) == "20 hours"
    assert with_period(fact(129, "USD", period="current")) == "$129 (current)"


def test_a_gap_is_said_never_zero():
    gap = fact(None, "USD/year")
    assert format_value(gap) == with_period(gap) == "no published figure"
    assert citation(gap, CATALOGS.sources) == "no published figure; nearest: X"


def test_citation_names_period_publisher_and_evidence():
    text = citation(fact(49310, "USD/year"), CATALOGS.sources)
    assert text.startswith("May 2024 · U.S. Bureau of Labor Statistics") and "secondary" in text


def test_running_text_says_what_a_rate_is_per():
    # The PDF's wording: the same figures, with what each one is per.
    assert format_value(fact(49310, "USD/year"), spoken=True) == "$49,310 a year"
    assert format_value(fact(20.9, "USD/hour"), spoken=True) == "$20.90 an hour"
    assert format_value(fact(2, "years"), spoken=True) == "every 2 years"
    assert format_value(fact(1, "years"), spoken=True) == "every 1 year"
    assert format_value(fact(129, "USD"), spoken=True) == "$129"
    assert format_value(fact(463900, "jobs"), spoken=True) == "463,900 jobs"
    assert format_value(fact(None, "USD/year"), spoken=True) == "no published figure"


def test_a_missing_amount_in_a_table_reads_as_a_gap():
    assert money(float("nan")) == money(None) == "no published figure"
    assert money(60430) == "$60,430" and money(60430 / 2080, hourly=True) == "$29.05"


def test_charts_and_the_pdf_format_figures_here():
    from analysis.presentation import figures, summary_pdf

    assert figures.money is money
    assert not hasattr(summary_pdf, "fact_value"), "the PDF formats figures with facts.format_value"
