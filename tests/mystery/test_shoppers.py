"""The shopper roster: profiles, the role holders added, the judges' conflict
rules and exclusions as blocked pairs with their reasons."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ccaward.core.models import AuditEvent
from ccaward.mystery.domain import shoppers
from ccaward.mystery.models import ShopperProfile
from ccaward.people import domain as people
from ccaward.people.enums import Role
from tests.factories import UserFactory


def test_profile_found_by_account_then_email(
    season, organizer, shopper, shopper_profiles, outsider
):
    mine = shoppers.shopper_of(shopper, season)
    assert mine == shopper_profiles[0] and mine.user == shopper  # linked by the role's account
    assert shoppers.shopper_of(outsider, season) is None


def test_role_holders_added_once(season, organizer, shopper):
    other = UserFactory(email="zhou@example.org", name="周四")
    people.grant_role(season=season, user=other, role=Role.MYSTERY_SHOPPER, by=organizer)
    made = shoppers.add_role_holders(season=season, by=organizer)
    assert sorted(p.email for p in made) == ["shopper@example.cn", "zhou@example.org"]
    assert shoppers.add_role_holders(season=season, by=organizer) == []
    assert ShopperProfile.objects.filter(season=season).count() == 2
    assert AuditEvent.objects.filter(action="mystery.shoppers_synced").count() == 1


def test_refused_by_field(season, organizer, shopper_profiles):
    with pytest.raises(ValidationError) as exc:
        shoppers.save_shopper(
            season=season,
            by=organizer,
            values={"name": "", "email": "qian@example.cn", "max_load": -2, "employer": "银行\x00"},
        )
    assert "employer" in exc.value.message_dict  # control character first
    with pytest.raises(ValidationError) as exc:
        shoppers.save_shopper(
            season=season,
            by=organizer,
            values={"name": "", "email": "QIAN@example.cn", "max_load": -2},
        )
    assert set(exc.value.message_dict) == {"name", "email", "max_load"}


def test_stale_change_refused(season, organizer, shopper_profiles):
    row = shopper_profiles[1]
    values = {"name": "钱二", "email": row.email, "employer": "甲公司"}
    shoppers.save_shopper(season=season, by=organizer, shopper=row, values=values, base_version=1)
    with pytest.raises(shoppers.ShopperChanged) as exc:
        shoppers.save_shopper(
            season=season,
            by=organizer,
            shopper=row,
            values={**values, "employer": "乙公司"},
            base_version=1,
        )
    assert ("employer", "甲公司", "乙公司") in exc.value.rows()


def test_conflict_rules_of_judges_block_pairs(season, organizer, entries, shopper_profiles):
    org = entries[0].center.organization
    former = shoppers.save_shopper(
        season=season,
        by=organizer,
        values={"name": "前员工", "email": "f@elsewhere.cn", "former_employers": [org.name]},
    )
    blocked = shoppers.blocked_pairs(season)
    assert set(blocked) == {(former.pk, entries[0].pk)}
    assert org.name in blocked[(former.pk, entries[0].pk)]
    assert blocked[(former.pk, entries[0].pk)].startswith("曾任单位")


def test_exclusion_blocks_with_its_reason_and_can_be_removed(
    season, organizer, entries, shopper_profiles
):
    row = shoppers.exclude(
        shopper=shopper_profiles[1], entry=entries[1], reason="亲属在职", by=organizer
    )
    assert "亲属在职" in shoppers.blocked_pairs(season)[(shopper_profiles[1].pk, entries[1].pk)]
    with pytest.raises(ValidationError):
        shoppers.exclude(
            shopper=shopper_profiles[1], entry=entries[1], reason="again", by=organizer
        )
    shoppers.remove_exclusion(exclusion=row, by=organizer)
    assert shoppers.blocked_pairs(season) == {}
