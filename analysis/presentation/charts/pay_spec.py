"""The pay chart's Vega-Lite spec: one row per setting, in the data's order.

It depends on the unit, language and type size only, so adding a setting changes the chart's data, never its
spec. Layers, bottom to top: the national median (dashed), the 10th–90th percentile line, the 25th–75th box,
the median diamond (filled for the setting's own industry, open for the nearest one) with its value written
under it, the words for a setting with no figure, and a layer that draws nothing but gives the legend.
"""

from __future__ import annotations

import json
import textwrap

from analysis.i18n import _
from analysis.presentation.charts.base import AXIS_INK, INK, PALETTE

NATIONAL_INK = "#555555"
# Legend keys longer than this are written on several lines: on a 375 px phone a one-line key is cut off.
LEGEND_LINE_CHARS = 30


def pay_alt() -> str:
    return _(
        "Pay ranges by setting: 10th–90th percentile line, 25th–75th box and median diamond, with the national "
        "median as a dashed line."
    )


def pay_spec(national: float, national_name: str, hourly: bool, font_size: int) -> dict:
    """The whole spec; `national` is the national median in the chosen unit, `national_name` its legend key."""
    money_format = "$,.2f" if hourly else "$,.0f"
    x = _x_encoding(_("USD per hour (annual ÷ 2,080)") if hourly else _("USD per year"), money_format)
    y = _y_encoding()
    layers = [
        {  # the national median, dashed, under the ranges
            "mark": {"type": "rule", "color": NATIONAL_INK, "strokeDash": [6, 4], "strokeWidth": 1.5},
            "encoding": {"x": {"datum": national, "type": "quantitative"}},
        },
        _span(10, 90, {"type": "rule", "strokeWidth": 4, "color": PALETTE[4]}, x, y, money_format),  # a thin line
        _span(25, 75, {"type": "bar", "height": 16, "color": PALETTE[0]}, x, y, money_format),  # a box over it
        *_median_layers(x, y, font_size),
        {  # a setting with no published figure: said in words, at the national median (never a zero)
            "transform": _where("datum.kind === 'gap'"),
            "mark": {"type": "text", "align": "left", "dx": 8, "color": AXIS_INK},
            "encoding": {
                "y": y,
                "x": {"datum": national, "type": "quantitative"},
                "text": {"value": _("no published pay figure")},
            },
        },
        _legend_layer(national_name),
    ]
    # Every mark hidden from assistive technology: Vega would otherwise announce each layer as an unnamed image
    # ("graphics-symbol"). The chart is one image, named by its description; its summary and data table,
    # written under it, say what it shows.
    for layer in layers:
        layer["mark"]["aria"] = False
    return {
        # The chart's accessible name: vega-embed labels the chart with it (the page also passes it as `alt`).
        "description": pay_alt(),
        "height": {"step": 24 + 4 * font_size},
        "layer": layers,
        "config": _config(font_size),
    }


def _where(test: str) -> list[dict]:
    return [{"filter": test}]


def _x_encoding(title: str, money_format: str):
    def x(field: str) -> dict:
        return {
            "field": field,
            "type": "quantitative",
            "title": title,
            "axis": {"format": money_format, "tickCount": 6, "grid": True},
            "scale": {"zero": False},
        }

    return x


def _y_encoding() -> dict:
    """Each setting's name sits above its range, inside the plot: on a phone the ranges and the legend get the
    whole width instead of sharing it with a column of names."""
    return {
        "field": "setting",
        "type": "nominal",
        "sort": {"field": "order", "op": "min"},  # the chosen order (every layer filters its own rows)
        "title": None,
        "axis": {
            "labelAlign": "left",
            "labelBaseline": "bottom",
            "labelOffset": -12,
            "labelPadding": 0,
            "ticks": False,
            "domain": False,
            "labelColor": INK,
            "labelFontWeight": "bold",
            "zindex": 1,  # over the dashed national line
        },
    }


def _setting_tip() -> dict:
    return {"field": "setting", "type": "nominal", "title": _("Setting")}


def _span(low: int, high: int, mark: dict, x, y: dict, money_format: str) -> dict:
    """A percentile range drawn as `mark`, where both its ends are published; its tooltip names each end."""
    ordinal = {
        10: _("10th percentile"),
        25: _("25th percentile"),
        75: _("75th percentile"),
        90: _("90th percentile"),
    }

    def amount(pct: int) -> dict:
        return {"field": f"p{pct}", "type": "quantitative", "title": ordinal[pct], "format": money_format}

    return {
        "transform": _where(f"isValid(datum.p{low}) && isValid(datum.p{high})"),
        "mark": mark,
        "encoding": {
            "y": y,
            "x": x(f"p{low}"),
            "x2": {"field": f"p{high}"},
            "tooltip": [_setting_tip(), amount(low), amount(high)],
        },
    }


def _median_layers(x, y: dict, font_size: int) -> list[dict]:
    """The median as a diamond, filled for the setting's own industry and open for the nearest one, and its
    value written under it."""
    diamond = {"type": "point", "shape": "diamond", "size": 14 * font_size, "color": PALETTE[5], "opacity": 1}
    tip = [
        _setting_tip(),
        {"field": "median", "title": _("Median")},
        {"field": "period", "title": _("period")},
        {"field": "evidence", "title": _("evidence")},
        {"field": "industry", "title": _("industry")},
    ]
    return [
        {
            "transform": _where("datum.kind === 'median'"),
            "mark": {**diamond, "filled": True, "stroke": "white", "strokeWidth": 1},
            "encoding": {"y": y, "x": x("p50"), "tooltip": tip},
        },
        {
            "transform": _where("datum.kind === 'nearest'"),
            "mark": {**diamond, "filled": False, "strokeWidth": 2},
            "encoding": {"y": y, "x": x("p50"), "tooltip": tip},
        },
        {
            "transform": _where("isValid(datum.p50)"),
            "mark": {"type": "text", "baseline": "top", "dy": 12, "color": INK},
            "encoding": {"y": y, "x": x("p50"), "text": {"field": "median"}},
        },
    ]


def _legend_layer(national_name: str) -> dict:
    """Draws nothing: gives the chart its legend, a key per mark drawn like the mark (the nearest industry's
    median open, the national median dashed), each key wrapped to fit a phone."""
    nearest = _("Median of the nearest industry (loose fit)")
    keys = [_("10th–90th percentile"), _("25th–75th percentile"), _("Median"), nearest, national_name]
    as_drawn = {
        "labelExpr": _wrapped(keys),
        "encode": {
            "symbols": {
                "update": {
                    "fill": {"signal": "scale('color', datum.value)"},
                    "stroke": {"signal": "scale('color', datum.value)"},
                    "fillOpacity": {"signal": f"datum.index === {keys.index(nearest)} ? 0 : 1"},
                    "strokeWidth": {"value": 2},
                    "strokeDash": {"signal": f"datum.index === {keys.index(national_name)} ? [4, 3] : []"},
                }
            }
        },
    }
    return {
        "data": {"values": [{"key": k} for k in keys]},
        "mark": {"type": "point", "opacity": 0, "filled": True},
        "encoding": {
            "x": {"value": 0},
            "y": {"value": 0},
            "color": {
                "field": "key",
                "type": "nominal",
                "scale": {"domain": keys, "range": [PALETTE[4], PALETTE[0], PALETTE[5], PALETTE[5], NATIONAL_INK]},
                "title": None,
                "legend": as_drawn,
            },
            "shape": {
                "field": "key",
                "type": "nominal",
                "scale": {"domain": keys, "range": ["stroke", "square", "diamond", "diamond", "stroke"]},
                "title": None,
                "legend": as_drawn,
            },
        },
    }


def _wrapped(keys: list[str]) -> str:
    """A Vega expression giving each long legend key as lines (Vega draws an array of strings as several lines).
    The keys are written as JSON strings, which Vega's expression language reads as string literals."""
    expr = "datum.label"
    for key in keys:
        lines = textwrap.wrap(key, LEGEND_LINE_CHARS)
        if len(lines) > 1:
            expr = f"datum.label === {json.dumps(key)} ? {json.dumps(lines)} : ({expr})"
    return expr


def _config(font_size: int) -> dict:
    return {
        # No description per mark: Vega writes them from field names, in English ("p90: 53690"); the chart's
        # alt text, its summary and its data table say it all in the page's language.
        "aria": False,
        "axis": {
            "labelColor": AXIS_INK,
            "titleColor": INK,
            "labelFontSize": font_size,
            "titleFontSize": font_size,
            "labelLimit": 20 * font_size,
        },
        "legend": {
            "orient": "top",
            "direction": "vertical",
            "labelColor": INK,
            "labelFontSize": font_size,
            "labelLimit": 0,
            "symbolOpacity": 1,
        },
        "text": {"fontSize": font_size},
    }
