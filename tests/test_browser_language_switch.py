"""A language switch in the middle of a client's session keeps their work, in a real headless Chromium (issue #26).

Streamlit keeps a choice widget's value as the label it shows; a language switch renames every label at once, and
the quiz used to lose its answers and weights on the switch (every weight 0, the ranking gone, two notices that
contradict each other) and the client's name with them. Here a person answers part of the quiz, moves a weight and
types a name, then switches Spanish -> English -> Spanish, switches and opens another tab, and switches while the
questions are on screen; after each step the answers, the weights, the name and the ranking are what they were.

Waits are on the app's own state: each action waits for the script run it causes to finish (tests/script_runs.py),
never for a fixed time.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.a11y_helpers import text
from tests.script_runs import Runs

pytestmark = pytest.mark.browser

ANSWERS = {0: 0, 2: 0, 5: 1, 8: 2}  # question position -> option position (answered by position: both languages)
CLIENT = "Ana Pérez"


def switch_to(runs: Runs, lang: str) -> None:
    page = runs.page
    name = "English" if lang == "en" else "Español"
    runs.after(lambda: page.get_by_role("radio", name=name).click())
    expect(page.locator("html")).to_have_attribute("lang", lang)


def open_tab(runs: Runs, lang: str, tab: str) -> None:
    target = runs.page.get_by_role("tab", name=text(lang, tab))
    runs.after(target.click)
    expect(target).to_have_attribute("aria-selected", "true")


def answers_shown(page: Page) -> dict[int, int]:
    """Question position -> checked option position, read from the Questions tab."""
    checked = page.locator('[data-testid="stRadio"]').evaluate_all(
        "groups => groups.map(g => [...g.querySelectorAll('input[type=radio]')].findIndex(r => r.checked))"
    )
    return {question: option for question, option in enumerate(checked) if option >= 0}


def weights_shown(page: Page, lang: str) -> list[int]:
    """Each answered question's weight, from the sliders under "Adjust how much each answer counts"."""
    sliders = page.get_by_role("slider")
    if sliders.count() == 0:
        page.locator("summary", has_text=text(lang, "Adjust how much each answer counts")).click()
        expect(sliders).to_have_count(len(ANSWERS))
    return [int(s.input_value()) for s in sliders.all()]


def ranking_shown(page: Page) -> list[tuple[str, str, str]]:
    """(place, name, score) for each setting in "Why each setting scored as it did"."""
    found = []
    for label in page.locator('[data-testid="stExpander"] summary').all_inner_texts():
        m = re.search(r"(=?\d+)\. (.+?) — (\d+)/100", label)
        if m:
            found.append(m.groups())
    return found


def client_name(page: Page, lang: str) -> str:
    return page.get_by_label(text(lang, "Client name (optional)")).input_value()


def results_state(page: Page, lang: str) -> dict:
    """What the person sees on Your results: no notice saying there is nothing to rank, and their work."""
    nothing = text(lang, "Your answers so far are all “no preference”, so there is nothing to rank yet.")
    expect(page.get_by_text(nothing)).to_have_count(0)
    ranking = ranking_shown(page)
    assert len(ranking) >= 10, ranking
    return {
        "weights": weights_shown(page, lang),
        "client": client_name(page, lang),
        "places": [(place, score) for place, _name, score in ranking],
        "names": [name for _place, name, _score in ranking],
    }


def test_switching_language_keeps_answers_weights_name_and_ranking(page: Page, app_server):
    page.set_viewport_size({"width": 1280, "height": 900})
    runs = Runs(page)
    runs.open(f"{app_server}/quiz?lang=es")
    groups = page.locator('[data-testid="stRadio"]')
    for done, (question, option) in enumerate(ANSWERS.items(), start=1):
        runs.after(groups.nth(question).locator('[data-testid="stRadioOption"]').nth(option).click)
        expect(page.get_by_text(re.compile(rf"^{done} de \d+ preguntas contestadas"))).to_be_visible()
    assert answers_shown(page) == ANSWERS

    # "See my results" opens the results in Spanish too (its callback used to name the tab in English).
    runs.after(page.get_by_role("button", name=text("es", "See my results")).click)
    expect(page.get_by_role("tab", name=text("es", "Your results"))).to_have_attribute("aria-selected", "true")
    starting = weights_shown(page, "es")
    slider = page.get_by_role("slider").first
    slider.focus()
    runs.after(lambda: page.keyboard.press("ArrowLeft"))  # the person's own weight for the first answer
    expect(page.get_by_role("slider").first).to_have_value(str(starting[0] - 1))
    name_box = page.get_by_label(text("es", "Client name (optional)"))
    name_box.fill(CLIENT)
    runs.after(lambda: name_box.press("Enter"))
    spanish = results_state(page, "es")
    assert spanish["weights"][0] == starting[0] - 1 and spanish["client"] == CLIENT

    # Spanish -> English -> Spanish on the results: the same work, in the other language and back.
    switch_to(runs, "en")
    english = results_state(page, "en")
    assert {k: english[k] for k in ("weights", "client", "places")} == {
        k: spanish[k] for k in ("weights", "client", "places")
    }
    assert english["names"] != spanish["names"], "the ranking should now be in English"
    switch_to(runs, "es")
    assert results_state(page, "es") == spanish

    # Switch, then open the other tab: the answers are there; and back on the results, everything else.
    switch_to(runs, "en")
    open_tab(runs, "en", "Questions")
    assert answers_shown(page) == ANSWERS
    open_tab(runs, "en", "Your results")
    assert results_state(page, "en") == english

    # Switch while the questions are on screen (the answers' own labels change), then back to the results.
    open_tab(runs, "en", "Questions")
    switch_to(runs, "es")
    assert answers_shown(page) == ANSWERS
    expect(page.get_by_text(re.compile(rf"^{len(ANSWERS)} de \d+ preguntas contestadas"))).to_be_visible()
    open_tab(runs, "es", "Your results")
    assert results_state(page, "es") == spanish
