"""Opening app pages under AppTest the way a link does (a plain module: tests import it, not conftest)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from analysis.paths import ROOT

APP = str(ROOT / "app.py")


def upload_box(at: AppTest):
    """The Overview's profile upload, with its box opened first (its content is built only while open)."""
    at.session_state["custom_upload_box"] = True
    at.run()
    return at.file_uploader(key="custom_upload")


def open_page(page: str | None = None, **params: str) -> AppTest:
    """Run the app, switch to `page` (e.g. "compare"), and give that page's first run the URL `params`."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(markdown: str) -> str:
    """What a reader sees of Markdown source made with safe_text.inert: escapes and word joiners removed.
    (AppTest reports the Markdown source a page sent, not what the browser shows.)"""
    import re

    from analysis.presentation.safe_text import WORD_JOINER

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")


def unescape(source: str) -> str:
    """What CommonMark shows for `source` when it is only text and backslash escapes (fails otherwise)."""
    import string

    from analysis.presentation.safe_text import WORD_JOINER

    punctuation = set(string.punctuation)
    out, i = [], 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            assert i + 1 < len(source) and source[i + 1] in punctuation, f"stray backslash in {source!r}"
            out.append(source[i + 1])
            i += 2
            continue
        assert ch not in punctuation, f"unescaped {ch!r} in {source!r}"
        out.append(ch)
        i += 1
    return "".join(out).replace(WORD_JOINER, "")


def vega_charts(at: AppTest) -> list[dict]:
    """Every Vega-Lite chart the page sent: its spec, with the rows it draws (a DataFrame) under "rows"."""
    import json

    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    def rows(proto):  # the rows travel as the chart's data or as its one named dataset (ui/widgets.py)
        return convert_arrow_bytes_to_pandas_df(proto.datasets[0].data.data if proto.datasets else proto.data.data)

    return [{**json.loads(c.proto.spec), "rows": rows(c.proto)} for c in at.get("vega_lite_chart")]


def legend_keys(vega: dict) -> list[str]:
    """The keys a Vega-Lite chart's legend lists (charts/pay_spec.py gives each chart one legend layer)."""
    layer = next(layer for layer in vega["layer"] if "values" in layer.get("data", {}))
    return [row["key"] for row in layer["data"]["values"]]
