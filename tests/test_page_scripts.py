"""What the app adds to every page besides its content: the stylesheet, the script that declares the page's
language, and the keyboard help (ui/style.py, ui/language.py, ui/keyboard.py). In a real browser they are
tested by tests/test_browser_accessibility.py and tests/test_browser_keyboard.py; here, what they are made of
(ui/session_bar.py draws both scripts in one element)."""

from __future__ import annotations

import re

import pytest

from tests.apptest_helpers import open_page
from ui.style import page_style_in


@pytest.mark.parametrize("presentation", [False, True])
def test_the_stylesheet_survives_the_sanitiser(presentation):
    """Streamlit's HTML sanitiser drops a whole <style> block whose text holds a '<' (e.g. "<html lang>" in a
    comment), and every rule in it with it."""
    blocks = re.findall(r"<style>(.*?)</style>", page_style_in("en", presentation), flags=re.S)
    assert blocks and all("<" not in block for block in blocks)


def page_scripts(at) -> list[str]:
    """Every <script> the page holds (the language and keyboard scripts share one element)."""
    return [s for el in at.get("html") for s in re.findall(r"<script>.*?</script>", el.proto.body, flags=re.S)]


@pytest.mark.parametrize("lang,page_name", [("es", None), ("es", "compare"), ("en", "about")])
def test_every_page_declares_its_language_and_nothing_else_from_the_link(lang, page_name):
    params = {"lang": lang} if lang != "en" else {}
    at = open_page(page_name, **params)
    scripts = page_scripts(at)
    assert f"<script>document.documentElement.lang = '{lang}';</script>" in scripts
    assert any("__rxKeyboardHelp" in s for s in scripts)


def test_an_unknown_language_in_the_link_never_reaches_the_script():
    at = open_page("about", lang="xx'};alert(1);//")
    scripts = page_scripts(at)
    assert "<script>document.documentElement.lang = 'en';</script>" in scripts
    assert not any("alert" in s for s in scripts)


def test_each_language_has_its_own_script_and_the_deployment_allows_each():
    from analysis.i18n import LANGUAGES
    from bench.proxy import app_scripts, inline_script_hashes
    from ui.keyboard import KEYBOARD_SCRIPT
    from ui.language import document_language_script

    for code in LANGUAGES:
        assert document_language_script(code) == f"document.documentElement.lang = '{code}';"
    assert set(app_scripts()) == {*(document_language_script(c) for c in LANGUAGES), KEYBOARD_SCRIPT}
    assert "<" not in KEYBOARD_SCRIPT  # the sanitiser would drop it
    assert len(inline_script_hashes().split()) >= len(app_scripts()) + 1  # Streamlit's own, then the app's
