"""Pay where you live, the place picker: 'Pay for: …' in the session bar, and the chosen place for every page.

The place (a state, then optionally a metro or nonmetro area in it) is kept as codes: in session state and in the
link (`state=` postal code, `area=` BLS area code). The pickers' options are those codes too; only their
`format_func` turns them into names, in the current language. The blocks that show the place's pay live in
ui/local_pay.py.
"""

from __future__ import annotations

import logging

import streamlit as st

from analysis.i18n import N_, _
from analysis.links.location import principal_state
from analysis.loading.oews import load_oews, load_provenance
from analysis.local_pay import PERIOD, AreaPay, Places, PlaceSummary, place_summary, places_from_table
from analysis.periods import localize_period
from analysis.presentation.safe_text import inert, inert_label
from ui.links import SharedLinks
from ui.memo import shared

LOGGER = logging.getLogger(__name__)
PLACE_KEY = "loc_place"  # session state: (postal code or None, area code or None), the chosen place
STATE_KEY = "loc_state"  # the state picker's value: a postal code, NATION, or None (nothing chosen)
POPOVER_KEY = "location_popover"  # session state: whether "Pay for" is open
AREA_KEY = "loc_area"  # the area picker's value: an area code, WHOLE_STATE, or None (nothing chosen)
NATION = "US"  # the state picker's first option: national figures only (no state has this postal code)
WHOLE_STATE = "state"  # the area picker's first option: the whole state (no BLS area has this code)
NATION_WORDS = N_("United States (national figures only)")
WHOLE_STATE_WORDS = N_("The whole state (no metro area)")


@shared()
def places() -> Places | None:
    """Every area's all-industries figures, read once per server process (read-only); None if unreadable."""
    try:
        table = load_oews()
        period = load_provenance().get("release") or PERIOD
        return places_from_table(table, str(period))
    except (OSError, ValueError, KeyError) as exc:  # the app runs on without local pay
        LOGGER.warning("local pay unavailable: %s", exc)
        return None


def chosen_codes() -> tuple[str | None, str | None]:
    """(postal code, area code) of the chosen place; None for what is not chosen."""
    state, area = st.session_state.get(PLACE_KEY) or (None, None)
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


def _choose(pl: Places, state: str | None, area: str | None) -> None:
    """Make (state, area) the chosen place, dropping what the table does not have."""
    state = state if state in pl.states else None
    area = area if state and area in pl.areas and pl.area_in_state(area, state) else None
    st.session_state[PLACE_KEY] = (state, area)


def _read_link(pl: Places, links: SharedLinks) -> None:
    """Apply a pasted or clicked link's state/area (bad values are dropped with a notice)."""
    new_state = links.read("state", places=pl)
    state, area = chosen_codes()
    if new_state:
        state, area = new_state, None
    new_area = links.read("area", places=pl, state=new_state)
    if new_area:
        if not (state and pl.area_in_state(new_area, state)):
            state = principal_state(new_area, pl)
        area = new_area
    if new_state or new_area:
        _choose(pl, state, area)


# The pickers hold what the person chose; PLACE_KEY is what the pages read. Streamlit may forget a picker's value
# on a page change (for example when it was set from a link and never opened), so the pickers are set from
# PLACE_KEY before they are drawn, and their callbacks write the person's choice back into it.


def _state_chosen() -> None:
    code = st.session_state.get(STATE_KEY)
    st.session_state[PLACE_KEY] = (None if code in (None, NATION) else code, None)
    st.session_state[AREA_KEY] = None
    _keep_open()


def _area_chosen() -> None:
    state = chosen_codes()[0]
    code = st.session_state.get(AREA_KEY)
    st.session_state[PLACE_KEY] = (state, None if code in (None, WHOLE_STATE) else code)
    _keep_open()


def _keep_open() -> None:
    """Keep "Pay for" open after a pick, so the area can be chosen next and keyboard focus stays in it: the popover's
    label names the place, and Streamlit takes a lazy popover with a new label for a new one, closed."""
    st.session_state[POPOVER_KEY] = True


def _show_pickers_the_place(state: str | None, area: str | None) -> None:
    """Set the pickers to the chosen place, leaving an explicit 'United States' or 'whole state' alone."""
    ss = st.session_state
    if (ss.get(STATE_KEY) or NATION) != (state or NATION):
        ss[STATE_KEY] = state
    if (ss.get(AREA_KEY) or WHOLE_STATE) != (area or WHOLE_STATE):
        ss[AREA_KEY] = area


def _place_select(label: str, names: dict[str, str], key: str, on_change) -> None:
    """A place picker whose options are codes shown by name. The first option is the wider place (the nation, the
    whole state), and with nothing chosen the picker reads as that."""
    st.selectbox(
        inert_label(label),
        tuple(names),
        index=None,
        placeholder=inert_label(next(iter(names.values()))),
        key=key,
        on_change=on_change,
        format_func=names.__getitem__,
    )


def location_picker() -> list[str]:
    """'Pay for: …' in the session bar: a searchable state list, then the areas within the chosen state. Returns the
    notices about the link's place, for the caller to show below the bar rather than inside its row."""
    pl = places()
    if pl is None:
        st.caption(_("Local pay is unavailable: the BLS table could not be read."))
        return []
    links = SharedLinks()
    _read_link(pl, links)
    state, area = chosen_codes()
    _show_pickers_the_place(state, area)
    here = chosen_place()
    # Lazy: the pickers are built and sent only while the popover is open (it reruns the page when opened), not on
    # every run of every page.
    popover = st.popover(
        _("Pay for: {place}").format(place=inert(here.label if here else _("United States"))),
        icon=":material/location_on:",
        key=POPOVER_KEY,
        on_change="rerun",
    )
    if popover.open:
        _pickers(pl, state, popover)
    if state is None:
        links.forget("state")
    else:
        links.write("state", state)
    if area is None:
        links.forget("area")
    else:
        links.write("area", area)
    return links.notices


def _pickers(pl: Places, state: str | None, popover) -> None:
    """The state picker, the area picker once a state is chosen, and what the figures are."""
    # Names for the options (the state names are BLS's; an area's label is in the language).
    state_names = {NATION: _(NATION_WORDS), **{code: p.area_name for code, p in pl.states.items()}}
    with popover:
        _place_select(_("State or territory (type to search)"), state_names, STATE_KEY, _state_chosen)
        if state is not None:
            area_labels = {WHOLE_STATE: _(WHOLE_STATE_WORDS), **{a.area_code: a.label for a in pl.areas_in(state)}}
            _place_select(_("Metro or nonmetro area (optional)"), area_labels, AREA_KEY, _area_chosen)
        st.caption(
            _(
                "BLS publishes pay for pharmacy technicians in every state, metro and nonmetro area ({period}), "
                "for all settings together. Every page shows it beside the national figures."
            ).format(period=inert(localize_period(pl.national.period)))
        )
