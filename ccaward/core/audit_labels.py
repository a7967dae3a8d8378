"""How the core's audit events and job messages read (registered by core.apps)."""

from django.utils.translation import pgettext_lazy

from ccaward.core import job_text
from ccaward.core.audit_text import Label
from ccaward.core.worker import LOST_MESSAGE

AUDIT_LABELS = {
    "job.worker_lost": Label(
        pgettext_lazy("audit", "Job failed: the worker stopped"),
        pgettext_lazy("audit", "The background job “%(job)s” failed: the worker stopped"),
        lambda data: {
            "job": job_text.render(
                data.get("title_key", ""), data.get("title_params"), data.get("title", "")
            )
        },
    ),
}

JOB_TEXTS = {
    LOST_MESSAGE: pgettext_lazy(
        "job", "The background worker stopped while this ran; start it again (upload again)."
    ),
}
