"""Chart builders: plain functions of the tidy frames, returning a `Chart`.

A Chart carries everything the UI must show with a figure: the plotly figure itself
(built with graph_objects, ~1 ms, rather than plotly.express, ~20 ms), an `alt` text,
a short plain-text summary, a caption naming sources and periods, and the data table
behind it. Colour never carries meaning alone: values are also written as text,
and series differ in pattern or symbol as well as colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd
import plotly.graph_objects as go

from analysis.loading.schema import FREQUENCY_ORDER, RELEVANCE_ORDER, Fact, Source
from analysis.presentation.facts import money

# Okabe-Ito, the same palette as .streamlit/config.toml (kept here for figures drawn outside the theme).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PATTERNS = ["", "/", "x", ".", "\\", "+", "-", "|"]
HOURS_PER_YEAR = 2080  # BLS converts hourly to annual wages at 2,080 hours
EDITORIAL_NOTE = "Editorial ratings by the Rx Settings Explorer team (1–5), each with its reason; not survey data."


@dataclass(frozen=True)
class Chart:
    figure: go.Figure
    alt: str
    summary: str
    caption: str
    data: pd.DataFrame


def _plain(names: dict[str, str]) -> dict[str, str]:
    """Plotly reads pseudo-HTML in labels; escape profile text so it always shows as text."""
    return {k: escape(v) for k, v in names.items()}


def _base_layout(fig: go.Figure, height: int, font_size: int = 14) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        font=dict(size=font_size),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        hoverlabel=dict(font_size=font_size),
    )
    return fig


def cite(source_ids, periods, sources: dict[str, Source]) -> str:
    """'Source: A (May 2024); B (2020)' from parallel source ids and periods, de-duplicated."""
    seen: dict[tuple[str, str], None] = {}
    for sid, period in zip(source_ids, periods):
        if sid and not pd.isna(sid):
            title = sources[sid].publisher + ", " + sources[sid].title if sid in sources else sid
            seen[(title, str(period))] = None
    if not seen:
        return ""
    return "Sources: " + "; ".join(f"{t} ({p})" for t, p in seen)


# --- Pay ---------------------------------------------------------------------------------


def pay_chart(wages: pd.DataFrame, names: dict[str, str], national: Fact, sources: dict[str, Source],
              hourly: bool = False, font_size: int = 14) -> Chart:
    """Percentile ranges where published; median alone where only that is; a labelled gap otherwise.

    `wages` is Frames.wages filtered to the chosen settings; `names` maps id -> display name in order.
    """
    names = _plain(names)
    scale = 1 / HOURS_PER_YEAR if hourly else 1
    table = wages.pivot_table(index="setting_id", columns="percentile", values="value", aggfunc="first")
    table = table.reindex(index=list(names), columns=[10, 25, 50, 75, 90])
    meta = wages[wages["percentile"] == 50].set_index("setting_id")
    labels = list(names.values())[::-1]  # first choice on top

    range_x, range_y, box_x, box_y = [], [], [], []
    med_x, med_y, med_text, gap_y = [], [], [], []
    near_x, near_y, near_text = [], [], []  # medians of the nearest industry only (a loose fit)
    for sid, name in names.items():
        p = table.loc[sid] * scale
        if pd.notna(p[10]) and pd.notna(p[90]):
            range_x += [p[10], p[90], None]
            range_y += [name, name, None]
        if pd.notna(p[25]) and pd.notna(p[75]):
            box_x += [p[25], p[75], None]
            box_y += [name, name, None]
        if pd.notna(p[50]):
            row = meta.loc[sid]
            industry = row.get("industry")
            loose = row.get("confidence") in ("low", "none")
            text = f"{money(p[50], hourly)} · {row['period']} · {row['evidence']}" + (
                f"<br>{'nearest' if loose else 'closest'} BLS industry: {escape(str(industry))}" if industry else "")
            xs, ys, texts = (near_x, near_y, near_text) if loose else (med_x, med_y, med_text)
            xs.append(p[50])
            ys.append(name)
            texts.append(text)
        else:
            gap_y.append(name)

    fig = go.Figure()
    fig.add_trace(go.Scatter(x=range_x, y=range_y, mode="lines", name="10th–90th percentile",
                             line=dict(color=PALETTE[4], width=4), hoverinfo="x+y"))
    fig.add_trace(go.Scatter(x=box_x, y=box_y, mode="lines", name="25th–75th percentile",
                             line=dict(color=PALETTE[0], width=16), hoverinfo="x+y"))
    fig.add_trace(go.Scatter(x=med_x, y=med_y, mode="markers+text", name="Median",
                             marker=dict(symbol="diamond", size=14, color=PALETTE[5], line=dict(color="white", width=1)),
                             text=[money(x, hourly) for x in med_x], textposition="top center",
                             hovertext=med_text, hoverinfo="text+y"))
    if near_x:
        fig.add_trace(go.Scatter(x=near_x, y=near_y, mode="markers+text", name="Median of the nearest industry (loose fit)",
                                 marker=dict(symbol="diamond-open", size=14, color=PALETTE[5], line=dict(width=2)),
                                 text=[money(x, hourly) + " ≈" for x in near_x], textposition="top center",
                                 hovertext=near_text, hoverinfo="text+y"))
    nat = float(national.value) * scale
    if gap_y:
        fig.add_trace(go.Scatter(x=[nat] * len(gap_y), y=gap_y, mode="text", name="No published figure",
                                 text=["   no published pay figure"] * len(gap_y), textposition="middle right",
                                 textfont=dict(color="#555555"),
                                 hoverinfo="y"))
    # The national median as a dashed line, named in the legend (an annotation would collide on phones).
    fig.add_vline(x=nat, line=dict(color="#555555", dash="dash", width=1.5))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=dict(color="#555555", dash="dash"),
                             name=f"National median {money(nat, hourly)} ({national.period})"))
    unit = "USD per hour (annual ÷ 2,080)" if hourly else "USD per year"
    fig.update_xaxes(title_text=unit, tickprefix="$", separatethousands=True)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    _base_layout(fig, height=190 + 70 * len(names), font_size=font_size)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.22, x=0))  # never over the labels

    published = [n for sid, n in names.items() if pd.notna(table.loc[sid, 50])]
    ranged = [n for sid, n in names.items() if pd.notna(table.loc[sid, 10])]
    parts = []
    if published:
        top = max(published, key=lambda n: table.loc[_id(names, n), 50])
        low = min(published, key=lambda n: table.loc[_id(names, n), 50])
        def nearest(n: str) -> str:
            return ", nearest industry" if n in near_y else ""
        parts.append(f"Highest published median: {top} ({money(table.loc[_id(names, top), 50] * scale, hourly)}{nearest(top)}); "
                     f"lowest: {low} ({money(table.loc[_id(names, low), 50] * scale, hourly)}{nearest(low)}).")
    if near_y:
        parts.append(f"No BLS industry fits {', '.join(near_y[::-1])} well; the figures shown are the nearest "
                     "industry's (low confidence, see each setting's industry note).")
    if gap_y:
        parts.append(f"No published pay figure for {', '.join(gap_y[::-1])}.")
    only_median = [n for n in published if n not in ranged]
    if only_median:
        parts.append(f"Only a median is published for {', '.join(only_median)}.")
    data = wages[["setting", "label", "value", "period", "source", "evidence", "note"]].copy()
    data["value"] = data["value"] * scale
    caption = (cite(wages["source"], wages["period"], sources) + f". National median: {cite([national.source], [national.period], sources)[9:]}."
               + " Figures describe the BLS industry each setting maps to (see About the data); national, not local.")
    industries = meta.reindex(list(names))
    if "industry" in industries and industries["industry"].notna().any():
        caption += " Industries: " + "; ".join(
            f"{names[sid]}: {row['industry']}" + (" (nearest only)" if row.get("confidence") in ("low", "none") else "")
            for sid, row in industries.iterrows() if isinstance(row.get("industry"), str)) + "."
    if "industry" in wages:
        data = wages[["setting", "label", "value", "period", "source", "evidence", "industry", "confidence", "note"]].copy()
        data["value"] = data["value"] * scale
    alt = "Pay ranges by setting: 10th–90th percentile line, 25th–75th box and median diamond, with the national median as a dashed line."
    return Chart(fig, alt, " ".join(parts) or "No published pay figures for these settings.", caption, data)


def _id(names: dict[str, str], name: str) -> str:
    return next(k for k, v in names.items() if v == name)


# --- Editorial ratings --------------------------------------------------------------------


def ratings_chart(ratings: pd.DataFrame, names: dict[str, str], font_size: int = 14) -> Chart:
    """Grouped horizontal bars of the 1-5 ratings, the reason for each on hover."""
    names = _plain(names)
    fig = go.Figure()
    dims = list(dict.fromkeys(ratings["label"]))
    for i, (sid, name) in enumerate(names.items()):
        rows = ratings[ratings["setting_id"] == sid].set_index("label").reindex(dims)
        fig.add_trace(go.Bar(
            y=dims, x=rows["score"], orientation="h", name=name, text=rows["score"], textposition="outside",
            marker=dict(color=PALETTE[i % len(PALETTE)], pattern=dict(shape=PATTERNS[i % len(PATTERNS)])),
            customdata=rows["reason"].map(escape), hovertemplate="%{y}: %{x}/5<br>%{customdata}<extra>" + name + "</extra>",
        ))
    fig.update_xaxes(range=[0, 5.6], dtick=1, title_text="Editorial rating (1 = low, 5 = high)")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="group", bargap=0.25)
    _base_layout(fig, height=120 + len(dims) * (14 * len(names) + 16), font_size=font_size)

    spread = ratings.groupby("label")["score"].agg(lambda s: s.max() - s.min()).sort_values(ascending=False)
    widest = [d for d, v in spread.items() if v == spread.max() and v > 0][:3]
    summary = (f"The settings differ most on {', '.join(widest)} (spread of {spread.max()} points)."
               if widest else "These settings are rated the same on every dimension.")
    data = ratings[["setting", "label", "score", "reason"]].rename(columns={"label": "dimension"})
    alt = "Grouped bars of editorial 1 to 5 ratings for each chosen setting across ten dimensions."
    return Chart(fig, alt, summary, EDITORIAL_NOTE + " Hover a bar for its reason.", data)


# --- Schedule -------------------------------------------------------------------------------


def schedule_chart(schedule: pd.DataFrame, names: dict[str, str], font_size: int = 14) -> Chart:
    """Heatmap of how often nights, weekends, holidays and on-call come up; the word is in each cell."""
    names = _plain(names)
    kinds = list(dict.fromkeys(schedule["label"]))
    z, text, hover = [], [], []
    for sid in names:
        rows = schedule[schedule["setting_id"] == sid].set_index("label").reindex(kinds)
        z.append(rows["level"].tolist())
        text.append(rows["frequency"].tolist())
        hover.append([escape(rows["reason"].iloc[0])] * len(kinds))
    fig = go.Figure(go.Heatmap(
        z=z, x=kinds, y=list(names.values()), text=text, texttemplate="%{text}", customdata=hover,
        zmin=0, zmax=len(FREQUENCY_ORDER) - 1, colorscale="Blues", textfont=dict(size=font_size),
        hovertemplate="%{y} · %{x}: %{text}<br>%{customdata}<extra></extra>",
        colorbar=dict(tickvals=list(range(len(FREQUENCY_ORDER))), ticktext=list(FREQUENCY_ORDER), title="How often"),
    ))
    fig.update_yaxes(autorange="reversed")
    _base_layout(fig, height=120 + 55 * len(names), font_size=font_size)
    heavy = [names[s] for s in names
             if (schedule[(schedule["setting_id"] == s) & (schedule["kind"].isin(["nights", "weekends"]))]["level"] >= 3).any()]
    summary = (f"Nights or weekends are common or typical in: {', '.join(heavy)}." if heavy
               else "None of these settings commonly needs nights or weekends.")
    data = schedule[["setting", "label", "frequency", "reason"]].rename(columns={"label": "hours"})
    caption = ("Editorial judgement from the descriptions cited on each setting's detail page "
               "(never / rare / sometimes / common / typical); individual employers vary.")
    alt = "Heatmap of how often nights, weekends, holidays and on-call come up in each setting, with the frequency written in each cell."
    return Chart(fig, alt, summary, caption, data)


# --- Tasks ------------------------------------------------------------------------------------


def tasks_chart(tasks: pd.DataFrame, names: dict[str, str], font_size: int = 14) -> Chart:
    """Stacked bars of the approximate share of working time per task category."""
    names = _plain(names)
    fig = go.Figure()
    labels = list(names.values())
    for i, task in enumerate(dict.fromkeys(tasks.sort_values("share", ascending=False)["label"])):
        rows = tasks[tasks["label"] == task].set_index("setting_id").reindex(list(names))
        shares = rows["share"].fillna(0)  # a NaN would break the stack for the traces after it
        fig.add_trace(go.Bar(
            y=labels, x=shares, name=task, orientation="h",
            text=[f"{v:.0f}%" if v >= 8 else "" for v in shares], textposition="inside",
            marker=dict(color=PALETTE[i % len(PALETTE)], pattern=dict(shape=PATTERNS[(i // len(PALETTE)) * 2 % len(PATTERNS)])),
            customdata=rows["examples"].fillna("not part of this setting").map(escape), hovertemplate="%{y}<br>" + task + ": %{x}%<br>%{customdata}<extra></extra>",
        ))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 100], ticksuffix="%", title_text="Approximate share of working time")
    fig.update_yaxes(autorange="reversed")
    _base_layout(fig, height=200 + 50 * len(names), font_size=font_size)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.25, x=0))
    tops = []
    for sid, name in names.items():
        row = tasks[tasks["setting_id"] == sid].sort_values("share", ascending=False).iloc[0]
        tops.append(f"{name}: {row['label'].lower()} ({row['share']}%)")
    data = tasks[["setting", "label", "share", "examples"]].rename(columns={"label": "task", "share": "share_%"})
    caption = "Editorial estimates of time shares from the duties described in each setting's sources; jobs vary."
    alt = "Stacked bars showing the approximate share of working time each setting spends on each task category."
    return Chart(fig, alt, "Largest share of time — " + "; ".join(tops) + ".", caption, data)


# --- Credentials --------------------------------------------------------------------------------


def credential_chart(creds: pd.DataFrame, names: dict[str, str], font_size: int = 14) -> Chart:
    """Setting x credential matrix; the relevance is written in each cell, blank where not listed."""
    names = _plain(names)
    score = {r: len(RELEVANCE_ORDER) - i for i, r in enumerate(RELEVANCE_ORDER)}  # required=4 ... helpful=1
    chosen = creds[creds["setting_id"].isin(list(names))]
    order = (chosen.assign(s=chosen["relevance"].map(score)).groupby("credential_name")["s"].sum()
             .sort_values(ascending=False).index.tolist())
    z, text = [], []
    for cred in order:
        zr, tr = [], []
        for sid in names:
            hit = chosen[(chosen["setting_id"] == sid) & (chosen["credential_name"] == cred)]
            rel = hit["relevance"].iloc[0] if len(hit) else ""
            zr.append(score.get(rel, 0))
            tr.append(rel.replace("-", " ") if rel else "—")
        z.append(zr)
        text.append(tr)
    fig = go.Figure(go.Heatmap(
        z=z, x=list(names.values()), y=order, text=text, texttemplate="%{text}", zmin=0, zmax=4,
        colorscale=[[0, "#f4f4f4"], [0.25, "#d8e9f5"], [0.5, "#9ecae1"], [0.75, "#4292c6"], [1, "#08519c"]],
        showscale=False, hovertemplate="%{x} · %{y}: %{text}<extra></extra>", textfont=dict(size=font_size - 1),
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    _base_layout(fig, height=120 + 34 * max(len(order), 1), font_size=font_size)
    required = chosen[chosen["relevance"].isin(["required", "commonly-required"])]
    summary = ("Required or commonly required: " + "; ".join(
        f"{names[s]} – {', '.join(g['credential_name'])}" for s, g in required.groupby("setting_id", sort=False)) + "."
        if len(required) else "None of these settings commonly requires a credential.")
    data = chosen[["setting", "credential_name", "relevance", "note"]].rename(columns={"credential_name": "credential"})
    caption = ("Editorial reading of employer practice and the sources on each detail page; state rules can require "
               "registration or certification regardless of setting — check your state board of pharmacy.")
    alt = "Matrix of credentials against settings with the relevance (required, commonly required, preferred, helpful) written in each cell."
    return Chart(fig, alt, summary, caption, data)


# --- Differences table ------------------------------------------------------------------------------


def differences(frames_settings: pd.DataFrame, ratings: pd.DataFrame, schedule: pd.DataFrame,
                names: dict[str, str]) -> pd.DataFrame:
    """Every compared dimension, widest spread first (spread scaled 0-1 so kinds compare)."""
    rows = []
    for label, g in ratings[ratings["setting_id"].isin(list(names))].groupby("label", sort=False):
        vals = g.set_index("setting_id")["score"]
        rows.append({"dimension": f"{label} (editorial)",
                     **{names[s]: f"{vals[s]}/5" for s in names}, "spread": (vals.max() - vals.min()) / 4})
    for label, g in schedule[schedule["setting_id"].isin(list(names))].groupby("label", sort=False):
        vals = g.set_index("setting_id")
        rows.append({"dimension": f"{label} (editorial)",
                     **{names[s]: vals.loc[s, "frequency"] for s in names},
                     "spread": (vals["level"].max() - vals["level"].min()) / (len(FREQUENCY_ORDER) - 1)})
    med = frames_settings.set_index("id").loc[list(names)]
    published = med["median_wage_annual"].dropna()
    spread = (published.max() - published.min()) / published.max() if len(published) > 1 else 0.0
    rows.append({"dimension": "Median annual wage (BLS)",
                 **{names[s]: (f"{money(med.loc[s, 'median_wage_annual'])} ({med.loc[s, 'median_wage_annual_period']})"
                               if pd.notna(med.loc[s, "median_wage_annual"]) else "no published figure") for s in names},
                 "spread": float(spread)})
    out = pd.DataFrame(rows).sort_values("spread", ascending=False, kind="stable").reset_index(drop=True)
    return out


# --- Fit quiz ------------------------------------------------------------------------------------


def fit_chart(ranking: list, short_names: dict[str, str] | None = None, font_size: int = 14) -> Chart:
    """Horizontal bars of fit scores in ranked order; a deal-breaker is marked in the label, not by colour alone.

    `ranking` is QuizResult.ranking (objects with name, score, deal_breakers).
    """
    scored = [r for r in ranking if r.score is not None]
    short_names = short_names or {}
    labels = [("⚠ " if r.deal_breakers else "") + escape(short_names.get(r.setting_id, r.name)) for r in scored]
    scores = [round(r.score) for r in scored]
    colors = [PALETTE[1] if r.deal_breakers else PALETTE[0] for r in scored]
    fig = go.Figure(go.Bar(
        x=scores, y=labels, orientation="h", text=[f"{s}" for s in scores], textposition="outside",
        marker=dict(color=colors, pattern=dict(shape=["/" if r.deal_breakers else "" for r in scored])),
        customdata=[escape("; ".join(r.deal_breakers)) or "no deal-breaker" for r in scored],
        hovertemplate="%{y}: %{x}/100<br>%{customdata}<extra></extra>",
    ))
    fig.update_xaxes(range=[0, 108], title_text="Fit with your answers (0–100)")
    fig.update_yaxes(autorange="reversed")
    _base_layout(fig, height=90 + 38 * max(len(scored), 1), font_size=font_size)
    fig.update_layout(showlegend=False)
    flagged = [r.name for r in scored if r.deal_breakers]
    summary = (f"Best fit: {scored[0].name} ({scores[0]}/100)" + (f", then {scored[1].name} ({scores[1]}/100)." if len(scored) > 1 else ".")
               if scored else "Answer a question to see a ranking.")
    if flagged:
        summary += f" Moved to the end because of a deal-breaker: {', '.join(flagged)}."
    data = pd.DataFrame({"rank": range(1, len(scored) + 1), "setting": [r.name for r in scored], "fit": scores,
                         "deal-breaker": [", ".join(r.deal_breakers) for r in scored]})
    caption = ("Fit compares your answers with each setting's editorial ratings, usual hours, task mix and published "
               "median pay. It is an exploration aid, not a test.")
    alt = "Bar chart of fit scores from 0 to 100 for each setting, best fit first; settings with a deal-breaker are marked with a warning sign."
    return Chart(fig, alt, summary, caption, data)


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
    names = {i: by_id[i].short_name for i in ids}
    chosen = list(ids)
    return CompareView(
        differences=differences(frames.settings, frames.ratings, frames.schedule, names),
        pay=pay_chart(frames.wages[frames.wages["setting_id"].isin(chosen)], names,
                      result.catalogs.national.median_wage_annual, result.catalogs.sources, hourly, font_size),
        ratings=ratings_chart(frames.ratings[frames.ratings["setting_id"].isin(chosen)], names, font_size),
        schedule=schedule_chart(frames.schedule[frames.schedule["setting_id"].isin(chosen)], names, font_size),
        tasks=tasks_chart(frames.tasks[frames.tasks["setting_id"].isin(chosen)], names, font_size),
        credentials=credential_chart(frames.credentials, names, font_size),
    )


# --- National pay over time ------------------------------------------------------------------------


def pay_trend_chart(trend: pd.DataFrame, sources: dict[str, Source], source_id: str = "bls-oews-national-files",
                    font_size: int = 14) -> Chart:
    """Median with the 10th–90th percentile band, all industries, one point per OEWS release (not inflation-adjusted)."""
    releases = list(trend["release"])
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=releases, y=trend["annual_p90"], mode="lines+markers", name="90th percentile",
                             line=dict(color=PALETTE[4], dash="dot"), marker=dict(symbol="triangle-up")))
    fig.add_trace(go.Scatter(x=releases, y=trend["annual_median"], mode="lines+markers+text", name="Median",
                             line=dict(color=PALETTE[5], width=3), marker=dict(symbol="diamond", size=11),
                             text=[money(v) for v in trend["annual_median"]], textposition="top center"))
    fig.add_trace(go.Scatter(x=releases, y=trend["annual_p10"], mode="lines+markers", name="10th percentile",
                             line=dict(color=PALETTE[0], dash="dash"), marker=dict(symbol="triangle-down")))
    fig.update_yaxes(title_text="USD per year", tickprefix="$", separatethousands=True)
    fig.update_xaxes(type="category")
    _base_layout(fig, height=300, font_size=font_size)
    first, last = trend.iloc[0], trend.iloc[-1]
    change = (last["annual_median"] / first["annual_median"] - 1) * 100
    summary = (f"The national median rose from {money(first['annual_median'])} ({first['release']}) to "
               f"{money(last['annual_median'])} ({last['release']}), {change:.1f}% before inflation.")
    caption = (cite([source_id] * len(trend), [", ".join(releases)] * len(trend), sources)
               + ". All industries, national; current dollars, not adjusted for inflation.")
    alt = "Line chart of pharmacy technician annual pay by OEWS release: 10th percentile, median and 90th percentile."
    data = trend[["release", "source_file", "employment", "annual_p10", "annual_median", "annual_p90", "hourly_median"]]
    return Chart(fig, alt, summary, caption, data.rename(columns={"source_file": "BLS file"}))
