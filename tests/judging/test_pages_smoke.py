"""Every judging page opens for those it is for, and refuses the others."""

from __future__ import annotations

import pytest
from django.urls import reverse

ORGANIZER_PAGES = [
    "judging:pool",
    "judging:judge_create",
    "judging:pool_import",
    "judging:conflicts",
    "judging:policy",
]


@pytest.mark.parametrize("name", ORGANIZER_PAGES)
def test_organizer_pages_open(as_user, organizer, season, entry, profile, name):
    response = as_user(organizer).get(reverse(name, args=[season.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ORGANIZER_PAGES)
def test_judges_are_refused_the_organizers_pages(as_user, judge, season, name):
    response = as_user(judge).get(reverse(name, args=[season.slug]))
    assert response.status_code == 403


def test_judge_pages_open(as_user, judge, season, entry, profile):
    client = as_user(judge)
    page = client.get(reverse("judging:mine", args=[season.slug]))
    assert page.status_code == 200
    assert "中国建设银行客户服务中心" in page.content.decode()
    assert client.get(reverse("judging:my_profile", args=[season.slug])).status_code == 200


def test_judge_edit_page_and_downloads(as_user, organizer, season, profile):
    client = as_user(organizer)
    assert (
        client.get(reverse("judging:judge_edit", args=[season.slug, profile.pk])).status_code == 200
    )
    for name in ("judging:pool_template", "judging:pool_export"):
        response = client.get(reverse(name, args=[season.slug]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
