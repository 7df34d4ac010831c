"""Pay where you live: the place picker in the session bar, and the local-pay blocks the pages call.

The place (a state, then optionally a metro or nonmetro area in it) lives in session state and in the link
(`state=`, `area=`). Every local figure is the BLS all-industries figure for that place, labelled with its
area, industry and period; a setting's local figure is only ever a rough estimate, labelled as one with its
method one click away, and never reaches the fit quiz.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from analysis.i18n import N_, _, number
from analysis.links.location import principal_state
from analysis.loading.oews import load_oews, load_provenance
from analysis.loading.schema import Profile
from analysis.local_pay import (
    PERIOD,
    AreaPay,
    Places,
    PlaceSummary,
    about_text,
    error_words,
    money,
    place_summary,
    place_table,
    places_from_table,
    rank_words,
    setting_estimate,
    uncertainty_notes,
)
from analysis.periods import localize_period
from analysis.presentation.charts import place_range_chart, tile_grid_chart
from analysis.presentation.safe_text import inert
from ui.links import SharedLinks
from ui.widgets import font_size, render_chart, show_notices

LOGGER = logging.getLogger(__name__)
STATE_KEY = "loc_state"  # the state picker's value: a state's name; None or US for the nation
AREA_KEY = "loc_area"  # the area picker's value: an area's label; None or WHOLE_STATE for the whole state
US = N_("United States (national figures only)")  # picker values stay English; shown through _()
WHOLE_STATE = N_("The whole state (no metro area)")
ESTIMATE_BADGE = N_(":orange-badge[Estimate, not a BLS figure]")


def _option(value: str) -> str:
    """A picker value (English) as shown: our own words translated, an area's label in the current language."""
    if value in (US, WHOLE_STATE):
        return _(value)
    pl = places()
    code = _by_label()[1].get(value)
    return pl.areas[code].label if pl is not None and code else value


@st.cache_resource(show_spinner=False)
def places() -> Places | None:
    """Every area's all-industries figures, read once per server process (read-only); None if unreadable."""
    try:
        table = load_oews()
        period = load_provenance().get("release") or PERIOD
        return places_from_table(table, str(period))
    except (OSError, ValueError, KeyError) as exc:  # the app runs on without local pay
        LOGGER.warning("local pay unavailable: %s", exc)
        return None


@st.cache_resource(show_spinner=False)
def _by_label() -> tuple[dict[str, str], dict[str, str]]:
    """(state name -> postal code, area label -> area code): the pickers show names, links carry codes."""
    pl = places()
    if pl is None:
        return {}, {}
    return {p.area_name: c for c, p in pl.states.items()}, {p.key: c for c, p in pl.areas.items()}


def chosen_codes() -> tuple[str | None, str | None]:
    """(postal code, area code) of the chosen place; None for what is not chosen."""
    pl = places()
    states, areas = _by_label()
    state = states.get(st.session_state.get(STATE_KEY))
    area = areas.get(st.session_state.get(AREA_KEY)) if state else None
    if pl is None or (area and not pl.area_in_state(area, state)):
        area = None
    return state, area


def chosen_place() -> AreaPay | None:
    """The chosen state or area, or None for the United States (or when the table is missing)."""
    pl = places()
    if pl is None:
        return None
    pay = pl.place(*chosen_codes())
    return None if pay.area_type == "national" else pay


def pdf_place() -> PlaceSummary | None:
    """What the take-home PDF prints about the chosen place (None: national figures only)."""
    pay, pl = chosen_place(), places()
    return place_summary(pl, pay) if pay is not None and pl is not None else None


def _read_link(pl: Places, links: SharedLinks) -> None:
    """Apply a pasted or clicked link's state/area to the pickers (bad values are dropped with a notice)."""
    ss = st.session_state
    new_state = links.read("state", places=pl)
    if new_state:
        ss[STATE_KEY] = pl.states[new_state].area_name
        ss[AREA_KEY] = WHOLE_STATE
    new_area = links.read("area", places=pl, state=new_state)
    if new_area:
        state = chosen_codes()[0]
        if not (state and pl.area_in_state(new_area, state)):
            state = principal_state(new_area, pl)
            ss[STATE_KEY] = pl.states[state].area_name if state else None
        ss[AREA_KEY] = pl.areas[new_area].key


def _reset_area() -> None:
    st.session_state[AREA_KEY] = None


def location_picker(container) -> None:
    """'Pay for: …' in the session bar: a searchable state list, then the areas within the chosen state."""
    pl = places()
    if pl is None:
        container.caption(_("Local pay is unavailable: the BLS table could not be read."))
        return
    ss = st.session_state
    links = SharedLinks()
    _read_link(pl, links)
    state, area = chosen_codes()
    # Nothing chosen is None (a fresh session holds nothing), shown as the placeholder.
    if state is None and ss.get(STATE_KEY) != US:
        ss[STATE_KEY] = None
    if area is None and ss.get(AREA_KEY) != WHOLE_STATE:
        ss[AREA_KEY] = None
    here = chosen_place()
    with container.popover(
        _("Pay for: {place}").format(place=inert(here.label if here else _("United States"))),
        icon=":material/location_on:",
        key="location_popover",
    ):
        st.selectbox(
            _("State or territory (type to search)"),
            [US, *(p.area_name for p in pl.states.values())],
            index=None,
            placeholder=_(US),
            key=STATE_KEY,
            on_change=_reset_area,
            format_func=_option,
        )
        if state is not None:
            st.selectbox(
                _("Metro or nonmetro area (optional)"),
                [WHOLE_STATE, *(a.key for a in pl.areas_in(state))],
                index=None,
                placeholder=_(WHOLE_STATE),
                key=AREA_KEY,
                format_func=_option,
            )
        st.caption(
            _(
                "BLS publishes pay for pharmacy technicians in every state, metro and nonmetro area ({period}), "
                "for all settings together. Every page shows it beside the national figures."
            ).format(period=inert(localize_period(pl.national.period)))
        )
    if state is None:
        links.forget("state")
    else:
        links.write("state", state)
    if area is None:
        links.forget("area")
    else:
        links.write("area", area)
    show_notices(links.notices)


# --- Blocks the pages call ----------------------------------------------------------------------------


def _national_medians(national=None) -> dict[str, float]:
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
    fact = profile.facts.median_wage_annual
    value = fact.value if isinstance(fact.value, (int, float)) else None
    est = setting_estimate(
        pay, profile.short_name, profile.bls_industry.title, value, fact.period, _national_medians(national)
    )
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


def _estimateinert(pay: AreaPay, profile: Profile, medians: dict[str, float]) -> str:
    fact = profile.facts.median_wage_annual
    value = fact.value if isinstance(fact.value, (int, float)) else None
    est = setting_estimate(pay, profile.short_name, profile.bls_industry.title, value, fact.period, medians)
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
    medians = _national_medians(national)
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
                _("Rough local figure for the setting"): _estimateinert(pay, p, medians),
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


def local_card_line() -> None:
    """A setting card's one line: the chosen place's all-settings median, labelled with area and period."""
    pay = chosen_place()
    if pay is not None:
        st.markdown(
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
    st.markdown(_("United States: {place_line}").format(place_line=place_line(pl.national)))
    render_chart(tile_grid_chart(pl, chosen_codes()[0], font_size()), key="state_map")
    box = st.expander(
        _("All states and territories, sortable (click a column heading)"), key="state_table", on_change="rerun"
    )
    with box:
        if box.open:
            st.dataframe(place_table(pl, "state"), hide_index=True, width="stretch")
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


def about_local_pay() -> None:
    """The About page's section on local pay: source, what it covers, the estimate and the cautions."""
    pl = places()
    if pl is None:
        st.markdown(_("Local pay is unavailable: the BLS table could not be read."))
        return
    st.subheader(_("Pay where you live"))
    st.markdown(about_text(pl, str(load_provenance().get("bls_published") or "")).replace("$", "\\$"))
