from django.db import models
from django.utils.translation import pgettext_lazy


class Industry(models.TextChoices):
    BANKING = "banking", pgettext_lazy("industry", "Banking")
    INSURANCE = "insurance", pgettext_lazy("industry", "Insurance")
    TELECOM = "telecom", pgettext_lazy("industry", "Telecommunications")
    UTILITIES = "utilities", pgettext_lazy("industry", "Power and utilities")
    ECOMMERCE = "ecommerce", pgettext_lazy("industry", "E-commerce")
    AIRLINE = "airline", pgettext_lazy("industry", "Airlines and travel")
    GOVERNMENT = "government", pgettext_lazy("industry", "Government hotline")
    OUTSOURCING = "outsourcing", pgettext_lazy("industry", "Outsourcing")
    OTHER = "other", pgettext_lazy("industry", "Other")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("entry status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("entry status", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("entry status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("entry status", "Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("entry status", "Withdrawn")


# entries that take part in benchmarking and judging
COMPETING = (EntryStatus.SUBMITTED, EntryStatus.ACCEPTED)


class SeatBand(models.TextChoices):
    """Seat-size bands for peer groups."""

    SMALL = "small", pgettext_lazy("seat band", "Under 100 seats")
    MEDIUM = "medium", pgettext_lazy("seat band", "100–499 seats")
    LARGE = "large", pgettext_lazy("seat band", "500–1,999 seats")
    XLARGE = "xlarge", pgettext_lazy("seat band", "2,000 seats and more")

    @classmethod
    def of(cls, seats: int | None) -> str | None:
        if seats is None:
            return None
        if seats < 100:
            return cls.SMALL
        if seats < 500:
            return cls.MEDIUM
        if seats < 2000:
            return cls.LARGE
        return cls.XLARGE
