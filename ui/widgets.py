"""Small UI building blocks shared by the pages: charts with their captions, cited figures, notices."""

from __future__ import annotations

import html

import streamlit as st

from analysis.loading.schema import Fact, Source
from analysis.presentation.facts import citation, format_value
from analysis.presentation.figures import Chart, readable_ink
from analysis.presentation.safe_text import inert


def font_size() -> int:
    """Chart font size: larger in presentation view (plotly ignores the theme's base size)."""
    return 20 if st.session_state.get("presentation", False) else 14


def render_chart(chart: Chart, key: str) -> None:
    """A chart with everything that must travel with it: alt text, summary, sources, data table."""
    st.plotly_chart(readable_ink(chart.figure), key=key, alt=chart.alt, config={"displaylogo": False, "displayModeBar": False})
    st.markdown(f"**In short:** {inert(chart.summary)}")
    if chart.details:  # e.g. every rating's reason: written out, since touch screens and projectors cannot hover
        st.markdown("\n".join(f"- **{inert(heading)}**\n" + "\n".join(f"  - {inert(line)}" for line in lines)
                               for heading, lines in chart.details))
    st.caption(inert(chart.caption))
    data = st.expander("Data behind this chart", key=f"{key}_data", on_change="rerun")
    with data:
        if data.open:  # built only when opened: keeps reruns cheap
            st.dataframe(chart.data, hide_index=True, width="stretch")


def fact_markdown(label: str, fact: Fact, sources: dict[str, Source]) -> str:
    """One line: label, figure in bold, and its period/source — escaped for Markdown."""
    value = format_value(fact).replace("$", "\\$")
    cite = citation(fact, sources).replace("$", "\\$")
    return f"{_md(label)}: **{_md(value)}** — {_md(cite)}"


def _md(text: str) -> str:
    """Text shown as text: neutralise HTML and the Markdown characters that could restyle it."""
    text = html.escape(str(text), quote=False)
    for ch in "*_`[]<>#|~":
        text = text.replace(ch, "\\" + ch)
    return text


def safe(text: str) -> str:
    return _md(text)


def show_notices(notices: list[str]) -> None:
    """Every notice about ignored link or upload input goes through here, so they all render one way."""
    for notice in notices:
        st.info(notice, icon=":material/info:")
