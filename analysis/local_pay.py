"""Pay where you live: the BLS OEWS figures for one state, metro or nonmetro area, in plain words.

Works on the imported OEWS table (one row per area and industry, see analysis/loading/oews.py) and
uses only its all-industries rows: BLS publishes no state x industry or metro x industry figures for
pharmacy technicians, so a place's figures always describe every setting together. A setting's
"local" pay is therefore never a published number; `setting_estimate` makes a rough one, worded as
an estimate with its method, for display only (the fit quiz never sees it).

Nothing here imports streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from analysis.i18n import N_, _, current_language, number
from analysis.i18n import money as format_money
from analysis.loading.oews import FOOTNOTE_TEXT
from analysis.periods import day_text, localize_period

ALL_INDUSTRIES = "000000"
PERIOD = "May 2025"
SOURCE = "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS)"
INDUSTRY_WORDS = N_("all industries (every setting together)")
PERCENTILES = (10, 25, 50, 75, 90)
UNITED_STATES = N_("United States")

# When a figure deserves a caution. BLS sets no cut-offs; these are the team's, stated on the page.
HIGH_EMPLOYMENT_RSE = 10.0  # % relative standard error of the employment estimate
HIGH_WAGE_RSE = 5.0  # % relative standard error of the mean wage
FEW_TECHNICIANS = 250  # fewer than this: say the figures rest on few people
ESTIMATE_ROUNDING = 100  # a rough figure is shown to the nearest $100, never to the dollar

# BLS footnote codes this page explains in its own words (the rest are named by code).
FOOTNOTE_WORDS = {
    "5": N_(
        "BLS top-codes very high wages: some figures here are at or above BLS's top value "
        "($115.00 an hour or $239,200 a year), so it publishes no exact number for them."
    ),
    "8": N_("BLS did not release some estimates for this area (usually because too few employers reported)."),
}

_FIELD_WORDS = {
    "employment": N_("employment"),
    "annual_median": N_("median annual wage"),
    "hourly_median": N_("median hourly wage"),
    "annual_p10": N_("10th percentile wage"),
    "annual_p25": N_("25th percentile wage"),
    "annual_p75": N_("75th percentile wage"),
    "annual_p90": N_("90th percentile wage"),
    "annual_mean": N_("mean wage"),
    "employment_rse": N_("employment error estimate"),
    "wage_rse": N_("wage error estimate"),
}


def _num(value) -> float | None:
    """A table cell as a float, or None where BLS published nothing."""
    if value is None:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


@dataclass(frozen=True)
class AreaPay:
    """One area's all-industries figures for pharmacy technicians, exactly as published (None = not published)."""

    area_type: str  # national | state | metro | nonmetro
    area_code: str
    area_name: str
    state: str  # principal state's postal code ("" for national)
    states: tuple[str, ...]
    employment: float | None
    employment_rse: float | None
    wage_rse: float | None
    annual: Mapping[int, float | None]  # percentile -> USD a year
    hourly: Mapping[int, float | None]  # percentile -> USD an hour
    annual_mean: float | None
    hourly_mean: float | None
    footnotes: tuple[str, ...] = ()
    period: str = PERIOD

    @property
    def median(self) -> float | None:
        return self.annual.get(50)

    @property
    def label(self) -> str:
        """'United States', 'Ohio', 'Cleveland, OH metro area', 'Northwest Alabama nonmetropolitan area'."""
        if self.area_type == "national":
            return _(UNITED_STATES)
        if self.area_type == "metro":
            return _("{name} metro area").format(name=self.area_name)
        return self.area_name

    @property
    def key(self) -> str:
        """The label in English whatever the language: a stable value for pickers and links."""
        if self.area_type == "national":
            return UNITED_STATES
        return f"{self.area_name} metro area" if self.area_type == "metro" else self.area_name

    @property
    def kind(self) -> str:
        return {
            "national": _("the whole country"),
            "state": _("state or territory"),
            "metro": _("metro area"),
            "nonmetro": _("nonmetropolitan area"),
        }.get(self.area_type, self.area_type)

    def heading(self) -> str:
        """How every local figure is labelled: area, industry and period."""
        return f"{self.label} · {_(INDUSTRY_WORDS)} · {localize_period(self.period)}"


def _text(value) -> str:
    """A text cell; '' for an empty one (pandas reads empty cells as NaN or None)."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()


def _row_to_area(row: Mapping, period: str) -> AreaPay:
    states = tuple(s for s in _text(row.get("states")).split("-") if s)
    notes = tuple(s.strip() for s in _text(row.get("footnotes")).split(";") if s.strip())
    return AreaPay(
        area_type=str(row["area_type"]),
        area_code=str(row["area_code"]),
        area_name=str(row["area_name"]),
        state=_text(row.get("state")),
        states=states,
        employment=_num(row.get("employment")),
        employment_rse=_num(row.get("employment_rse")),
        wage_rse=_num(row.get("wage_rse")),
        annual={p: _num(row.get("annual_median" if p == 50 else f"annual_p{p}")) for p in PERCENTILES},
        hourly={p: _num(row.get("hourly_median" if p == 50 else f"hourly_p{p}")) for p in PERCENTILES},
        annual_mean=_num(row.get("annual_mean")),
        hourly_mean=_num(row.get("hourly_mean")),
        footnotes=notes,
        period=period,
    )


@dataclass(frozen=True)
class Places:
    """Every area of the table with its all-industries figures, and the lookups the pages need."""

    national: AreaPay
    states: Mapping[str, AreaPay]  # postal code -> state row, in name order
    areas: Mapping[str, AreaPay]  # BLS area code -> metro or nonmetro row, in name order
    _by_state: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def areas_in(self, state: str) -> tuple[AreaPay, ...]:
        """Metro areas (A-Z) then nonmetro areas (A-Z) that lie in `state`, including metros that span it."""
        return tuple(self.areas[c] for c in self._by_state.get(state, ()))

    def area_in_state(self, area_code: str, state: str) -> bool:
        return area_code in self._by_state.get(state, ())

    def place(self, state: str | None, area: str | None) -> AreaPay:
        """The area when one is chosen, else the state, else the nation."""
        if area and area in self.areas:
            return self.areas[area]
        if state and state in self.states:
            return self.states[state]
        return self.national


def places_from_table(table: pd.DataFrame, period: str = PERIOD) -> Places:
    """Build the lookups from the imported table's all-industries rows (other industries are national only)."""
    rows = table[table["industry_code"].astype(str) == ALL_INDUSTRIES]
    records = rows.to_dict("records")
    national = next((_row_to_area(r, period) for r in records if r["area_type"] == "national"), None)
    if national is None:
        raise ValueError("the OEWS table has no national all-industries row")
    states = sorted((_row_to_area(r, period) for r in records if r["area_type"] == "state"), key=lambda a: a.area_name)
    local = [_row_to_area(r, period) for r in records if r["area_type"] in ("metro", "nonmetro")]
    local.sort(key=lambda a: (a.area_type != "metro", a.area_name))
    by_state: dict[str, list[str]] = {}
    for a in local:
        for s in a.states or (a.state,):
            by_state.setdefault(s, []).append(a.area_code)
    return Places(
        national,
        {s.state: s for s in states},
        {a.area_code: a for a in local},
        {k: tuple(v) for k, v in by_state.items()},
    )


# --- Words -------------------------------------------------------------------------------------


def money(value: float | None, hourly: bool = False) -> str:
    if value is None:
        return _("not published")
    return format_money(value, cents=hourly)


def ordinal(n: int) -> str:
    """1 -> '1st', 12 -> '12th', 22 -> '22nd' ('1.º' in Spanish)."""
    if current_language() == "es":
        return f"{n}.º"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_of(value: float, others: Iterable[float]) -> tuple[int, bool, int]:
    """(rank from the highest, tied with another?, how many ranked). `others` includes `value` itself."""
    values = list(others)
    higher = sum(1 for v in values if v > value)
    ties = sum(1 for v in values if v == value)
    return higher + 1, ties > 1, len(values)


def _rank_phrase(value: float, pool: Sequence[AreaPay]) -> tuple[str, int]:
    rank, tied, n = rank_of(value, [a.median for a in pool if a.median is not None])
    text = _("{rank} highest (tied) of {n}") if tied else _("{rank} highest of {n}")
    # English ranks by ordinal ("151st highest"), Spanish by position number ("puesto 151 entre 528").
    return text.format(rank=str(rank) if current_language() == "es" else ordinal(rank), n=n), n


def rank_words(places: Places, pay: AreaPay) -> str:
    """Where the chosen area's median sits among its peers, in one sentence ('' for the nation)."""
    if pay.area_type == "national":
        return ""
    if pay.median is None:
        return _("BLS published no median for {place}, so it cannot be ranked.").format(place=pay.label)
    if pay.area_type == "state":
        phrase, _n = _rank_phrase(pay.median, list(places.states.values()))
        return _(
            "The median for {place}, {median} a year, ranks {phrase} states and territories with a published "
            "median ({period}; the national median is {national})."
        ).format(
            place=pay.label,
            median=money(pay.median),
            phrase=phrase,
            period=localize_period(pay.period),
            national=money(places.national.median),
        )
    phrase, _n = _rank_phrase(pay.median, list(places.areas.values()))
    home = places.states.get(pay.state)
    within = ""
    if home is not None:
        local_phrase, n_local = _rank_phrase(pay.median, places.areas_in(pay.state))
        if n_local > 1:
            within = _(", and {phrase} areas in {state}").format(phrase=local_phrase, state=home.area_name)
    return _(
        "The median for {place}, {median} a year, ranks {phrase} metro and nonmetro areas with a published "
        "median{within} ({period})."
    ).format(
        place=pay.label, median=money(pay.median), phrase=phrase, within=within, period=localize_period(pay.period)
    )


def uncertainty_notes(pay: AreaPay) -> list[str]:
    """Plain-word cautions for this area's figures: BLS footnotes, figures not published, high error, few people."""
    notes: list[str] = []
    for code in pay.footnotes:
        words = FOOTNOTE_WORDS.get(code)
        notes.append(
            _(words)
            if words
            else FOOTNOTE_TEXT.get(code) or _("BLS marks these figures with its footnote {code}.").format(code=code)
        )
    published = {
        "employment": pay.employment,
        "annual_median": pay.annual[50],
        "annual_p10": pay.annual[10],
        "annual_p90": pay.annual[90],
    }
    missing = [_(_FIELD_WORDS[k]) for k, v in published.items() if v is None]
    if missing:
        notes.append(
            _("Not published by BLS for {place}: {fields}. Nothing is filled in in its place.").format(
                place=pay.label, fields=", ".join(missing)
            )
        )
    if pay.employment_rse is not None and pay.employment_rse >= HIGH_EMPLOYMENT_RSE:
        notes.append(
            _(
                "The employment figure is imprecise: BLS puts its relative standard error at {rse}% (we flag "
                "{limit}% or more). Treat the count as rough."
            ).format(rse=f"{pay.employment_rse:g}", limit=f"{HIGH_EMPLOYMENT_RSE:g}")
        )
    if pay.wage_rse is not None and pay.wage_rse >= HIGH_WAGE_RSE:
        notes.append(
            _(
                "The wage figures are less precise than most: BLS puts the relative standard error of the mean "
                "wage at {rse}% (we flag {limit}% or more)."
            ).format(rse=f"{pay.wage_rse:g}", limit=f"{HIGH_WAGE_RSE:g}")
        )
    if pay.employment is not None and pay.employment < FEW_TECHNICIANS:
        notes.append(
            _(
                "Only about {n} pharmacy technicians work in {place} by BLS's count, so these figures rest on "
                "few people's pay; a single employer can move them."
            ).format(n=number(pay.employment), place=pay.label)
        )
    return notes


def error_words(pay: AreaPay) -> str:
    """'employment ± 7% (RSE), wages ± 1.5% (RSE)' style summary of BLS's own error measures."""
    parts = []
    if pay.employment_rse is not None:
        parts.append(_("employment {rse}% relative standard error (RSE)").format(rse=f"{pay.employment_rse:g}"))
    if pay.wage_rse is not None:
        parts.append(_("wage {rse}% relative standard error (RSE)").format(rse=f"{pay.wage_rse:g}"))
    return ", ".join(parts) or _("no error measure published")


def place_table(places: Places, kind: str = "state") -> pd.DataFrame:
    """All states (or all metro/nonmetro areas) with their published figures, for a sortable table."""
    pool = places.states.values() if kind == "state" else places.areas.values()
    rows = []
    medians = [a.median for a in pool if a.median is not None]
    for a in pool:
        rank = rank_of(a.median, medians)[0] if a.median is not None else None
        rows.append(
            {
                _("Area"): a.area_name,
                _("Code"): a.state if kind == "state" else a.area_code,
                _("Median a year"): a.median,
                _("10th percentile"): a.annual[10],
                _("90th percentile"): a.annual[90],
                _("Median an hour"): a.hourly[50],
                _("Technicians employed"): a.employment,
                _("Employment relative standard error (RSE), %"): a.employment_rse,
                _("Rank (highest median = 1)"): rank,
                _("BLS notes"): "; ".join(uncertainty_notes(a)),
            }
        )
    return pd.DataFrame(rows)


def about_text(places: Places, published: str = "") -> str:
    """How local pay works, for the About page (Markdown-safe: no outside text)."""
    when = _(", published by BLS on {date}").format(date=day_text(published)) if published else ""
    return _("""
- **Source.** {source}, {period} release{when}: pay and employment of pharmacy technicians
  (SOC 29-2052) in each of the {states} states and territories and {areas} metro and
  nonmetro areas BLS publishes. Choose one with **Pay for** at the top of any page; it travels in the link
  as `state=` (postal code) and `area=` (BLS area code).
- **All settings together.** BLS publishes pay by industry only for the whole country. A state's or metro area's
  figures cover every setting at once, so they are shown *beside* each setting's national figure, never as that
  setting's local pay.
- **Rough local figures are estimates.** Where a page shows one for a setting, it is the local median scaled by
  how far the setting's national median sits from the national median for all technicians in the same period,
  rounded to the nearest ${rounding}, labelled *Estimate, not a BLS figure*, with its working one click away.
  It assumes a setting pays locally as it does nationally, which employers may not. The fit quiz never uses it.
- **Cautions.** We say so in plain words where BLS did not release a figure or top-coded a wage, where the
  employment estimate's relative standard error (RSE) is {employment_rse}% or more, where the wage RSE is
  {wage_rse}% or more, and where fewer than {few} technicians work in an area (the count is
  always shown). These thresholds are ours; BLS sets none.
- **The map** is a tile grid, one equal square per state or territory, drawn without any map data from the
  internet; its tiles show medians rounded to the nearest $100, and the sortable table beside it has the exact
  figures.
""").format(
        source=SOURCE,
        period=localize_period(places.national.period),
        when=when,
        states=len(places.states),
        areas=len(places.areas),
        rounding=ESTIMATE_ROUNDING,
        employment_rse=f"{HIGH_EMPLOYMENT_RSE:g}",
        wage_rse=f"{HIGH_WAGE_RSE:g}",
        few=FEW_TECHNICIANS,
    )


# --- A setting's rough local figure ---------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """A rough local median for one setting. Never a BLS figure; always shown with `method`."""

    value: float
    method: str


def setting_estimate(
    place: AreaPay,
    setting_name: str,
    industry_title: str,
    setting_median: float | None,
    setting_period: str | None,
    national_medians: Mapping[str, float],
) -> Estimate | None:
    """The place's median scaled by how far the setting's national median sits from the all-industries
    national median of the same period. None when a figure is missing, the periods differ, or the place
    is the whole country (there the national figure itself is shown).

    `national_medians` maps a period ('May 2024') to the all-industries national median of that period.
    """
    national = national_medians.get(setting_period or "")
    if place.area_type == "national" or place.median is None or setting_median is None or not national:
        return None
    ratio = setting_median / national
    value = round(place.median * ratio / ESTIMATE_ROUNDING) * ESTIMATE_ROUNDING
    method = _(
        "Estimate, not a BLS figure. BLS publishes no pay for {industry} within {place}. We took the median for "
        "all pharmacy technicians in {place} ({local}, {local_period}) and scaled it by how far this setting's "
        "national median ({setting_median}, {period}) sits from the national median for all technicians "
        "({national}, {period}): {local} × {ratio} ≈ {value}, rounded to the nearest ${rounding}. It assumes "
        "{setting} pays the same share above or below the local median as it does nationally, which local "
        "employers may not; ask them. The fit quiz never uses it."
    ).format(
        industry=industry_title,
        place=place.label,
        local=money(place.median),
        local_period=localize_period(place.period),
        setting_median=money(setting_median),
        period=localize_period(setting_period or ""),
        national=money(national),
        ratio=f"{ratio:.3f}",
        value=money(value),
        rounding=ESTIMATE_ROUNDING,
        setting=setting_name,
    )
    return Estimate(value, method)


# --- What the take-home summary prints about the place ----------------------------------------------


@dataclass(frozen=True)
class PlaceSummary:
    """The chosen place's published figures with its state and the nation beside it, and the words about them."""

    place: AreaPay
    rows: tuple[AreaPay, ...]  # the place, its state (for a metro or nonmetro area), the nation
    rank: str
    notes: tuple[str, ...]


def place_summary(places: Places, pay: AreaPay) -> PlaceSummary:
    rows = [pay]
    if pay.area_type in ("metro", "nonmetro") and pay.state in places.states:
        rows.append(places.states[pay.state])
    rows.append(places.national)
    return PlaceSummary(pay, tuple(rows), rank_words(places, pay), tuple(uncertainty_notes(pay)))
