"""Demo: voting and published results (票选, 结果公布) after deliberation (step 60).

The secretariat sets the shortlist of every regular category that has none yet (the
ranking's default line) and gives the season's judges accounts for the vote; the
voting stage is opened early for the demo and each judge free of a conflict with a
category's shortlist casts a ranked ballot (Schulze), drawn from the totals with
some noise (seeded: the same demo every time), a few ranking entries equal. A small
public poll (网络投票, weight 20%) in the largest category has votes spread over three
days from many networks, and a burst: 30 votes for one entry within two minutes from
one network by accounts made minutes before, which the signals catch and the
secretariat voids with a reason. Then the stage is closed, each category counted, a
tie across the last seat decided by a casting order with its reason, the special
award named with its justification, the results published and the 结果公布 stage
opened."""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import PermissionDenied

from ccaward.core.demo import DemoContext, demo_step
from ccaward.deliberation.domain import evaluation as totals
from ccaward.deliberation.domain import shortlist as shortlists
from ccaward.deliberation.domain.ranking import category_ranking, shortlist_line
from ccaward.judging.models import JudgeProfile
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.people.models import User
from ccaward.poll.domain import policy as poll_policy
from ccaward.poll.domain import signals as poll_signals
from ccaward.poll.domain import voiding, votes
from ccaward.results.domain import ballots as panel
from ccaward.results.domain import count as counting
from ccaward.results.domain import publish as publishing
from ccaward.results.domain import special, ties
from ccaward.results.domain.ballots import shortlisted
from ccaward.seasons.domain.seasons import override_stage
from ccaward.seasons.enums import CategoryKind, StageKind

SEED = 20261206
POLL_WEIGHT = 20
OPEN_REASON = "演示：提前开启票选，评委会完成投票后即关闭。"
CLOSE_REASON = "演示：评委均已投票，提前结束票选。"
RESULTS_REASON = "演示：评选结果已公布。"
VOID_REASON = "同一网段的新注册账号在两分钟内集中投票，经核查为刷票，作废。"
CASTING_REASON = "两家并列且总分、各维度得分均相同，评委会主任委员依据现场评审记录裁定。"
SPECIAL_REASON = (
    "在本年度汛期应急保障中，该中心 7x24 小时不间断服务，话务量激增三倍仍保持接通率 95% 以上，"
    "评委会一致决定授予年度特别奖。"
)


def _shortlists(season, by, evaluated) -> None:
    for category in season.categories.filter(kind=CategoryKind.REGULAR):
        if shortlists.shortlist_of(category) is not None:
            continue
        ranking = category_ranking(evaluated, category)
        if not any(row.rank for row in ranking):
            continue
        listed = shortlists.default_ids(ranking, shortlist_line(evaluated, category))
        shortlists.set_shortlist(
            category=category,
            listed=listed,
            reasons={},
            by=by,
            base_version=0,
            season_evaluation=evaluated,
        )


def _panel(season, by) -> list[User]:
    """An account for every judge of the season that has none (unusable password:
    the demo votes for them), with the judge role."""
    known = {u.email.lower(): u for u in User.objects.all()}
    voters = []
    for profile in JudgeProfile.objects.filter(season=season).order_by("pk"):
        user = profile.user or known.get(profile.email.lower())
        if user is None:
            user = people.create_user(
                email=profile.email, password=None, name=profile.name, by=by, season=season
            )
        if not user.season_roles.filter(season=season, role=Role.JUDGE).exists():
            people.grant_role(season=season, user=user, role=Role.JUDGE, by=by)
        voters.append(user)
    return voters


def _ballot(rng, candidates, totals_of) -> list[list[int]]:
    """A judge's ranking: the total plus noise, close ones sometimes ranked equal."""
    noisy = sorted(candidates, key=lambda e: -(float(totals_of.get(e.pk) or 0) + rng.gauss(0, 4)))
    groups: list[list[int]] = []
    for entry in noisy:
        if groups and rng.random() < 0.12:
            groups[-1].append(entry.pk)
        else:
            groups.append([entry.pk])
    return groups


def _vote(season, voters, evaluated, rng) -> int:
    totals_of = {r.entry: r.total for r in evaluated.results}
    totals_of = {row.pk: totals_of.get(label) for label, row in evaluated.entries.items()}
    cast = 0
    for category in season.categories.filter(kind=CategoryKind.REGULAR):
        candidates = shortlisted(category)
        if not candidates:
            continue
        for voter in voters:
            try:
                panel.cast_ballot(
                    category=category,
                    voter=voter,
                    ranking=_ballot(rng, candidates, totals_of),
                    by=voter,
                )
            except PermissionDenied:  # a conflict with the shortlist: no vote here
                continue
            cast += 1
    return cast


def _poll_rows(rng, candidates, now) -> list[dict]:
    """Votes over three days from many networks, then a burst for one entry."""
    rows = []
    weights = [len(candidates) - i for i in range(len(candidates))]
    start = now - dt.timedelta(days=3)
    for n in range(90):
        at = start + dt.timedelta(seconds=rng.uniform(0, 3 * 86400 - 3600))
        entry = rng.choices(candidates, weights=weights)[0]
        rows.append(
            {
                "email": f"fan{n:03d}@voter.demo.ccaward.cn",
                "entry": entry.pk,
                "at": at,
                "network": f"10.{rng.randrange(1, 200)}.{rng.randrange(0, 250)}.0/24",
                "account_created": at - dt.timedelta(days=rng.uniform(5, 400)),
            }
        )
    target = candidates[-1]
    burst = now - dt.timedelta(hours=5)
    for n in range(30):
        at = burst + dt.timedelta(seconds=4 * n)
        rows.append(
            {
                "email": f"new{n:03d}@burst.demo.ccaward.cn",
                "entry": target.pk,
                "at": at,
                "network": "203.0.113.0/24",
                "account_created": at - dt.timedelta(minutes=3),
            }
        )
    return sorted(rows, key=lambda r: r["at"])


def _poll(season, by, rng, now) -> tuple[str, int]:
    categories = list(season.categories.filter(kind=CategoryKind.REGULAR))
    shortlists_of = [(c, shortlisted(c) or []) for c in categories]
    category, candidates = max(shortlists_of, key=lambda cc: len(cc[1]))
    if len(candidates) < 2:
        return "", 0
    policy = poll_policy.policy_of(season)
    poll_policy.change_policy(
        season=season,
        by=by,
        values={"enabled": True, "weight": POLL_WEIGHT},
        version=policy.version if policy.pk else None,
    )
    votes.record_votes(category=category, by=by, rows=_poll_rows(rng, candidates, now))
    caught = [f for f in poll_signals.signals_of(category) if f.signal.network == "203.0.113.0/24"]
    voided = {v.pk for f in caught for v in f.votes}
    if voided:
        voiding.void_votes(
            season=season,
            by=by,
            votes=sorted(voided),
            reason=VOID_REASON,
            signal=caught[0].signal.kind,
        )
    return category.name_zh, len(voided)


def _count(season, by) -> list[str]:
    lines = []
    for category in season.categories.filter(kind=CategoryKind.REGULAR):
        if not shortlisted(category):
            continue
        count = counting.count_category(category=category, by=by)
        tied = (count.outcome or {}).get("tied") or []
        if tied:
            ties.record_casting(category=category, order=list(tied), reason=CASTING_REASON, by=by)
            lines.append(
                f"results: a tie across the last seat of {category.name_zh} decided by casting order"
            )
        count = counting.count_of(category)
        lines.append(
            f"results: {category.name_zh}: {count.ballots} ballots, "
            f"{len(count.outcome.get('winners', []))} winners of a quota of {category.quota}"
        )
    return lines


def _special(season, by, evaluated) -> None:
    category = season.categories.filter(kind=CategoryKind.SPECIAL).first()
    if category is None or not evaluated.entries:
        return
    entry = sorted(evaluated.entries.values(), key=lambda e: e.pk)[-1]
    special.name_special_award(category=category, by=by, justification=SPECIAL_REASON, entry=entry)


@demo_step(70)
def results(ctx: DemoContext) -> None:
    season, by = ctx.season, ctx.users.get("organizer")
    if season is None or by is None:
        return
    rng = random.Random(SEED)
    evaluated = totals.season_evaluation(season)
    _shortlists(season, by, evaluated)
    voters = _panel(season, by)
    stage = season.stage(StageKind.VOTING)
    override_stage(stage=stage, by=by, action="open", reason=OPEN_REASON)
    cast = _vote(season, voters, evaluated, rng)
    poll_category, voided = _poll(season, by, rng, ctx.now)
    override_stage(
        stage=season.stage(StageKind.VOTING), by=by, action="closed", reason=CLOSE_REASON
    )
    ctx.lines.append(f"results: {cast} panel ballots from {len(voters)} judges (Schulze)")
    if poll_category:
        ctx.lines.append(
            f"results: public poll in {poll_category}, {voided} votes of a burst voided"
        )
    ctx.lines.extend(_count(season, by))
    _special(season, by, evaluated)
    publication = publishing.publish(season=season, by=by)
    override_stage(
        stage=season.stage(StageKind.RESULTS), by=by, action="open", reason=RESULTS_REASON
    )
    ctx.lines.append(
        f"results: published, digest {publication.digest[:16]}…, awards/{season.slug}/"
    )
