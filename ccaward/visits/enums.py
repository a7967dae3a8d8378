"""The states of a site visit (入户评审) and what a judge found for an item of its
checklist (现场核查表)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class VisitStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("visit status", "Scheduled")
    DONE = "done", pgettext_lazy("visit status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("visit status", "Cancelled")


class Finding(models.TextChoices):
    """What the judge saw on site against what the application claims."""

    VERIFIED = "verified", pgettext_lazy("visit finding", "Verified")
    PARTLY = "partly", pgettext_lazy("visit finding", "Partly as claimed")
    NOT_AS_CLAIMED = "not_as_claimed", pgettext_lazy("visit finding", "Not as claimed")
