"""The background worker's life: its heartbeat, and the work a dead worker left.

`ccaward manage worker` (the django-tasks database worker plus this) beats every
`WORKER_BEAT_SECONDS` into a WorkerBeat row; pages call `worker_running()` to say
when no worker has beaten for `WORKER_STALE_SECONDS`. On start the worker calls
`fail_lost_tasks()` for tasks a dead worker left RUNNING.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.dispatch import Signal
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ccaward.core import audit
from ccaward.core.models import Job, WorkerBeat

log = logging.getLogger(__name__)

LOST_MESSAGE = "The background worker stopped while this ran; start it again (upload again)."


# sent with `job=` for each job failed because its worker died, so the app that
# follows the job (a KPI upload) can mark its own record failed too
job_lost = Signal()


class WorkerLost(Exception):
    """Recorded on a task whose worker died while it ran."""


def beat(worker_id: str, *, now: dt.datetime | None = None) -> None:
    """Side effect: the worker's WorkerBeat row written (created on the first beat)."""
    now = now or timezone.now()
    updated = WorkerBeat.objects.filter(worker_id=worker_id).update(beat_at=now)
    if not updated:
        WorkerBeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": now,
                "beat_at": now,
            },
        )


def stop_beating(worker_id: str) -> None:
    """Side effect: the worker's WorkerBeat row deleted (it stopped cleanly)."""
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


def _fresh_since(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(seconds=settings.WORKER_STALE_SECONDS)


def worker_running(*, now: dt.datetime | None = None) -> bool:
    """Whether some worker has beaten within WORKER_STALE_SECONDS."""
    now = now or timezone.now()
    return WorkerBeat.objects.filter(beat_at__gte=_fresh_since(now)).exists()


@transaction.atomic
def fail_lost_tasks(*, worker_id: str, now: dt.datetime | None = None) -> list[Job]:
    """Fail every task left RUNNING by a worker that is no longer beating, and its Job.

    Failed, not requeued: a task may have done part of work that is not safe to
    repeat (invitation e-mails already sent, an upload half computed), and a
    failure the page shows is safer than running it twice; the person starts it
    again (uploads again) once a worker runs. Tasks of other live workers (a
    fresh beat) and of this worker are left alone.

    Side effects: the tasks marked FAILED (WorkerLost), their Job rows marked
    failed with LOST_MESSAGE, one audit event per job, `job_lost` sent per job
    (a KPI upload of the job is marked failed), stale WorkerBeat rows deleted.
    """
    now = now or timezone.now()
    live = set(
        WorkerBeat.objects.filter(beat_at__gte=_fresh_since(now)).values_list(
            "worker_id", flat=True
        )
    )
    live.add(worker_id)
    lost_jobs: list[Job] = []
    for result in DBTaskResult.objects.running().select_for_update():
        if result.worker_ids and result.worker_ids[-1] in live:
            continue
        result.set_failed(WorkerLost(LOST_MESSAGE))
        log.warning(
            "task %s (%s) was left running by a dead worker: failed", result.pk, result.task_path
        )
        for job in Job.objects.filter(task_id=str(result.pk)).exclude(status__in=Job.FINISHED):
            job.status, job.message, job.finished_at = Job.Status.FAILED, LOST_MESSAGE, now
            job.save(update_fields=["status", "message", "finished_at"])
            audit.record(
                actor=None,
                action="job.worker_lost",
                season=job.season,
                obj=job,
                summary=job.title,
                data={
                    "task": str(result.pk),
                    "title": job.title,
                    "title_key": job.title_key,
                    "title_params": job.title_params,
                },
            )
            job_lost.send(sender=Job, job=job)
            lost_jobs.append(job)
    WorkerBeat.objects.filter(beat_at__lt=_fresh_since(now)).exclude(worker_id=worker_id).delete()
    return lost_jobs


class Heartbeat:
    """A daemon thread that beats for `worker_id` every WORKER_BEAT_SECONDS until stopped."""

    def __init__(self, worker_id: str, interval: float | None = None):
        self.worker_id = worker_id
        self.interval = interval or settings.WORKER_BEAT_SECONDS
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def start(self) -> None:
        try:
            beat(self.worker_id)
        except DatabaseError:  # beat again from the thread
            log.warning("worker heartbeat failed", exc_info=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    beat(self.worker_id)
                except Exception:  # a busy database: beat again next time
                    log.warning("worker heartbeat failed", exc_info=True)
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 5)
        try:
            stop_beating(self.worker_id)
        except DatabaseError:
            log.warning("cannot remove the worker's heartbeat", exc_info=True)
