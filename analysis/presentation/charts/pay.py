"""Pay charts: each setting's published percentile range against the national median, and the national median
over time.

The pay chart's Vega-Lite spec is in `pay_spec`; this module builds its rows, summary and caption."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.i18n import _
from analysis.loading.schema import EVIDENCE_LABELS, Fact, Source
from analysis.periods import localize_period
from analysis.presentation.charts.base import HOURS_PER_YEAR, PALETTE, Chart, VegaLite, base_layout, cite, data_table
from analysis.presentation.charts.pay_spec import pay_alt, pay_spec
from analysis.presentation.facts import money
from analysis.presentation.safe_text import chart_text

PERCENTILES = (10, 25, 50, 75, 90)


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
    table = table.reindex(index=list(names), columns=list(PERCENTILES)) * scale
    meta = wages[wages["percentile"] == 50].set_index("setting_id")
    rows = [_pay_row(i, name, table.loc[sid], meta, hourly) for i, (sid, name) in enumerate(names.items())]
    nearest = [sid for sid, row in zip(names, rows, strict=True) if row["kind"] == "nearest"]
    nat = float(national.value) * scale
    national_name = _("National median {median} ({period})").format(
        median=money(nat, hourly), period=localize_period(national.period or "")
    )
    figure = VegaLite(pay_spec(nat, national_name, hourly, font_size), pd.DataFrame(rows))
    summary = " ".join(_pay_summary(table, names, national, nearest, hourly))
    return Chart(
        figure,
        pay_alt(),
        summary or _("No published pay figures for these settings."),
        _pay_caption(wages, meta, names, national, sources),
        data_table(_pay_data(wages, scale)),
    )


def _pay_row(order: int, name: str, pay: pd.Series, meta: pd.DataFrame, hourly: bool) -> dict:
    """One setting's row of the chart: its percentiles (in the chosen unit) and the words its tooltip shows."""
    row = {"order": order, "setting": chart_text(name), "kind": "gap"}
    row |= {"median": "", "period": "", "evidence": "", "industry": ""}
    row |= {f"p{pct}": (float(pay[pct]) if pd.notna(pay[pct]) else None) for pct in PERCENTILES}
    if pd.isna(pay[50]):
        return row
    fact = meta.loc[pay.name]
    loose = _loose(fact)
    row["kind"] = "nearest" if loose else "median"
    row["median"] = money(pay[50], hourly) + (" ≈" if loose else "")
    row["period"] = chart_text(localize_period(str(fact["period"])))
    row["evidence"] = chart_text(_(EVIDENCE_LABELS.get(fact["evidence"], fact["evidence"])))
    if isinstance(fact.get("industry"), str):
        row["industry"] = chart_text(_industry_named(fact))
    return row


def _pay_summary(
    table: pd.DataFrame, names: dict[str, str], national: Fact, nearest: list[str], hourly: bool
) -> list[str]:
    """The chart in sentences: one setting against the national median, or the highest and lowest of several;
    then every loose fit, gap and median-only setting by name."""
    medians = table[50].dropna()
    parts = []
    if len(names) == 1 and len(medians):  # one setting (its detail page): against the national median
        parts += _one_against_national(table, names, national, hourly)
    elif len(medians):
        top, low = medians.idxmax(), medians.idxmin()

        def note(sid: str) -> str:
            return _(", nearest industry") if sid in nearest else ""

        parts.append(
            _(
                "Highest published median: {top} ({top_median}{top_note}); lowest: {low} ({low_median}{low_note})."
            ).format(
                top=names[top],
                top_median=money(medians[top], hourly),
                top_note=note(top),
                low=names[low],
                low_median=money(medians[low], hourly),
                low_note=note(low),
            )
        )
    if nearest:
        parts.append(
            _(
                "No BLS industry fits {names} well; the figures shown are the nearest industry's (low "
                "confidence, see each setting's industry note)."
            ).format(names=", ".join(names[s] for s in nearest))
        )
    gaps = [names[s] for s in names if s not in medians.index]
    if gaps:
        parts.append(_("No published pay figure for {names}.").format(names=", ".join(gaps)))
    ranged = set(table[10].dropna().index)
    only_median = [names[s] for s in medians.index if s not in ranged]
    if only_median:
        parts.append(_("Only a median is published for {names}.").format(names=", ".join(only_median)))
    return parts


def _one_against_national(table: pd.DataFrame, names: dict[str, str], national: Fact, hourly: bool) -> list[str]:
    """A single setting's median beside the national one, and its middle half where published."""
    sid = next(iter(names))
    own = table.loc[sid, 50]
    nat = float(national.value) * (1 / HOURS_PER_YEAR if hourly else 1)
    if own > nat:
        text = _(
            "{name}: median {median}, {pct} above the national median for all pharmacy technicians "
            "({national}, {period})."
        )
    elif own < nat:
        text = _(
            "{name}: median {median}, {pct} below the national median for all pharmacy technicians "
            "({national}, {period})."
        )
    else:
        text = _("{name}: median {median}, at the national median for all pharmacy technicians ({national}, {period}).")
    parts = [
        text.format(
            name=names[sid],
            median=money(own, hourly),
            pct=f"{abs(own / nat - 1):.0%}",
            national=money(nat, hourly),
            period=localize_period(national.period or ""),
        )
    ]
    if pd.notna(table.loc[sid, 25]) and pd.notna(table.loc[sid, 75]):
        parts.append(
            _("The middle half earn {low} to {high}.").format(
                low=money(table.loc[sid, 25], hourly), high=money(table.loc[sid, 75], hourly)
            )
        )
    return parts


def _pay_data(wages: pd.DataFrame, scale: float) -> pd.DataFrame:
    """The data table under the chart, in the chosen unit; with each setting's industry when there is one."""
    columns = ["setting", "label", "value", "period", "source", "evidence", "note"]
    if "industry" in wages:
        columns[-1:-1] = ["industry", "confidence"]
    data = wages[columns].copy()
    data["value"] = data["value"] * scale
    return data


def _pay_caption(
    wages: pd.DataFrame, meta: pd.DataFrame, names: dict[str, str], national: Fact, sources: dict[str, Source]
) -> str:
    """Sources and periods of every figure, the national median's source, and which industry each setting is."""
    industries = meta.reindex(list(names))
    listed = ""
    if "industry" in industries and industries["industry"].notna().any():
        listed = " " + _("Industries: {list}.").format(
            list="; ".join(
                f"{names[sid]}: {_industry_named(row)}"
                for sid, row in industries.iterrows()
                if isinstance(row.get("industry"), str)
            )
        )
    return (
        cite(wages["source"], wages["period"], sources)
        + ". "
        + _("National median: {source}.").format(
            source=cite([national.source], [national.period], sources, prefix=False)
        )
        + " "
        + _("Figures describe the BLS industry each setting maps to (see About the data); national, not local.")
        + listed
    )


def pay_trend_chart(
    trend: pd.DataFrame, sources: dict[str, Source], source_id: str = "bls-oews-national-files", font_size: int = 14
) -> Chart:
    """Median with the 10th–90th percentile band, all industries, one point per OEWS release.

    Wages are as published, not adjusted for inflation.
    """
    releases = [localize_period(str(r)) for r in trend["release"]]
    fig = go.Figure()
    lines = (  # top to bottom, each in its own dash and marker as well as colour
        ("annual_p90", _("90th percentile"), dict(color=PALETTE[4], dash="dot"), dict(symbol="triangle-up")),
        ("annual_median", _("Median"), dict(color=PALETTE[5], width=3), dict(symbol="diamond", size=11)),
        ("annual_p10", _("10th percentile"), dict(color=PALETTE[0], dash="dash"), dict(symbol="triangle-down")),
    )
    for column, name, line, marker in lines:
        written = column == "annual_median"  # the median's values are written on the chart
        fig.add_trace(
            go.Scatter(
                x=releases,
                y=trend[column],
                mode="lines+markers+text" if written else "lines+markers",
                name=name,
                line=line,
                marker=marker,
                text=[money(v) for v in trend[column]] if written else None,
                textposition="top center" if written else None,
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
    base_layout(fig, height=300, font_size=font_size)
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
