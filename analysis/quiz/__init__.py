"""The fit quiz: plain-language questions that rank the settings and say why.

One module per job:
  model       the quiz file (questions, options, what an answer means) and the shared rules
              `chosen_option` and `effective_weight`
  dimension_names  what a dimension may be called and the rule that reads one
  dimensions  every setting's value on each quiz dimension, on one 0-1 scale (pure)
  scoring     one set of answers against every setting: scores, shared ranks, deal-breakers
  results     what scoring gives back: each setting's result and the ranking (plain records)
  explain     reasons for and against, warnings about the answers, headlines
  flip        the smallest single change that would change first place as the page shows it
  shortlist   the take-home shortlist: follows the top three until the person edits it

Nothing here imports streamlit. Credential gaps live in analysis.pathways.gaps.
"""

from analysis.quiz.dimension_names import SCHEDULE_KINDS, parse_dimension
from analysis.quiz.dimensions import TASK_FULL_SHARE, dimension_values
from analysis.quiz.explain import (
    ALL_ALIKE,
    ALL_WEIGHT_ZERO,
    NO_ANSWERS,
    ONLY_ONE,
    judgement_subjects,
    reasons_for_against,
    weight_shown,
)
from analysis.quiz.flip import FlipChange, ranking_flip_change
from analysis.quiz.model import (
    MATCH_WORDS,
    QUIZ_PATH,
    WEIGHT_LABELS,
    WEIGHTS,
    Answers,
    Option,
    Question,
    Quiz,
    Weights,
    chosen_option,
    effective_weight,
    is_weight,
    load_quiz,
    starting_weight,
)
from analysis.quiz.results import Contribution, QuizResult, SettingResult
from analysis.quiz.scoring import displayed_score, score

__all__ = [
    "ALL_ALIKE",
    "ALL_WEIGHT_ZERO",
    "MATCH_WORDS",
    "NO_ANSWERS",
    "ONLY_ONE",
    "QUIZ_PATH",
    "SCHEDULE_KINDS",
    "TASK_FULL_SHARE",
    "WEIGHTS",
    "WEIGHT_LABELS",
    "Answers",
    "Contribution",
    "FlipChange",
    "Option",
    "Question",
    "Quiz",
    "QuizResult",
    "SettingResult",
    "Weights",
    "chosen_option",
    "dimension_values",
    "displayed_score",
    "effective_weight",
    "is_weight",
    "load_quiz",
    "parse_dimension",
    "ranking_flip_change",
    "judgement_subjects",
    "reasons_for_against",
    "score",
    "starting_weight",
    "weight_shown",
]
