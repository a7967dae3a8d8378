from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ccaward.core"
    label = "core"
    verbose_name = "ccaward core"

    def ready(self):
        from ccaward.core import audit_labels, audit_text, checks, job_text  # noqa: F401

        # checks registers the system checks; the core's own audit and job texts:
        audit_text.register(audit_labels.AUDIT_LABELS)
        job_text.register(audit_labels.JOB_TEXTS)
