"""Credential pathways: what a person needs first, what it costs, how long it may take, where it leads.

- `rules`: who is asking (`Person`) and whether they meet a credential's `requires` rules;
- `plan`: the steps toward a setting (`steps` says what a step is, `planner` makes the choices), with the
  route and either-or choices explained;
- `renewals`: what keeps credentials active, with the issuers' rules for renewing them together;
- `reach`: every other setting from where the person is, closest first;
- `state`: the dated state-rules caveat.

Eligibility is evaluated from data/credentials.yaml, never from code written for one credential, so a
changed rule is a data edit. No time-to-earn figure is published for any credential; rough time
notes come only from the rules (experience still missing) and published program lengths.
"""

from analysis.pathways.plan import GOAL, FeeTotal, Option, PathwayExtras, Plan, Step, order_ids, plan
from analysis.pathways.reach import Pay, Reach, national_pay, where_next
from analysis.pathways.renewals import Renewal, RenewalEvent, RenewalSchedule, renewal_obligations, renewal_schedule
from analysis.pathways.rules import (
    DEFAULT_HOURS_PER_WEEK,
    Eligibility,
    Gap,
    Person,
    RouteStatus,
    eligibility,
    fact_text,
    program_label,
    tickable_programs,
    window_notes,
)
from analysis.pathways.state import StateCaveat, state_caveat

__all__ = [
    "DEFAULT_HOURS_PER_WEEK",
    "GOAL",
    "Eligibility",
    "FeeTotal",
    "Gap",
    "Option",
    "PathwayExtras",
    "Pay",
    "Person",
    "Plan",
    "Reach",
    "Renewal",
    "RenewalEvent",
    "RenewalSchedule",
    "RouteStatus",
    "StateCaveat",
    "Step",
    "eligibility",
    "fact_text",
    "national_pay",
    "order_ids",
    "plan",
    "program_label",
    "renewal_obligations",
    "renewal_schedule",
    "state_caveat",
    "tickable_programs",
    "where_next",
    "window_notes",
]
