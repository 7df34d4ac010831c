"""`?answers=…`: fit-quiz answers and weights, shared only when the person opts in."""

from __future__ import annotations

from collections.abc import Mapping

from analysis.i18n import _
from analysis.links.common import MAX_PARAM_CHARS, cap, clip, small_int
from analysis.quiz import WEIGHTS, Answers, Quiz, Weights, chosen_option, is_weight, starting_weight


def validate_answers(
    quiz: Quiz, raw_answers: Mapping[str, str], raw_weights: Mapping[str, str]
) -> tuple[Answers, Weights, list[str]]:
    """Answers and weights from link text: keep what is valid, one plain notice per thing dropped. Never raises."""
    by_id = {q.id: q for q in quiz.questions}
    answers: Answers = {}
    weights: Weights = {}
    notices: list[str] = []
    unknown: list[str] = []
    for raw, what in ((raw_answers, "answers"), (raw_weights, "weights")):
        if not isinstance(raw, Mapping):
            notices.append(
                _("Ignored the quiz answers in the link: they are not in a form this app reads.")
                if what == "answers"
                else _("Ignored the quiz weights in the link: they are not in a form this app reads.")
            )
            continue
        for key, text in raw.items():
            q = by_id.get(key) if isinstance(key, str) else None
            if q is None:
                if clip(key) not in unknown:
                    unknown.append(clip(key))
                continue
            n = small_int(text)
            if what == "answers":
                if n is None or n >= len(q.options):
                    notices.append(
                        _(
                            "Ignored the answer “{answer}” for {subject}: the question has no such option "
                            "(the link may be from an older version of the quiz)."
                        ).format(answer=clip(text), subject=q.subject)
                    )
                else:
                    answers[q.id] = n
            elif n is None or n not in WEIGHTS:
                notices.append(
                    _("Ignored the weight “{weight}” for {subject}: weights run from 0 to 3.").format(
                        weight=clip(text), subject=q.subject
                    )
                )
            else:
                weights[q.id] = n
    if unknown:
        shown = ", ".join(f"“{u}”" for u in unknown[:5])
        if len(unknown) > 5:
            shown += _(" and {n} more").format(n=len(unknown) - 5)
        notices.insert(
            0,
            _(
                "Ignored answers to questions this quiz does not have: {ids} (the link may be from an "
                "older version of the quiz)."
            ).format(ids=shown),
        )
    return answers, weights, cap(notices)


def encode_answers(answers: Answers, weights: Weights | None, quiz: Quiz) -> str:
    """Compact, URL-safe form of the answers, in question order.

    Parts are joined by '~'; each part is `<question id>.<option index>[.<weight>]`, the weight
    written only when it differs from the answer's starting weight (the question's default without
    one). A weight without an answer is `<question id>..<weight>`. Example: "patient_contact.0.3~pace.1~nights..0".
    Only the characters a-z 0-9 _ . ~ appear, none of which a URL needs to escape.
    """
    parts = []
    for q in quiz.questions:
        idx = chosen_option(q, answers)
        w = (weights or {}).get(q.id)
        w = w if is_weight(w) and w != starting_weight(q, idx) else None
        if idx is None and w is None:
            continue
        part = f"{q.id}.{'' if idx is None else idx}"
        parts.append(part + (f".{w}" if w is not None else ""))
    return "~".join(parts)


def decode_answers(s: str, quiz: Quiz) -> tuple[Answers, Weights, list[str]]:
    """Read `encode_answers` output from a link. Never raises; each invalid part gets a plain notice."""
    if not isinstance(s, str):
        return {}, {}, [_("Ignored the quiz answers in the link: they are not text.")]
    if len(s) > MAX_PARAM_CHARS:
        return {}, {}, [_("Ignored the quiz answers in the link: the value is too long to be a real link.")]
    raw_answers: dict[str, str] = {}
    raw_weights: dict[str, str] = {}
    notices: list[str] = []
    for part in s.split("~"):
        part = part.strip()
        if not part:
            continue
        fields = part.split(".")
        if len(fields) not in (2, 3) or not fields[0] or (not fields[1] and (len(fields) == 2 or not fields[2])):
            notices.append(
                _("Ignored “{part}” in the link: it is not in the form question.option.weight.").format(part=clip(part))
            )
            continue
        qid = fields[0]
        if qid in raw_answers or qid in raw_weights:
            notices.append(
                _("The link answers “{question}” twice; the last answer was used.").format(question=clip(qid))
            )
            raw_answers.pop(qid, None)
            raw_weights.pop(qid, None)
        if fields[1]:
            raw_answers[qid] = fields[1]
        if len(fields) == 3 and fields[2]:
            raw_weights[qid] = fields[2]
    answers, weights, more = validate_answers(quiz, raw_answers, raw_weights)
    return answers, weights, cap(notices + more)
