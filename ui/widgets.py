"""Small UI building blocks shared by the pages: charts with their summaries and sources, cited figures, notices."""

from __future__ import annotations

import copy

import plotly.graph_objects as go
import streamlit as st

from analysis.i18n import _
from analysis.loading.schema import Fact, Source
from analysis.presentation.charts import Chart, VegaLite, for_streamlit
from analysis.presentation.facts import citation, format_value
from analysis.presentation.safe_text import inert, small


def font_size() -> int:
    """Chart font size: larger in presentation view (plotly ignores the theme's base size)."""
    return 20 if st.session_state.get("presentation", False) else 14


class _ReadyFigure(go.Figure):
    """A prepared figure as the dict Streamlit makes of it. Streamlit calls a figure's `to_dict()` on every run (a
    deep copy: ~0.5 ms for the Overview's map) and only reads the result, so the dict is made once and handed over
    as it is. Nothing but `to_dict` is used, so plotly's own set-up is skipped."""

    def __init__(self, as_dict: dict) -> None:  # no super().__init__(): see above
        self._as_dict = as_dict  # plotly figures accept attributes that start with "_"

    def to_dict(self) -> dict:
        return self._as_dict


def _prepared(fig) -> _ReadyFigure:
    """`for_streamlit` once per figure: a cached figure is drawn on many runs, and preparing it again changes
    nothing but costs about as much as a small page."""
    ready = getattr(fig, "_rx_ready", None)
    if ready is None:
        ready = fig._rx_ready = _ReadyFigure(for_streamlit(fig).to_dict())  # "_" attributes are allowed on figures
    return ready


ROWS = "rows"  # the name the Vega-Lite specs' rows travel under


def render_chart(chart: Chart, key: str) -> None:
    """A chart with everything that must travel with it: alt text, summary, sources, data table."""
    if isinstance(chart.figure, VegaLite):
        # The spec is cached and shared: Streamlit gets its own copy. Streamlit edits only its top-level keys (on
        # its own shallow copy), except a null legend title under a top-level `encoding`, patched in place.
        # `alt` is the accessible name; a description in the spec as well makes Streamlit log a warning with a
        # stack trace on every run.
        spec = {k: v for k, v in chart.figure.spec.items() if k != "description"}
        spec = copy.deepcopy(spec) if "encoding" in spec else spec
        ready = chart.figure.rows_ipc
        if ready is None:
            st.vega_lite_chart(chart.figure.data, spec, key=key, alt=chart.alt, width="stretch")
        else:  # a named dataset given as bytes is sent as it is
            spec |= {"data": {"name": ROWS}, "datasets": {ROWS: ready}}
            st.vega_lite_chart(spec=spec, key=key, alt=chart.alt, width="stretch")
    else:
        st.plotly_chart(
            _prepared(chart.figure), key=key, alt=chart.alt, config={"displaylogo": False, "displayModeBar": False}
        )
    # One Markdown block (one element on every run, not three): the summary, every detail written out (e.g. every
    # rating's reason, since touch screens and projectors cannot hover), and the sources in small type.
    chart_text = [_("**In short:** {summary}").format(summary=inert(chart.summary))]
    if chart.details:
        chart_text.append(
            "\n".join(
                f"- **{inert(heading)}**\n" + "\n".join(f"  - {inert(line)}" for line in lines)
                for heading, lines in chart.details
            )
        )
    chart_text.append(small(chart.caption))
    st.markdown("\n\n".join(chart_text))
    data = st.expander(_("Data behind this chart"), key=f"{key}_data", on_change="rerun")
    with data:
        if data.open:  # built only when opened: keeps reruns cheap
            st.dataframe(chart.data, hide_index=True, width="stretch")


def fact_markdown(label: str, fact: Fact, sources: dict[str, Source]) -> str:
    """One line: label, figure in bold, and its period/source, all inert."""
    return f"{inert(label)}: **{inert(format_value(fact))}** — {inert(citation(fact, sources))}"


def show_notices(notices: list[str]) -> None:
    """Every notice about ignored link or upload input goes through here, so they all render one way:
    as inert text (a notice quotes what the link said, and the link is outside text)."""
    for notice in notices:
        st.info(inert(notice), icon=":material/info:")
