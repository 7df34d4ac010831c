"""Chart builders: plain functions of the tidy frames, returning a `Chart`.

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

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.i18n import N_, _, ngettext
from analysis.loading.frames import FREQUENCY_LABELS
from analysis.loading.schema import EVIDENCE_LABELS as EVIDENCE_WORDS
from analysis.loading.schema import FREQUENCY_ORDER, NOT_RATED, RELEVANCE_ORDER, Fact, Source
from analysis.periods import localize_period, read_period
from analysis.presentation.facts import money
from analysis.presentation.safe_text import chart_text, plotly_text

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


def _table(data: pd.DataFrame) -> pd.DataFrame:
    """A chart's data table with its column headers in the current language."""
    return data.rename(columns={c: _(DATA_HEADERS[c]) for c in data.columns if c in DATA_HEADERS})


def _frequency(word) -> str:
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


def _setting_axis(fig: go.Figure, axis: str, names: dict[str, str]) -> None:
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


def _base_layout(fig: go.Figure, height: int, font_size: int = 14) -> go.Figure:
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


# --- Pay ---------------------------------------------------------------------------------


def _industry_named(row) -> str:
    """A wages row's BLS industry, marked when it is only the nearest one (a loose fit)."""
    return str(row["industry"]) + (_(" (nearest only)") if _loose(row) else "")


def _loose(row) -> bool:
    return row.get("confidence") in ("low", "none")


def pay_chart(
    wages: pd.DataFrame,
    names: dict[str, str],
    national: Fact,
    sources: dict[str, Source],
    hourly: bool = False,
    font_size: int = 14,
) -> Chart:
    """Percentile ranges where published; median alone where only that is; a labelled gap otherwise.

    `wages` is Frames.wages filtered to the chosen settings; `names` maps id -> display name in order.
    """
    scale = 1 / HOURS_PER_YEAR if hourly else 1
    table = wages.pivot_table(index="setting_id", columns="percentile", values="value", aggfunc="first")
    table = table.reindex(index=list(names), columns=[10, 25, 50, 75, 90])
    meta = wages[wages["percentile"] == 50].set_index("setting_id")

    rows, near_y, gap_y = [], [], []
    for sid, name in names.items():
        p = table.loc[sid] * scale
        row = {"order": len(rows), "setting": chart_text(name), "kind": "gap"}
        row |= {"median": "", "period": "", "evidence": "", "industry": ""}
        row.update({f"p{pct}": (float(p[pct]) if pd.notna(p[pct]) else None) for pct in (10, 25, 50, 75, 90)})
        if pd.notna(p[50]):
            fact = meta.loc[sid]
            industry = fact.get("industry")
            loose = _loose(fact)
            row["kind"] = "nearest" if loose else "median"
            row["median"] = money(p[50], hourly) + (" ≈" if loose else "")
            row["period"] = chart_text(localize_period(str(fact["period"])))
            row["evidence"] = chart_text(_(EVIDENCE_WORDS.get(fact["evidence"], fact["evidence"])))
            if isinstance(industry, str):
                row["industry"] = chart_text(_industry_named(fact))
            if loose:
                near_y.append(sid)
        else:
            gap_y.append(sid)
        rows.append(row)
    nat = float(national.value) * scale
    national_name = _("National median {median} ({period})").format(
        median=money(nat, hourly), period=localize_period(national.period or "")
    )
    figure = VegaLite(_pay_spec(nat, national_name, hourly, font_size), pd.DataFrame(rows))
    medians = table[50].dropna()
    ranged = set(table[10].dropna().index)
    parts = []
    if len(names) == 1 and len(medians):  # one setting (its detail page): against the national median
        sid = medians.index[0]
        own, nat_annual = medians[sid], float(national.value)
        if own > nat_annual:
            text = _(
                "{name}: median {median}, {pct} above the national median for all pharmacy technicians "
                "({national}, {period})."
            )
        elif own < nat_annual:
            text = _(
                "{name}: median {median}, {pct} below the national median for all pharmacy technicians "
                "({national}, {period})."
            )
        else:
            text = _(
                "{name}: median {median}, at the national median for all pharmacy technicians ({national}, {period})."
            )
        parts.append(
            text.format(
                name=names[sid],
                median=money(own * scale, hourly),
                pct=f"{abs(own / nat_annual - 1):.0%}",
                national=money(nat, hourly),
                period=localize_period(national.period or ""),
            )
        )
        if pd.notna(table.loc[sid, 25]) and pd.notna(table.loc[sid, 75]):
            parts.append(
                _("The middle half earn {low} to {high}.").format(
                    low=money(table.loc[sid, 25] * scale, hourly), high=money(table.loc[sid, 75] * scale, hourly)
                )
            )
    elif len(medians):
        top, low = medians.idxmax(), medians.idxmin()

        def nearest(sid: str) -> str:
            return _(", nearest industry") if sid in near_y else ""

        parts.append(
            _(
                "Highest published median: {top} ({top_median}{top_note}); lowest: {low} ({low_median}{low_note})."
            ).format(
                top=names[top],
                top_median=money(medians[top] * scale, hourly),
                top_note=nearest(top),
                low=names[low],
                low_median=money(medians[low] * scale, hourly),
                low_note=nearest(low),
            )
        )
    if near_y:
        parts.append(
            _(
                "No BLS industry fits {names} well; the figures shown are the nearest industry's (low "
                "confidence, see each setting's industry note)."
            ).format(names=", ".join(names[s] for s in near_y))
        )
    if gap_y:
        parts.append(_("No published pay figure for {names}.").format(names=", ".join(names[s] for s in gap_y)))
    only_median = [names[s] for s in medians.index if s not in ranged]
    if only_median:
        parts.append(_("Only a median is published for {names}.").format(names=", ".join(only_median)))
    data = wages[["setting", "label", "value", "period", "source", "evidence", "note"]].copy()
    data["value"] = data["value"] * scale
    industries = meta.reindex(list(names))
    if "industry" in industries and industries["industry"].notna().any():
        caption_industries = " " + _("Industries: {list}.").format(
            list="; ".join(
                f"{names[sid]}: {_industry_named(row)}"
                for sid, row in industries.iterrows()
                if isinstance(row.get("industry"), str)
            )
        )
    else:
        caption_industries = ""
    if "industry" in wages:
        data = wages[
            ["setting", "label", "value", "period", "source", "evidence", "industry", "confidence", "note"]
        ].copy()
        data["value"] = data["value"] * scale
    caption = (
        cite(wages["source"], wages["period"], sources)
        + ". "
        + _("National median: {source}.").format(
            source=cite([national.source], [national.period], sources, prefix=False)
        )
        + " "
        + _("Figures describe the BLS industry each setting maps to (see About the data); national, not local.")
        + caption_industries
    )
    return Chart(
        figure, _pay_alt(), " ".join(parts) or _("No published pay figures for these settings."), caption, _table(data)
    )


def _pay_alt() -> str:
    return _(
        "Pay ranges by setting: 10th–90th percentile line, 25th–75th box and median diamond, with the national "
        "median as a dashed line."
    )


def _pay_spec(national: float, national_name: str, hourly: bool, font_size: int) -> dict:
    """The pay chart's Vega-Lite spec: one row per setting, in the data's order. It depends on the unit, language
    and type size only, so adding a setting changes the chart's data, never its spec."""
    money_format = "$,.2f" if hourly else "$,.0f"
    p10_90, p25_75, median = _("10th–90th percentile"), _("25th–75th percentile"), _("Median")
    nearest = _("Median of the nearest industry (loose fit)")
    keys = [p10_90, p25_75, median, nearest, national_name]
    # The legend's keys drawn like their marks: the nearest industry's median open, the national median dashed.
    as_drawn = {
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
        }
    }
    title = _("USD per hour (annual ÷ 2,080)") if hourly else _("USD per year")

    def x(field: str) -> dict:
        return {
            "field": field,
            "type": "quantitative",
            "title": title,
            "axis": {"format": money_format, "tickCount": 6, "grid": True},
            "scale": {"zero": False},
        }

    # Each setting's name sits above its range, inside the plot: on a phone the ranges and the legend get the
    # whole width instead of sharing it with a column of names.
    y = {
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
    setting = {"field": "setting", "type": "nominal", "title": _("Setting")}

    def amount(field: str, name: str) -> dict:
        return {"field": field, "type": "quantitative", "title": name, "format": money_format}

    def where(test: str) -> list[dict]:
        return [{"filter": test}]

    def span(low: int, high: int, mark: dict) -> dict:
        """A percentile range drawn as `mark`, where both its ends are published; its tooltip names each end."""
        return {
            "transform": where(f"isValid(datum.p{low}) && isValid(datum.p{high})"),
            "mark": mark,
            "encoding": {
                "y": y,
                "x": x(f"p{low}"),
                "x2": {"field": f"p{high}"},
                "tooltip": [
                    setting,
                    amount(f"p{low}", ordinal_percentile[low]),
                    amount(f"p{high}", ordinal_percentile[high]),
                ],
            },
        }

    ordinal_percentile = {
        10: _("10th percentile"),
        25: _("25th percentile"),
        75: _("75th percentile"),
        90: _("90th percentile"),
    }
    diamond = {"type": "point", "shape": "diamond", "size": 14 * font_size, "color": PALETTE[5], "opacity": 1}
    median_tip = [
        setting,
        {"field": "median", "title": median},
        {"field": "period", "title": _("period")},
        {"field": "evidence", "title": _("evidence")},
        {"field": "industry", "title": _("industry")},
    ]
    spec = {
        # The chart's accessible name: vega-embed labels the chart with it (the page also passes it as `alt`).
        "description": _pay_alt(),
        "height": {"step": 24 + 4 * font_size},
        "layer": [
            {  # the national median, dashed, under the ranges
                "mark": {"type": "rule", "color": "#555555", "strokeDash": [6, 4], "strokeWidth": 1.5},
                "encoding": {"x": {"datum": national, "type": "quantitative"}},
            },
            span(10, 90, {"type": "rule", "strokeWidth": 4, "color": PALETTE[4]}),  # 10th-90th: a thin line
            span(25, 75, {"type": "bar", "height": 16, "color": PALETTE[0]}),  # 25th-75th: a thick bar over it
            {  # the median: a diamond, filled for the setting's own industry, open for the nearest one
                "transform": where("datum.kind === 'median'"),
                "mark": {**diamond, "filled": True, "stroke": "white", "strokeWidth": 1},
                "encoding": {"y": y, "x": x("p50"), "tooltip": median_tip},
            },
            {
                "transform": where("datum.kind === 'nearest'"),
                "mark": {**diamond, "filled": False, "strokeWidth": 2},
                "encoding": {"y": y, "x": x("p50"), "tooltip": median_tip},
            },
            {  # the median written under its diamond
                "transform": where("isValid(datum.p50)"),
                "mark": {"type": "text", "baseline": "top", "dy": 12, "color": INK},
                "encoding": {"y": y, "x": x("p50"), "text": {"field": "median"}},
            },
            {  # a setting with no published figure: said in words, at the national median (never a zero)
                "transform": where("datum.kind === 'gap'"),
                "mark": {"type": "text", "align": "left", "dx": 8, "color": AXIS_INK},
                "encoding": {
                    "y": y,
                    "x": {"datum": national, "type": "quantitative"},
                    "text": {"value": _("no published pay figure")},
                },
            },
            {  # draws nothing: gives the chart its legend (a key per mark, in the marks' own shapes)
                "data": {"values": [{"key": k} for k in keys]},
                "mark": {"type": "point", "opacity": 0, "filled": True},
                "encoding": {
                    "x": {"value": 0},
                    "y": {"value": 0},
                    "color": {
                        "field": "key",
                        "type": "nominal",
                        "scale": {"domain": keys, "range": [PALETTE[4], PALETTE[0], PALETTE[5], PALETTE[5], "#555555"]},
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
            },
        ],
        "config": {
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
        },
    }
    # Every mark hidden from assistive technology: Vega would otherwise announce each layer as an unnamed image
    # ("graphics-symbol"). The chart is one image, named by its description; its summary and data table,
    # written under it, say what it shows.
    for layer in spec["layer"]:
        layer["mark"]["aria"] = False
    return spec


# --- Editorial ratings --------------------------------------------------------------------


def ratings_chart(ratings: pd.DataFrame, names: dict[str, str], font_size: int = 14) -> Chart:
    """Grouped horizontal bars of the 1-5 ratings; every dimension reads the same way (higher = more of it) and
    every reason is written out in `details`, not only on hover (touch screens and projectors have none)."""
    fig = go.Figure()
    dims = list(dict.fromkeys(ratings["label"]))
    for i, (sid, name) in enumerate(names.items()):
        rows = ratings[ratings["setting_id"] == sid].set_index("label").reindex(dims)
        label = plotly_text(name)
        fig.add_trace(
            go.Bar(
                y=dims,
                x=[_score(v) for v in rows["score"]],  # not rated: no bar (the reason says so)
                orientation="h",
                name=label,
                text=[_score(v) for v in rows["score"]],
                textposition="outside",
                marker=dict(color=PALETTE[i % len(PALETTE)], pattern=dict(shape=PATTERNS[i % len(PATTERNS)])),
                customdata=[[label, plotly_text(r if isinstance(r, str) else _(NOT_RATED))] for r in rows["reason"]],
                hovertemplate="%{y}: %{x}/5<br>%{customdata[1]}<extra>%{customdata[0]}</extra>",
            )
        )
    fig.update_xaxes(range=[0, 5.6], dtick=1, title_text=_("Editorial rating 1–5") + f"<br>{_(HIGHER_IS_MORE)}")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="group", bargap=0.25)
    _base_layout(fig, height=140 + len(dims) * (14 * len(names) + 16), font_size=font_size)

    spread = (
        ratings.groupby("label")["score"]
        .agg(lambda s: s.max() - s.min())
        .dropna()  # a dimension no chosen setting is rated on
        .sort_values(ascending=False)
    )
    widest = [d for d, v in spread.items() if v == spread.max() and v > 0][:3]
    summary = (
        _("The settings differ most on {dimensions} (spread of {n} points).").format(
            dimensions=", ".join(widest), n=int(spread.max())
        )
        if widest
        else _("These settings are rated the same on every dimension.")
    )
    data = ratings[["setting", "label", "score", "reason"]].rename(columns={"label": "dimension"})
    data = data.assign(score=data["score"].astype("Int64"), reason=data["reason"].fillna(_(NOT_RATED)))
    alt = _(
        "Grouped bars of editorial 1 to 5 ratings for each chosen setting across {n} dimensions; {higher} on every "
        "dimension."
    ).format(n=len(dims), higher=_(HIGHER_IS_MORE))
    caption = (
        _(EDITORIAL_NOTE)
        + " "
        + _(
            "On every dimension {higher}: a 5 for night and weekend exposure means more "
            "nights and weekends, a 5 for schedule predictability means more predictable "
            "hours."
        ).format(higher=_(HIGHER_IS_MORE))
    )
    return Chart(fig, alt, summary, caption, _table(data), rating_reasons(ratings, names))


def rating_reasons(ratings: pd.DataFrame, names: dict[str, str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per dimension, one line per setting: ('Night and weekend exposure', ('Hospital 4/5: nights are …', …))."""
    out = []
    for label in dict.fromkeys(ratings["label"]):
        rows = ratings[ratings["label"] == label].set_index("setting_id")
        out.append(
            (
                label,
                tuple(
                    (
                        f"{names[s]} {int(rows.loc[s, 'score'])}/5: {rows.loc[s, 'reason']}"
                        if pd.notna(rows.loc[s, "score"])
                        else f"{names[s]}: {_(NOT_RATED)}"
                    )
                    for s in names
                    if s in rows.index
                ),
            )
        )
    return tuple(out)


# --- Schedule -------------------------------------------------------------------------------


def schedule_chart(schedule: pd.DataFrame, names: dict[str, str], font_size: int = 14) -> Chart:
    """Heatmap of how often nights, weekends, holidays and on-call come up; the word is in each cell."""
    kinds = list(dict.fromkeys(schedule["label"]))
    z, text, hover = [], [], []
    for sid, name in names.items():
        rows = schedule[schedule["setting_id"] == sid].set_index("label").reindex(kinds)
        z.append(rows["level"].tolist())
        text.append([_frequency(f) for f in rows["frequency"].tolist()])
        hover.append([[plotly_text(name), plotly_text(rows["reason"].iloc[0])]] * len(kinds))
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=kinds,
            y=list(names),
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            zmin=0,
            zmax=len(FREQUENCY_ORDER) - 1,
            colorscale=LIGHT_BLUES,
            textfont=dict(size=font_size, color=INK),
            hovertemplate="%{customdata[0]} · %{x}: %{text}<br>%{customdata[1]}<extra></extra>",
            colorbar=dict(
                tickvals=list(range(len(FREQUENCY_ORDER))),
                ticktext=[_frequency(f) for f in FREQUENCY_ORDER],
                title=_("How often"),
            ),
        )
    )
    _setting_axis(fig, "y", names)
    fig.update_yaxes(autorange="reversed")
    _base_layout(fig, height=120 + 55 * len(names), font_size=font_size)
    heavy = [
        names[s]
        for s in names
        if (
            schedule[(schedule["setting_id"] == s) & (schedule["kind"].isin(["nights", "weekends"]))]["level"] >= 3
        ).any()
    ]
    summary = (
        _("Nights or weekends are common or typical in: {names}.").format(names=", ".join(heavy))
        if heavy
        else _("None of these settings commonly needs nights or weekends.")
    )
    data = schedule[["setting", "label", "frequency", "reason"]].rename(columns={"label": "hours"})
    data["frequency"] = data["frequency"].map(_frequency)
    caption = _(
        "Editorial judgement from the descriptions cited on each setting's detail page "
        "(never / rare / sometimes / common / typical); individual employers vary."
    )
    alt = _(
        "Heatmap of how often nights, weekends, holidays and on-call come up in each setting, with the frequency "
        "written in each cell."
    )
    return Chart(fig, alt, summary, caption, _table(data))


# --- Tasks ------------------------------------------------------------------------------------


def tasks_chart(tasks: pd.DataFrame, names: dict[str, str], font_size: int = 14) -> Chart:
    """Stacked bars of the approximate share of working time per task category."""
    fig = go.Figure()
    ids = list(names)
    for i, task in enumerate(dict.fromkeys(tasks.sort_values("share", ascending=False)["label"])):
        rows = tasks[tasks["label"] == task].set_index("setting_id").reindex(ids)
        shares = rows["share"].fillna(0)  # a NaN would break the stack for the traces after it
        examples = rows["examples"].fillna(_("not part of this setting"))
        fig.add_trace(
            go.Bar(
                y=ids,
                x=shares,
                name=plotly_text(task),
                orientation="h",
                text=[f"{v:.0f}%" if v >= 8 else "" for v in shares],
                textposition="inside",
                textangle=0,
                insidetextfont=dict(color=ink_on(PALETTE[i % len(PALETTE)])),
                marker=dict(
                    color=PALETTE[i % len(PALETTE)],
                    pattern=dict(shape=PATTERNS[(i // len(PALETTE)) * 2 % len(PATTERNS)]),
                ),
                customdata=[
                    [plotly_text(names[sid]), plotly_text(task), plotly_text(ex)]
                    for sid, ex in zip(ids, examples, strict=False)
                ],
                hovertemplate="%{customdata[0]}<br>%{customdata[1]}: %{x}%<br>%{customdata[2]}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 100], ticksuffix="%", title_text=_("Approximate share of working time"))
    _setting_axis(fig, "y", names)
    fig.update_yaxes(autorange="reversed")
    _base_layout(fig, height=260 + 50 * len(names), font_size=font_size)
    # Legend above the plot (never on the axis title), in the order the segments are stacked; labels that would
    # have to shrink below a readable size inside a thin segment are left out (the hover and data table have them).
    fig.update_layout(
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, traceorder="normal"),
        uniformtext=dict(minsize=max(font_size - 2, 12), mode="hide"),
    )
    tops = []
    for sid, name in names.items():
        row = tasks[tasks["setting_id"] == sid].sort_values("share", ascending=False).iloc[0]
        tops.append(f"{name}: {row['label'].lower()} ({row['share']}%)")
    data = tasks[["setting", "label", "share", "examples"]].rename(columns={"label": "task", "share": "share_%"})
    caption = _("Editorial estimates of time shares from the duties described in each setting's sources; jobs vary.")
    alt = _("Stacked bars showing the approximate share of working time each setting spends on each task category.")
    return Chart(fig, alt, _("Largest share of time — {list}.").format(list="; ".join(tops)), caption, _table(data))


# --- Credentials --------------------------------------------------------------------------------


def credential_chart(creds: pd.DataFrame, names: dict[str, str], font_size: int = 14) -> Chart:
    """Setting x credential matrix; the relevance is written in each cell, blank where not listed."""
    score = {r: len(RELEVANCE_ORDER) - i for i, r in enumerate(RELEVANCE_ORDER)}  # required=4 ... helpful=1
    chosen = creds[creds["setting_id"].isin(list(names))]
    order = (
        chosen.assign(s=chosen["relevance"].map(score))
        .groupby("credential_name")["s"]
        .sum()
        .sort_values(ascending=False)
        .index.tolist()
    )
    z, text = [], []
    for cred in order:
        zr, tr = [], []
        for sid in names:
            hit = chosen[(chosen["setting_id"] == sid) & (chosen["credential_name"] == cred)]
            rel = hit["relevance"].iloc[0] if len(hit) else ""
            zr.append(score.get(rel, 0))
            tr.append(_(RELEVANCE_WORDS[rel]) if rel in RELEVANCE_WORDS else (rel or "—"))
        z.append(zr)
        text.append(tr)
    hover = [[plotly_text(names[sid]) for sid in names] for _ in order]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(names),
            y=[plotly_text(c) for c in order],
            text=text,
            texttemplate="%{text}",
            zmin=0,
            zmax=4,
            colorscale=LIGHT_BLUES,
            showscale=False,
            customdata=hover,
            hovertemplate="%{customdata} · %{y}: %{text}<extra></extra>",
            textfont=dict(size=font_size - 1, color=INK),
        )
    )
    _setting_axis(fig, "x", names)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    _base_layout(fig, height=120 + 34 * max(len(order), 1), font_size=font_size)
    required = chosen[chosen["relevance"].isin(["required", "commonly-required"])]
    summary = (
        _("Required or commonly required: {list}.").format(
            list="; ".join(
                f"{names[s]} – {', '.join(g['credential_name'])}" for s, g in required.groupby("setting_id", sort=False)
            )
        )
        if len(required)
        else _("None of these settings commonly requires a credential.")
    )
    data = chosen[["setting", "credential_name", "relevance", "note"]].rename(columns={"credential_name": "credential"})
    data["relevance"] = data["relevance"].map(lambda r: _(RELEVANCE_WORDS[r]) if r in RELEVANCE_WORDS else r)
    caption = _(
        "Editorial reading of employer practice and the sources on each detail page; state rules can require "
        "registration or certification regardless of setting — check your state board of pharmacy."
    )
    alt = _(
        "Matrix of credentials against settings with the relevance (required, commonly required, preferred, "
        "helpful) written in each cell."
    )
    return Chart(fig, alt, summary, caption, _table(data))


# --- Differences table ------------------------------------------------------------------------------


PAY_ROW = N_("Median pay")
RELEVANCE_WORDS = {
    "required": N_("required"),
    "commonly-required": N_("commonly required"),
    "preferred": N_("preferred"),
    "helpful": N_("helpful"),
}


def differences(
    frames_settings: pd.DataFrame, ratings: pd.DataFrame, schedule: pd.DataFrame, names: dict[str, str]
) -> pd.DataFrame:
    """Pay first, then every other compared dimension, widest difference first.

    Columns: `dimension`, one per setting (a name shared by two settings gets its id added, so columns never
    merge), `difference` in words and `spread` (0-1) for sorting. Ratings (1-5) and hours (five steps from
    never to typical) share one scale: how many of the four steps separate the highest and the lowest.
    Pay leads whatever its size; its difference is in dollars and as a share of the lower median.
    """
    names = unique_labels(names)
    rows = []
    med = frames_settings.set_index("id").loc[list(names)]
    published = med["median_wage_annual"].dropna()
    periods = sorted({str(p) for p in med.loc[published.index, "median_wage_annual_period"]})
    if len(published) > 1:
        gap = published.max() - published.min()
        pay_difference = _("{gap} a year ({pct} more for {high} than {low})").format(
            gap=money(gap),
            pct=f"{gap / published.min():.0%}",
            high=names[published.idxmax()],
            low=names[published.idxmin()],
        )
    else:
        pay_difference = _("only one published figure") if len(published) else _("no published figures")
    periods_text = ", ".join(localize_period(p) for p in periods)
    rows.append(
        {
            "dimension": _(PAY_ROW) + (f" (BLS OEWS, {periods_text})" if periods else ""),
            **{
                names[s]: (
                    money(med.loc[s, "median_wage_annual"])
                    if pd.notna(med.loc[s, "median_wage_annual"])
                    else _("no published figure")
                )
                for s in names
            },
            "difference": pay_difference,
            "spread": 2.0,
        }
    )  # above every 0-1 spread: pay always leads
    for label, g in ratings[ratings["setting_id"].isin(list(names))].groupby("label", sort=False):
        vals = g.set_index("setting_id")["score"]
        rated = vals.dropna()  # a profile written before a dimension was added is not rated on it
        steps = int(rated.max() - rated.min()) if len(rated) > 1 else 0
        rows.append(
            {
                "dimension": _("{label} (editorial, 1–5)").format(label=label),
                **{names[s]: f"{int(vals[s])}/5" if pd.notna(vals[s]) else _(NOT_RATED) for s in names},
                "difference": _steps(steps) if len(rated) > 1 else _(NOT_RATED),
                "spread": steps / 4,
            }
        )
    for label, g in schedule[schedule["setting_id"].isin(list(names))].groupby("label", sort=False):
        vals = g.set_index("setting_id")
        steps = int(vals["level"].max() - vals["level"].min())
        rows.append(
            {
                "dimension": _("{label} (editorial)").format(label=label),
                **{names[s]: _frequency(vals.loc[s, "frequency"]) for s in names},
                "difference": _steps(steps),
                "spread": steps / (len(FREQUENCY_ORDER) - 1),
            }
        )
    return pd.DataFrame(rows).sort_values("spread", ascending=False, kind="stable").reset_index(drop=True)


def _score(value) -> int | None:
    """A 1-5 rating as a whole number, or None where the setting is not rated on the dimension."""
    return int(value) if pd.notna(value) else None


def _steps(n: int) -> str:
    return _("the same") if n == 0 else ngettext("{n} of 4 steps apart", "{n} of 4 steps apart", n).format(n=n)


def unique_labels(names: dict[str, str]) -> dict[str, str]:
    """id -> label with every label distinct (case-insensitively): a repeated name gets its id added."""
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    return {sid: f"{name} ({sid})" if counts[name.casefold()] > 1 else name for sid, name in names.items()}


# --- Fit quiz ------------------------------------------------------------------------------------


def fit_chart(ranking: list, short_names: dict[str, str] | None = None, font_size: int = 14) -> Chart:
    """Horizontal bars of fit scores in ranked order; a deal-breaker is marked in the label, not by colour alone.

    `ranking` is QuizResult.ranking (objects with name, score, deal_breakers).
    """
    scored = [r for r in ranking if r.score is not None]
    short_names = short_names or {}
    labels = {r.setting_id: ("⚠ " if r.deal_breakers else "") + short_names.get(r.setting_id, r.name) for r in scored}
    scores = [round(r.score) for r in scored]
    colors = [PALETTE[1] if r.deal_breakers else PALETTE[0] for r in scored]
    fig = go.Figure(
        go.Bar(
            x=scores,
            y=list(labels),
            orientation="h",
            text=[f"{s}" for s in scores],
            textposition="outside",
            cliponaxis=False,  # "100" beside a full bar stays whole on a phone-width chart
            marker=dict(color=colors, pattern=dict(shape=["/" if r.deal_breakers else "" for r in scored])),
            customdata=[
                [plotly_text(labels[r.setting_id]), plotly_text("; ".join(r.deal_breakers) or _("no deal-breaker"))]
                for r in scored
            ],
            hovertemplate="%{customdata[0]}: %{x}/100<br>%{customdata[1]}<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, 108], title_text=_("Fit with your answers (0–100)"))
    _setting_axis(fig, "y", labels)
    fig.update_yaxes(autorange="reversed")
    _base_layout(fig, height=90 + 38 * max(len(scored), 1), font_size=font_size)
    fig.update_layout(showlegend=False)
    flagged = [r.name for r in scored if r.deal_breakers]
    if not scored:
        summary = _("Answer a question to see a ranking.")
    elif len(scored) > 1:
        summary = _("Best fit: {first} ({first_score}/100), then {second} ({second_score}/100).").format(
            first=scored[0].name, first_score=scores[0], second=scored[1].name, second_score=scores[1]
        )
    else:
        summary = _("Best fit: {first} ({first_score}/100).").format(first=scored[0].name, first_score=scores[0])
    if flagged:
        summary += " " + _("Moved to the end because of a deal-breaker: {names}.").format(names=", ".join(flagged))
    data = pd.DataFrame(
        {
            "rank": range(1, len(scored) + 1),
            "setting": [r.name for r in scored],
            "fit": scores,
            "deal-breaker": [", ".join(r.deal_breakers) for r in scored],
        }
    )
    caption = _(
        "Fit compares your answers with each setting's editorial ratings, usual hours, task mix and published "
        "median pay. It is an exploration aid, not a test."
    )
    alt = _(
        "Bar chart of fit scores from 0 to 100 for each setting, best fit first; settings with a deal-breaker are "
        "marked with a warning sign."
    )
    return Chart(fig, alt, summary, caption, _table(data))


# --- The Compare page, all at once (so the UI can cache one object per selection) -------------------


@dataclass(frozen=True)
class CompareView:
    differences: pd.DataFrame
    pay: Chart
    ratings: Chart
    schedule: Chart
    tasks: Chart
    credentials: Chart


def compare_view(result, frames, ids: tuple[str, ...], hourly: bool = False, font_size: int = 14) -> CompareView:
    """Every chart and table of the Compare page for the chosen settings, in the chosen order."""
    by_id = result.by_id()
    names = unique_labels({i: by_id[i].short_name for i in ids})
    chosen = list(ids)
    return CompareView(
        differences=differences(frames.settings, frames.ratings, frames.schedule, names),
        pay=pay_chart(
            frames.wages[frames.wages["setting_id"].isin(chosen)],
            names,
            result.catalogs.national.median_wage_annual,
            result.catalogs.sources,
            hourly,
            font_size,
        ),
        ratings=ratings_chart(frames.ratings[frames.ratings["setting_id"].isin(chosen)], names, font_size),
        schedule=schedule_chart(frames.schedule[frames.schedule["setting_id"].isin(chosen)], names, font_size),
        tasks=tasks_chart(frames.tasks[frames.tasks["setting_id"].isin(chosen)], names, font_size),
        credentials=credential_chart(frames.credentials, names, font_size),
    )


# --- National pay over time ------------------------------------------------------------------------


def pay_trend_chart(
    trend: pd.DataFrame, sources: dict[str, Source], source_id: str = "bls-oews-national-files", font_size: int = 14
) -> Chart:
    """Median with the 10th–90th percentile band, all industries, one point per OEWS release.

    Wages are as published, not adjusted for inflation.
    """
    releases = [localize_period(str(r)) for r in trend["release"]]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=releases,
            y=trend["annual_p90"],
            mode="lines+markers",
            name=_("90th percentile"),
            line=dict(color=PALETTE[4], dash="dot"),
            marker=dict(symbol="triangle-up"),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=releases,
            y=trend["annual_median"],
            mode="lines+markers+text",
            name=_("Median"),
            line=dict(color=PALETTE[5], width=3),
            marker=dict(symbol="diamond", size=11),
            text=[money(v) for v in trend["annual_median"]],
            textposition="top center",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=releases,
            y=trend["annual_p10"],
            mode="lines+markers",
            name=_("10th percentile"),
            line=dict(color=PALETTE[0], dash="dash"),
            marker=dict(symbol="triangle-down"),
        )
    )
    top = float(trend["annual_p90"].max())
    # Headroom above the highest line so the value labels stay inside the chart.
    fig.update_yaxes(
        title_text=_("USD per year"),
        tickprefix="$",
        separatethousands=True,
        range=[float(trend["annual_p10"].min()) * 0.9, top * 1.08],
    )
    fig.update_xaxes(type="category")
    _base_layout(fig, height=300, font_size=font_size)
    first, last = trend.iloc[0], trend.iloc[-1]
    change = (last["annual_median"] / first["annual_median"] - 1) * 100
    summary = _(
        "The national median rose from {first} ({first_release}) to {last} ({last_release}), {change}% before "
        "inflation."
    ).format(
        first=money(first["annual_median"]),
        first_release=localize_period(str(first["release"])),
        last=money(last["annual_median"]),
        last_release=localize_period(str(last["release"])),
        change=f"{change:.1f}",
    )
    caption = (
        cite([source_id] * len(trend), [", ".join(releases)] * len(trend), sources)
        + ". "
        + _("All industries, national; current dollars, not adjusted for inflation.")
    )
    alt = _(
        "Line chart of pharmacy technician annual pay by OEWS release: 10th percentile, median and 90th percentile."
    )
    data = trend[["release", "source_file", "employment", "annual_p10", "annual_median", "annual_p90", "hourly_median"]]
    return Chart(fig, alt, summary, caption, data.rename(columns={"source_file": _("BLS file")}))
