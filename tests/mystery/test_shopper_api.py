"""The shopper's API: their contacts only (another's is 404), a contact with its
card and never the entry's application or scores; draft saves with conflicts
naming both values; attempts; the call's time; uploads by content; submission
(422 naming what is missing, 409 when sent twice or outside the stage)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ccaward.mystery.enums import ContactStatus
from ccaward.mystery.models import Card, Contact
from tests.mystery.shopper_data import FULL, SECRET_ANSWER, TARGET, set_stage

pytestmark = pytest.mark.django_db

pytest_plugins = ["tests.mystery.conftest_shopper"]


def base(contact):
    return f"/api/seasons/{contact.season.slug}/mystery/mine"


def send(client, method, path, body):
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def test_the_shopper_lists_their_contacts_without_application_or_scores(
    contact, shopper, api, other_shopper
):
    answer = api(shopper).get(base(contact))
    assert answer.status_code == 200
    (row,) = answer.json()
    assert row["id"] == contact.pk and row["target"] == TARGET
    assert row["scenario"]["answer_points"] and row["card"] is None
    text = answer.content.decode()
    assert SECRET_ANSWER not in text and "total" not in text and "groups" not in text
    assert api(other_shopper[0]).get(base(contact)).json() == []
    assert api(other_shopper[0]).get(f"{base(contact)}/{contact.pk}").status_code == 404


def test_save_attempt_call_submit(contact, shopper, api):
    client = api(shopper)
    path = f"{base(contact)}/{contact.pk}"
    saved = send(client, "patch", f"{path}/card", {"changes": {"rings": "2"}, "base_version": 0})
    assert saved.status_code == 200 and saved.json()["card"]["version"] == 1
    clash = send(
        client,
        "patch",
        f"{path}/card",
        {"changes": {"rings": "5"}, "bases": {"rings": None}, "base_version": 0},
    )
    assert clash.status_code == 409
    problem = clash.json()["error"]["problems"][0]
    assert (problem["stored"], problem["sent"]) == ("2", "5")
    bad = send(client, "patch", f"{path}/card", {"changes": {"ivr_steps": "99"}})
    assert bad.status_code == 422 and "ivr_steps" in bad.json()["error"]["fields"]
    called = send(
        client, "post", f"{path}/call", {"made_at": timezone.now().isoformat(), "timer_seconds": 33}
    )
    assert called.json()["card"]["answers"]["seconds_to_person"] == "33"
    missing = send(client, "post", f"{path}/submit", {})
    assert missing.status_code == 422
    assert "greeting" in missing.json()["error"]["fields"]
    send(client, "patch", f"{path}/card", {"changes": FULL})
    done = send(client, "post", f"{path}/submit", {})
    assert done.status_code == 200
    assert done.json()["card"]["status"] == "submitted" and done.json()["status"] == "done"
    assert "total" not in done.json()["card"]
    again = send(client, "post", f"{path}/submit", {})
    assert again.status_code == 409 and again.json()["error"]["code"] == "submitted"
    late = send(client, "patch", f"{path}/card", {"changes": {"rings": "9"}})
    assert late.status_code == 409 and late.json()["error"]["code"] == "read_only"


def test_could_not_get_through_through_the_api(contact, shopper, api):
    client = api(shopper)
    path = f"{base(contact)}/{contact.pk}"
    refused = send(client, "post", f"{path}/submit", {"reached": False})
    assert refused.status_code == 422 and "attempts" in refused.json()["error"]["fields"]
    at = (timezone.now() - dt.timedelta(minutes=2)).isoformat()
    assert send(client, "post", f"{path}/attempts", {"at": at}).status_code == 200
    assert len(send(client, "post", f"{path}/attempts", {"at": at}).json()["card"]["attempts"]) == 1
    done = send(client, "post", f"{path}/submit", {"reached": False})
    assert done.json()["status"] == ContactStatus.UNREACHABLE


def test_uploads_by_content(contact, shopper, api):
    client = api(shopper)
    path = f"{base(contact)}/{contact.pk}/recordings"
    bad = client.post(path, {"file": SimpleUploadedFile("a.m4a", b"MZ\x90\x00" + b"\0" * 60)})
    assert bad.status_code == 422 and "a.m4a" in bad.json()["error"]["message"]
    good = client.post(path, {"file": SimpleUploadedFile("a.amr", b"#!AMR\n" + b"\x3c" * 20)})
    assert good.status_code == 201 and good.json()["kind"] == "amr"


def test_outside_the_stage_409_and_nothing_written(contact, shopper, api, organizer):
    client = api(shopper)
    path = f"{base(contact)}/{contact.pk}"
    send(client, "patch", f"{path}/card", {"changes": {"rings": "2"}})
    set_stage(contact.season, organizer, "closed")
    answer = send(client, "patch", f"{path}/card", {"changes": {"rings": "3"}})
    assert answer.status_code in (403, 409)
    assert Card.objects.get(contact=contact).answers == {"rings": "2"}
    assert Contact.objects.get(pk=contact.pk).status == ContactStatus.PLANNED
