"""The take-home shortlist: it follows the ranking's top three until the person edits it.

Every list the page put in the widget is remembered. When the browser sends one of them back (quick answers cut
runs short, so the browser may not have seen the newest), that is not an edit and the shortlist keeps following.
Anything else is the person's own choice, kept until they ask to follow the top three again. Pure: the page keeps
the state in its session and passes it in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

REMEMBERED = 50  # lists the page wrote, kept to tell an echo from an edit


@dataclass(frozen=True)
class Shortlist:
    shown: list[str]  # what the widget should hold now
    choice: list[str] | None  # the person's own list, or None while it follows the top three
    written: list[list[str]]  # lists this page has put in the widget, newest last


def follow_shortlist(
    ranked: Sequence[str],
    shown: list[str] | None,
    choice: list[str] | None,
    written: list[list[str]],
    top: int = 3,
) -> Shortlist:
    """`ranked`: setting ids in ranked order (scored only); `shown`: what the widget holds (None when it was not
    drawn); `choice` and `written`: what the previous run returned."""
    top_n = list(ranked[:top])
    if choice is None and shown is not None and shown != top_n and shown not in written:
        choice = shown  # an edit by the person
    if choice is None:
        return Shortlist(top_n, None, written if top_n in written else (written + [top_n])[-REMEMBERED:])
    kept = [s for s in (shown if shown is not None else choice) if s in ranked]
    return Shortlist(kept, kept, written)


def follow_again(shown: list[str], written: list[list[str]]) -> list[list[str]]:
    """ "Use my top three again": the list on screen becomes one the page wrote, so its echo is not an edit."""
    return (written + [list(shown)])[-REMEMBERED:]
