"""Votes of the public poll: one per verified account and category, for an entry on
the category's shortlist (deliberation's 入围名单), while the poll is held and 票选
is open. Votes are rows kept for good (voiding marks them: voiding.py); a public
vote writes no audit event, the row with its time and network is its record."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.deliberation.domain.shortlist import shortlist_of
from ccaward.engine import schedule
from ccaward.poll.domain import limits
from ccaward.poll.domain.gate import require_poll
from ccaward.poll.domain.policy import organizes
from ccaward.poll.models import PollAccount, PollVote
from ccaward.results.models import Count
from ccaward.seasons.enums import StageKind

RECORDED = "poll.votes.recorded"


class AlreadyVoted(Exception):
    """The account has voted in this category; `vote` is that vote."""

    def __init__(self, vote: PollVote):
        self.vote = vote
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return pgettext(
            "poll",
            "You have already voted in this category, for %(center)s on %(time)s. Each "
            "account votes once in each category; your vote is counted once.",
        ) % {
            "center": self.vote.entry.center.name,
            "time": timezone.localtime(self.vote.at).strftime("%Y-%m-%d %H:%M"),
        }


def entries_of(category) -> list:
    """The entries on the category's shortlist, by center name (no rank shown to
    the public); [] before the shortlist is set. Reads only."""
    shortlist = shortlist_of(category)
    if shortlist is None:
        return []
    listed = [row.entry for row in shortlist.rows.all() if row.listed]
    return sorted(listed, key=lambda e: (e.center.name, e.pk))


def public_entries(category) -> list:
    """`entries_of` as the public may see them: none before 票选 has opened, so the
    panel's working shortlist is not shown before the vote it is made for."""
    stage = category.season.stage(StageKind.VOTING)
    if stage is None or stage.state() == schedule.UPCOMING:
        return []
    return entries_of(category)


def counted(category) -> bool:
    """Whether the panel's vote in `category` has been counted: the poll's share was
    taken then, so the poll takes no more votes there."""
    return Count.objects.filter(category=category).exists()


def vote_of(account, category) -> PollVote | None:
    if account is None:
        return None
    return (
        PollVote.objects.filter(account=account, category=category)
        .select_related("entry__center")
        .first()
    )


def _entry(category, entry_id):
    for entry in entries_of(category):
        if entry.pk == entry_id:
            return entry
    raise ValidationError(
        {"entry": pgettext("poll", "Choose one of the shortlisted entries of this category.")}
    )


def cast_vote(
    *, account, category, entry_id: int, network: str, user_agent: str = "", now=None
) -> PollVote:
    """`account`'s vote for the entry `entry_id` in `category`.

    Refused: the season holds no poll (PollNotHeld) or 票选 is closed (StageClosed);
    an account of another season or not verified (PermissionDenied); an entry not on
    the shortlist (ValidationError on "entry"); a category whose vote has been
    counted (PermissionDenied); too many votes from `network` in the
    last minute (RateLimited); a second vote in the category (AlreadyVoted: nothing
    is counted twice, also for two requests at the same instant). `user_agent` is the
    header's digest (network.agent_digest). Side effect: one PollVote row.
    """
    season = category.season
    if account is None or account.season_id != season.pk or account.verified_at is None:
        raise PermissionDenied(pgettext("poll", "Sign in with your e-mail or phone to vote."))
    require_poll(season)
    if counted(category):
        raise PermissionDenied(
            pgettext(
                "poll",
                "The vote in %(category)s has been counted: the poll takes no more votes there.",
            )
            % {"category": category.name}
        )
    entry = _entry(category, int(entry_id))
    now = now or timezone.now()
    earlier = vote_of(account, category)
    if earlier is not None:
        raise AlreadyVoted(earlier)
    limits.check_vote(network=network, now=now)
    try:
        with transaction.atomic():
            return PollVote.objects.create(
                account=account,
                category=category,
                entry=entry,
                at=now,
                network=network,
                user_agent=user_agent,
            )
    except IntegrityError:
        raise AlreadyVoted(vote_of(account, category)) from None


def _import_account(season, email, created_at, network) -> PollAccount:
    found = PollAccount.objects.filter(season=season, email=email).first()
    if found is not None:
        return found
    return PollAccount.objects.create(
        season=season, email=email, created_at=created_at, verified_at=created_at, network=network
    )


@transaction.atomic
def record_votes(*, category, by, rows: list[dict]) -> list[PollVote]:
    """Votes recorded as given (an import, the demo): each row {"email", "entry",
    "at", "network", "account_created" (optional, else "at"), "user_agent"
    (optional digest)}; accounts are found by e-mail or made verified at their
    creation time. No rate limits apply.

    Organizers only (PermissionDenied); the poll must be enabled (PollNotHeld); a
    closed 票选 passes as an organizer's correction. ValidationError names the row
    ("rows.<n>") of an entry off the shortlist or a second vote of an account in
    the category (nothing is saved then). Side effects: PollAccount and PollVote
    rows, one audit event "poll.votes.recorded" with the count.
    """
    season = category.season
    if not organizes(by, season):
        raise PermissionDenied(pgettext("poll", "Only organizers record votes."))
    note = require_poll(season, by=by)
    listed = {e.pk: e for e in entries_of(category)}
    made = []
    seen = set()
    for n, row in enumerate(rows):
        entry = listed.get(int(row["entry"]))
        email = str(row["email"]).strip().lower()
        if entry is None or email in seen:
            raise ValidationError(
                {
                    f"rows.{n}": pgettext("poll", "Not an entry of the shortlist.")
                    if entry is None
                    else pgettext("poll", "This account votes twice in the category.")
                }
            )
        seen.add(email)
        account = _import_account(
            season, email, row.get("account_created") or row["at"], row.get("network", "")
        )
        if PollVote.objects.filter(account=account, category=category).exists():
            raise ValidationError(
                {f"rows.{n}": pgettext("poll", "This account votes twice in the category.")}
            )
        made.append(
            PollVote(
                account=account,
                category=category,
                entry=entry,
                at=row["at"],
                network=row.get("network", ""),
                user_agent=row.get("user_agent", ""),
            )
        )
    PollVote.objects.bulk_create(made)
    audit.record(
        actor=by,
        action=RECORDED,
        season=season,
        obj=category,
        summary=f"{len(made)} votes",
        data={
            "count": len(made),
            "category": {"zh": category.name_zh, "en": category.name_en},
            **({"note": note} if note else {}),
        },
    )
    return made


def record_vote(
    *, category, entry: int, email: str, by, at, network: str, account_created=None
) -> PollVote:
    """One vote recorded as given (record_votes with one row: its rules and side effects)."""
    row = {"email": email, "entry": entry, "at": at, "network": network}
    if account_created is not None:
        row["account_created"] = account_created
    return record_votes(category=category, by=by, rows=[row])[0]


def shortlist_lock(category) -> str:
    """Why `category`'s shortlist can no longer change: the public has voted on it,
    voided votes included ("" otherwise; deliberation asks through `lock_when`)."""
    cast = PollVote.objects.filter(category=category).count()
    if not cast:
        return ""
    return pgettext(
        "poll",
        "The public poll has %(n)s votes on this shortlist: it can no longer change.",
    ) % {"n": cast}


def valid_counts(category) -> dict[int, int]:
    """{entry id: votes not voided} for the category: every shortlisted entry (0 when
    it has none) and any other entry with a counted vote. Reads only."""
    counts = {e.pk: 0 for e in entries_of(category)}
    counted = Counter(
        PollVote.objects.filter(category=category, voided_at__isnull=True).values_list(
            "entry_id", flat=True
        )
    )
    counts.update(counted)
    return counts


def counts_of(category) -> list[dict]:
    """Per entry of the shortlist (and any other with votes): {"entry", "center",
    "valid", "voided"}, most valid votes first. Reads only."""
    entries = {e.pk: e for e in entries_of(category)}
    valid: Counter = Counter()
    voided: Counter = Counter()
    for vote in PollVote.objects.filter(category=category).select_related("entry__center"):
        entries.setdefault(vote.entry_id, vote.entry)
        (voided if vote.voided_at else valid)[vote.entry_id] += 1
    rows = [
        {"entry": pk, "center": e.center.name, "valid": valid[pk], "voided": voided[pk]}
        for pk, e in entries.items()
    ]
    return sorted(rows, key=lambda r: (-r["valid"], r["center"], r["entry"]))
