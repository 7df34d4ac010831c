"""The page stylesheet: a tighter top margin always, and larger type in presentation view."""

# Larger type for projectors and screen sharing. Plotly fonts are sized separately (ui.widgets.font_size).
# Less empty space above the content, so a 1280x720 projector shows more of each page.
_LAYOUT_CSS = "<style>[data-testid='stMainBlockContainer'] { padding-top: 4.5rem; }</style>"

_PRESENTATION_CSS = """
<style>
  html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
  [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
  [data-testid="stWidgetLabel"] p, [data-testid="stCaptionContainer"] { font-size: 1.15rem; }
  [data-testid="stSidebar"] { display: none; }
</style>
"""


def page_style(presentation: bool) -> str:
    return _LAYOUT_CSS + (_PRESENTATION_CSS if presentation else "")
