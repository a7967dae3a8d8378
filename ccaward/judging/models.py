"""Judging's tables (专家评审): the season's judging policy, the judge pool, conflicts
of interest and the assignment of judges to entries. Reviews and site visits
live in their own apps and read these."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from ccaward.judging.enums import (
    AssignmentSource,
    ConflictSource,
    ConflictStatus,
    RecommenderPolicy,
    Scale,
)

DEFAULT_AFFINITY_WEIGHTS = {"industry": 3, "channel": 1, "dimension": 1}


class JudgingPolicy(models.Model):
    """How a season judges: the scale, blind review, what a judge's recommendation
    means, reviewers per entry (R) by category, loads and the affinity formula's
    weights. One row per season, made with its defaults when first read."""

    season = models.OneToOneField(
        "seasons.Season", on_delete=models.CASCADE, related_name="judging_policy"
    )
    scale = models.CharField(
        pgettext_lazy("field", "Review scale"),
        max_length=8,
        choices=Scale.choices,
        default=Scale.TEN_HALF,
    )
    blind = models.BooleanField(pgettext_lazy("field", "Blind review"), default=False)
    recommender_policy = models.CharField(
        pgettext_lazy("field", "A judge who recommended the entry"),
        max_length=12,
        choices=RecommenderPolicy.choices,
        default=RecommenderPolicy.FLAGGED,
    )
    reviewers = models.PositiveSmallIntegerField(
        pgettext_lazy("field", "Judges per entry"), default=3
    )
    # {category id (str): R} where a category departs from `reviewers`
    reviewers_by_category = models.JSONField(default=dict, blank=True)
    min_load = models.PositiveSmallIntegerField(pgettext_lazy("field", "Minimum load"), default=0)
    max_load = models.PositiveSmallIntegerField(pgettext_lazy("field", "Maximum load"), default=20)
    affinity_weights = models.JSONField(default=dict, blank=True)
    review_deadline = models.DateTimeField(
        pgettext_lazy("field", "Reviews due"), null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("model", "judging policy")

    def __str__(self):
        return f"judging policy of {self.season}"

    def weights(self) -> dict:
        return {**DEFAULT_AFFINITY_WEIGHTS, **(self.affinity_weights or {})}

    def reviewers_for(self, category_id) -> int:
        return int((self.reviewers_by_category or {}).get(str(category_id), self.reviewers))


class JudgeProfile(models.Model):
    """A judge of a season (评委库): expertise, employers and affiliations. Made by an
    organizer or an import before the judge has an account; `user` is linked when
    the judge accepts the invitation (matched by e-mail)."""

    season = models.ForeignKey("seasons.Season", on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="judge_profiles",
    )
    name = models.CharField(pgettext_lazy("field", "Name"), max_length=100)
    email = models.EmailField(pgettext_lazy("field", "E-mail"))
    title = models.CharField(pgettext_lazy("field", "Title"), max_length=100, blank=True)
    employer = models.CharField(
        pgettext_lazy("field", "Current employer"), max_length=200, blank=True
    )
    former_employers = models.JSONField(default=list, blank=True)
    affiliations = models.JSONField(default=list, blank=True)
    industries = models.JSONField(default=list, blank=True)
    channels = models.JSONField(default=list, blank=True)
    dimensions = models.JSONField(default=list, blank=True)
    min_load = models.PositiveSmallIntegerField(null=True, blank=True)
    max_load = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["season", "email"], name="judge_email_once_per_season")
        ]
        verbose_name = pgettext_lazy("model", "judge")
        verbose_name_plural = pgettext_lazy("model", "judges")

    def __str__(self):
        return self.name


class Conflict(models.Model):
    """A conflict of interest between a judge and an entry: declared by the judge or
    detected (employer, former employer, affiliation, e-mail domain, a
    recommendation), and the organizers' decision on a detected one."""

    season = models.ForeignKey("seasons.Season", on_delete=models.CASCADE, related_name="conflicts")
    judge = models.ForeignKey(JudgeProfile, on_delete=models.CASCADE, related_name="conflicts")
    entry = models.ForeignKey(
        "applications.Entry", on_delete=models.CASCADE, related_name="conflicts"
    )
    source = models.CharField(max_length=16, choices=ConflictSource.choices)
    status = models.CharField(max_length=12, choices=ConflictStatus.choices)
    # the judge's reason (declared) or what matched (detected), in words
    reason = models.TextField(max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["entry_id", "judge_id", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["judge", "entry", "source"], name="conflict_once_per_source"
            )
        ]
        verbose_name = pgettext_lazy("model", "conflict of interest")
        verbose_name_plural = pgettext_lazy("model", "conflicts of interest")

    def __str__(self):
        return f"{self.judge} × {self.entry_id}: {self.source} ({self.status})"


class AssignmentRun(models.Model):
    """One run of the assignment solver (评审分配): its inputs' settings, its result's
    figures and, in the randomized mode, the cap and the seed that reproduce it."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="assignment_runs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    category = models.ForeignKey(
        "seasons.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    weights = models.JSONField(default=dict)
    max_probability = models.FloatField(null=True, blank=True)
    seed = models.BigIntegerField(null=True, blank=True)
    optimal = models.BooleanField(default=False)
    objective = models.FloatField(null=True, blank=True)
    deterministic_objective = models.FloatField(null=True, blank=True)
    # coverage, loads, mean affinity, and the infeasibility (entries, judges, code, detail)
    report = models.JSONField(default=dict)
    applied = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"assignment run {self.pk} of {self.season}"


class Assignment(models.Model):
    """A judge assigned to review an entry. Locked pairs survive a re-run."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="assignments"
    )
    judge = models.ForeignKey(JudgeProfile, on_delete=models.CASCADE, related_name="assignments")
    entry = models.ForeignKey(
        "applications.Entry", on_delete=models.CASCADE, related_name="assignments"
    )
    run = models.ForeignKey(
        AssignmentRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="pairs"
    )
    source = models.CharField(
        max_length=12, choices=AssignmentSource.choices, default=AssignmentSource.SOLVER
    )
    locked = models.BooleanField(default=False)
    affinity = models.FloatField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["entry_id", "judge_id"]
        constraints = [
            models.UniqueConstraint(fields=["judge", "entry"], name="assignment_once_per_pair")
        ]

    def __str__(self):
        return f"{self.judge} → {self.entry_id}"
