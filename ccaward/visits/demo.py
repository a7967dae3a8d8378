"""Demo: two site visits (入户评审) in the demo season, one done with its checklist
recorded and a photo, one scheduled. The judges are the demo season's judge pool
(judging's demo step); the records are made as on the day of the visit, inside
the site-visit stage."""

from __future__ import annotations

import datetime as dt
import io
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from ccaward.applications.enums import COMPETING
from ccaward.core.demo import DemoContext, demo_step
from ccaward.judging.access import profile_of
from ccaward.judging.enums import BLOCKING_STATUSES
from ccaward.judging.models import JudgeProfile
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.visits.domain import photos, records, schedule

AGENDA = """09:30 见面会:评审组与中心管理层介绍
10:00-11:00 现场参观:座席区、培训室、休息区
11:00 系统演示:呼叫中心平台、质检与WFM
11:45 灾备与业务延续计划核查
12:15 评审组内部讨论"""

# item, finding, score, notes
RECORDS = [
    ("processes_in_practice", "verified", "8.5", "质检流程与申报一致,现场抽查了三份质检记录。"),
    ("training_on_site", "verified", "9", "两间培训室,正在进行新员工培训。"),
    ("tech_platform", "verified", "8", "现场演示呼叫中心平台,与申报表一致。"),
    ("tech_disaster_recovery", "partly", "6", "灾备中心在建,目前为同城机房热备。"),
    ("tech_bcp", "verified", "7.5", "BCP 文档齐全,去年做过一次切换演练。"),
    ("env_noise", "verified", "8", "座席区铺设吸音地毯,噪音控制良好。"),
    ("env_lighting", "not_as_claimed", "5", "靠窗区域午后眩光明显,未见照度监测记录。"),
    ("env_ergonomics", "partly", "7", "座椅可调,但桌面高度不可调。"),
]


def _photo() -> bytes:
    image = Image.new("RGB", (640, 480), (226, 232, 240))
    draw = ImageDraw.Draw(image)
    for row in range(4):
        for col in range(6):
            x, y = 30 + col * 100, 60 + row * 100
            draw.rectangle([x, y, x + 80, y + 60], fill=(90, 110, 140))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _judges(season, entry) -> list[JudgeProfile]:
    return list(
        JudgeProfile.objects.filter(season=season)
        .exclude(conflicts__entry=entry, conflicts__status__in=BLOCKING_STATUSES)
        .distinct()[:3]
    )


@demo_step(57)
def visits(ctx: DemoContext) -> None:
    season = ctx.season
    organizer = ctx.users["organizer"]
    judge_user = ctx.users.get("judge")
    competing = [e for e in ctx.entries if e.status in COMPETING][:2]
    stage = season.stage(JUDGING_STAGE)
    if len(competing) < 2 or stage is None:
        return
    day = timezone.localtime(stage.opens_at + dt.timedelta(days=2))
    made = []
    for entry, start in zip(competing, (day, day + dt.timedelta(days=7)), strict=True):
        judges = _judges(season, entry)
        own = profile_of(judge_user, season) if judge_user else None
        if (
            own is not None
            and own not in judges
            and not own.conflicts.filter(entry=entry, status__in=BLOCKING_STATUSES).exists()
        ):
            judges = [own, *judges[:2]]
        made.append(
            schedule.schedule_visit(
                entry=entry,
                values={
                    "starts_at": start.replace(hour=9, minute=30),
                    "address": "",
                    "agenda": AGENDA,
                    "judges": judges,
                },
                by=organizer,
            )
        )
    done = made[0]
    recorder = (
        judge_user if judge_user and done.judges.filter(user=judge_user).exists() else organizer
    )
    when = done.starts_at + dt.timedelta(hours=2)
    records.sync_records(
        visit=done,
        records=[
            {
                "id": str(uuid.uuid4()),
                "item": item,
                "device": "demo-tablet",
                "seq": n + 1,
                "edited_at": when,
                "finding": finding,
                "score": score,
                "notes": notes,
            }
            for n, (item, finding, score, notes) in enumerate(RECORDS)
        ],
        by=recorder,
        now=when,
    )
    photos.add_photo(
        visit=done,
        item_key="training_on_site",
        photo_id=str(uuid.uuid4()),
        upload=SimpleUploadedFile("培训室.jpg", _photo(), content_type="image/jpeg"),
        by=recorder,
        now=when,
    )
    schedule.finish_visit(visit=done, by=recorder, now=when)
    ctx.lines.append(f"Site visits: {len(made)} (one done with {len(RECORDS)} checklist records)")
