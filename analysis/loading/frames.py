"""Validated profiles -> tidy pandas frames for the UI, figures and scoring.

One wide frame (a row per setting) and long frames (a row per setting x thing), so that
charts and tables are plain group-bys. Every figure keeps its period, source and evidence
columns next to it, so nothing downstream can show a number without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.i18n import DEFAULT_LANGUAGE, N_, _, current_language
from analysis.loading.loader import Catalogs
from analysis.loading.oews import industry_label, pointer_industry
from analysis.loading.schema import (
    FREQUENCY_ORDER,
    RATING_DIMENSIONS,
    RELEVANCE_ORDER,
    TASK_LABELS,
    Fact,
    Profile,
    Schedule,
    SettingFacts,
)

FACT_LABELS = {
    "median_wage_annual": N_("Median annual wage"),
    "wage_p10_annual": N_("10th percentile annual wage"),
    "wage_p25_annual": N_("25th percentile annual wage"),
    "wage_p75_annual": N_("75th percentile annual wage"),
    "wage_p90_annual": N_("90th percentile annual wage"),
    "median_wage_hourly": N_("Median hourly wage"),
    "mean_wage_annual": N_("Mean annual wage"),
    "employment": N_("Pharmacy technician jobs in this industry"),
    "employment_share": N_("Share of all pharmacy technician jobs"),
    "employment_rse": N_("Relative standard error of the jobs estimate"),
    "wage_rse": N_("Relative standard error of the mean wage"),
}
SCHEDULE_KINDS = ("nights", "weekends", "holidays", "on_call")
SCHEDULE_LABELS = {
    "nights": N_("Nights"),
    "weekends": N_("Weekends"),
    "holidays": N_("Holidays"),
    "on_call": N_("On-call"),
}
# How often a kind of hours comes up, as shown (the data's own words are the keys).
FREQUENCY_LABELS = {
    "never": N_("never"),
    "rare": N_("rare"),
    "sometimes": N_("sometimes"),
    "common": N_("common"),
    "typical": N_("typical"),
}
# Labels are marked with N_ and translated where rows are built (build_frames runs in the page's language).


def schedule_words(schedule: Schedule) -> dict[str, str]:
    """A setting's hours in words of the current language, for the 'Nights: … · Weekends: …' lines: how often
    each kind comes up (nights, weekends, holidays, on_call) and the typical shift lengths (hours)."""
    kinds = ("nights", "weekends", "holidays", "on_call")
    return {kind: _(FREQUENCY_LABELS[getattr(schedule, kind)]) for kind in kinds} | {
        "hours": ", ".join(str(h) for h in schedule.shift_lengths_hours)
    }


@dataclass(frozen=True)
class Frames:
    settings: pd.DataFrame  # one row per setting
    facts: pd.DataFrame  # setting x fact (core facts and other facts)
    wages: pd.DataFrame  # setting x wage percentile (10/25/50/75/90), gaps kept
    ratings: pd.DataFrame  # setting x rating dimension
    schedule: pd.DataFrame  # setting x schedule kind
    tasks: pd.DataFrame  # setting x task category
    credentials: pd.DataFrame  # setting x credential


def _industry(profile: Profile, fact: Fact) -> str | None:
    """The BLS industry a figure describes: the profile's own title (in its language) for its own industry."""
    if not fact.oews:
        return None
    code = pointer_industry(fact.oews)
    if code == profile.bls_industry.naics and current_language() != DEFAULT_LANGUAGE:
        return f"{profile.bls_industry.title} ({code})"  # the profile's translated title
    return industry_label(code)


def _fact_row(profile: Profile, key: str, label: str, fact: Fact, core: bool) -> dict:
    return {
        "setting_id": profile.id,
        "setting": profile.name,
        "key": key,
        "label": label,
        "value": fact.value,
        "unit": fact.unit,
        "period": fact.period,
        "source": fact.source,
        "evidence": fact.evidence,
        "note": fact.note,
        "is_gap": fact.value is None,
        "core": core,
        "oews": fact.oews,
        "industry": _industry(profile, fact),
        "confidence": profile.bls_industry.confidence if core else None,
    }


def _settings_row(p: Profile) -> dict:
    row = {
        "id": p.id,
        "name": p.name,
        "short_name": p.short_name,
        "category": p.category,
        "tagline": p.tagline,
        "summary": p.summary,
        "also_called": ", ".join(p.also_called),
        "bls_naics": p.bls_industry.naics,
        "bls_title": p.bls_industry.title,
        "bls_confidence": p.bls_industry.confidence,
        "bls_note": p.bls_industry.note,
    }
    for key in SettingFacts.model_fields:
        fact: Fact | None = getattr(p.facts, key)
        row[key] = fact.value if fact else None
        row[f"{key}_period"] = fact.period if fact else None
        row[f"{key}_source"] = fact.source if fact else None
    for dim in RATING_DIMENSIONS:
        rating = getattr(p.ratings, dim)
        row[f"rating_{dim}"] = rating.score if rating is not None else None  # not rated: an empty cell
    for kind in SCHEDULE_KINDS:
        row[f"schedule_{kind}"] = getattr(p.schedule, kind)
    row["shift_lengths_hours"] = ", ".join(str(h) for h in p.schedule.shift_lengths_hours)
    return row


# Display order: where most technicians work first, then the rest.
CATEGORY_ORDER = ("community", "health-system", "long-term-care", "ambulatory", "industry", "government")


def display_order(profiles: Iterable[Profile]) -> list[Profile]:
    """By category, then the setting with the larger published share of technician jobs first."""

    def key(p: Profile) -> tuple:
        share = p.facts.employment_share.value
        return (CATEGORY_ORDER.index(p.category), -(share or 0), p.name)

    return sorted(profiles, key=key)


FACT_COLUMNS = [
    "setting_id", "setting", "key", "label", "value", "unit", "period", "source", "evidence", "note", "is_gap",
    "core", "oews", "industry", "confidence",
]  # fmt: skip
RATING_COLUMNS = ["setting_id", "setting", "dimension", "label", "score", "reason", "low", "high"]
SCHEDULE_COLUMNS = ["setting_id", "setting", "kind", "label", "frequency", "level", "reason"]
TASK_COLUMNS = ["setting_id", "setting", "task", "label", "share", "examples"]
CREDENTIAL_COLUMNS = ["setting_id", "setting", "credential", "credential_name", "relevance", "relevance_rank", "note"]


def build_frames(profiles: Iterable[Profile], catalogs: Catalogs | None = None) -> Frames:
    profiles = display_order(profiles)

    def frame(rows_of, columns: list[str]) -> pd.DataFrame:
        return pd.DataFrame([row for p in profiles for row in rows_of(p)], columns=columns)

    facts = frame(_fact_rows, FACT_COLUMNS)
    return Frames(
        settings=pd.DataFrame([_settings_row(p) for p in profiles]),
        facts=facts,
        wages=_wages(facts),
        ratings=frame(_rating_rows, RATING_COLUMNS),
        schedule=frame(_schedule_rows, SCHEDULE_COLUMNS),
        tasks=frame(_task_rows, TASK_COLUMNS),
        credentials=frame(lambda p: _credential_rows(p, catalogs), CREDENTIAL_COLUMNS),
    )


def _fact_rows(p: Profile) -> list[dict]:
    rows = [
        _fact_row(p, key, _(label), getattr(p.facts, key), core=True)
        for key, label in FACT_LABELS.items()
        if getattr(p.facts, key) is not None
    ]
    return rows + [_fact_row(p, f"other_{i}", nf.label, nf, core=False) for i, nf in enumerate(p.other_facts)]


def _rating_rows(p: Profile) -> list[dict]:
    rows = []
    for dim, (label, low, high) in RATING_DIMENSIONS.items():
        r = getattr(p.ratings, dim)  # None: a dimension the profile was written before (not rated)
        rows.append(
            {
                "setting_id": p.id,
                "setting": p.name,
                "dimension": dim,
                "label": _(label),
                "score": r.score if r is not None else None,
                "reason": r.reason if r is not None else None,
                "low": _(low),
                "high": _(high),
            }
        )
    return rows


def _schedule_rows(p: Profile) -> list[dict]:
    return [
        {
            "setting_id": p.id,
            "setting": p.name,
            "kind": kind,
            "label": _(SCHEDULE_LABELS[kind]),
            "frequency": getattr(p.schedule, kind),
            "level": FREQUENCY_ORDER.index(getattr(p.schedule, kind)),
            "reason": p.schedule.reason,
        }
        for kind in SCHEDULE_KINDS
    ]


def _task_rows(p: Profile) -> list[dict]:
    return [
        {
            "setting_id": p.id,
            "setting": p.name,
            "task": t.task,
            "label": _(TASK_LABELS[t.task]),
            "share": t.share,
            "examples": t.examples,
        }
        for t in p.tasks
    ]


def _credential_rows(p: Profile, catalogs: Catalogs | None) -> list[dict]:
    rows = []
    for c in p.credentials:
        cred = catalogs.credentials.get(c.id) if catalogs else None
        rows.append(
            {
                "setting_id": p.id,
                "setting": p.name,
                "credential": c.id,
                "credential_name": cred.short_name if cred else c.id,
                "relevance": c.relevance,
                "relevance_rank": RELEVANCE_ORDER.index(c.relevance),
                "note": c.note,
            }
        )
    return rows


WAGE_PERCENTILES = {
    "wage_p10_annual": 10,
    "wage_p25_annual": 25,
    "median_wage_annual": 50,
    "wage_p75_annual": 75,
    "wage_p90_annual": 90,
}


def _wages(facts: pd.DataFrame) -> pd.DataFrame:
    """The five annual wage percentiles per setting (long); gaps stay as rows with is_gap=True."""
    out = facts[facts["key"].isin(list(WAGE_PERCENTILES))].copy()
    out["percentile"] = out["key"].map(WAGE_PERCENTILES)
    out["value"] = pd.to_numeric(out["value"])
    return out.sort_values(["setting_id", "percentile"]).reset_index(drop=True)
