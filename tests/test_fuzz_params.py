"""Fuzzing link parameters on every page: whatever the URL holds, never a traceback."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from analysis.links import registry
from analysis.links.registry import APP_PARAMS
from analysis.paths import ROOT
from tests.data import examples

PAGES = registry.EVERY_PAGE
keys = st.sampled_from(sorted(APP_PARAMS)) | st.text(min_size=1, max_size=30)
values = (
    st.text(max_size=50)
    | st.text(alphabet="abcdefghijklmnopqrstuvwxyz-,.~0123456789", max_size=80)
    | st.just("x" * 5000)
)
params = st.dictionaries(keys, st.lists(values, min_size=1, max_size=3), max_size=4)


@pytest.mark.parametrize("page", PAGES)
@settings(
    max_examples=examples(5),  # each example runs the app twice; the nightly profile runs 50 per page
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(query=params)
def test_any_link_parameters_never_raise(page, query):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    for key, vals in query.items():
        at.query_params[key] = vals if len(vals) > 1 else vals[0]  # a list is a repeated key
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page still rendered"
    for key in at.query_params:
        assert key in APP_PARAMS, "unknown parameters are dropped from the URL"
