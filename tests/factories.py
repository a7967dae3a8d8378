from __future__ import annotations

import factory
from django.utils import timezone

from ccaward.people.models import User
from ccaward.seasons import domain
from ccaward.seasons.demo import demo_calendar


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.cn")
    name = factory.Sequence(lambda n: f"用户{n}")
    language = "zh-hans"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple 42")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


_counter = iter(range(1, 10_000))


def make_season(*, by, slug: str | None = None, year: int = 2026, **kwargs):
    """A season whose calendar is around today: registration open, judging ahead."""
    n = next(_counter)
    kwargs.setdefault("calendar", demo_calendar(timezone.now()))
    return domain.create_season(
        by=by,
        name_zh=kwargs.pop("name_zh", f"{year}年度中国最佳客户中心评选 {n}"),
        name_en=kwargs.pop("name_en", f"China Best Contact Center Awards {year} #{n}"),
        year=year,
        slug=slug or f"season-{year}-{n}",
        **kwargs,
    )


def make_category(*, season, by, **values):
    values.setdefault("name_zh", "最佳客户中心")
    values.setdefault("name_en", "Best Contact Center")
    values.setdefault("quota", 10)
    return domain.save_category(season=season, by=by, **values)


_centers = iter(range(1, 100_000))


def make_entry(
    *,
    season,
    by,
    category=None,
    industry="banking",
    seats=300,
    status="submitted",
    organization=None,
    name=None,
):
    """An enterprise (unless given), one of its centers, and its entry."""
    from ccaward.applications import domain as applications
    from ccaward.applications.enums import EntryStatus

    n = next(_centers)
    category = category or season.categories.first() or make_category(season=season, by=by)
    org = organization or applications.register_organization(by=None, name=f"测试企业{n}")
    center = applications.add_center(
        organization=org, by=None, name=name or f"测试客服中心{n}", industry=industry, seats=seats
    )
    entry = applications.create_entry(
        season=season, category=category, center=center, by=by, submit=status != EntryStatus.DRAFT
    )
    if status not in (EntryStatus.DRAFT, EntryStatus.SUBMITTED):
        entry.status = status
        entry.save(update_fields=["status"])
    return entry
