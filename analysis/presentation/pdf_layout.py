"""How the app's PDFs are laid out: fonts, colours, and the page primitives (paragraphs, label rows, headings,
tables, a bar chart, a shaded note, a numbered source list) that the take-home summary and the handouts share.

Built in pure Python with fpdf2: no browser, no kaleido, no matplotlib; charts are drawn with rectangles and
lines. Nothing here knows what a setting or a quiz is; the callers pass plain text and numbers.

Text is set in DejaVu Sans (Debian package fonts-dejavu-core), which covers Latin, Greek and Cyrillic; a
character outside the font (e.g. CJK) is printed as '?'. If the font files are missing, the PDF falls back to
the core font Helvetica with the text transliterated to Latin-1 (en dash -> '-', curly quotes -> straight
quotes, 'ő' -> 'o', others -> '?'), rather than failing. Every string passes through `clean` before it is
drawn, and fpdf2 draws text as text: no markup in it is ever interpreted.

Nothing here imports streamlit.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF, ViewerPreferences
from fpdf.enums import TableBordersLayout, TableCellFillMode, VAlign
from fpdf.fonts import FontFace

from analysis.i18n import language_tag
from analysis.presentation.charts import PALETTE

LOGGER = logging.getLogger(__name__)

# Module-level so tests (and other platforms) can point them elsewhere.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
UNICODE_FAMILY = "DejaVu"
CORE_FAMILY = "Helvetica"

# Colours (RGB). The blue and grey differ in lightness too, and charts also say in words which bars are
# shortlisted or flagged, so colour never carries meaning alone.
BLUE = (0x00, 0x72, 0xB2)
ORANGE = (0xE6, 0x9F, 0x00)
PALE = (0xB9, 0xD3, 0xE6)
INK = (25, 25, 25)
GREY = (105, 105, 105)
SOURCE_INK = (60, 60, 60)
RULE = (190, 190, 190)
TRACK = (238, 238, 238)
HEAD_FILL = (228, 238, 246)
BOX_FILL = (246, 243, 232)
assert PALETTE[0].lower() == "#0072b2" and PALETTE[1].lower() == "#e69f00"  # same palette as the app


# --- Text that every font can show ------------------------------------------------------------

# Typographic characters outside Latin-1, for the core-font fallback.
_LATIN1_MAP = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2022\u2023\u2043\u25cf", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u00a0\u2009\u200a\u2002\u2003\u202f", " "),
        **dict.fromkeys("\u200b\u200d\ufeff", ""),
        "\u2026": "...",
        "\u2192": "->",
        "\u2190": "<-",
        "\u2264": "<=",
        "\u2265": ">=",
        "\u2248": "~",
        "\u2260": "!=",
        "\u26a0": "(!)",
        "\u2713": "v",
        "\u2714": "v",
        "\u20ac": "EUR",
        "\u2122": "(TM)",
        "\u0152": "OE",
        "\u0153": "oe",
        "\u0141": "L",
        "\u0142": "l",
    }
)


def _one_char_latin1(ch: str) -> str:
    if ord(ch) < 256:
        return ch
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if base and all(32 <= ord(c) < 256 for c in base) else "?"


def to_latin1(text: str) -> str:
    """Text the PDF core fonts can show: typographic characters spelled out, accents dropped where
    the letter is outside Latin-1, anything else '?'. Latin-1 letters (ë, Ñ, Ø) are kept."""
    text = unicodedata.normalize("NFC", str(text)).translate(_LATIN1_MAP)
    return "".join(_one_char_latin1(ch) for ch in text)


def clean_controls(text: str) -> str:
    """Control characters (tabs, stray newlines, NUL...) become spaces; runs of spaces collapse."""
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\n" else ch
        for ch in unicodedata.normalize("NFC", str(text))
    )
    return re.sub(r"[ ]{2,}", " ", text)


def _for_glyphs(glyphs: Collection[int]) -> Callable[[str], str]:
    def safe(text: str) -> str:
        return "".join(ch if ch == "\n" or ord(ch) in glyphs else "?" for ch in clean_controls(text))

    return safe


def _for_core(text: str) -> str:
    return to_latin1(clean_controls(text))


def clip(text: str, limit: int) -> str:
    """Cut at a word boundary (if one is near) and add an ellipsis; unchanged if short enough."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


# --- The document --------------------------------------------------------------------------------


class LayoutPDF(FPDF):
    """A letter-size page with a one-line footer ('{page}' and '{pages}' are filled in)."""

    def __init__(self, family: str, safe: Callable[[str], str] | None) -> None:
        super().__init__(orientation="P", unit="mm", format="letter")
        self.text_family = family
        self.clean = safe or (lambda s: s)
        self.footer_text = ""

    def footer(self) -> None:  # fpdf2 hook
        if not self.footer_text:
            return
        self.set_y(-10)
        self.set_font(self.text_family, "", 6.5)
        self.set_text_color(*GREY)
        self.cell(0, 4, self.clean(self.footer_text.format(page=self.page_no(), pages="{nb}")), align="C")


_WARNED: set[Path] = set()  # warn once per missing font file, not on every build


def _with_fonts() -> LayoutPDF:
    """A PDF with DejaVu Sans registered, or the Helvetica fallback when the font files are missing."""
    regular, bold = Path(FONT_REGULAR), Path(FONT_BOLD)
    if regular.is_file():
        pdf = LayoutPDF(UNICODE_FAMILY, None)
        try:
            pdf.add_font(UNICODE_FAMILY, "", str(regular))
            pdf.add_font(UNICODE_FAMILY, "B", str(bold if bold.is_file() else regular))
        except Exception as exc:  # a damaged font file: fall back rather than fail
            LOGGER.warning("could not load %s (%s); using Helvetica with Latin-1 text", regular, exc)
        else:
            pdf.clean = _for_glyphs(frozenset(pdf.fonts[UNICODE_FAMILY.lower()].cmap))
            return pdf
    elif regular not in _WARNED:
        _WARNED.add(regular)
        LOGGER.warning("font %s not found (install fonts-dejavu-core); using Helvetica with Latin-1 text", regular)
    return LayoutPDF(CORE_FAMILY, _for_core)


def new_page(title: str, footer: str, margins: tuple[float, float, float] = (14, 11, 14), bottom: float = 13) -> Page:
    """A new document with its first page open. The title and language are for screen readers and search (the
    reader announces the title, not the file name, and reads the text by the rules of its language); no
    personal data goes into the metadata."""
    pdf = _with_fonts()
    pdf.set_margins(*margins)
    pdf.set_auto_page_break(True, margin=bottom)
    pdf.set_title(title)
    pdf.set_lang(language_tag())
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_creator("Rx Settings Explorer")
    pdf.footer_text = footer
    pdf.add_page()
    return Page(pdf)


def last_page_fill(pdf: FPDF) -> float:
    """How much of the last page's writing area is used, 0 to 1."""
    return (pdf.get_y() - pdf.t_margin) / (pdf.page_break_trigger - pdf.t_margin)


@dataclass
class Bar:
    """One bar of a horizontal bar chart (0-100)."""

    label: str
    value: float
    value_text: str
    bold: bool = False
    flagged: bool = False  # drawn orange and hatched


@dataclass
class Page:
    """The PDF being written, with the primitives every section uses."""

    pdf: LayoutPDF

    @property
    def width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def font(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(self.pdf.text_family, "B" if bold else "", size)
        self.pdf.set_text_color(*color)

    def text_width(self, text: str, size: float, bold: bool = False) -> float:
        self.font(size, bold)
        return self.pdf.get_string_width(self.pdf.clean(text))

    def text(
        self,
        text: str,
        size: float = 8,
        bold: bool = False,
        color=INK,
        indent: float = 0,
        width: float | None = None,
        h: float | None = None,
        align: str = "L",
    ) -> None:
        """A wrapped paragraph starting at the left margin + indent."""
        self.font(size, bold, color)
        pdf = self.pdf
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            width or (self.width - indent),
            h or size * 0.45,
            pdf.clean(text),
            align=align,
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def row(self, label: str, text: str, size: float = 7.3, indent: float = 3, label_w: float = 13) -> None:
        """A label in its own narrow column (bold), the text wrapping beside it."""
        pdf = self.pdf
        h = size * 0.45
        pdf.set_x(pdf.l_margin + indent)
        self.font(size, bold=True)
        pdf.cell(label_w, h, pdf.clean(label))
        self.font(size)
        pdf.multi_cell(self.width - indent - label_w, h, pdf.clean(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def label_width(self, labels: Sequence[str], size: float = 7.3, least: float = 13.0) -> float:
        """A label column as wide as the longest label in the current language."""
        return max(least, max(self.text_width(x, size, bold=True) for x in labels) + 1.5)

    def heading(self, text: str, room: float = 22, size: float = 10.5, space: float = 1.5) -> None:
        """A section heading, moved to a new page rather than left alone at the bottom of one."""
        self.ensure(room)
        self.pdf.ln(space)
        self.text(text, size=size, bold=True, color=BLUE)
        y = self.pdf.get_y() + 0.3
        self.pdf.set_draw_color(*BLUE)
        self.pdf.set_line_width(0.3)
        self.pdf.line(self.pdf.l_margin, y, self.pdf.l_margin + self.width, y)
        self.pdf.ln(space + 0.1)

    def rule(self) -> None:
        pdf = self.pdf
        pdf.ln(0.8)
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.2)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + self.width, pdf.get_y())
        pdf.ln(1)

    def ensure(self, room: float) -> None:
        if self.pdf.get_y() + room > self.pdf.page_break_trigger:
            self.pdf.add_page()

    @contextmanager
    def table(self, widths: Sequence[float], headings: Sequence[str], size: float = 7.2):
        """The one table style: small type, ruled rows, a shaded heading row (already written)."""
        pdf = self.pdf
        self.font(size)
        pdf.set_draw_color(*RULE)
        head_style = FontFace(emphasis="BOLD", fill_color=HEAD_FILL, size_pt=size, color=INK)
        with pdf.table(
            col_widths=widths,
            width=self.width,
            align="LEFT",
            text_align="LEFT",
            v_align=VAlign.T,
            line_height=size * 0.46,
            padding=(0.9, 1.2),
            headings_style=head_style,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            cell_fill_mode=TableCellFillMode.NONE,
        ) as table:
            row = table.row()
            for h in headings:
                row.cell(pdf.clean(h))
            yield table

    def table_rows(
        self, widths: Sequence[float], headings: Sequence[str], rows: Sequence[Sequence[str]], size: float = 7.2
    ) -> None:
        with self.table(widths, headings, size) as table:
            for cells in rows:
                row = table.row()
                for cell in cells:
                    row.cell(self.pdf.clean(cell))

    def note_box(self, title: str, body: str, size: float = 7.4) -> None:
        """A shaded box with a bold title, kept on one page."""
        pdf = self.pdf
        self.font(size)
        height = pdf.multi_cell(self.width - 4, size * 0.46, pdf.clean(body), dry_run=True, output="HEIGHT") + 7
        self.ensure(height + 2)
        pdf.ln(2)
        y = pdf.get_y()
        pdf.set_fill_color(*BOX_FILL)
        pdf.rect(pdf.l_margin, y, self.width, height, style="F")
        pdf.set_xy(pdf.l_margin + 2, y + 1.5)
        self.font(size + 0.4, bold=True)
        pdf.cell(0, 3.6, pdf.clean(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(pdf.l_margin + 2)
        self.font(size)
        pdf.multi_cell(self.width - 4, size * 0.46, pdf.clean(body), new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(y + height)

    def numbered(self, heading: str, lines: Sequence[str], size: float = 6.2) -> None:
        """A source list: '[n] publisher: title — period', one entry a paragraph."""
        if not lines:
            return
        self.heading(heading, room=8 + 3 * min(len(lines), 4))
        for line in lines:
            self.text(line, size=size, color=SOURCE_INK, h=size * 0.45)

    def bold_lead(self, lead: str, text: str, x: float, width: float, size: float = 6.6, h: float = 2.9) -> float:
        """'Lead: text' written as one flowing paragraph inside a column; returns the bottom y."""
        pdf = self.pdf
        old_left, old_right = pdf.l_margin, pdf.r_margin
        pdf.set_left_margin(x)
        pdf.set_right_margin(pdf.w - x - width)
        pdf.set_x(x)
        self.font(size, bold=True)
        pdf.write(h, pdf.clean(lead))
        self.font(size)
        pdf.write(h, pdf.clean(text))
        pdf.set_left_margin(old_left)
        pdf.set_right_margin(old_right)
        return pdf.get_y() + h + 0.4

    def bar_chart(self, title: str, bars: Sequence[Bar], legend: str, x: float, y: float, width: float) -> float:
        """Horizontal bars (0-100) with their labels and values; returns the bottom y. The value column is as
        wide as its longest text, so a long flag ('71 condición excluyente') never runs into what is beside."""
        pdf = self.pdf
        size, row, bar_h = 6.8, 4.1, 3.0
        label_w = 27.0
        value_w = max([10.0] + [self.text_width(b.value_text, size, bold=True) + 1.5 for b in bars])
        bar_x = x + label_w + 1.5
        bar_w = max(width - label_w - value_w - 2.5, 20.0)
        self.font(7, bold=True)
        pdf.set_xy(x, y)
        pdf.cell(width, 3.5, pdf.clean(title))
        top = y + 4.2
        for i, bar in enumerate(bars):
            yy = top + i * row
            self.font(size, bold=bar.bold)
            pdf.set_xy(x, yy)
            pdf.cell(label_w, bar_h, pdf.clean(clip(bar.label, 24)), align="R")
            pdf.set_fill_color(*TRACK)
            pdf.rect(bar_x, yy, bar_w, bar_h, style="F")
            pdf.set_fill_color(*(ORANGE if bar.flagged else (BLUE if bar.bold else PALE)))
            end = bar_x + bar_w * max(min(bar.value, 100.0), 0.0) / 100
            pdf.rect(bar_x, yy, end - bar_x, bar_h, style="F")
            if bar.flagged:  # hatching, so the flag does not rest on colour
                self._hatch(bar_x, yy, end, bar_h)
            self.font(size, bold=bar.bold)
            pdf.set_xy(bar_x + bar_w + 1, yy)
            pdf.cell(value_w, bar_h, pdf.clean(bar.value_text))
        bottom = top + len(bars) * row
        self._axis(bar_x, bar_w, top, bottom)
        self.font(5.8, color=GREY)
        pdf.set_xy(x, bottom + 2.6)
        pdf.multi_cell(width, 2.6, pdf.clean(legend), new_x="LMARGIN", new_y="NEXT")
        return pdf.get_y()

    def _hatch(self, start: float, y: float, end: float, h: float) -> None:
        pdf = self.pdf
        pdf.set_draw_color(255, 255, 255)
        pdf.set_line_width(0.25)
        xx = start + 1.2
        while xx < end:
            pdf.line(xx, y + h, min(xx + h, end), y + h - (min(xx + h, end) - xx))
            xx += 1.4

    def _axis(self, bar_x: float, bar_w: float, top: float, bottom: float) -> None:
        """Ticks at 0, 50 and 100."""
        pdf = self.pdf
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.15)
        for tick in (0, 50, 100):
            tx = bar_x + bar_w * tick / 100
            pdf.line(tx, top - 0.6, tx, bottom - 0.6)
            self.font(5.8, color=GREY)
            pdf.set_xy(tx - 5, bottom - 0.2)
            pdf.cell(10, 2.6, str(tick), align="C")
