"""`?state=OH&area=0017410`: the place whose pay every page shows beside the national figures.

`state` is a two-letter postal code (any case); `area` a 7-digit BLS metro or nonmetro area code that lies in
that state. An area without a usable state brings its principal state with it. Each parser returns
(value or None, notices) and never raises; the registry adds the rules every parameter shares (repeated keys,
over-long values).
"""

from __future__ import annotations

import re

from analysis.i18n import _
from analysis.links.common import clip
from analysis.local_pay import Places

_STATE = re.compile(r"[A-Za-z]{2}")
_AREA = re.compile(r"[0-9]{7}")
EXAMPLE_AREA = "0017410 for Cleveland, OH"


def parse_state(text: str, places: Places) -> tuple[str | None, list[str]]:
    """'oh' or 'OH' -> 'OH' when BLS publishes that state or territory."""
    raw = str(text).strip()
    code = raw.upper()
    if _STATE.fullmatch(raw) and code in places.states:
        return code, []
    return None, [
        _(
            "Ignored “state={raw}” in the link: it should be the two-letter postal code of a US state or territory, "
            "e.g. state=OH."
        ).format(raw=clip(raw))
    ]


def parse_area(text: str, places: Places, state: str | None = None) -> tuple[str | None, list[str]]:
    """A metro or nonmetro area code; with `state` given, the area must lie in it."""
    raw = str(text).strip()
    if not (_AREA.fullmatch(raw) and raw in places.areas):
        return None, [
            _(
                "Ignored “area={raw}” in the link: it should be the 7-digit code of a BLS metro or nonmetro area, "
                "e.g. area={example}."
            ).format(raw=clip(raw), example=EXAMPLE_AREA)
        ]
    if state and not places.area_in_state(raw, state):
        name = places.states[state].area_name if state in places.states else state
        return None, [
            _(
                "Ignored “area={raw}” in the link: {area} is not in {state}, so pay is shown for {state} as a whole."
            ).format(raw=raw, area=places.areas[raw].area_name, state=name)
        ]
    return raw, []


def principal_state(area: str, places: Places) -> str | None:
    """The state an area is filed under (its principal state), for an area that arrives without one."""
    pay = places.areas.get(area)
    return pay.state if pay is not None and pay.state in places.states else None
