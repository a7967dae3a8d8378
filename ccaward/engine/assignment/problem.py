"""The instance as the solver sees it: ids in sorted order (so that the input's order
never matters), employer keys, forbidden pairs, and what locked pairs leave to solve."""

from __future__ import annotations

from dataclasses import dataclass, field

from ccaward.engine.names import organization_key

from . import explain
from .model import Entry, Infeasibility, Judge


@dataclass
class Problem:
    judges: list[Judge]  # sorted by id
    entries: list[Entry]  # sorted by id
    affinity: dict[tuple[str, str], float]
    conflicts: set[tuple[str, str]]
    locked: list[tuple[str, str]]  # sorted
    employer: dict[str, str] = field(default_factory=dict)  # judge -> employer key
    organization: dict[str, str] = field(default_factory=dict)  # entry -> organization key
    # what is left once the locked pairs are placed
    need: dict[str, int] = field(default_factory=dict)  # entry -> reviewers still needed
    min_left: dict[str, int] = field(default_factory=dict)
    max_left: dict[str, int] = field(default_factory=dict)
    candidates: dict[str, list[str]] = field(default_factory=dict)  # entry -> judges
    same_organization_forbidden: bool = True

    def score(self, judge: str, entry: str) -> float:
        return self.affinity.get((judge, entry), 0.0)

    def forbidden(self, judge: str, entry: str) -> str:
        """Why the pair may not be assigned ("conflict", "same_organization") or ""."""
        if (judge, entry) in self.conflicts:
            return "conflict"
        org = self.organization[entry]
        if self.same_organization_forbidden and org and org == self.employer[judge]:
            return "same_organization"
        return ""


def employer_key(judge: Judge) -> str:
    """The judge's employer as compared; without one, the judge is their own employer
    (a key no organisation name can give)."""
    key = organization_key(judge.employer)
    return key if key else "\x00" + judge.id


def build(judges, entries, affinity, conflicts, locked, same_organization=True) -> Problem:
    """The sorted instance with its keys; `place_locked` then fills in what is left.
    `same_organization`: whether a judge whose employer is the entry's organisation is
    forbidden from it (the platform turns it off when it passes the detected conflicts
    it keeps, confirmed or dismissed, in `conflicts`)."""
    problem = Problem(
        judges=sorted(judges, key=lambda j: j.id),
        entries=sorted(entries, key=lambda e: e.id),
        affinity=affinity,
        conflicts=set(conflicts),
        locked=sorted(locked),
        same_organization_forbidden=same_organization,
    )
    problem.employer = {j.id: employer_key(j) for j in problem.judges}
    problem.organization = {e.id: organization_key(e.organization) for e in problem.entries}
    return problem


def place_locked(problem: Problem) -> Infeasibility | None:
    """Count the locked pairs towards the loads and the reviewers, and list each entry's
    candidates for the rest: judges not forbidden, not locked on it, of an employer not
    locked on it, with room left. A locked pair that breaks a constraint is explained."""
    judges = {j.id: j for j in problem.judges}
    entries = {e.id: e for e in problem.entries}
    locked_on: dict[str, list[str]] = {e.id: [] for e in problem.entries}
    load: dict[str, int] = {j.id: 0 for j in problem.judges}
    for judge, entry in problem.locked:
        why = problem.forbidden(judge, entry)
        if why:
            return explain.locked_forbidden(judge, entry, why)
        keys = {problem.employer[other] for other in locked_on[entry]}
        if problem.employer[judge] in keys:
            same = [o for o in locked_on[entry] if problem.employer[o] == problem.employer[judge]]
            return explain.locked_same_employer(entry, [*same, judge])
        locked_on[entry].append(judge)
        load[judge] += 1
    for entry_id, on in locked_on.items():
        if len(on) > entries[entry_id].reviewers:
            return explain.locked_above_reviewers(entries[entry_id], on)
    for judge_id, n in load.items():
        if n > judges[judge_id].max_load:
            return explain.locked_above_max_load(judges[judge_id], n)
    problem.need = {e.id: e.reviewers - len(locked_on[e.id]) for e in problem.entries}
    for entry in problem.entries:
        taken = {problem.employer[j] for j in locked_on[entry.id]}
        problem.candidates[entry.id] = (
            [
                j.id
                for j in problem.judges
                if problem.employer[j.id] not in taken
                and load[j.id] < j.max_load
                and not problem.forbidden(j.id, entry.id)
            ]
            if problem.need[entry.id] > 0
            else []
        )
    reviewable = {j.id: 0 for j in problem.judges}
    for cands in problem.candidates.values():
        for judge_id in cands:
            reviewable[judge_id] += 1
    for judge in problem.judges:
        problem.min_left[judge.id] = max(0, judge.min_load - load[judge.id])
        # never more than the entries the judge may still review (keeps capacities small)
        problem.max_left[judge.id] = min(judge.max_load - load[judge.id], reviewable[judge.id])
    return None
