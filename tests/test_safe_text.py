"""safe_text: outside text comes out as Markdown/HTML source that can only show itself.

The real-browser proof that Streamlit renders `inert` text exactly as typed, in every kind of sink,
is tests/test_browser_hostile.py::test_inert_text_renders_as_typed_in_every_sink."""

from __future__ import annotations

import html
import re
import string

from hypothesis import given
from hypothesis import strategies as st

from analysis.presentation.safe_text import WORD_JOINER, inert, inert_label, inert_rows, link, plotly_text, visible
from tests.apptest_helpers import unescape
from tests.hostile_text import HOSTILE

PUNCTUATION = set(string.punctuation)
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=200) | st.sampled_from(HOSTILE)


@given(TEXT)
def test_inert_escapes_every_mark_and_keeps_the_words(text):
    result = inert(text)
    expected = "\n".join(" ".join(line.split()) for line in visible(text).replace("\t", " ").split("\n"))
    assert unescape(result) == expected


@given(TEXT)
def test_no_shortcode_or_autolink_can_form(text):
    result = inert(text)
    for mark in (":", "@"):
        parts = result.split(mark)
        assert all(p.startswith(WORD_JOINER) or p[:1].isspace() or not p for p in parts[1:]), result
    assert "www." not in result.lower().replace("\\", "")
    assert not any(line.startswith((" ", "\t")) for line in result.split("\n"))  # no indented code block


@given(TEXT)
def test_a_label_keeps_the_words_on_one_line_and_no_shortcode_or_autolink_can_form(text):
    result = inert_label(text)
    shown = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", result).replace(WORD_JOINER, "")  # CommonMark's escapes resolved
    assert shown == " ".join(visible(text).split())
    assert "\n" not in result
    for mark in (":", "@"):
        assert all(p.startswith(WORD_JOINER) or p[:1].isspace() or not p for p in result.split(mark)[1:]), result
    assert "www." not in result.lower().replace("\\", "")


def test_a_label_escapes_only_what_markdown_acts_on():
    """Streamlit also reads a label's source out as the control's name: prose punctuation stays bare."""
    assert inert_label("¿Trabaja con clientes? Sí, a veces (50 %).") == "¿Trabaja con clientes? Sí, a veces (50 %)."
    assert inert_label("1. *x* `y` [z] $1$ <b> a|b ~c~ &amp;") == (
        r"1\. \*x\* \`y\` \[z\] \$1\$ \<b\> a\|b \~c\~ \&amp;"
    )
    assert inert_label("# not a heading") == r"\# not a heading" and inert_label("- not a list") == r"\- not a list"


@given(TEXT)
def test_plotly_text_is_escaped_html_of_one_line(text):
    result = plotly_text(text)
    assert "<" not in result and ">" not in result and '"' not in result
    assert "\n" not in html.unescape(result) and len(html.unescape(result)) <= 200


def test_a_colon_before_a_space_stays_searchable():
    assert inert("file.yaml: line 3: malformed") == r"file\.yaml\: line 3\: malformed"  # no joiner


def test_invisible_characters_are_dropped():
    assert unescape(inert("a\u202eb\u200bc\u0000d\u2028e")) == "abcde"


def test_table_rows_are_inert_keys_and_values():
    assert inert_rows([{"a|b": "$x$", "n": 5}]) == [{"a\\|b": "\\$x\\$", "n": "5"}]


def test_links_only_for_web_addresses_and_cannot_be_broken_out_of():
    assert link("BLS", "https://www.bls.gov/oes/") == "[BLS](<https://www.bls.gov/oes/>)"
    assert link("x", "https://a.example/)(<evil>") == "[x](<https://a.example/%29%28%3Cevil%3E>)"
    assert link("x", "javascript:alert(1)") == "x"
    assert link("[x](y)", "https://a.example/") == "[\\[x\\]\\(y\\)](<https://a.example/>)"


def test_small_text_stays_inside_its_directive_on_one_line():
    from analysis.presentation.safe_text import small

    out = small("Source: a] :red[x] \\ [link](http://e.example)\n\nsecond paragraph")
    assert out.startswith(":small[") and out.endswith("]") and "\n" not in out
    body = out[len(":small[") : -1]
    # every bracket and backslash inside is escaped, so none can close the directive early
    unescaped = [i for i, ch in enumerate(body) if ch in "[]" and (i == 0 or body[i - 1] != "\\")]
    assert not unescaped, body
