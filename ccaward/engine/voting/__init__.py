"""Voting (票选): panel ballots counted by approval, Borda or Schulze; the decision
that combines the panel with the public poll under a category's quota and a stated
tie-break chain; signals of poll stuffing. No Django: the results and poll apps,
`ccaward tally` and the tests call the same code.

- types.py      Ballot, TallyResult, BallotError (the shapes every module shares)
- validate.py   ballots checked before counting, every refusal naming the ballot
- approval.py, borda.py, schulze.py   one counting method each
- seats.py      scores or a ranking into groups of equals, winners and the tie at the
                last seat
- tally.py      `tally`: a count by the method asked for
- decide.py     `decide`: panel and poll combined, the tie-break chain, the seats
- csvio.py      BALLOTS.csv in and out; the count as JSON (`tally_json`) or CSV
"""

from ccaward.engine.voting.decide import decide
from ccaward.engine.voting.tally import tally
from ccaward.engine.voting.types import (
    METHODS,
    STRENGTHS,
    Ballot,
    BallotError,
    Decision,
    Standing,
    TallyResult,
)

__all__ = [
    "METHODS",
    "STRENGTHS",
    "Ballot",
    "BallotError",
    "Decision",
    "Standing",
    "TallyResult",
    "decide",
    "tally",
]
