"""The shopper's pages: their contacts only, one contact with the scenario, the
timer, the scorecard and the upload; autosave with conflicts; attempts; the
submission's summary of what is missing; never an entry's application or
scores; the menu link and the home panel."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ccaward.mystery.domain import recording
from ccaward.mystery.enums import CardStatus, ContactStatus
from ccaward.mystery.models import Card, Contact, Recording
from tests.mystery.shopper_data import FULL, POINTS, SECRET_ANSWER, TARGET, set_stage

pytestmark = pytest.mark.django_db

pytest_plugins = ["tests.mystery.conftest_shopper"]


def url(name, contact, *extra):
    return reverse(f"mystery:{name}", args=[contact.season.slug, contact.pk, *extra])


def test_my_contacts_lists_todays_contact_and_links_it(contact, shopper, as_user):
    client = as_user(shopper)
    page = client.get(reverse("mystery:mine", args=[contact.season.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "东方联合银行客服中心" in html
    assert url("my_contact", contact) in html
    assert 'id="section-today"' in html
    # the menu links the page
    assert reverse("mystery:mine", args=[contact.season.slug]) in html


def test_the_contact_page_shows_what_the_shopper_needs_and_no_application_or_score(
    contact, shopper, as_user, other_shopper
):
    # another shopper's submitted card of the same contact: its total must not show
    user, profile = other_shopper
    second = Card.objects.create(
        contact=contact, shopper=profile, role="second", scorecard=contact.scorecard
    )
    recording.save_card(card=second, changes={**FULL, "greeting": "2"}, by=user)
    recording.submit_card(card=second, by=user)
    page = as_user(shopper).get(url("my_contact", contact))
    assert page.status_code == 200
    html = page.content.decode()
    assert TARGET in html and f'href="tel:{TARGET}"' in html
    for point in POINTS:
        assert point in html
    assert "我的信用卡在地铁上丢了" in html
    assert 'name="seconds_to_person"' in html and 'name="greeting"' in html
    assert 'data-autosave="' in html and "js/mystery.js" in html
    assert SECRET_ANSWER not in html
    assert "/applications/" not in html and "/entries/" not in html
    assert "87.5" not in html and "total" not in html.lower()
    assert "<script>" not in html  # no inline script (CSP)


def test_another_shoppers_contact_is_not_found(contact, other_shopper, as_user, organizer):
    client = as_user(other_shopper[0])
    assert client.get(url("my_contact", contact)).status_code == 404
    assert client.post(url("my_autosave", contact), {"rings": "2"}).status_code == 404
    assert client.post(url("my_submit", contact)).status_code == 404
    assert not Card.objects.exists()


def test_an_outsider_is_refused(contact, outsider, as_user):
    assert as_user(outsider).get(url("my_contact", contact)).status_code in (403, 404)


def autosave(client, contact, changes, version=0, bases=None):
    data = {
        "_section": "card",
        "_version": str(version),
        "_keys": json.dumps(list(changes)),
        "_base": json.dumps(bases or {}),
        **changes,
    }
    return client.post(url("my_autosave", contact), data, HTTP_ACCEPT="application/json")


def test_autosave_begins_the_card_and_reports_conflicts_with_both_values(contact, shopper, as_user):
    client = as_user(shopper)
    first = autosave(client, contact, {"rings": "2"})
    assert first.status_code == 200 and first.json()["version"] == 1
    card = Card.objects.get(contact=contact)
    assert card.answers == {"rings": "2"} and card.status == CardStatus.DRAFT
    clash = autosave(client, contact, {"rings": "4"}, version=0, bases={"rings": None})
    assert clash.status_code == 409
    body = clash.json()
    assert body["code"] == "conflict"
    assert body["conflicts"][0]["stored"] == "2" and body["conflicts"][0]["sent"] == "4"
    bad = autosave(client, contact, {"seconds_to_person": "5000"}, version=1)
    assert bad.status_code == 422
    assert "接通人工用时" in bad.json()["error"]
    assert Card.objects.get(pk=card.pk).answers == {"rings": "2"}


def test_submit_names_whats_missing_then_submits(contact, shopper, as_user):
    client = as_user(shopper)
    page = client.post(url("my_submit", contact), {"rings": "2", "_version": "0", "_base": "{}"})
    assert page.status_code == 422
    html = page.content.decode()
    assert 'id="card-errors"' in html and 'href="#q-greeting"' in html
    assert "问候语规范" in html
    card = Card.objects.get(contact=contact)
    assert card.answers == {"rings": "2"} and card.status == CardStatus.DRAFT
    data = {**FULL, "_version": str(card.answers_version), "_base": json.dumps(card.answers)}
    done = client.post(url("my_submit", contact), data)
    assert done.status_code == 302
    card.refresh_from_db()
    assert card.status == CardStatus.SUBMITTED
    assert Contact.objects.get(pk=contact.pk).status == ContactStatus.DONE
    again = client.post(url("my_submit", contact), data, follow=True)
    html = again.content.decode()
    assert "不能再次提交" in html and 'id="card-errors"' not in html
    page = client.get(url("my_contact", contact))
    assert 'id="card-submitted"' in page.content.decode()
    assert "data-autosave" not in page.content.decode()


def test_could_not_get_through(contact, shopper, as_user):
    client = as_user(shopper)
    at = (timezone.now() - dt.timedelta(minutes=3)).isoformat()
    answer = client.post(url("my_attempt", contact), {"at": at}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200 and len(answer.json()["attempts"]) == 1
    page = client.get(url("my_contact", contact)).content.decode()
    assert 'id="unreachable-form"' in page and 'id="unreachable-form" hidden' not in page
    assert client.post(url("my_submit", contact), {"reached": "no"}).status_code == 302
    card = Card.objects.get(contact=contact)
    assert card.reached is False and card.status == CardStatus.SUBMITTED
    assert Contact.objects.get(pk=contact.pk).status == ContactStatus.UNREACHABLE


def test_the_timer_prefills_seconds_to_a_person(contact, shopper, as_user):
    client = as_user(shopper)
    answer = client.post(
        url("my_call", contact),
        {"made_at": timezone.now().isoformat(), "timer_seconds": "27"},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["seconds_to_person"] == "27"


def test_upload_by_content(contact, shopper, as_user):
    client = as_user(shopper)
    bad = SimpleUploadedFile(
        "call.mp3", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, content_type="audio/mpeg"
    )
    page = client.post(url("my_upload", contact), {"file": bad})
    assert page.status_code == 422 and "call.mp3" in page.content.decode()
    good = SimpleUploadedFile("call.wav", b"RIFF\x24\0\0\0WAVEfmt " + b"\0" * 40)
    assert client.post(url("my_upload", contact), {"file": good}).status_code == 302
    row = Recording.objects.get()
    download = client.get(url("my_recording", contact, row.uuid))
    assert download.status_code == 200 and download["Content-Type"] == "audio/wav"
    assert b"".join(download.streaming_content).startswith(b"RIFF")
    download.close()


def test_outside_the_stage_the_page_is_read_only_and_a_save_is_refused(
    contact, shopper, as_user, organizer
):
    client = as_user(shopper)
    autosave(client, contact, {"rings": "2"})
    set_stage(contact.season, organizer, "closed")
    html = client.get(url("my_contact", contact)).content.decode()
    assert 'id="stage-closed"' in html and "data-autosave" not in html
    assert autosave(client, contact, {"rings": "3"}, version=1).status_code in (403, 409)
    assert Card.objects.get(contact=contact).answers == {"rings": "2"}


def test_the_home_page_shows_todays_contacts(contact, shopper, as_user):
    html = as_user(shopper).get(reverse("seasons:dashboard", args=[contact.season.slug]))
    assert html.status_code == 200
    assert "东方联合银行客服中心" in html.content.decode()
    assert url("my_contact", contact) in html.content.decode()


def test_a_second_scorer_scores_without_timer_or_attempts(contact, other_shopper, as_user):
    user, profile = other_shopper
    Card.objects.create(
        contact=contact, shopper=profile, role="second", scorecard=contact.scorecard
    )
    html = as_user(user).get(url("my_contact", contact)).content.decode()
    assert 'name="greeting"' in html and "data-autosave" in html
    assert 'id="timer-start"' not in html and 'id="attempt-form"' not in html
    assert "复评" in html


def test_a_contact_voided_before_it_was_begun_is_refused_clearly(contact, shopper, as_user):
    Contact.objects.filter(pk=contact.pk).update(status=ContactStatus.VOID, void_reason="号码错误")
    client = as_user(shopper)
    answer = autosave(client, contact, {"rings": "2"})
    assert answer.status_code == 409 and answer.json()["code"] == "void"
    page = client.post(url("my_attempt", contact), {"at": ""}, follow=True)
    assert page.status_code == 200 and 'id="contact-void"' in page.content.decode()
    assert "号码错误" not in page.content.decode()
    assert not Card.objects.exists()


def test_autosave_outside_the_stage_answers_json(contact, shopper, as_user, organizer):
    client = as_user(shopper)
    autosave(client, contact, {"rings": "2"})
    set_stage(contact.season, organizer, "closed")
    answer = autosave(client, contact, {"rings": "3"}, version=1)
    assert answer.status_code == 409 and answer.json()["code"] == "stage_closed"


def test_a_submission_meeting_a_conflict_keeps_the_posted_answers_beside_both_values(
    contact, shopper, as_user
):
    client = as_user(shopper)
    autosave(client, contact, {"greeting": "4"})
    data = {**FULL, "greeting": "2", "_version": "0", "_base": "{}"}
    page = client.post(url("my_submit", contact), data)
    assert page.status_code == 409
    html = page.content.decode()
    assert 'id="save-conflicts"' in html and 'class="conflict"' in html
    assert 'name="ivr_steps" value="2"' in html  # the other answers posted are kept
    assert Card.objects.get(contact=contact).status == CardStatus.DRAFT


def test_a_second_scorer_hears_the_recording_of_the_contact(
    contact, shopper, other_shopper, as_user
):
    client = as_user(shopper)
    wav = SimpleUploadedFile("call.wav", b"RIFF\x24\0\0\0WAVEfmt " + b"\0" * 40)
    client.post(url("my_upload", contact), {"file": wav})
    row = Recording.objects.get()
    user, profile = other_shopper
    Card.objects.create(
        contact=contact, shopper=profile, role="second", scorecard=contact.scorecard
    )
    second = as_user(user)
    html = second.get(url("my_contact", contact)).content.decode()
    assert url("my_recording", contact, row.uuid) in html
    download = second.get(url("my_recording", contact, row.uuid))
    assert download.status_code == 200
    download.close()


def test_a_mistaken_attempt_is_removed_from_the_page(contact, shopper, as_user):
    client = as_user(shopper)
    at = (timezone.now() - dt.timedelta(minutes=3)).isoformat()
    client.post(url("my_attempt", contact), {"at": at}, HTTP_ACCEPT="application/json")
    stamp = Card.objects.get(contact=contact).attempts[0]
    html = client.get(url("my_contact", contact)).content.decode()
    assert url("my_attempt_withdraw", contact) in html
    assert client.post(url("my_attempt_withdraw", contact), {"at": stamp}).status_code == 302
    assert Card.objects.get(contact=contact).attempts == []


def test_notes_and_a_pasted_transcript(contact, shopper, as_user, api):
    client = as_user(shopper)
    data = {"notes": "坐席主动报工号", "transcript": "客户：您好\n坐席：您好，请讲"}
    assert client.post(url("my_notes", contact), data).status_code == 302
    card = Card.objects.get(contact=contact)
    assert (card.notes, card.transcript) == (data["notes"], data["transcript"])
    bad = client.post(url("my_notes", contact), {"notes": "响铃\x07", "transcript": ""})
    assert bad.status_code == 422 and "U+0007" in bad.content.decode()
    assert Card.objects.get(contact=contact).notes == data["notes"]
    path = f"/api/seasons/{contact.season.slug}/mystery/mine/{contact.pk}/texts"
    answer = api(shopper).put(
        path, json.dumps({"notes": "改", "transcript": ""}), content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["card"]["notes"] == "改"
