"""Deliberation's tables (集中评议): how the season combines its judges' scores,
the panel's comments on entries and the organizers' shortlist per category.

Totals, calibration, reliability and rank confidence are not stored: they are
computed from the submitted reviews, site visits and KPI scores by
`engine.scoring` whenever they are read (the same inputs give the same numbers;
the bootstrap is seeded by the policy). A shortlist keeps the ranking it was
set against, so a later change of scores does not silently rewrite why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from ccaward.deliberation.enums import Method

COMMENT_MAX = 4000
REASON_MAX = 2000


class ScoringPolicy(models.Model):
    """One row per season, made with its defaults when first changed (read
    through `domain.policy.policy_of`, which never writes)."""

    season = models.OneToOneField(
        "seasons.Season", on_delete=models.CASCADE, related_name="scoring_policy"
    )
    method = models.CharField(
        pgettext_lazy("field", "How judges' scores are combined"),
        max_length=12,
        choices=Method.choices,
        default=Method.CALIBRATED,
    )
    bootstrap = models.PositiveIntegerField(
        pgettext_lazy("field", "Resamples for rank confidence"), default=1000
    )
    seed = models.PositiveIntegerField(pgettext_lazy("field", "Random seed"), default=1)
    # the default shortlist: the category's quota plus this many
    shortlist_margin = models.PositiveSmallIntegerField(
        pgettext_lazy("field", "Shortlist margin above the quota"), default=2
    )
    # share (percent) of the site visit in a criterion's judge evidence, where both exist
    visit_weight = models.PositiveSmallIntegerField(
        pgettext_lazy("field", "Site visit's share of the judges' evidence (%)"), default=50
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("model", "scoring policy")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bootstrap__lte=10000), name="scoring_bootstrap_at_most_10000"
            ),
            models.CheckConstraint(
                condition=models.Q(visit_weight__lte=100), name="scoring_visit_weight_percent"
            ),
        ]

    def __str__(self):
        return f"scoring policy of {self.season}"


class PanelComment(models.Model):
    """A panel member's or organizer's comment on an entry during deliberation;
    never shown to entrants."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="panel_comments"
    )
    entry = models.ForeignKey(
        "applications.Entry", on_delete=models.CASCADE, related_name="panel_comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(pgettext_lazy("field", "Comment"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["entry_id", "created_at", "id"]

    def __str__(self):
        return f"comment on {self.entry_id}"


class Shortlist(models.Model):
    """A category's shortlist as the organizers set it, with the ranking it was set
    against (`ranking`: [{"entry", "rank", "total"}] by rank, the method named)."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="shortlists"
    )
    category = models.OneToOneField(
        "seasons.Category", on_delete=models.CASCADE, related_name="shortlist"
    )
    method = models.CharField(max_length=12, choices=Method.choices)
    ranking = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"shortlist of {self.category_id}"


class ShortlistEntry(models.Model):
    """An entry on the shortlist, or one left off that the ranking would have put on;
    `reason` is required for every departure from the ranking."""

    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="rows")
    entry = models.ForeignKey(
        "applications.Entry", on_delete=models.CASCADE, related_name="shortlist_rows"
    )
    listed = models.BooleanField()
    rank = models.PositiveIntegerField(null=True, blank=True)
    reason = models.TextField(max_length=REASON_MAX, blank=True)

    class Meta:
        ordering = ["shortlist_id", "-listed", "rank", "entry_id"]
        constraints = [
            models.UniqueConstraint(fields=["shortlist", "entry"], name="shortlist_entry_once")
        ]

    def __str__(self):
        return f"{self.entry_id} {'on' if self.listed else 'off'} {self.shortlist_id}"
