"""Reading shareable-link parameters: never trust them, never fail on them.

Each parser takes the raw values from the URL and returns what it could use plus
plain-language notices for whatever it ignored. The UI shows the notices.
"""

from __future__ import annotations

from typing import Iterable, Sequence

MAX_PARAM_CHARS = 2000  # longer values are not links anyone made by clicking


def _clip(value: str, n: int = 40) -> str:
    value = "".join(ch if ch.isprintable() else "?" for ch in value)
    return value if len(value) <= n else value[: n - 1] + "…"


# Every parameter some page of the app writes. Another page's parameter is dropped quietly
# on a page switch; a key no page uses gets a notice.
APP_PARAMS = frozenset({"settings", "pay", "setting", "answers", "plan"})


def unknown_params(keys: Iterable[str], allowed: Iterable[str]) -> tuple[list[str], list[str]]:
    """Keys this page does not use: (keys to drop, notices for the ones no page uses)."""
    allowed = set(allowed)
    drop = [k for k in keys if k not in allowed]
    return drop, [f"Ignored the link parameter “{_clip(k)}”: this app does not use it." for k in drop if k not in APP_PARAMS]


def parse_setting_list(values: Sequence[str], known: Sequence[str], *, max_items: int = 4,
                       param: str = "settings") -> tuple[list[str], list[str]]:
    """`?settings=a,b,c` -> known ids in order, de-duplicated, at most `max_items`."""
    notices: list[str] = []
    if not values:
        return [], []
    if len(values) > 1:
        notices.append(f"The link repeats “{param}”; only its last value was used.")
    raw = values[-1]
    if len(raw) > MAX_PARAM_CHARS:
        return [], notices + [f"Ignored “{param}”: the value is too long to be a real link."]
    chosen: list[str] = []
    unknown: list[str] = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        if item in known:
            if item not in chosen:
                chosen.append(item)
        else:
            unknown.append(_clip(item))
    if unknown:
        notices.append(f"Ignored unknown setting(s) in the link: {', '.join(unknown)}.")
    if len(chosen) > max_items:
        notices.append(f"A comparison shows at most {max_items} settings; the link named {len(chosen)}, so the first {max_items} are shown.")
        chosen = chosen[:max_items]
    return chosen, notices


def parse_setting(values: Sequence[str], known: Sequence[str], param: str = "setting") -> tuple[str | None, list[str]]:
    """`?setting=id` -> the id if known, else None with a notice."""
    chosen, notices = parse_setting_list(values, known, max_items=1, param=param)
    if values and not chosen and not notices:
        notices.append(f"Ignored “{param}”: it names no setting.")
    if len(chosen) == 1 and "," in values[-1]:
        notices = [n for n in notices if "at most" not in n]
    return (chosen[0] if chosen else None), notices


# --- The credential planner's state in one parameter: ?plan=st.working~from.retail~held.cpht+abc-x~yrs.2~csp.0~to.hospital


PLAN_FIELDS = ("st", "from", "to", "held", "prog", "yrs", "csp", "dip")


def encode_plan(state: dict) -> str:
    """Planner state -> compact text. Keys: st stage, from/to setting ids, held credential ids,
    prog completed programs, yrs years of experience, csp years of sterile compounding, dip diploma (1/0)."""
    parts = [f"st.{state['stage']}", f"to.{state['target']}"]
    if state.get("setting"):
        parts.append(f"from.{state['setting']}")
    if state.get("held"):
        parts.append("held." + "+".join(sorted(state["held"])))
    if state.get("programs"):
        parts.append("prog." + "+".join(sorted(state["programs"])))
    parts += [f"yrs.{state.get('years', 0):g}", f"csp.{state.get('sterile', 0):g}", f"dip.{int(state.get('diploma', True))}"]
    return "~".join(parts)


def decode_plan(text: str, settings: Sequence[str], credentials: Sequence[str], programs: Sequence[str],
                max_years: float = 50) -> tuple[dict, list[str]]:
    """Compact text -> planner state with only valid values, and notices for what was ignored."""
    notices: list[str] = []
    state: dict = {}
    if len(text) > MAX_PARAM_CHARS:
        return {}, ["Ignored “plan” in the link: the value is too long to be a real link."]
    bad: list[str] = []
    for part in filter(None, text.split("~")):
        key, _, value = part.partition(".")
        if key == "st" and value in ("student", "working"):
            state["stage"] = value
        elif key in ("from", "to") and value in settings:
            state["setting" if key == "from" else "target"] = value
        elif key in ("held", "prog"):
            known = credentials if key == "held" else programs
            items = [v for v in value.split("+") if v]
            good = [v for v in items if v in known]
            bad += [_clip(v) for v in items if v not in known]
            state["held" if key == "held" else "programs"] = set(good)
        elif key in ("yrs", "csp"):
            try:
                years = float(value)
            except ValueError:
                years = -1.0
            if 0 <= years <= max_years:
                state["years" if key == "yrs" else "sterile"] = years
            else:
                bad.append(_clip(part))
        elif key == "dip" and value in ("0", "1"):
            state["diploma"] = value == "1"
        else:
            bad.append(_clip(part))
    if bad:
        notices.append(f"Ignored parts of the planner link it could not use: {', '.join(bad[:6])}"
                       + (f" and {len(bad) - 6} more." if len(bad) > 6 else "."))
    return state, notices
