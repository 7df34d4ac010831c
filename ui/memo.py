"""One copy per server process of what every session reads (read-only), looked up by plain arguments.

Streamlit's `st.cache_resource` hashes its arguments with its own hasher and inspects the function's signature on
every call, about 0.1 ms a call; a page makes ten such calls on every run. What is cached here takes only hashable
arguments (ids, a language, a type size), so a hit is one dict lookup. A miss is computed once, under a lock, so
that many sessions arriving together (a server restart) do not each build the same data.

One lock per function: misses are computed one at a time (Python computes one at a time anyway), hits never wait.
The results live until the process ends (Streamlit's "Clear cache" does not reach them): new bundled data takes a
restart, as docs/data-refresh.md says.

Only bundled data belongs here: an uploaded setting or a client's answers belong to one session and are never
cached (see ui/state.py)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_CLEARS: list[Callable[[], None]] = []


def shared(max_entries: int | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Remember `fn`'s results by its positional arguments; past `max_entries`, the oldest is dropped first."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        results: dict = {}  # dicts keep insertion order: the first key is the oldest
        lock = threading.RLock()

        @functools.wraps(fn)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            if kwargs:
                raise TypeError(f"{fn.__qualname__}: shared caches take positional arguments only")
            try:
                return results[args]
            except KeyError:
                pass
            with lock:
                if args not in results:
                    value = fn(*args)
                    if max_entries is not None and len(results) >= max_entries:
                        results.pop(next(iter(results)))
                    results[args] = value
                return results[args]

        call.cache_clear = results.clear  # type: ignore[attr-defined]
        _CLEARS.append(results.clear)
        return call

    return wrap


def clear_shared() -> None:
    """Forget every shared result (tests that change the bundled files on disk)."""
    for clear in _CLEARS:
        clear()
