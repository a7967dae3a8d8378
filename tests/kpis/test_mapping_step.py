"""The mapping step: an upload with the center's own columns, mapped in the page with a
preview of the parsed rows and the findings, saved for the center and reused; the data
format page with its template and sample files."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from ccaward.core.models import AuditEvent
from ccaward.engine.interactions import examples
from ccaward.kpis.models import ColumnMapping, InteractionUpload, KpiResult
from tests.engine.test_mapping_step import MASTER
from tests.factories import make_entry
from tests.kpis.test_kpis import csv_file, kpi_url, open_data_collection

OWN = (
    "CallRef;Queue;Caller;Start;Waiting;Answer;End;Result;Talk\n"
    "r1;卡;138;02/03/2026 09:00:00;02/03/2026 09:00:10;02/03/2026 09:00:30;02/03/2026 09:04:00;OK;0:03:30\n"
    "r2;卡;139;02/03/2026 09:05:00;02/03/2026 09:05:05;;02/03/2026 09:06:00;ABN;\n"
    "r3;卡;138;03/03/2026 10:00:00;03/03/2026 10:00:02;03/03/2026 10:00:12;03/03/2026 10:02:12;OK;0:02:00\n"
)
MAPPED = {
    "header": "on",
    "src_contact_id": "CallRef",
    "const_center": "东方",
    "const_channel": "voice",
    "src_queue": "Queue",
    "src_customer_key": "Caller",
    "src_arrived_at": "Start",
    "fmt_arrived_at": "%d/%m/%Y %H:%M:%S",
    "src_queued_at": "Waiting",
    "fmt_queued_at": "%d/%m/%Y %H:%M:%S",
    "src_answered_at": "Answer",
    "fmt_answered_at": "%d/%m/%Y %H:%M:%S",
    "src_ended_at": "End",
    "fmt_ended_at": "%d/%m/%Y %H:%M:%S",
    "src_talk_s": "Talk",
    "src_outcome": "Result",
    "values_outcome": "OK = resolved\nABN = abandoned",
    "resolved_outcomes": "resolved",
}


@pytest.fixture
def entry(season, organizer, applicant):
    open_data_collection(season, organizer)
    e = make_entry(season=season, by=organizer)
    e.center.organization.members.add(applicant)
    return e


def mapping_url(upload):
    entry = upload.entry
    return reverse("kpis:mapping", args=[entry.season.slug, entry.pk, upload.pk])


def _upload_own(client, entry, text, name="own.csv"):
    response = client.post(kpi_url(entry), {"file": csv_file(text, name), "mapping": "own:new"})
    upload = InteractionUpload.objects.get(original_name=name)
    assert response.status_code == 302 and response["Location"] == mapping_url(upload)
    assert upload.status == "mapping" and upload.job is None  # nothing computed yet
    return upload


@pytest.mark.django_db(transaction=True)
def test_an_applicant_maps_own_columns_previews_saves_and_reuses(as_user, applicant, entry):
    client = as_user(applicant)
    upload = _upload_own(client, entry, OWN)
    page = client.get(mapping_url(upload)).content.decode()
    for column in ("CallRef", "Waiting", "02/03/2026 09:00:00"):  # columns and first rows
        assert column in page

    preview = client.post(mapping_url(upload), {**MAPPED, "action": "preview"})
    assert preview.status_code == 200
    parsed = preview.context["result"]
    assert [r[0] for r in parsed.rows] == ["r1", "r2", "r3"]
    assert parsed.rows[0][parsed.columns.index("talk_s")] == 210.0
    assert parsed.rows[1][parsed.columns.index("outcome")] == "abandoned"
    assert parsed.report.ok and parsed.report.notices == ()
    assert not ColumnMapping.objects.exists()  # a preview saves nothing

    saved = client.post(mapping_url(upload), {**MAPPED, "action": "save", "name": "我们的 ACD"})
    assert saved.status_code == 302 and saved["Location"] == kpi_url(entry)
    mapping = ColumnMapping.objects.get()
    assert (mapping.center, mapping.name) == (entry.center, "我们的 ACD")
    assert mapping.spec["formats"]["arrived_at"] == "%d/%m/%Y %H:%M:%S"
    upload.refresh_from_db()
    assert (upload.status, upload.column_mapping, upload.mapping_spec) == (
        "queued",
        mapping,
        mapping.spec,
    )
    assert {"kpi.mapping_saved", "kpi.mapped"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    result = KpiResult.objects.get(upload=upload)
    assert (result.figures["offered"], result.figures["answered"]) == (3, 2)
    assert result.figures["fcr_rate"] == pytest.approx(1.0)  # from the resolved codes

    # the next upload reads its columns with the saved mapping, straight away
    page = client.get(kpi_url(entry)).content.decode()
    assert f'value="own:{mapping.pk}"' in page
    response = client.post(
        kpi_url(entry), {"file": csv_file(OWN, "march.csv"), "mapping": f"own:{mapping.pk}"}
    )
    assert response.status_code == 302 and response["Location"] == kpi_url(entry)
    again = InteractionUpload.objects.get(original_name="march.csv")
    assert (again.status, again.column_mapping) == ("queued", mapping)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert KpiResult.objects.get(upload=again).figures["offered"] == 3


@pytest.mark.django_db
def test_a_headerless_cdr_is_mapped_by_position_and_the_finding_shown(as_user, applicant, entry):
    client = as_user(applicant)
    upload = _upload_own(client, entry, MASTER, "Master.csv")
    page = client.get(mapping_url(upload) + "?header=0")
    assert page.context["sample"].columns[:3] == ("1", "2", "3")
    by_position = {
        "src_contact_id": "17",
        "const_center": "pbx",
        "const_channel": "voice",
        "src_arrived_at": "10",
        "src_answered_at": "11",
        "src_ended_at": "12",
        "src_talk_s": "14",
        "action": "preview",
    }
    preview = client.post(mapping_url(upload), by_position)
    (notice,) = preview.context["result"].report.notices
    assert (notice.rule, notice.count) == ("answered_without_queue", 2)
    assert "不计入呼入量" in preview.content.decode()  # the finding, as a sentence
    preview = client.post(mapping_url(upload), {**by_position, "queued_on_arrival": "on"})
    assert preview.context["result"].report.notices == ()
    # the Asterisk preset fills the form in
    filled = client.get(mapping_url(upload) + "?start=asterisk_cdr")
    form = filled.context["form"]
    assert form.initial["src_contact_id"] == "17" and form.initial["queued_on_arrival"]


@pytest.mark.django_db
def test_the_mapping_step_takes_plain_data_only(as_user, applicant, entry):
    client = as_user(applicant)
    upload = _upload_own(client, entry, OWN)
    # a column the file lacks (the form offers only its columns) is refused on the form
    response = client.post(
        mapping_url(upload),
        {**MAPPED, "src_queue": "(SELECT 1)", "action": "preview"},
    )
    assert response.context["form"].errors["src_queue"]
    # a typed value is a value, never SQL
    response = client.post(
        mapping_url(upload),
        {
            **MAPPED,
            "src_queue": "",
            "const_queue": "x') OR read_csv('/etc/passwd",
            "action": "preview",
        },
    )
    result = response.context["result"]
    assert {r[result.columns.index("queue")] for r in result.rows} == {
        "x') OR read_csv('/etc/passwd"
    }
    # saving needs a name
    response = client.post(mapping_url(upload), {**MAPPED, "action": "save"})
    assert response.status_code == 200 and response.context["form"].errors["name"]
    assert not ColumnMapping.objects.exists()


@pytest.mark.django_db
def test_another_center_cannot_use_or_see_the_mapping_step(as_user, applicant, outsider, entry):
    upload = _upload_own(as_user(applicant), entry, OWN)
    assert as_user(outsider).get(mapping_url(upload)).status_code == 404


def test_the_data_format_page_and_its_files(client):
    page = client.get(reverse("kpis:data_format")).content.decode()
    for text in ("arrived_at", "queued_at", "2026-03-02 09:00:00", "asterisk_cdr"):
        assert text in page
    for kind in ("template", "sample"):
        for language in ("zh", "en"):
            response = client.get(reverse("kpis:data_file", args=[kind, language]))
            assert response.status_code == 200
            body = response.content.decode("utf-8-sig")
            expected = (
                examples.template(language) if kind == "template" else examples.sample(language)
            )
            assert body == expected
    assert client.get("/seasons/kpi-data/sample-fr.csv").status_code == 404


@pytest.mark.django_db
def test_the_upload_page_links_the_documentation_and_files(as_user, applicant, entry):
    page = as_user(applicant).get(kpi_url(entry)).content.decode()
    assert reverse("kpis:data_format") in page and "字段格式见文档" in page
    assert reverse("kpis:data_file", args=["sample", "zh"]) in page
    assert 'value="own:new"' in page


@pytest.mark.django_db
def test_the_mapping_step_refuses_control_characters(as_user, applicant, entry):
    client = as_user(applicant)
    upload = _upload_own(client, entry, OWN)
    response = client.post(
        mapping_url(upload), {**MAPPED, "const_queue": "a\x00b", "action": "preview"}
    )
    assert response.context["form"].errors["const_queue"]
    assert response.context["result"] is None
