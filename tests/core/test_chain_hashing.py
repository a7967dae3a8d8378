"""The hash chain's pure half (engine/hashchain.py): what is hashed and what `verify` finds."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ccaward.engine import hashchain
from ccaward.engine.hashchain import GENESIS, canonical_json, content_hash, serialise, verify

AT = datetime(2026, 12, 5, 7, 30, 1, 250, tzinfo=UTC)


def _fields(**changes):
    fields = {
        "at": AT,
        "actor_id": 7,
        "actor_label": "wang@example.cn",
        "season_id": 3,
        "action": "review.submitted",
        "object_type": "reviews.review",
        "object_id": "12",
        "summary": "甲中心",
        "data": {"score": 8.5, "note": "好", "criteria": [1, 2]},
    }
    return fields | changes


def _chain(n: int, season_id: int = 3) -> list[dict]:
    events, prev = [], GENESIS
    for seq in range(1, n + 1):
        fields = _fields(
            at=AT + timedelta(seconds=seq), season_id=season_id, action=f"a.{seq}", data={"n": seq}
        )
        digest = content_hash(fields, prev)
        events.append(fields | {"id": 100 + seq, "seq": seq, "prev_hash": prev, "hash": digest})
        prev = digest
    return events


def test_the_serialisation_is_pinned():
    """The text hashed is part of every stored hash: it never changes silently."""
    text = serialise(_fields(), GENESIS)
    assert text == (
        '["2026-12-05T07:30:01.000250Z",7,"wang@example.cn",3,"review.submitted",'
        '"reviews.review","12","甲中心",{"criteria":[1,2],"note":"好","score":8.5},"'
        + "0" * 64
        + '"]'
    )
    assert content_hash(_fields(), GENESIS) == (
        "230f7299adad4578b49c248eb29231756524b9d579172a70d92fa217efa70e41"
    )


def test_every_field_and_the_previous_hash_are_covered():
    base = content_hash(_fields(), GENESIS)
    changes = {
        "at": AT + timedelta(microseconds=1),
        "actor_id": None,
        "actor_label": "li@example.cn",
        "season_id": None,
        "action": "review.revised",
        "object_type": "reviews.score",
        "object_id": "13",
        "summary": "乙中心",
        "data": {"score": 8.4, "note": "好", "criteria": [1, 2]},
    }
    assert set(changes) == set(hashchain.CONTENT)
    for name, value in changes.items():
        assert content_hash(_fields(**{name: value}), GENESIS) != base, name
    assert content_hash(_fields(), "1" * 64) != base


def test_the_time_is_the_same_instant_in_any_zone_and_naive_is_utc():
    shanghai = AT.astimezone(timezone(timedelta(hours=8)))
    naive = AT.replace(tzinfo=None)
    digest = content_hash(_fields(), GENESIS)
    assert content_hash(_fields(at=shanghai), GENESIS) == digest
    assert content_hash(_fields(at=naive), GENESIS) == digest
    assert content_hash(_fields(at="2026-12-05 07:30:01.000250"), GENESIS) == digest
    assert hashchain.utc_text(AT.replace(microsecond=0)) == "2026-12-05T07:30:01.000000Z"


def test_key_order_and_number_spelling_do_not_matter():
    """PostgreSQL's jsonb reorders keys and gives numbers back in its own spelling."""
    assert canonical_json({"b": 1, "a": {"d": 2, "c": 3}}) == '{"a":{"c":3,"d":2},"b":1}'
    assert canonical_json(1.0) == canonical_json(1) == "1"
    assert canonical_json(1e20) == canonical_json(100000000000000000000) == "100000000000000000000"
    assert canonical_json(2020) == "2020" and canonical_json(-50.0) == "-50"
    assert canonical_json(1.5e300) == canonical_json(15 * 10**299)
    assert canonical_json(1e-07) == canonical_json(float("0.0000001"))
    assert canonical_json(-0.0) == canonical_json(0) == "0"
    assert canonical_json(0.1) == "0.1" and canonical_json(2.50) == "2.5"
    assert canonical_json(True) == "true" and canonical_json(1) != canonical_json(True)
    assert canonical_json('引号"\n') == '"引号\\"\\n"'
    assert canonical_json(math.nan) == "NaN"


def _jsonb_spelling(value):
    """A number as PostgreSQL's numeric writes it: plain decimal digits, no exponent."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    text = format(Decimal(repr(value) if isinstance(value, float) else value), "f")
    return json.loads(text)


numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
)


@settings(max_examples=500)
@given(numbers)
def test_a_number_hashes_the_same_as_jsonb_gives_it_back(value):
    assert canonical_json(_jsonb_spelling(value)) == canonical_json(value)


json_values = st.recursive(
    st.none() | st.booleans() | numbers | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=300)
@given(json_values)
def test_canonical_json_is_json_of_the_same_value(value):
    assert canonical_json(json.loads(canonical_json(value))) == canonical_json(value)
    assert canonical_json(hashchain.as_json_data({"v": value})) == canonical_json({"v": value})


def test_an_intact_chain_verifies_clean():
    events = _chain(5)
    assert verify(events, expected_head=(5, events[-1]["hash"])) == []
    assert verify([], expected_head=(0, GENESIS)) == []


def test_a_changed_event_is_named():
    events = _chain(5)
    events[2] = events[2] | {"summary": "改过"}
    [problem] = verify(events, expected_head=(5, events[-1]["hash"]))
    assert (problem.kind, problem.seq, problem.event_id) == ("changed", 3, 103)
    assert problem.message == "audit event 103 (seq 3, a.3) was changed"


def test_a_deleted_event_is_named_by_its_seq_and_neighbours():
    events = _chain(5)
    del events[1:3]
    [problem] = verify(events, expected_head=(5, events[-1]["hash"]))
    assert (problem.kind, problem.seq, problem.event_id) == ("missing", 2, None)
    assert "seq 2-3 are missing" in problem.message
    assert "audit event 101 (seq 1, a.1)" in problem.message
    assert "audit event 104 (seq 4, a.4)" in problem.message


def test_the_first_event_deleted_is_missing_at_the_start():
    events = _chain(3)[1:]
    [problem] = verify(events, expected_head=(3, events[-1]["hash"]))
    assert (problem.kind, problem.seq) == ("missing", 1)
    assert "at the start of the chain" in problem.message


def test_events_deleted_at_the_end_are_found_by_the_head():
    events = _chain(5)
    head = (5, events[-1]["hash"])
    [problem] = verify(events[:3], expected_head=head)
    assert (problem.kind, problem.seq, problem.event_id) == ("head", 4, None)
    assert "seq 4-5 are missing after audit event 103 (seq 3, a.3)" in problem.message
    [problem] = verify([], expected_head=head)
    assert problem.kind == "head" and "seq 1-5" in problem.message
    # without a head to compare with, a shorter chain is a valid chain
    assert verify(events[:3]) == []


def test_an_inserted_event_with_a_made_up_link_is_named():
    events = _chain(4)
    forged = _fields(action="x.forged", data={})
    digest = content_hash(forged, GENESIS)
    # renumbered to fit in as seq 3, its link cannot name the real event 2's hash
    moved = [e | {"seq": e["seq"] + 1} for e in events[2:]]
    inserted = forged | {"id": 999, "seq": 3, "prev_hash": GENESIS, "hash": digest}
    problems = verify([*events[:2], inserted, *moved], expected_head=(4, events[-1]["hash"]))
    kinds = [(p.kind, p.seq, p.event_id) for p in problems]
    assert ("inserted", 3, 999) in kinds
    assert ("inserted", 4, 103) in kinds  # 103 still links to event 102, not to 999
    assert kinds[-1][0] == "head"


def test_a_reordered_pair_is_found():
    events = _chain(4)
    swapped = [events[0], events[2] | {"seq": 2}, events[1] | {"seq": 3}, events[3]]
    kinds = {(p.kind, p.event_id) for p in verify(swapped, expected_head=(4, events[-1]["hash"]))}
    assert ("inserted", 103) in kinds and ("inserted", 102) in kinds


def test_a_repeated_seq_is_inserted():
    events = _chain(3)
    copy = events[1] | {"id": 555}
    problems = verify([events[0], events[1], copy, events[2]])
    # an exact copy links on as the original did: only the repeated seq shows
    assert [(p.kind, p.seq, p.event_id) for p in problems] == [("inserted", 2, 555)]
    assert "repeats a seq" in problems[0].message


def test_an_event_appended_past_the_head_is_found():
    events = _chain(4)
    problems = verify(events, expected_head=(3, events[2]["hash"]))
    assert [(p.kind, p.seq, p.event_id) for p in problems] == [("head", 4, 104)]
    assert "comes after the chain's recorded head (seq 3)" in problems[0].message


def test_a_head_that_names_another_hash_is_found():
    events = _chain(3)
    [problem] = verify(events, expected_head=(3, "f" * 64))
    assert (problem.kind, problem.seq, problem.event_id) == ("head", 3, 103)
