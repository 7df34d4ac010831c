"""`?settings=a,b` and `?setting=a`: which settings a page shows."""

from __future__ import annotations

from typing import Sequence

from analysis.links.common import MAX_PARAM_CHARS, clip


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
            unknown.append(clip(item))
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
