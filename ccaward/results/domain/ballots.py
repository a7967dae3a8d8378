"""Panel ballots (评委投票) on a category's shortlist, cast while 票选 is open.

The panel of a category is the season's judges (organizers vote only when they
are judges too), less those recused from it: a judge with a conflict of interest
(declared, detected and undecided, or confirmed: judging's blocking statuses)
with an entry on the category's shortlist does not vote in that category. Any
ballot of theirs would speak about that entry: ranking or approving it, or, by
leaving it off, ranking it below the others; recusal is the only neutral choice.

Secrecy: a `Ballot` row has no link to its voter. While the vote is open it
carries `voter_tag`, HMAC-SHA256 of "<category id>:<voter id>" under a key derived
from the deployment's SECRET_KEY for this purpose alone, so a voter's new ballot
replaces their last one in place (only the last counts) and a judge can see their
own ballot back. `VoterRoll` records who voted, when and how often, never what;
the audit event says who voted in which category, never what. Counting wipes the
tags (`count.count_category`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.core.errors import InUse
from ccaward.deliberation.models import Shortlist, ShortlistEntry
from ccaward.engine.voting import Ballot as EngineBallot
from ccaward.engine.voting import BallotError, tally
from ccaward.judging.enums import BLOCKING_STATUSES
from ccaward.judging.models import Conflict, JudgeProfile
from ccaward.people.enums import Role
from ccaward.people.models import User
from ccaward.people.rules import is_judge, is_organizer, is_superuser
from ccaward.results.domain.policy import approvals_allowed, policy_of
from ccaward.results.enums import VoteMethod
from ccaward.results.models import Ballot, Count, VoterRoll
from ccaward.reviews.blind import entry_code
from ccaward.reviews.blind import policy_of as blind_policy
from ccaward.seasons import gates
from ccaward.seasons.enums import CategoryKind, StageKind
from ccaward.seasons.models import Category

CAST = "results.ballot.cast"
# the purpose the voter tag's key is derived for (never used for anything else)
TAG_PURPOSE = "ccaward.results.ballot.voter_tag"


class VoteCounted(InUse):
    """The category's vote has been counted: no ballot is taken any more."""


def voter_tag(category, voter) -> str:
    """HMAC-SHA256 (hex) of "<category id>:<voter id>" under a key derived from
    SECRET_KEY for this purpose: the same voter and category give the same tag."""
    return salted_hmac(TAG_PURPOSE, f"{category.pk}:{voter.pk}", algorithm="sha256").hexdigest()


def organizes(user, season) -> bool:
    return bool(is_superuser(user) or is_organizer(user, season))


def shortlisted(category) -> list | None:
    """The entries on the category's shortlist in its rank order (model rows with
    their centers); None when no shortlist has been set. Reads only."""
    if not Shortlist.objects.filter(category=category).exists():
        return None
    rows = (
        ShortlistEntry.objects.filter(shortlist__category=category, listed=True)
        .select_related("entry__center", "entry__season")
        .order_by(F("rank").asc(nulls_last=True), "entry_id")
    )
    return [row.entry for row in rows]


def shortlist_lock(category) -> str:
    """Why `category`'s shortlist can no longer change: ballots have been cast on it
    ("" otherwise; deliberation asks through its `lock_when` registry)."""
    cast = Ballot.objects.filter(category=category).count()
    if not cast:
        return ""
    return pgettext(
        "voting",
        "%(n)s ballots have been cast on this shortlist: it can no longer change, or "
        "the ballots would name other candidates than the judges were shown.",
    ) % {"n": cast}


def judges_of(season) -> list[User]:
    """The season's judges (the panel before recusals), by name."""
    return list(
        User.objects.filter(season_roles__season=season, season_roles__role=Role.JUDGE)
        .distinct()
        .order_by("name", "email")
    )


def _blocking(season) -> dict[int, set[int]]:
    """{user id: entry ids} of the blocking conflicts of the season's judges (by
    the profile's account, else its e-mail)."""
    users = {u.email.lower(): u.pk for u in judges_of(season)}
    out: dict[int, set[int]] = {}
    conflicts = Conflict.objects.filter(season=season, status__in=BLOCKING_STATUSES)
    profiles = {
        p.pk: p.user_id or users.get((p.email or "").lower())
        for p in JudgeProfile.objects.filter(season=season)
    }
    for judge_id, entry_id in conflicts.values_list("judge_id", "entry_id"):
        user_id = profiles.get(judge_id)
        if user_id:
            out.setdefault(user_id, set()).add(entry_id)
    return out


@dataclass
class PanelMember:
    user: User
    recused_from: list  # the shortlisted entries a conflict of interest keeps them from

    @property
    def votes(self) -> bool:
        return not self.recused_from


def panel_of(category, candidates=None) -> list[PanelMember]:
    """The season's judges with, for each, the shortlisted entries they are
    recused for. Reads only."""
    candidates = shortlisted(category) if candidates is None else candidates
    blocking = _blocking(category.season)
    ids = {e.pk: e for e in candidates or []}
    return [
        PanelMember(u, [ids[pk] for pk in sorted(blocking.get(u.pk, set()) & set(ids))])
        for u in judges_of(category.season)
    ]


def entry_name(entry, reader) -> str:
    """The entry as `reader` sees it: its center's name, or its code to a judge
    while reviews are blind."""
    if blind_policy(entry.season).blind and not organizes(reader, entry.season):
        return entry_code(entry)
    return entry.center.name


def ranking_from_ranks(ranks: dict) -> list[list[int]]:
    """A ranked ballot from {entry id: rank number or None}: groups of equal numbers,
    lowest number first; entries without a number are left unranked."""
    groups: dict[int, list[int]] = {}
    for pk, rank in ranks.items():
        if rank is not None:
            groups.setdefault(int(rank), []).append(int(pk))
    return [sorted(groups[n]) for n in sorted(groups)]


def ranks_from_ranking(ranking) -> dict[int, int]:
    """{entry id: rank number} of a stored ranking (1 for the first group, then
    each group's place counted as 1 + the entries before it)."""
    out: dict[int, int] = {}
    place = 1
    for group in ranking or []:
        for pk in group:
            out[int(pk)] = place
        place += len(group)
    return out


def _as_ids(ranking) -> list[list]:
    if not isinstance(ranking, list | tuple):
        raise ValidationError(
            {"ranking": pgettext("voting", "A ballot is a list of groups of entries.")}
        )
    groups = []
    for group in ranking:
        items = list(group) if isinstance(group, list | tuple | set | frozenset) else [group]
        ids = []
        for pk in items:
            if isinstance(pk, bool) or not isinstance(pk, int | str) or not str(pk).isdigit():
                raise ValidationError(
                    {"ranking": pgettext("voting", "Not an entry: %(value)s.") % {"value": pk}}
                )
            ids.append(int(pk))
        if ids:
            groups.append(ids)
    return groups


def _name_of(pk: int, by_id: dict, season, reader) -> str:
    entry = by_id.get(pk)
    if entry is not None:
        return entry_name(entry, reader)
    from_season = season.entries.select_related("center", "season").filter(pk=pk).first()
    return entry_name(from_season, reader) if from_season else f"#{pk}"


def _check(groups, *, candidates, method, allowed, season, reader) -> None:
    """ValidationError on "ranking" naming the entry: not on the shortlist, twice,
    more approvals than allowed, an empty ballot."""
    by_id = {e.pk: e for e in candidates}
    seen: set[int] = set()
    for pk in (pk for group in groups for pk in group):
        name = _name_of(pk, by_id, season, reader)
        if pk not in by_id:
            raise ValidationError(
                {
                    "ranking": pgettext("voting", "%(entry)s is not on this category's shortlist.")
                    % {"entry": name}
                }
            )
        if pk in seen:
            raise ValidationError(
                {
                    "ranking": pgettext("voting", "%(entry)s is on the ballot twice.")
                    % {"entry": name}
                }
            )
        seen.add(pk)
    if not seen:
        raise ValidationError(
            {
                "ranking": pgettext("voting", "Approve at least one entry.")
                if method == VoteMethod.APPROVAL
                else pgettext("voting", "Rank at least one entry.")
            }
        )
    if method == VoteMethod.APPROVAL and len(seen) > allowed:
        raise ValidationError(
            {
                "ranking": pgettext(
                    "voting",
                    "%(n)s entries approved: a ballot approves at most %(k)s.",
                )
                % {"n": len(seen), "k": allowed}
            }
        )


def _engine_check(groups, *, candidates, policy, allowed, season, reader) -> None:
    """The engine's own validation of the one ballot (the rules the count applies),
    its refusal naming the entry."""
    ballot = EngineBallot(ranks=tuple(frozenset(str(pk) for pk in g) for g in groups))
    approval = policy.method == VoteMethod.APPROVAL
    try:
        tally(
            [ballot],
            method=policy.method,
            seats=1,
            candidates=[str(e.pk) for e in candidates],
            strength=policy.strength,
            max_approvals=allowed if approval else None,
        )
    except BallotError as exc:
        found = str(exc.candidate or "")
        by_id = {e.pk: e for e in candidates}
        name = _name_of(int(found), by_id, season, reader) if found.isdigit() else ""
        text = f"{name}: {exc.message}" if name else exc.message
        raise ValidationError({"ranking": text}) from exc


def _may_vote(*, category, voter, by, candidates) -> None:
    """PermissionDenied unless `voter` casts their own ballot as a judge of the
    season free of any conflict with the shortlist."""
    season = category.season
    if by is None or by.pk != voter.pk:
        raise PermissionDenied(pgettext("voting", "A ballot is cast only by its voter."))
    if not is_judge(voter, season):
        raise PermissionDenied(pgettext("voting", "Only the season's judges vote."))
    blocked = _blocking(season).get(voter.pk, set())
    for entry in candidates:
        if entry.pk in blocked:
            raise PermissionDenied(
                pgettext(
                    "voting",
                    "You have a conflict of interest with %(entry)s, which is on this "
                    "category's shortlist: you do not vote in this category.",
                )
                % {"entry": entry_name(entry, voter)}
            )


def voting_refusal(category) -> str:
    """Why no ballot can be cast in `category` whatever the voter ("" when one can):
    a special award, no shortlist, an empty shortlist, a counted vote."""
    if category.kind == CategoryKind.SPECIAL:
        return pgettext(
            "voting", "%(category)s is a special award: the organizers decide it, nobody votes."
        ) % {"category": category.name}
    candidates = shortlisted(category)
    if candidates is None:
        return pgettext(
            "voting",
            "%(category)s has no shortlist yet: voting opens in a category once the "
            "organizers have set its shortlist.",
        ) % {"category": category.name}
    if not candidates:
        return pgettext("voting", "%(category)s's shortlist lists no entry.") % {
            "category": category.name
        }
    if Count.objects.filter(category=category).exists():
        return pgettext(
            "voting", "The vote in %(category)s has been counted: no ballot is taken any more."
        ) % {"category": category.name}
    return ""


@transaction.atomic
def cast_ballot(*, category, voter, ranking, by) -> Ballot:
    """Cast (or replace) `voter`'s ballot in `category`.

    `ranking`: groups of entry ids, best first (entries in one group ranked equal;
    entries left off rank below every ranked one); approval: one group, the
    approved entries. Only while 票选 is open (StageClosed: no organizer
    correction, a ballot after the close is never taken); only by the voter
    (`by`), a judge of the season not recused from the category
    (PermissionDenied); ValidationError on "ranking" naming the entry: not on the
    shortlist, twice, more approvals than the policy allows, an empty ballot, no
    shortlist; VoteCounted once the category has been counted.

    Side effects: the category row locked for the cast; the voter's Ballot (found
    by their tag) updated in place, or made; their VoterRoll row made or its last
    time and times moved on; an audit event "results.ballot.cast" naming the voter
    and the category, never the ballot's content or row."""
    season = category.season
    gates.require_open(season, StageKind.VOTING, by=None)
    category = Category.objects.select_for_update().select_related("season").get(pk=category.pk)
    refusal = voting_refusal(category)
    if refusal:
        if Count.objects.filter(category=category).exists():
            raise VoteCounted(refusal, [category.name])
        raise ValidationError({"ranking": refusal})
    candidates = shortlisted(category)
    _may_vote(category=category, voter=voter, by=by, candidates=candidates)
    policy = policy_of(season)
    allowed = approvals_allowed(policy, category)
    groups = _as_ids(ranking)
    if policy.method == VoteMethod.APPROVAL:
        groups = [sorted({pk for g in groups for pk in g})] if groups else []
    _check(
        groups,
        candidates=candidates,
        method=policy.method,
        allowed=allowed,
        season=season,
        reader=voter,
    )
    _engine_check(
        groups, candidates=candidates, policy=policy, allowed=allowed, season=season, reader=voter
    )
    tag = voter_tag(category, voter)
    now = timezone.now()
    ballot = Ballot.objects.select_for_update().filter(category=category, voter_tag=tag).first()
    replaced = ballot is not None
    if ballot is None:
        ballot = Ballot(category=category, voter_tag=tag)
    ballot.ranking = groups
    ballot.save()
    roll = VoterRoll.objects.select_for_update().filter(category=category, voter=voter).first()
    if roll is None:
        roll = VoterRoll.objects.create(category=category, voter=voter, first_at=now, last_at=now)
    else:
        roll.last_at = now
        roll.times += 1
        roll.save(update_fields=["last_at", "times"])
    audit.record(
        actor=by,
        action=CAST,
        season=season,
        obj=category,
        summary=category.name_zh,
        data={
            "category": {"zh": category.name_zh, "en": category.name_en},
            "voter": voter.display_name,
            "replaced": replaced,
            "times": roll.times,
        },
    )
    return ballot


def my_ballot(*, category, voter) -> Ballot | None:
    """`voter`'s current ballot in `category` (found by their tag), or None: none
    cast, or the vote counted (the tags wiped). Reads only."""
    return Ballot.objects.filter(category=category, voter_tag=voter_tag(category, voter)).first()


def roll_of(category) -> list[VoterRoll]:
    """Who has voted in `category`, with when and how often; never what."""
    return list(VoterRoll.objects.filter(category=category).select_related("voter"))


def roll_progress(category) -> dict:
    """A category's roll against its panel: each judge with their roll row (who has
    voted and when, never what) and whether they are recused; how many of the
    judges who may vote have voted. Reads only."""
    candidates = shortlisted(category)
    panel = panel_of(category, candidates) if candidates else []
    rolls = {r.voter_id: r for r in roll_of(category)}
    voters = [m for m in panel if m.votes]
    return {
        "category": category,
        "special": category.kind == CategoryKind.SPECIAL,
        "shortlisted": candidates,
        "panel": [{"member": m, "roll": rolls.get(m.user.pk)} for m in panel],
        "size": len(voters),
        "voted": sum(1 for m in voters if m.user.pk in rolls),
    }
