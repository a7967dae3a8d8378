"""The KPI API: uploads and their status, figures, monthly and reported figures,
the benchmark and the policy; the same permissions and stage gates as the pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from ccaward.core.models import AuditEvent
from ccaward.kpis import domain
from ccaward.kpis.models import InteractionUpload, KpiResult, MonthlyFigure, ReportedFigure
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import StageKind
from tests.factories import make_entry
from tests.kpis.test_kpis import HEADER, ROWS

JSON = "application/json"


def set_stage(season, organizer, action, kind=StageKind.DATA_COLLECTION):
    seasons.override_stage(
        stage=season.stages.get(kind=kind), by=organizer, action=action, reason="测试"
    )


@pytest.fixture
def entry(season, organizer, applicant):
    set_stage(season, organizer, "open")
    e = make_entry(season=season, by=organizer)
    e.center.organization.members.add(applicant)
    return e


def url(entry, rest=""):
    return f"/api/seasons/{entry.season.slug}/entries/{entry.pk}/kpi/{rest}"


def records(text=HEADER + ROWS, name="records.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


MONTHS = [
    {
        "month": "2026-08",
        "offered": 1000,
        "answered": 900,
        "abandoned": 100,
        "answered_within_sl": 800,
        "aht_s": 200,
    },
    {
        "month": "2026-09",
        "offered": 3000,
        "answered": 2900,
        "abandoned": 100,
        "answered_within_sl": 2400,
        "aht_s": 300,
    },
]


@pytest.mark.django_db(transaction=True)
def test_an_applicant_uploads_and_follows_the_job_to_the_figures(api, applicant, entry):
    client = api(applicant)
    response = client.post(url(entry, "uploads"), {"file": records(), "mapping": "standard"})
    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["original_name"], body["status"], body["job"]["status"]) == (
        "records.csv",
        "queued",
        "queued",
    )
    assert body["uploaded_by"] == applicant.email
    assert not KpiResult.objects.exists()  # nothing computed inside the request
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    status = client.get(url(entry, f"uploads/{body['id']}")).json()
    assert (status["status"], status["job"]["status"], status["job"]["percent"]) == (
        "done",
        "done",
        100,
    )
    assert [u["id"] for u in client.get(url(entry, "uploads")).json()] == [body["id"]]
    figures = client.get(url(entry, "figures")).json()
    assert figures["result"]["source"] == "records"
    assert figures["result"]["upload"] == body["id"]
    assert figures["result"]["figures"]["offered"] == 3
    assert figures["result"]["figures"]["answer_rate"] == pytest.approx(2 / 3)


@pytest.mark.django_db(transaction=True)
def test_a_refused_upload_says_why(api, organizer, entry):
    bad = ROWS.replace("2026-10-01 09:00:30", "2026-10-01 08:00:30")  # answered before arrival
    client = api(organizer)
    upload = client.post(url(entry, "uploads"), {"file": records(HEADER + bad)}).json()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    status = client.get(url(entry, f"uploads/{upload['id']}")).json()
    assert status["status"] == "failed" and status["job"]["status"] == "failed"
    assert status["error"] and status["error"] == status["job"]["message"]
    assert status["report"]["input"] == "records"
    assert {i["rule"] for i in status["report"]["issues"]} == {"answered_before_arrival"}


def test_upload_checks_name_the_field(api, applicant, entry, season):
    client = api(applicant)
    png = SimpleUploadedFile("records.csv", b"\x89PNG\r\n\x1a\n" + bytes(64), "text/csv")
    response = client.post(url(entry, "uploads"), {"file": png})
    assert response.status_code == 422
    assert "records.csv" in " ".join(response.json()["error"]["fields"]["file"])
    response = client.post(url(entry, "uploads"), {"mapping": "standard"})
    assert response.status_code == 422 and "file" in response.json()["error"]["fields"]
    response = client.post(
        url(entry, "uploads"), {"file": records(), "schedules": records(name="plan.csv")}
    )
    assert response.status_code == 422 and "schedules" in response.json()["error"]["fields"]
    response = client.post(url(entry, "uploads"), {"file": records(), "mapping": "nonsense"})
    assert response.status_code == 422 and "mapping" in response.json()["error"]["fields"]
    policy = domain.policy_for(season)
    policy.max_upload_mb = 1
    policy.save()
    big = records(HEADER + ROWS * 6000)  # ~1.6 MB
    response = client.post(url(entry, "uploads"), {"file": big})
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["file"] == ["文件超过 1 MB。"]
    assert not InteractionUpload.objects.exists()


def test_a_closed_stage_is_409_and_nothing_is_stored(api, applicant, organizer, entry, season):
    set_stage(season, organizer, "closed")
    client = api(applicant)
    response = client.post(url(entry, "uploads"), {"file": records()})
    assert response.status_code == 409
    body = response.json()["error"]
    assert body["code"] == "stage_closed"
    assert body["fields"]["stage"] == ["data_collection", "benchmarking"]
    assert organizer.email in body["message"]
    response = client.put(url(entry, "monthly"), {"rows": MONTHS}, content_type=JSON)
    assert response.status_code == 409 and response.json()["error"]["code"] == "stage_closed"
    response = client.put(url(entry, "reported"), {"values": {"aht_s": 300}}, content_type=JSON)
    assert response.status_code == 409
    assert not InteractionUpload.objects.exists()
    assert not MonthlyFigure.objects.exists() and not ReportedFigure.objects.exists()
    # reading is not gated
    assert client.get(url(entry, "figures")).status_code == 200
    assert client.get(url(entry, "monthly")).status_code == 200


def test_an_organizer_corrects_a_closed_stage_and_the_log_says_so(api, organizer, entry, season):
    set_stage(season, organizer, "closed")
    client = api(organizer)
    response = client.put(url(entry, "monthly"), {"rows": MONTHS}, content_type=JSON)
    assert response.status_code == 200, response.content
    event = AuditEvent.objects.get(action="kpi.monthly_saved")
    assert event.data["note"] == "organizer correction while closed: data_collection, benchmarking"
    response = client.post(url(entry, "uploads"), {"file": records()})
    assert response.status_code == 202
    event = AuditEvent.objects.get(action="kpi.uploaded")
    assert event.data["note"].startswith("organizer correction while closed")


def test_benchmarking_open_is_enough(api, applicant, organizer, entry, season):
    set_stage(season, organizer, "closed")
    set_stage(season, organizer, "open", kind=StageKind.BENCHMARKING)
    response = api(applicant).put(url(entry, "monthly"), {"rows": MONTHS}, content_type=JSON)
    assert response.status_code == 200
    assert "note" not in AuditEvent.objects.get(action="kpi.monthly_saved").data


def test_monthly_figures_put_and_get(api, applicant, entry):
    client = api(applicant)
    response = client.put(url(entry, "monthly"), {"rows": MONTHS}, content_type=JSON)
    assert response.status_code == 200
    body = response.json()
    assert [r["month"] for r in body["rows"]] == ["2026-08", "2026-09"]
    assert body["figures"]["service_level"] == pytest.approx(0.8)
    assert client.get(url(entry, "monthly")).json() == body
    figures = client.get(url(entry, "figures")).json()
    assert figures["result"]["source"] == "monthly"
    # the months sent replace the entry's: one month left
    response = client.put(url(entry, "monthly"), {"rows": MONTHS[1:]}, content_type=JSON)
    assert [r["month"] for r in response.json()["rows"]] == ["2026-09"]
    assert MonthlyFigure.objects.filter(entry=entry).count() == 1


def test_monthly_errors_name_the_row_and_field(api, applicant, entry):
    client = api(applicant)
    rows = [MONTHS[0], {**MONTHS[1], "abandoned": 300}, {**MONTHS[1], "offered": 5000}]
    response = client.put(url(entry, "monthly"), {"rows": rows}, content_type=JSON)
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"rows.1.abandoned", "rows.2.month"}
    assert fields["rows.1.abandoned"] == ["第 2 行，排队放弃量：接通量与放弃量之和超过了呼入量。"]
    assert fields["rows.2.month"][0].startswith("第 3 行，")
    assert not MonthlyFigure.objects.exists()
    response = client.put(
        url(entry, "monthly"), {"rows": [{**MONTHS[0], "month": "August"}]}, content_type=JSON
    )
    assert response.status_code == 422  # the schema's pattern


def test_reported_figures_are_verified(api, applicant, entry):
    KpiResult.objects.create(entry=entry, figures={"abandon_rate": 0.05}, params={})
    client = api(applicant)
    response = client.put(
        url(entry, "reported"),
        {"values": {"abandon_rate": 0.12, "aht_s": 300}},
        content_type=JSON,
    )
    assert response.status_code == 200
    rows = {r["key"]: r for r in response.json()["verification"]}
    assert rows["abandon_rate"]["gap"] == pytest.approx(7.0) and rows["abandon_rate"]["flagged"]
    assert rows["aht_s"]["computed"] is None and rows["aht_s"]["flagged"] is None
    response = client.put(
        url(entry, "reported"), {"values": {"service_level": 0.9}}, content_type=JSON
    )
    assert response.status_code == 422 and "service_level" in response.json()["error"]["fields"]


def test_who_may_read_and_who_may_give(api, applicant, judge, outsider, organizer, entry, season):
    assert api(outsider).get(url(entry, "figures")).status_code == 404
    assert api(judge).get(url(entry, "figures")).status_code == 200
    response = api(judge).post(url(entry, "uploads"), {"file": records()})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    other = make_entry(season=season, by=organizer)  # another enterprise's entry
    assert api(applicant).get(url(other, "figures")).status_code == 404
    assert api(applicant).post(url(other, "uploads"), {"file": records()}).status_code == 404
    assert api(applicant).get(url(entry, "uploads/999999")).status_code == 404


def test_benchmark_for_organizers_and_judges(api, applicant, judge, outsider, organizer, season):
    entries = [make_entry(season=season, by=organizer) for _ in range(6)]
    for e, sl in zip(entries, [0.70, 0.95, 0.80, 0.85, 0.90, 0.75], strict=True):
        KpiResult.objects.create(entry=e, figures={"service_level": sl}, params={})
    base = f"/api/seasons/{season.slug}/benchmark"
    assert api(outsider).get(base).status_code == 404
    assert api(applicant).get(base).status_code == 403
    body = api(judge).get(base, {"sort": "service_level"}).json()
    board = domain.board(season, sort="service_level")
    assert [r["entry"] for r in body["rows"]] == [r["entry"].pk for r in board["rows"]]
    assert body["columns"] == list(board["columns"])
    i = body["columns"].index("service_level")
    assert body["rows"][0]["cells"][i]["value"] == pytest.approx(0.95)
    assert api(organizer).get(base, {"group": "nonsense"}).status_code == 422


def test_policy_get_and_put(api, organizer, judge, season):
    base = f"/api/seasons/{season.slug}/kpi-policy"
    assert api(judge).get(base).status_code == 403
    assert api(organizer).get(base).json()["sl_seconds"] == 20
    response = api(organizer).put(
        base, {"sl_seconds": 30, "abandon_treatment": "ignored"}, content_type=JSON
    )
    assert response.status_code == 200
    assert (response.json()["sl_seconds"], response.json()["fcr_days"]) == (30, 7)
    assert domain.policy_for(season).engine_params()["abandon_treatment"] == "ignored"
    event = AuditEvent.objects.get(action="kpi.policy_changed")
    assert event.data == {"sl_seconds": "30", "abandon_treatment": "ignored"}
    response = api(organizer).put(base, {"fcr_days": 0}, content_type=JSON)
    assert response.status_code == 422 and "fcr_days" in response.json()["error"]["fields"]
    assert api(judge).put(base, {"sl_seconds": 10}, content_type=JSON).status_code == 403


def test_the_kpi_endpoints_are_in_the_schema(client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path, methods in {
        "/api/seasons/{slug}/entries/{pk}/kpi/uploads": {"get", "post"},
        "/api/seasons/{slug}/entries/{pk}/kpi/uploads/{upload_id}": {"get"},
        "/api/seasons/{slug}/entries/{pk}/kpi/figures": {"get"},
        "/api/seasons/{slug}/entries/{pk}/kpi/reported": {"put"},
        "/api/seasons/{slug}/entries/{pk}/kpi/monthly": {"get", "put"},
        "/api/seasons/{slug}/benchmark": {"get"},
        "/api/seasons/{slug}/kpi-policy": {"get", "put"},
    }.items():
        assert methods <= set(paths[path]), path
    upload = paths["/api/seasons/{slug}/entries/{pk}/kpi/uploads"]["post"]
    assert {"202", "403", "404", "409", "422"} <= set(upload["responses"])
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert "409" in paths["/api/seasons/{slug}/entries/{pk}/kpi/monthly"]["put"]["responses"]
