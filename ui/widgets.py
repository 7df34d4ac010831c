"""Small UI building blocks shared by the pages: charts with their captions, cited figures, notices."""

from __future__ import annotations

import copy

import streamlit as st

from analysis.i18n import _
from analysis.loading.schema import Fact, Source
from analysis.presentation.charts import Chart, VegaLite, for_streamlit
from analysis.presentation.facts import citation, format_value
from analysis.presentation.safe_text import inert


def font_size() -> int:
    """Chart font size: larger in presentation view (plotly ignores the theme's base size)."""
    return 20 if st.session_state.get("presentation", False) else 14


def render_chart(chart: Chart, key: str) -> None:
    """A chart with everything that must travel with it: alt text, summary, sources, data table."""
    if isinstance(chart.figure, VegaLite):  # the spec is cached and shared: Streamlit gets its own copy
        st.vega_lite_chart(chart.figure.data, copy.deepcopy(chart.figure.spec), key=key, alt=chart.alt, width="stretch")
    else:
        st.plotly_chart(
            for_streamlit(chart.figure), key=key, alt=chart.alt, config={"displaylogo": False, "displayModeBar": False}
        )
    st.markdown(_("**In short:** {summary}").format(summary=inert(chart.summary)))
    if chart.details:  # e.g. every rating's reason: written out, since touch screens and projectors cannot hover
        st.markdown(
            "\n".join(
                f"- **{inert(heading)}**\n" + "\n".join(f"  - {inert(line)}" for line in lines)
                for heading, lines in chart.details
            )
        )
    st.caption(inert(chart.caption))
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
