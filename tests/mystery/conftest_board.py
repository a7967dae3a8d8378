"""What the board's tests share (registered with `pytest_plugins`): a season's
scorecard (the shipped default as version 1) and two shoppers."""

from __future__ import annotations

import pytest
import yaml

from ccaward.engine.mystery.scorecard import DEFAULT_FILE
from ccaward.mystery.models import ScorecardVersion, ShopperProfile


@pytest.fixture
def scorecard_v1(season):
    source = DEFAULT_FILE.read_text(encoding="utf-8")
    return ScorecardVersion.objects.create(
        season=season, version=1, definition=yaml.safe_load(source), source=source
    )


@pytest.fixture
def shoppers(season, shopper):
    """Two shoppers: the `shopper` persona's profile and another."""
    return [
        ShopperProfile.objects.create(
            season=season, user=shopper, name="孙暗访员", email=shopper.email
        ),
        ShopperProfile.objects.create(season=season, name="周暗访员", email="zhou@example.cn"),
    ]
