"""Pay where you live, the page blocks: the chosen place's published BLS pay beside the national figures on
Overview, Compare, Setting detail, the quiz and About.

Every local figure is the BLS all-industries figure for the place chosen with the picker (ui/location.py), labelled
with its area, industry and period; a setting's local figure is only ever a rough estimate, labelled as one with its
method one click away, and never reaches the fit quiz.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from analysis.i18n import N_, _, number
from analysis.loading.oews import load_provenance
from analysis.loading.schema import Profile
from analysis.local_pay import (
    AreaPay,
    Estimate,
    Places,
    about_text,
    error_words,
    money,
    place_table,
    rank_words,
    setting_estimate,
    uncertainty_notes,
)
from analysis.periods import localize_period
from analysis.presentation.charts import place_range_chart
from analysis.presentation.safe_text import inert, no_maths
from ui.chart_cache import state_map
from ui.location import chosen_codes, chosen_place, places
from ui.memo import shared
from ui.widgets import font_size, render_chart

ESTIMATE_BADGE = N_(":orange-badge[Estimate, not a BLS figure]")


def national_medians(national=None) -> dict[str, float]:
    """All-industries national medians by period, for the rough estimate (same-period ratios only).
    `national` is the catalog's NationalFacts (or None); the OEWS table adds its own period."""
    pl = places()
    out: dict[str, float] = {}
    national_fact = getattr(national, "median_wage_annual", None)
    if national_fact is not None and isinstance(national_fact.value, (int, float)) and national_fact.period:
        out[national_fact.period] = float(national_fact.value)
    if pl is not None and pl.national.median is not None:
        out[pl.national.period] = pl.national.median
    return out


def place_line(pay: AreaPay, hourly: bool = False) -> str:
    """One Markdown line: the place's published all-settings figures with their label, area, industry and period."""
    d = pay.hourly if hourly else pay.annual
    spread = (
        _(" · 10th–90th percentile {low}–{high}").format(
            low=inert(money(d[10], hourly)), high=inert(money(d[90], hourly))
        )
        if d[10] is not None and d[90] is not None
        else ""
    )
    employed = (
        _("employment not published")
        if pay.employment is None
        else _("{n} technicians").format(n=inert(number(pay.employment)))
    )
    return (
        _("**{place}**, all settings ({period}): median **{median}** an hour")
        if hourly
        else _("**{place}**, all settings ({period}): median **{median}** a year")
    ).format(
        place=inert(pay.label), period=inert(localize_period(pay.period)), median=inert(money(d[50], hourly))
    ) + f"{spread} · {employed} · {inert(error_words(pay))} · BLS OEWS"


def local_beside(profile: Profile | None = None, national=None, estimate: bool = False) -> None:
    """Under a setting's national pay: the chosen place's published figures and, if asked, a rough estimate."""
    pay = chosen_place()
    if pay is None:
        return
    st.markdown(_("In {place_line}").format(place_line=place_line(pay)))
    if not estimate or profile is None:
        return
    est = rough_estimate(pay, profile, national_medians(national))
    if est is None:
        st.caption(
            _(
                "No rough local figure for {setting}: it needs this setting's published national median and the "
                "national median of the same period."
            ).format(setting=inert(profile.short_name))
        )
        return
    left, right = st.columns([3, 2], vertical_alignment="center")
    left.markdown(
        _("Rough figure for {setting} in {place}: **about {value}** a year ").format(
            setting=inert(profile.short_name), place=inert(pay.label), value=inert(money(est.value))
        )
        + _(ESTIMATE_BADGE)
    )
    with right.popover(_("Method"), icon=":material/calculate:", help=_("How this estimate is made")):
        st.markdown(inert(est.method))


def rough_estimate(pay: AreaPay, profile: Profile, national_medians: dict[str, float]) -> Estimate | None:
    """The setting's rough local figure in `pay`'s place (None when a figure it needs is missing)."""
    fact = profile.facts.median_wage_annual
    value = fact.value if isinstance(fact.value, (int, float)) else None
    return setting_estimate(pay, profile.short_name, profile.bls_industry.title, value, fact.period, national_medians)


def _estimate_cell(pay: AreaPay, profile: Profile, national_medians: dict[str, float]) -> str:
    est = rough_estimate(pay, profile, national_medians)
    return (
        _("about {value} a year (estimate)").format(value=money(est.value))
        if est
        else _("no estimate (a figure is missing)")
    )


def local_pay_table(profiles: Sequence[Profile], national=None, hourly: bool = False, for_quiz: bool = False) -> None:
    """Compare and quiz: the chosen place's distribution next to each setting's national figure, and the
    place's all-settings range beside the nation's. Rough estimates sit in their own labelled column."""
    pay = chosen_place()
    pl = places()
    if pay is None or pl is None:
        return
    st.markdown("#### " + _("Pay in {place}").format(place=inert(pay.label)))
    st.caption(
        _("Beside each setting's national figure: the chosen place's published pay for all settings together.")
        + (
            " " + _("The fit ranking above uses national figures only; local figures never change it.")
            if for_quiz
            else ""
        )
    )
    rows = (
        [pl.national] + ([pl.states[pay.state]] if pay.area_type != "state" and pay.state in pl.states else []) + [pay]
    )
    render_chart(place_range_chart(rows, hourly=hourly, font_size=font_size()), key="local_range_chart")
    medians = national_medians(national)
    table = []
    for p in profiles:
        fact = p.facts.median_wage_annual
        national = (
            _("{value} a year ({period})").format(value=money(fact.value), period=localize_period(fact.period or ""))
            if isinstance(fact.value, (int, float))
            else _("no published figure")
        )
        table.append(
            {
                _("Setting"): p.short_name,
                _("National median for its industry"): f"{national} · {p.bls_industry.title}",
                _("{place}, all settings ({period})").format(place=pay.label, period=localize_period(pay.period)): _(
                    "median {median} a year; 10th–90th {low}–{high}"
                ).format(median=money(pay.median), low=money(pay.annual[10]), high=money(pay.annual[90])),
                _("Rough local figure for the setting"): _estimate_cell(pay, p, medians),
            }
        )
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
    st.caption(
        _(
            "BLS publishes pay for one setting (industry) only nationally; its local figures cover all settings "
            "together. The last column is our rough estimate, not a BLS figure."
        )
    )
    with st.popover(_("How the rough local figures are made"), icon=":material/calculate:"):
        st.markdown(
            inert(
                _(
                    "Each is the local median for all pharmacy technicians, scaled by how far the setting's "
                    "national median sits from the national median for all technicians in the same period. "
                    "It assumes each setting pays locally as it does nationally relative to the local median; "
                    "employers may not. The fit quiz never uses these figures."
                )
            )
        )
    cautions(pay)


def cautions(pay: AreaPay) -> None:
    """BLS flags and thin samples for this place, in plain words."""
    for note in uncertainty_notes(pay):
        st.warning(inert(note), icon=":material/info:")


def local_card_line(pay: AreaPay | None) -> str:
    """A setting card's line about the chosen place `pay` (from chosen_place()): its all-settings median, labelled
    with area and period; "" when no place is chosen."""
    if pay is None:
        return ""
    return (
        _("{place}, all settings ({period}): **{median}**").format(
            place=inert(pay.label), period=inert(localize_period(pay.period)), median=inert(money(pay.median))
        )
        + " "
        + _(":blue-badge[Local]")
    )


def overview_local_pay() -> None:
    """Overview: the chosen place against the nation, its rank in words, the tile-grid map and sortable tables."""
    pl = places()
    if pl is None:
        return
    pay = chosen_place()
    st.subheader(_("Pay where you live"))
    if pay is None:
        st.markdown(
            _(
                "Choose a state, and then a metro area if you like, with **Pay for** at the top of the page: "
                "every page then shows its pay beside the national figures."
            )
        )
    else:
        st.markdown(place_line(pay))
        st.markdown(inert(rank_words(pl, pay)))
        cautions(pay)
        if pay.area_type != "state" and pay.state in pl.states:
            st.markdown(_("Whole state: {place_line}").format(place_line=place_line(pl.states[pay.state])))
            st.markdown(inert(rank_words(pl, pl.states[pay.state])))
    st.markdown(place_line(pl.national))  # it names the United States itself
    render_chart(state_map(chosen_codes()[0], font_size()), key="state_map")
    box = st.expander(
        _("All states and territories, sortable (click a column heading)"), key="state_table", on_change="rerun"
    )
    with box:
        if box.open:
            st.dataframe(place_table(pl, "state"), hide_index=True, width="stretch")
            st.caption(_table_source(pl))
    if pay is not None:
        box = st.expander(
            _("Metro and nonmetro areas in {state}, sortable").format(state=inert(pl.states[pay.state].area_name)),
            key="area_table",
            on_change="rerun",
        )
        with box:
            if box.open:  # built only when opened: keeps reruns cheap
                areas = place_table(pl, "area")
                inside = areas[areas[_("Code")].isin([a.area_code for a in pl.areas_in(pay.state)])]
                st.dataframe(inside, hide_index=True, width="stretch")
                st.caption(_table_source(pl))


def _table_source(pl: Places) -> str:
    """The source and period under a sortable table of places."""
    return _(
        "Source: {period}, U.S. Bureau of Labor Statistics, OEWS, pharmacy technicians (SOC 29-2052), all industries."
    ).format(period=inert(localize_period(pl.national.period)))


def about_local_pay() -> None:
    """The About page's section on local pay: source, what it covers, the estimate and the cautions."""
    pl = places()
    if pl is None:
        st.markdown(_("Local pay is unavailable: the BLS table could not be read."))
        return
    st.subheader(_("Pay where you live"))
    st.markdown(no_maths(about_text(pl, str(oews_provenance().get("bls_published") or ""))))


@shared()
def oews_provenance() -> dict:
    """The OEWS table's provenance record, read once per server process (read-only)."""
    return load_provenance()
