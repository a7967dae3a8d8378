"""The applicant's flow through the application form, and the organizer's decisions."""

from __future__ import annotations

import datetime as dt
import struct
import zlib

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone

from ccaward.applications import domain
from ccaward.applications.models import Entry, EntryFile
from ccaward.kpis.models import ReportedFigure

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def png_bytes() -> bytes:
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    raw = b"\x00\xff\x00\x00" * 1
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def draft(season, category, applicant, client_en):
    c = client_en(applicant)
    r = c.post(
        reverse("applications:start", args=[season.slug]),
        {
            "category": category.pk,
            "org_name": "东方联合银行股份有限公司",
            "center_name": "东方联合银行信用卡中心",
            "industry": "banking",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    return Entry.objects.get(center__name="东方联合银行信用卡中心")


def url(name, entry, *args):
    return reverse(f"applications:{name}", args=[entry.season.slug, entry.pk, *args])


def test_start_registers_the_enterprise_and_prefills_the_form(draft, applicant):
    assert draft.status == "draft"
    assert draft.form.version == 1
    assert applicant in draft.center.organization.members.all()
    assert draft.answers["enterprise_name"] == "东方联合银行股份有限公司"
    assert draft.answers["center_name"] == "东方联合银行信用卡中心"
    assert draft.answers["center_industry"] == "banking"


def test_start_keeps_what_was_typed_on_error(season, category, applicant, client_en):
    r = client_en(applicant).post(
        reverse("applications:start", args=[season.slug]),
        {"category": category.pk, "org_name": "某银行", "credit_code": "123", "center_name": ""},
    )
    body = r.content.decode()
    assert r.status_code == 200
    assert "A unified social credit code has 18 digits" in body
    assert 'value="某银行"' in body
    assert Entry.objects.count() == 0


def test_every_section_renders_in_both_languages(draft, applicant, client_en):
    c = client_en(applicant)
    for section in draft.form.parsed.sections:
        r = c.get(url("section", draft, section.key))
        assert r.status_code == 200, section.key
        for f in section.fields:
            if f.type not in ("info", "file"):
                assert f'name="{f.answer_keys()[0]}"' in r.content.decode(), f.key
    c.cookies["ccaward_language"] = "zh-hans"
    r = c.get(url("section", draft, "strategy"))
    assert "未来12个月面临的三大挑战" in r.content.decode()


def test_autosave_keeps_what_was_typed_even_when_invalid(draft, applicant, client_en):
    c = client_en(applicant)
    r = c.post(
        url("autosave", draft),
        {"_section": "staff", "center_seats": "abc", "age_under_25": "30", "age_25_35": "50"},
    )
    assert r.status_code == 200
    assert r.json()["message"].startswith("Saved at")
    draft.refresh_from_db()
    assert draft.answers["center_seats"] == "abc"
    assert draft.saved_at is not None
    # the section page shows the problems by question when checked
    body = c.get(url("section", draft, "staff") + "?check=1").content.decode()
    assert "“abc” is not a whole number." in body
    assert "must add up to 100%; it adds up to 80%" in body
    assert 'value="abc"' in body


def test_bad_input_is_named_in_the_summary(draft, applicant, client_en):
    c = client_en(applicant)
    c.post(
        url("autosave", draft),
        {"_section": "strategy", "challenges": ["proactive_sales", "customer_retention"]},
    )
    c.post(url("autosave", draft), {"_section": "staff", "agents.full_time.headcount": "-5"})
    body = c.get(url("review", draft)).content.decode()
    assert "Pick exactly 3 options (2 picked)." in body
    assert "-5 is below the minimum of 0." in body
    assert "The declaration must be confirmed." in body
    assert "?check=1#f-agents-full_time-headcount" in body


def test_unticked_boxes_are_cleared_but_other_sections_kept(draft, applicant, client_en):
    c = client_en(applicant)
    c.post(url("autosave", draft), {"_section": "culture", "culture_mission": "客户至上"})
    c.post(url("autosave", draft), {"_section": "strategy", "challenges": ["customer_retention"]})
    c.post(url("autosave", draft), {"_section": "strategy"})
    draft.refresh_from_db()
    assert "challenges" not in draft.answers
    assert draft.answers["culture_mission"] == "客户至上"


def test_files_are_checked_by_content(draft, applicant, client_en, settings):
    c = client_en(applicant)
    exe = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    r = c.post(url("upload", draft, "seal_scan"), {"file": exe}, follow=True)
    assert (
        "is not a PDF/PNG/JPEG file (its content was checked, not its name)" in r.content.decode()
    )
    assert EntryFile.objects.count() == 0
    ok = SimpleUploadedFile("公章.png", png_bytes(), "image/png")
    c.post(url("upload", draft, "seal_scan"), {"file": ok})
    stored = EntryFile.objects.get()
    assert stored.kind == "png" and stored.name == "公章.png"
    draft.refresh_from_db()
    assert draft.answers["seal_scan"] == [str(stored.pk)]
    r = c.get(url("file", draft, stored.pk))
    assert r.status_code == 200 and b"".join(r.streaming_content) == png_bytes()
    # close the response (and its file) the way the test client does: without letting
    # request_finished close the test's database connection
    request_finished.disconnect(close_old_connections)
    try:
        r.close()
    finally:
        request_finished.connect(close_old_connections)
    settings.APPLICATION_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    r = c.post(url("upload", draft, "org_chart"), {"file": big}, follow=True)
    assert "the limit is 1 MB" in r.content.decode()


def fill_valid(entry, by):
    import random

    from ccaward.applications.demo import sample_answers

    answers = sample_answers(entry.form.parsed, center=entry.center, rng=random.Random(7))
    domain.save_answers(entry=entry, by=by, answers=answers)
    domain.attach_file(
        entry=entry,
        field_key="seal_scan",
        upload=SimpleUploadedFile("seal.png", png_bytes()),
        by=by,
    )
    entry.refresh_from_db()
    result = domain.validation(entry)
    assert result.ok, result.problems
    return entry


def test_submit_is_refused_with_problems_and_after_the_deadline(draft, applicant, client_en):
    c = client_en(applicant)
    r = c.post(url("review", draft))
    assert "answers need attention before the application can be submitted" in r.content.decode()
    fill_valid(draft, applicant)
    stage = draft.season.stages.get(kind="registration")
    stage.closes_at = timezone.now() - dt.timedelta(minutes=1)
    stage.save()
    r = c.post(url("review", draft))
    assert "Registration is closed (server time" in r.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.django_db(transaction=True)
def test_submission_makes_it_read_only_and_fills_typed_data(draft, applicant, client_en):
    c = client_en(applicant)
    fill_valid(draft, applicant)
    r = c.post(url("review", draft))
    assert r.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.submitted_at
    # typed data: the center's seats, the reported figures (fractions) and the figures
    draft.center.refresh_from_db()
    assert draft.center.seats == int(draft.answers["center_seats"])
    abandon = ReportedFigure.objects.get(entry=draft, key="abandon_rate")
    assert abandon.source == "form"
    assert abandon.value == pytest.approx(float(draft.answers["indicators.abandon.actual"]) / 100)
    assert draft.figures["staff.full_time"] == int(draft.answers["agents.full_time.headcount"])
    # figures the KPI engine does not know stay with the entry, not on the KPI page
    assert draft.figures["reported.quality_score"] == float(
        draft.answers["indicators.quality.actual"]
    )
    assert not ReportedFigure.objects.filter(entry=draft, key="quality_score").exists()
    assert ReportedFigure.objects.filter(entry=draft, key="attrition_rate").exists()
    # read-only now
    r = c.post(url("autosave", draft), {"_section": "culture", "culture_mission": "改"})
    assert r.status_code == 403 or r.status_code == 409
    body = c.get(url("section", draft, "culture")).content.decode()
    assert "This application is read-only." in body and "disabled" in body
    # the receipt goes out in the applicant's language
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.to for m in mail.outbox] == [[applicant.email]]
    assert "received" in mail.outbox[0].subject.lower() or "已收到" in mail.outbox[0].subject


def test_organizer_decides_and_reopens_with_reasons(draft, applicant, organizer, client_en):
    fill_valid(draft, applicant)
    domain.submit(entry=draft, by=applicant)
    c = client_en(organizer)
    r = c.post(url("decide", draft), {"action": "reject", "reason": ""}, follow=True)
    assert "Say why the application is rejected." in r.content.decode()
    c.post(url("decide", draft), {"action": "reopen", "reason": "请补充公章扫描件"})
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.reopen_reason == "请补充公章扫描件"
    domain.submit(entry=draft, by=applicant)
    c.post(url("decide", draft), {"action": "reject", "reason": "不符合参评条件"})
    draft.refresh_from_db()
    assert draft.status == "rejected"
    body = client_en(applicant).get(url("entry", draft)).content.decode()
    assert "不符合参评条件" in body


def test_permissions(draft, applicant, judge, outsider, organizer, client_en):
    assert client_en(outsider).get(url("entry", draft)).status_code == 404
    assert client_en(judge).get(url("entry", draft)).status_code == 200
    assert client_en(judge).post(url("autosave", draft), {"_section": "culture"}).status_code == 403
    assert client_en(applicant).post(url("decide", draft), {"action": "accept"}).status_code == 403
    assert (
        client_en(organizer).post(url("autosave", draft), {"_section": "culture"}).status_code
        == 403
    )


def test_entries_table_filters_and_duplicates(season, category, organizer, client_en):
    from tests.factories import make_entry

    a = make_entry(
        season=season,
        by=organizer,
        category=category,
        name="华信客服中心",
        industry="insurance",
        seats=50,
    )
    b = make_entry(
        season=season,
        by=organizer,
        category=category,
        name="华信 客服中心",
        industry="banking",
        seats=900,
    )
    c_ = make_entry(
        season=season,
        by=organizer,
        category=category,
        name="远景外包",
        industry="outsourcing",
        seats=300,
    )
    c = client_en(organizer)
    base = reverse("applications:list", args=[season.slug])
    body = c.get(base).content.decode()
    assert body.count("same center name") == 2
    assert "远景外包" in body
    body = c.get(base + "?industry=banking").content.decode()
    assert b.center.name in body and c_.center.name not in body
    body = c.get(base + "?size=small").content.decode()
    assert a.center.name in body and c_.center.name not in body
    body = c.get(base + "?q=远景").content.decode()
    assert c_.center.name in body and a.center.name not in body
    body = c.get(base + "?dup=1").content.decode()
    assert c_.center.name not in body and a.center.name in body


@pytest.mark.django_db(transaction=True)
def test_reminders_go_to_drafts_once_before_closing(draft, applicant, organizer):
    stage = draft.season.stages.get(kind="registration")
    stage.closes_at = timezone.now() + dt.timedelta(days=2)
    stage.save()
    assert domain.remind_drafts(season=draft.season, by=organizer) == 1
    assert domain.remind_drafts(season=draft.season, by=organizer) == 0
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [applicant.email]
