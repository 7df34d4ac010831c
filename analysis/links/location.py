"""`?state=OH&area=0017410`: the place whose pay every page shows beside the national figures.

`state` is a two-letter postal code (any case), `area` a 7-digit BLS metro or nonmetro area code that must
lie in that state. An area alone brings its principal state with it. Whatever cannot be used is dropped
with a plain notice; nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from analysis.links.common import clip

_STATE = re.compile(r"[A-Za-z]{2}")
_AREA = re.compile(r"[0-9]{7}")


def _last(values: Sequence[str], param: str, notices: list[str]) -> str:
    if len(values) > 1:
        notices.append(f"The link repeats “{param}”; only its last value was used.")
    return values[-1].strip() if isinstance(values[-1], str) else ""


def parse_location(state_values: Sequence[str], area_values: Sequence[str], state_names: Mapping[str, str],
                   area_names: Mapping[str, str], area_in_state: Callable[[str, str], bool],
                   principal_state: Mapping[str, str]) -> tuple[str | None, str | None, list[str]]:
    """(state code or None, area code or None, notices) from the link's `state` and `area` values.

    `state_names`: postal code -> name of every state and territory BLS publishes; `area_names`: area code ->
    name of every metro and nonmetro area; `principal_state`: area code -> its principal state's postal code.
    """
    notices: list[str] = []
    state: str | None = None
    area: str | None = None
    if state_values:
        raw = _last(state_values, "state", notices)
        code = raw.upper()
        if _STATE.fullmatch(raw) and code in state_names:
            state = code
        else:
            notices.append(f"Ignored “state={clip(raw)}” in the link: it should be the two-letter postal code of a US "
                           "state or territory, e.g. state=OH. Pay is shown for the United States.")
    if area_values:
        raw = _last(area_values, "area", notices)
        if not (_AREA.fullmatch(raw) and raw in area_names):
            notices.append(f"Ignored “area={clip(raw)}” in the link: it is not a BLS metro or nonmetro area code "
                           "(seven digits, e.g. area=0017410 for Cleveland, OH).")
        elif state is None and state_values:
            notices.append(f"Ignored “area={raw}” ({area_names[raw]}) in the link because its state was not usable.")
        elif state is not None and not area_in_state(raw, state):
            notices.append(f"Ignored “area={raw}” in the link: {area_names[raw]} is not in {state_names[state]}. "
                           f"Pay is shown for {state_names[state]}.")
        else:
            area = raw
            state = state or principal_state.get(raw) or None
    return state, area, notices
