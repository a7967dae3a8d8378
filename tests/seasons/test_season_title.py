"""A season's title says its year once, in either language."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.factories import make_season


def _h1(client, season) -> str:
    html = client.get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    return re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)).strip()


def test_the_year_is_not_repeated(as_user, client_en, organizer):
    season = make_season(
        by=organizer,
        name_zh="2026年度中国最佳客户中心评选",
        name_en="China Best Contact Center Awards 2026",
    )
    assert _h1(as_user(organizer), season) == "2026年度中国最佳客户中心评选"
    assert _h1(client_en(organizer), season) == "China Best Contact Center Awards 2026"


def test_a_name_without_its_year_is_given_it(as_user, organizer):
    season = make_season(by=organizer, name_zh="中国最佳客户中心评选", name_en="Best Centers")
    assert _h1(as_user(organizer), season) == "中国最佳客户中心评选 2026"
