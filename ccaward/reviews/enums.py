"""The states of a judge's review (专家评分) and the kinds of score change kept."""

from django.db import models
from django.utils.translation import pgettext_lazy


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("review status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("review status", "Submitted")


class ChangeKind(models.TextChoices):
    """Why a score change was kept: the value given at submission, or a revision."""

    SUBMITTED = "submitted", pgettext_lazy("score change", "Submitted")
    REVISED = "revised", pgettext_lazy("score change", "Revised")


# a judge's list: an assigned entry's review not started yet has no row
NOT_STARTED = "not_started"
