"""The public poll's tables (网络投票).

`PollPolicy` is the season's rule for the poll: whether it runs and its weight in
the decision (percent, at most the season's cap `max_weight`); both are fixed once
the first vote is cast. A `PollAccount` is a member of the public who verified an
e-mail address or a phone with a one-time `PollCode` (kept only as a keyed hash,
with its expiry and the attempts made). A `PollVote` is one account's vote in one
category, with the network it came from and a digest of its browser's user agent,
so that signals of stuffing can be computed; votes are never deleted: voiding sets
`voided_at`, `voided_by` and `void_reason`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from ccaward.poll.enums import Channel

REASON_MAX = 2000
DEFAULT_MAX_WEIGHT = 30


class PollPolicy(models.Model):
    """One row per season, made with its defaults when first changed (read through
    `domain.policy_of`, which never writes)."""

    season = models.OneToOneField(
        "seasons.Season", on_delete=models.CASCADE, related_name="poll_policy"
    )
    enabled = models.BooleanField(pgettext_lazy("field", "Hold a public poll"), default=False)
    weight = models.PositiveSmallIntegerField(
        pgettext_lazy("field", "Weight of the poll in the decision (%)"), default=0
    )
    max_weight = models.PositiveSmallIntegerField(
        pgettext_lazy("field", "Highest weight this season allows (%)"),
        default=DEFAULT_MAX_WEIGHT,
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("model", "public poll policy")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_weight__lte=100), name="poll_max_weight_percent"
            ),
            models.CheckConstraint(
                condition=Q(weight__lte=models.F("max_weight")), name="poll_weight_within_cap"
            ),
        ]

    def __str__(self):
        return f"poll policy of {self.season}"


class PollAccount(models.Model):
    """A voter of the public poll: an e-mail address (lower-cased) or a phone number
    (E.164), verified by a one-time code; `network` is where it registered from."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="poll_accounts"
    )
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    network = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["season_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="poll_account_has_address"
            ),
            models.UniqueConstraint(
                fields=["season", "email"], condition=~Q(email=""), name="poll_account_email_once"
            ),
            models.UniqueConstraint(
                fields=["season", "phone"], condition=~Q(phone=""), name="poll_account_phone_once"
            ),
        ]

    def __str__(self):
        return self.email or self.phone


class PollCode(models.Model):
    """A one-time code sent to an account's e-mail or phone: only its keyed hash is
    kept; it expires, allows a few attempts and is used once."""

    account = models.ForeignKey(PollAccount, on_delete=models.CASCADE, related_name="codes")
    purpose = models.CharField(max_length=8, choices=Channel.choices)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    # the network that asked for it (codes per network are limited)
    network = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["network", "created_at"], name="poll_code_network_time")]

    def __str__(self):
        return f"{self.purpose} code of {self.account_id}"


class PollVote(models.Model):
    """One verified account's vote in one category. Never deleted: a voided vote
    keeps its row with who voided it, when and why, and is not counted."""

    account = models.ForeignKey(PollAccount, on_delete=models.PROTECT, related_name="votes")
    category = models.ForeignKey(
        "seasons.Category", on_delete=models.CASCADE, related_name="poll_votes"
    )
    entry = models.ForeignKey(
        "applications.Entry", on_delete=models.CASCADE, related_name="poll_votes"
    )
    at = models.DateTimeField(default=timezone.now)
    # the client address's IPv4 /24 or IPv6 /48
    network = models.CharField(max_length=50, blank=True)
    user_agent = models.CharField(max_length=64, blank=True)  # SHA-256 of the header, hex
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    void_reason = models.TextField(max_length=REASON_MAX, blank=True)

    class Meta:
        ordering = ["category_id", "at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["account", "category"], name="poll_vote_once")
        ]
        indexes = [models.Index(fields=["network", "at"], name="poll_vote_network_time")]

    def __str__(self):
        return f"poll vote {self.pk} for {self.entry_id}"
