"""Appends from several connections at once never fork a chain (PostgreSQL: the head
row's lock; SQLite serialises writers by itself)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from ccaward.core import audit
from ccaward.core.chain import chain_head, verify_chain
from ccaward.core.models import AuditEvent
from tests.factories import UserFactory, make_season

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads need a server database"
)

WRITERS, EACH = 6, 15


def _write_concurrently(season) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(EACH):
                audit.record(
                    actor=None, action="test.concurrent", season=season, data={"w": n, "i": i}
                )
        except BaseException as exc:  # noqa: BLE001 (reported by the test)
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("first_in_chain", [False, True])
def test_concurrent_writers_never_fork_the_chain(first_in_chain):
    """Several writers at once: one seq each, in one unbroken chain; also when the
    chain's head row does not exist yet (the first writers race to create it)."""
    organizer = UserFactory(email="org@example.cn")
    season = None if first_in_chain else make_season(by=organizer)
    before = chain_head(season)[0]
    assert (before == 0) == first_in_chain
    errors = _write_concurrently(season)
    assert errors == []
    seqs = sorted(AuditEvent.objects.filter(season=season).values_list("seq", flat=True))
    assert seqs == list(range(1, before + WRITERS * EACH + 1))
    assert chain_head(season)[0] == before + WRITERS * EACH
    assert verify_chain(season) == []
