"""Chart builders: plain functions of the tidy frames, each returning a `Chart`, one module per chart family.

Every `Chart` carries its figure, alt text, summary, caption and data table. The families: `base` (palette,
ink, contrast, the `Chart` hand-off), `pay` and `pay_spec`, `bars` (ratings, tasks), `heatmaps` (hours,
credentials), `fit`, `places` (local pay) and `compare` (the Compare page's table and charts in one object).
"""

from analysis.presentation.charts.bars import rating_reasons, ratings_chart, tasks_chart
from analysis.presentation.charts.base import (
    AXIS_INK,
    EDITORIAL_NOTE,
    HIGHER_IS_MORE,
    HOURS_PER_YEAR,
    INK,
    PALETTE,
    Chart,
    VegaLite,
    cite,
    contrast,
    for_streamlit,
    ink_on,
    readable_ink,
    unique_labels,
)
from analysis.presentation.charts.compare import CompareView, compare_view, differences
from analysis.presentation.charts.fit import fit_chart
from analysis.presentation.charts.heatmaps import credential_chart, schedule_chart
from analysis.presentation.charts.pay import pay_chart, pay_trend_chart
from analysis.presentation.charts.places import place_range_chart, tile_grid_chart

__all__ = [
    "AXIS_INK", "EDITORIAL_NOTE", "HIGHER_IS_MORE", "HOURS_PER_YEAR", "INK", "PALETTE", "Chart", "CompareView",
    "VegaLite", "cite", "compare_view", "contrast", "credential_chart", "differences", "fit_chart", "for_streamlit",
    "ink_on", "pay_chart", "pay_trend_chart", "place_range_chart", "rating_reasons", "ratings_chart", "readable_ink",
    "schedule_chart", "tasks_chart", "tile_grid_chart", "unique_labels",
]  # fmt: skip
