"""Mystery calls (电话暗访): the season's scenario library (场景脚本) and scorecards
(暗访评分表), both versioned (a row is never changed: an edit is a new version);
the shoppers (暗访员) with what the conflict rules read; the plan's settings; the
planned contacts; each shopper's card for a contact (a draft saved as it is typed,
then submitted) and its recording or transcript.

Computation is in engine/mystery (scorecard rules, a card's score, an entry's
results, planning, slots)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from ccaward.mystery.enums import (
    CardStatus,
    Channel,
    ContactStatus,
    RecordingKind,
    ScorerRole,
    Slot,
)

TITLE_MAX = 200
TEXT_MAX = 8000
REASON_MAX = 500
TARGET_MAX = 300
NOTES_MAX = 4000
TRANSCRIPT_MAX = 100_000


class Scenario(models.Model):
    """One version of a scenario (场景脚本): the caller's story, what to ask, and the
    points a correct answer must contain. Rows of one `key` are its versions; the
    newest is in use unless `retired`. For a category (or every category when
    empty) and optionally an industry."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="mystery_scenarios"
    )
    key = models.SlugField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    category = models.ForeignKey(
        "seasons.Category", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    industry = models.CharField(pgettext_lazy("field", "Industry"), max_length=100, blank=True)
    title = models.CharField(pgettext_lazy("field", "Title"), max_length=TITLE_MAX)
    story = models.TextField(pgettext_lazy("field", "The caller's story"), max_length=TEXT_MAX)
    questions = models.TextField(pgettext_lazy("field", "What to ask"), max_length=TEXT_MAX)
    # the points a correct answer must contain: a list of strings
    answer_points = models.JSONField(default=list)
    channels = models.JSONField(default=list, blank=True)  # empty: any channel
    retired = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["season", "key", "version"], name="mystery_scenario_version"
            )
        ]

    def __str__(self):
        return f"{self.key} v{self.version}"


class ScorecardVersion(models.Model):
    """One version of the season's scorecard: `definition` is the card as the
    engine reads it (engine.mystery.scorecard.load_scorecard), `source` the YAML it
    came from. The newest version is the one new contacts use."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="mystery_scorecards"
    )
    version = models.PositiveIntegerField()
    definition = models.JSONField()
    source = models.TextField(blank=True)
    note = models.CharField(max_length=REASON_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["season_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["season", "version"], name="mystery_scorecard_version")
        ]

    def __str__(self):
        return f"scorecard v{self.version} of season {self.season_id}"


class ShopperProfile(models.Model):
    """A mystery shopper (暗访员) of a season, with what the conflict rules read (the
    same as judges': employer, former employers, affiliations). `user` is linked
    when the person has an account with the mystery-shopper role."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="mystery_shoppers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shopper_profiles",
    )
    name = models.CharField(pgettext_lazy("field", "Name"), max_length=100)
    email = models.EmailField(pgettext_lazy("field", "E-mail"))
    phone = models.CharField(pgettext_lazy("field", "Phone"), max_length=40, blank=True)
    employer = models.CharField(
        pgettext_lazy("field", "Current employer"), max_length=200, blank=True
    )
    former_employers = models.JSONField(default=list, blank=True)
    affiliations = models.JSONField(default=list, blank=True)
    max_load = models.PositiveSmallIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "email"]
        constraints = [
            models.UniqueConstraint(fields=["season", "email"], name="mystery_shopper_email")
        ]

    def __str__(self):
        return self.name or self.email


class ShopperExclusion(models.Model):
    """A shopper kept from an entry by an organizer or by the shopper's own
    declaration (besides what the conflict rules detect)."""

    season = models.ForeignKey("seasons.Season", on_delete=models.CASCADE, related_name="+")
    shopper = models.ForeignKey(ShopperProfile, on_delete=models.CASCADE, related_name="exclusions")
    entry = models.ForeignKey("applications.Entry", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=REASON_MAX)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shopper", "entry"], name="mystery_exclusion_unique")
        ]

    def __str__(self):
        return f"shopper {self.shopper_id} kept from entry {self.entry_id}"


class PlanSettings(models.Model):
    """How a season's contacts are planned: contacts per entry and channels (with
    per-entry overrides in `per_entry`: {entry id: {"contacts": n, "channels": [...],
    "claims_24x7": bool, "target": "..."}}), the window of dates, holidays (counted
    as weekend days) and make-up working days (调休, counted as weekdays), the
    planner's seed and the cap of one shopper's contacts with one entry."""

    season = models.OneToOneField(
        "seasons.Season", on_delete=models.CASCADE, related_name="mystery_plan"
    )
    contacts_per_entry = models.PositiveSmallIntegerField(default=4)
    channels = models.JSONField(default=list)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    holidays = models.JSONField(default=list, blank=True)
    workdays = models.JSONField(default=list, blank=True)
    seed = models.PositiveIntegerField(default=0)
    max_per_pair = models.PositiveSmallIntegerField(null=True, blank=True)
    per_entry = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"mystery plan of season {self.season_id}"


class Contact(models.Model):
    """One planned mystery contact with an entry: its slot, channel and day, the
    shopper who makes it, the scenario version and scorecard version it uses, and
    the number or address to contact (`target`). Never deleted once a card exists;
    an organizer voids it with a reason instead."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="mystery_contacts"
    )
    entry = models.ForeignKey(
        "applications.Entry", on_delete=models.CASCADE, related_name="mystery_contacts"
    )
    number = models.PositiveSmallIntegerField()  # 1.. within the entry
    slot = models.CharField(max_length=16, choices=Slot.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    planned_on = models.DateField(null=True, blank=True)
    shopper = models.ForeignKey(
        ShopperProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    scenario = models.ForeignKey(
        Scenario, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    scorecard = models.ForeignKey(
        ScorecardVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    target = models.CharField(
        pgettext_lazy("field", "Number or address"), max_length=TARGET_MAX, blank=True
    )
    status = models.CharField(
        max_length=12, choices=ContactStatus.choices, default=ContactStatus.PLANNED
    )
    adjusted = models.BooleanField(default=False)  # changed by an organizer after planning
    void_reason = models.CharField(max_length=REASON_MAX, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    voided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["planned_on", "entry_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="mystery_contact_number")
        ]

    def __str__(self):
        return f"contact {self.number} with entry {self.entry_id}"


class Card(models.Model):
    """One shopper's scorecard of one contact: the primary shopper's, made on the
    call, or a second scorer's from the recording. `answers` (item code -> value)
    is a draft saved as typed (core/drafts.py: `answers_version`,
    `answer_versions`); once submitted it is read-only. `attempts`: each unanswered
    attempt's time (ISO 8601, the device's clock). `total` and `groups` are the
    engine's score at submission (engine.mystery.score)."""

    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="cards")
    shopper = models.ForeignKey(ShopperProfile, on_delete=models.PROTECT, related_name="cards")
    role = models.CharField(max_length=8, choices=ScorerRole.choices, default=ScorerRole.PRIMARY)
    status = models.CharField(max_length=10, choices=CardStatus.choices, default=CardStatus.DRAFT)
    answers = models.JSONField(default=dict, blank=True)
    answers_version = models.PositiveIntegerField(default=0)
    answer_versions = models.JSONField(default=dict, blank=True)
    reached = models.BooleanField(null=True, blank=True)
    attempts = models.JSONField(default=list, blank=True)
    made_at = models.DateTimeField(null=True, blank=True)  # when the contact was made
    timer_seconds = models.PositiveIntegerField(null=True, blank=True)
    out_of_slot = models.BooleanField(default=False)
    notes = models.TextField(max_length=NOTES_MAX, blank=True)
    transcript = models.TextField(max_length=TRANSCRIPT_MAX, blank=True)
    scenario = models.ForeignKey(
        Scenario, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scorecard = models.ForeignKey(
        ScorecardVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    total = models.DecimalField(max_digits=8, decimal_places=4, null=True, blank=True)
    groups = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["contact_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "shopper"], name="mystery_card_unique")
        ]

    def __str__(self):
        return f"card of {self.contact} by {self.shopper_id}"


def recording_path(instance, filename: str) -> str:
    contact = instance.card.contact
    return f"mystery/{contact.season_id}/{contact.pk}/{instance.uuid.hex}.{instance.kind}"


class Recording(models.Model):
    """A recording of the contact (mp3, m4a, amr, wav) or its chat transcript,
    checked by content when uploaded."""

    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="recordings")
    file = models.FileField(upload_to=recording_path, max_length=300)
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=4, choices=RecordingKind.choices)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name
