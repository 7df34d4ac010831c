"""Link state: each page's URL parameters, read and written through the registry in analysis.links.registry.

A page opens `PageLinks("compare")` once at the top. That drops parameters the page does not use (one
notice for keys no page uses), then `read` gives a parameter's value when it came from outside (a pasted
or clicked link) and `write` puts the current view back into the URL. The bookkeeping that tells the two
apart lives only here.

Why not Streamlit's `bind="query-params"`: a bound widget drops a bad value silently, and this app must say
what it ignored; the existing links use compact forms (`settings=a,b`, `answers=…`, `plan=…`) that are not
one widget's value; quiz answers enter the URL only when the person opts in; and the Compare pay switch
lives in a tab that is not rendered while closed. A future parameter that is one widget's plain value and
needs no notice (e.g. a tab) can use `bind="query-params"` with its key equal to the parameter name, and
still gets a registry entry so that it is not reported as unknown.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from analysis.links import registry

_WRITTEN = "_url_written"  # session state: parameter -> the text this app last put in the URL


def _written() -> dict[str, str]:
    return st.session_state.setdefault(_WRITTEN, {})


class PageLinks:
    """One page's link parameters for one script run. Collects notices for the page to show."""

    def __init__(self, page: str):
        self.page = page
        self.params = registry.page_params(page)
        drop, self.notices = registry.unknown_params(list(st.query_params.keys()), page)
        for key in drop:
            del st.query_params[key]

    def _check(self, name: str) -> None:
        if name not in self.params:
            raise KeyError(
                f"app_pages/{self.page}.py does not use the link parameter {name!r}; see analysis.links.registry"
            )

    def read(self, name: str, **context: Any) -> Any:
        """The parameter's value if the URL carries a new one (not what this app last wrote), else None.
        Whatever was invalid is dropped and its notice added to `self.notices`."""
        self._check(name)
        values = st.query_params.get_all(name)
        if not values or values[-1] == _written().get(name):
            return None
        value, notices = registry.read(name, values, **context)
        self.notices += notices
        return value

    def write(self, name: str, value: Any, **context: Any) -> None:
        """Put the current view in the URL, remembering it so it is not read back as a new link."""
        self._check(name)
        text = registry.write(name, value, **context)
        _written()[name] = text
        if st.query_params.get_all(name) != [text]:
            st.query_params[name] = text

    def forget(self, name: str) -> None:
        """Take the parameter out of the URL (e.g. when sharing is turned off)."""
        self._check(name)
        st.session_state.get(_WRITTEN, {}).pop(name, None)  # without creating the record: a fresh session stays empty
        if name in st.query_params:
            del st.query_params[name]


class SharedLinks(PageLinks):
    """The parameters every page carries (the chosen place), read and written once per run by the session bar
    before the page opens its own PageLinks (which keeps them). Drops nothing."""

    def __init__(self):
        self.page = "every page"
        self.params = [p.name for p in registry.PARAMS if p.pages == registry.EVERY_PAGE]
        self.notices = []


def link_to(name: str, value: Any, **context: Any) -> dict[str, str]:
    """Query parameters for a `st.page_link` to the page that reads `name`."""
    return {name: registry.write(name, value, **context)}
