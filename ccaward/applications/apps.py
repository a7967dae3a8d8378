from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "ccaward.applications"
    label = "applications"
    verbose_name = "Organizations, contact centers and entries"

    def ready(self):
        from ccaward.applications import counters, demo  # noqa: F401  (dashboard counts, demo step)
