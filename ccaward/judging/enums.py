"""The states and kinds of judging (专家评审): where a conflict of interest came
from and what was decided about it, how an assignment pair was made, the review
scale and what a recommendation by a judge means."""

from django.db import models
from django.utils.translation import pgettext_lazy


class ConflictSource(models.TextChoices):
    """Where a conflict of interest (利益冲突) came from."""

    DECLARED = "declared", pgettext_lazy("conflict source", "Declared by the judge")
    EMPLOYER = "employer", pgettext_lazy("conflict source", "Current employer")
    FORMER_EMPLOYER = "former_employer", pgettext_lazy("conflict source", "Former employer")
    AFFILIATION = "affiliation", pgettext_lazy("conflict source", "Affiliation or group")
    EMAIL_DOMAIN = "email_domain", pgettext_lazy("conflict source", "Same e-mail domain")
    RECOMMENDED = "recommended", pgettext_lazy("conflict source", "Recommended the entry")


class ConflictStatus(models.TextChoices):
    """A declared conflict stands; a detected one waits for the organizers."""

    DECLARED = "declared", pgettext_lazy("conflict status", "Declared")
    DETECTED = "detected", pgettext_lazy("conflict status", "Detected, to be decided")
    CONFIRMED = "confirmed", pgettext_lazy("conflict status", "Confirmed")
    DISMISSED = "dismissed", pgettext_lazy("conflict status", "Dismissed")
    FLAGGED = "flagged", pgettext_lazy("conflict status", "Flagged, not a conflict")


# the statuses that keep a judge from an entry (and from its evidence); a detected
# conflict blocks until the organizers dismiss it
BLOCKING_STATUSES = (ConflictStatus.DECLARED, ConflictStatus.DETECTED, ConflictStatus.CONFIRMED)


class RecommenderPolicy(models.TextChoices):
    """What it means that a judge recommended an entry (专家推荐)."""

    ALLOWED = "allowed", pgettext_lazy("recommender policy", "Allowed")
    FLAGGED = "flagged", pgettext_lazy("recommender policy", "Flagged to the organizers")
    CONFLICT = "conflict", pgettext_lazy("recommender policy", "A conflict of interest")


class Scale(models.TextChoices):
    """The scale judges score each criterion on."""

    TEN_HALF = "0-10", pgettext_lazy("review scale", "0–10 in half points")
    FIVE_ANCHORED = "1-5", pgettext_lazy("review scale", "1–5 with a description of each level")


class AssignmentSource(models.TextChoices):
    SOLVER = "solver", pgettext_lazy("assignment source", "Solver")
    RANDOMIZED = "randomized", pgettext_lazy("assignment source", "Randomized solver")
    MANUAL = "manual", pgettext_lazy("assignment source", "By hand")
