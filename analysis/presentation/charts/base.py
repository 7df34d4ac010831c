"""What every chart shares: the palette and ink, contrast helpers, the `Chart` hand-off and common layout.

A Chart carries everything the UI must show with a figure: the figure itself (a plotly figure built with
graph_objects, ~1 ms, rather than plotly.express, ~20 ms; or, for pay, a `VegaLite` spec and its rows), an
`alt` text, a short plain-text summary, a caption naming sources and periods, and the data table behind it.
Colour never carries meaning alone: values are also written as text, and series differ in pattern or symbol
as well as colour.

Plotly charts key settings by id (axis categories, lookups), never by display name, so two settings that read
alike can never merge; the pay chart's rows carry `unique_labels` names in the chosen order. Profile text
reaches plotly only through `safe_text.plotly_text` and only as data (customdata, ticktext, hovertext), never
spliced into a hovertemplate; it reaches the Vega-Lite spec never, only its rows (`safe_text.chart_text`).
`summary` and `caption` are plain text: the UI shows them through `safe_text.inert`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.i18n import N_, _
from analysis.loading.frames import FREQUENCY_LABELS
from analysis.loading.schema import Source
from analysis.periods import read_period
from analysis.presentation.safe_text import plotly_text

# Okabe-Ito, the same palette as .streamlit/config.toml (kept here for figures drawn outside the theme).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PATTERNS = ["", "/", "x", ".", "\\", "+", "-", "|"]
HOURS_PER_YEAR = 2080  # BLS converts hourly to annual wages at 2,080 hours
EDITORIAL_NOTE = N_("Editorial ratings by the Rx Settings Explorer team (1–5), each with its reason; not survey data.")


# Chart text colours: 11:1 and 9:1 on white, whatever the Streamlit theme would fade them to.
INK = "#1d1c1a"
AXIS_INK = "#3b3e45"
HIGHER_IS_MORE = N_("higher = more of it")  # shown through _()
# Heatmap cells light enough that dark text reads on every one of them (>= 8:1 with INK).
LIGHT_BLUES = [[0, "#f4f4f4"], [0.25, "#e3eef8"], [0.5, "#c6dbef"], [0.75, "#9ecae1"], [1, "#6baed6"]]


# Data-table headers: the frames' own column names, shown in the current language.
DATA_HEADERS = {
    name: name
    for name in (
        N_("setting"),
        N_("label"),
        N_("value"),
        N_("period"),
        N_("source"),
        N_("evidence"),
        N_("note"),
        N_("industry"),
        N_("confidence"),
        N_("dimension"),
        N_("score"),
        N_("reason"),
        N_("hours"),
        N_("frequency"),
        N_("task"),
        N_("share_%"),
        N_("examples"),
        N_("credential"),
        N_("relevance"),
        N_("rank"),
        N_("fit"),
        N_("deal-breaker"),
    )
}


def data_table(data: pd.DataFrame) -> pd.DataFrame:
    """A chart's data table with its column headers in the current language."""
    return data.rename(columns={c: _(DATA_HEADERS[c]) for c in data.columns if c in DATA_HEADERS})


def frequency_word(word) -> str:
    return _(FREQUENCY_LABELS[word]) if word in FREQUENCY_LABELS else word


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two '#rrggbb' colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink_on(fill: str) -> str:
    """Black or white text, whichever reads better on `fill` (labels written inside bars)."""
    return "#000000" if contrast("#000000", fill) >= contrast("#ffffff", fill) else "#ffffff"


@dataclass(frozen=True)
class VegaLite:
    """A Vega-Lite chart: a spec that names no setting, and the rows it draws. Streamlit redraws a keyed Vega-Lite
    chart in place when only its rows change (a setting added on Compare); a plotly chart whose data changed is
    built again from scratch, about 150 ms of the interaction in Chromium."""

    spec: dict
    data: pd.DataFrame

    @functools.cached_property
    def rows_ipc(self) -> bytes | None:
        """The rows as Arrow IPC bytes, the form Streamlit sends them in, made once per chart: Streamlit would
        serialise them again on every run of a page that shows a shared chart. None when they do not convert as
        they are (Streamlit's own conversion fixes column types first). Kept on the chart, so it lives exactly as
        long as the chart does."""
        import pyarrow as pa  # loaded by Streamlit anyway; analysis/ imports it only here

        try:
            table = pa.Table.from_pandas(self.data)  # what Streamlit does with a frame
            sink = pa.BufferOutputStream()
            with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
                writer.write_table(table)
            return sink.getvalue().to_pybytes()
        except (pa.ArrowException, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class Chart:
    figure: go.Figure | VegaLite
    alt: str
    summary: str
    caption: str
    data: pd.DataFrame
    # Plain text shown under the chart, e.g. every rating's reason: (heading, lines under it) pairs.
    details: tuple[tuple[str, tuple[str, ...]], ...] = ()


def readable_ink(fig: go.Figure) -> go.Figure:
    """Dark text on every label a chart draws, whoever built it: the Streamlit theme otherwise fades axis ticks
    and colour-bar labels to about 3.7:1. Only colours that are not set already are filled in."""
    fig.update_layout(font_color=fig.layout.font.color or INK)
    fig.for_each_xaxis(
        lambda ax: ax.update(tickfont_color=ax.tickfont.color or AXIS_INK, title_font_color=ax.title.font.color or INK)
    )
    fig.for_each_yaxis(
        lambda ax: ax.update(tickfont_color=ax.tickfont.color or AXIS_INK, title_font_color=ax.title.font.color or INK)
    )
    for trace in fig.data:
        if getattr(trace, "colorbar", None) is not None and "colorbar" in trace:
            trace.colorbar.tickfont.color = trace.colorbar.tickfont.color or AXIS_INK
            trace.colorbar.title.font.color = trace.colorbar.title.font.color or INK
    if fig.layout.legend.font.color is None:
        fig.update_layout(legend_font_color=INK)
    return fig


def for_streamlit(fig: go.Figure) -> go.Figure:
    """The figure as Streamlit should get it: readable ink, and no plotly template. Streamlit's theme replaces
    the template in the browser (the chart is pixel-identical without it), but the default one is ~6 KB of every
    chart's JSON that plotly.js still reads on each redraw: about 90 ms of each Compare interaction in Chromium."""
    fig = readable_ink(fig)
    fig.layout.template = None
    return fig


def setting_axis(fig: go.Figure, axis: str, names: dict[str, str]) -> None:
    """Categories are setting ids in the chosen order; the ticks read as the (escaped) names."""
    ids = list(names)
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(
        type="category",
        tickmode="array",
        tickvals=ids,
        ticktext=[plotly_text(names[i]) for i in ids],
        categoryorder="array",
        categoryarray=ids,
    )


def base_layout(fig: go.Figure, height: int, font_size: int = 14) -> go.Figure:
    """Size, readable text colours on every label, and the legend above the plot (never over an axis title)."""
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        font=dict(size=font_size, color=INK),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, font=dict(color=INK)),
        hoverlabel=dict(font_size=font_size),
    )
    axis = dict(tickfont=dict(color=AXIS_INK), title_font=dict(color=INK), automargin=True)
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    return fig


def cite(source_ids, periods, sources: dict[str, Source], prefix: bool = True) -> str:
    """'Sources: A (May 2024); B (2020)' from parallel source ids and periods, de-duplicated."""
    seen: dict[tuple[str, str], None] = {}
    for sid, period in zip(source_ids, periods, strict=False):
        if sid and not pd.isna(sid):
            src = sources.get(sid)
            title = src.publisher + ", " + src.title if src else sid
            seen[(title, read_period(str(period), src.accessed if src else None))] = None
    if not seen:
        return ""
    listed = "; ".join(f"{t} ({p})" for t, p in seen)
    return _("Sources: {sources}").format(sources=listed) if prefix else listed


def unique_labels(names: dict[str, str]) -> dict[str, str]:
    """id -> label with every label distinct (case-insensitively): a repeated name gets its id added."""
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    return {sid: f"{name} ({sid})" if counts[name.casefold()] > 1 else name for sid, name in names.items()}
