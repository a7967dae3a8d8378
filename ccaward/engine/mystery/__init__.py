"""Mystery calls (电话暗访): scorecards, a contact's score, an entry's results and
the planning of contacts. No Django.

    scorecard.py  the card as versioned data (groups, items, threshold tables), refused
                  by path when its points do not add up; data/scorecard_default.yaml
    score.py      one contact's total and breakdown; unreachable contacts, "na" items
    aggregate.py  an entry's mean, group breakdown, spread, consistency, agreement
    plan.py       contacts spread over slots and channels; shoppers assigned with
                  balanced loads (min-cost flow), conflicts respected, infeasible explained
    evidence.py   an entry's results as the framework's mystery evidence per criterion
    csvfiles.py   the contacts file of `ccaward mystery score` and its output
"""

from .aggregate import Agreement, EntryResult, entry_result, entry_results
from .plan import Plan, PlanEntry, PlanInputError, PlannedContact, Shopper, plan
from .score import AnswerError, Contact, ContactScore, score_contact
from .scorecard import (
    Scorecard,
    ScorecardError,
    default_scorecard,
    load_scorecard,
    read_scorecard,
)

__all__ = [
    "Agreement",
    "AnswerError",
    "Contact",
    "ContactScore",
    "EntryResult",
    "Plan",
    "PlanEntry",
    "PlanInputError",
    "PlannedContact",
    "Scorecard",
    "ScorecardError",
    "Shopper",
    "default_scorecard",
    "entry_result",
    "entry_results",
    "load_scorecard",
    "plan",
    "read_scorecard",
    "score_contact",
]
