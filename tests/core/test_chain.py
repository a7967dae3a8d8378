"""The audit log's hash chains (core.chain): appends, the head, and what verify_chain
finds after the database is changed directly with SQL (never through the ORM)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from ccaward.core import audit
from ccaward.core.chain import GENESIS, chain_head, verify_chain
from ccaward.core.models import AuditChain, AuditEvent
from ccaward.engine import hashchain
from tests.factories import UserFactory, make_season

TABLE = AuditEvent._meta.db_table


def _sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))


def _events(season) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(season=season).order_by("seq"))


@pytest.fixture
def chained(season, organizer):
    """The season's chain with five more events, awkward data among them."""
    data = [
        {"score": 8.5, "weights": {"b": 0.25, "a": 1.0}, "big": 1e20, "small": 1e-7, "year": 2020},
        {"名称": "甲中心", "list": [3, 2, 1], "none": None, "flag": True},
        {"tuple": (1, 2), 5: "int key"},
        {},
        {"nested": {"z": [{"y": 2.50, "x": -0.0}]}},
    ]
    for n, item in enumerate(data):
        audit.record(
            actor=organizer, action=f"test.step{n}", season=season, summary=f"步骤 {n}", data=item
        )
    return season


def test_each_record_links_to_the_one_before(chained):
    events = _events(chained)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].prev_hash == GENESIS
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    assert chain_head(chained) == (events[-1].seq, events[-1].hash)
    assert verify_chain(chained) == []


def test_what_is_hashed_is_what_reads_back(chained):
    """Each stored hash is the hash of the event as the database gives it back."""
    for event in AuditEvent.objects.filter(season=chained):
        fields = {name: getattr(event, name) for name in hashchain.CONTENT}
        assert hashchain.content_hash(fields, event.prev_hash) == event.hash


def test_the_returned_event_holds_the_data_as_stored(chained, organizer):
    event = audit.record(actor=organizer, action="test.keys", season=chained, data={1: (2, 3)})
    assert event.data == {"1": [2, 3]}
    event.refresh_from_db()
    assert event.data == {"1": [2, 3]}


def test_seasons_have_chains_of_their_own_and_no_season_the_global_one(chained, organizer):
    before = chain_head(None)
    other = make_season(by=organizer)
    first = AuditEvent.objects.filter(season=other).order_by("seq").first()
    assert (first.seq, first.prev_hash) == (1, GENESIS)
    event = audit.record(actor=organizer, action="test.global")
    assert event.season_id is None and event.seq == before[0] + 1
    assert chain_head(None) == (event.seq, event.hash)
    assert verify_chain(None) == [] and verify_chain(other) == [] and verify_chain(chained) == []


def test_an_empty_chain(db):
    assert chain_head(None) == (0, GENESIS)
    assert verify_chain(None) == []


def test_a_fork_cannot_be_stored(chained):
    """Two events at one place of a chain: the unique constraints refuse the second."""
    names = {c.name for c in AuditEvent._meta.constraints}
    assert {"audit_event_season_seq", "audit_event_global_seq"} <= names
    first = audit.record(actor=None, action="test.global")
    for season, taken in ((chained, 2), (None, first.seq)):
        with pytest.raises(IntegrityError), transaction.atomic():
            AuditEvent.objects.create(
                season=season, action="test.fork", seq=taken, prev_hash=GENESIS, hash=GENESIS
            )
    # the same seq in another chain is another place
    AuditEvent.objects.create(
        season=None, action="test.other", seq=first.seq + 1, prev_hash="", hash=""
    )


def test_a_changed_summary_is_found(chained):
    event = _events(chained)[2]
    _sql(f"UPDATE {TABLE} SET summary = %s WHERE id = %s", ["改过的摘要", event.pk])
    [problem] = verify_chain(chained)
    assert (problem.kind, problem.seq, problem.event_id) == ("changed", event.seq, event.pk)
    assert (
        problem.message == f"audit event {event.pk} (seq {event.seq}, {event.action}) was changed"
    )


def test_changed_data_is_found(chained):
    event = next(e for e in _events(chained) if e.action == "test.step0")
    _sql(
        f"UPDATE {TABLE} SET data = %s WHERE id = %s",
        [
            '{"score": 9.5, "weights": {"b": 0.25, "a": 1.0}, "big": 1e20, "small": 1e-7, "year": 2020}',
            event.pk,
        ],
    )
    assert [(p.kind, p.event_id) for p in verify_chain(chained)] == [("changed", event.pk)]


def test_data_rewritten_with_the_same_value_is_not_a_change(chained):
    """Key order and number spelling are the database's business, not a change."""
    event = next(e for e in _events(chained) if e.action == "test.step0")
    _sql(
        f"UPDATE {TABLE} SET data = %s WHERE id = %s",
        [
            '{"small": 0.0000001, "big": 100000000000000000000, "year": 2020.0, "weights": {"a": 1, "b": 0.250}, "score": 8.50}',
            event.pk,
        ],
    )
    assert verify_chain(chained) == []


def test_a_changed_time_or_actor_is_found(chained, judge):
    events = _events(chained)
    _sql(f"UPDATE {TABLE} SET actor_id = %s WHERE id = %s", [judge.pk, events[1].pk])
    _sql(f"UPDATE {TABLE} SET action = %s WHERE id = %s", ["test.other", events[3].pk])
    found = [(p.kind, p.event_id) for p in verify_chain(chained)]
    assert found == [("changed", events[1].pk), ("changed", events[3].pk)]


def test_an_event_deleted_in_the_middle_is_named(chained):
    events = _events(chained)
    gone = events[3]
    _sql(f"DELETE FROM {TABLE} WHERE id = %s", [gone.pk])
    [problem] = verify_chain(chained)
    assert (problem.kind, problem.seq, problem.event_id) == ("missing", gone.seq, None)
    assert f"seq {gone.seq} are missing" in problem.message
    assert f"audit event {events[2].pk} " in problem.message
    assert f"audit event {events[4].pk} " in problem.message


def test_an_event_deleted_at_the_end_is_found_by_the_head(chained):
    events = _events(chained)
    _sql(f"DELETE FROM {TABLE} WHERE id = %s", [events[-1].pk])
    [problem] = verify_chain(chained)
    assert (problem.kind, problem.seq) == ("head", events[-1].seq)
    assert f"after audit event {events[-2].pk} " in problem.message


def test_an_inserted_event_is_found(chained, organizer):
    """A row added with SQL: with a made-up hash it is changed and past the head; with
    a correct hash it is still past the head; renumbered in between, its link is wrong."""
    head_seq, head_hash = chain_head(chained)
    columns = "at, actor_id, actor_label, season_id, action, object_type, object_id, summary, data, seq, prev_hash, hash"
    fields = {
        "at": "2026-12-05 08:00:00",
        "actor_id": organizer.pk,
        "actor_label": organizer.email,
        "season_id": chained.pk,
        "action": "test.forged",
        "object_type": "",
        "object_id": "",
        "summary": "伪造",
        "data": {},
    }
    digest = hashchain.content_hash(fields, head_hash)
    row = [*list(fields.values())[:-1], "{}", head_seq + 1, head_hash, digest]
    _sql(f"INSERT INTO {TABLE} ({columns}) VALUES ({', '.join(['%s'] * 12)})", row)
    forged = AuditEvent.objects.get(action="test.forged")
    assert [(p.kind, p.seq, p.event_id) for p in verify_chain(chained)] == [
        ("head", head_seq + 1, forged.pk)
    ]
    # moved into the middle: the events after it renumbered, its link names another event
    _sql(f"UPDATE {TABLE} SET seq = seq + 1000 WHERE season_id = %s AND seq >= 3", [chained.pk])
    _sql(f"UPDATE {TABLE} SET seq = seq - 999 WHERE season_id = %s AND seq > 1000", [chained.pk])
    _sql(f"UPDATE {TABLE} SET seq = 3 WHERE id = %s", [forged.pk])
    found = {(p.kind, p.event_id) for p in verify_chain(chained)}
    assert ("inserted", forged.pk) in found


def test_a_rewritten_head_row_is_found(chained):
    head_seq, _ = chain_head(chained)
    AuditChain.objects.filter(key=f"season:{chained.pk}").update(head="e" * 64)
    [problem] = verify_chain(chained)
    assert (problem.kind, problem.seq) == ("head", head_seq)


def test_a_published_head_tells_a_rewritten_chain(chained):
    """Someone who rewrites every hash and the head consistently passes verify_chain;
    a head saved before (a publication's) does not match any more."""
    published = chain_head(chained)
    events = _events(chained)
    prev = GENESIS
    for event in events:
        raw = {name: getattr(event, name) for name in hashchain.CONTENT}
        if event.seq == 2:
            raw["summary"] = "改写"
            _sql(f"UPDATE {TABLE} SET summary = %s WHERE id = %s", ["改写", event.pk])
        digest = hashchain.content_hash(raw, prev)
        _sql(
            f"UPDATE {TABLE} SET prev_hash = %s, hash = %s WHERE id = %s", [prev, digest, event.pk]
        )
        prev = digest
    AuditChain.objects.filter(key=f"season:{chained.pk}").update(head=prev)
    assert verify_chain(chained) == []
    [problem] = verify_chain(chained, published=published)
    assert (problem.kind, problem.seq, problem.event_id) == ("head", published[0], events[-1].pk)
    assert verify_chain(chained, published=(99, "0" * 64))[0].message == (
        "the published head (seq 99) is no longer in the chain"
    )


def test_the_audit_log_stays_append_only(chained):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(season=chained).update(hash="0" * 64)
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_create([AuditEvent(action="x", seq=99, prev_hash="", hash="")])
    with pytest.raises(PermissionError):
        _events(chained)[0].save()


def test_an_actor_with_events_cannot_be_deleted(chained):
    """The actor's id is hashed: an account that acted stays (deactivated, not deleted)."""
    acted, idle = UserFactory(email="acted@example.cn"), UserFactory(email="idle@example.cn")
    audit.record(actor=acted, action="test.acted", season=chained)
    with pytest.raises(ProtectedError):
        acted.delete()
    idle.delete()
    assert verify_chain(chained) == []


def test_the_admin_shows_an_events_place_in_its_chain(chained, as_user, superuser):
    event = _events(chained)[-1]
    page = as_user(superuser).get(f"/admin/core/auditevent/{event.pk}/change/")
    assert page.status_code == 200
    assert event.hash in page.content.decode() and event.prev_hash in page.content.decode()
