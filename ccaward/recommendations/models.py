"""Expert recommendations (专家推荐): a judge or organizer names a contact center
that should enter a category; the organizers may invite it to apply, and its
entry is linked back when it does."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

REASON_MAX = 2000


class Recommendation(models.Model):
    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="recommendations"
    )
    category = models.ForeignKey(
        "seasons.Category",
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=pgettext_lazy("field", "Category"),
    )
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    center_name = models.CharField(pgettext_lazy("field", "Contact center name"), max_length=200)
    organization_name = models.CharField(pgettext_lazy("field", "Enterprise name"), max_length=200)
    contact_name = models.CharField(pgettext_lazy("field", "Contact person"), max_length=100)
    contact_email = models.EmailField(pgettext_lazy("field", "Contact e-mail"))
    contact_phone = models.CharField(
        pgettext_lazy("field", "Contact phone"), max_length=40, blank=True
    )
    reason = models.TextField(
        pgettext_lazy("field", "Why you recommend it"),
        max_length=REASON_MAX,
        validators=[MaxLengthValidator(REASON_MAX)],
    )
    created_at = models.DateTimeField(default=timezone.now)
    invitation = models.ForeignKey(
        "people.Invitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    entry = models.ForeignKey(
        "applications.Entry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = pgettext_lazy("model", "expert recommendation")
        verbose_name_plural = pgettext_lazy("model", "expert recommendations")

    def __str__(self):
        return f"{self.center_name} → {self.category}"

    def clean(self):
        if self.category_id and self.season_id and self.category.season_id != self.season_id:
            raise ValidationError(
                {"category": pgettext("validation", "The category is of another season.")}
            )

    @property
    def status(self) -> str:
        """applied (an entry is linked), invited, or new."""
        if self.entry_id:
            return "applied"
        if self.invited_at:
            return "invited"
        return "new"
