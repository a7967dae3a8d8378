import pytest

from ccaward.core import jobs
from ccaward.core.models import AuditEvent, Job


def test_action_labels_follow_the_language(season):
    from django.utils import translation

    event = AuditEvent.objects.get(season=season, action="season.created")
    with translation.override("en"):
        assert event.action_label == "Season created"
    with translation.override("zh-hans"):
        assert event.action_label == "创建评选活动"


def test_a_failing_job_records_its_error(db):
    job = Job.objects.create(kind="t", title="t", total=3)

    def work(report):
        report(1, 3, "first")
        raise RuntimeError("the ACD file is truncated")

    with pytest.raises(RuntimeError):
        jobs.run(job.pk, work)
    job.refresh_from_db()
    assert (job.status, job.done) == ("failed", 1)
    assert job.message == "RuntimeError: the ACD file is truncated"
    assert job.finished_at is not None


def test_job_progress_page_is_private(as_user, organizer, outsider, season):
    job = Job.objects.create(kind="t", title="t", season=season, requested_by=organizer, total=4)
    jobs.progress(job.pk, done=1)
    page = as_user(organizer).get(f"/jobs/{job.pk}/")
    assert "1 / 4" in page.content.decode()
    assert 'hx-trigger="load delay:1s"' in page.content.decode()  # still polling
    assert as_user(outsider).get(f"/jobs/{job.pk}/").status_code == 404
