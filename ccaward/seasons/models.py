"""Seasons, their stages and categories, and the versioned evaluation framework.

Models stay thin: the rules live in seasons/domain.py and ccaward/engine/.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy

from ccaward.core import requestcache
from ccaward.engine import framework as engine
from ccaward.engine import schedule
from ccaward.seasons.enums import (
    JUDGING_STAGE,
    STAGE_ORDER,
    CategoryKind,
    StageKind,
    StageOverride,
)

slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$",
    pgettext_lazy("validation", "Use lower-case letters, digits and hyphens."),
)


class Bilingual:
    """`obj.name` is name_zh or name_en by the active language (falling back to zh)."""

    def localized(self, field: str) -> str:
        zh = getattr(self, f"{field}_zh", "")
        en = getattr(self, f"{field}_en", "")
        if (get_language() or "").startswith("en"):
            return en or zh
        return zh or en

    @property
    def name(self) -> str:
        return self.localized("name")


class Season(Bilingual, models.Model):
    name_zh = models.CharField(pgettext_lazy("field", "Name (Chinese)"), max_length=200)
    name_en = models.CharField(pgettext_lazy("field", "Name (English)"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        pgettext_lazy("field", "Year"), validators=[MinValueValidator(2000)]
    )
    organizer_zh = models.CharField(
        pgettext_lazy("field", "Organizer (Chinese)"), max_length=200, blank=True
    )
    organizer_en = models.CharField(
        pgettext_lazy("field", "Organizer (English)"), max_length=200, blank=True
    )
    slug = models.SlugField(
        pgettext_lazy("field", "Short name (URL)"),
        max_length=50,
        unique=True,
        validators=[slug_validator],
        error_messages={
            "unique": pgettext_lazy("validation", "A season with this short name exists.")
        },
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "slug"]

    def __str__(self):
        return f"{self.name_zh} ({self.year})"

    def stage_list(self) -> list[Stage]:
        """The stages in pipeline order, read once per request (core.requestcache):
        a page asks the stage gates (seasons.gates) and the stage times several
        times. Saving a stage forgets them, so a question after a change reads them
        again."""
        return requestcache.remembered(
            ("stages", self.pk), lambda: sorted(self.stages.all(), key=lambda s: s.order)
        )

    def stage(self, kind: str) -> Stage | None:
        return next((s for s in self.stage_list() if s.kind == kind), None)

    @property
    def year_in_name(self) -> bool:
        """Whether the name shown (in the active language) says the year already, so
        that a page does not repeat it ("… Awards 2026 2026")."""
        return str(self.year) in self.name

    def placeholders(self) -> dict[str, dict[str, str]]:
        """What the application form's {award}, {year} and {organizer} say, by language."""
        return {
            "award": {"zh": self.name_zh, "en": self.name_en or self.name_zh},
            "year": {"zh": str(self.year), "en": str(self.year)},
            "organizer": {
                "zh": self.organizer_zh or "主办方",
                "en": self.organizer_en or self.organizer_zh or "the organizers",
            },
        }

    def stage_times(self) -> list[schedule.StageTimes]:
        return [s.times() for s in self.stage_list()]

    def current_framework(self) -> FrameworkVersion | None:
        return self.framework_versions.order_by("-number").first()

    def judging_opened_at(self, now=None):
        """When judging opened (on time, or early by the organizer), or None
        while it has not: from then on the framework is frozen."""
        stage = self.stage(JUDGING_STAGE)
        if stage is None or stage.state(now) == schedule.UPCOMING:
            return None
        if stage.override == StageOverride.OPENED and stage.override_at:
            return min(stage.override_at, stage.opens_at)
        return stage.opens_at


class Stage(models.Model):
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(max_length=32, choices=StageKind.choices)
    opens_at = models.DateTimeField(pgettext_lazy("field", "Opens"))
    closes_at = models.DateTimeField(pgettext_lazy("field", "Closes"))
    override = models.CharField(
        max_length=8, choices=StageOverride.choices, default=StageOverride.NONE, blank=True
    )
    override_reason = models.CharField(max_length=500, blank=True)
    override_at = models.DateTimeField(null=True, blank=True)
    override_by = models.ForeignKey(
        "people.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["season", "kind"], name="stage_once_per_season"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="stage_closes_after_open",
            ),
        ]

    def __str__(self):
        return f"{self.season.slug}: {self.kind}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        requestcache.forget(("stages", self.season_id))  # stage_list() reads them again

    @property
    def order(self) -> int:
        return STAGE_ORDER.index(self.kind)

    def times(self) -> schedule.StageTimes:
        return schedule.StageTimes(self.kind, self.opens_at, self.closes_at, self.override)

    def state(self, now=None) -> str:
        return schedule.state(self.times(), now or timezone.now())

    @property
    def is_open(self) -> bool:
        return self.state() == schedule.OPEN


class Category(Bilingual, models.Model):
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="categories")
    name_zh = models.CharField(pgettext_lazy("field", "Name (Chinese)"), max_length=200)
    name_en = models.CharField(pgettext_lazy("field", "Name (English)"), max_length=200, blank=True)
    description_zh = models.TextField(pgettext_lazy("field", "Description (Chinese)"), blank=True)
    description_en = models.TextField(pgettext_lazy("field", "Description (English)"), blank=True)
    eligibility_zh = models.TextField(pgettext_lazy("field", "Eligibility (Chinese)"), blank=True)
    eligibility_en = models.TextField(pgettext_lazy("field", "Eligibility (English)"), blank=True)
    quota = models.PositiveIntegerField(
        pgettext_lazy("field", "Winner quota"), validators=[MinValueValidator(1)]
    )
    kind = models.CharField(
        pgettext_lazy("field", "Kind"),
        max_length=16,
        choices=CategoryKind.choices,
        default=CategoryKind.REGULAR,
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "categories"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quota__gte=1), name="category_quota_at_least_1"
            ),
            models.UniqueConstraint(fields=["season", "name_zh"], name="category_name_unique"),
        ]

    def __str__(self):
        return self.name_zh

    @property
    def description(self) -> str:
        return self.localized("description")

    @property
    def eligibility(self) -> str:
        return self.localized("eligibility")


class FrameworkVersion(Bilingual, models.Model):
    """One version of a season's framework. Frozen once judging opens; scores
    point at the version they were given under."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="framework_versions")
    number = models.PositiveIntegerField()
    name_zh = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)
    source_key = models.CharField(max_length=64, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        "people.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["season", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["season", "number"], name="framework_version_unique")
        ]

    def __str__(self):
        return f"{self.season.slug} v{self.number}"

    @property
    def freeze_time(self):
        """When the version stopped changing: stored once a change was made
        after judging opened, else (derived, nothing written) when judging opened."""
        return self.frozen_at or self.season.judging_opened_at()

    @property
    def is_frozen(self) -> bool:
        return self.freeze_time is not None

    def to_engine(self, dims=None, crits=None) -> engine.Framework:
        """The version as engine data; `dims`/`crits` (rows, possibly changed in
        memory and unsaved) replace what the database holds."""
        dims = list(dims if dims is not None else self.dimensions.all())
        if crits is None:
            crits = Criterion.objects.filter(dimension__framework=self)
        crits = sorted(crits, key=lambda c: (c.position, c.pk))
        out = []
        for dim in sorted(dims, key=lambda d: (d.position, d.pk)):
            mine = [c for c in crits if c.dimension_id == dim.pk]
            out.append(
                engine.Dimension(
                    code=dim.code,
                    name_zh=dim.name_zh,
                    name_en=dim.name_en,
                    weight=dim.weight,
                    description_zh=dim.description_zh,
                    description_en=dim.description_en,
                    criteria=tuple(
                        c.to_engine([ch for ch in mine if ch.parent_id == c.pk])
                        for c in mine
                        if c.parent_id is None
                    ),
                )
            )
        return engine.Framework(
            dimensions=tuple(out), key=self.source_key, name_zh=self.name_zh, name_en=self.name_en
        )


class Dimension(Bilingual, models.Model):
    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="dimensions"
    )
    code = models.CharField(max_length=64)
    position = models.PositiveIntegerField(default=0)
    name_zh = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    description_zh = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    weight = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="dimension_code_unique")
        ]

    def __str__(self):
        return self.name_zh

    @property
    def description(self) -> str:
        return self.localized("description")


class Criterion(Bilingual, models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(max_length=64)
    position = models.PositiveIntegerField(default=0)
    name_zh = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    description_zh = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    evidence_judge = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal(100))
    evidence_kpi = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal(0))
    evidence_mystery = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal(0))
    indicator = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.name_zh

    @property
    def description(self) -> str:
        return self.localized("description")

    @property
    def evidence(self) -> dict[str, Decimal]:
        pairs = {
            "judge": self.evidence_judge,
            "kpi": self.evidence_kpi,
            "mystery": self.evidence_mystery,
        }
        return {k: v for k, v in pairs.items() if v}

    def to_engine(self, children=()) -> engine.Criterion:
        return engine.Criterion(
            code=self.code,
            name_zh=self.name_zh,
            name_en=self.name_en,
            description_zh=self.description_zh,
            description_en=self.description_en,
            evidence=self.evidence,
            indicator=self.indicator or None,
            children=tuple(c.to_engine() for c in children),
        )
