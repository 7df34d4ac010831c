"""CSV and JSON exports of a person's own answers and results, from the bundled data."""

from __future__ import annotations

import csv
import io
import json

from analysis.presentation.export import (
    ANSWER_COLUMNS,
    FORMAT,
    RANKING_COLUMNS,
    answers_csv,
    answers_from_json,
    answers_json,
)
from analysis.quiz import score
from tests.data import NAMES, QUIZ, VALUES


def realistic_answers() -> dict[str, int]:
    """Every other question answered, rotating through options; one "no preference" if there is one."""
    answers = {}
    for i, q in enumerate(QUIZ.questions):
        if i % 3 == 2:
            continue
        answers[q.id] = i % len(q.options)
    return answers


ANSWERS = realistic_answers()
WEIGHTS = {QUIZ.questions[0].id: 3, QUIZ.questions[1].id: 0}
RESULT = score(QUIZ, VALUES, NAMES, ANSWERS, WEIGHTS)


def effective_weight(q) -> int:
    """The person's weight, else the chosen answer's starting weight, else the question's default."""
    idx = ANSWERS.get(q.id)
    start = q.options[idx].weight if idx is not None and q.options[idx].weight is not None else q.default_weight
    return WEIGHTS.get(q.id, start)


def csv_sections(data: bytes) -> tuple[list[list[str]], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    blank = rows.index([])
    return rows[:blank], rows[blank + 1 :]


def test_csv_has_answers_then_ranking():
    data = answers_csv(QUIZ, ANSWERS, WEIGHTS, RESULT.ranking)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM so spreadsheets read UTF-8
    answers, ranking = csv_sections(data)
    assert answers[0] == list(ANSWER_COLUMNS)
    by_q = {q.id: q for q in QUIZ.questions}
    answered = [q.id for q in QUIZ.questions if q.id in ANSWERS]
    assert [row[0] for row in answers[1:]] == answered
    for qid, text, answer, weight, counted in answers[1:]:
        q = by_q[qid]
        opt = q.options[ANSWERS[qid]]
        assert text == q.text and answer == opt.label
        assert int(weight) == effective_weight(q)
        assert counted == ("yes" if opt.target is not None and int(weight) > 0 else "no")
    assert ranking[0] == list(RANKING_COLUMNS)
    assert len(ranking) == 1 + len(RESULT.ranking)
    for (rank, sid, name, s, breakers), r, i in zip(ranking[1:], RESULT.ranking, range(1, 100), strict=False):
        assert rank == r.rank_label and int(rank.lstrip("=")) <= i, "the place as the page shows it, shared or not"
        assert sid == r.setting_id and name == r.name
        assert (s == "") if r.score is None else abs(float(s) - r.score) <= 0.05
        assert breakers == "; ".join(r.deal_breakers)


def test_csv_has_no_name_unless_passed():
    data = answers_csv(QUIZ, ANSWERS, WEIGHTS, RESULT.ranking).decode("utf-8-sig")
    assert "client" not in data
    named = answers_csv(QUIZ, ANSWERS, WEIGHTS, RESULT.ranking, client_name="Zoë Ñúñez–Ørsted").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(named, newline="")))
    assert rows[0] == ["client", "Zoë Ñúñez–Ørsted"] and rows[1] == []


def test_csv_neutralises_formulas():
    named = answers_csv(QUIZ, ANSWERS, WEIGHTS, RESULT.ranking, client_name='=HYPERLINK("x")').decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(named, newline="")))
    assert rows[0][1].startswith("'=")


def test_json_round_trips_the_answers():
    data = answers_json(QUIZ, ANSWERS, WEIGHTS, RESULT.ranking)
    doc = json.loads(data.decode("utf-8"))
    assert doc["format"] == FORMAT
    assert {a["question_id"]: a["option_index"] for a in doc["answers"]} == ANSWERS
    answers, weights, notices = answers_from_json(data, QUIZ)
    assert answers == ANSWERS and notices == []
    assert weights == {q.id: effective_weight(q) for q in QUIZ.questions if q.id in ANSWERS}
    # Re-scoring the imported answers gives the same ranking.
    again = score(QUIZ, VALUES, NAMES, answers, weights)
    assert [r.setting_id for r in again.ranking] == [r.setting_id for r in RESULT.ranking]


def test_json_content():
    doc = json.loads(answers_json(QUIZ, ANSWERS, WEIGHTS, RESULT.ranking))
    by_q = {q.id: q for q in QUIZ.questions}
    for a in doc["answers"]:
        q = by_q[a["question_id"]]
        assert a["question"] == q.text and a["answer"] == q.options[a["option_index"]].label
        assert a["weight"] == effective_weight(q)
    assert [r["setting_id"] for r in doc["ranking"]] == [r.setting_id for r in RESULT.ranking]
    for entry, r in zip(doc["ranking"], RESULT.ranking, strict=False):
        if r.score is None:
            assert entry["score"] is None
            continue
        assert abs(entry["score"] - r.score) <= 0.05
        assert len(entry["contributions"]) == len(r.contributions)
        assert abs(sum(c["points"] for c in entry["contributions"]) - r.score) < 0.1
        assert entry["rank"] == r.rank_label and entry["cautions"] == r.cautions
        # The points can be recomputed from the file: a judgement counted at half weight, and says so.
        total = sum(c["counted_weight"] for c in entry["contributions"])
        for c, mine in zip(entry["contributions"], r.contributions, strict=True):
            assert c["judgement"] == mine.judgement
            assert c["counted_weight"] == (c["weight"] / 2 if c["judgement"] else c["weight"])
            assert abs(c["points"] - 100 * c["counted_weight"] * c["match"] / total) < 0.1
        assert entry["deal_breakers"] == r.deal_breakers
    # No timestamps, no name.
    flat = json.dumps(doc)
    assert "client" not in flat and not any(k in doc for k in ("exported_at", "date", "timestamp"))


def test_non_ascii_survives():
    name = "Zoë Ñúñez–Ørsted Αλέξανδρος Юлия 山田"
    data = answers_json(QUIZ, ANSWERS, WEIGHTS, RESULT.ranking, client_name=name)
    assert name.encode("utf-8") in data  # written as UTF-8, not \\u escapes
    assert json.loads(data)["client_name"] == name
    # The quiz's own curly quotes and dashes come through in reasons too.
    text = data.decode("utf-8")
    reasons = [c.reason for r in RESULT.ranking for c in r.contributions]
    assert reasons and all(reason in text for reason in reasons[:5])
    csv_text = answers_csv(QUIZ, ANSWERS, WEIGHTS, RESULT.ranking, client_name=name).decode("utf-8-sig")
    assert name in csv_text


def test_import_rejects_bad_files():
    for bad in (b"\xff\xfe", b"not json", b"[]", b'{"format": "other", "answers": []}'):
        answers, weights, notices = answers_from_json(bad, QUIZ)
        assert answers == {} and weights == {} and notices
    q = QUIZ.questions[0]
    doc = {
        "format": FORMAT,
        "answers": [
            {"question_id": q.id, "option_index": 99, "weight": 7},
            {"question_id": "nope", "option_index": 0},
            "junk",
        ],
    }
    answers, weights, notices = answers_from_json(json.dumps(doc).encode(), QUIZ)
    assert answers == {} and weights == {} and len(notices) == 4


def test_empty_ranking_and_answers():
    data = answers_csv(QUIZ, {}, None, [])
    answers, ranking = csv_sections(data)
    assert answers == [list(ANSWER_COLUMNS)] and ranking == [list(RANKING_COLUMNS)]
    doc = json.loads(answers_json(QUIZ, {}, None, []))
    assert doc["answers"] == [] and doc["ranking"] == []
