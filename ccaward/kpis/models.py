"""Interaction-record uploads, the season's KPI policy, and computed results."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from ccaward.engine import mappings
from ccaward.kpis.labels import mapping_choices


def months_before(last: dt.date, months: int) -> dt.date:
    """The first day of the ``months`` months that end on ``last``: 2026-06-30 and 12
    give 2025-07-01; 2026-03-15 and 1 give 2026-02-16."""
    after = last + dt.timedelta(days=1)
    year, month = divmod(after.year * 12 + after.month - 1 - months, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(after.day, last_day))


class AbandonTreatment(models.TextChoices):
    FAILED = "failed", pgettext_lazy("abandon treatment", "Abandoned calls count as failures")
    IGNORED = "ignored", pgettext_lazy("abandon treatment", "Abandoned calls are left out")
    MET = "met", pgettext_lazy("abandon treatment", "Abandoned within T count as met")


class BadRows(models.TextChoices):
    REJECT = "reject", pgettext_lazy("bad rows", "Reject the file")
    SKIP = "skip", pgettext_lazy("bad rows", "Skip the rows and report them")


class KpiPolicy(models.Model):
    """How a season computes indicators: the variants every entry is measured with."""

    season = models.OneToOneField(
        "seasons.Season", on_delete=models.CASCADE, related_name="kpi_policy"
    )
    sl_seconds = models.PositiveIntegerField(
        pgettext_lazy("field", "Service level T (seconds)"), default=20
    )
    sl_target = models.DecimalField(
        pgettext_lazy("field", "Service level target X"),
        max_digits=4,
        decimal_places=2,
        default=0.8,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    abandon_treatment = models.CharField(
        pgettext_lazy("field", "Abandoned calls in the service level"),
        max_length=8,
        choices=AbandonTreatment.choices,
        default=AbandonTreatment.FAILED,
    )
    short_abandon_seconds = models.PositiveIntegerField(
        pgettext_lazy("field", "Short abandon threshold (seconds, 0 = none)"), default=5
    )
    fcr_days = models.PositiveIntegerField(
        pgettext_lazy("field", "FCR repeat window (days)"),
        default=7,
        validators=[MinValueValidator(1)],
    )
    bad_rows = models.CharField(
        pgettext_lazy("field", "Invalid rows"),
        max_length=8,
        choices=BadRows.choices,
        default=BadRows.REJECT,
    )
    max_upload_mb = models.PositiveIntegerField(
        pgettext_lazy("field", "Largest upload (MB)"),
        default=2048,
        validators=[MinValueValidator(1)],
    )
    tolerance_points = models.DecimalField(
        pgettext_lazy("field", "Tolerance for self-reported rates (percentage points)"),
        max_digits=5,
        decimal_places=2,
        default=5,
    )
    min_peers = models.PositiveIntegerField(
        pgettext_lazy("field", "Fewest peers for a percentile"),
        default=5,
        validators=[MinValueValidator(2)],
    )
    # the period the records must cover: the last N months up to a date, or given dates
    period_months = models.PositiveIntegerField(
        pgettext_lazy("field", "Records cover the last N months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    period_start = models.DateField(pgettext_lazy("field", "Records from"), null=True, blank=True)
    period_end = models.DateField(pgettext_lazy("field", "Records until"), null=True, blank=True)

    def __str__(self):
        return f"KPI policy of {self.season_id}"

    def period(self) -> tuple[dt.date, dt.date] | None:
        """(first day, last day) the records must cover: the given dates, or the last
        ``period_months`` months up to ``period_end``; None: any dates."""
        if self.period_end is None:
            return None
        if self.period_start is not None:
            return (self.period_start, self.period_end)
        if self.period_months:
            return (months_before(self.period_end, self.period_months), self.period_end)
        return None

    def engine_params(self) -> dict:
        return {
            "sl_seconds": self.sl_seconds,
            "abandon_treatment": self.abandon_treatment,
            "short_abandon_seconds": self.short_abandon_seconds,
            "fcr_days": self.fcr_days,
        }


def upload_path(instance, filename):
    return f"kpi/{instance.entry.season_id}/{instance.entry_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class ColumnMapping(models.Model):
    """A center's own column mapping, made in the KPI page's mapping step and reused
    for its later uploads. ``spec`` is plain data (columns, formats, value maps, nulls,
    durations) checked by ``engine.interactions.declarative``: never SQL."""

    center = models.ForeignKey(
        "applications.ContactCenter", on_delete=models.CASCADE, related_name="column_mappings"
    )
    name = models.CharField(pgettext_lazy("field", "Mapping name"), max_length=100)
    spec = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="mapping_name_once_per_center")
        ]

    def __str__(self):
        return self.name


class InteractionUpload(models.Model):
    class Status(models.TextChoices):
        MAPPING = "mapping", pgettext_lazy("upload status", "Columns to map")
        QUEUED = "queued", pgettext_lazy("upload status", "Queued")
        DONE = "done", pgettext_lazy("upload status", "Computed")
        FAILED = "failed", pgettext_lazy("upload status", "Failed")

    entry = models.ForeignKey(
        "applications.Entry", on_delete=models.CASCADE, related_name="uploads"
    )
    file = models.FileField(upload_to=upload_path, max_length=300)
    agent_states_file = models.FileField(upload_to=upload_path, max_length=300, blank=True)
    schedules_file = models.FileField(upload_to=upload_path, max_length=300, blank=True)
    original_name = models.CharField(max_length=255)
    size = models.BigIntegerField()
    # the column mapping files of the engine's mapping folder (a new file needs no code)
    mapping = models.CharField(max_length=64, choices=mapping_choices, default=mappings.DEFAULT)
    # a mapping made in the page: the saved mapping, and the spec the upload was read
    # with (kept as it was, should the saved one change later); empty: ``mapping``
    column_mapping = models.ForeignKey(
        ColumnMapping, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads"
    )
    mapping_spec = models.JSONField(default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    job = models.ForeignKey(
        "core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.original_name


class KpiResult(models.Model):
    """Indicators computed for an entry from one upload, with the variants used.

    `figures` holds the whole period; `daily` one row per day; `intraday` one row
    per 30-minute interval of the day (all days together)."""

    entry = models.ForeignKey(
        "applications.Entry", on_delete=models.CASCADE, related_name="kpi_results"
    )
    upload = models.OneToOneField(
        InteractionUpload, null=True, blank=True, on_delete=models.CASCADE, related_name="result"
    )
    computed_at = models.DateTimeField(default=timezone.now)
    params = models.JSONField(default=dict)
    figures = models.JSONField(default=dict)
    daily = models.JSONField(default=list)
    intraday = models.JSONField(default=list)
    monthly = models.JSONField(default=list)  # the months entered by hand, when no records
    period_start = models.DateField(null=True)
    period_end = models.DateField(null=True)

    class Meta:
        ordering = ["-computed_at"]
        get_latest_by = "computed_at"

    def __str__(self):
        return f"KPI of {self.entry_id} at {self.computed_at:%Y-%m-%d %H:%M}"


class ReportedFigure(models.Model):
    """A figure the applicant reports for the last 12 months (the application form's
    indicator table), checked against the figure computed from the records."""

    class Source(models.TextChoices):
        FORM = "form", pgettext_lazy("reported source", "Application form")
        MANUAL = "manual", pgettext_lazy("reported source", "Entered on the KPI page")

    entry = models.ForeignKey(
        "applications.Entry", on_delete=models.CASCADE, related_name="reported"
    )
    key = models.CharField(max_length=32)
    value = models.FloatField()
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MANUAL)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "key"], name="reported_once_per_key")
        ]

    def __str__(self):
        return f"{self.entry_id} {self.key}={self.value}"


class KpiThreshold(models.Model):
    """An organizer's threshold table for one indicator: its score replaces the
    percentile score. `rows` are [threshold, score] pairs in the engine's units
    (fractions, seconds), worst to best."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="kpi_thresholds"
    )
    key = models.CharField(max_length=32)
    rows = models.JSONField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["season", "key"], name="threshold_once_per_key")
        ]

    def __str__(self):
        return f"{self.season_id} {self.key}"


class MonthlyFigure(models.Model):
    """A month's totals entered by hand by a center without interaction records."""

    entry = models.ForeignKey(
        "applications.Entry", on_delete=models.CASCADE, related_name="monthly"
    )
    month = models.DateField(pgettext_lazy("field", "Month"))
    offered = models.PositiveIntegerField(pgettext_lazy("kpi", "Offered"))
    answered = models.PositiveIntegerField(pgettext_lazy("kpi", "Answered"))
    abandoned = models.PositiveIntegerField(pgettext_lazy("kpi", "Abandoned in queue"))
    answered_within_sl = models.PositiveIntegerField(pgettext_lazy("field", "Answered within T"))
    aht_s = models.FloatField(
        pgettext_lazy("kpi", "Average handle time"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "month"], name="monthly_once_per_month")
        ]

    def __str__(self):
        return f"{self.entry_id} {self.month:%Y-%m}"
