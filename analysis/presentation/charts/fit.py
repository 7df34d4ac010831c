"""The fit quiz's chart: every scored setting's fit with the person's answers, best first."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.i18n import N_, _
from analysis.presentation.charts.base import PALETTE, Chart, base_layout, data_table, setting_axis
from analysis.presentation.safe_text import plotly_text

FIT_CAPTION = N_(
    "Fit compares your answers with each setting's editorial ratings, usual hours, task mix and published "
    "median pay. It is an exploration aid, not a test."
)
FIT_ALT = N_(
    "Bar chart of fit scores from 0 to 100 for each setting, best fit first; settings with a deal-breaker are "
    "marked with a warning sign."
)


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
    setting_axis(fig, "y", labels)
    fig.update_yaxes(autorange="reversed")
    base_layout(fig, height=90 + 38 * max(len(scored), 1), font_size=font_size)
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
    return Chart(fig, _(FIT_ALT), summary, _(FIT_CAPTION), data_table(data))
