"""The supervised background worker: lost tasks failed on start, restarts with
back-off, and the pages' warning when no worker beats."""

import datetime as dt
import logging
import sys
import time

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ccaward.cli_worker import Supervisor
from ccaward.core import jobs, memory, worker
from ccaward.core.models import AuditEvent, Job, WorkerBeat
from ccaward.kpis.models import InteractionUpload
from ccaward.people.tasks import send_invitations
from tests.factories import make_entry


def running_job(season, worker_id: str) -> tuple[Job, DBTaskResult]:
    """A job that a worker `worker_id` claimed and reported progress on (as a
    worker does before it is killed)."""
    job = Job.objects.create(kind="invitations", title="Send 4", season=season, total=4)
    result = send_invitations.enqueue(job_id=job.pk, pairs=[])
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    task = DBTaskResult.objects.get(pk=result.id)
    task.claim(worker_id)
    jobs.progress(job.pk, done=0, total=4)
    return job, task


def test_a_job_left_running_by_a_killed_worker_is_failed_when_a_worker_starts(
    transactional_db, season, monkeypatch
):
    # the worker closes its database connection when it stops, as a worker process does:
    # outside a test transaction, so the next query opens a new one (PostgreSQL)
    monkeypatch.setattr(memory, "limit", lambda mb: None)  # not on the test process itself
    job, task = running_job(season, "killed-worker")
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    task.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == worker.LOST_MESSAGE
    assert job.finished_at is not None
    assert task.status == "FAILED"
    assert task.exception_class_path.endswith("WorkerLost")
    assert AuditEvent.objects.filter(action="job.worker_lost", object_id=str(job.pk)).exists()
    assert not WorkerBeat.objects.exists()  # the worker stopped cleanly: no beat left


def test_a_task_of_a_worker_that_still_beats_is_left_alone(season):
    job, task = running_job(season, "live-worker")
    worker.beat("live-worker")
    assert worker.fail_lost_tasks(worker_id="new-worker") == []
    job.refresh_from_db()
    task.refresh_from_db()
    assert (job.status, task.status) == (Job.Status.RUNNING, "RUNNING")
    # once its beat is stale, it counts as dead
    later = timezone.now() + dt.timedelta(minutes=5)
    assert worker.fail_lost_tasks(worker_id="new-worker", now=later) == [job]


def wait_for(predicate, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_the_supervisor_restarts_a_worker_that_exits_with_back_off(caplog):
    caplog.set_level(logging.WARNING, logger="ccaward.worker")
    sup = Supervisor(
        [sys.executable, "-c", "import sys; sys.exit(1)"], backoff=0.05, cap=0.2, stable=60
    ).start()
    try:
        assert wait_for(lambda: sup.starts >= 5)
    finally:
        sup.stop()
    assert sup.delays[:4] == [0.05, 0.1, 0.2, 0.2]
    restarts = [r for r in caplog.records if "restarting it in" in r.getMessage()]
    assert len(restarts) >= 4
    assert "exit code 1" in restarts[0].getMessage()


def test_stopping_the_supervisor_stops_the_worker_and_does_not_restart_it():
    sup = Supervisor([sys.executable, "-c", "import time; time.sleep(60)"], backoff=0.01).start()
    assert wait_for(lambda: sup.child is not None)
    child = sup.child
    sup.stop()
    assert child.poll() is not None
    time.sleep(0.1)
    assert sup.starts == 1


def test_pages_warn_when_no_worker_beats(as_user, organizer, season):
    job = Job.objects.create(kind="t", title="t", season=season, requested_by=organizer, total=4)
    page = lambda: as_user(organizer).get(f"/jobs/{job.pk}/").content.decode()  # noqa: E731
    assert "worker-down" in page()  # no worker ever
    worker.beat("w1")
    assert "worker-down" not in page()
    stale = timezone.now() - dt.timedelta(minutes=5)
    WorkerBeat.objects.filter(worker_id="w1").update(beat_at=stale)
    assert "worker-down" in page()
    invite_page = as_user(organizer).get(reverse("seasons:people", args=[season.slug]))
    invite_page = invite_page.content.decode()
    assert "worker-down" in invite_page


def test_an_upload_whose_computation_died_with_the_worker_is_failed(season, organizer):
    job, _task = running_job(season, "killed-worker")
    entry = make_entry(season=season, by=organizer)
    upload = InteractionUpload.objects.create(
        entry=entry, file="kpi/x.csv", original_name="x.csv", size=1, job=job
    )
    worker.fail_lost_tasks(worker_id="new-worker")
    upload.refresh_from_db()
    assert (upload.status, upload.error) == ("failed", worker.LOST_MESSAGE)
