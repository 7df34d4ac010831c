"""How cited figures read on screen: value, period and source, or an explicit gap."""

import datetime as dt

from analysis.loading.loader import load_catalogs
from analysis.loading.schema import Fact
from analysis.presentation.facts import citation, format_value, money, with_period

CATALOGS = load_catalogs()


def fact(value, unit, **kw):
    base = (
        {"period": "May 2024", "source": "bls-ooh-2024", "evidence": "secondary"}
        if value is not None
        else {"note": "no published figure; nearest: X"}
    )
    return Fact(value=value, unit=unit, **{**base, **kw})


def test_values_read_naturally():
    assert format_value(fact(49310, "USD/year")) == "$49,310"
    assert format_value(fact(20.9, "USD/hour")) == "$20.90"
    assert format_value(fact(17, "percent")) == "17%"
    assert format_value(fact(463900, "jobs")) == "463,900 jobs"
    assert format_value(fact(1, "hours")) == "1 hour" and format_value(fact(20, "hours")) == "20 hours"
    assert with_period(fact(129, "USD", period="May 2024")) == "$129 (May 2024)"


def test_a_gap_is_said_never_zero():
    gap = fact(None, "USD/year")
    assert format_value(gap) == with_period(gap) == "no published figure"
    assert citation(gap, CATALOGS.sources) == "no published figure; nearest: X"


def test_citation_names_publisher_and_period_in_plain_words():
    assert citation(fact(49310, "USD/year", evidence="primary"), CATALOGS.sources) == "BLS, May 2024"
    relayed = citation(fact(49310, "USD/year"), CATALOGS.sources)
    assert relayed == "May 2024, as reported by BLS"
    for text in (relayed, citation(fact(1, "jobs", evidence="secondary-corroborated"), CATALOGS.sources)):
        assert "publisher's own" not in text and "secondary page" not in text  # the jargon stays on About


def test_every_period_is_a_date_never_current():
    accessed = dt.date.fromisoformat(CATALOGS.sources["bls-ooh-2024"].accessed)
    when = f"as read on {accessed:%B} {accessed.day}, {accessed.year}"  # the day the page was read, in words
    assert citation(fact(129, "USD", period="current", evidence="primary"), CATALOGS.sources) == f"BLS, {when}"
    assert with_period(fact(129, "USD", period="current fee table (c. 2024-26)"), CATALOGS.sources) == (
        f"$129 (fee table (c. 2024-26), {when})"
    )
    assert citation(fact(5, "years", period="undated"), CATALOGS.sources) == f"undated page, {when}, as reported by BLS"


def test_no_bundled_figure_is_cited_as_current():
    from analysis.loading.loader import load_profiles

    result = load_profiles()
    facts = [f for item in [*result.profiles, *result.catalogs.credentials.values()] for f in item.all_facts().values()]
    national = result.catalogs.national
    facts += [getattr(national, k) for k in type(national).model_fields]
    cited = [citation(f, result.catalogs.sources) for f in facts if f.value is not None]
    assert any(f.period and "current" in f.period for f in facts), "precondition: some figures say 'current'"
    assert cited and not [c for c in cited if "current" in c.lower() or "undated," in c.lower() and "as read" not in c]


def test_running_text_says_what_a_rate_is_per():
    # The PDF's wording: the same figures, with what each one is per.
    assert format_value(fact(49310, "USD/year"), spoken=True) == "$49,310 a year"
    assert format_value(fact(20.9, "USD/hour"), spoken=True) == "$20.90 an hour"
    assert format_value(fact(2, "years"), spoken=True) == "every 2 years"
    assert format_value(fact(1, "years"), spoken=True) == "every year"
    assert format_value(fact(129, "USD"), spoken=True) == "$129"
    assert format_value(fact(463900, "jobs"), spoken=True) == "463,900 jobs"
    assert format_value(fact(None, "USD/year"), spoken=True) == "no published figure"


def test_a_missing_amount_in_a_table_reads_as_a_gap():
    assert money(float("nan")) == money(None) == "no published figure"
    assert money(60430) == "$60,430" and money(60430 / 2080, hourly=True) == "$29.05"


def test_charts_and_the_pdf_format_figures_here():
    from analysis.presentation import summary_pdf
    from analysis.presentation.charts import compare, pay

    assert pay.money is money and compare.money is money
    assert not hasattr(summary_pdf, "fact_value"), "the PDF formats figures with facts.format_value"
