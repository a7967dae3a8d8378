"""A judge's review of an entry (专家评分) and every change of its scores.

A review is given under one version of the season's framework (the version in
force when it was begun; judging freezes the framework, and a change after that
is a new version) and on the scale the season set then. Its scores are a JSON
object criterion code → the score as its shortest decimal string ("7.5"), so
the totals read one row per review; every score given at submission and every
later change is a ScoreChange row (who, when, old, new, why).

The draft autosaves through core/drafts.py, whose data is one object of fields:
`values` presents the review's columns as that object (``score.<criterion>``,
``comment.<dimension>``, ``private_note``, ``feedback_note``) and `save` writes
the columns behind it. The private note is for the organizers only; the feedback
note may one day be shown to the entrant: they are kept in columns of their own.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from ccaward.reviews.enums import ChangeKind, ReviewStatus

SCORE = "score."
COMMENT = "comment."
NOTES = ("private_note", "feedback_note")
VALUE_COLUMNS = ["scores", "comments", "private_note", "feedback_note"]
TEXT_MAX = 4000


class Review(models.Model):
    season = models.ForeignKey("seasons.Season", on_delete=models.CASCADE, related_name="reviews")
    entry = models.ForeignKey(
        "applications.Entry", on_delete=models.CASCADE, related_name="reviews"
    )
    judge = models.ForeignKey(
        "judging.JudgeProfile", on_delete=models.CASCADE, related_name="reviews"
    )
    framework = models.ForeignKey(
        "seasons.FrameworkVersion", on_delete=models.PROTECT, related_name="reviews"
    )
    scale = models.CharField(max_length=8)
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    # criterion code -> score as a decimal string
    scores = models.JSONField(default=dict, blank=True)
    # dimension code -> comment
    comments = models.JSONField(default=dict, blank=True)
    private_note = models.TextField(
        pgettext_lazy("field", "Private note to the organizers"), max_length=TEXT_MAX, blank=True
    )
    feedback_note = models.TextField(
        pgettext_lazy("field", "Feedback to the entrant"), max_length=TEXT_MAX, blank=True
    )
    # core/drafts.py: bumped by every save that changes a value; each value's last version
    version = models.PositiveIntegerField(default=0)
    field_versions = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    saved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    revised_at = models.DateTimeField(null=True, blank=True)
    revisions = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["entry_id", "judge_id"]
        constraints = [
            models.UniqueConstraint(fields=["judge", "entry"], name="review_once_per_pair")
        ]
        verbose_name = pgettext_lazy("model", "review")
        verbose_name_plural = pgettext_lazy("model", "reviews")

    def __str__(self):
        return f"review of {self.entry_id} by {self.judge_id}"

    def save(self, *args, **kwargs):
        """`update_fields` may name "values": the columns behind it are written."""
        fields = kwargs.get("update_fields")
        if fields is not None and "values" in fields:
            kwargs["update_fields"] = [f for f in fields if f != "values"] + VALUE_COLUMNS
        super().save(*args, **kwargs)

    @property
    def values(self) -> dict:
        """The review's values as one object of fields (what a draft save changes)."""
        out = {SCORE + k: v for k, v in (self.scores or {}).items()}
        out.update({COMMENT + k: v for k, v in (self.comments or {}).items()})
        for name in NOTES:
            if getattr(self, name):
                out[name] = getattr(self, name)
        return out

    @values.setter
    def values(self, data: dict) -> None:
        self.scores = {k[len(SCORE) :]: v for k, v in data.items() if k.startswith(SCORE)}
        self.comments = {k[len(COMMENT) :]: v for k, v in data.items() if k.startswith(COMMENT)}
        for name in NOTES:
            setattr(self, name, data.get(name) or "")

    def score_values(self) -> dict[str, Decimal]:
        """The scores as Decimals, by criterion code."""
        return {k: Decimal(v) for k, v in (self.scores or {}).items()}

    @property
    def submitted(self) -> bool:
        return self.status == ReviewStatus.SUBMITTED


class ScoreChange(models.Model):
    """One score as it was given at submission, or changed by a revision."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="changes")
    criterion = models.CharField(max_length=64)
    kind = models.CharField(max_length=12, choices=ChangeKind.choices)
    old = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    new = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.criterion}: {self.old} → {self.new}"
