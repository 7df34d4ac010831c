"""Explanations in words: why a setting scored as it did, warnings about the answers, headlines."""

from __future__ import annotations

import math
from collections.abc import Sequence

from analysis.i18n import N_, _, ngettext, pgettext
from analysis.loading.schema import FREQUENCY_ORDER, RATING_DIMENSIONS, TASK_LABELS
from analysis.quiz.dimension_names import parse_dimension
from analysis.quiz.dimensions import TASK_FULL_SHARE
from analysis.quiz.model import WEIGHT_LABELS, Option, Question
from analysis.quiz.results import Contribution, SettingResult

FOR_CLOSENESS = 0.75  # a contribution at or above this is a reason for
AGAINST_CLOSENESS = 0.5  # below this, a reason against; one step short (exactly 0.5) is a partial match
HEAVY_WEIGHT = 2  # "matters" or "matters a lot": a missing figure on such an answer is headline news
STRAIGHT_LINE_MIN = 8  # answers at one option position before it looks like clicking down a column

NO_ANSWERS = N_("Answer at least one question (other than “No preference”) to see how the settings fit you.")
ALL_WEIGHT_ZERO = N_("Every question you answered is set to “doesn't matter”, so there is nothing to score yet.")
ALL_ALIKE = N_(
    "You chose the same place in the list on every question, so this ranking may say little about what "
    "fits you. Try to answer each question on its own."
)
ONLY_ONE = N_(
    "Only one answer counts so far, so the ranking rests on it alone. A few more answers will make it more useful."
)

# How a schedule kind reads, with `{frequency}` one of FREQUENCY_WORDS: (about a named setting, on the page of one).
_SCHEDULE_WORDS = {
    "nights": (N_("at {name}, night shifts are {frequency}"), N_("Night shifts are {frequency} here")),
    "weekends": (N_("at {name}, weekend work is {frequency}"), N_("Weekend work is {frequency} here")),
    "holidays": (N_("at {name}, holiday work is {frequency}"), N_("Holiday work is {frequency} here")),
    "on_call": (N_("at {name}, on-call duty is {frequency}"), N_("On-call duty is {frequency} here")),
}
# Where an editorial rating comes from, said after it: sources behind it, or our judgement alone (counted at half).
SOURCED = N_("editorial, from the sources listed for it")
JUDGED = N_("editorial judgement, no source; counted at half weight")


# The frequency words, marked for the message catalog (context "how often"; calling pgettext here only marks them).
_FREQUENCY_WORDS = (
    pgettext("how often", "never"),
    pgettext("how often", "rare"),
    pgettext("how often", "sometimes"),
    pgettext("how often", "common"),
    pgettext("how often", "typical"),
)


def frequency_word(value: float) -> str:
    """'never' … 'typical' in the current language (a 0-1 schedule value)."""
    return pgettext("how often", FREQUENCY_ORDER[round(4 * value)])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def basis_words(judgement: bool) -> str:
    """'editorial, from the sources listed for it' or 'editorial judgement, no source; counted at half weight'."""
    return _(JUDGED) if judgement else _(SOURCED)


def describe(dimension: str, value: float, name: str, judgement: bool = False) -> str:
    """What the setting is like on a dimension, in words, from its 0-1 value, and what that rests on."""
    kind, parts = parse_dimension(dimension)
    if kind == "rating":
        label = _(RATING_DIMENSIONS[parts[0]][0]).lower()
        return _("{name} is rated {score}/5 for {label} ({basis})").format(
            name=name, score=round(1 + 4 * value), label=label, basis=basis_words(judgement)
        )
    if kind == "schedule":
        text = _(_SCHEDULE_WORDS[parts[0]][0]).format(name=name, frequency=frequency_word(value))
        return f"{text} ({basis_words(judgement)})"
    if kind == "tasks":
        # Lower-case the first letter only: the labels carry abbreviations such as "(IV, TPN, chemo)".
        what = _(" plus ").join(_lower_first(_(TASK_LABELS[c])) for c in parts)
        if value >= 1:
            return _("at {name}, half the day or more goes to {what} (editorial estimate)").format(name=name, what=what)
        if value <= 0:
            return _("at {name}, no part of the usual day goes to {what} (editorial estimate)").format(
                name=name, what=what
            )
        return _("at {name}, about {percent}% of the day goes to {what} (editorial estimate)").format(
            name=name, percent=round(TASK_FULL_SHARE * value), what=what
        )
    # Words, not a figure rebuilt from the clipped 0-1 value; the pay figures themselves are on the detail page.
    if value >= 0.75:
        text = N_(
            "median pay at {name} is near the top of the national range for pharmacy techs "
            "(BLS figures; each setting's median and its period are on its detail page)"
        )
    elif value >= 0.5:
        text = N_(
            "median pay at {name} is in the upper middle of the national range for pharmacy techs "
            "(BLS figures; each setting's median and its period are on its detail page)"
        )
    elif value >= 0.25:
        text = N_(
            "median pay at {name} is in the lower middle of the national range for pharmacy techs "
            "(BLS figures; each setting's median and its period are on its detail page)"
        )
    else:
        text = N_(
            "median pay at {name} is near the bottom of the national range for pharmacy techs "
            "(BLS figures; each setting's median and its period are on its detail page)"
        )
    return _(text).format(name=name)


def match_words(option: Option, closeness: float) -> str:
    if closeness >= 1 - 1e-9:
        return {
            "about": _("exact match"),
            "at_least": _("full match: at least what you asked for"),
            "at_most": _("full match: no more than you said is OK"),
        }[option.match]
    if closeness >= FOR_CLOSENESS:
        return _("close match")
    if closeness >= AGAINST_CLOSENESS:  # one step short on a rating, hours or task share
        return _("partly matches")
    return _("poor match")


def reason(
    question: Question, option: Option, value: float, closeness: float, name: str, judgement: bool = False
) -> str:
    desc = describe(question.dimension, value, name, judgement)
    return _("You chose “{answer}” for {subject}. {description} — {match}.").format(
        answer=option.label, subject=question.subject, description=_cap(desc), match=match_words(option, closeness)
    )


def not_counted(question: Question, name: str) -> str:
    """For a setting with no figure on the question's dimension: it is scored on the other answers."""
    if parse_dimension(question.dimension)[0] == "pay":
        return _(
            "{subject} not counted: BLS publishes no pay figure for {name} itself, and we do not score a "
            "figure borrowed from a loosely fitting industry as its pay, so it is scored on your other "
            "answers."
        ).format(subject=_cap(question.subject), name=name)
    if parse_dimension(question.dimension)[0] == "rating":  # an optional rating a profile does not carry
        return _(
            "{subject} not counted: {name} is not rated for it (its profile has no such rating), so it is scored "
            "on your other answers."
        ).format(subject=_cap(question.subject), name=name)
    return _("{subject} not counted: no published figure for {name}, so it is scored on your other answers.").format(
        subject=_cap(question.subject), name=name
    )


def _hours_here(question: Question, value: float) -> str:
    """'Night shifts are common here' or 'Very early starts … is rated 4/5 here (editorial)', for an hours answer."""
    kind, parts = parse_dimension(question.dimension)
    if kind == "schedule":
        return _(_SCHEDULE_WORDS[parts[0]][1]).format(frequency=frequency_word(value))
    return _("{label} is rated {score}/5 here (editorial)").format(
        label=_(RATING_DIMENSIONS[parts[0]][0]), score=round(1 + 4 * value)
    )


def deal_breaker_reason(question: Question, option: Option, value: float) -> str:
    return _("{said} (you answered “{answer}”).").format(said=_hours_here(question, value), answer=option.label)


def judgement_subjects(result: SettingResult) -> list[str]:
    """The topics of the answers whose rating for this setting rests on our judgement alone, in question order."""
    return [c.subject for c in result.contributions if c.judgement]


def weight_shown(contribution: Contribution) -> str:
    """'3', or '3 → 1.5' where the rating rests on judgement and counted at reduced weight."""
    if contribution.counted_weight == contribution.weight:
        return f"{contribution.weight:d}"
    return f"{contribution.weight:d} → {contribution.counted_weight:g}"


def caution_reason(question: Question, option: Option, value: float) -> str:
    """An "I can't" answer met by hours that come up sometimes here: not a deal-breaker, but never left unsaid."""
    return _("{said}, and you answered “{answer}”: ask whether the job you apply for has them.").format(
        said=_hours_here(question, value), answer=option.label
    )


def caution_headline(name: str, cautions: Sequence[str]) -> str:
    """Said up front when a setting in first place has hours the person said they can't work, now and then."""
    return _("Check before you rely on {name} in first place: {cautions}").format(
        name=name, cautions=" ".join(cautions)
    )


def reasons_for_against(result: SettingResult, n: int = 3) -> tuple[list[Contribution], list[Contribution]]:
    """The `n` strongest reasons for (closeness >= 0.75) and against (< 0.5), by weight x (mis)match."""
    known = [c for c in result.contributions if not math.isnan(c.value)]
    pro = [c for c in known if c.closeness >= FOR_CLOSENESS]
    con = [c for c in known if c.closeness < AGAINST_CLOSENESS]  # a partial match (one step short) is neither
    pro.sort(key=lambda c: -c.counted_weight * c.closeness)  # stable: ties keep question order
    con.sort(key=lambda c: -c.counted_weight * (1 - c.closeness))
    return pro[:n], con[:n]


def answer_warnings(picked: Sequence[tuple[int, Option, int]], total_questions: int) -> tuple[list[str], int]:
    """Warnings about the answers themselves. `picked`: (option index, option, weight) per answered item.

    "All alike" is kept for true straight-lining: the same option position on every answered
    question, over at least STRAIGHT_LINE_MIN of them (or the whole quiz, if shorter). Coherent
    answers that happen to share a target (no nights, no weekends, no holidays) are not warned.
    """
    answered = [(i, o, w) for i, o, w in picked if o.target is not None]
    if not answered:
        return [_(NO_ANSWERS)], 0
    out = []
    if all(w == 0 for _i, _o, w in answered):
        out.append(_(ALL_WEIGHT_ZERO))
    enough = min(STRAIGHT_LINE_MIN, total_questions)
    if len(picked) >= max(enough, 2) and len({i for i, _o, _w in picked}) == 1:
        out.append(_(ALL_ALIKE))
    elif len(answered) == 1:
        out.append(_(ONLY_ONE))
    return out, len(answered)


def missing_figure_headline(question: Question, weight: int, lacking: Sequence[str], tied: bool) -> str:
    """Said when an answer the person weighted heavily could not count for their #1 (or one tied with it)."""
    who = lacking[0] if len(lacking) == 1 else ", ".join(lacking[:-1]) + _(" and ") + lacking[-1]
    n = len(lacking)
    if tied:
        text = ngettext(
            "{who}, tied for your top fit, has no figure of its own for {subject}, which you said "
            "{weight} to you. {Subject} was not counted for it; check before relying on this ranking.",
            "{who}, tied for your top fit, have no figure of their own for {subject}, which you said "
            "{weight} to you. {Subject} was not counted for them; check before relying on this ranking.",
            n,
        )
    else:
        text = ngettext(
            "Your top fit, {who}, has no figure of its own for {subject}, which you said {weight} to "
            "you. {Subject} was not counted for it; check before relying on this ranking.",
            "Your top fit, {who}, have no figure of their own for {subject}, which you said {weight} to "
            "you. {Subject} was not counted for them; check before relying on this ranking.",
            n,
        )
    return text.format(
        who=who, subject=question.subject, Subject=_cap(question.subject), weight=_(WEIGHT_LABELS[weight])
    )
