"""How a season combines its judges' scores (评分汇总方法)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Method(models.TextChoices):
    """The five methods of `engine.scoring` (table.METHODS), the default first."""

    CALIBRATED = (
        "calibrated",
        pgettext_lazy("scoring method", "Calibrated for each judge's severity and scale"),
    )
    MEAN = "mean", pgettext_lazy("scoring method", "Mean")
    TRIMMED = (
        "trimmed",
        pgettext_lazy(
            "scoring method", "Trimmed mean (highest and lowest dropped with 5 or more judges)"
        ),
    )
    MEDIAN = "median", pgettext_lazy("scoring method", "Median")
    ZSCORE = "zscore", pgettext_lazy("scoring method", "Standardised per judge (z-score)")
