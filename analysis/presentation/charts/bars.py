"""Bar charts that compare settings: the editorial 1–5 ratings, and the share of working time per task."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.i18n import _
from analysis.loading.schema import NOT_RATED
from analysis.presentation.charts.base import (
    EDITORIAL_NOTE,
    HIGHER_IS_MORE,
    PALETTE,
    PATTERNS,
    Chart,
    base_layout,
    data_table,
    ink_on,
    setting_axis,
)
from analysis.presentation.safe_text import plotly_text


def score_or_none(value) -> int | None:
    """A 1-5 rating as a whole number, or None where the setting is not rated on the dimension."""
    return int(value) if pd.notna(value) else None


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
                x=[score_or_none(v) for v in rows["score"]],  # not rated: no bar (the reason says so)
                orientation="h",
                name=label,
                text=[score_or_none(v) for v in rows["score"]],
                textposition="outside",
                marker=dict(color=PALETTE[i % len(PALETTE)], pattern=dict(shape=PATTERNS[i % len(PATTERNS)])),
                customdata=[[label, plotly_text(r if isinstance(r, str) else _(NOT_RATED))] for r in rows["reason"]],
                hovertemplate="%{y}: %{x}/5<br>%{customdata[1]}<extra>%{customdata[0]}</extra>",
            )
        )
    fig.update_xaxes(range=[0, 5.6], dtick=1, title_text=_("Editorial rating 1–5") + f"<br>{_(HIGHER_IS_MORE)}")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="group", bargap=0.25)
    base_layout(fig, height=140 + len(dims) * (14 * len(names) + 16), font_size=font_size)

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
    return Chart(fig, alt, summary, caption, data_table(data), rating_reasons(ratings, names))


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
    setting_axis(fig, "y", names)
    fig.update_yaxes(autorange="reversed")
    base_layout(fig, height=260 + 50 * len(names), font_size=font_size)
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
    return Chart(fig, alt, _("Largest share of time — {list}.").format(list="; ".join(tops)), caption, data_table(data))
