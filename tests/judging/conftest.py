"""What the judging tests share: an entrant, its entry, and a judge profile for
the `judge` persona."""

from __future__ import annotations

import pytest

from ccaward.applications import domain as applications
from ccaward.judging import domain
from tests.factories import make_entry


@pytest.fixture
def entry(season, organizer, category):
    org = applications.register_organization(by=None, name="中国建设银行股份有限公司")
    return make_entry(
        season=season,
        by=organizer,
        category=category,
        organization=org,
        name="中国建设银行客户服务中心",
    )


@pytest.fixture
def profile(season, organizer, judge):
    """The judge persona in the pool (employed elsewhere)."""
    return domain.add_judge(
        season=season,
        values={"name": "评委", "email": judge.email, "employer": "华东管理学院"},
        by=organizer,
    )
