"""The audit log's hash chains: one per season, one for the events of no season.

`append` is how `core.audit.record` writes an event: under the chain's head row
(locked), the event gets the next seq, the head's hash as its prev_hash and the hash
of its content with it (engine/hashchain.py). `chain_head` is what a publication
records; `verify_chain` reads the events back with plain SQL and checks them.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from ccaward.core.models import AuditChain, AuditEvent
from ccaward.engine import hashchain
from ccaward.engine.hashchain import GENESIS, ChainProblem

__all__ = ["GENESIS", "ChainProblem", "append", "chain_head", "chain_key", "verify_chain"]

# what verify_chain reads of each event, as columns of the table
_COLUMNS = ("id", "seq", "prev_hash", "hash", *hashchain.CONTENT)


def chain_key(season) -> str:
    """The chain an event of `season` (a Season, its id or None) belongs to."""
    pk = getattr(season, "pk", season)
    return f"season:{pk}" if pk is not None else "global"


def _head_sql() -> tuple[str, str]:
    """The head row's two statements: read it locked (FOR UPDATE where the database
    has it; SQLite's immediate transaction already holds the write lock), move it."""
    qn = connection.ops.quote_name
    table = qn(AuditChain._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return (
        f"SELECT {qn('id')}, {qn('seq')}, {qn('head')} FROM {table} WHERE {qn('key')} = %s{lock}",
        f"UPDATE {table} SET {qn('seq')} = %s, {qn('head')} = %s WHERE {qn('id')} = %s",
    )


def _locked_head(cursor, key: str) -> tuple[int, int, str]:
    """The chain's head row (id, seq, head), locked until the transaction ends;
    created on the chain's first event (a concurrent first writer's row is found
    instead). Plain SQL: it runs for every event written."""
    select = _head_sql()[0]
    cursor.execute(select, [key])
    row = cursor.fetchone()
    if row is None:
        AuditChain.objects.get_or_create(key=key)
        cursor.execute(select, [key])
        row = cursor.fetchone()
    return row


def append(
    *,
    actor,
    actor_label: str,
    season,
    action: str,
    object_type: str,
    object_id: str,
    summary: str,
    data: dict[str, Any],
) -> AuditEvent:
    """Append one event to its season's chain. Side effects: one audit event row; the
    chain's head row moves to it (created for a chain's first event)."""
    data = hashchain.as_json_data(data)
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        head_id, head_seq, head_hash = _locked_head(cursor, chain_key(season))
        at = timezone.now()
        fields = {
            "at": at,
            "actor_id": actor.pk if actor is not None else None,
            "actor_label": actor_label,
            "season_id": getattr(season, "pk", None),
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "summary": summary,
            "data": data,
        }
        digest = hashchain.content_hash(fields, head_hash)
        event = AuditEvent.objects.create(
            at=at,
            actor=actor,
            actor_label=actor_label,
            season=season,
            action=action,
            object_type=object_type,
            object_id=object_id,
            summary=summary,
            data=data,
            seq=head_seq + 1,
            prev_hash=head_hash,
            hash=digest,
        )
        cursor.execute(_head_sql()[1], [event.seq, digest, head_id])
    return event


def chain_head(season) -> tuple[int, str]:
    """(seq, hash) of the last event of `season`'s chain (None: the global chain), as
    its head row records it; (0, "0" * 64) for a chain without events."""
    head = AuditChain.objects.filter(key=chain_key(season)).values_list("seq", "head").first()
    return (head[0], head[1]) if head is not None else (0, GENESIS)


def _raw_events(season) -> list[dict[str, Any]]:
    """The chain's events as the database holds them (plain SQL, in seq order)."""
    fields = {f.name: f.column for f in AuditEvent._meta.concrete_fields}
    fields |= {"actor_id": fields["actor"], "season_id": fields["season"]}
    qn = connection.ops.quote_name
    columns = ", ".join(qn(fields[name]) for name in _COLUMNS)
    season_col = qn(fields["season"])
    pk = getattr(season, "pk", season)
    where, params = (
        (f"{season_col} = %s", [pk]) if pk is not None else (f"{season_col} IS NULL", [])
    )
    sql = (
        f"SELECT {columns} FROM {qn(AuditEvent._meta.db_table)} "  # noqa: S608 (names from the model)
        f"WHERE {where} ORDER BY {qn(fields['seq'])}, {qn(fields['id'])}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [dict(zip(_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        if isinstance(row["data"], str | bytes):
            row["data"] = json.loads(row["data"])
    return rows


def _published_problems(
    events: list[dict[str, Any]], published: tuple[int, str]
) -> list[ChainProblem]:
    seq, digest = published
    if seq == 0:
        return []
    event = next((e for e in events if e["seq"] == seq), None)
    if event is None:
        message = f"the published head (seq {seq}) is no longer in the chain"
        return [ChainProblem(seq, None, "head", message)]
    if event["hash"] != digest:
        message = (
            f"audit event {event['id']} (seq {seq}, {event['action']}) does not have the "
            "published head's hash: the chain was rewritten up to it"
        )
        return [ChainProblem(seq, event["id"], "head", message)]
    return []


def verify_chain(
    season, *, published: tuple[int, str] | None = None, also: tuple = ()
) -> list[ChainProblem]:
    """Check `season`'s chain (None: the global chain) as stored: each event's hash
    against its content, the links between events, the head row against the last
    event and, given `published` (seq, hash: a head recorded elsewhere) and `also`
    (more such heads), that the chain still passes through each. The events are read
    once. Returns the problems, each naming the event."""
    events = _raw_events(season)
    problems = hashchain.verify(events, expected_head=chain_head(season))
    for head in ([published] if published is not None else []) + list(also):
        problems += _published_problems(events, head)
    return problems
