"""Autosave keeps every save: concurrent saves of different sections, a stale save
of the same answer told with both values, no change after submission, answers
held to their limits and a save's body bounded (core/drafts.py)."""

from __future__ import annotations

import json
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ccaward.applications import domain
from ccaward.applications.models import Entry
from ccaward.core import drafts
from tests.applications.test_flow import draft, fill_valid, url  # noqa: F401  (fixture)


def autosave(client, entry, section, values: dict, version=None, bases=None):
    """What autosave.js posts: the changed answers, their names, the base version and values."""
    data = {"_section": section, **values, "_keys": json.dumps(sorted(values))}
    if version is not None:
        data["_version"] = str(version)
        data["_base"] = json.dumps(bases or {})
    return client.post(url("autosave", entry, *[]), data)


def in_threads(*steps):
    """Run each step in its own thread (its own database connection), one after the
    other in the given order, every step's thread started before the first runs."""
    errors: list[BaseException] = []
    turns = [threading.Event() for _ in steps]

    def run(i, step):
        turns[i].wait(10)
        try:
            step()
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connection.close()
            if i + 1 < len(turns):
                turns[i + 1].set()

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(steps)]
    for t in threads:
        t.start()
    turns[0].set()
    for t in threads:
        t.join(20)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_different_sections_are_both_kept(draft):  # noqa: F811
    # two sessions read the draft at the same version, then both save
    first = Entry.objects.get(pk=draft.pk)
    second = Entry.objects.get(pk=draft.pk)
    base = first.answers_version
    errors = in_threads(
        lambda: domain.save_answers(
            entry=first, by=None, answers={"culture_mission": "客户至上"}, version=base
        ),
        lambda: domain.save_answers(
            entry=second, by=None, answers={"challenges": ["customer_retention"]}, version=base
        ),
    )
    assert errors == []
    draft.refresh_from_db()
    assert draft.answers["culture_mission"] == "客户至上"
    assert draft.answers["challenges"] == ["customer_retention"]
    assert draft.answers_version == base + 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_without_a_version_keep_both_sections(draft):  # noqa: F811
    first = Entry.objects.get(pk=draft.pk)
    second = Entry.objects.get(pk=draft.pk)
    errors = in_threads(
        lambda: domain.save_answers(entry=first, by=None, answers={"culture_mission": "甲"}),
        lambda: domain.save_answers(entry=second, by=None, answers={"culture_vision": "乙"}),
    )
    assert errors == []
    draft.refresh_from_db()
    assert (draft.answers["culture_mission"], draft.answers["culture_vision"]) == ("甲", "乙")


def test_a_stale_save_of_the_same_answer_is_a_conflict_with_both_values(
    draft,  # noqa: F811
    applicant,
    client_en,
):
    c = client_en(applicant)
    base = Entry.objects.get(pk=draft.pk).answers_version
    # the first page saves; the second page, loaded before, saves the same answer
    r = autosave(c, draft, "culture", {"culture_mission": "甲"}, base, {"culture_mission": None})
    assert r.status_code == 200 and r.json()["version"] == base + 1
    r = autosave(c, draft, "culture", {"culture_mission": "乙"}, base, {"culture_mission": None})
    assert r.status_code == 409
    body = r.json()
    assert body["code"] == "conflict" and body["version"] == base + 1
    assert [(x["field"], x["base"], x["stored"], x["sent"]) for x in body["conflicts"]] == [
        ("culture_mission", None, "甲", "乙")
    ]
    assert body["conflicts"][0]["label"] == "Mission"
    draft.refresh_from_db()
    assert draft.answers["culture_mission"] == "甲"
    # "keep mine": saved again on the stored value
    r = autosave(
        c, draft, "culture", {"culture_mission": "乙"}, base + 1, {"culture_mission": "甲"}
    )
    assert r.status_code == 200
    draft.refresh_from_db()
    assert draft.answers["culture_mission"] == "乙"


def test_a_stale_save_of_another_answer_is_kept(draft, applicant, client_en):  # noqa: F811
    c = client_en(applicant)
    base = Entry.objects.get(pk=draft.pk).answers_version
    assert autosave(c, draft, "culture", {"culture_mission": "甲"}, base, {}).status_code == 200
    r = autosave(c, draft, "culture", {"culture_vision": "乙"}, base, {"culture_vision": None})
    assert r.status_code == 200
    draft.refresh_from_db()
    assert (draft.answers["culture_mission"], draft.answers["culture_vision"]) == ("甲", "乙")


def test_the_page_post_saves_only_what_changed_and_reports_a_conflict(
    draft,  # noqa: F811
    applicant,
    client_en,
):
    c = client_en(applicant)
    page = c.get(url("section", draft, "culture")).content.decode()
    assert 'name="_version" value="0"' in page and 'name="_base"' in page
    domain.save_answers(entry=draft, by=applicant, answers={"culture_mission": "别处保存的"})
    r = c.post(
        url("section", draft, "culture"),
        {
            "_section": "culture",
            "_version": "0",
            "_base": "{}",
            "culture_mission": "本页的",
            "culture_vision": "愿景",
        },
        follow=True,
    )
    body = r.content.decode()
    assert "saved elsewhere as “别处保存的”; yours, not saved: “本页的”" in body
    draft.refresh_from_db()
    assert draft.answers["culture_mission"] == "别处保存的"
    assert "culture_vision" not in draft.answers
    # without a conflict, the unchanged answers are left alone
    domain.save_answers(entry=draft, by=applicant, answers={"culture_values": "价值观"})
    c.post(
        url("section", draft, "culture"),
        {
            "_section": "culture",
            "_version": "1",
            "_base": json.dumps({"culture_mission": "别处保存的"}),
            "culture_mission": "别处保存的",
            "culture_vision": "愿景",
        },
    )
    draft.refresh_from_db()
    assert draft.answers["culture_vision"] == "愿景"
    assert draft.answers["culture_values"] == "价值观"


@pytest.mark.django_db(transaction=True)
def test_a_save_after_submission_is_refused_and_the_submitted_answers_stay(
    draft,  # noqa: F811
    applicant,
):
    fill_valid(draft, applicant)
    in_flight = Entry.objects.get(pk=draft.pk)  # the page's save, read before submission
    submitted = {}
    refused = []

    def submit():
        entry = domain.submit(entry=Entry.objects.get(pk=draft.pk), by=applicant)
        submitted.update(entry.answers)

    def save():
        try:
            domain.save_answers(
                entry=in_flight, by=applicant, answers={"culture_mission": "提交后的修改"}
            )
        except ValidationError as exc:
            refused.append(exc.code)

    assert in_threads(submit, save) == []
    assert refused == ["read_only"]
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.answers == submitted


def test_the_api_answers_a_save_after_submission_with_409(draft, applicant, api):  # noqa: F811
    fill_valid(draft, applicant)
    stale = Entry.objects.get(pk=draft.pk)
    domain.submit(entry=Entry.objects.get(pk=draft.pk), by=applicant)
    with pytest.raises(ValidationError):
        domain.save_answers(entry=stale, by=applicant, answers={"culture_mission": "改"})
    r = api(applicant).patch(
        f"/api/seasons/{draft.season.slug}/entries/{draft.pk}/answers",
        {"answers": {"culture_mission": "改"}},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "read_only"


def test_a_value_over_its_limit_is_refused_naming_the_question(
    draft,  # noqa: F811
    applicant,
    client_en,
    api,
):
    c = client_en(applicant)
    r = autosave(c, draft, "culture", {"culture_mission": "长" * 5001})
    assert r.status_code == 422
    assert "Mission: 5001 characters; the limit is 5000." in r.json()["error"]
    assert list(r.json()["fields"]) == ["culture_mission"]
    r = api(applicant, "en").patch(
        f"/api/seasons/{draft.season.slug}/entries/{draft.pk}/answers",
        {"answers": {"enterprise_name": "名" * 201}},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert list(r.json()["error"]["fields"]) == ["enterprise_name"]
    draft.refresh_from_db()
    assert "culture_mission" not in draft.answers
    assert draft.answers.get("enterprise_name") != "名" * 201
    # at the limit it is kept
    assert autosave(c, draft, "culture", {"culture_mission": "长" * 5000}).status_code == 200


def test_an_oversized_body_is_refused(draft, applicant, client_en, api):  # noqa: F811
    c = client_en(applicant)
    big = "x" * (drafts.MAX_SAVE_BYTES + 1)
    r = autosave(c, draft, "culture", {"culture_mission": "甲", "culture_vision": big})
    assert r.status_code == 413
    assert "256 KB" in r.json()["error"]
    r = api(applicant, "en").patch(
        f"/api/seasons/{draft.season.slug}/entries/{draft.pk}/answers",
        {"answers": {"culture_mission": big}},
        content_type="application/json",
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    draft.refresh_from_db()
    assert "culture_mission" not in draft.answers


def test_the_api_takes_a_version_and_answers_a_stale_one_with_both_values(
    draft,  # noqa: F811
    applicant,
    api,
):
    path = f"/api/seasons/{draft.season.slug}/entries/{draft.pk}/answers"
    client = api(applicant, "en")
    base = Entry.objects.get(pk=draft.pk).answers_version
    ok = client.patch(
        path, {"answers": {"culture_mission": "甲"}, "version": base}, "application/json"
    )
    assert ok.status_code == 200
    # another answer, based on the old version: no conflict (it was not changed since)
    ok = client.patch(
        path, {"answers": {"culture_vision": "乙"}, "version": base}, "application/json"
    )
    assert ok.status_code == 200
    stale = client.patch(
        path, {"answers": {"culture_mission": "丙"}, "version": base}, "application/json"
    )
    assert stale.status_code == 409
    err = stale.json()["error"]
    assert err["code"] == "conflict" and list(err["fields"]) == ["culture_mission"]
    assert [(p["field"], p["stored"], p["sent"]) for p in err["problems"]] == [
        ("culture_mission", "甲", "丙")
    ]
    # without a version, the last save wins as before
    last = client.patch(path, {"answers": {"culture_mission": "丙"}}, "application/json")
    assert last.status_code == 200
    draft.refresh_from_db()
    assert draft.answers["culture_mission"] == "丙" and draft.answers["culture_vision"] == "乙"


def test_a_file_attached_from_a_stale_page_keeps_the_answers_saved_meanwhile(
    draft,  # noqa: F811
    applicant,
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.applications.test_flow import png_bytes

    stale = Entry.objects.get(pk=draft.pk)
    domain.save_answers(entry=draft, by=applicant, answers={"culture_mission": "甲"})
    upload = SimpleUploadedFile("公章.png", png_bytes(), "image/png")
    stored = domain.attach_file(entry=stale, field_key="seal_scan", upload=upload, by=applicant)
    draft.refresh_from_db()
    assert draft.answers["culture_mission"] == "甲"
    assert draft.answers["seal_scan"] == [str(stored.pk)]
    domain.save_answers(entry=draft, by=applicant, answers={"culture_vision": "乙"})
    domain.remove_file(entry=stale, stored=stored, by=applicant)
    draft.refresh_from_db()
    assert draft.answers["culture_vision"] == "乙" and "seal_scan" not in draft.answers
