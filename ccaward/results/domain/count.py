"""Counting a category's vote and the decision taken from it (计票与结果).

Once 票选 has closed (on its dates, or closed early by the organizers' stage
override), an organizer counts a category: the panel's ballots tallied by the
season's voting policy for the category's quota of seats, the public poll's valid
votes and weight when the poll app is installed and enabled, and each entry's
total and dimension scores from the deliberation's evaluation (dimensions in the
framework's weight order, heaviest first) go to `engine.voting.decide`, whose
chain breaks ties: the vote, then the total, then the dimensions, then an
organizer's casting decision (ties.py). Counting wipes the ballots' voter tags:
from then on nothing links a ballot to a person.

A count may be repeated until the season's results are published (`frozen`, as
`published.frozen` reads it);
publishing refuses while a tie stays open (`open_ties`)."""

from __future__ import annotations

import importlib
import secrets
from decimal import Decimal
from fractions import Fraction

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.core.errors import InUse
from ccaward.deliberation.domain.evaluation import season_evaluation
from ccaward.engine.voting import Ballot as EngineBallot
from ccaward.engine.voting import BallotError, decide, tally
from ccaward.engine.voting.csvio import exact_number, tally_json
from ccaward.results.domain.ballots import organizes, shortlisted
from ccaward.results.domain.policy import approvals_allowed, policy_of
from ccaward.results.domain.published import frozen
from ccaward.results.enums import Strength, VoteMethod
from ccaward.results.models import Ballot, Count, TieBreak, VoterRoll
from ccaward.seasons import gates
from ccaward.seasons.enums import CategoryKind, StageKind
from ccaward.seasons.models import Category

COUNTED = "results.count.done"
PLACES = 4  # decimal places of the rounded shares


class Published(InUse):
    """The season's results are published: counts, casting decisions and special
    awards are frozen until the publication is withdrawn."""

    code = "read_only"


class VoteOpen(InUse):
    """The vote is still open: a category is counted once 票选 has closed."""


def refuse_when_frozen(season) -> None:
    """Published unless the season's results are free to change."""
    if frozen(season):
        raise Published(
            pgettext(
                "voting",
                "The results are published: withdraw the publication (with a reason) "
                "before changing a count, a casting decision or a special award.",
            ),
            [pgettext("voting", "the published results")],
        )


def count_of(category) -> Count | None:
    """The category's stored count, or None. Reads only."""
    return Count.objects.filter(category=category).first()


def open_ties(season) -> list[tuple[Category, list[int]]]:
    """(category, the entry ids of its open tie) for each counted category whose
    decision leaves a tie across the last seat. Reads only."""
    out = []
    for count in Count.objects.filter(category__season=season).select_related("category"):
        tied = (count.outcome or {}).get("tied") or []
        if tied:
            out.append((count.category, [int(pk) for pk in tied]))
    return sorted(out, key=lambda pair: (pair[0].position, pair[0].pk))


def fraction_text(value: Fraction | None) -> str | None:
    """A share as exact "p/q" (a whole number as itself)."""
    if value is None:
        return None
    value = Fraction(value)
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def rounded(value: Fraction | None) -> str | None:
    if value is None:
        return None
    return str(round(Decimal(value.numerator) / Decimal(value.denominator), PLACES))


def _poll(category) -> dict:
    """The poll's valid votes per entry and its weight (percent) when the poll app
    is installed and enabled for the season; {} otherwise."""
    if not apps.is_installed("ccaward.poll"):
        return {}
    poll = importlib.import_module("ccaward.poll.domain")
    policy = poll.policy_of(category.season)
    if not policy.enabled:
        return {}
    counts = poll.valid_counts(category)
    return {
        "enabled": True,
        "weight": int(policy.weight),
        "counts": {str(pk): int(n) for pk, n in counts.items()},
    }


def _dimension_keys(evaluated) -> list[tuple[str, dict]]:
    """(code, {"zh", "en"}) of the framework's dimensions, heaviest first (the
    framework's order among equal weights)."""
    framework = evaluated.framework
    if framework is None:
        return []
    dims = sorted(framework.dimensions, key=lambda d: -d.weight)
    return [(d.code, {"zh": d.name_zh, "en": d.name_en}) for d in dims]


def _scores(evaluated, candidates, keys) -> dict:
    """Each candidate's total and dimension scores (decimal strings or None)."""
    out = {}
    for entry in candidates:
        result = evaluated.result(str(entry.pk))
        total = result.total if result else None
        dims = result.dimensions if result else {}
        out[str(entry.pk)] = {
            "total": None if total is None else str(total),
            "dimensions": [None if dims.get(k) is None else str(dims[k]) for k, _names in keys],
        }
    return out


def _engine_ballots(category) -> list[EngineBallot]:
    return [
        EngineBallot(ranks=tuple(frozenset(str(pk) for pk in group) for group in b.ranking))
        for b in Ballot.objects.filter(category=category).order_by("id")
        if b.ranking
    ]


def _tally(category, candidates, policy):
    try:
        return tally(
            _engine_ballots(category),
            method=policy.method,
            seats=category.quota,
            candidates=[str(e.pk) for e in candidates],
            strength=policy.strength,
            max_approvals=approvals_allowed(policy, category)
            if policy.method == VoteMethod.APPROVAL
            else None,
        )
    except BallotError as exc:
        raise ValidationError(
            pgettext("voting", "A ballot was refused by the count: %(problem)s")
            % {"problem": str(exc)}
        ) from exc


def _decide(result, *, seats, poll: dict, scores: dict, keys, casting):
    """The engine's decision: the poll's votes for the candidates standing (an
    entry of the category left off the shortlist is not counted), the totals and
    dimensions as Decimals."""

    def number(text):
        return None if text is None else Decimal(text)

    standing = set(result.candidates)
    counts = (poll or {}).get("counts")
    return decide(
        tally=result,
        seats=seats,
        poll={c: n for c, n in counts.items() if c in standing} if counts is not None else None,
        poll_weight=Fraction(poll.get("weight", 0), 100) if poll else Fraction(0),
        totals={pk: number(s["total"]) for pk, s in scores.items()},
        dimensions={pk: tuple(number(v) for v in s["dimensions"]) for pk, s in scores.items()},
        casting=[str(pk) for pk in casting] if casting else None,
        dimension_keys=[k for k, _names in keys],
    )


def _standing(s) -> dict:
    return {
        "entry": int(s.candidate),
        "panel": fraction_text(s.panel),
        "panel_decimal": rounded(s.panel),
        "poll": fraction_text(s.poll),
        "poll_decimal": rounded(s.poll),
        "combined": fraction_text(s.combined),
        "combined_decimal": rounded(s.combined),
        "total": None if s.total is None else str(s.total),
        "dimensions": [None if d is None else str(d) for d in s.dimensions],
        "place": s.place,
        "settled_by": s.settled_by,
        "winner": bool(s.winner),
        "tied": bool(s.tied),
    }


def _tally_data(result) -> dict:
    data = tally_json(result)
    data["candidates"] = list(result.candidates)
    data["ballots"] = result.ballots
    if result.strongest is not None:
        data["strength"] = result.strength
        data["strongest"] = {a: dict(row) for a, row in result.strongest.items()}
    if result.scores is not None:
        data["scores"] = {c: exact_number(v) for c, v in result.scores.items()}
    return data


def statements(*, policy, seats, ballots, candidates, poll, keys, casting) -> dict[str, str]:
    """How the category was decided, in words: {"zh", "en"}."""
    out = {}
    for code, lang in (("zh", "zh-hans"), ("en", "en")):
        with translation.override(lang):
            method = str(dict(VoteMethod.choices)[policy.method])
            if policy.method == VoteMethod.SCHULZE:
                method += " · " + str(dict(Strength.choices)[policy.strength])
            parts = [
                pgettext(
                    "voting",
                    "Counted by %(method)s from %(ballots)s panel ballots for %(seats)s "
                    "seats among %(candidates)s shortlisted entries.",
                )
                % {"method": method, "ballots": ballots, "seats": seats, "candidates": candidates}
            ]
            if poll:
                parts.append(
                    pgettext(
                        "voting",
                        "The public poll weighed %(weight)s%% and the panel the rest.",
                    )
                    % {"weight": poll.get("weight", 0)}
                )
            else:
                parts.append(pgettext("voting", "No public poll: the panel alone decided."))
            names = pgettext("list separator", ", ").join(n[code] or n["zh"] for _k, n in keys)
            parts.append(
                pgettext(
                    "voting",
                    "Ties were broken by the vote, then the total, then the dimensions "
                    "in the framework's weight order (%(dimensions)s), then an "
                    "organizer's casting decision with its reason.",
                )
                % {"dimensions": names or "—"}
            )
            if casting:
                parts.append(pgettext("voting", "A casting decision was recorded."))
            out[code] = ("" if code == "zh" else " ").join(parts)
    return out


def latest_casting(category, tied: list[str]) -> TieBreak | None:
    """The latest casting decision of `category` when it orders exactly the
    entries of the tie left open (`tied`, entry ids as strings)."""
    last = TieBreak.objects.filter(category=category).first()
    if last is None or {str(pk) for pk in last.order} != set(tied):
        return None
    return last


def _names(category, ids) -> list[str]:
    entries = {
        e.pk: e.center.name for e in category.entries.select_related("center").filter(pk__in=ids)
    }
    return [entries.get(int(pk), f"#{pk}") for pk in ids]


def _store(*, category, by, policy, result, poll, scores, keys, action) -> Count:
    """Decide from the tally and inputs (with the latest casting decision when it
    orders the tie left open), and save the category's Count with an audit event."""
    seats = category.quota
    decision = _decide(result, seats=seats, poll=poll, scores=scores, keys=keys, casting=None)
    open_tie = list(decision.tied)
    casting = latest_casting(category, open_tie) if open_tie else None
    if casting is not None:
        decision = _decide(
            result, seats=seats, poll=poll, scores=scores, keys=keys, casting=casting.order
        )
    words = statements(
        policy=policy,
        seats=seats,
        ballots=result.ballots,
        candidates=len(result.candidates),
        poll=poll,
        keys=keys,
        casting=casting is not None,
    )
    outcome = {
        "winners": [int(pk) for pk in decision.winners],
        "tied": [int(pk) for pk in decision.tied],
        "standings": [_standing(s) for s in decision.standings],
        "statement": words,
        "dimensions": [{"key": k, **names} for k, names in keys],
        "casting": [int(pk) for pk in casting.order] if casting else None,
        "casting_reason": casting.reason if casting else "",
        "tie_before_casting": [int(pk) for pk in open_tie],
        "inputs": scores,
    }
    count = Count.objects.select_for_update().filter(category=category).first()
    recount = count is not None
    count = count or Count(category=category, version=0)
    count.method = policy.method
    count.strength = policy.strength if policy.method == VoteMethod.SCHULZE else ""
    count.seats = seats
    count.ballots = result.ballots
    count.tally = _tally_data(result)
    count.poll = poll
    count.outcome = outcome
    count.counted_at = timezone.now()
    count.counted_by = by
    count.version += 1
    count.save()
    audit.record(
        actor=by,
        action=action,
        season=category.season,
        obj=count,
        summary=category.name_zh,
        data={
            "category": {"zh": category.name_zh, "en": category.name_en},
            "method": policy.method,
            "ballots": result.ballots,
            "seats": seats,
            "winners": _names(category, outcome["winners"]),
            "tied": _names(category, outcome["tied"]),
            "recount": recount,
            "version": count.version,
        },
    )
    return count


def _untag(category) -> None:
    """Wipe the category's voter tags: its ballots are written again without them,
    in a random order under new ids, so that not even the rows' order in the
    database follows the order in which the roll says the judges first voted. Once
    no ballot carries a tag (a recount), nothing is rewritten."""
    if not Ballot.objects.filter(category=category, voter_tag__isnull=False).exists():
        return
    rankings = list(Ballot.objects.filter(category=category).values_list("ranking", flat=True))
    secrets.SystemRandom().shuffle(rankings)
    Ballot.objects.filter(category=category).delete()
    Ballot.objects.bulk_create(Ballot(category=category, ranking=r) for r in rankings)


def _countable(category) -> list:
    """The category's shortlisted entries, once it can be counted: ValidationError
    for a special award, no shortlist, a quota larger than the shortlist, no
    ballot."""
    if category.kind == CategoryKind.SPECIAL:
        raise ValidationError(
            pgettext(
                "voting", "%(category)s is a special award: the organizers decide it, nobody votes."
            )
            % {"category": category.name}
        )
    candidates = shortlisted(category)
    if not candidates:
        raise ValidationError(
            pgettext("voting", "%(category)s has no shortlist to count a vote on.")
            % {"category": category.name}
        )
    if category.quota > len(candidates):
        raise ValidationError(
            pgettext(
                "voting",
                "The quota of %(category)s (%(quota)s) is larger than its shortlist "
                "(%(listed)s entries): lower the quota or lengthen the shortlist.",
            )
            % {"category": category.name, "quota": category.quota, "listed": len(candidates)}
        )
    cast = Ballot.objects.filter(category=category).count()
    if not cast:
        raise ValidationError(
            pgettext("voting", "No ballot has been cast in %(category)s.")
            % {"category": category.name}
        )
    voted = VoterRoll.objects.filter(category=category).count()
    if cast != voted:
        raise ValidationError(
            pgettext(
                "voting",
                "%(category)s has %(ballots)s ballots but %(voters)s voters on its roll: a "
                "ballot was added or removed outside the vote. Nothing was counted.",
            )
            % {"category": category.name, "ballots": cast, "voters": voted}
        )
    return candidates


def poll_changed(count: Count) -> bool:
    """Whether the poll's valid votes in the count's category differ from those the
    count took (a vote voided or added since): the category must be counted again."""
    now = _poll(count.category)
    return (now or {}).get("counts", {}) != (count.poll or {}).get("counts", {})


@transaction.atomic
def count_category(*, category, by) -> Count:
    """Count `category`'s vote and decide it.

    Organizers only (PermissionDenied), once 票选 has closed (VoteOpen), until the
    results are published (Published). ValidationError for a special award, no
    shortlist, a quota larger than the shortlist, no ballot. Side effects: the
    category row locked; every ballot's voter tag wiped (the ballots written again
    in a random order under new ids); the Count row made or replaced (its version
    bumped) with the tally, the poll and the decision; an audit event
    "results.count.done" (a recount says so)."""
    season = category.season
    if not organizes(by, season):
        raise PermissionDenied(pgettext("voting", "Only organizers count the vote."))
    if gates.is_open(season, StageKind.VOTING):
        raise VoteOpen(
            pgettext(
                "voting",
                "The vote is still open: count it once the voting stage has closed, or "
                "close the stage early.",
            ),
            [str(dict(StageKind.choices)[StageKind.VOTING])],
        )
    refuse_when_frozen(season)
    category = Category.objects.select_for_update().select_related("season").get(pk=category.pk)
    candidates = _countable(category)
    policy = policy_of(season)
    result = _tally(category, candidates, policy)
    _untag(category)
    evaluated = season_evaluation(season)
    keys = _dimension_keys(evaluated)
    return _store(
        category=category,
        by=by,
        policy=policy,
        result=result,
        poll=_poll(category),
        scores=_scores(evaluated, candidates, keys),
        keys=keys,
        action=COUNTED,
    )


def decide_again(*, category, by, action: str) -> Count:
    """The category's decision taken again from its ballots and the inputs stored
    with its count (the poll, the totals and dimensions), with the latest casting
    decision. Side effects: the Count row replaced, an audit event `action`."""
    count = count_of(category)
    if count is None:
        raise ValidationError(pgettext("voting", "The vote in this category has not been counted."))
    candidates = shortlisted(category) or []
    policy = policy_of(category.season)
    result = _tally(category, candidates, policy)
    keys = [(d["key"], {"zh": d["zh"], "en": d["en"]}) for d in count.outcome.get("dimensions", [])]
    return _store(
        category=category,
        by=by,
        policy=policy,
        result=result,
        poll=count.poll or {},
        scores=count.outcome.get("inputs")
        or _scores(season_evaluation(category.season), candidates, keys),
        keys=keys,
        action=action,
    )
