"""Who applies: enterprises, their contact centers, and entries into categories."""

from __future__ import annotations

import json
import threading
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.applications.enums import EntryStatus, Industry, SeatBand
from ccaward.engine import appform, ids

# kept for the demo's fictitious credit codes
_CREDIT_ALPHABET = ids.CREDIT_ALPHABET
_CREDIT_WEIGHTS = ids.CREDIT_WEIGHTS


def validate_credit_code(value: str) -> None:
    problem = ids.credit_code_problem(value)
    if problem == "format":
        raise ValidationError(
            pgettext(
                "validation", "A unified social credit code has 18 digits or capital letters."
            ),
            code="credit_format",
        )
    if problem == "check":
        raise ValidationError(
            pgettext("validation", "The check character of this credit code is wrong."),
            code="credit_check",
        )


class Organization(models.Model):
    name = models.CharField(pgettext_lazy("field", "Enterprise name"), max_length=200)
    name_en = models.CharField(pgettext_lazy("field", "English name"), max_length=200, blank=True)
    credit_code = models.CharField(
        pgettext_lazy("field", "Unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
    )
    website = models.URLField(pgettext_lazy("field", "Website"), blank=True)
    address = models.CharField(pgettext_lazy("field", "Address"), max_length=300, blank=True)
    wechat = models.CharField(
        pgettext_lazy("field", "WeChat official account"), max_length=100, blank=True
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organizations", blank=True
    )
    # colleagues invited by e-mail who have no account yet; they join when they sign in
    pending_emails = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ContactCenter(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="centers")
    name = models.CharField(pgettext_lazy("field", "Contact center name"), max_length=200)
    address = models.CharField(pgettext_lazy("field", "Address"), max_length=300, blank=True)
    year_started = models.PositiveSmallIntegerField(
        pgettext_lazy("field", "Year operations began"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950)],
    )
    industry = models.CharField(
        pgettext_lazy("field", "Industry"), max_length=32, choices=Industry.choices
    )
    seats = models.PositiveIntegerField(pgettext_lazy("field", "Seats"), null=True, blank=True)

    class Meta:
        ordering = ["organization__name", "name"]

    def __str__(self):
        return self.name

    @property
    def seat_band(self) -> str | None:
        return SeatBand.of(self.seats)


class ApplicationForm(models.Model):
    """One version of a season's application form (the definition as data).

    Versions are never edited: a change is a new version, and each entry keeps
    the version its answers answer."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="application_forms"
    )
    version = models.PositiveIntegerField()
    definition = models.JSONField()
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["season", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["season", "version"], name="form_version_once")
        ]

    def __str__(self):
        return f"{self.season_id} v{self.version}"

    @cached_property
    def parsed(self):
        """The checked definition, its {award}, {year} and {organizer} filled from
        the season. Versions are never edited, so it is parsed once per process and
        season wording, not once per entry that loads its own copy of the version."""
        values = self.season.placeholders()
        if self.pk is None:
            return appform.load_definition(appform.fill_placeholders(self.definition, values))
        key = (self.pk, self.created_at, repr(sorted(values.items())))
        if key not in _PARSED:  # the definition is read only here (pages may defer it)
            definition = appform.fill_placeholders(self.definition, values)
            _PARSED[key] = appform.load_definition(definition)
        return _PARSED[key]


# parsed form versions by (pk, created_at, the season's wording)
_PARSED: dict = {}

# the latest summaries (JSON) by (form pk, form created_at, answers as JSON)
SUMMARIES_KEPT = 256
_SUMMARIES: OrderedDict = OrderedDict()
_SUMMARIES_LOCK = threading.Lock()


class Entry(models.Model):
    """One contact center entering one category of one season (参评申报)."""

    season = models.ForeignKey("seasons.Season", on_delete=models.CASCADE, related_name="entries")
    category = models.ForeignKey(
        "seasons.Category", on_delete=models.PROTECT, related_name="entries"
    )
    center = models.ForeignKey(ContactCenter, on_delete=models.PROTECT, related_name="entries")
    status = models.CharField(max_length=16, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    decision_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    form = models.ForeignKey(
        ApplicationForm, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    # what the applicant typed, keyed by answer key (see engine/appform.py)
    answers = models.JSONField(default=dict, blank=True)
    # bumped by every save that changes an answer; each answer's last version (core/drafts.py)
    answers_version = models.PositiveIntegerField(default=0)
    answer_versions = models.JSONField(default=dict, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.CharField(max_length=500, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # the typed data the form fills (maps_to), refreshed on submission: seats, staff, targets
    figures = models.JSONField(default=dict, blank=True)
    # what checking the answers found, per section and in all (engine/appform/summary.py):
    # refreshed by every save of the answers or the form version, read by the tables
    summary = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["center__name"]
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(fields=["category", "center"], name="entry_once_per_category")
        ]

    def __str__(self):
        return f"{self.center} → {self.category}"

    def save(self, *args, **kwargs):
        """A save that writes the answers or the form version writes their summary with them."""
        fields = kwargs.get("update_fields")
        if fields is None or {"answers", "form"} & set(fields):
            self.summary = self.summarize()
            if fields is not None:
                kwargs["update_fields"] = {*fields, "summary"}
        super().save(*args, **kwargs)

    def summarize(self) -> dict:
        """The summary of the answers as they are now (empty without a form version).

        The latest few are kept by their form version and answers, so a save that
        computed its summary before taking the row lock (domain.save_answers) finds
        it there and holds the lock for the write only, not for the checks."""
        if self.form_id is None:
            return {}
        if Entry.form.is_cached(self):
            form = self.form
        else:  # the definition is loaded only when the summary is not known yet
            form = ApplicationForm.objects.only("id", "created_at").get(pk=self.form_id)
        answers = self.answers or {}
        key = (form.pk, form.created_at, json.dumps(answers, sort_keys=True, ensure_ascii=False))
        with _SUMMARIES_LOCK:
            known = _SUMMARIES.get(key)
            if known is not None:
                _SUMMARIES.move_to_end(key)
        if known is None:
            known = json.dumps(appform.summarize(appform.validate(form.parsed, answers)))
            with _SUMMARIES_LOCK:
                _SUMMARIES[key] = known
                while len(_SUMMARIES) > SUMMARIES_KEPT:
                    _SUMMARIES.popitem(last=False)
        return json.loads(known)

    def audit_names(self) -> dict:
        """The center's and category's names, for the audit event's sentence."""
        category = self.category
        return {
            "center": self.center.name,
            "category": {"zh": category.name_zh, "en": category.name_en},
        }

    def clean(self):
        if self.category_id and self.season_id and self.category.season_id != self.season_id:
            raise ValidationError(
                {"category": pgettext("validation", "The category is of another season.")}
            )


def entry_file_path(instance, filename: str) -> str:
    return f"applications/{instance.entry.season_id}/{instance.entry_id}/{uuid.uuid4().hex}.{instance.kind}"


class EntryFile(models.Model):
    """A file an applicant attached to an answer (checked by its content)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="files")
    field_key = models.CharField(max_length=100)
    file = models.FileField(upload_to=entry_file_path, max_length=300)
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.name
