"""Site visits (入户评审): a visit to an entry's contact center by judges, its
checklist (现场核查表) fixed when it is scheduled, what each judge recorded per
item (kept by the id the judge's device gave the record, so a resend is stored
once) and the photos taken on site."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from ccaward.visits.enums import Finding, VisitStatus

ADDRESS_MAX = 300
AGENDA_MAX = 4000
REASON_MAX = 500
NOTES_MAX = 2000


class Visit(models.Model):
    """One site visit to an entry. `checklist` is the list of items (each with
    the application's answers it checks and the framework criterion it feeds)
    resolved when the visit was scheduled; `framework` is the version in force
    then. `version` is bumped by every change of the schedule."""

    season = models.ForeignKey("seasons.Season", on_delete=models.CASCADE, related_name="visits")
    entry = models.ForeignKey("applications.Entry", on_delete=models.CASCADE, related_name="visits")
    starts_at = models.DateTimeField(pgettext_lazy("field", "Date and time"))
    address = models.CharField(pgettext_lazy("field", "Address"), max_length=ADDRESS_MAX)
    agenda = models.TextField(pgettext_lazy("field", "Agenda"), max_length=AGENDA_MAX, blank=True)
    judges = models.ManyToManyField("judging.JudgeProfile", related_name="visits", blank=True)
    status = models.CharField(
        max_length=12, choices=VisitStatus.choices, default=VisitStatus.SCHEDULED
    )
    cancel_reason = models.CharField(max_length=REASON_MAX, blank=True)
    checklist = models.JSONField(default=list)
    framework = models.ForeignKey(
        "seasons.FrameworkVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = pgettext_lazy("model", "site visit")
        verbose_name_plural = pgettext_lazy("model", "site visits")

    def __str__(self):
        return f"visit {self.pk} to {self.entry_id} on {self.starts_at:%Y-%m-%d}"

    def item(self, key: str) -> dict | None:
        return next((i for i in self.checklist if i.get("key") == key), None)

    def audit_names(self) -> dict:
        return {"center": self.entry.center.name, "date": f"{self.starts_at:%Y-%m-%d}"}


class ItemRecord(models.Model):
    """What one judge recorded for one checklist item, on one device. `uuid` is
    made by the device (crypto.randomUUID) when the item is first touched there;
    `seq` grows with each edit on that device, `edited_at` is the device's clock.
    A record arriving again with a seq not above the stored one changes nothing."""

    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="records")
    item_key = models.CharField(max_length=64)
    judge = models.ForeignKey(
        "judging.JudgeProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visit_records",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    device = models.CharField(max_length=64, blank=True)
    seq = models.PositiveIntegerField(default=0)
    edited_at = models.DateTimeField()
    received_at = models.DateTimeField(default=timezone.now)
    finding = models.CharField(max_length=16, choices=Finding.choices, blank=True)
    score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    # the scale the score was given on (judging.enums.Scale)
    scale = models.CharField(max_length=8, blank=True)
    notes = models.TextField(max_length=NOTES_MAX, blank=True)

    class Meta:
        ordering = ["visit_id", "item_key", "edited_at", "id"]

    def __str__(self):
        return f"{self.item_key} of visit {self.visit_id} ({self.uuid})"


def photo_path(instance, filename: str) -> str:
    return (
        f"visits/{instance.visit.season_id}/{instance.visit_id}/{instance.uuid.hex}.{instance.kind}"
    )


class Photo(models.Model):
    """A photo of a checklist item, re-encoded without its metadata (no location)."""

    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")
    item_key = models.CharField(max_length=64)
    file = models.FileField(upload_to=photo_path, max_length=300)
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name
