"""The audit log and background jobs, shared by every stage of the pipeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


ACTION_LABELS = {
    "season.created": pgettext_lazy("audit", "Season created"),
    "season.changed": pgettext_lazy("audit", "Season changed"),
    "stage.dates_changed": pgettext_lazy("audit", "Stage dates changed"),
    "stage.override.open": pgettext_lazy("audit", "Stage opened early"),
    "stage.override.closed": pgettext_lazy("audit", "Stage closed early"),
    "stage.override.schedule": pgettext_lazy("audit", "Stage back to schedule"),
    "category.created": pgettext_lazy("audit", "Category added"),
    "category.changed": pgettext_lazy("audit", "Category changed"),
    "category.deleted": pgettext_lazy("audit", "Category deleted"),
    "framework.installed": pgettext_lazy("audit", "Framework installed"),
    "framework.changed": pgettext_lazy("audit", "Framework changed"),
    "framework.frozen": pgettext_lazy("audit", "Framework frozen"),
    "framework.new_version": pgettext_lazy("audit", "New framework version"),
    "role.granted": pgettext_lazy("audit", "Role granted"),
    "role.revoked": pgettext_lazy("audit", "Role removed"),
    "invitation.created": pgettext_lazy("audit", "Invitations created"),
    "invitation.accepted": pgettext_lazy("audit", "Invitation accepted"),
    "invitation.revoked": pgettext_lazy("audit", "Invitation withdrawn"),
    "job.worker_lost": pgettext_lazy("audit", "Job failed: the worker stopped"),
}


class AuditEvent(models.Model):
    """Who changed what and when. Written by domain functions only; never changed."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
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

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = pgettext_lazy("model", "audit event")

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
        return str(ACTION_LABELS.get(self.action, self.action))


class Job(models.Model):
    """A piece of background work the pages can follow (progress, result, error)."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("job status", "Queued")
        RUNNING = "running", pgettext_lazy("job status", "Running")
        DONE = "done", pgettext_lazy("job status", "Done")
        FAILED = "failed", pgettext_lazy("job status", "Failed")

    FINISHED = (Status.DONE, Status.FAILED)

    kind = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
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
