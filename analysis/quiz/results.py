"""What scoring gives back: each setting's result with every answer's share of its score, and the ranking.

Plain records, apart from the scoring that fills them, so the explanations can read them without importing
the scoring (and the scoring imports the explanations)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Contribution:
    question_id: str
    question_text: str
    option_label: str
    dimension: str
    target: float
    value: float
    closeness: float  # 1 for a full match, less the further the setting is from what was asked
    weight: int
    points: float  # this item's share of the 0-100 score; a setting's points add up to its score
    reason: str
    match: str = "about"  # how the target is read: about, at_least, at_most
    judgement: bool = False  # the setting's value here rests on our judgement alone (no source cited)
    counted_weight: float = 0.0  # the weight it counted at: `weight`, or JUDGEMENT_WEIGHT x weight for a judgement
    subject: str = ""  # the question's topic, for sentences ("night shifts")


@dataclass(frozen=True)
class SettingResult:
    setting_id: str
    name: str
    score: float | None
    contributions: list[Contribution]
    skipped: list[str]  # answered items not counted for this setting, and why ("pay not counted: ...")
    deal_breakers: list[str]  # why this setting is moved to the end
    dismissed: bool = False
    cautions: list[str] = field(default_factory=list)  # hours the person can't work that come up here sometimes
    rank: int = 0  # 1-based; settings with the same displayed score share one
    rank_label: str = ""  # "2", or "=2" when shared


@dataclass(frozen=True)
class QuizResult:
    ranking: list[SettingResult]  # in ranked order: unflagged first, then by score
    warnings: list[str] = field(default_factory=list)
    answered: int = 0  # answered items with a preference (not "no preference"), whatever their weight
    headlines: list[str] = field(default_factory=list)  # things the person must not miss about their #1
    tolerance: float = 0.0  # score points the evidence cannot tell apart: settings this close share a place
