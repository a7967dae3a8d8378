"""`ccaward demo`: a season a newcomer can walk, built by steps that each app adds.

Each step is `fn(context) -> None` registered with `@demo_step(order)` in its
app's demo.py (people: the users, 10; seasons: the season, 20; ...); the context
carries the season and the demo users so later steps can build on them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ccaward.seasons.models import Season

STEPS: list[tuple[int, object]] = []

DEMO_SLUG = "ccbca-2026"
DEMO_PASSWORD = "ccaward-demo-2026"
DEMO_USERS = [
    # (email, name, role, language)
    ("organizer@demo.ccaward.cn", "赵评委会秘书处", "organizer", "zh-hans"),
    ("judge@demo.ccaward.cn", "钱专家", "judge", "zh-hans"),
    ("shopper@demo.ccaward.cn", "孙暗访员", "mystery_shopper", "zh-hans"),
    ("applicant@demo.ccaward.cn", "李客服中心经理", "applicant", "zh-hans"),
]


@dataclass
class DemoContext:
    now: dt.datetime
    season: object = None
    users: dict = field(default_factory=dict)
    entries: list = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def demo_step(order: int):
    def decorator(fn):
        STEPS.append((order, fn))
        STEPS.sort(key=lambda s: s[0])
        return fn

    return decorator


def logins() -> list[tuple[str, str, str]]:
    return [(role, email, DEMO_PASSWORD) for email, _n, role, _l in DEMO_USERS]


def run_demo(*, now: dt.datetime | None = None) -> DemoContext | None:
    """Create the demo season unless it exists. Returns None when it already did.

    Side effects: users, a season with everything the registered steps add.
    """
    if Season.objects.filter(slug=DEMO_SLUG).exists():
        return None
    ctx = DemoContext(now=now or timezone.now())
    with transaction.atomic():
        for _order, step in STEPS:
            step(ctx)
    return ctx
