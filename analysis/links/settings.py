"""`?settings=a,b` and `?setting=a`: which settings a page shows."""

from __future__ import annotations

from collections.abc import Sequence

from analysis.i18n import _
from analysis.links.common import MAX_PARAM_CHARS, clip


def parse_setting_list(
    values: Sequence[str],
    known: Sequence[str],
    *,
    max_items: int = 4,
    param: str = "settings",
    say_overflow: bool = True,
) -> tuple[list[str], list[str]]:
    """`?settings=a,b,c` -> known ids in order, de-duplicated, at most `max_items`."""
    notices: list[str] = []
    if not values:
        return [], []
    if len(values) > 1:
        notices.append(_("The link repeats “{param}”; only its last value was used.").format(param=param))
    raw = values[-1]
    if len(raw) > MAX_PARAM_CHARS:
        return [], notices + [_("Ignored “{param}”: the value is too long to be a real link.").format(param=param)]
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
        notices.append(_("Ignored unknown setting(s) in the link: {ids}.").format(ids=", ".join(unknown)))
    if len(chosen) > max_items:
        if say_overflow:
            notices.append(
                _(
                    "A comparison shows at most {max} settings; the link named {n}, so the first {max} are shown."
                ).format(max=max_items, n=len(chosen))
            )
        chosen = chosen[:max_items]
    return chosen, notices


def parse_setting(values: Sequence[str], known: Sequence[str], param: str = "setting") -> tuple[str | None, list[str]]:
    """`?setting=id` -> the id if known, else None with a notice."""
    chosen, notices = parse_setting_list(values, known, max_items=1, param=param, say_overflow=False)
    if values and not chosen and not notices:
        notices.append(_("Ignored “{param}”: it names no setting.").format(param=param))
    return (chosen[0] if chosen else None), notices


def detail_url(app_url: str | None, setting_id: str) -> str:
    """The setting's Detail page address, from the address the app is open at (any page of it; its own query
    dropped): 'http://host:8501/compare' -> 'http://host:8501/detail?setting=retail'. Without an address (a
    test run), the path alone: 'detail?setting=retail'."""
    from urllib.parse import urlencode, urlsplit, urlunsplit

    from analysis.links.registry import EVERY_PAGE  # here: the registry imports this module

    query = urlencode({"setting": setting_id})
    if not app_url:
        return f"detail?{query}"
    parts = urlsplit(app_url)
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[-1] in EVERY_PAGE:
        segments = segments[:-1]
    path = "/" + "/".join([*segments, "detail"])
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))
