"""The Compare page in one object: the differences table (pay first, then the widest editorial differences)
and every chart, built together so the UI can cache one object per selection."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.i18n import N_, _, ngettext
from analysis.loading.schema import FREQUENCY_ORDER, NOT_RATED
from analysis.periods import localize_period
from analysis.presentation.charts.bars import ratings_chart, tasks_chart
from analysis.presentation.charts.base import Chart, frequency_word, unique_labels
from analysis.presentation.charts.heatmaps import credential_chart, schedule_chart
from analysis.presentation.charts.pay import pay_chart
from analysis.presentation.facts import money
from analysis.presentation.safe_text import inert

PAY_ROW = N_("Median pay")


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
    rows = [_pay_row(frames_settings, names)]
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
                **{names[s]: frequency_word(vals.loc[s, "frequency"]) for s in names},
                "difference": _steps(steps),
                "spread": steps / (len(FREQUENCY_ORDER) - 1),
            }
        )
    return pd.DataFrame(rows).sort_values("spread", ascending=False, kind="stable").reset_index(drop=True)


def difference_blocks(table: pd.DataFrame) -> tuple[str, ...]:
    """Each row of `differences` as text that wraps at any width: the dimension and its difference, then each
    setting's value, every piece through safe_text.inert. Read from whole columns: pandas' per-row access cost more
    than the rest of the block."""
    settings = [c for c in table.columns if c not in ("dimension", "difference", "spread")]
    columns = {c: table[c].tolist() for c in ["dimension", "difference", *settings]}
    return tuple(
        f"**{inert(dimension)}** — {inert(difference)}  \n"
        + " · ".join(f"{inert(name)} **{inert(columns[name][i])}**" for name in settings)
        for i, (dimension, difference) in enumerate(zip(columns["dimension"], columns["difference"], strict=True))
    )


def _steps(n: int) -> str:
    return _("the same") if n == 0 else ngettext("{n} of 4 steps apart", "{n} of 4 steps apart", n).format(n=n)


@dataclass(frozen=True)
class CompareView:
    differences: pd.DataFrame
    difference_blocks: tuple[str, ...]  # one Markdown block per row of `differences`, in its order (inert text)
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
    table = differences(frames.settings, frames.ratings, frames.schedule, names)
    return CompareView(
        differences=table,
        difference_blocks=difference_blocks(table),
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


def _pay_row(frames_settings: pd.DataFrame, names: dict[str, str]) -> dict:
    """The differences table's first row: each median, and the gap in dollars and as a share of the lower one."""
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
    return {
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
        "spread": 2.0,  # above every 0-1 spread: pay always leads
    }
