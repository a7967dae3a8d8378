"""Background jobs: start one, report progress from inside it, finish it.

The work itself runs in a django-tasks task (the database backend by default,
whose worker `ccaward serve` starts), so a web request only enqueues it.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from ccaward.core import job_text, memory
from ccaward.core.models import Job

log = logging.getLogger(__name__)


def start(
    *,
    task: str,
    kind: str,
    title: str,
    title_params: dict | None = None,
    season=None,
    requested_by=None,
    total: int = 0,
    **kwargs,
) -> Job:
    """Create a Job row and enqueue `task(job_id=..., **kwargs)` once the transaction commits.

    `title` is a key of the apps' ``JOB_TEXTS`` filled with `title_params` when shown, in
    the reader's language (``core.job_text``); any other text is the title as it is.

    `task` names the django-tasks task by its dotted path
    ("ccaward.people.tasks.send_invitations"), so domain modules start work
    without importing task modules (which import the domain).
    Side effects: one Job row; one queued task.
    """
    if not isinstance(task, str):
        raise TypeError("jobs.start takes the task's dotted path")
    keyed = title in job_text.TEXTS
    job = Job.objects.create(
        kind=kind,
        title=job_text.render(title, title_params)[:200] if keyed else title,
        title_key=title if keyed else "",
        title_params=title_params or {},
        season=season,
        requested_by=requested_by,
        total=total,
    )

    def enqueue():
        result = import_string(task).enqueue(job_id=job.pk, **kwargs)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))

    transaction.on_commit(enqueue)
    return job


def progress(job_id: int, *, done: int, total: int | None = None, message: str = "") -> None:
    fields = {"done": done, "status": Job.Status.RUNNING}
    if total is not None:
        fields["total"] = total
    if message:
        fields["message"] = message[:500]
    Job.objects.filter(pk=job_id).update(**fields)


def finish(job_id: int, *, result: dict | None = None, error: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED if error else Job.Status.DONE,
        message=error[:500],
        result=result or {},
        finished_at=timezone.now(),
    )


def run(job_id: int, work) -> None:
    """Run `work(report)` for a job, recording failure instead of losing it."""

    def report(done: int, total: int | None = None, message: str = "") -> None:
        progress(job_id, done=done, total=total, message=message)

    try:
        result = work(report)
    except MemoryError:  # the worker's memory limit (core.memory): said plainly
        log.exception("job %s ran out of memory", job_id)
        finish(job_id, error=memory.exhausted_message())
        raise
    except Exception as exc:  # recorded on the job for the page to show, then re-raised
        log.exception("job %s failed", job_id)
        # an error written for the page's reader (``for_users``) is shown as it is
        text = str(exc) if getattr(exc, "for_users", False) else f"{type(exc).__name__}: {exc}"
        finish(job_id, error=text)
        raise
    finish(job_id, result=result or {})
