"""The judges' assignment: each entry its R judges, each judge a load within bounds,
no conflicted pair, no two judges of one employer on one entry, the sum of affinity
maximised; solved to proven optimality as a min-cost flow (OR-Tools), explained when
infeasible, and a randomized mode that caps each pair's probability (Jecmen et al.
2020). No Django.

    model.py      Judge, Entry, Pair, Infeasibility, Result, AssignmentInputError
    validate.py   input refused whatever the solver does (unknown ids, min above max ...)
    problem.py    the sorted instance, employer keys, forbidden pairs, locked pairs placed
    network.py    the flow network, the min-cost flow and the max-flow cuts
    diagnose.py   why an instance is infeasible; explain.py its sentences and codes
    randomized.py the capped distribution (a flow in units of 1/denominator of P) and a draw
    rounding.py   dependent rounding of a fractional flow, marginals kept exactly
    results.py    Result built from chosen pairs; solve.py `solve`
    csvfiles.py   the CSV files of `ccaward assign`, refused by file, line and column
"""

from .model import AssignmentInputError, Entry, Infeasibility, Judge, Pair, Result
from .solve import solve

__all__ = ["AssignmentInputError", "Entry", "Infeasibility", "Judge", "Pair", "Result", "solve"]
