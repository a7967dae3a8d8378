from django.db import models
from django.utils.translation import pgettext_lazy


class StageKind(models.TextChoices):
    """The stages of a season, in pipeline order (seed 000)."""

    REGISTRATION = "registration", pgettext_lazy("stage", "Registration")
    RECOMMENDATION = "recommendation", pgettext_lazy("stage", "Expert recommendation")
    MYSTERY_CALLS = "mystery_calls", pgettext_lazy("stage", "Mystery calls")
    DATA_COLLECTION = "data_collection", pgettext_lazy("stage", "Data collection")
    BENCHMARKING = "benchmarking", pgettext_lazy("stage", "Benchmarking")
    SITE_VISITS = "site_visits", pgettext_lazy("stage", "Site visits")
    DELIBERATION = "deliberation", pgettext_lazy("stage", "Panel deliberation")
    VOTING = "voting", pgettext_lazy("stage", "Voting")
    RESULTS = "results", pgettext_lazy("stage", "Results published")


# Judging opens with the first stage in which judges score entries against the
# framework; from then on the framework is frozen and a change makes a version.
JUDGING_STAGE = StageKind.SITE_VISITS

STAGE_ORDER = [k.value for k in StageKind]


class CategoryKind(models.TextChoices):
    REGULAR = "regular", pgettext_lazy("category kind", "Regular award")
    SPECIAL = "special", pgettext_lazy("category kind", "Special award (decided by the organizers)")


class StageOverride(models.TextChoices):
    NONE = "", pgettext_lazy("stage override", "On schedule")
    OPENED = "open", pgettext_lazy("stage override", "Opened early")
    CLOSED = "closed", pgettext_lazy("stage override", "Closed early")


class EvidenceKind(models.TextChoices):
    JUDGE = "judge", pgettext_lazy("evidence", "Judges' scores")
    KPI = "kpi", pgettext_lazy("evidence", "KPI benchmark")
    MYSTERY = "mystery", pgettext_lazy("evidence", "Mystery calls")
