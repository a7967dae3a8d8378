"""Special awards: decided by the organizers with a justification, an entry of the
season or a center by name, never more than the quota; withdrawn with a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ccaward.core.errors import InUse
from ccaward.core.models import AuditEvent
from ccaward.results.domain import special
from ccaward.results.models import Publication, SpecialAward

pytestmark = pytest.mark.usefixtures("en")


def test_an_entry_of_any_category_or_a_center_by_name(special_category, vote_entries, organizer):
    award = special.name_special_award(
        category=special_category, by=organizer, entry=vote_entries[2], justification="服务创新突出"
    )
    assert special.winner_name(award) == {"zh": "青松电信客服中心", "en": "青松电信客服中心"}
    center = special.name_special_award(
        category=special_category,
        by=organizer,
        center_zh="海川公益热线",
        justification="疫情期间坚持服务",
    )
    assert special.winner_name(center) == {"zh": "海川公益热线", "en": "海川公益热线"}
    event = AuditEvent.objects.filter(action=special.NAMED).order_by("pk").first()
    assert event.data["justification"] == "服务创新突出"


def test_never_more_than_the_quota(special_category, organizer):
    for name in ("甲中心", "乙中心"):
        special.name_special_award(
            category=special_category, by=organizer, center_zh=name, justification="理由"
        )
    with pytest.raises(ValidationError) as caught:
        special.name_special_award(
            category=special_category, by=organizer, center_zh="丙中心", justification="理由"
        )
    assert "already has its quota of 2" in caught.value.messages[0]
    assert SpecialAward.objects.count() == 2


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"center_zh": "甲中心", "justification": "  "}, "justification"),
        ({"center_zh": "", "justification": "理由"}, "entry"),
        ({"center_en": "Only English", "justification": "理由"}, "entry"),
    ],
)
def test_a_justification_and_a_winner_are_required(special_category, organizer, values, field):
    with pytest.raises(ValidationError) as caught:
        special.name_special_award(category=special_category, by=organizer, **values)
    assert field in caught.value.message_dict


def test_not_in_a_voted_category_nor_by_a_judge(vote_category, special_category, organizer, judge):
    with pytest.raises(ValidationError) as caught:
        special.name_special_award(
            category=vote_category, by=organizer, center_zh="甲", justification="理由"
        )
    assert "decided by the panel's vote" in caught.value.messages[0]
    with pytest.raises(PermissionDenied):
        special.name_special_award(
            category=special_category, by=judge, center_zh="甲", justification="理由"
        )


def test_withdrawing_needs_a_reason_and_is_audited(special_category, organizer):
    award = special.name_special_award(
        category=special_category, by=organizer, center_zh="甲中心", justification="理由"
    )
    with pytest.raises(ValidationError):
        special.withdraw_special_award(award=award, by=organizer, reason="")
    special.withdraw_special_award(award=award, by=organizer, reason="名称有误")
    assert not SpecialAward.objects.exists()
    event = AuditEvent.objects.get(action=special.WITHDRAWN)
    assert event.data["reason"] == "名称有误" and event.data["winner"]["zh"] == "甲中心"


def test_frozen_once_published(season, special_category, organizer):
    award = special.name_special_award(
        category=special_category, by=organizer, center_zh="甲中心", justification="理由"
    )
    Publication.objects.create(season=season, number=1, digest="0" * 64)
    with pytest.raises(InUse):
        special.name_special_award(
            category=special_category, by=organizer, center_zh="乙中心", justification="理由"
        )
    with pytest.raises(InUse):
        special.withdraw_special_award(award=award, by=organizer, reason="x")


def test_the_page_names_and_withdraws(client_en, season, special_category, vote_entries, organizer):
    client = client_en(organizer)
    page = reverse("results:vote_manage", args=[season.slug, special_category.pk])
    assert "Name a winner" in client.get(page).content.decode()
    url = reverse("results:vote_special", args=[season.slug, special_category.pk])
    bad = client.post(url, {"entry": vote_entries[0].pk, "justification": ""})
    assert bad.status_code == 200 and "This field is required" in bad.content.decode()
    assert (
        client.post(url, {"entry": vote_entries[0].pk, "justification": "服务创新"}).status_code
        == 302
    )
    award = SpecialAward.objects.get()
    shown = client.get(page).content.decode()
    assert "服务创新" in shown and vote_entries[0].center.name in shown
    withdraw = reverse("results:vote_special_withdraw", args=[season.slug, award.pk])
    client.post(withdraw, {f"w{award.pk}-reason": ""})
    assert SpecialAward.objects.exists()
    client.post(withdraw, {f"w{award.pk}-reason": "重复"})
    assert not SpecialAward.objects.exists()


def test_the_api(api, season, special_category, vote_entries, organizer):
    client = api(organizer)
    url = f"/api/seasons/{season.slug}/voting/categories/{special_category.pk}/special"
    made = client.post(
        url, {"entry": vote_entries[1].pk, "justification": "理由"}, content_type="application/json"
    )
    assert made.status_code == 201 and made.json()["entry"] == vote_entries[1].pk
    assert len(client.get(url).json()) == 1
    bad = client.post(
        url, {"center_zh": "甲", "justification": ""}, content_type="application/json"
    )
    assert bad.status_code == 422 and "justification" in bad.json()["error"]["fields"]
    withdraw = f"/api/seasons/{season.slug}/voting/special/{made.json()['id']}/withdraw"
    assert (
        client.post(withdraw, {"reason": "重复"}, content_type="application/json").status_code
        == 204
    )


def test_the_page_says_the_quota_is_reached(client_en, season, special_category, organizer):
    for name in ("甲中心", "乙中心"):
        special.name_special_award(
            category=special_category, by=organizer, center_zh=name, justification="理由"
        )
    client = client_en(organizer)
    page = reverse("results:vote_manage", args=[season.slug, special_category.pk])
    assert "The quota is reached" in client.get(page).content.decode()
    url = reverse("results:vote_special", args=[season.slug, special_category.pk])
    html = client.post(url, {"center_zh": "丙中心", "justification": "理由"}).content.decode()
    assert "already has its quota of 2" in html
    assert SpecialAward.objects.count() == 2
