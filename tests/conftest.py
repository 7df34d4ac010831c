"""Shared fixtures: the bundled data (tests/data.py), the app on a real loopback server (bench/server.py, the
benchmarks' launcher too), Debian's Chromium for Playwright, and Hypothesis's example budgets."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from bench.server import CHROMIUM_ARGS
from tests import data
from tests.data import ARTIFACTS, ROOT  # noqa: F401  (kept importable from here)

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


# CI replays the same examples every run (a red CI must mean a change broke something); on a
# developer's machine hypothesis keeps exploring new examples and remembers failures in .hypothesis/.
# No per-example deadline anywhere: speed is the benchmark's job, and a busy 2-core machine would turn
# a deadline into a flaky failure that says nothing about behaviour.
# Example budgets: tests scale theirs with tests/data.py's `examples(n)`, n being the everyday budget; the
# "nightly" profile (`make nightly`, or HYPOTHESIS_PROFILE=nightly) runs ten times as many, fresh ones each night.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("nightly", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


def pytest_configure(config):
    # A cold chart takes ~2.5 s here and CI machines are busy: give assertions room before failing.
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's chromium; without it they are skipped, saying why."""
    if CHROMIUM:
        return
    skip = pytest.mark.skip(reason="no chromium installed (apt-get install chromium); real-browser tests skipped")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 720}, "accept_downloads": True}


@pytest.fixture(autouse=True)
def _watch_reruns(request):
    """Pages opened through Playwright's `page` fixture count their rerun requests from the first load on (see
    tests/browser_helpers.py: how `settle` knows a rerun is still to come)."""
    if "page" in request.fixturenames:
        from tests.browser_helpers import WATCH_RERUNS

        page = request.getfixturevalue("page")
        if hasattr(page, "add_init_script"):  # not a test's own `page` parameter (a page's name)
            page.add_init_script(WATCH_RERUNS)


@pytest.fixture(scope="session")
def app_server():
    """The app on a real server for the browser tests; its log is kept in test-artifacts/server.log (one log per
    worker, server-gw0.log ..., when pytest-xdist runs them in parallel: each worker has its own server and port)."""
    from tests.server_helpers import own_server

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    with own_server("app.py", log_path=ARTIFACTS / (f"server-{worker}.log" if worker else "server.log")) as server:
        yield server.url


@pytest.fixture(scope="session")
def artifacts() -> Path:
    return data.artifacts_dir()


# The bundled data as fixtures (the same objects as tests/data.py's constants, loaded once per process).
@pytest.fixture(scope="session")
def loaded():
    return data.LOADED


@pytest.fixture(scope="session")
def quiz():
    return data.QUIZ


@pytest.fixture(scope="session")
def quiz_values():
    """The quiz's value table for the bundled settings (one row per setting, one column per dimension)."""
    return data.VALUES
