"""Comparison heatmaps: settings against the hours they ask for, and against the credentials they ask for.

Both are drawn by one builder: a word in every cell (colour never carries the meaning alone), light cells
that dark text reads on, settings keyed by id on their axis."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.i18n import N_, _
from analysis.loading.schema import FREQUENCY_ORDER, RELEVANCE_LABELS, RELEVANCE_ORDER
from analysis.presentation.charts.base import (
    INK,
    LIGHT_BLUES,
    Chart,
    base_layout,
    data_table,
    frequency_word,
    setting_axis,
)
from analysis.presentation.safe_text import plotly_text

SCHEDULE_CAPTION = N_(
    "Editorial judgement from the descriptions cited on each setting's detail page "
    "(never / rare / sometimes / common / typical); individual employers vary."
)
SCHEDULE_ALT = N_(
    "Heatmap of how often nights, weekends, holidays and on-call come up in each setting, with the frequency "
    "written in each cell."
)
CREDENTIAL_CAPTION = N_(
    "Editorial reading of employer practice and the sources on each detail page; state rules can require "
    "registration or certification regardless of setting — check your state board of pharmacy."
)
CREDENTIAL_ALT = N_(
    "Matrix of credentials against settings with the relevance (required, commonly required, preferred, "
    "helpful) written in each cell."
)


def heatmap(
    *,
    levels: list[list[int]],
    words: list[list[str]],
    columns: list[str],
    rows: list[str],
    names: dict[str, str],
    settings_on: str,
    hover: list,
    hovertemplate: str,
    top: int,
    height: int,
    font_size: int,
    text_size: int,
    colorbar: dict | None = None,
) -> go.Figure:
    """A grid of `levels` (0..`top`) with `words` written in the cells; the settings (`names`, id -> name) run
    along `settings_on` ("x" or "y"), the other axis reads top to bottom in the given order."""
    scale = {"colorbar": colorbar} if colorbar else {"showscale": False}
    fig = go.Figure(
        go.Heatmap(
            z=levels,
            x=columns,
            y=rows,
            text=words,
            texttemplate="%{text}",
            customdata=hover,
            zmin=0,
            zmax=top,
            colorscale=LIGHT_BLUES,
            textfont=dict(size=text_size, color=INK),
            hovertemplate=hovertemplate,
            **scale,
        )
    )
    setting_axis(fig, settings_on, names)
    fig.update_yaxes(autorange="reversed")
    if settings_on == "x":
        fig.update_xaxes(side="top")
    return base_layout(fig, height=height, font_size=font_size)


def relevance_word(relevance: str) -> str:
    return _(RELEVANCE_LABELS[relevance]) if relevance in RELEVANCE_LABELS else relevance


def schedule_chart(schedule: pd.DataFrame, names: dict[str, str], font_size: int = 14) -> Chart:
    """Heatmap of how often nights, weekends, holidays and on-call come up; the word is in each cell."""
    kinds = list(dict.fromkeys(schedule["label"]))
    levels, words, hover = [], [], []
    for sid, name in names.items():
        rows = schedule[schedule["setting_id"] == sid].set_index("label").reindex(kinds)
        levels.append(rows["level"].tolist())
        words.append([frequency_word(f) for f in rows["frequency"].tolist()])
        hover.append([[plotly_text(name), plotly_text(rows["reason"].iloc[0])]] * len(kinds))
    fig = heatmap(
        levels=levels,
        words=words,
        columns=kinds,
        rows=list(names),
        names=names,
        settings_on="y",
        hover=hover,
        hovertemplate="%{customdata[0]} · %{x}: %{text}<br>%{customdata[1]}<extra></extra>",
        top=len(FREQUENCY_ORDER) - 1,
        height=120 + 55 * len(names),
        font_size=font_size,
        text_size=font_size,
        colorbar=dict(
            tickvals=list(range(len(FREQUENCY_ORDER))),
            ticktext=[frequency_word(f) for f in FREQUENCY_ORDER],
            title=_("How often"),
        ),
    )
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
    data["frequency"] = data["frequency"].map(frequency_word)
    return Chart(fig, _(SCHEDULE_ALT), summary, _(SCHEDULE_CAPTION), data_table(data))


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
    pairs = chosen.drop_duplicates(["credential_name", "setting_id"])  # the first listing counts
    relevance = pairs.set_index(["credential_name", "setting_id"])["relevance"]
    cells = [[relevance.get((cred, sid), "") for sid in names] for cred in order]
    fig = heatmap(
        levels=[[score.get(rel, 0) for rel in row] for row in cells],
        words=[[relevance_word(rel) or "—" for rel in row] for row in cells],
        columns=list(names),
        rows=[plotly_text(c) for c in order],
        names=names,
        settings_on="x",
        hover=[[plotly_text(names[sid]) for sid in names] for _row in order],
        hovertemplate="%{customdata} · %{y}: %{text}<extra></extra>",
        top=len(RELEVANCE_ORDER),
        height=120 + 34 * max(len(order), 1),
        font_size=font_size,
        text_size=font_size - 1,
    )
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
    data["relevance"] = data["relevance"].map(relevance_word)
    return Chart(fig, _(CREDENTIAL_ALT), summary, _(CREDENTIAL_CAPTION), data_table(data))
