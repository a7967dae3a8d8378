"""The demo season: the default framework, real-looking categories, a live calendar."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ccaward.core.demo import DEMO_SLUG, DemoContext, demo_step
from ccaward.people import domain as people
from ccaward.seasons import domain
from ccaward.seasons.enums import CategoryKind

CATEGORIES = [
    # name_zh, name_en, quota, kind, description_zh, description_en, eligibility_zh, eligibility_en
    (
        "最佳客户中心",
        "Best Contact Center",
        10,
        CategoryKind.REGULAR,
        "表彰在服务战略、运营管理、客户体验与持续改进方面全面领先的客户中心。",
        "For contact centers that lead in strategy, operations, customer experience and continuous improvement.",
        "企业自建客户中心,运营满两年,座席规模不少于 50 席。",
        "In-house centers operating for at least two years with at least 50 seats.",
    ),
    (
        "最佳外包客户联络中心(呼入服务)",
        "Best Outsourced Contact Center (Inbound)",
        3,
        CategoryKind.REGULAR,
        "表彰为委托方提供呼入服务、质量与效率表现卓越的外包客户联络中心。",
        "For outsourcers whose inbound service for their clients excels in quality and efficiency.",
        "外包服务商,需提供至少一家委托方的服务数据与推荐意见。",
        "Outsourcers; data and a reference from at least one client are required.",
    ),
    (
        "卓越全渠道客服",
        "Omnichannel Service Excellence",
        5,
        CategoryKind.REGULAR,
        "表彰在电话、在线、App、微信、视频等渠道提供一致、顺畅体验的客户中心。",
        "For centers that give a consistent, seamless experience across voice, chat, app, WeChat and video.",
        "至少三个服务渠道,非语音渠道占交互量 30% 以上。",
        "At least three channels; non-voice contacts above 30% of volume.",
    ),
    (
        "最佳智能客服应用",
        "Best AI-Assisted Service",
        3,
        CategoryKind.REGULAR,
        "表彰在智能语音导航、机器人客服、智能质检等方面应用成效显著的客户中心。",
        "For centers with proven results from voice IVA, chatbots and automated quality review.",
        "智能应用上线满一年,并能提供效果数据。",
        "In production for at least a year, with measured results.",
    ),
    (
        "年度特别奖",
        "Special Award of the Year",
        1,
        CategoryKind.SPECIAL,
        "由评委会决定,表彰在突发事件或社会责任方面有突出表现的客户中心。",
        "Decided by the organizers, for outstanding conduct in an emergency or in social responsibility.",
        "无需报名,由评委会提名。",
        "No application; nominated by the organizers.",
    ),
]


def demo_calendar(now: dt.datetime) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    """A calendar around today, so that registration and recommendation are open."""
    day = dt.timedelta(days=1)
    start = timezone.localtime(now).replace(hour=9, minute=0, second=0, microsecond=0)
    spans = {
        "registration": (-30, 30),
        "recommendation": (-30, 30),
        "mystery_calls": (20, 60),
        "data_collection": (10, 50),
        "benchmarking": (50, 70),
        "site_visits": (70, 100),
        "deliberation": (100, 110),
        "voting": (110, 115),
        "results": (120, 160),
    }
    return {k: (start + a * day, start + b * day) for k, (a, b) in spans.items()}


@demo_step(20)
def season(ctx: DemoContext) -> None:
    organizer = ctx.users["organizer"]
    ctx.season = domain.create_season(
        by=organizer,
        name_zh=f"{ctx.now.year}年度中国最佳客户中心评选",
        name_en=f"China Best Contact Center Awards {ctx.now.year}",
        year=ctx.now.year,
        slug=DEMO_SLUG,
        calendar=demo_calendar(ctx.now),
        organizer_zh="中国电子商会呼叫中心与客户关系管理专业委员会",
        organizer_en="Call Center & CRM Committee of the China Electronics Chamber of Commerce",
    )
    for name_zh, name_en, quota, kind, dzh, den, ezh, een in CATEGORIES:
        domain.save_category(
            season=ctx.season,
            by=organizer,
            name_zh=name_zh,
            name_en=name_en,
            quota=quota,
            kind=kind,
            description_zh=dzh,
            description_en=den,
            eligibility_zh=ezh,
            eligibility_en=een,
        )
    for role, user in ctx.users.items():
        if role != "organizer":
            people.grant_role(season=ctx.season, user=user, role=role, by=organizer)
