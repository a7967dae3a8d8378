"""Shared by the assignment tests: the milp reference (bench/assignment_milp.py) and
the check of every hard constraint on a result."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

from ccaward.engine.names import organization_key

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


reference = _module("assignment_milp")


def employer(judge) -> str:
    return organization_key(judge.employer) or "\x00" + judge.id


def check_hard_constraints(result, judges, entries, conflicts=(), locked=(), same_org=True):
    """Every hard constraint holds on `result.assignments`; the loads and the
    objective are those of the assignments."""
    judges = {j.id: j for j in judges}
    entries = {e.id: e for e in entries}
    pairs = [(p.judge, p.entry) for p in result.assignments]
    assert len(pairs) == len(set(pairs)), "a pair is assigned twice"
    per_entry = Counter(e for _, e in pairs)
    for entry in entries.values():
        assert per_entry[entry.id] == entry.reviewers, entry.id
    per_judge = Counter(j for j, _ in pairs)
    for judge in judges.values():
        assert judge.min_load <= per_judge[judge.id] <= judge.max_load, judge.id
        assert result.loads[judge.id] == per_judge[judge.id]
    for judge, entry in pairs:
        assert (judge, entry) not in set(conflicts)
        org = organization_key(entries[entry].organization)
        if same_org:
            assert not (org and org == employer(judges[judge])), (judge, entry)
    keys = Counter((employer(judges[j]), e) for j, e in pairs)
    assert max(keys.values(), default=0) <= 1, "two judges of one employer on an entry"
    assert set(locked) <= set(pairs)
