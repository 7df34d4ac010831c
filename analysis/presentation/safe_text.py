"""The one way outside text (link parameters, uploaded profiles, profile fields) reaches a page.

Streamlit renders Markdown in st.markdown, st.caption, st.info/success/warning/error, st.table
cells, st.write, widget labels and help, with extras on top of CommonMark: `$…$` LaTeX,
`:red[…]` colour, `:material/…:` icons and `:smile:` emoji shortcodes, bare-URL and e-mail
autolinks, setext headings. Plotly reads pseudo-HTML (`<a href>`, `<span style>`) in labels,
hover text and legend names. So:

- `inert(text)`: for a Markdown sink. Every ASCII punctuation mark is backslash-escaped (CommonMark
  shows an escaped mark as itself), and an invisible word joiner (U+2060) follows each `:` and `@` and
  splits `www.`, because shortcodes and autolinks are matched on the text after escapes are resolved.
  Leading spaces go (no code blocks), invisible and control characters go.
- `quote(text)`: `inert`, shortened, for notices that repeat what a link said.
- `plotly_text(text)`: for plotly labels, hover text and legend names: HTML-escaped, shortened.

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
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
_WWW = re.compile(r"(w)(w)(w)", re.IGNORECASE)
QUOTE_CHARS = 60  # enough to recognise a link parameter, too little to carry a message
PLOT_CHARS = 200


def visible(text: Any) -> str:
    """`text` as a string without control, format or private-use characters (newlines and tabs kept)."""
    text = "" if text is None else str(text)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _INVISIBLE)


def inert(text: Any) -> str:
    """Markdown source that Streamlit shows exactly as `text` reads, with no formatting, link,
    image, maths, colour, icon or emoji. Paragraph breaks are kept; other line breaks read as spaces."""
    lines = [" ".join(line.split()) for line in visible(text).replace("\t", " ").split("\n")]
    escaped = "\n".join(line.translate(_ESCAPE) for line in lines)
    escaped = escaped.replace(":", ":" + WORD_JOINER).replace("@", "@" + WORD_JOINER)
    return _WWW.sub(lambda m: m.group(1) + m.group(2) + m.group(3) + WORD_JOINER, escaped)


def shorten(text: Any, limit: int) -> str:
    """One line of at most `limit` characters, with an ellipsis when cut."""
    flat = " ".join(visible(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def quote(text: Any, limit: int = QUOTE_CHARS) -> str:
    """What a link said, for a notice: one line, shortened, inert, in quotation marks."""
    return "“" + inert(shorten(text, limit)) + "”"


def plotly_text(text: Any, limit: int = PLOT_CHARS) -> str:
    """Plotly label, legend name or hover text that shows as typed (no tag, link or style)."""
    return html.escape(shorten(text, limit), quote=True)


def inert_rows(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Table rows (for st.table, which renders Markdown in cells) with every cell inert."""
    return [{inert(k): inert(v) for k, v in row.items()} for row in rows]
