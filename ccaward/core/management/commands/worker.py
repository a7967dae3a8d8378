"""`ccaward manage worker`: the background worker (django-tasks' `db_worker`, with
the same options) limited to `CCAWARD_WORKER_MEMORY_MB` of memory, with a heartbeat.

On start it fails the tasks a dead worker left running (core/worker.py says why
failing, not requeueing); while it runs it beats so pages know a worker is there.
SIGTERM still lets the current task finish (the database worker's own handling).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from ccaward.core import memory, worker

log = logging.getLogger("ccaward.worker")


class Command(DbWorker):
    help = (
        "Run the background worker with its memory limit (CCAWARD_WORKER_MEMORY_MB); "
        "it fails the tasks a dead worker left running, and beats."
    )

    def handle(self, *args, worker_id: str, **options) -> None:
        memory.limit(settings.WORKER_MEMORY_MB)
        try:
            lost = worker.fail_lost_tasks(worker_id=worker_id)
        except DatabaseError:  # the database answers later: the worker still starts
            log.exception("cannot look for tasks a stopped worker left running")
            lost = []
        if lost:
            log.warning("%d jobs left running by a stopped worker were failed", len(lost))
        heartbeat = worker.Heartbeat(worker_id)
        heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            heartbeat.stop()
