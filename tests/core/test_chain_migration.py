"""Existing audit logs are chained by the migration: each season's events and the
global ones in the order they were written, so an upgraded database verifies clean."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ccaward.core import audit
from ccaward.core.chain import GENESIS, chain_head, verify_chain
from ccaward.core.models import AuditEvent
from tests.factories import UserFactory, make_season

BEFORE = [("core", "0004_job_title_key")]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_existing_events():
    organizer = UserFactory(email="org@example.cn")
    season = make_season(by=organizer)
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = _migrate(BEFORE).loader.project_state(BEFORE).apps.get_model("core", "AuditEvent")
    data = [
        {"score": 8.5, "big": 1e20},
        {"名称": "甲", "list": [3, 1]},
        {"nested": {"b": 1.0, "a": None}},
    ]
    for n, item in enumerate(data):
        for season_id in (season.pk, None):
            old.objects.create(
                at=timezone.now(),
                actor_id=organizer.pk if season_id else None,
                actor_label=organizer.email,
                season_id=season_id,
                action=f"old.{n}",
                summary=f"旧事件 {n}",
                data=item,
            )
    _migrate(leaves)

    for chain in (season, None):
        events = list(AuditEvent.objects.filter(season=chain).order_by("pk"))
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        assert events[0].prev_hash == GENESIS
        assert chain_head(chain) == (events[-1].seq, events[-1].hash)
        assert verify_chain(chain) == []
    assert AuditEvent.objects.filter(season=None).count() == len(data)
    # and appending goes on from the head
    count, head = AuditEvent.objects.filter(season=season).count(), chain_head(season)
    event = audit.record(actor=organizer, action="new.one", season=season)
    assert (event.seq, event.prev_hash) == (count + 1, head[1])
    assert verify_chain(season) == []
