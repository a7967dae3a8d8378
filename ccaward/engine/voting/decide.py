"""A category's decision: the panel's count and the public poll combined by the
poll's weight, then the stated tie-break chain, winners never more than the seats.

Shares, each on 0..1 and exact (Fractions):

- panel, approval: the candidate's approvals over the ballots (the share of voters
  approving it);
- panel, Borda: its points over ballots x (n - 1), the most a candidate can get
  (every ballot ranking it first alone);
- panel, Schulze: its place in the Schulze ranking as a share, the candidates ranked
  below it plus half of those ranked equal with it, over n - 1 (`seats.
  positional_share`). Equal for equals and strictly lower group by group, so the
  share keeps the Schulze order exactly; the pairwise margins are not in it (Schulze's
  order is what the method decides, not by how much);
- poll: the candidate's valid votes over all the poll's valid votes of the category
  (its share of the vote, as the public reads it; a poll of a handful of votes cannot
  give anyone a full share as a share of the leader would);
- combined: (1 - w) x panel + w x poll, w the poll's weight; the panel alone when there
  is no poll or w is 0.

The chain, in order, for candidates equal on everything before: the combined vote;
then the total (a candidate without a total ranks below any total); then each
dimension in the order given (the framework's weight order, heaviest first; a missing
value ranks below any value); then, only for a tie across the last seat, the
organizers' casting order. Ties elsewhere that the chain leaves share a place. A tie
across the last seat that no step breaks is `tied` in the decision: no one of it wins
until a casting order is given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from ccaward.engine.voting.seats import fill_seats, positional_share
from ccaward.engine.voting.types import BallotError, Decision, Standing, TallyResult

_LOW = (0,)  # a missing total or dimension: below any value


def _ratio(part: int | Fraction, whole: int | Fraction) -> Fraction:
    return Fraction(part) / whole if whole else Fraction(0)


def panel_shares(tally: TallyResult) -> tuple[dict[str, Fraction], str]:
    """Each candidate's panel share and the sentence saying how it was made."""
    n = len(tally.candidates)
    if tally.method == "approval":
        shares = {c: _ratio(tally.scores[c], tally.ballots) for c in tally.candidates}
        how = f"approval: a candidate's approvals over the {tally.ballots} ballots"
    elif tally.method == "borda":
        most = tally.ballots * (n - 1)
        shares = {c: _ratio(tally.scores[c], most) for c in tally.candidates}
        how = f"Borda: a candidate's points over {most}, the most possible ({tally.ballots} ballots x {n - 1})"
    else:
        shares = positional_share(tally.ranking)
        how = (
            "Schulze: a candidate's place in the Schulze ranking, the candidates below it "
            f"plus half of those equal with it, over the {n - 1} others"
        )
    return shares, "The panel's share is by " + how + "."


def poll_shares(
    poll: Mapping[str, int], candidates: Sequence[str]
) -> tuple[dict[str, Fraction], str]:
    unknown = sorted(set(poll) - set(candidates))
    if unknown:
        raise BallotError(f"the poll names {', '.join(unknown)}, not candidates of the count")
    negative = sorted(c for c, v in poll.items() if v < 0)
    if negative:
        raise BallotError(f"the poll gives {', '.join(negative)} fewer than 0 votes")
    total = sum(poll.values())
    shares = {c: _ratio(poll.get(c, 0), total) for c in candidates}
    if not total:
        return shares, "The poll had no valid votes: every candidate's poll share is 0."
    return shares, f"The poll's share is a candidate's valid votes over all {total} valid votes."


def _percent(share: Fraction) -> str:
    return f"{float(share) * 100:g}%"  # for reading only; the count stays exact


def _value(value: Decimal | None) -> tuple:
    return _LOW if value is None else (1, value)


def _keys(standing: Standing) -> tuple:
    """The chain's keys, best first: the combined vote, the total, each dimension."""
    return (standing.combined, _value(standing.total), *map(_value, standing.dimensions))


def _step_names(dimension_keys: Sequence[str]) -> list[str]:
    return ["vote", "total", *(f"dimension:{key}" for key in dimension_keys)]


def _groups(standings: list[Standing]) -> list[list[Standing]]:
    groups: list[list[Standing]] = []
    for standing in sorted(standings, key=_keys, reverse=True):
        if groups and _keys(groups[-1][0]) == _keys(standing):
            groups[-1].append(standing)
        else:
            groups.append([standing])
    return groups


def _cast(
    groups: list[list[Standing]], seats: int, casting: Sequence[str] | None
) -> list[list[Standing]]:
    """The groups with the tie across the last seat split by the casting order."""
    winners, tied = fill_seats([[s.candidate for s in g] for g in groups], seats)
    if casting is None:
        return groups
    if not tied and casting:
        raise BallotError(
            f"a casting order ({', '.join(casting)}) but no tie across the last seat to break"
        )
    if not tied:
        return groups
    extra = [c for c in casting if c not in tied]
    missing = [c for c in tied if c not in casting]
    if extra or missing or len(set(casting)) != len(casting):
        said = [f"names {', '.join(extra)}, not in the tie" for _ in extra[:1]]
        said += [f"misses {', '.join(missing)}" for _ in missing[:1]]
        said = said or ["names a candidate twice"]
        raise BallotError(f"the casting order {'; '.join(said)} (tied: {', '.join(tied)})")
    at = next(i for i, g in enumerate(groups) if g[0].candidate in tied)
    by_name = {s.candidate: s for s in groups[at]}
    return groups[:at] + [[by_name[c]] for c in casting] + groups[at + 1 :]


def _settle(ordered: list[list[Standing]], names: list[str], cast: set[str]) -> None:
    """Each standing's place and the step that separated it from the next one."""
    place = 1
    flat = [s for group in ordered for s in group]
    for group in ordered:
        for s in group:
            s.place = place
        place += len(group)
    for upper, lower in zip(flat, flat[1:], strict=False):
        if upper.place == lower.place:
            continue
        differs = [
            i for i, (a, b) in enumerate(zip(_keys(upper), _keys(lower), strict=True)) if a != b
        ]
        upper.settled_by = (
            names[differs[0]] if differs else "casting" if upper.candidate in cast else ""
        )


def _and(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _label(step: str) -> str:
    if step.startswith("dimension:"):
        return "the dimension " + step.removeprefix("dimension:")
    return {"vote": "the combined vote", "total": "the total", "casting": "the casting order"}[step]


def _notes(ordered: list[list[Standing]], names: list[str], tied: list[str]) -> list[str]:
    """A sentence for each separation beyond the vote, and for an open tie."""
    flat = [s for group in ordered for s in group]
    notes = []
    for upper, lower in zip(flat, flat[1:], strict=False):
        step = upper.settled_by
        if step in ("", "vote"):
            continue
        before = names[: names.index(step)] if step in names else names
        equal = _and([_label(n) for n in before])
        notes.append(
            f"{upper.candidate} and {lower.candidate} were equal on {equal}; "
            f"{_label(step)} put {upper.candidate} ahead (place {upper.place})."
        )
    if tied:
        notes.append(
            f"{_and(tied)} remain tied across the last seat after "
            + _and([_label(n) for n in names])
            + "; a casting decision is needed before any of them wins."
        )
    return notes


def decide(
    *,
    tally: TallyResult,
    seats: int,
    poll: Mapping[str, int] | None,
    poll_weight: Fraction,
    totals: Mapping[str, Decimal | None],
    dimensions: Mapping[str, tuple[Decimal | None, ...]],
    casting: Sequence[str] | None = None,
    dimension_keys: Sequence[str] | None = None,
) -> Decision:
    """The decision for `seats` from the panel's `tally`, the `poll`'s valid votes per
    candidate (None: no poll) at `poll_weight` (0..1), and the tie-break inputs: each
    candidate's total and its dimension values (heaviest dimension first; named
    `dimension_keys` in `settled_by`, else 1, 2, ...), and the organizers' `casting`
    order of the candidates tied across the last seat, best first.

    Raises BallotError for seats outside 1..candidates, a weight outside 0..1, a poll
    naming a candidate the count does not have, and a casting order that names a
    candidate not in the tie, misses one, or comes when there is no tie.
    """
    candidates = list(tally.candidates)
    if not 1 <= seats <= len(candidates):
        raise BallotError(f"{seats} seats: a decision fills 1 to {len(candidates)}")
    weight = Fraction(poll_weight)
    if not 0 <= weight <= 1:
        raise BallotError(f"a poll weight of {weight}: it is between 0 and 1")
    width = max((len(v) for v in dimensions.values()), default=0)
    keys = (
        list(dimension_keys) if dimension_keys is not None else [str(i + 1) for i in range(width)]
    )
    if any(len(v) != len(keys) for v in dimensions.values()):
        raise BallotError(f"every candidate needs {len(keys)} dimension values")
    panel, panel_how = panel_shares(tally)
    notes = [panel_how]
    shares = None
    if poll is not None:
        shares, poll_how = poll_shares(poll, candidates)
        notes.append(poll_how)
    use_poll = shares is not None and weight > 0
    notes.append(
        f"The combined vote is {_percent(1 - weight)} of the panel's share and "
        f"{_percent(weight)} of the poll's."
        if use_poll
        else "The panel's vote alone decides (no poll, or a poll weight of 0)."
    )
    standings = [
        Standing(
            candidate=c,
            panel=panel[c],
            poll=None if shares is None else shares[c],
            combined=(1 - weight) * panel[c] + weight * shares[c] if use_poll else panel[c],
            total=totals.get(c),
            dimensions=tuple(dimensions.get(c, (None,) * len(keys))),
            place=0,
            settled_by="",
            winner=False,
            tied=False,
        )
        for c in candidates
    ]
    ordered = _cast(_groups(standings), seats, casting)
    winners, tied = fill_seats([[s.candidate for s in g] for g in ordered], seats)
    _settle(ordered, _step_names(keys), set(casting or ()))
    for s in standings:
        s.winner, s.tied = s.candidate in winners, s.candidate in tied
    notes += _notes(ordered, _step_names(keys), tied)
    return Decision(
        seats=seats,
        poll_weight=weight,
        standings=[s for group in ordered for s in group],
        winners=winners,
        tied=tied,
        notes=notes,
    )
