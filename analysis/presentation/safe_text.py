"""The one way outside text (link parameters, uploaded profiles, profile fields) reaches a page.

Streamlit renders Markdown in st.markdown, st.caption, st.info/success/warning/error, st.table
cells, st.write, widget labels and help, with extras on top of CommonMark: `$…$` LaTeX,
`:red[…]` colour, `:material/…:` icons and `:smile:` emoji shortcodes, bare-URL and e-mail
autolinks, setext headings. Plotly reads pseudo-HTML (`<a href>`, `<span style>`) in labels,
hover text and legend names. So:

- `inert(text)`: for a Markdown sink. Every ASCII punctuation mark is backslash-escaped (CommonMark
  shows an escaped mark as itself), and an invisible word joiner (U+2060) follows each `:` and `@` that
  is followed by text, and splits `www.`, because shortcodes and autolinks are matched on the text after
  escapes are resolved.
  Leading spaces go (no code blocks), invisible and control characters go.
- `inert_label(text)`: for a widget label (and a radio's option words). Labels take inline Markdown only, and
  Streamlit also gives the label's source to assistive technology as the control's name, so a screen reader
  would read every escaping backslash: only the marks inline Markdown acts on are escaped, a list or heading
  mark only at the start; the same word joiners as `inert`; one line.
- `plotly_text(text)`: for plotly labels, hover text and legend names: HTML-escaped, shortened.
- `chart_text(text)`: for Vega-Lite data (labels and tooltips): one shortened line. Vega draws it as text
  and its tooltip escapes it, so it is not HTML-escaped (that would show "&amp;").
- `no_maths(markdown)`: for the app's own Markdown that mentions dollars: every `$` escaped, so two amounts in
  one paragraph never read as a LaTeX formula; the rest of the Markdown is kept.
- `link(text, url)`: a Markdown link to a catalogued source: inert text, and an http(s) URL written so
  that nothing in it can end the link early; any other URL gives the text alone.

Pure: no Streamlit import, so the rules are testable and usable by every page and chart.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from typing import Any

WORD_JOINER = "\u2060"
_ESCAPE = {ord(ch): "\\" + ch for ch in string.punctuation}
# Inline Markdown in a label: code, emphasis, strikethrough, links and images, HTML and autolinks, LaTeX, tables,
# entities. A block mark (heading, list, quote) counts only at the start of the line.
_ESCAPE_LABEL = {ord(ch): "\\" + ch for ch in "\\`*_~[]<>$|&"}
_BLOCK_START = re.compile(r"^(?:[#+\-=]|\d+(?=[.)]))")
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
_WWW = re.compile(r"(w)(w)(w)", re.IGNORECASE)
_MARK_BEFORE_TEXT = re.compile(r"[:@](?=\S)")
PLOT_CHARS = 200


def visible(text: Any) -> str:
    """`text` as a string without control, format or private-use characters (newlines and tabs kept)."""
    text = "" if text is None else str(text)
    if text.replace("\n", "").replace("\t", "").isprintable():  # nothing invisible in it: the common case, at C speed
        return text
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _INVISIBLE)


def inert(text: Any) -> str:
    """Markdown source that Streamlit shows exactly as `text` reads, with no formatting, link,
    image, maths, colour, icon or emoji. Paragraph breaks are kept; other line breaks read as spaces."""
    lines = [" ".join(line.split()) for line in visible(text).replace("\t", " ").split("\n")]
    escaped = "\n".join(line.translate(_ESCAPE) for line in lines)
    # Shortcodes (:smile:, :material/x:) and autolinks (http://, a@b) need the mark right before a
    # non-space; a colon before a space ("file: field") is left alone, so messages stay searchable.
    escaped = _MARK_BEFORE_TEXT.sub(lambda m: m.group(0) + WORD_JOINER, escaped)
    return _WWW.sub(lambda m: m.group(1) + m.group(2) + m.group(3) + WORD_JOINER, escaped)


def small(text: Any) -> str:
    """`text` inert, in small type (`:small[…]`), on one line: a paragraph break would end the directive early and
    leave its mark on the page. `inert` escapes the brackets and backslashes that could close it."""
    return ":small[" + " ".join(inert(text).split("\n")) + "]"


def inert_label(text: Any) -> str:
    """A widget label that Streamlit shows exactly as `text` reads, on one line, whose accessible name reads
    as the text does (no backslash before a comma, a question mark or a full stop)."""
    line = " ".join(visible(text).split()).translate(_ESCAPE_LABEL)
    start = _BLOCK_START.match(line)
    if start:  # "# …", "- …", "1. …" would lose their first mark as a heading or a list
        mark = len(start.group(0)) if start.group(0)[0].isdigit() else 0
        line = line[:mark] + "\\" + line[mark:]
    line = _MARK_BEFORE_TEXT.sub(lambda m: m.group(0) + WORD_JOINER, line)
    return _WWW.sub(lambda m: m.group(1) + m.group(2) + m.group(3) + WORD_JOINER, line)


def no_maths(markdown: str) -> str:
    """The app's own Markdown with every `$` escaped: Streamlit reads `$…$` as LaTeX, so "$100 … $200" would
    become a formula. Only for text this app wrote; outside text goes through `inert`."""
    return markdown.replace("$", "\\$")


def shorten(text: Any, limit: int) -> str:
    """One line of at most `limit` characters, with an ellipsis when cut."""
    flat = " ".join(visible(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def plotly_text(text: Any, limit: int = PLOT_CHARS) -> str:
    """Plotly label, legend name or hover text that shows as typed (no tag, link or style)."""
    return html.escape(shorten(text, limit), quote=True)


def chart_text(text: Any, limit: int = PLOT_CHARS) -> str:
    """A Vega-Lite data value (axis label, mark text, tooltip): one line, shortened, no invisible characters."""
    return shorten(text, limit)


_URL_UNSAFE = {ord(ch): f"%{ord(ch):02X}" for ch in '<>()[] "\\`'}


def link(text: Any, url: Any) -> str:
    """`[text](url)` with inert text; only http(s) URLs become links (percent-encoding what could end one)."""
    url = visible(url).strip()
    if not re.fullmatch(r"https?://[^\s]+", url):
        return inert(text)
    return f"[{inert(text)}](<{url.translate(_URL_UNSAFE)}>)"


def inert_rows(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Table rows (for st.table, which renders Markdown in cells) with every cell inert."""
    return [{inert(k): inert(v) for k, v in row.items()} for row in rows]
