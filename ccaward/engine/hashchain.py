"""The audit log as a hash chain: each event's SHA-256 covers its own content and the
previous event's hash, so a change, a deletion or an insertion anywhere breaks the
chain from there on.

What is hashed is a canonical serialisation that reads back the same from SQLite and
PostgreSQL: the time in UTC with microseconds; the data as compact JSON with sorted
keys and unescaped Unicode, every integral number as plain digits (1 and 1.0 alike,
1e20 and 100000000000000000000 alike) and any other in Python's shortest form, because
PostgreSQL's jsonb keeps numbers as decimals and gives back its own spelling of them.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

GENESIS = "0" * 64

# an event's content, in the order it is serialised (the order is part of the hash)
CONTENT = (
    "at",
    "actor_id",
    "actor_label",
    "season_id",
    "action",
    "object_type",
    "object_id",
    "summary",
    "data",
)


@dataclass(frozen=True)
class ChainProblem:
    """What `verify` finds: `kind` is "changed", "missing", "inserted" or "head";
    `event_id` is None for a missing event; `message` names the event (English)."""

    seq: int
    event_id: int | None
    kind: str
    message: str


def _number(value: int | float) -> str:
    """One spelling per value: an integral value as plain digits (1 and 1.0 alike,
    1e20 and 100000000000000000000 alike, as jsonb gives them back), any other as
    Python's shortest round-trip form (which a decimal read back parses to again)."""
    if isinstance(value, int):
        return int.__str__(value)
    if value != value or value in (math.inf, -math.inf):
        return {math.inf: "Infinity", -math.inf: "-Infinity"}.get(value, "NaN")
    if value.is_integer():
        # by the decimal it is written as (what a jsonb numeric keeps), not its binary value
        return str(int(Decimal(float.__repr__(value))))
    return float.__repr__(value)


def canonical_json(value: Any) -> str:
    """`value` (what json.loads gives) as compact JSON with sorted keys, Unicode as is
    and numbers in their canonical decimal form."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return encode_basestring(value)  # json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, Mapping):
        items = sorted((str(k), v) for k, v in value.items())
        return "{" + ",".join(f"{canonical_json(k)}:{canonical_json(v)}" for k, v in items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(canonical_json(v) for v in value) + "]"
    raise TypeError(f"{type(value).__name__} is not JSON")


def as_json_data(data: Any) -> Any:
    """`data` as it reads back from a JSON column (tuples as lists, keys as strings)."""
    return json.loads(json.dumps(data if data is not None else {}))


def utc_text(at: datetime | str) -> str:
    """A time in UTC with microseconds (a naive time is taken as UTC, as SQLite gives it)."""
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def serialise(fields: Mapping[str, Any], prev_hash: str) -> str:
    """The text an event's hash is taken of."""
    content = {name: fields.get(name) for name in CONTENT}
    content["at"] = utc_text(fields["at"])
    for key in ("actor_id", "season_id"):
        content[key] = int(content[key]) if content[key] is not None else None
    for key in ("actor_label", "action", "object_type", "object_id", "summary"):
        content[key] = str(content[key] or "")
    content["data"] = content["data"] if content["data"] is not None else {}
    parts = [canonical_json(content[name]) for name in CONTENT]
    return "[" + ",".join([*parts, canonical_json(prev_hash)]) + "]"


def content_hash(fields: Mapping[str, Any], prev_hash: str) -> str:
    """SHA-256 (hex) of an event's content (CONTENT) and the previous event's hash."""
    return hashlib.sha256(serialise(fields, prev_hash).encode("utf-8")).hexdigest()


def _name(event: Mapping[str, Any] | None) -> str:
    if event is None:
        return "the start of the chain"
    return f"audit event {event['id']} (seq {event['seq']}, {event['action']})"


def _seqs(first: int, last: int) -> str:
    return f"seq {first}" if first == last else f"seq {first}-{last}"


def _link_problems(event: Mapping[str, Any], prev: Mapping[str, Any] | None) -> list[ChainProblem]:
    """An event against the one before it: a gap in seq, a repeated seq, a broken link."""
    seq, expected = event["seq"], (prev["seq"] + 1 if prev is not None else 1)
    if seq > expected:
        after = f"after {_name(prev)}" if prev is not None else "at the start of the chain"
        message = f"audit events {_seqs(expected, seq - 1)} are missing ({after}, before {_name(event)}): deleted"
        return [ChainProblem(expected, None, "missing", message)]
    if seq < expected:
        message = f"{_name(event)} repeats a seq already used before it ({_name(prev)}): inserted"
        return [ChainProblem(seq, event["id"], "inserted", message)]
    if event["prev_hash"] != (prev["hash"] if prev is not None else GENESIS):
        message = (
            f"{_name(event)} does not follow on from {_name(prev)}: "
            "an event was inserted, reordered or rewritten before it"
        )
        return [ChainProblem(seq, event["id"], "inserted", message)]
    return []


def verify(
    events: Iterable[Mapping[str, Any]], expected_head: tuple[int, str] | None = None
) -> list[ChainProblem]:
    """Check a chain's events (dicts with id, seq, prev_hash, hash and CONTENT, in seq
    order) against their hashes, their links and, given one, the recorded head
    (seq, hash of the last event). Returns the problems in seq order, each naming
    its event: "changed" (the content no longer matches the hash), "missing" (a gap
    in seq), "inserted" (a repeated seq or a link to the wrong previous event),
    "head" (the events do not end at the recorded head)."""
    problems: list[ChainProblem] = []
    prev: Mapping[str, Any] | None = None
    after_head: Mapping[str, Any] | None = None
    for event in events:
        problems += _link_problems(event, prev)
        if content_hash(event, event["prev_hash"]) != event["hash"]:
            problems.append(
                ChainProblem(event["seq"], event["id"], "changed", f"{_name(event)} was changed")
            )
        if expected_head is not None and after_head is None and event["seq"] > expected_head[0]:
            after_head = event
        prev = event
    if expected_head is not None:
        problems += _head_problems(prev, after_head, expected_head)
    return problems


def _head_problems(
    last: Mapping[str, Any] | None, after_head: Mapping[str, Any] | None, head: tuple[int, str]
) -> list[ChainProblem]:
    head_seq, head_hash = head
    last_seq, last_hash = (last["seq"], last["hash"]) if last is not None else (0, GENESIS)
    if after_head is not None:
        message = f"{_name(after_head)} comes after the chain's recorded head (seq {head_seq}): inserted at the end"
        return [ChainProblem(after_head["seq"], after_head["id"], "head", message)]
    if head_seq > last_seq:
        where = f"after {_name(last)}" if last is not None else "(no event is left)"
        message = (
            f"audit events {_seqs(last_seq + 1, head_seq)} are missing {where}: "
            f"the chain's recorded head is seq {head_seq}; deleted at the end"
        )
        return [ChainProblem(last_seq + 1, None, "head", message)]
    if head_hash != last_hash:
        event_id = last["id"] if last is not None else None
        message = (
            f"the chain's recorded head (seq {head_seq}) does not match {_name(last)}: rewritten"
        )
        return [ChainProblem(head_seq, event_id, "head", message)]
    return []
