"""The data period: the season's KPI policy sets the period the records must cover;
records outside it are reported and left out; volumes are compared per day covered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from ccaward.engine import benchmark
from ccaward.kpis import domain
from ccaward.kpis.models import InteractionUpload, KpiResult
from tests.factories import make_entry
from tests.kpis.test_kpis import HEADER, ROWS, csv_file, kpi_url, open_data_collection

# ROWS arrive on 2026-10-01 and 02; one more contact from 2010
OLD = "c9,东方,voice,k9,2010-08-01 09:00:00,2010-08-01 09:00:05,2010-08-01 09:00:10,2010-08-01 09:01:10,,60,0,0\n"


@pytest.fixture
def entry(season, organizer, applicant):
    open_data_collection(season, organizer)
    e = make_entry(season=season, by=organizer)
    e.center.organization.members.add(applicant)
    return e


def test_the_period_is_months_up_to_a_date_or_given_dates(organizer, season):
    policy = domain.save_policy(
        season=season, values={"period_months": 12, "period_end": "2026-09-30"}, by=organizer
    )
    assert policy.period() == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    policy = domain.save_policy(
        season=season,
        values={"period_months": None, "period_start": "2026-10-01", "period_end": "2026-10-31"},
        by=organizer,
    )
    assert policy.period() == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    for values, field in (
        ({"period_months": 6}, "period_start"),  # both a start and months
        ({"period_start": "2026-11-01"}, "period_start"),  # after the end
        ({"period_end": None}, "period_end"),  # a start without an end
    ):
        with pytest.raises(ValidationError) as caught:
            domain.save_policy(season=season, values=values, by=organizer)
        assert field in caught.value.message_dict
    assert domain.policy_for(season).period() == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    cleared = {"period_start": None, "period_end": None}
    assert domain.save_policy(season=season, values=cleared, by=organizer).period() is None


def test_the_policy_page_sets_the_period(as_user, organizer, season):
    url = reverse("kpis:policy", args=[season.slug])
    form = as_user(organizer).get(url).content.decode()
    assert 'name="period_months"' in form and 'type="date"' in form
    data = {
        "sl_seconds": "20",
        "sl_target": "80",
        "abandon_treatment": "failed",
        "short_abandon_seconds": "5",
        "fcr_days": "7",
        "bad_rows": "reject",
        "max_upload_mb": "100",
        "tolerance_points": "5",
        "min_peers": "5",
        "period_months": "12",
        "period_end": "2026-09-30",
    }
    assert as_user(organizer).post(url, data).status_code == 302
    assert domain.policy_for(season).period() == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    response = as_user(organizer).post(url, {**data, "period_end": ""})
    assert "period_end" in response.context["form"].errors


@pytest.mark.django_db(transaction=True)
def test_records_outside_the_period_are_reported_and_left_out(
    as_user, applicant, organizer, season, entry
):
    domain.save_policy(
        season=season,
        values={"period_start": "2026-10-01", "period_end": "2026-12-31", "bad_rows": "reject"},
        by=organizer,
    )
    client = as_user(applicant)
    client.post(kpi_url(entry), {"file": csv_file(HEADER + ROWS + OLD), "mapping": "standard"})
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    upload = InteractionUpload.objects.get()
    assert upload.status == "done"
    (notice,) = upload.report["notices"]
    assert (notice["rule"], notice["count"], notice["rows"]) == ("outside_period", 1, [5])
    assert (notice["params"]["found_start"], notice["params"]["found_end"]) == (
        "2010-08-01",
        "2010-08-01",
    )
    result = KpiResult.objects.get()
    assert result.figures["offered"] == 3  # the 2010 contact is left out
    assert str(result.period_start) == "2026-10-01"
    page = client.get(kpi_url(entry)).content.decode()
    assert "不在本届数据期间" in page and "2010-08-01" in page
    assert "每天 1.5" in page  # 3 offered over the 2 days covered, beside the total

    # a file with nothing inside the period is refused, saying both ranges
    client.post(kpi_url(entry), {"file": csv_file(HEADER + OLD, "old.csv"), "mapping": "standard"})
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    old = InteractionUpload.objects.get(original_name="old.csv")
    assert old.status == "failed"
    assert "2026-10-01 – 2026-12-31" in old.error and "2010-08-01" in old.error


def test_volumes_are_compared_per_day_covered(organizer, season):
    entries = [make_entry(season=season, by=organizer) for _ in range(5)]
    # a month of records (30 days, 3,000 offered) beside peers' one week (700 offered):
    # the same 100 a day
    spans = [30, 7, 7, 7, 7]
    for e, days in zip(entries, spans, strict=True):
        KpiResult.objects.create(
            entry=e,
            params={},
            figures={"offered": 100 * days, "answer_rate": 0.9},
            daily=[
                {"day": (dt.date(2026, 10, 1) + dt.timedelta(d)).isoformat()} for d in range(days)
            ],
        )
    bench = domain.entry_benchmark(entries[0], entries[0].kpi_results.get())
    row = next(r for r in bench.rows if r["key"] == "offered")
    assert row["value"] == 3000  # the total, as computed
    assert row["per_day"] == pytest.approx(100.0)
    assert row["position"].stats.median == pytest.approx(100.0)  # not 700
    # monthly figures entered by hand count the days of their months
    assert benchmark.days_covered(months=["2026-02", "2026-03"]) == 28 + 31


def test_per_day_helpers():
    assert benchmark.per_day(300, 3) == 100.0
    assert benchmark.per_day(None, 3) is None and benchmark.per_day(5, 0) is None
    assert benchmark.days_covered(days=["2026-01-01", "2026-01-01", "2026-01-03"]) == 2
    assert {"offered", "answered", "abandoned"} <= set(benchmark.VOLUMES)
    assert "answer_rate" not in benchmark.VOLUMES
