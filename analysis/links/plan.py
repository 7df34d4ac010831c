"""`?plan=…`: the credential planner's state in one parameter."""

from __future__ import annotations

from typing import Sequence

from analysis.links.common import MAX_PARAM_CHARS, clip

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
            bad += [clip(v) for v in items if v not in known]
            state["held" if key == "held" else "programs"] = set(good)
        elif key in ("yrs", "csp"):
            try:
                years = float(value)
            except ValueError:
                years = -1.0
            if 0 <= years <= max_years:
                state["years" if key == "yrs" else "sterile"] = years
            else:
                bad.append(clip(part))
        elif key == "dip" and value in ("0", "1"):
            state["diploma"] = value == "1"
        else:
            bad.append(clip(part))
    if bad:
        notices.append(f"Ignored parts of the planner link it could not use: {', '.join(bad[:6])}"
                       + (f" and {len(bad) - 6} more." if len(bad) > 6 else "."))
    return state, notices
