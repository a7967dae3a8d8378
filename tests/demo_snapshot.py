"""The demo season (`ccaward demo`) built once a test session and copied into the
database of each test that asks for it: `demo_season` (a test in a transaction,
rolled back after it) and the browser tests' `demo` (a live server's committed
database). Building it takes about 15 seconds; copying it in well under one."""

from __future__ import annotations

import copy
import shutil
import sqlite3
from pathlib import Path

import pytest


class DemoSnapshot:
    """The database's tables and the media files as `run_demo` left them, kept in a
    schema of their own (PostgreSQL) or an attached in-memory database (SQLite), and
    put back into an emptied database for each test that asks for the demo."""

    SCHEMA = "demo_snapshot"
    SQLITE_URI = "file:ccaward_demo_snapshot?mode=memory&cache=shared"

    def attach(self):
        """On SQLite, attach the snapshot to the current connection if it is not
        (outside a transaction: SQLite attaches no database within one)."""
        from django.db import connection

        if connection.vendor != "sqlite":
            return
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA database_list")
            if not any(row[1] == self.SCHEMA for row in cursor.fetchall()):
                cursor.execute(f"ATTACH DATABASE '{self.SQLITE_URI}' AS {self.SCHEMA}")

    def __init__(self, ctx, media: Path, keep: Path):
        from django.db import connection
        from django.utils import timezone

        self.ctx = copy.deepcopy(ctx)
        self.day = timezone.localdate()
        self.media = keep / "media"
        if media.exists():
            shutil.copytree(media, self.media)
        self.tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # a named in-memory database every connection of the process can
                # attach (the live server's may be another), kept alive by `_keeper`
                self._keeper = sqlite3.connect(self.SQLITE_URI, uri=True)
                cursor.execute("PRAGMA database_list")
                if any(row[1] == self.SCHEMA for row in cursor.fetchall()):
                    cursor.execute(f"DETACH DATABASE {self.SCHEMA}")
                cursor.execute(f"ATTACH DATABASE '{self.SQLITE_URI}' AS {self.SCHEMA}")
            else:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self.SCHEMA} CASCADE")
                cursor.execute(f"CREATE SCHEMA {self.SCHEMA}")
            for table in self.tables:
                name = connection.ops.quote_name(table)
                cursor.execute(f"CREATE TABLE {self.SCHEMA}.{name} AS SELECT * FROM {name}")

    def usable(self) -> bool:
        """Built today (the demo's calendar is around the day it was built)."""
        from django.utils import timezone

        return timezone.localdate() == self.day

    def restore(self, media: Path):
        """Empty the tables, fill them from the snapshot, copy the files into `media`;
        returns a copy of the demo's context."""
        from django.apps import apps
        from django.core.management.color import no_style
        from django.db import connection, transaction

        if not connection.in_atomic_block:
            self.attach()
        ops = connection.ops
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in ops.sql_flush(no_style(), self.tables, allow_cascade=False):
                cursor.execute(sql)
            for table in self.tables:
                name = ops.quote_name(table)
                cursor.execute(f"INSERT INTO {name} SELECT * FROM {self.SCHEMA}.{name}")
            for sql in ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)
        if self.media.exists():
            shutil.copytree(self.media, media, dirs_exist_ok=True)
        return copy.deepcopy(self.ctx)


_snapshot: DemoSnapshot | None = None


def _empty_tables(tables):
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection, transaction

    ops = connection.ops
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in ops.sql_flush(no_style(), tables, allow_cascade=False):
            cursor.execute(sql)
        for sql in ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo built outside any test's transaction, kept, and the tables emptied
    again so no other test sees it."""
    global _snapshot
    from django.test.utils import override_settings

    from ccaward.core.demo import run_demo

    if _snapshot is not None and _snapshot.usable():
        return _snapshot
    keep = tmp_path_factory.mktemp("demo")
    media = keep / "built-media"
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        ctx = run_demo()
        assert ctx is not None, "the demo season existed already"
        _snapshot = DemoSnapshot(ctx, media, keep)
        _empty_tables(_snapshot.tables)
    return _snapshot


@pytest.fixture
def _demo_attached(demo_snapshot, django_db_blocker):
    with django_db_blocker.unblock():
        demo_snapshot.attach()
    return demo_snapshot


@pytest.fixture
def demo_season(_demo_attached, db, settings):
    """The demo season in this test's database (its context: `ctx.season` ...)."""
    from ccaward.core.demo import run_demo

    if not _demo_attached.usable():  # the day turned during the session
        return run_demo()
    return _demo_attached.restore(Path(settings.MEDIA_ROOT))
