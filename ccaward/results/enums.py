"""Voting's choices (票选): the counting methods of `engine.voting` and Schulze's
defeat strength."""

from django.db import models
from django.utils.translation import pgettext_lazy


class VoteMethod(models.TextChoices):
    SCHULZE = "schulze", pgettext_lazy("voting method", "Schulze (ranked ballots)")
    BORDA = "borda", pgettext_lazy("voting method", "Borda count (ranked ballots)")
    APPROVAL = "approval", pgettext_lazy("voting method", "Approval (approve up to k)")


class Strength(models.TextChoices):
    WINNING = "winning", pgettext_lazy("defeat strength", "Winning votes")
    MARGIN = "margin", pgettext_lazy("defeat strength", "Margins")
