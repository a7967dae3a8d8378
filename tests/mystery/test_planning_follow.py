"""A corrected scenario or scorecard reaches the planned contacts not yet begun;
a begun card keeps the versions it used."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ccaward.core.models import AuditEvent
from ccaward.engine.mystery.scorecard import DEFAULT_FILE
from ccaward.mystery.domain import scenarios
from ccaward.mystery.enums import CardStatus, ScorerRole
from ccaward.mystery.models import Card, Contact

VALUES = {
    "title": "信用卡挂失",
    "story": "我的信用卡丢了，想挂失。",
    "questions": "挂失后多久能补卡？",
    "answer_points": ["立即挂失", "核实身份", "补卡7个工作日", "告知挂失费"],
}


def begin(contact):
    return Card.objects.create(
        contact=contact,
        shopper=contact.shopper,
        role=ScorerRole.PRIMARY,
        status=CardStatus.DRAFT,
        scenario=contact.scenario,
        scorecard=contact.scorecard,
    )


def test_a_new_scenario_version_reaches_contacts_not_begun(
    season, organizer, plan, library_scenario
):
    begun = plan[0]
    begin(begun)
    row = scenarios.save_scenario(
        season=season, key=library_scenario.key, values=VALUES, by=organizer, base_version=1
    )
    assert row.version == 2 and row.moved == 11
    assert Contact.objects.filter(scenario=row).count() == 11
    begun.refresh_from_db()
    assert begun.scenario_id == library_scenario.pk  # its card records version 1
    event = AuditEvent.objects.get(action="mystery.contacts_follow_scenario")
    assert event.data["count"] == 11 and begun.pk not in event.data["contacts"]


def test_a_retired_scenario_gives_way_to_another_fitting_one(
    season, organizer, plan, library_scenario
):
    other = scenarios.save_scenario(
        season=season, values={**VALUES, "title": "查询账单"}, by=organizer
    )
    row = scenarios.retire_scenario(season=season, key=library_scenario.key, by=organizer)
    assert row.moved == 12
    assert set(Contact.objects.values_list("scenario_id", flat=True)) == {other.pk}


def test_a_new_scorecard_reaches_contacts_not_begun_and_says_so(season, organizer, plan, client_en):
    begun = plan[0]
    begin(begun)
    client = client_en(organizer)
    page = client.post(
        reverse("mystery:scorecard_upload", args=[season.slug]),
        {"file": SimpleUploadedFile("card.yaml", DEFAULT_FILE.read_bytes()), "version": 1},
        follow=True,
    )
    assert "11 planned contacts now use version 2." in page.content.decode()
    assert Contact.objects.filter(scorecard__version=2).count() == 11
    begun.refresh_from_db()
    assert begun.scorecard.version == 1
