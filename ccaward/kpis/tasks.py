import duckdb
from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext
from django_tasks import task

from ccaward.core import jobs, memory
from ccaward.kpis.domain import UploadRefused, compute_upload
from ccaward.kpis.models import InteractionUpload


@task()
def compute_upload_task(job_id: int, upload_id: int) -> None:
    """Compute an upload's indicators in the background, reporting progress."""

    def work(report):
        upload = InteractionUpload.objects.select_related(
            "entry__season", "entry__center", "uploaded_by"
        ).get(pk=upload_id)
        language = getattr(upload.uploaded_by, "language", "") or settings.LANGUAGE_CODE
        with translation.override(language):  # progress and messages in the uploader's
            try:
                result = compute_upload(upload, report)
            except UploadRefused:
                raise  # the upload is marked failed with the reason
            except (MemoryError, duckdb.OutOfMemoryException) as exc:
                # the worker's limit (or DuckDB's) reached: the page and the job say so
                InteractionUpload.objects.filter(pk=upload.pk).update(
                    status=InteractionUpload.Status.FAILED, error=memory.exhausted_message()
                )
                raise MemoryError(str(exc)) from exc
            except Exception:
                # never left "queued": the page says it failed (the job keeps the cause)
                InteractionUpload.objects.filter(pk=upload.pk).update(
                    status=InteractionUpload.Status.FAILED,
                    error=pgettext(
                        "kpi", "The computation failed unexpectedly; please tell the organizers."
                    ),
                )
                raise
        return {"result": result.pk, "offered": result.figures.get("offered")}

    jobs.run(job_id, work)
