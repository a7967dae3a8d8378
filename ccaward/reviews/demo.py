"""Demo: reviews of the demo assignment (step 52) with a realistic spread. Each
entry has a true quality; each judge an offset (some harsher, some more
lenient) and a spread (one compresses everything towards the middle of the
scale); every score adds a little noise and is rounded to the scale. Most
reviews are submitted, a few left in draft, and one score is revised with a
reason. The secretariat transcribes the paper scorecards of the judges without
an account (the demo's judging stage is not open yet), through the same checks;
a judge with an account (the demo judge) scores in the platform. Seeded: the
same demo every time."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from ccaward.core.demo import DemoContext, demo_step
from ccaward.engine import review_scale
from ccaward.judging.models import Assignment
from ccaward.people.models import User
from ccaward.reviews import domain
from ccaward.reviews.blind import policy_of
from ccaward.reviews.models import COMMENT, SCORE

SEED = 20261205
DRAFT_SHARE = 0.15
COMMENTS = (
    "材料翔实，数据与现场情况基本一致。",
    "体系完整，但部分指标缺少连续数据支撑。",
    "亮点突出，建议补充客户反馈的量化证据。",
)


def judge_styles(judges, rng) -> dict[int, tuple[float, float]]:
    """(offset, spread) per judge: the first is harsh, the second lenient, the third
    compresses towards the middle; the rest vary a little."""
    styles = {}
    for i, judge in enumerate(judges):
        if i == 0:
            styles[judge.pk] = (-1.3, 1.0)
        elif i == 1:
            styles[judge.pk] = (1.1, 1.0)
        elif i == 2:
            styles[judge.pk] = (0.0, 0.25)
        else:
            styles[judge.pk] = (rng.gauss(0, 0.4), 1.0)
    return styles


def score_of(quality: float, style: tuple[float, float], noise: float, scale: str) -> str:
    """A judge's score on `scale` for an entry of `quality` (0..1 of the scale)."""
    spec = review_scale.spec(scale)
    low, high = float(spec.low), float(spec.high)
    middle = (low + high) / 2
    offset, spread = style
    raw = middle + spread * (low + quality * (high - low) - middle)
    raw += offset * (high - low) / 10 + noise * (high - low) / 10
    raw = min(high, max(low, raw))
    step = float(spec.step)
    return review_scale.text(Decimal(str(round(raw / step) * step)))


def values_for(pair, quality, style, rng, version, scale) -> dict:
    values = {}
    for dim, crits in domain.scored_criteria(version):
        for crit in crits:
            values[SCORE + crit.code] = score_of(quality, style, rng.gauss(0, 0.5), scale)
        values[COMMENT + dim.code] = rng.choice(COMMENTS)
    values["feedback_note"] = "感谢参评，建议持续完善全渠道服务质量管理。"
    return values


@demo_step(55)
def reviews(ctx: DemoContext) -> None:
    season, by = ctx.season, ctx.users.get("organizer")
    pairs = list(
        Assignment.objects.filter(season=season)
        .select_related("judge", "entry__season")
        .order_by("entry_id", "judge_id")
    )
    accounts = {e.lower() for e in User.objects.values_list("email", flat=True)}
    pairs = [p for p in pairs if p.judge.user_id is None and p.judge.email.lower() not in accounts]
    if not pairs or by is None:
        return
    rng = random.Random(SEED)
    version = domain.version_in_force(season)
    scale = policy_of(season).scale
    judges = sorted({p.judge for p in pairs}, key=lambda j: j.pk)
    styles = judge_styles(judges, rng)
    quality = {p.entry_id: min(0.95, max(0.3, rng.gauss(0.68, 0.12))) for p in pairs}
    at = ctx.now - dt.timedelta(days=2)
    submitted = []
    for pair in pairs:
        if domain.is_blocked(pair.judge, pair.entry):
            continue
        values = values_for(
            pair, quality[pair.entry_id], styles[pair.judge.pk], rng, version, scale
        )
        draft = rng.random() < DRAFT_SHARE
        if draft:  # begun: half the criteria scored
            keys = [k for k in values if k.startswith(SCORE)]
            values = {k: values[k] for k in keys[: len(keys) // 2]}
        saved = domain.save_review(
            entry=pair.entry, by=by, changes=values, judge=pair.judge, now=at
        )
        if not draft:
            submitted.append(domain.submit(review=saved.obj, by=by, now=at))
    if submitted:
        review = submitted[0]
        code = next(iter(review.scores))
        old = review_scale.parse(review.scale, review.scores[code])
        spec = review_scale.spec(review.scale)
        new = old + spec.step if old < spec.high else old - spec.step
        domain.revise(
            review=review,
            by=by,
            changes={SCORE + code: review_scale.text(new)},
            reason="评委复核现场记录后调整",
            version=review.version,
            now=at + dt.timedelta(hours=5),
        )
    ctx.lines.append(
        f"reviews: {len(submitted)} submitted, {len(pairs) - len(submitted)} in draft or left"
    )
