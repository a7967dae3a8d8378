"""Publishing the season's results (结果公布) and withdrawing them.

`publish` refuses (NotReady, naming each problem) while the 票选 stage is open, a
regular category has no count, or a tie across a category's last seat is open,
and while the results are already published. Otherwise it freezes the season's
results: the snapshot of every input and of the outcome (domain/snapshot.py),
its digest and the audit chain's head go into a new Publication (numbered after
the last) and an audit event names the digest. While it is live, counts,
casting decisions and special awards refuse changes (`published.frozen`).

`unpublish` needs a reason; it keeps the row (only its withdrawn_* fields are
set) and records the withdrawal. Nothing ever changes a publication's snapshot
or digest: rows are only created, and withdrawing updates the withdrawn_*
columns alone; `ccaward verify` checks the digest against the snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.applications.enums import COMPETING
from ccaward.applications.models import Entry
from ccaward.core import audit
from ccaward.results.domain import published
from ccaward.results.domain.count import count_of, open_ties, poll_changed
from ccaward.results.domain.snapshot import build, canonical, digest_of
from ccaward.results.models import REASON_MAX, Publication, SpecialAward
from ccaward.seasons.enums import CategoryKind, StageKind
from ccaward.seasons.models import Season

PUBLISHED = "results.published"
WITHDRAWN = "results.withdrawn"
PERMISSION = "results.publish"


class NotReady(Exception):
    """Publishing refused: `problems` says why, each naming its category."""

    code = "not_ready"

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Readiness:
    """What publishing needs, as the organizers' page shows it."""

    counts: list = field(default_factory=list)  # (category, Count | None) of regular ones
    ties: list = field(default_factory=list)  # (category, [entry ids]) of open ties
    special: list = field(default_factory=list)  # SpecialAward rows
    voting_open: bool = False
    live: Publication | None = None
    stale: list = field(default_factory=list)  # categories whose poll moved since the count

    @property
    def missing(self) -> list:
        return [c for c, count in self.counts if count is None]

    def problems(self) -> list[str]:
        out = []
        if self.live is not None:
            out.append(
                pgettext(
                    "publish",
                    "The results are published already (publication %(n)s): withdraw it "
                    "first to publish again.",
                )
                % {"n": self.live.number}
            )
        if self.voting_open:
            out.append(pgettext("publish", "The voting stage (票选) is still open."))
        for category in self.missing:
            out.append(
                pgettext("publish", "%(category)s has no count yet.") % {"category": category.name}
            )
        for category, _tied in self.ties:
            out.append(
                pgettext(
                    "publish",
                    "%(category)s has an open tie across its last seat: an organizer's "
                    "casting decision is needed.",
                )
                % {"category": category.name}
            )
        for category in self.stale:
            out.append(
                pgettext(
                    "publish",
                    "The public poll of %(category)s changed since its count (votes voided "
                    "or added): count it again.",
                )
                % {"category": category.name}
            )
        return out

    @property
    def ready(self) -> bool:
        return not self.problems()


def readiness(season) -> Readiness:
    """Whether the season's results can be published, and what stands in the way:
    each regular category with competing entries needs its count (one without
    entries has nothing to count). Reads only."""
    competing = set(
        Entry.objects.filter(season=season, status__in=COMPETING).values_list(
            "category_id", flat=True
        )
    )
    regular = [c for c in season.categories.all() if c.kind == CategoryKind.REGULAR]
    pairs = [(c, count_of(c)) for c in regular]
    pairs = [(c, count) for c, count in pairs if count is not None or c.pk in competing]
    stage = season.stage(StageKind.VOTING)
    return Readiness(
        counts=pairs,
        ties=open_ties(season),
        special=list(
            SpecialAward.objects.filter(season=season).select_related("category", "entry__center")
        ),
        voting_open=bool(stage and stage.is_open),
        live=published.live(season),
        stale=[c for c, count in pairs if count is not None and poll_changed(count)],
    )


def _allowed(season, by) -> None:
    if by is None or not by.has_perm(PERMISSION, season):
        raise PermissionDenied


@transaction.atomic
def publish(*, season, by) -> Publication:
    """Publish the season's results (see the module's doc). NotReady naming each
    problem, PermissionDenied for anyone but an organizer. Side effects: a
    Publication row (number n+1, the snapshot, its digest, the chain head), an
    audit event "results.published" naming the number and the digest."""
    _allowed(season, by)
    Season.objects.select_for_update().filter(pk=season.pk).first()
    state = readiness(season)
    if not state.ready:
        raise NotReady(state.problems())
    snapshot = canonical(build(season))
    digest = digest_of(snapshot)
    last = Publication.objects.filter(season=season).aggregate(n=Max("number"))["n"] or 0
    publication = Publication.objects.create(
        season=season,
        number=last + 1,
        snapshot=snapshot,
        digest=digest,
        chain_seq=snapshot["chain"]["seq"],
        chain_head=snapshot["chain"]["head"],
        published_by=by,
    )
    audit.record(
        actor=by,
        action=PUBLISHED,
        season=season,
        obj=publication,
        summary=f"{publication.number} {digest}",
        data={
            "number": publication.number,
            "digest": digest,
            "chain_seq": publication.chain_seq,
            "chain_head": publication.chain_head,
        },
    )
    return publication


def _reason(text) -> str:
    reason = (text or "").strip()
    if not reason:
        raise ValidationError({"reason": pgettext("publish", "Say why the results are withdrawn.")})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": pgettext("validation", "At most %(n)s characters.") % {"n": REASON_MAX}}
        )
    return reason


@transaction.atomic
def unpublish(*, season, by, reason: str) -> Publication:
    """Withdraw the live publication with a reason (ValidationError on "reason" when
    empty or too long; NotReady when nothing is published; PermissionDenied for
    anyone but an organizer). Side effects: the publication's withdrawn_at,
    withdrawn_by and withdraw_reason (the snapshot and digest untouched; the row
    kept), an audit event "results.withdrawn" with the number, digest and reason."""
    _allowed(season, by)
    text = _reason(reason)
    publication = (
        Publication.objects.select_for_update()
        .filter(season=season, withdrawn_at__isnull=True)
        .order_by("-number")
        .first()
    )
    if publication is None:
        raise NotReady([pgettext("publish", "The results are not published.")])
    now = timezone.now()
    Publication.objects.filter(pk=publication.pk).update(
        withdrawn_at=now, withdrawn_by=by, withdraw_reason=text
    )
    publication.withdrawn_at, publication.withdrawn_by, publication.withdraw_reason = now, by, text
    audit.record(
        actor=by,
        action=WITHDRAWN,
        season=season,
        obj=publication,
        summary=f"{publication.number}: {text}",
        data={"number": publication.number, "digest": publication.digest, "reason": text},
    )
    return publication
