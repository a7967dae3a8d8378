"""KPI uploads that would inflate are refused in the web process with the web
process's memory bounded (measured); the worker refuses an over-large workbook
before openpyxl reads it; a computation that needs more memory than the worker's
limit fails with a clear message on the job and the upload."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from ccaward.applications import files
from ccaward.core import jobs, memory
from ccaward.core.models import Job
from ccaward.kpis import tasks
from ccaward.kpis.models import InteractionUpload
from tests import zipbombs
from tests.factories import make_entry
from tests.kpis.test_kpis import HEADER, ROWS, csv_file, kpi_url, open_data_collection

MiB = 1024 * 1024


@pytest.fixture(autouse=True)
def _language_restored():
    """The test client leaves the last request's language active: restore it, so
    later tests see the default language."""
    language = translation.get_language()
    yield
    if language:
        translation.activate(language)
    else:
        translation.deactivate()


@pytest.fixture
def entry(season, organizer, applicant):
    open_data_collection(season, organizer)
    e = make_entry(season=season, by=organizer)
    e.center.organization.members.add(applicant)
    return e


def test_an_xlsx_whose_content_types_inflate_is_refused_with_memory_bounded(
    client_en, organizer, entry, monkeypatch
):
    bomb = zipbombs.content_types_bomb(zipbombs.XLSX_TYPES, mib=300)
    peaks = []
    sniff = files.sniff

    def measured(*args, **kwargs):  # the web process's allocations while it checks
        tracemalloc.start()
        try:
            return sniff(*args, **kwargs)
        finally:
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()

    monkeypatch.setattr(files, "sniff", measured)
    response = client_en(organizer).post(
        kpi_url(entry),
        {"file": SimpleUploadedFile("calls.xlsx", bomb, "application/zip"), "mapping": "standard"},
    )
    assert response.status_code == 200 and not InteractionUpload.objects.exists()
    errors = " ".join(response.context["form"].errors["file"])
    assert "“calls.xlsx” is refused: its part [Content_Types].xml is compressed" in errors
    assert peaks and max(peaks) < 4 * MiB, f"the check allocated {max(peaks) / MiB:.0f} MB"


def test_the_web_process_stays_small_checking_a_bomb():
    """The check in a fresh process: its maximum resident size grows by a few MB,
    not by the 300 MB the package declares."""
    script = textwrap.dedent(
        """
        import io, resource, django
        django.setup()
        from ccaward.applications import files
        from django.core.exceptions import ValidationError
        from tests import zipbombs
        bomb = io.BytesIO(zipbombs.content_types_bomb(zipbombs.XLSX_TYPES, mib=300))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            files.sniff(bomb)
        except ValidationError:
            pass
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "ccaward.config.settings", **__import__("os").environ},
    )
    grown_kb = int(out.stdout.strip().splitlines()[-1])
    assert grown_kb < 16 * 1024, f"grew by {grown_kb / 1024:.0f} MB"


@pytest.mark.django_db(transaction=True)
def test_a_memory_error_in_the_worker_fails_the_job_and_the_upload_clearly(
    as_user,
    applicant,
    entry,
    monkeypatch,
    settings,
):
    as_user(applicant).post(
        kpi_url(entry), {"file": csv_file(HEADER + ROWS), "mapping": "standard"}
    )

    def needs_too_much(upload, report):
        raise MemoryError

    monkeypatch.setattr(tasks, "compute_upload", needs_too_much)
    settings.WORKER_MEMORY_MB = 3000
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    upload = InteractionUpload.objects.get()
    with translation.override(upload.uploaded_by.language or "zh-hans"):  # the uploader's
        expected = memory.exhausted_message()
    assert "3000 MB" in expected
    assert (upload.status, upload.error) == ("failed", expected)
    assert (upload.job.status, upload.job.message) == ("failed", expected)


@pytest.mark.django_db
def test_jobs_say_plainly_that_memory_ran_out(settings):
    settings.WORKER_MEMORY_MB = 2048
    job = Job.objects.create(kind="x", title="x")

    def work(report):
        return bytearray(1) * (1 << 62)  # far beyond any machine

    with pytest.raises(MemoryError), translation.override("en"):
        jobs.run(job.pk, work)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.message == "The computation needed more memory than the worker may use (2048 MB)."


def test_the_worker_command_limits_its_own_memory():
    """``ccaward manage worker`` sets the address-space limit before it takes tasks,
    so an allocation beyond it is a MemoryError, not the machine's memory."""
    script = textwrap.dedent(
        """
        import resource, django
        django.setup()
        from ccaward.core import memory
        from django_tasks_db.management.commands import db_worker
        db_worker.Command.handle = lambda self, *a, **k: None  # take no task
        from django.core.management import call_command
        call_command("worker")
        from django.utils import translation
        translation.activate("en")
        print(resource.getrlimit(resource.RLIMIT_AS)[0] // 1048576, memory.limit_mb())
        try:
            bytearray(3000 * 1048576)
        except MemoryError:
            print(memory.exhausted_message())
        """
    )
    env = {
        **__import__("os").environ,
        "DJANGO_SETTINGS_MODULE": "ccaward.config.settings",
        "CCAWARD_WORKER_MEMORY_MB": "2500",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    ).stdout.splitlines()
    assert out[-2:] == [
        "2500 2500",
        "The computation needed more memory than the worker may use (2500 MB).",
    ]
    assert memory.limit_mb() > 0
