"""The state-rules caveat: dated counts from the catalog, pointing to the state board."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.loading.loader import Catalogs
from analysis.loading.schema import NamedFact


@dataclass(frozen=True)
class StateCaveat:
    summary: str
    facts: tuple[NamedFact, ...]


def state_caveat(catalogs: Catalogs) -> StateCaveat:
    """Dated counts of state rules, pointing to the state board; never a legal answer."""
    state = catalogs.state_regulation
    if state is None:
        return StateCaveat("State rules differ; check your state's board of pharmacy.", ())
    return StateCaveat(state.summary, tuple(state.facts))
