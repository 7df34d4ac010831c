"""The page stylesheet: readable contrast and layouts that fit at every width, and larger type in
presentation view. Colours for text are chosen for WCAG AA (4.5:1 or more on their background);
tests/test_browser_readability.py measures them in a real browser."""

from analysis.i18n import _

# Captions carry many figures' sources and periods, so they get a solid grey (8.4:1 on white), not Streamlit's
# text at 60% opacity (3.9:1); a chart's sources are in small type (`safe_text.small`) in the text's own colour.
# Less space above the content so a 1280x720 projector shows more.
# Metric labels, buttons and tabs wrap instead of cutting their text off with an ellipsis.
_LAYOUT_CSS = """
<style>
  [data-testid='stMainBlockContainer'] { padding-top: 4.5rem; }
  [data-testid="stCaptionContainer"] { opacity: 1; color: #4a4d55; }
  [data-testid="stCaptionContainer"] p { color: #4a4d55; }
  [data-testid="stMetricLabel"] div, [data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] label {
    white-space: normal; overflow: visible; text-overflow: clip; }
  /* A figure with its unit ("471,680 empleos") fits a card of four on a laptop, and wraps rather than losing its
     end where it still does not. */
  [data-testid="stMetricValue"] { font-size: clamp(1.6rem, 2.4vw, 2.25rem); }
  [data-testid="stMetricValue"], [data-testid="stMetricValue"] div, [data-testid="stMetricValue"] p {
    white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; }
  /* Keyboard focus drawn plainly (WCAG 2.4.7): Streamlit shows a focused page link only as a faint tint, the same
     as the page that is open. The app's blue, 5:1 on white. */
  [data-testid="stApp"] a:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
  [data-testid="stBaseButton-secondary"] p, [data-testid="stBaseButton-primary"] p,
  [data-testid="stDownloadButton"] p, [data-testid="stPageLink"] p {
    white-space: normal; overflow: visible; text-overflow: clip; }
  [data-testid="stTabs"] [role="tablist"] { flex-wrap: wrap; overflow-x: visible; }
  [data-testid="stTabs"] [role="tab"] p { white-space: nowrap; }
  [data-testid="stExpander"] summary p { white-space: normal; }
  [data-testid="stMultiSelectTagsContainer"] [data-tag] { white-space: normal; height: auto; min-height: 1.6rem; }
  [data-testid="stMultiSelectTagsContainer"] [data-tag] > span {
    white-space: normal; overflow: visible; text-overflow: clip; }
  .stMarkdown table { display: block; max-width: 100%; }
  /* The page's stylesheet and scripts (language and keyboard help, ui/session_bar.py) draw nothing: no gap for
     them either. */
  [data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script):not(
    :has(> [data-testid="stHtml"] > :not(script, style))) { display: none; }
  /* Streamlit's toolbar on charts and tables (Fullscreen, Download as PNG or CSV, Search, Show data, Copy Vega-Lite
     spec) speaks English only and adds English-named stops to every Tab path. What it offers is on the page in
     the reader's language: each chart's summary and "Data behind this chart", and the take-home downloads. */
  [data-testid="stElementContainer"]:has([data-testid="stDataFrame"], [data-testid="stVegaLiteChart"],
    [data-testid="stPlotlyChart"]) [data-testid="stElementToolbar"] { display: none; }
  /* Streamlit's upload box states Streamlit's size limit (the server's 1 MB), in English; the app's own limit is
     in the box's label, in the page's language. */
  [data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
  /* Compare's realities (ui/reality.py): on a narrow screen the facet table (a column of long text per setting)
     becomes one block per facet with each setting's text under it, and back on a wide one. */
  .st-key-reality_list { display: none; }
  /* The session bar (ui/session_bar.py): the language, presentation view and New client sit on the right. */
  .st-key-session_bar > .st-key-lang { margin-left: auto; }
  /* The Overview's setting cards (app_pages/overview.py): three across, one across on a phone, as columns were. */
  .st-key-setting_cards > [data-testid="stLayoutWrapper"] { flex: 0 0 calc((100% - 2rem) / 3); min-width: 0; }
  @media (max-width: 640px) {
    .st-key-setting_cards > [data-testid="stLayoutWrapper"] { flex-basis: 100%; }
    [data-testid='stMainBlockContainer'] { padding-left: 0.75rem; padding-right: 0.75rem; }
    .st-key-reality_table { display: none; }
    .st-key-reality_list { display: flex; }
  }
</style>
"""

# Larger type for projectors and screen sharing. Navigation stays visible at every width (on a phone it is
# Streamlit's menu button). Chart fonts are sized separately (ui.widgets.font_size).
_PRESENTATION_CSS = """
<style>
  html, body, [data-testid="stAppViewContainer"] { font-size: 24px; }
  [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
  [data-testid="stWidgetLabel"] p, [data-testid="stCaptionContainer"],
  [data-testid="stCaptionContainer"] p, [data-testid="stMetricLabel"] p { font-size: 1.1rem; }
  [data-testid="stMarkdownContainer"] h1, h1 { font-size: 2.6rem; }
  [data-testid="stMetricValue"] { font-size: 2.4rem; }
  [data-testid="stTabs"] [role="tab"] p, [data-testid="stExpander"] summary p,
  [data-testid="stTable"] td, [data-testid="stTable"] th, button p { font-size: 1.05rem; }
</style>
"""


def _css_text(text: str) -> str:
    """Our own words as a CSS string: quotes and backslashes escaped, nothing that could end the stylesheet."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"').replace("<", "")


def _upload_button_css() -> str:
    """The upload box's button says "Upload" in English whatever the page's language (Streamlit has no setting for
    it): its word is swapped for ours. Text made by CSS is also the button's name for a screen reader."""
    word = _css_text(_("Choose a file"))
    return f"""
<style>
  [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {{ display: none; }}
  [data-testid="stFileUploaderDropzone"] button span[data-has-shortcut]::after {{ content: "{word}"; }}
</style>
"""


def page_style_in(lang: str, presentation: bool) -> str:
    """The stylesheet in `lang`, the current language (a few words are written by CSS); drawn with the page's
    scripts by ui/session_bar.py, which makes it once per language and mode."""
    return _LAYOUT_CSS + _upload_button_css() + (_PRESENTATION_CSS if presentation else "")
