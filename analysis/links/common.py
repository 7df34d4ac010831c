"""Limits and helpers every link codec shares."""

from __future__ import annotations

import re
from typing import Any

from analysis.i18n import _

MAX_PARAM_CHARS = 2000  # longer values are not links anyone made by clicking


def clip(value: str, n: int = 40) -> str:
    value = "".join(ch if ch.isprintable() else "?" for ch in value)
    return value if len(value) <= n else value[: n - 1] + "…"


MAX_NOTICES = 6  # a garbled link should not bury the page in notices
_SMALL_INT = re.compile(r"[0-9]{1,2}")


def small_int(raw: Any) -> int | None:
    """'2' -> 2; anything else (long, signed, non-ASCII digits, not text) -> None."""
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    return int(raw) if _SMALL_INT.fullmatch(raw) else None


def cap(notices: list[str]) -> list[str]:
    """At most MAX_NOTICES notices, then one line saying how many more were ignored."""
    if len(notices) <= MAX_NOTICES:
        return notices
    return notices[:MAX_NOTICES] + [
        _("…and {n} more problems in the link were ignored.").format(n=len(notices) - MAX_NOTICES)
    ]
