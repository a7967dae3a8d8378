"""The site-visit API: who sees what, the sync endpoint (per-record results, a
resend said to be one), the stage gate and photos."""

from __future__ import annotations

import json
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile

from ccaward.visits.models import ItemRecord, Photo
from tests.visits.conftest import close_judging
from tests.visits.test_photos import jpeg_with_gps


def url(visit, tail=""):
    return f"/api/seasons/{visit.season.slug}/visits/{visit.pk}{tail}"


def batch(*records):
    return json.dumps({"records": list(records)})


def rec(item="tech_bcp", rid=None, seq=1, score=8.5):
    return {
        "id": rid or str(uuid.uuid4()),
        "item": item,
        "device": "d1",
        "seq": seq,
        "edited_at": "2026-12-05T10:00:00+08:00",
        "finding": "verified",
        "score": score,
        "notes": "备注",
    }


def test_the_judge_reads_the_checklist_and_the_applicant_only_the_schedule(
    visit, api, judge, applicant
):
    mine = api(judge).get(url(visit)).json()
    assert mine["address"] == visit.address and mine["checklist"]
    assert mine["agenda_items"][0] == {"time": "09:30", "text": "见面会"}
    theirs = api(applicant).get(url(visit)).json()
    assert theirs["address"] == visit.address and theirs["checklist"] == []
    assert theirs["records"] == []
    assert [
        v["id"] for v in api(applicant).get(f"/api/seasons/{visit.season.slug}/visits").json()
    ] == [visit.pk]


def test_a_conflicted_or_other_judge_does_not_see_the_visit(
    visit, api, second_judge, conflicted_profile
):
    user, _ = second_judge
    assert api(user).get(url(visit)).status_code == 404
    conflicted, profile = conflicted_profile
    visit.judges.add(profile)
    assert api(conflicted).get(url(visit)).status_code == 404
    assert api(conflicted).get(f"/api/seasons/{visit.season.slug}/visits").json() == []


def test_sync_answers_per_record_and_a_resend_is_said_to_be_one(visit, api, judge, judging_open):
    one = rec()
    client = api(judge)
    first = client.post(
        url(visit, "/records"), batch(one, rec("nope")), content_type="application/json"
    )
    assert first.status_code == 200
    results = first.json()["results"]
    assert [r["result"] for r in results] == ["stored", "refused"]
    assert "nope" in results[1]["message"]
    again = client.post(url(visit, "/records"), batch(one), content_type="application/json").json()
    assert again["results"][0]["result"] == "already_had" and again["results"][0]["resent"]
    assert ItemRecord.objects.count() == 1


def test_sync_is_refused_while_the_stage_is_closed(visit, api, judge, organizer, season):
    close_judging(season, organizer)
    response = api(judge).post(
        url(visit, "/records"), batch(rec()), content_type="application/json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stage_closed"
    assert (
        api(organizer)
        .post(url(visit, "/records"), batch(rec()), content_type="application/json")
        .status_code
        == 200
    )


def test_an_applicant_cannot_record(visit, api, applicant, judging_open):
    response = api(applicant).post(
        url(visit, "/records"), batch(rec()), content_type="application/json"
    )
    assert response.status_code == 403


def test_photos_through_the_api(visit, api, judge, judging_open):
    client = api(judge)
    pid = str(uuid.uuid4())
    photo = SimpleUploadedFile("座席区.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(url(visit, "/photos"), {"id": pid, "item": "env_noise", "file": photo})
    assert response.status_code == 201, response.content
    photo = SimpleUploadedFile("座席区.jpg", jpeg_with_gps(), content_type="image/jpeg")
    again = client.post(url(visit, "/photos"), {"id": pid, "item": "env_noise", "file": photo})
    assert again.status_code == 200 and again.json()["resent"]
    bad = SimpleUploadedFile("说明.jpg", b"hello", content_type="image/jpeg")
    refused = client.post(
        url(visit, "/photos"), {"id": str(uuid.uuid4()), "item": "env_noise", "file": bad}
    )
    assert refused.status_code == 422
    assert "说明.jpg" in refused.json()["error"]["message"]
    assert Photo.objects.count() == 1
