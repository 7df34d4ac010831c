"""`?plan=…`: the credential planner's state in one parameter."""

from __future__ import annotations

from collections.abc import Sequence

from analysis.i18n import _
from analysis.links.common import MAX_PARAM_CHARS, clip

# --- The credential planner's state in one parameter:
# ?plan=st.working~from.retail~held.cpht+abc-x~yrs.2~csp.0~hpw.40~gap.0~help.1~goal.cpht-adv~to.hospital


MAX_HOURS_PER_WEEK = 80


def encode_plan(state: dict) -> str:
    """Planner state -> compact text. Keys: st stage, from/to setting ids, held credential ids, lap those of the
    held credentials that have lapsed, prog completed programs, enr programs enrolled in, goal credentials aimed
    for, yrs years of experience, csp years of sterile compounding, hpw hours a week, gap years since last
    worked, dip diploma (1/0), help include helpful credentials (1/0)."""
    parts = [f"st.{state['stage']}", f"to.{state['target']}"]
    if state.get("setting"):
        parts.append(f"from.{state['setting']}")
    if state.get("held"):
        parts.append("held." + "+".join(sorted(state["held"])))
    if state.get("lapsed"):
        parts.append("lap." + "+".join(sorted(state["lapsed"])))
    for key, name in (("programs", "prog"), ("enrolled", "enr"), ("goals", "goal")):
        if state.get(key):
            parts.append(f"{name}." + "+".join(sorted(state[key])))
    parts += [
        f"yrs.{state.get('years', 0):g}",
        f"csp.{state.get('sterile', 0):g}",
        f"hpw.{state.get('hours_per_week', 40):g}",
        f"gap.{state.get('gap', 0):g}",
        f"dip.{int(state.get('diploma', True))}",
        f"help.{int(state.get('helpful', False))}",
    ]
    return "~".join(parts)


def decode_plan(
    text: str, settings: Sequence[str], credentials: Sequence[str], programs: Sequence[str], max_years: float = 50
) -> tuple[dict, list[str]]:
    """Compact text -> planner state with only valid values, and notices for what was ignored."""
    notices: list[str] = []
    state: dict = {}
    if len(text) > MAX_PARAM_CHARS:
        return {}, [_("Ignored “plan” in the link: the value is too long to be a real link.")]
    bad: list[str] = []
    for part in filter(None, text.split("~")):
        key, _dot, value = part.partition(".")
        if key == "st" and value in ("student", "working"):
            state["stage"] = value
        elif key in ("from", "to") and value in settings:
            state["setting" if key == "from" else "target"] = value
        elif key in ("held", "lap", "prog", "enr", "goal"):
            known = credentials if key in ("held", "lap", "goal") else programs
            items = [v for v in value.split("+") if v]
            good = [v for v in items if v in known]
            bad += [clip(v) for v in items if v not in known]
            state[{"held": "held", "lap": "lapsed", "prog": "programs", "enr": "enrolled", "goal": "goals"}[key]] = set(
                good
            )
        elif key in ("yrs", "csp", "gap", "hpw"):
            number = _number(value)
            low, high = (1, MAX_HOURS_PER_WEEK) if key == "hpw" else (0, max_years)
            if number is not None and low <= number <= high:
                state[{"yrs": "years", "csp": "sterile", "gap": "gap", "hpw": "hours_per_week"}[key]] = number
            else:
                bad.append(clip(part))
        elif key in ("dip", "help") and value in ("0", "1"):
            state["diploma" if key == "dip" else "helpful"] = value == "1"
        else:
            bad.append(clip(part))
    if "lapsed" in state:  # only a credential the link also says is held can have lapsed
        bad += [clip(f"lap.{c}") for c in sorted(state["lapsed"] - state.get("held", set()))]
        state["lapsed"] &= state.get("held", set())
    if bad:
        shown = ", ".join(bad[:6])
        notices.append(
            _("Ignored parts of the planner link it could not use: {parts} and {n} more.").format(
                parts=shown, n=len(bad) - 6
            )
            if len(bad) > 6
            else _("Ignored parts of the planner link it could not use: {parts}.").format(parts=shown)
        )
    return state, notices


def _number(text: str) -> float | None:
    """A plain decimal ('2', '2.5'); None for anything else (nan, inf, exponents, signs, long text)."""
    if len(text) > 8 or not text or any(ch not in "0123456789." for ch in text) or text.count(".") > 1:
        return None
    try:
        return float(text)
    except ValueError:
        return None
