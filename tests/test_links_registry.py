"""The link-parameter registry: every parameter belongs to real pages, and the shared rules hold for all."""

from __future__ import annotations

import pytest

from analysis.links import registry
from analysis.links.common import MAX_PARAM_CHARS
from analysis.paths import ROOT
from tests.apptest_helpers import open_page

APP_PAGES = set(registry.EVERY_PAGE)


def test_the_registry_lists_every_page_script_once_and_app_py_builds_its_navigation_from_it():
    assert sorted(registry.EVERY_PAGE) == sorted(p.stem for p in (ROOT / "app_pages").glob("*.py"))
    assert len(set(registry.EVERY_PAGE)) == len(registry.EVERY_PAGE)
    assert [p.default for p in registry.PAGES].count(True) == 1
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    pages = (ROOT / "ui" / "pages.py").read_text(encoding="utf-8")  # app.py's navigation_pages() makes them
    assert "navigation_pages()" in app and "for p in registry.PAGES" in pages, "the pages come from the registry"
    assert "app_pages/overview.py" not in app + pages, "app.py lists no page itself"


def test_every_parameter_belongs_to_pages_registered_in_the_app():
    assert APP_PAGES, "the registry lists the app's pages"
    for param in registry.PARAMS:
        assert param.pages and set(param.pages) <= APP_PAGES, param.name


def test_every_page_reads_its_parameters_through_the_registry():
    for page in APP_PAGES:
        text = (ROOT / "app_pages" / f"{page}.py").read_text(encoding="utf-8")
        assert f'PageLinks("{page}")' in text, f"app_pages/{page}.py must open its links through ui.links"
        assert "st.query_params" not in text, f"app_pages/{page}.py reaches into the URL itself"
    # Every registered parameter is read or written somewhere (a page, or a ui/ helper for every page).
    code = "\n".join(p.read_text(encoding="utf-8") for p in [*ROOT.glob("app_pages/*.py"), *ROOT.glob("ui/*.py")])
    for param in registry.PARAMS:
        assert f'"{param.name}"' in code, f"no page or ui/ helper reads or writes “{param.name}”"


@pytest.mark.parametrize("param", registry.PARAMS, ids=lambda p: p.name)
def test_shared_rules_apply_to_every_parameter(param):
    # Repeated: the last value counts and the notice says so; over-long: dropped with a notice.
    value, notices = registry.read(param.name, ["x", "x" * (MAX_PARAM_CHARS + 1)])
    assert value is None
    assert any(f"repeats “{param.name}”" in n for n in notices) and any("too long" in n for n in notices)
    assert param.bad_value().startswith(f"Ignored “{param.name}”")


def test_unknown_keys_get_one_notice_and_other_pages_keys_none():
    drop, notices = registry.unknown_params(["settings", "colour", "size", "plan"], "compare")
    assert drop == ["colour", "size", "plan"]
    assert len(notices) == 1 and "“colour”" in notices[0] and "“size”" in notices[0]
    assert "plan" not in notices[0]  # another page's parameter is left over from a page switch, not an error
    assert registry.unknown_params(["settings", "pay", "tab"], "compare") == ([], [])


def test_tracking_tags_are_dropped_without_a_notice():
    tags = ["utm_source", "utm_medium", "UTM_Campaign", "utm_content", "fbclid", "gclid", "msclkid", "mc_eid", "_ga"]
    drop, notices = registry.unknown_params(["settings", *tags, "colour"], "compare")
    assert drop == [*tags, "colour"]
    assert notices == ["Ignored the link parameter “colour”: this app does not use it."]
    assert registry.unknown_params(tags, "overview") == (tags, [])


def test_the_compare_tab_is_a_link_parameter():
    assert "tab" in registry.page_params("compare")
    assert registry.read("tab", ["ratings"]) == ("ratings", [])
    value, notices = registry.read("tab", ["charts"])
    assert value is None and "pay, ratings, hours, tasks, credentials or realities" in notices[0]


def test_a_bad_choice_gets_the_registry_notice():
    value, notices = registry.read("pay", ["weekly"])
    assert value is None and notices == [registry.BY_NAME["pay"].bad_value()]
    assert "annual or hourly" in notices[0]


def test_a_page_keeps_no_link_bookkeeping_outside_ui_links():
    at = open_page("compare", settings="retail,hospital")
    keys = list(at.session_state.keys())
    hidden = [k for k in keys if str(k).startswith("_url")]
    assert hidden == ["_url_written"]
    assert at.session_state["_url_written"]["settings"] == "retail,hospital"
