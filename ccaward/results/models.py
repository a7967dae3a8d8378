"""Voting and results' tables (票选, 结果公布).

Panel ballots are secret: a `Ballot` has no link to its voter. While the vote is
open it carries `voter_tag`, a keyed hash (HMAC with the deployment's secret key)
of the voter and category, so that a voter's new ballot replaces their last one;
counting the vote wipes the tags, and from then on nothing links a ballot to a
person. `VoterRoll` records who has voted (and how often they replaced their
ballot), never what. A `Count` keeps a category's counted vote and the decision
taken from it; `TieBreak` an organizer's casting decision with its reason;
`SpecialAward` an award decided by the organizers with its justification; a
`Publication` the frozen snapshot of every input and of the outcome, with its
digest and the audit chain's head when it was published.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from ccaward.results.enums import Strength, VoteMethod

REASON_MAX = 2000


class VotingPolicy(models.Model):
    """One row per season, made with its defaults when first changed; fixed once
    the first ballot is cast."""

    season = models.OneToOneField(
        "seasons.Season", on_delete=models.CASCADE, related_name="voting_policy"
    )
    method = models.CharField(
        pgettext_lazy("field", "Voting method"),
        max_length=12,
        choices=VoteMethod.choices,
        default=VoteMethod.SCHULZE,
    )
    # approval: how many entries a voter may approve (empty: the category's quota)
    approvals = models.PositiveSmallIntegerField(
        pgettext_lazy("field", "Approvals per ballot"), null=True, blank=True
    )
    strength = models.CharField(
        pgettext_lazy("field", "Strength of a defeat (Schulze)"),
        max_length=8,
        choices=Strength.choices,
        default=Strength.WINNING,
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"voting policy of {self.season}"


class Ballot(models.Model):
    """A panel member's ballot in a category: `ranking` is [[entry id, ...], ...],
    groups of equals best first (approval: one group, the approved entries)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    category = models.ForeignKey(
        "seasons.Category", on_delete=models.CASCADE, related_name="ballots"
    )
    ranking = models.JSONField(default=list)
    voter_tag = models.CharField(max_length=64, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category", "voter_tag"], name="ballot_one_per_voter_tag"
            )
        ]

    def __str__(self):
        return f"ballot {self.pk} in {self.category_id}"


class VoterRoll(models.Model):
    """Who has voted in a category, and when; never what."""

    category = models.ForeignKey(
        "seasons.Category", on_delete=models.CASCADE, related_name="voter_roll"
    )
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    first_at = models.DateTimeField(default=timezone.now)
    last_at = models.DateTimeField(default=timezone.now)
    times = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["category_id", "voter_id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "voter"], name="roll_one_per_voter")
        ]

    def __str__(self):
        return f"{self.voter_id} voted in {self.category_id}"


class Count(models.Model):
    """A category's counted vote and the decision taken from it.

    `tally`: the engine's TallyResult as JSON (entries by id); `poll`: the poll's
    valid votes per entry and its weight as counted; `outcome`: the decision
    (winners, open ties, each entry's combined score and where the tie-break chain
    settled it)."""

    category = models.OneToOneField(
        "seasons.Category", on_delete=models.CASCADE, related_name="vote_count"
    )
    method = models.CharField(max_length=12, choices=VoteMethod.choices)
    strength = models.CharField(max_length=8, choices=Strength.choices, blank=True)
    seats = models.PositiveIntegerField()
    ballots = models.PositiveIntegerField(default=0)
    tally = models.JSONField(default=dict)
    poll = models.JSONField(default=dict, blank=True)
    outcome = models.JSONField(default=dict)
    counted_at = models.DateTimeField(default=timezone.now)
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"count of {self.category_id}"


class TieBreak(models.Model):
    """An organizer's casting decision on a tie the chain left open: `order` is the
    tied entries' ids, best first, with the reason."""

    category = models.ForeignKey(
        "seasons.Category", on_delete=models.CASCADE, related_name="tie_breaks"
    )
    order = models.JSONField(default=list)
    reason = models.TextField(max_length=REASON_MAX)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["category_id", "-decided_at", "-id"]

    def __str__(self):
        return f"tie-break in {self.category_id}"


class SpecialAward(models.Model):
    """An award the organizers decide (年度特别奖): a special category's winner, an
    entry of the season or a center named here, with the written justification
    shown with the result."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="special_awards"
    )
    category = models.ForeignKey(
        "seasons.Category", on_delete=models.CASCADE, related_name="special_awards"
    )
    entry = models.ForeignKey(
        "applications.Entry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="special_awards",
    )
    center_zh = models.CharField(
        pgettext_lazy("field", "Center (Chinese)"), max_length=200, blank=True
    )
    center_en = models.CharField(
        pgettext_lazy("field", "Center (English)"), max_length=200, blank=True
    )
    justification = models.TextField(pgettext_lazy("field", "Justification"), max_length=REASON_MAX)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["category_id", "id"]

    def __str__(self):
        return f"special award in {self.category_id}"


class Publication(models.Model):
    """A publication of the season's results: the snapshot of every input and of the
    outcome (canonical JSON whose SHA-256 is `digest`) and the audit chain's head
    when it was taken. Withdrawing needs a reason and keeps the row."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="publications"
    )
    number = models.PositiveIntegerField()
    snapshot = models.JSONField(default=dict)
    digest = models.CharField(max_length=64)
    chain_seq = models.PositiveBigIntegerField(default=0)
    chain_head = models.CharField(max_length=64, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdraw_reason = models.TextField(max_length=REASON_MAX, blank=True)

    class Meta:
        ordering = ["season_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["season", "number"], name="publication_number_once")
        ]

    def __str__(self):
        return f"publication {self.number} of {self.season_id}"

    @property
    def live(self) -> bool:
        return self.withdrawn_at is None
