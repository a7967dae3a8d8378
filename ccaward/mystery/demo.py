"""Demo: mystery calls (电话暗访) in the demo season. The organizer adds three
shoppers (the demo shopper's account among them) and two scenarios, sets the
plan over the stage's days and plans every competing entry's contacts; then the
contacts of the first entries are made as on their planned days, through the
shopper's own operations: answers drawn from a seeded generator around each
entry's quality, a few could not get through after unanswered attempts, a few
made outside their slot, and one contact scored again by a second shopper from
its recording. The rest stay planned for the stage to come."""

from __future__ import annotations

import datetime as dt
import io
import random
import wave

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ccaward.applications.enums import COMPETING
from ccaward.core.demo import DemoContext, demo_step
from ccaward.mystery.domain import planning, recording, recordings, scenarios, shoppers
from ccaward.mystery.domain.cards import engine_card
from ccaward.mystery.enums import Channel
from ccaward.mystery.models import Contact
from ccaward.seasons.enums import StageKind

MADE_ENTRIES = 6  # entries whose contacts are made in the demo
SEED = 15
SHOPPERS = [
    # name, e-mail (None: the demo shopper's account), employer
    ("孙暗访员", None, ""),
    ("周暗访员", "zhou@zhongce-cx.cn", "北京众测顾客体验研究中心"),
    ("吴暗访员", "wu.lan@mingjing-research.cn", "上海明镜市场调研有限公司"),
]
SCENARIOS = [
    {
        "title": "信用卡账单分期咨询",
        "story": "持卡人本月账单金额较大，想了解能否分期、手续费如何计算、提前还款怎么处理。",
        "questions": "1. 账单分期的条件\n2. 手续费率与计算方式\n3. 提前还款的处理",
        "answer_points": ["分期条件", "费率及计算方式", "提前还款规则", "办理渠道"],
    },
    {
        "title": "停电报修与进度查询",
        "story": "居民家中突然停电，邻居家有电，想报修并了解预计恢复时间。",
        "questions": "1. 如何报修\n2. 预计到达与恢复时间\n3. 进度如何查询",
        "answer_points": ["核实地址与户号", "报修单号", "预计到达时间", "进度查询方式"],
    },
]
# a measured item's usual value at the best and at a poor center
MEASURES = {"seconds": (8, 90), "steps": (1, 4), "rings": (1, 6)}
# the hour a contact is made in its slot (engine/mystery/slots.py), and outside it
IN_SLOT = {"weekday_peak": 10, "weekend_peak": 10, "night": 22}  # off-peak: 12
OUT_OF_SLOT = {"weekday_offpeak": 10, "weekend_offpeak": 10}  # peak and night: 19


def _wav() -> bytes:
    """A second of silence as a WAV recording."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(16000))
    return out.getvalue()


def _answers(card, rnd: random.Random, quality: float, points: int) -> dict:
    """Answers to every item of the card's scorecard around `quality` (0..1)."""

    def good() -> bool:
        return rnd.random() < quality

    out = {}
    for _group, item in engine_card(card.scorecard).items():
        if item.optional and rnd.random() < 0.5:
            out[item.code] = "na"
        elif item.type == "yesno":
            out[item.code] = "yes" if good() else "no"
        elif item.type == "scale":
            out[item.code] = max(1, min(5, round(1 + 4 * quality + rnd.uniform(-1.2, 1.2))))
        elif item.type == "measure":
            first, worst = MEASURES.get(item.unit, (0, 10))
            value = first + (1 - quality) * rnd.uniform(0, 2) * (worst - first)
            out[item.code] = int(min(float(item.high), max(float(item.low), value)))
        else:
            k = sum(good() for _ in range(points))
            out[item.code] = f"{k}/{points}"
    return out


def _moment(contact: Contact, outside: bool, stage) -> dt.datetime:
    day = contact.planned_on or timezone.localtime(stage.opens_at).date()
    hour = OUT_OF_SLOT.get(contact.slot, 19) if outside else IN_SLOT.get(contact.slot, 12)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 30)))


def _setup(ctx: DemoContext, stage) -> list:
    season, organizer = ctx.season, ctx.users["organizer"]
    shopper_user = ctx.users.get("mystery_shopper")
    made = []
    for name, email, employer in SHOPPERS:
        email = email or (shopper_user.email if shopper_user else "sun.shopper@demo.ccaward.cn")
        values = {"name": name, "email": email, "employer": employer}
        made.append(shoppers.save_shopper(season=season, values=values, by=organizer))
    for values in SCENARIOS:
        scenarios.save_scenario(season=season, values=values, by=organizer)
    opens = timezone.localtime(stage.opens_at).date()
    closes = timezone.localtime(stage.closes_at).date()
    planning.save_settings(
        season=season,
        values={
            "contacts_per_entry": 3,
            "channels": [Channel.VOICE, Channel.WECHAT],
            "starts_on": opens,
            "ends_on": closes - dt.timedelta(days=1),
            "seed": SEED,
        },
        by=organizer,
    )
    planning.run_plan(season=season, by=organizer)
    return made


def _acting(contact: Contact, organizer):
    """Who records the contact: its shopper's account, else the organizer for them."""
    return contact.shopper.user or organizer


def _make(contact, by, rnd, quality, stage, *, outside=False, unreachable=False):
    at = _moment(contact, outside, stage)
    card = recording.start_card(contact=contact, by=by, now=at)
    if unreachable:
        for minutes in (0, 20):
            recording.record_attempt(
                card=card,
                at=at + dt.timedelta(minutes=minutes),
                by=by,
                now=at + dt.timedelta(minutes=minutes),
            )
        return recording.submit_card(
            card=card, by=by, now=at + dt.timedelta(minutes=25), reached=False
        )
    points = len(contact.scenario.answer_points) if contact.scenario else 4
    answers = _answers(card, rnd, quality, points)
    recording.save_card(
        card=card, changes=answers, base_version=card.answers_version, by=by, now=at
    )
    recording.set_call(
        card=card,
        made_at=at,
        timer_seconds=int(answers.get("seconds_to_person", 30)),
        by=by,
        now=at,
    )
    return recording.submit_card(card=card, by=by, now=at + dt.timedelta(minutes=15))


@demo_step(45)
def mystery(ctx: DemoContext) -> None:
    season, organizer = ctx.season, ctx.users["organizer"]
    stage = season.stage(StageKind.MYSTERY_CALLS)
    entries = [e for e in ctx.entries if e.status in COMPETING][:MADE_ENTRIES]
    if stage is None or not entries:
        return
    profiles = _setup(ctx, stage)
    rnd = random.Random(SEED)
    contacts = list(
        Contact.objects.filter(season=season, entry__in=entries)
        .select_related("shopper__user", "scenario", "scorecard", "season")
        .order_by("entry_id", "number")
    )
    counts = {"made": 0, "unreachable": 0, "outside": 0}
    reached = []
    for i, contact in enumerate(contacts):
        quality = 0.45 + 0.5 * ((contact.entry_id * 7) % 10) / 10
        unreachable = i in (2, 10)
        outside = i in (4, 13)
        card = _make(
            contact,
            _acting(contact, organizer),
            rnd,
            quality,
            stage,
            outside=outside,
            unreachable=unreachable,
        )
        counts["made"] += 1
        counts["unreachable"] += unreachable
        counts["outside"] += outside
        if card.reached:
            reached.append(card)
    _second_scoring(reached[0], profiles, organizer)
    ctx.lines.append(
        f"Mystery calls: {Contact.objects.filter(season=season).count()} contacts planned, "
        f"{counts['made']} made ({counts['unreachable']} could not get through, "
        f"{counts['outside']} outside their slot), one scored by two shoppers"
    )


def _second_scoring(made, profiles, organizer):
    """Upload the recording of the contact the card `made` scored, and add a second
    shopper's card of that contact from it, a little stricter on two levels."""
    contact = made.contact
    by = _acting(contact, organizer)
    at = made.made_at + dt.timedelta(minutes=20)
    recordings.upload(
        card=made,
        file=SimpleUploadedFile("暗访录音.wav", _wav(), content_type="audio/wav"),
        by=by,
        now=at,
    )
    blocked = shoppers.blocked_pairs(contact.season)
    second = next(
        p
        for p in profiles
        if p.pk != contact.shopper_id and (p.pk, contact.entry_id) not in blocked
    )
    card = planning.add_second_scorer(contact=contact, shopper=second, by=organizer)
    by2 = second.user or organizer
    answers = dict(made.answers)
    scales = [i.code for _g, i in engine_card(card.scorecard).items() if i.type == "scale"]
    for code in scales[:2]:  # heard from the recording a little more strictly
        answers[code] = max(1, int(answers[code]) - 1)
    recording.save_card(
        card=card, changes=answers, base_version=card.answers_version, by=by2, now=at
    )
    recording.submit_card(card=card, by=by2, now=at + dt.timedelta(hours=1))
