from django_tasks import task

from ccaward.core import jobs


@task()
def compute_upload_task(job_id: int, upload_id: int) -> None:
    """Compute an upload's indicators in the background, reporting progress."""
    from ccaward.kpis.domain import compute_upload
    from ccaward.kpis.models import InteractionUpload

    def work(report):
        upload = InteractionUpload.objects.select_related("entry__season", "entry__center").get(
            pk=upload_id
        )
        result = compute_upload(upload, report)
        return {"result": result.pk, "offered": result.figures.get("offered")}

    jobs.run(job_id, work)
