"""The person's own quiz answers and results as CSV or JSON, built in memory.

What goes in: each answered question (its text, the chosen option's label, the weight used) and
the ranking (score, deal-breakers; in JSON also every item's contribution). What stays out: any
timestamp, and any name, unless the caller passes `client_name` explicitly. Nothing is written to
disk; the functions return bytes for a download button.

`answers_from_json` reads an export back (e.g. to restore a session). It trusts nothing in the
file: answers go through `validate_answers`, exactly like answers from a shared link.

Nothing here imports streamlit.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from typing import Any

from analysis.i18n import N_, _
from analysis.links.answers import validate_answers
from analysis.quiz import Answers, Quiz, SettingResult, Weights, scoring

FORMAT = "rx-settings-explorer/quiz-export"
FORMAT_VERSION = 2  # 2: rank is the place as shown ("=2" when shared); cautions, counted_weight, judgement
MAX_IMPORT_BYTES = 1_000_000  # a real export is a few kilobytes

ANSWER_COLUMNS = ("question_id", "question", "answer", "weight", "counted")
RANKING_COLUMNS = ("rank", "setting_id", "setting", "score", "deal_breakers")
# The CSV is for people (a spreadsheet), so its headers follow the language; the JSON export is a data format
# that the app reads back, so its keys never change.
CSV_HEADERS = {
    "question_id": N_("question_id"),
    "question": N_("question"),
    "answer": N_("answer"),
    "weight": N_("weight"),
    "counted": N_("counted"),
    "rank": N_("rank"),
    "setting_id": N_("setting_id"),
    "setting": N_("setting"),
    "score": N_("score"),
    "deal_breakers": N_("deal_breakers"),
    "client": N_("client"),
}


def _headers(columns: Sequence[str]) -> list[str]:
    return [_(CSV_HEADERS[c]) for c in columns]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def answered_items(quiz: Quiz, answers: Answers, weights: Weights | None = None) -> list[dict[str, Any]]:
    """One dict per answered question, in quiz order: id, question, option index and label, weight,
    and whether it counts towards the score (it does not for "no preference" or weight 0)."""
    return [
        {
            "question_id": item.question.id,
            "question": item.question.text,
            "option_index": item.option_index,
            "answer": item.option.label,
            "weight": item.weight,
            "counted": item.option.target is not None and item.weight > 0,
            "deal_breaker": item.option.deal_breaker,
        }
        for item in scoring.answered_items(quiz, answers, weights)
    ]


def _score(value: float | None, digits: int = 1) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits)


def _cell(value: Any) -> Any:
    """A spreadsheet must not run text as a formula: prefix such text with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def answers_csv(
    quiz: Quiz,
    answers: Answers,
    weights: Weights | None,
    ranking: Sequence[SettingResult],
    *,
    client_name: str | None = None,
) -> bytes:
    """CSV in two sections separated by a blank line: the answers, then the ranking.

    Section 1 columns: question_id, question, answer, weight, counted (yes/no).
    Section 2 columns: rank (the place as the page shows it: "2", or "=2" when shared), setting_id, setting,
    score (0-100, one decimal; empty if none),
    deal_breakers (reasons joined with "; "). With `client_name`, a first row "client", name, and a
    blank line come before section 1. UTF-8 with a byte-order mark so spreadsheet programs read
    accented letters correctly (decode with "utf-8-sig").
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if client_name:
        writer.writerow([_(CSV_HEADERS["client"]), _cell(client_name)])
        writer.writerow([])
    writer.writerow(_headers(ANSWER_COLUMNS))
    for item in answered_items(quiz, answers, weights):
        writer.writerow(
            [
                item["question_id"],
                _cell(item["question"]),
                _cell(item["answer"]),
                item["weight"],
                _("yes") if item["counted"] else _("no"),
            ]
        )
    writer.writerow([])
    writer.writerow(_headers(RANKING_COLUMNS))
    for r in ranking:
        s = _score(r.score)
        writer.writerow(
            [
                r.rank_label,
                r.setting_id,
                _cell(r.name),
                "" if s is None else f"{s:.1f}",
                _cell("; ".join(r.deal_breakers)),
            ]
        )
    return buf.getvalue().encode("utf-8-sig")


def results_dict(
    quiz: Quiz,
    answers: Answers,
    weights: Weights | None,
    ranking: Sequence[SettingResult],
    *,
    client_name: str | None = None,
) -> dict[str, Any]:
    """The JSON export as a plain dict (see `answers_json`)."""
    doc: dict[str, Any] = {"format": FORMAT, "version": FORMAT_VERSION}
    if client_name:
        doc["client_name"] = client_name
    doc["answers"] = answered_items(quiz, answers, weights)
    doc["ranking"] = [
        {
            "rank": r.rank_label,
            "setting_id": r.setting_id,
            "setting": r.name,
            "score": _score(r.score),
            "deal_breakers": list(r.deal_breakers),
            "cautions": list(r.cautions),
            "not_counted": list(r.skipped),
            "contributions": [
                {
                    "question_id": c.question_id,
                    "question": c.question_text,
                    "answer": c.option_label,
                    "weight": c.weight,
                    "counted_weight": c.counted_weight,
                    "judgement": c.judgement,
                    "match": _score(c.closeness, 3),
                    "points": _score(c.points, 2),
                    "reason": c.reason,
                }
                for c in r.contributions
            ],
        }
        for r in ranking
    ]
    return doc


def answers_json(
    quiz: Quiz,
    answers: Answers,
    weights: Weights | None,
    ranking: Sequence[SettingResult],
    *,
    client_name: str | None = None,
) -> bytes:
    """UTF-8 JSON (non-ASCII kept as is, no timestamps). Keys:

    format, version; client_name (only when passed); answers: [{question_id, question, option_index,
    answer, weight, counted, deal_breaker}]; ranking: [{rank (the place as shown: "2", or "=2" when shared),
    setting_id, setting, score (0-100 or null), deal_breakers, cautions, not_counted, contributions:
    [{question_id, question, answer, weight, counted_weight (half the weight where the rating rests on
    judgement), judgement, match (0-1), points, reason}]}]. A setting's points add up to its score (to
    rounding): points = 100 x counted_weight x match / the sum of its counted weights.
    """
    doc = results_dict(quiz, answers, weights, ranking, client_name=client_name)
    return (json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def answers_from_json(data: bytes | str, quiz: Quiz) -> tuple[Answers, Weights, list[str]]:
    """Answers and weights from an `answers_json` export. Never raises; problems become notices.

    Only question ids, option indices and weights are read; everything else (texts, scores) is
    recomputed from the current quiz and data, so an edited file cannot change a ranking's maths.
    """
    if isinstance(data, (bytes, bytearray)):
        if len(data) > MAX_IMPORT_BYTES:
            return {}, {}, [_("Ignored the file: it is too large to be an answers export.")]
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            return {}, {}, [_("Ignored the file: it is not UTF-8 text.")]
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        return {}, {}, [_("Ignored the file: it is not valid JSON.")]
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("answers"), list):
        return {}, {}, [_("Ignored the file: it is not an answers export from this app.")]
    raw_answers: dict[str, str] = {}
    raw_weights: dict[str, str] = {}
    notices: list[str] = []
    for item in doc["answers"]:
        if not isinstance(item, dict) or not isinstance(item.get("question_id"), str):
            notices.append(_("Ignored an answer in the file that has no question id."))
            continue
        qid = item["question_id"]
        idx, weight = item.get("option_index"), item.get("weight")
        raw_answers[qid] = str(idx) if isinstance(idx, int) and not isinstance(idx, bool) else repr(idx)
        if weight is not None:
            raw_weights[qid] = str(weight) if isinstance(weight, int) and not isinstance(weight, bool) else repr(weight)
    answers, weights, more = validate_answers(quiz, raw_answers, raw_weights)
    return answers, weights, notices + more
