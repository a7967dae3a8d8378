"""Voting (票选): panel ballots counted by approval, Borda or Schulze; the decision
that combines the panel with the public poll under a category's quota and a stated
tie-break chain; signals of poll stuffing. No Django: the results and poll apps,
`ccaward tally` and the tests call the same code.

- types.py      Ballot, TallyResult, BallotError (the shapes every module shares)
"""

from ccaward.engine.voting.types import (
    METHODS,
    STRENGTHS,
    Ballot,
    BallotError,
    Decision,
    Standing,
    TallyResult,
)

__all__ = ["METHODS", "STRENGTHS", "Ballot", "BallotError", "Decision", "Standing", "TallyResult"]
