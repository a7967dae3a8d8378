from django.db import models
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    """A person's role in one season."""

    ORGANIZER = "organizer", pgettext_lazy("role", "Organizer")
    JUDGE = "judge", pgettext_lazy("role", "Judge")
    MYSTERY_SHOPPER = "mystery_shopper", pgettext_lazy("role", "Mystery shopper")
    APPLICANT = "applicant", pgettext_lazy("role", "Applicant member")
