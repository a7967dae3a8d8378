"""An upload whose computation died with the worker is failed with the job."""

from django.dispatch import receiver

from ccaward.core.models import Job
from ccaward.core.worker import LOST_MESSAGE, job_lost
from ccaward.kpis.models import InteractionUpload


@receiver(job_lost, sender=Job)
def fail_upload(sender, job: Job, **kwargs) -> None:
    """Side effect: the job's queued upload marked failed with the job's message."""
    InteractionUpload.objects.filter(job=job, status=InteractionUpload.Status.QUEUED).update(
        status=InteractionUpload.Status.FAILED, error=LOST_MESSAGE
    )
