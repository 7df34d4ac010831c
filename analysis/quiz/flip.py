"""The smallest single change to the answers that would change first place, and every place it would move.

Places are the ones the page shows (settings the evidence cannot tell apart share one), so a sentence never
says "above" for a change that leaves two settings sharing a place, and names places as they are shown.
With one setting first, the target is a change that puts the second listed above it; with first place shared,
a change after which one setting holds first place alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from analysis.i18n import _, current_language
from analysis.quiz.model import WEIGHTS, Answers, Quiz, Weights, chosen_option, effective_weight
from analysis.quiz.scoring import answered_items, evaluate, make_table, places


@dataclass(frozen=True)
class FlipChange:
    """One single change to the answers or weights, and what it does to the ranking."""

    question_id: str
    kind: Literal["weight", "answer"]
    size: float  # on one 0-1 scale: |weight delta| / 3, or |target delta| (1 when "no preference" is involved)
    answers: Answers  # the full answers and weights with the change applied
    weights: Weights
    description: str
    moves: tuple[tuple[str, str, str], ...] = ()  # (setting id, place label before, after): "3" or "=3", every mover


def ordinal(n: int) -> str:
    """'2nd' in English, '2.º' in Spanish."""
    if current_language() == "es":
        return f"{n}.º"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def place_words(label: str) -> str:
    """A place as the page shows it, in words: '3' -> '3rd', '=3' -> 'joint 3rd'."""
    if label.startswith("="):
        return _("joint {place}").format(place=ordinal(int(label[1:])))
    return ordinal(int(label))


def describe_moves(moves: Iterable[tuple[str, str, str]], names: Mapping[str, str]) -> str:
    """'Retail from 2nd to 1st, Hospital from 1st to joint 2nd and Mail order from joint 2nd to 3rd'."""
    parts = [
        _("{name} from {before} to {after}").format(
            name=names.get(sid, sid), before=place_words(a), after=place_words(b)
        )
        for sid, a, b in moves
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + _(" and ") + parts[-1]


def flip_sentence(
    change: str,
    first: str,
    second: str,
    moves: tuple[tuple[str, str, str], ...],
    names: Mapping[str, str],
    shared: bool = False,
) -> str:
    """The change, what it does to first place, and every other place it would move, so nothing is left unsaid."""
    if shared:
        text = _("{change}, {second} would hold first place alone").format(
            change=change, second=names.get(second, second)
        )
    else:
        text = _("{change}, {second} would move above {first}").format(
            change=change, second=names.get(second, second), first=names.get(first, first)
        )
    if {sid for sid, _b, _a in moves} <= {first, second}:
        return text + _("; no other place would change.")
    return text + _(". Every place that would change: {moves}.").format(moves=describe_moves(moves, names))


def ranking_flip_change(
    quiz: Quiz,
    values: pd.DataFrame,
    names: Mapping[str, str],
    answers: Answers,
    weights: Weights | None,
    dismissed: Iterable[str] = frozenset(),
) -> FlipChange | None:
    """The smallest single change to first place as shown: #2 above #1 or, with first place shared, one setting
    first alone (deal-breakers included).

    Candidates: one answered item's weight to another of 0-3, or one answer to another option of the
    same item. Sizes share one 0-1 scale so the two kinds compare: |weight delta| / 3 and |target
    delta| (1 when "no preference" is involved). Ties go to weight changes (they keep what the person
    said), then to question order. The description names every setting whose place would move, so a
    change that lifts a third setting to #1 says so. None when there is no #2, no score, or no single
    change does it.
    """
    weights = dict(weights or {})
    table = make_table(quiz, values, dismissed)
    base = evaluate(answered_items(quiz, answers, weights), table)
    ranked, labels = places(table, base, names)
    before = [table.ids[i] for i in ranked]
    if len(before) < 2 or np.isnan(base.scores[ranked[0]]) or np.isnan(base.scores[ranked[1]]):
        return None
    first, second = before[0], before[1]
    place = {sid: label for sid, (_r, label) in zip(before, labels, strict=True)}
    shared = place[first].startswith("=")

    candidates: list[tuple[float, int, int, int, FlipChange]] = []
    for qi, q in enumerate(quiz.questions):
        idx = chosen_option(q, answers)
        if idx is None:
            continue
        current = q.options[idx]
        w = effective_weight(q, answers, weights)
        if current.target is not None:  # a weight only matters for an item that counts
            for nw in WEIGHTS:
                if nw != w:
                    how = (
                        _("If {subject} did not matter to you (weight {old} → {new})")
                        if nw == 0
                        else _("If {subject} mattered less to you (weight {old} → {new})")
                        if nw < w
                        else _("If {subject} mattered more to you (weight {old} → {new})")
                    )
                    size = abs(nw - w) / 3
                    text = how.format(subject=q.subject, old=w, new=nw)
                    change = FlipChange(q.id, "weight", size, dict(answers), {**weights, q.id: nw}, text)
                    candidates.append((size, 0, qi, nw, change))
        for j, opt in enumerate(q.options):
            if j != idx:
                size = 1.0 if opt.target is None or current.target is None else abs(opt.target - current.target)
                text = _("If you answered “{answer}” instead of “{current}” for {subject}").format(
                    answer=opt.label, current=current.label, subject=q.subject
                )
                candidates.append(
                    (size, 1, qi, j, FlipChange(q.id, "answer", size, {**answers, q.id: j}, weights, text))
                )
    candidates.sort(key=lambda c: c[:4])

    for *_rank, change in candidates:
        ev = evaluate(answered_items(quiz, change.answers, change.weights), table)
        if not ev.scored:  # nothing would be scored: places would only be the list's tie-break order
            continue
        ranked_after, labels_after = places(table, ev, names)
        after = {table.ids[i]: (rank, label) for i, (rank, label) in zip(ranked_after, labels_after, strict=True)}
        if shared:
            # First place held by one setting alone (any setting: the sentence names it).
            alone = [sid for sid, (rank, label) in after.items() if rank == 1 and not label.startswith("=")]
            if not alone:
                continue
            winner = alone[0]
        elif after[second][0] < after[first][0]:
            winner = second
        else:
            continue
        if np.isnan(ev.scores[table.ids.index(winner)]):
            continue
        moves = tuple(
            (table.ids[i], place[table.ids[i]], after[table.ids[i]][1])
            for i in ranked_after
            if place[table.ids[i]] != after[table.ids[i]][1]
        )
        text = flip_sentence(change.description, first, winner, moves, names, shared)
        return FlipChange(change.question_id, change.kind, change.size, change.answers, change.weights, text, moves)
    return None
