from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from ccaward.core.models import Job
from ccaward.kpis import domain
from ccaward.kpis.models import InteractionUpload, KpiResult
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import StageKind
from tests.factories import make_entry

HEADER = "contact_id,center,channel,customer_key,arrived_at,queued_at,answered_at,ended_at,abandon_point,talk_s,hold_s,acw_s\n"
# c1 answered after 10 s, c2 answered after 30 s, c3 abandoned after 40 s, c4 IVR only
ROWS = (
    "c1,东方,voice,k1,2026-10-01 09:00:00,2026-10-01 09:00:20,2026-10-01 09:00:30,2026-10-01 09:03:30,,180,0,30\n"
    "c2,东方,voice,k2,2026-10-01 09:10:00,2026-10-01 09:10:20,2026-10-01 09:10:50,2026-10-01 09:15:50,,300,0,60\n"
    "c3,东方,voice,k3,2026-10-02 10:00:00,2026-10-02 10:00:20,,2026-10-02 10:01:00,queue,,,\n"
    "c4,东方,voice,,2026-10-02 11:00:00,,,2026-10-02 11:00:40,ivr,,,\n"
)


def kpi_url(entry):
    return reverse("kpis:entry", args=[entry.season.slug, entry.pk])


def csv_file(text, name="records.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def open_data_collection(season, organizer):
    """Data collection opens (early, by the organizers): applicants give KPI data."""
    seasons.override_stage(
        stage=season.stages.get(kind=StageKind.DATA_COLLECTION),
        by=organizer,
        action="open",
        reason="数据采集提前开放",
    )


@pytest.fixture
def entry(season, organizer, applicant):
    open_data_collection(season, organizer)
    e = make_entry(season=season, by=organizer)
    e.center.organization.members.add(applicant)
    return e


@pytest.mark.django_db(transaction=True)
def test_an_applicant_uploads_records_and_the_worker_computes_them(as_user, applicant, entry):
    client = as_user(applicant)
    response = client.post(kpi_url(entry), {"file": csv_file(HEADER + ROWS), "mapping": "standard"})
    assert response.status_code == 302
    upload = InteractionUpload.objects.get()
    assert (upload.status, upload.size, upload.job.status) == (
        "queued",
        len((HEADER + ROWS).encode()),
        "queued",
    )
    assert not KpiResult.objects.exists()  # nothing computed inside the request
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    upload.refresh_from_db()
    assert upload.status == "done"
    assert Job.objects.get().status == "done"
    result = KpiResult.objects.get()
    f = result.figures
    assert (f["offered"], f["answered"], f["abandoned"], f["ivr_abandoned"]) == (3, 2, 1, 1)
    assert f["answer_rate"] == pytest.approx(2 / 3)
    assert f["service_level"] == pytest.approx(1 / 3)  # answered within 20 s of 3 offered
    assert f["asa_s"] == pytest.approx(20.0)
    assert f["aht_s"] == pytest.approx((210 + 360) / 2)
    assert [r["day"] for r in result.daily] == ["2026-10-01", "2026-10-02"]
    assert str(result.period_start) == "2026-10-01"
    page = client.get(kpi_url(entry)).content.decode()
    assert "66.7 %" in page  # the answer rate as shown
    assert "数据来自 records.csv，计算于" in page  # which upload the figures come from
    assert 'data-chart="{' in page


@pytest.mark.django_db(transaction=True)
def test_a_file_with_bad_rows_is_refused_with_the_rule_and_rows(as_user, organizer, entry):
    bad = ROWS.replace("2026-10-01 09:00:30", "2026-10-01 08:00:30")  # answered before arrival
    as_user(organizer).post(kpi_url(entry), {"file": csv_file(HEADER + bad), "mapping": "standard"})
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    upload = InteractionUpload.objects.get()
    assert upload.status == "failed"
    assert not KpiResult.objects.exists()
    issues = {i["rule"]: i for i in upload.report["issues"]}
    assert issues["answered_before_arrival"]["rows"] == [1]
    page = as_user(organizer).get(kpi_url(entry)).content.decode()
    assert "answered_before_arrival" in page


@pytest.mark.django_db(transaction=True)
def test_refusals_name_the_input_and_never_stay_queued(as_user, organizer, entry):
    states = (
        "agent_key,center,state,started_at,ended_at\n"
        "a1,东方,busy,2026-10-01 09:00:30,2026-10-01 09:03:30\n"
        "a1,东方,lunch,2026-10-01 09:04:00,2026-10-01 09:10:50\n"
    )
    client = as_user(organizer)
    client.post(
        kpi_url(entry),
        {
            "file": csv_file(HEADER + ROWS),
            "mapping": "standard",
            "agent_states": csv_file(states, "states.csv"),
        },
    )
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    upload = InteractionUpload.objects.get()
    assert upload.status == "failed" and upload.report["input"] == "agent_states"
    (issue,) = upload.report["issues"]
    assert (issue["rule"], issue["rows"], issue["file"]) == ("out_of_range", [2], "states.csv")
    job = upload.job
    job.refresh_from_db()
    assert job.message.startswith("input rejected: out_of_range: 1 row(s) (rows 2) in ")
    assert "states.csv" in job.message and str(settings.MEDIA_ROOT) not in job.message
    page = client.get(kpi_url(entry)).content.decode()
    assert "座席状态" in page and "states.csv" in page and "数值超出范围" in page
    assert str(settings.MEDIA_ROOT) not in page
    # two centers in one file: refused with the reason, not left queued
    two = ROWS + ROWS.replace("东方", "西方").replace("c1,", "x1,").replace("c2,", "x2,").replace(
        "c3,", "x3,"
    ).replace("c4,", "x4,")
    client.post(kpi_url(entry), {"file": csv_file(HEADER + two), "mapping": "standard"})
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    latest = InteractionUpload.objects.order_by("-pk").first()
    assert (latest.status, latest.report["input"]) == ("failed", "records")
    assert latest.error == "该文件包含 2 个呼叫中心的数据，请只上传一个呼叫中心的话务明细。"
    latest.job.refresh_from_db()
    assert latest.job.message == latest.error  # the reader's message, not an exception's name


def test_a_file_that_is_not_a_table_is_refused_by_its_content(as_user, organizer, entry):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
    client = as_user(organizer)
    response = client.post(
        kpi_url(entry),
        {"file": SimpleUploadedFile("records.csv", png, "text/csv"), "mapping": "standard"},
    )
    assert response.status_code == 200 and not InteractionUpload.objects.exists()
    assert "records.csv" in " ".join(response.context["form"].errors["file"])
    response = client.post(
        kpi_url(entry),
        {"file": SimpleUploadedFile("records.parquet", b"not parquet", "x"), "mapping": "standard"},
    )
    assert "PARQUET" in " ".join(response.context["form"].errors["file"])
    assert not InteractionUpload.objects.exists()


def test_an_oversized_upload_is_stopped_and_nothing_is_saved(as_user, organizer, entry, season):
    policy = domain.policy_for(season)
    policy.max_upload_mb = 1
    policy.save()
    big = HEADER + ROWS * 6000  # ~1.6 MB
    response = as_user(organizer).post(
        kpi_url(entry), {"file": csv_file(big), "mapping": "standard"}
    )
    assert response.status_code == 200
    assert "1 MB" in response.content.decode()
    assert not InteractionUpload.objects.exists()


def test_who_sees_and_who_uploads(as_user, outsider, judge, organizer, season, entry):
    assert as_user(outsider).get(kpi_url(entry)).status_code == 404
    assert as_user(judge).get(kpi_url(entry)).status_code == 200
    board = as_user(judge).get(reverse("kpis:board", args=[season.slug]))
    assert board.status_code == 200  # judges see the board, not the way to the policy
    assert reverse("kpis:policy", args=[season.slug]) not in board.content.decode()
    response = as_user(judge).post(
        kpi_url(entry), {"file": csv_file(HEADER + ROWS), "mapping": "standard"}
    )
    assert response.status_code == 403
    other = make_entry(season=season, by=organizer)  # another enterprise's entry
    assert as_user(outsider).get(kpi_url(other)).status_code == 404


def test_an_applicant_sees_only_the_own_entries(as_user, applicant, organizer, season, entry):
    other = make_entry(season=season, by=organizer)
    assert as_user(applicant).get(kpi_url(other)).status_code == 404
    page = as_user(applicant).get(reverse("kpis:entries", args=[season.slug]))
    assert [e.pk for e, _r, _flags in page.context["rows"]] == [entry.pk]
    assert as_user(applicant).get(reverse("kpis:board", args=[season.slug])).status_code == 403


def give_result(entry, **figures):
    return KpiResult.objects.create(entry=entry, figures=figures, params={})


def test_board_ranks_entries_by_percentile_within_the_peer_group(as_user, organizer, season):
    levels = [0.70, 0.95, 0.80, 0.85, 0.90, 0.75]
    entries = [
        make_entry(season=season, by=organizer, industry="banking" if i < 5 else "telecom")
        for i in range(6)
    ]
    for e, sl in zip(entries, levels, strict=True):
        give_result(e, service_level=sl, abandon_rate=1 - sl)
    draft = make_entry(season=season, by=organizer, status="draft")
    give_result(draft, service_level=1.0)  # drafts are not benchmarked
    response = as_user(organizer).get(
        reverse("kpis:board", args=[season.slug]), {"sort": "service_level"}
    )
    rows = response.context["rows"]
    assert [r["entry"].pk for r in rows] == [entries[i].pk for i in (1, 4, 3, 2, 5, 0)]
    html = response.content.decode()
    assert 'aria-sort="descending"' in html and html.count("aria-sort") == 1  # higher is better
    by_abandon = as_user(organizer).get(
        reverse("kpis:board", args=[season.slug]), {"sort": "abandon_rate"}
    )
    assert 'aria-sort="ascending"' in by_abandon.content.decode()  # lower is better
    policy_url = reverse("kpis:policy", args=[season.slug])
    assert f'href="{policy_url}"' in response.content.decode()  # the organizer's way there
    i = response.context["columns"].index("service_level")
    best = rows[0]["cells"][i]
    assert (best["percentile"], best["heat"]) == (pytest.approx(100 * 5.5 / 6), 9)
    # by industry, the single telecom entry and the five banks: only the banks get percentiles
    by_industry = (
        as_user(organizer)
        .get(
            reverse("kpis:board", args=[season.slug]), {"group": "industry", "sort": "abandon_rate"}
        )
        .context
    )
    telecom = [r for r in by_industry["rows"] if r["entry"].pk == entries[5].pk][0]
    assert telecom["cells"][i]["percentile"] is None
    banks = [r["entry"].pk for r in by_industry["rows"] if r["entry"].center.industry == "banking"]
    assert banks == [entries[i].pk for i in (1, 4, 3, 2, 0)]  # lowest abandon rate first


def test_entry_benchmark_positions_and_scores(organizer, season):
    entries = [make_entry(season=season, by=organizer) for _ in range(5)]
    for e, rate in zip(entries, [0.9, 0.8, 0.7, 0.6, 0.5], strict=True):
        give_result(e, answer_rate=rate, asa_s=100 * rate)
    bench = domain.entry_benchmark(entries[0], entries[0].kpi_results.get())
    rows = {r["key"]: r["position"] for r in bench.rows}
    assert rows["answer_rate"].percentile == pytest.approx(90.0)
    assert rows["answer_rate"].score == Decimal("90.00")
    assert rows["asa_s"].percentile == pytest.approx(10.0)  # the longest wait: lower is better
    assert rows["answer_rate"].stats.median == pytest.approx(0.7)


def test_policy_page_changes_the_variants_and_is_audited(as_user, organizer, judge, season):
    url = reverse("kpis:policy", args=[season.slug])
    assert as_user(judge).get(url).status_code == 403
    data = {
        "sl_seconds": "30",
        "sl_target": "80",
        "abandon_treatment": "ignored",
        "short_abandon_seconds": "0",
        "fcr_days": "3",
        "bad_rows": "skip",
        "max_upload_mb": "100",
        "tolerance_points": "5",
        "min_peers": "5",
    }
    assert as_user(organizer).post(url, data).status_code == 302
    policy = domain.policy_for(season)
    assert policy.engine_params() == {
        "sl_seconds": 30,
        "abandon_treatment": "ignored",
        "short_abandon_seconds": 0,
        "fcr_days": 3,
    }
    data["fcr_days"] = "0"
    response = as_user(organizer).post(url, data)
    assert "fcr_days" in response.context["form"].errors


def test_the_demo_has_figures_for_every_submitted_entry(demo_season):
    from ccaward.applications.enums import COMPETING

    ctx = demo_season
    competing = [e for e in ctx.entries if e.status in COMPETING]
    assert len(ctx.entries) == 40 and len(competing) == 30
    results = domain.latest_results(competing)
    assert set(results) == {e.pk for e in competing}
    assert all(r.figures["offered"] > 1000 for r in results.values())
    flagged = [domain.verification(e, results[e.pk]) for e in competing[:3]]
    assert [sum(bool(v["flagged"]) for v in rows) for rows in flagged] == [0, 0, 1]
    board = domain.board(ctx.season)
    assert len(board["rows"]) == 30
    assert all(c["percentile"] is not None for c in board["rows"][0]["cells"][:6])


def test_reported_figures_are_checked_against_the_computed_ones(
    as_user, applicant, judge, entry, season
):
    give_result(entry, abandon_rate=0.05, aht_s=300.0, fcr_rate=0.80)
    client = as_user(applicant)
    data = {
        "reported-abandon_rate": "2.0",
        "reported-aht_s": "310",
        "reported-fcr_rate": "",
        "reported-acw_s": "",
        "reported-occupancy": "85",
        "reported-save": "1",
    }
    assert client.post(kpi_url(entry), data).status_code == 302
    rows = {r["key"]: r for r in as_user(judge).get(kpi_url(entry)).context["verification"]}
    assert rows["abandon_rate"]["gap"] == pytest.approx(-3.0)  # percentage points
    assert rows["abandon_rate"]["flagged"] is False  # within the default 5 points
    assert rows["aht_s"]["gap"] == pytest.approx(100 * 10 / 300)
    assert rows["aht_s"]["flagged"] is False
    assert rows["occupancy"]["computed"] is None and rows["occupancy"]["flagged"] is None
    assert "fcr_rate" not in rows
    data["reported-abandon_rate"] = "12"
    client = as_user(applicant)  # the test client is shared: sign in again
    assert client.post(kpi_url(entry), data).status_code == 302
    rows = {r["key"]: r for r in client.get(kpi_url(entry)).context["verification"]}
    assert rows["abandon_rate"]["flagged"] is True
    bad = dict(data, **{"reported-abandon_rate": "140"})
    response = client.post(kpi_url(entry), bad)
    assert response.status_code == 200
    assert "abandon_rate" in response.context["reported_form"].errors
    assert as_user(judge).post(kpi_url(entry), data).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_agent_states_and_schedules_give_occupancy_staffing_efficiency_adherence(
    as_user, organizer, entry
):
    states = (
        "agent_key,center,state,started_at,ended_at\n"
        "a1,东方,logged_in,2026-10-01 08:30:00,2026-10-02 12:00:00\n"
        "a1,东方,busy,2026-10-01 09:00:30,2026-10-01 09:03:30\n"
        "a1,东方,acw,2026-10-01 09:03:30,2026-10-01 09:04:00\n"
        "a1,东方,available,2026-10-01 09:04:00,2026-10-01 09:10:50\n"
    )
    schedules = (
        "agent_key,center,activity,started_at,ended_at\n"
        "a1,东方,work,2026-10-01 09:00:00,2026-10-01 09:10:00\n"
    )
    response = as_user(organizer).post(
        kpi_url(entry),
        {
            "file": csv_file(HEADER + ROWS),
            "mapping": "standard",
            "agent_states": csv_file(states, "states.csv"),
            "schedules": csv_file(schedules, "schedules.csv"),
        },
    )
    assert response.status_code == 302
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    upload = InteractionUpload.objects.get()
    assert upload.status == "done" and upload.agent_states_file and upload.schedules_file
    figures = KpiResult.objects.get().figures
    assert figures["occupancy"] == pytest.approx(
        210 / (210 + 410)
    )  # busy+acw over busy+acw+available
    assert figures["staffing_efficiency"] is not None and figures["staffing_efficiency"] > 0
    # scheduled to work 09:00-09:10, on the phones from 09:00:30: 570 of 600 s
    assert figures["adherence"] == pytest.approx(570 / 600)
    page = as_user(organizer).get(kpi_url(entry)).content.decode()
    label = page.index("排班遵从率")
    assert "95.0 %" in page[label : label + 300]
    # schedules alone cannot give adherence: the form says so and keeps nothing
    response = as_user(organizer).post(
        kpi_url(entry),
        {
            "file": csv_file(HEADER + ROWS),
            "mapping": "standard",
            "schedules": csv_file(schedules, "schedules.csv"),
        },
    )
    assert response.status_code == 200
    assert "schedules" in response.context["form"].errors
    assert InteractionUpload.objects.count() == 1


@translation.override("en")
def test_threshold_tables_replace_percentile_scores_and_errors_name_the_line(
    as_user, organizer, season
):
    url = reverse("kpis:policy", args=[season.slug])
    client = as_user(organizer)
    client.cookies["ccaward_language"] = "en"
    bad = client.post(url, {"t-key": "service_level", "t-rows": "70 0\n90 100\n80 50"})
    assert " ".join(bad.context["threshold_form"].errors["rows"]) == (
        "Line 3: 80 after 90; the values must rise from the worst line to the best."
    )
    typo = client.post(url, {"t-key": "service_level", "t-rows": "70 0\neighty 50"})
    assert "Line 2" in " ".join(typo.context["threshold_form"].errors["rows"])
    assert client.post(url, {"t-key": "service_level", "t-rows": "70 0\n90 100"}).status_code == 302
    assert (
        domain.threshold_text("service_level", season.kpi_thresholds.get().rows) == "70 0\n90 100"
    )
    entries = [make_entry(season=season, by=organizer) for _ in range(5)]
    for e, sl in zip(entries, [0.70, 0.75, 0.80, 0.85, 0.95], strict=True):
        give_result(e, service_level=sl, answer_rate=sl)
    bench = domain.entry_benchmark(entries[2], entries[2].kpi_results.get())
    rows = {r["key"]: r["position"] for r in bench.rows}
    assert rows["service_level"].score == Decimal("50.00")  # halfway between 70 % and 90 %
    assert rows["service_level"].method == "thresholds"
    assert rows["answer_rate"].score == Decimal("50.00")  # the percentile, no table
    evidence = {
        r["criterion"].code: r["score"] for r in domain.framework_evidence(entries[2], bench)
    }
    assert evidence["service_level"] == Decimal("50.00")
    assert evidence["customer_satisfaction"] is None  # no CSAT figure
    assert client.post(url, {"t-key": "service_level", "t-rows": ""}).status_code == 302
    assert not season.kpi_thresholds.exists()


def monthly_post(rows, existing=0):
    data = {
        "monthly-TOTAL_FORMS": str(len(rows)),
        "monthly-INITIAL_FORMS": str(existing),
        "monthly-MIN_NUM_FORMS": "0",
        "monthly-MAX_NUM_FORMS": "24",
        "monthly-save": "1",
    }
    for i, row in enumerate(rows):
        for k, v in row.items():
            data[f"monthly-{i}-{k}"] = v
    return data


def test_monthly_figures_entered_by_hand_give_figures_until_records_arrive(
    as_user, applicant, entry
):
    client = as_user(applicant)
    rows = [
        {
            "month": "2026-08",
            "offered": "1000",
            "answered": "900",
            "abandoned": "100",
            "answered_within_sl": "800",
            "aht_s": "200",
        },
        {
            "month": "2026-09",
            "offered": "3000",
            "answered": "2900",
            "abandoned": "300",
            "answered_within_sl": "2400",
            "aht_s": "300",
        },
    ]
    response = client.post(kpi_url(entry), monthly_post(rows))
    assert response.status_code == 200  # 2900 + 300 > 3000
    assert response.context["monthly"].forms[1].errors["abandoned"]
    assert 'value="2900"' in response.content.decode()  # what was typed is kept
    rows[1]["abandoned"] = "100"
    assert client.post(kpi_url(entry), monthly_post(rows)).status_code == 302
    result = domain.latest_results([entry])[entry.pk]
    assert result.upload is None and [m["month"] for m in result.monthly] == ["2026-08", "2026-09"]
    assert result.figures["service_level"] == pytest.approx(0.8)
    assert result.figures["answered"] == 3800
    # a result from records takes precedence over the monthly one
    from_records = give_result(entry, service_level=0.5)
    from_records.upload = InteractionUpload.objects.create(
        entry=entry, file="kpi/x.csv", original_name="x.csv", size=1
    )
    from_records.save()
    assert domain.latest_results([entry])[entry.pk].pk == from_records.pk


def test_the_season_menu_offers_only_what_the_person_may_open(
    as_user, applicant, organizer, season
):
    board = reverse("kpis:board", args=[season.slug])
    audit = reverse("seasons:audit", args=[season.slug])
    page = as_user(applicant).get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    assert board not in page and audit not in page
    page = as_user(organizer).get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    assert board in page and audit in page


def test_threshold_errors_are_in_the_page_language(as_user, organizer, season):
    url = reverse("kpis:policy", args=[season.slug])
    bad = as_user(organizer).post(url, {"t-key": "asa_s", "t-rows": "60 0\n80 100"})
    assert " ".join(bad.context["threshold_form"].errors["rows"]) == (
        "第 2 行：80 在 60 之后；各行数值须由最差到最好依次递减。"
    )


def test_attrition_from_the_application_form_is_benchmarked_and_feeds_the_framework(
    organizer, season
):
    from ccaward.kpis.models import ReportedFigure

    entries = [make_entry(season=season, by=organizer) for _ in range(5)]
    for e, attrition in zip(entries, [0.10, 0.20, 0.30, 0.40, 0.50], strict=True):
        give_result(e, answer_rate=0.9)
        ReportedFigure.objects.create(entry=e, key="attrition_rate", value=attrition, source="form")
    bench = domain.entry_benchmark(entries[0], entries[0].kpi_results.get())
    rows = {r["key"]: r for r in bench.rows}
    assert rows["attrition_rate"]["value"] == pytest.approx(0.10)
    assert rows["attrition_rate"]["position"].percentile == pytest.approx(90.0)  # lowest is best
    evidence = {e["indicator"]: e["score"] for e in domain.framework_evidence(entries[0], bench)}
    assert evidence["attrition_rate"] == Decimal("90.00")
    board = domain.board(season, sort="attrition_rate")
    assert [r["entry"].pk for r in board["rows"]][:2] == [entries[0].pk, entries[1].pk]
