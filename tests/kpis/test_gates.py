"""KPI data needs data collection or benchmarking open: the page, the CLI and the
domain refuse an applicant in a closed stage (nothing stored); organizers correct
data at any time and the audit log says so."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ccaward.applications import domain as applications
from ccaward.cli import main as ccaward
from ccaward.core.errors import StageClosed
from ccaward.core.models import AuditEvent
from ccaward.kpis import domain
from ccaward.kpis.models import InteractionUpload, MonthlyFigure, ReportedFigure
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import StageKind
from tests.factories import make_entry
from tests.kpis.test_kpis import HEADER, ROWS, csv_file, kpi_url, monthly_post

MONTH_ROWS = [
    {
        "month": "2026-08",
        "offered": "1000",
        "answered": "900",
        "abandoned": "100",
        "answered_within_sl": "800",
        "aht_s": "200",
    }
]


def set_stage(season, organizer, action, kind=StageKind.DATA_COLLECTION):
    seasons.override_stage(
        stage=season.stages.get(kind=kind), by=organizer, action=action, reason="测试"
    )


@pytest.fixture
def entry(season, organizer, applicant):
    e = make_entry(season=season, by=organizer)
    e.center.organization.members.add(applicant)
    return e


def test_the_test_season_has_no_data_stage_open(season, entry):
    """The calendar of the tests: data collection opens in ten days."""
    stage = season.stages.get(kind=StageKind.DATA_COLLECTION)
    assert stage.opens_at > timezone.now()
    with pytest.raises(StageClosed):
        domain.save_monthly(entry=entry, rows=MONTH_ROWS, by=None)


def test_the_page_refuses_a_closed_stage_with_the_closed_page(as_user, applicant, entry):
    client = as_user(applicant)
    response = client.post(kpi_url(entry), {"file": csv_file(HEADER + ROWS), "mapping": "standard"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "数据采集" in html and "organizer@example.cn" in html
    assert "core/stage_closed.html" in [t.name for t in response.templates]
    response = client.post(kpi_url(entry), monthly_post(MONTH_ROWS))
    assert response.status_code == 409
    data = {"reported-aht_s": "300", "reported-save": "1"}
    assert client.post(kpi_url(entry), data).status_code == 409
    assert not InteractionUpload.objects.exists()
    assert not MonthlyFigure.objects.exists() and not ReportedFigure.objects.exists()


def test_the_page_hides_the_forms_and_gives_the_dates(as_user, applicant, judge, season, entry):
    page = as_user(applicant).get(kpi_url(entry))
    html = page.content.decode()
    assert page.context["can_upload"] is False
    assert 'id="stage-closed"' in html and 'name="monthly-save"' not in html
    assert 'enctype="multipart/form-data"' not in html
    stage = season.stages.get(kind=StageKind.DATA_COLLECTION)
    assert timezone.localtime(stage.opens_at).strftime("%Y-%m-%d %H:%M") in html
    # a judge never gives data: no word of the stage
    assert 'id="stage-closed"' not in as_user(judge).get(kpi_url(entry)).content.decode()


def test_the_page_offers_the_forms_while_benchmarking_is_open(
    as_user, applicant, organizer, season, entry
):
    set_stage(season, organizer, "open", kind=StageKind.BENCHMARKING)
    client = as_user(applicant)
    html = client.get(kpi_url(entry)).content.decode()
    assert 'id="stage-closed"' not in html and 'name="monthly-save"' in html
    assert client.post(kpi_url(entry), monthly_post(MONTH_ROWS)).status_code == 302
    assert MonthlyFigure.objects.filter(entry=entry).count() == 1


def test_a_judge_is_refused_not_told_about_the_stage(as_user, judge, entry):
    response = as_user(judge).post(kpi_url(entry), monthly_post(MONTH_ROWS))
    assert response.status_code == 403


def test_an_organizer_corrects_through_the_page_and_the_log_says_so(as_user, organizer, entry):
    client = as_user(organizer)
    html = client.get(kpi_url(entry)).content.decode()
    assert 'name="monthly-save"' in html
    assert "作为主办方，您仍可更正数据" in html
    assert client.post(kpi_url(entry), monthly_post(MONTH_ROWS)).status_code == 302
    response = client.post(kpi_url(entry), {"file": csv_file(HEADER + ROWS), "mapping": "standard"})
    assert response.status_code == 302
    notes = {
        e.action: e.data.get("note") for e in AuditEvent.objects.filter(action__startswith="kpi.")
    }
    note = "organizer correction while closed: data_collection, benchmarking"
    assert notes == {"kpi.monthly_saved": note, "kpi.uploaded": note}


def test_a_duplicate_month_is_refused_in_its_row(as_user, applicant, organizer, season, entry):
    set_stage(season, organizer, "open")
    rows = MONTH_ROWS + [dict(MONTH_ROWS[0], offered="2000")]
    response = as_user(applicant).post(kpi_url(entry), monthly_post(rows))
    assert response.status_code == 200
    errors = response.context["monthly"].forms[1].errors["month"]
    assert errors == ["第 2 行，月份：每个月份只能填写一次。"]
    assert not MonthlyFigure.objects.exists()


def test_monthly_rows_are_checked_by_the_domain(organizer, entry):
    with pytest.raises(ValidationError) as info:
        domain.save_monthly(
            entry=entry,
            rows=[{**MONTH_ROWS[0], "month": "2026/08", "offered": "-3", "aht_s": "fast"}],
            by=organizer,
        )
    assert set(info.value.message_dict) == {"rows.0.month", "rows.0.offered", "rows.0.aht_s"}
    assert info.value.message_dict["rows.0.month"] == [
        "第 1 行，月份：月份请写成 YYYY-MM，例如 2026-08。"
    ]
    result = domain.save_monthly(entry=entry, rows=MONTH_ROWS, by=organizer)
    assert result.figures["service_level"] == pytest.approx(0.8)
    assert domain.monthly_rows(entry)[0]["offered"] == 1000


# ---------------------------------------------------------------- reported figures


def test_a_figure_entered_on_the_kpi_page_wins_over_the_form(organizer, season, entry):
    set_stage(season, organizer, "open")
    domain.save_reported(entry=entry, values={"aht_s": 250.0}, by=organizer)
    written = domain.save_form_figures(
        entry=entry, figures={"aht_s": 300.0, "abandon_rate": 0.04}, by=None
    )
    assert written == {"abandon_rate": 0.04}
    figures = {f.key: (f.value, f.source) for f in entry.reported.all()}
    assert figures == {"aht_s": (250.0, "manual"), "abandon_rate": (0.04, "form")}
    event = AuditEvent.objects.get(action="kpi.form_figures")
    assert event.data == {"figures": {"abandon_rate": 0.04}, "kept": ["aht_s"]}
    # the same figures again change nothing and log nothing
    assert domain.save_form_figures(entry=entry, figures={"abandon_rate": 0.04}, by=None) == {}
    assert AuditEvent.objects.filter(action="kpi.form_figures").count() == 1
    with pytest.raises(ValidationError):
        domain.save_form_figures(entry=entry, figures={"shoe_size": 42}, by=None)


def test_submission_copies_form_figures_except_manual_ones(organizer, season, entry):
    """applications.sync_typed hands the form's figures to the KPI app."""
    set_stage(season, organizer, "open")
    answers = dict(entry.answers or {})
    assert "indicators.abandon.actual" in applications.form_of(entry).parsed.answer_keys()
    answers["indicators.abandon.actual"] = "3.5"
    answers["indicators.aht.actual"] = "280"
    entry.answers = answers
    entry.save(update_fields=["answers"])
    domain.save_reported(entry=entry, values={"aht_s": 250.0}, by=organizer)
    applications.sync_typed(entry=entry, result=applications.validation(entry), by=None)
    figures = {f.key: (f.value, f.source) for f in entry.reported.all()}
    assert figures["abandon_rate"] == (pytest.approx(0.035), "form")
    assert figures["aht_s"] == (250.0, "manual")


# ---------------------------------------------------------------- the CLI


@pytest.fixture
def months_csv(tmp_path):
    path = tmp_path / "months.csv"
    path.write_text(
        "month,offered,answered,abandoned,answered_within_sl,aht_s\n"
        "2026-08,1000,900,100,800,200\n"
        "2026-09,3000,2900,100,2400,\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def records_csv(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


def test_the_cli_refuses_a_closed_stage(applicant, season, entry, months_csv, records_csv, capsys):
    argv = [season.slug, str(entry.pk)]
    assert ccaward(["kpi", "monthly", *argv, str(months_csv), "--as", applicant.email]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ccaward kpi: error: ")
    assert "数据采集" in err and "organizer@example.cn" in err
    assert ccaward(["kpi", "upload", *argv, str(records_csv), "--as", applicant.email]) == 2
    assert "数据采集" in capsys.readouterr().err
    assert not MonthlyFigure.objects.exists() and not InteractionUpload.objects.exists()


def test_the_cli_gives_data_while_the_stage_is_open(
    applicant, organizer, season, entry, months_csv, records_csv, capsys
):
    set_stage(season, organizer, "open")
    argv = [season.slug, str(entry.pk)]
    assert ccaward(["kpi", "monthly", *argv, str(months_csv), "--as", applicant.email]) == 0
    assert "2 months saved; service level 80.0 %" in capsys.readouterr().out
    assert [m.month.month for m in MonthlyFigure.objects.filter(entry=entry)] == [8, 9]
    assert ccaward(["kpi", "upload", *argv, str(records_csv), "--as", applicant.email]) == 0
    upload = InteractionUpload.objects.get()
    assert (upload.original_name, upload.uploaded_by, upload.status) == (
        "records.csv",
        applicant,
        "queued",
    )
    assert f"upload {upload.pk} (records.csv) queued as job {upload.job_id}" in (
        capsys.readouterr().out
    )


def test_the_cli_checks_the_person_and_the_rows(
    applicant, judge, organizer, season, entry, tmp_path, capsys
):
    set_stage(season, organizer, "open")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "month,offered,answered,abandoned,answered_within_sl\n2026-08,100,90,20,80\n",
        encoding="utf-8",
    )
    argv = [season.slug, str(entry.pk), str(bad)]
    assert ccaward(["kpi", "monthly", *argv, "--as", judge.email]) == 2
    assert capsys.readouterr().err == (
        f"ccaward kpi: error: {judge.email} may not give the KPI data of entry {entry.pk}\n"
    )
    assert ccaward(["kpi", "monthly", *argv, "--as", "nobody@example.cn"]) == 2
    assert capsys.readouterr().err == (
        "ccaward kpi: error: no person with the e-mail 'nobody@example.cn'\n"
    )
    assert ccaward(["kpi", "monthly", *argv, "--as", applicant.email]) == 2
    assert "第 1 行，排队放弃量：" in capsys.readouterr().err
    other = make_entry(season=season, by=organizer)
    argv = [season.slug, str(other.pk), str(bad)]
    assert ccaward(["kpi", "monthly", *argv, "--as", applicant.email]) == 2
    assert capsys.readouterr().err == (
        f"ccaward kpi: error: {applicant.email} has no entry {other.pk} in {season.slug}\n"
    )


def test_the_cli_acts_only_as_an_active_person(
    applicant, organizer, season, entry, months_csv, capsys
):
    set_stage(season, organizer, "open")
    applicant.is_active = False
    applicant.save(update_fields=["is_active"])
    argv = [season.slug, str(entry.pk), str(months_csv), "--as", applicant.email]
    assert ccaward(["kpi", "monthly", *argv]) == 2
    assert capsys.readouterr().err == (
        f"ccaward kpi: error: no person with the e-mail {applicant.email!r}\n"
    )
    assert not MonthlyFigure.objects.exists()


def test_the_organizer_corrects_through_the_cli(organizer, season, entry, months_csv, capsys):
    argv = [season.slug, str(entry.pk), str(months_csv), "--as", organizer.email]
    assert ccaward(["kpi", "monthly", *argv]) == 0
    event = AuditEvent.objects.get(action="kpi.monthly_saved")
    assert event.data["note"].startswith("organizer correction while closed")
