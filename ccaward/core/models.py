"""The audit log and background jobs, shared by every stage of the pipeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from ccaward.core import audit_text, job_text


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")

    def bulk_create(self, objs, *args, **kwargs):
        # each event takes its place in its season's hash chain: core.audit.record
        raise PermissionError("Audit events are written one by one through core.audit.record.")


# every event key's short name, registered from each app's audit_labels.py (core.audit_text)
ACTION_LABELS = audit_text.KINDS


class AuditEvent(models.Model):
    """Who changed what and when. Written by domain functions only; never changed."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # PROTECT: the actor's id is part of the event's hash (an account that acted is
    # deactivated, never deleted)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=254, blank=True)
    season = models.ForeignKey(
        "seasons.Season",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    # the season's hash chain (the global one without a season): engine/hashchain.py
    seq = models.PositiveIntegerField(editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = pgettext_lazy("model", "audit event")
        constraints = [
            # one event per place in a chain: two writers can never fork it
            models.UniqueConstraint(
                fields=["season", "seq"],
                condition=models.Q(season__isnull=False),
                name="audit_event_season_seq",
            ),
            models.UniqueConstraint(
                fields=["seq"],
                condition=models.Q(season__isnull=True),
                name="audit_event_global_seq",
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")

    @property
    def action_label(self) -> str:
        return audit_text.kind(self.action)

    @property
    def sentence(self) -> str:
        """What happened, in the reader's language (core.audit_text)."""
        return audit_text.sentence(self)

    @property
    def details(self) -> str:
        return audit_text.details(self)


class AuditChain(models.Model):
    """The head of one hash chain of the audit log ("season:<id>", or "global"): the last
    event's seq and hash. Appending locks this row, so appends to a chain are serialised."""

    key = models.CharField(max_length=32, unique=True)
    seq = models.PositiveIntegerField(default=0)
    head = models.CharField(max_length=64, default="0" * 64)

    def __str__(self):
        return f"{self.key} #{self.seq}"


class Job(models.Model):
    """A piece of background work the pages can follow (progress, result, error)."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("job status", "Queued")
        RUNNING = "running", pgettext_lazy("job status", "Running")
        DONE = "done", pgettext_lazy("job status", "Done")
        FAILED = "failed", pgettext_lazy("job status", "Failed")

    FINISHED = (Status.DONE, Status.FAILED)

    kind = models.CharField(max_length=64)
    # the title as its key and parameters (core.job_text), shown in the reader's language;
    # `title` keeps it as written when the job started (admin, older jobs)
    title = models.CharField(max_length=200)
    title_key = models.CharField(max_length=64, blank=True)
    title_params = models.JSONField(default=dict, blank=True)
    season = models.ForeignKey(
        "seasons.Season", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    result = models.JSONField(default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} #{self.pk} {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def title_text(self) -> str:
        return job_text.title(self)

    @property
    def message_text(self) -> str:
        return job_text.message(self.message)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class WorkerBeat(models.Model):
    """The last sign of life of one background worker (core/worker.py writes it
    every few seconds), so pages can say when no worker is running."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    beat_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.worker_id} @ {self.host}:{self.pid}"
