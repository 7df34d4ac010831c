"""Pictures of local pay drawn entirely from plain shapes: nothing is fetched from the internet.

A tile grid puts one equal square per state or territory roughly where it lies (plotly's geographic
charts would download map geometry from a CDN, so they are not used). The median is written in each
tile, so colour never carries the meaning alone, and the chosen state is outlined.
"""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from analysis.i18n import _, number
from analysis.local_pay import AreaPay, Places, money
from analysis.periods import localize_period
from analysis.presentation.charts.base import PALETTE, Chart

# (row, column) of each tile: a common US tile-grid layout; territories along the bottom row.
TILES: dict[str, tuple[int, int]] = {
    "AK": (0, 0),
    "ME": (0, 11),
    "VT": (1, 10),
    "NH": (1, 11),
    "WA": (2, 1),
    "ID": (2, 2),
    "MT": (2, 3),
    "ND": (2, 4),
    "MN": (2, 5),
    "IL": (2, 6),
    "WI": (2, 7),
    "MI": (2, 8),
    "NY": (2, 9),
    "RI": (2, 10),
    "MA": (2, 11),
    "OR": (3, 1),
    "NV": (3, 2),
    "WY": (3, 3),
    "SD": (3, 4),
    "IA": (3, 5),
    "IN": (3, 6),
    "OH": (3, 7),
    "PA": (3, 8),
    "NJ": (3, 9),
    "CT": (3, 10),
    "CA": (4, 1),
    "UT": (4, 2),
    "CO": (4, 3),
    "NE": (4, 4),
    "MO": (4, 5),
    "KY": (4, 6),
    "WV": (4, 7),
    "VA": (4, 8),
    "MD": (4, 9),
    "DE": (4, 10),
    "AZ": (5, 2),
    "NM": (5, 3),
    "KS": (5, 4),
    "AR": (5, 5),
    "TN": (5, 6),
    "NC": (5, 7),
    "SC": (5, 8),
    "DC": (5, 9),
    "OK": (6, 4),
    "LA": (6, 5),
    "MS": (6, 6),
    "AL": (6, 7),
    "GA": (6, 8),
    "HI": (7, 0),
    "GU": (7, 1),
    "TX": (7, 4),
    "FL": (7, 9),
    "PR": (7, 10),
    "VI": (7, 11),
}
ROWS, COLS = 8, 12
_NOT_PUBLISHED = "#d9d9d9"


def _short(value: float | None) -> str:
    """'40.7' (thousand dollars) for 40,650: rounded half up to the nearest $100, short enough for a phone's tile
    (exact figures are in the table)."""
    return _("n/p") if value is None else f"{int((value + 50) // 100) / 10:.1f}"


def tile_grid_chart(places: Places, chosen_state: str | None = None, font_size: int = 14) -> Chart:
    """State medians on a tile grid, the chosen state outlined; the table behind it is its text alternative."""
    fig = _tile_figure(places, font_size)
    marked = ""
    if chosen_state in TILES and chosen_state in places.states:
        r, c = TILES[chosen_state]
        fig.add_shape(
            type="rect", x0=c - 0.5, x1=c + 0.5, y0=r - 0.5, y1=r + 0.5, line={"color": PALETTE[5], "width": 4}
        )
        marked = " " + _("{state} is outlined in orange.").format(state=places.states[chosen_state].area_name)
    data = pd.DataFrame(
        [
            {
                _("State or territory"): p.area_name,
                _("Code"): code,
                _("Median a year"): p.median,
                _("Technicians employed"): p.employment,
            }
            for code, p in places.states.items()
        ]
    )
    caption = _(
        "Source: {period}, U.S. Bureau of Labor Statistics, OEWS, pharmacy technicians (SOC 29-2052), all "
        "industries. Tiles show medians in thousands of dollars a year, rounded to the nearest $100 (40.7 = "
        "$40,700; exact figures in the table); one tile per state or territory, not to scale; Guam, Puerto Rico "
        "and the Virgin Islands along the bottom row."
    ).format(period=localize_period(places.national.period))
    alt = _(
        "Tile grid of the United States, one square per state or territory, shaded by the median annual pay of "
        "pharmacy technicians, with the state code and median written in each tile."
    )
    return Chart(fig, alt + marked, _highest_and_lowest(places) + marked, caption, data)


def _tile_figure(places: Places, font_size: int) -> go.Figure:
    """The grid itself: a shaded tile per state with a published median, a grey "n/p" tile for the others."""
    z: list[list[float | None]] = [[None] * COLS for _ in range(ROWS)]
    text = [[""] * COLS for _ in range(ROWS)]
    hover = [[""] * COLS for _ in range(ROWS)]
    grey_x, grey_y, grey_text = [], [], []
    for code, pay in places.states.items():
        if code not in TILES:
            continue
        r, c = TILES[code]
        text[r][c] = f"<b>{code}</b><br>{_short(pay.median)}"
        employment = _("not published") if pay.employment is None else number(pay.employment)
        hover[r][c] = (
            escape(pay.area_name)
            + "<br>"
            + _("median {median} a year<br>technicians employed: {n}").format(median=money(pay.median), n=employment)
        )
        if pay.median is None:
            grey_x.append(c)
            grey_y.append(r)
            grey_text.append(text[r][c])
        else:
            z[r][c] = pay.median
    fig = go.Figure(
        go.Heatmap(
            z=z,
            text=text,
            customdata=hover,
            texttemplate="%{text}",
            textfont={"size": max(font_size - 4, 9)},
            colorscale="Blues",
            xgap=3,
            ygap=3,
            hovertemplate="%{customdata}<extra></extra>",
            hoverongaps=False,
            colorbar=_TILE_COLORBAR | {"title": {"text": _("Median a year"), "side": "top"}},
        )
    )
    if grey_x:  # tiles with no published median: grey, labelled "n/p"
        fig.add_trace(
            go.Scatter(
                x=grey_x,
                y=grey_y,
                mode="markers+text",
                text=grey_text,
                hoverinfo="skip",
                marker={"symbol": "square", "size": 34, "color": _NOT_PUBLISHED},
                showlegend=False,
            )
        )
    fig.update_xaxes(visible=False, range=[-0.6, COLS - 0.4], fixedrange=True)
    fig.update_yaxes(visible=False, autorange="reversed", scaleanchor="x", fixedrange=True)
    fig.update_layout(
        height=36 * ROWS + 130,
        margin={"l": 0, "r": 0, "t": 10, "b": 80},
        font={"size": font_size},
        plot_bgcolor="white",
        dragmode=False,
    )
    return fig


# The colour bar lies under the grid, across it, so the grid keeps the whole width on a phone.
_TILE_COLORBAR = {
    "tickprefix": "$",
    "separatethousands": True,
    "thickness": 10,
    "orientation": "h",
    "x": 0.5,
    "xanchor": "center",
    "y": -0.02,
    "yanchor": "top",
    "len": 0.7,
}


def _highest_and_lowest(places: Places) -> str:
    published = [p for p in places.states.values() if p.median is not None]
    top = max(published, key=lambda p: p.median)
    low = min(published, key=lambda p: p.median)
    return _(
        "Highest state median: {top} ({top_median}); lowest: {low} ({low_median}); national median {national}."
    ).format(
        top=top.area_name,
        top_median=money(top.median),
        low=low.area_name,
        low_median=money(low.median),
        national=money(places.national.median),
    )


def _wrap(text: str, width: int = 24) -> str:
    """Break a long area name over lines (plotly's <br>) so the plot keeps its width on a phone."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    # The space stays at the end of each line: the chart's text (read aloud, copied) keeps "The Woodlands".
    return " <br>".join(escape(part) for part in [*lines, line])


def place_range_chart(rows: list[AreaPay], hourly: bool = False, font_size: int = 14) -> Chart:
    """10th-90th and 25th-75th percentile ranges and the median for the nation and the chosen place(s)."""
    key = "hourly" if hourly else "annual"
    labels = [_wrap(p.label if p.area_type != "metro" else p.area_name) for p in rows]
    fig = _range_figure(rows, labels, key, hourly, font_size)
    names = {10: _("10th"), 25: _("25th"), 50: _("median"), 75: _("75th"), 90: _("90th")}
    data = pd.DataFrame(
        [
            {
                _("Area"): p.label,
                _("Period"): localize_period(p.period),
                **{names[k]: getattr(p, key)[k] for k in (10, 25, 50, 75, 90)},
                _("Technicians employed"): p.employment,
            }
            for p in rows
        ]
    )
    summary = (
        "; ".join(
            _("{place}: median {median}").format(place=p.label, median=money(getattr(p, key)[50], hourly)) for p in rows
        )
        + "."
    )
    caption = _(
        "All settings together. Source: {period}, U.S. Bureau of Labor Statistics, OEWS, pharmacy technicians, "
        "all industries (BLS publishes no figures for one setting within a state or metro area)."
    ).format(period=localize_period(rows[0].period))
    alt = _(
        "Pay ranges for all pharmacy technicians in the chosen place and in the United States: percentile lines and "
        "median diamonds."
    )
    return Chart(fig, alt, summary, caption, data)


def _range_figure(rows: list[AreaPay], labels: list[str], key: str, hourly: bool, font_size: int) -> go.Figure:
    """Each place's 10th–90th line, 25th–75th bar and median diamond with its value, one place a row."""
    fig = go.Figure()
    for lo, hi, width, colour, name in (
        (10, 90, 4, PALETTE[4], _("10th–90th percentile")),
        (25, 75, 16, PALETTE[0], _("25th–75th percentile")),
    ):
        xs, ys = [], []
        for label, p in zip(labels, rows, strict=False):
            dist = getattr(p, key)
            if dist[lo] is not None and dist[hi] is not None:
                xs += [dist[lo], dist[hi], None]
                ys += [label, label, None]
        fig.add_trace(
            go.Scatter(x=xs, y=ys, mode="lines", name=name, line={"color": colour, "width": width}, hoverinfo="x+y")
        )
    med = [
        (label, getattr(p, key)[50]) for label, p in zip(labels, rows, strict=False) if getattr(p, key)[50] is not None
    ]
    fig.add_trace(
        go.Scatter(
            x=[m for _, m in med],
            y=[label for label, _ in med],
            mode="markers+text",
            name=_("Median"),
            cliponaxis=False,
            text=[money(m, hourly) for _, m in med],
            textposition="top center",
            marker={"symbol": "diamond", "size": 14, "color": PALETTE[5], "line": {"color": "white", "width": 1}},
        )
    )
    fig.update_xaxes(
        title_text=_("USD per hour") if hourly else _("USD per year"), tickprefix="$", separatethousands=True
    )
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1])
    fig.update_layout(
        height=150 + 60 * len(rows),
        margin={"l": 10, "r": 10, "t": 44, "b": 10},
        font={"size": font_size},
        legend={"orientation": "h", "yanchor": "top", "y": -0.35, "x": 0},
    )
    return fig
